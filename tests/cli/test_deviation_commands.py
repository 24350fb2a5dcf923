"""`vernelogg export deviations|actions` and `vernelogg report deviation`, read back."""

from __future__ import annotations

import csv
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from vernelogg import clock
from vernelogg.cli import main
from vernelogg.domain.deviations import CONFIDENTIAL_TEXT
from vernelogg.domain.formatting import OSLO
from vernelogg.services import actions, areas, people
from vernelogg.services import deviations as dev

SECRET = "Ola Nordmann kom med seksualiserte kommentarer"


@pytest.fixture
def data(org_db):
    db = org_db
    lager = areas.create_area(db, name="Lager og logistikk")
    kontor = areas.create_area(db, name="Kontor")
    tor = people.create_person(db, name="Tor Kristiansen")

    def reg(area, text, when, **kw):
        return dev.register_deviation(
            db,
            area_id=area.id,
            description=text,
            occurred_at=when,
            kind=kw.pop("kind", "near_miss"),
            severity=kw.pop("severity", "medium"),
            reporter_name=kw.pop("reporter_name", "Lise Andersen"),
            **kw,
        )

    old = reg(lager, "Truck rygget uten varsellyd", datetime(2025, 6, 2, 9, 30, tzinfo=OSLO))
    new = reg(
        lager,
        "Pall falt ned; «reol 14» – ingen skadet",
        datetime(2026, 3, 4, 14, 5, tzinfo=OSLO),
        location="Port 3",
    )
    secret = reg(
        kontor,
        SECRET,
        datetime(2026, 4, 1, 10, 0, tzinfo=OSLO),
        kind="harassment",
        confidential=True,
        reporter_name="Kari Hansen",
    )
    dev.treat_deviation(
        db, new.id, responsible_id=tor.id, deadline=date(2026, 3, 20), cause="Skjev pall"
    )
    late = dev.add_deviation_action(
        db, new.id, title="Montere nett i reol 14", owner_id=tor.id, deadline=date(2026, 4, 1)
    )
    dev.add_deviation_action(db, secret.id, title="Samtale med Ola Nordmann")
    done = actions.add_action(db, title="Ny førstehjelpsskrin", area_id=kontor.id)
    actions.set_action_status(db, done.id, "done", today=date(2026, 5, 1))
    return db, dict(old=old, new=new, secret=secret, late=late, tor=tor)


def run(db, *args: str) -> int:
    return main(["--db", db.url, *args])


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM so Excel reads æøå"
    return list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))


def test_export_deviations_csv_for_norwegian_excel(data, tmp_path, capsys):
    db, d = data
    out = tmp_path / "avvik.csv"
    assert run(db, "export", "deviations", "-o", str(out)) == 0
    rows = read_csv(out)
    header = rows[0]
    assert header[:8] == [
        "Nummer",
        "Skjedde",
        "Registrert",
        "Verneområde",
        "Type",
        "Alvorlighetsgrad",
        "Status",
        "Hva skjedde",
    ]
    by_number = {r[0]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    assert list(by_number) == ["AV-2025-0001", "AV-2026-0001", "AV-2026-0002"]
    new = by_number["AV-2026-0001"]
    assert new["Skjedde"] == "04.03.2026 14:05"
    assert new["Hva skjedde"] == "Pall falt ned; «reol 14» – ingen skadet"
    assert (new["Sted"], new["Årsak"], new["Frist"]) == ("Port 3", "Skjev pall", "20.03.2026")
    assert new["Ansvarlig leder"] == "Tor Kristiansen" and new["Status"] == "Registrert"
    secret = by_number["AV-2026-0002"]
    assert secret["Hva skjedde"] == CONFIDENTIAL_TEXT and secret["Konfidensielt"] == "Ja"
    assert secret["Meldt av"] == "(utelatt)"
    assert "Ola" not in out.read_text(encoding="utf-8-sig")
    assert "Kari Hansen" not in out.read_text(encoding="utf-8-sig")
    assert f"Skrev {out}" in capsys.readouterr().err


def test_export_uses_the_list_filters(data, tmp_path):
    db, _ = data
    out = tmp_path / "a.csv"

    def numbers(*args):
        assert run(db, "export", "deviations", "-o", str(out), *args) == 0
        return [r[0] for r in read_csv(out)[1:]]

    assert numbers("--year", "2026") == ["AV-2026-0001", "AV-2026-0002"]
    assert numbers("--area", "lager og logistikk") == ["AV-2025-0001", "AV-2026-0001"]
    assert numbers("--area", "Kontor", "--year", "2025") == []
    assert numbers("--status", "registrert", "--search", "PALL") == ["AV-2026-0001"]
    # A confidential avvik cannot be found by its hidden text in an export.
    assert numbers("--search", "seksualiserte") == []
    assert numbers("--search", "AV-2026-0002") == ["AV-2026-0002"]


def test_export_deviations_xlsx_has_date_cells_and_widths(data, tmp_path):
    db, _ = data
    out = tmp_path / "avvik.xlsx"
    assert run(db, "export", "deviations", "-o", str(out), "--year", "2026") == 0
    ws = load_workbook(out).active
    assert ws.title == "Avvik"
    assert [c.value for c in ws[1]][:4] == ["Nummer", "Skjedde", "Registrert", "Verneområde"]
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["H"].width == 60  # «Hva skjedde»
    occurred = ws["B2"]
    assert occurred.value == datetime(2026, 3, 4, 14, 5)  # Oslo time, a real date cell
    assert occurred.number_format == "DD.MM.YYYY HH:MM"
    frist = ws["N2"]
    assert frist.value == datetime(2026, 3, 20) and frist.number_format == "DD.MM.YYYY"
    assert ws["H3"].value == CONFIDENTIAL_TEXT
    values = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any("Ola" in v for v in values)
    assert ws.max_row == 3


def test_export_actions_is_the_open_action_plan(data, tmp_path):
    db, d = data
    out = tmp_path / "plan.xlsx"
    assert run(db, "export", "actions", "-o", str(out)) == 0
    ws = load_workbook(out).active
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0] == [
        "Tiltak",
        "Beskrivelse",
        "Verneområde",
        "Ansvarlig",
        "Frist",
        "Status",
        "Forfalt (dager)",
        "Utført",
        "Kilde",
        "Kilde-ID",
    ]
    titles = [r[0] for r in rows[1:]]
    assert titles == ["Montere nett i reol 14", "Tiltak for konfidensielt avvik"]
    late = rows[1]
    assert late[4] == datetime(2026, 4, 1) and late[6] == (clock.today() - date(2026, 4, 1)).days
    assert (late[8], late[9]) == ("Avvik", d["new"].number)
    csv_out = tmp_path / "plan.csv"
    assert run(db, "export", "actions", "-o", str(csv_out), "--status", "alle") == 0
    rows = read_csv(csv_out)
    assert [r[0] for r in rows[1:]][-1] == "Ny førstehjelpsskrin"
    assert rows[-1][7] == "01.05.2026"


