"""Exports on valid but awkward text: control characters pasted from Word, cells that
look like formulas, long and clashing sheet names, and real cell types."""

from __future__ import annotations

import csv
from datetime import datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from vernelogg.cli import main
from vernelogg.domain.formatting import OSLO
from vernelogg.domain.text import clean_text, safe_cell
from vernelogg.reports.xlsx import write_tables_xlsx
from vernelogg.services import areas
from vernelogg.services import deviations as dev
from vernelogg.services.annual.model import TableData
from vernelogg.services.tabular import sheet_name

pytestmark = pytest.mark.faults

WORD = "Linje én\x0bLinje to\x0cside\x00\x01\x1f\x7f slutt"
FORMULAS = ['=HYPERLINK("http://x.example","klikk")', "@SUM(A1:A9)", "+47 123", "-1+1"]


def _register(db, area, description, **kw):
    return dev.register_deviation(
        db,
        area_id=area.id,
        description=description,
        occurred_at=datetime(2026, 3, 4, 14, 5, tzinfo=OSLO),
        kind="near_miss",
        severity="medium",
        reporter_name="Lise Andersen",
        **kw,
    )


def test_clean_text_keeps_breaks_and_drops_control_characters():
    assert clean_text(WORD) == "Linje én\nLinje to\nside slutt"
    assert clean_text("a\r\nb\rc\td") == "a\nb\nc\td"
    assert clean_text("bytes \udcff her") == "bytes  her"
    assert [safe_cell(f) for f in FORMULAS] == ["'" + f for f in FORMULAS]


def test_control_characters_are_cleaned_on_the_way_in(org_db):
    area = areas.create_area(org_db, name="Lager")
    ref = _register(org_db, area, WORD, location="Port\x0b3")
    dev.add_comment(org_db, ref.id, "Kommentar\x0bfra Word")
    detail = dev.get_deviation(org_db, ref.id)
    assert detail.description == "Linje én\nLinje to\nside slutt"
    assert detail.location == "Port\n3"
    assert any(e.text == "Kommentar\nfra Word" for e in detail.timeline)


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_text_stored_with_control_characters_still_exports(org_db, tmp_path, suffix):
    """Written before the cleaning (or by another program): cleaned on the way out."""
    area = areas.create_area(org_db, name="Lager")
    ref = _register(org_db, area, "Ren tekst")
    # PostgreSQL cannot store a NUL at all; SQLite can, so it gets the whole word.
    stored = WORD if org_db.engine.dialect.name == "sqlite" else WORD.replace("\x00", "")
    with org_db.write() as s:
        s.execute(
            text("UPDATE deviation SET description = :d WHERE number = :n"),
            {"d": stored, "n": ref.number},
        )
    _register(org_db, area, "Etterpå")
    out = tmp_path / f"avvik.{suffix}"
    assert main(["--db", org_db.url, "export", "deviations", "-o", str(out)]) == 0
    if suffix == "xlsx":
        values = [c for row in load_workbook(out).active.iter_rows(values_only=True) for c in row]
    else:
        values = out.read_text(encoding="utf-8-sig").split(";")
    assert not any(isinstance(v, str) and ("\x0b" in v or "\x00" in v) for v in values)
    assert any(isinstance(v, str) and "Linje to" in v for v in values)


def test_csv_cells_that_look_like_formulas_are_escaped(org_db, tmp_path):
    area = areas.create_area(org_db, name="=Lager")
    for formula in FORMULAS:
        _register(org_db, area, formula)
    out = tmp_path / "avvik.csv"
    assert main(["--db", org_db.url, "export", "deviations", "-o", str(out)]) == 0
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    assert sorted(r["Hva skjedde"] for r in rows) == sorted("'" + f for f in FORMULAS)
    assert {r["Verneområde"] for r in rows} == {"'=Lager"}
    for row in rows:
        assert not any(v[:1] in "=+-@" for v in row.values() if v), row


def test_deviation_xlsx_has_real_dates(org_db, tmp_path):
    area = areas.create_area(org_db, name="Lager")
    ref = _register(org_db, area, "Pall falt")
    out = tmp_path / "avvik.xlsx"
    assert main(["--db", org_db.url, "export", "deviations", "-o", str(out)]) == 0
    ws = load_workbook(out).active
    assert isinstance(ws["B2"].value, datetime) and ws["A2"].value == ref.number


def test_table_workbook_has_real_types_and_good_sheet_names(tmp_path):
    long = "Avvik etter type og alvorlighetsgrad i verneområdene"
    tables = [
        TableData(
            long,
            ("Navn", "Antall", "Dato", "Endring"),
            (("=A1", "1 234", "05.03.2026", "-3"),),
            (1,),
        ),
        TableData(
            long,
            ("Navn", "Antall", "Dato", "Endring"),
            (("x\x0by", "12,5", "31.02.2026", "+2"),),
            (1,),
        ),
        TableData("avvik etter type", ("A",), (("a",),), ()),
        TableData("Avvik etter type", ("A",), (("a",),), ()),
    ]
    out = tmp_path / "tabeller.xlsx"
    write_tables_xlsx(out, tables)
    wb = load_workbook(out)
    names = wb.sheetnames
    assert len({n.casefold() for n in names}) == 4 and all(len(n) <= 31 for n in names)
    assert names[0] == "Avvik etter type og"  # cut at a word
    assert names[1].endswith("(2)") and names[3].endswith("(2)")
    first, second = wb.worksheets[0], wb.worksheets[1]
    assert [c.value for c in first[2]] == ["'=A1", 1234, datetime(2026, 3, 5), -3]
    assert [c.value for c in second[2]] == ["x\ny", 12.5, "31.02.2026", 2]
    assert first["C2"].number_format == "DD.MM.YYYY"


def test_sheet_name_rules():
    used: set[str] = set()
    assert sheet_name("Risiko: høy/middels [2026]", used) == "Risiko høy middels 2026"
    assert sheet_name("risiko HØY middels 2026", used) == "risiko HØY middels 2026 (2)"
    assert sheet_name("", used) == "Ark"
    assert len(sheet_name("x" * 80, used)) == 31