def test_export_mistakes_are_one_line(data, tmp_path, capsys):
    db, _ = data
    assert run(db, "export", "deviations", "-o", str(tmp_path / "a.pdf")) == 2
    assert capsys.readouterr().err.strip() == "vernelogg: Utfilen må slutte på .csv eller .xlsx."
    assert run(db, "export", "deviations", "-o", str(tmp_path / "a.csv"), "--area", "Lagr") == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("vernelogg: Fant ikke verneområdet «Lagr». Verneområder: Kontor,")
    assert run(db, "export", "actions", "-o", str(tmp_path / "a.csv"), "--status", "x") == 2
    assert "Ukjent status «x»" in capsys.readouterr().err


def test_report_deviation_pdf_by_latest_number_and_id(data, tmp_path):
    db, d = data
    out = tmp_path / "avvik.pdf"
    assert run(db, "report", "deviation", "--id", "AV-2026-0001", "-o", str(out)) == 0
    reader = PdfReader(out)
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Avvik AV-2026-0001" in text
    assert "Pall falt ned; «reol 14» – ingen skadet" in text
    assert "Montere nett i reol 14" in text and "Tor Kristiansen" in text
    assert f"Side 1 av {len(reader.pages)}" in text
    assert run(db, "report", "deviation", "--id", d["old"].id, "-o", str(out)) == 0
    assert "Truck rygget uten varsellyd" in PdfReader(out).pages[0].extract_text()


def test_report_of_a_confidential_avvik_leaves_the_text_out_unless_asked(data, tmp_path):
    db, d = data
    out = tmp_path / "k.pdf"
    assert run(db, "report", "deviation", "--id", "latest", "-o", str(out)) == 0
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages).replace("\n", " ")
    assert "AV-2026-0002" in text and "Konfidensielt" in text
    assert "Ola" not in text and "seksualiserte" not in text and "Kari Hansen" not in text
    full = tmp_path / "full.pdf"
    args = ["report", "deviation", "--id", d["secret"].id, "--include-confidential"]
    assert run(db, *args, "-o", str(full)) == 0
    text = "\n".join(p.extract_text() for p in PdfReader(full).pages).replace("\n", " ")
    assert SECRET in text and "skal ikke deles" in text


def test_report_mistakes_are_one_line(data, tmp_path, capsys):
    db, _ = data
    assert (
        run(db, "report", "deviation", "--id", "AV-2030-0001", "-o", str(tmp_path / "x.pdf")) == 2
    )
    assert capsys.readouterr().err.strip() == "vernelogg: Fant ikke avvik AV-2030-0001."
    assert run(db, "report", "deviation", "--id", "tja", "-o", str(tmp_path / "x.pdf")) == 2
    assert "er ikke en gyldig ID" in capsys.readouterr().err


def test_latest_on_an_empty_database(org_db, tmp_path, capsys):
    assert run(org_db, "report", "deviation", "--id", "latest", "-o", str(tmp_path / "x.pdf")) == 2
    assert capsys.readouterr().err.strip() == "vernelogg: Det finnes ingen avvik ennå."
