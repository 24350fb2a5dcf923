"""`vernelogg report amu-minutes|amu-invitation|amu-annual` on the demo database."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pypdf import PdfReader

from vernelogg.cli import main
from vernelogg.services import amu


def _text(path) -> tuple[int, str]:
    reader = PdfReader(path)
    return len(reader.pages), re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


@pytest.fixture
def demo_path(demo_db):
    return demo_db.url


def test_minutes_of_the_latest_held_meeting(demo_path, demo_db, tmp_path, capsys):
    out = tmp_path / "protokoll.pdf"
    assert (
        main(["--db", demo_path, "report", "amu-minutes", "--meeting", "latest", "-o", str(out)])
        == 0
    )
    assert capsys.readouterr().err.strip() == f"Skrev {out}"
    held = [m for m in amu.list_meetings(demo_db) if m.status.value != "planned"]
    _, text = _text(out)
    assert f"{held[0].title} · " in text
    assert "Protokoll fra møte i arbeidsmiljøutvalget" in text and "Oppmøte" in text


def test_invitation_by_id_and_latest_is_the_planned_meeting(demo_path, demo_db, tmp_path):
    planned = next(m for m in amu.list_meetings(demo_db) if m.status.value == "planned")
    assert planned.meeting_date > date(2026, 11, 22)
    for selector in ("latest", planned.id):
        out = tmp_path / f"innkalling-{selector[:6]}.pdf"
        args = [
            "--db",
            demo_path,
            "report",
            "amu-invitation",
            "--meeting",
            selector,
            "-o",
            str(out),
        ]
        assert main(args) == 0
        _, text = _text(out)
        assert "Innkalling til møte i arbeidsmiljøutvalget" in text
        assert planned.title in text and "Saksliste" in text


def test_annual_report_for_a_year(demo_path, tmp_path):
    out = tmp_path / "arsrapport.pdf"
    assert main(["--db", demo_path, "report", "amu-annual", "--year", "2025", "-o", str(out)]) == 0
    pages, text = _text(out)
    assert pages >= 2 and "Årsrapport for arbeidsmiljøutvalget 2025" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["amu-minutes"], "vernelogg: Rapporten «amu-minutes» trenger --meeting."),
        (
            ["amu-minutes", "--meeting", "sist"],
            "vernelogg: «sist» er ikke en gyldig ID for AMU-møte; bruk saksnummer som "
            "«3/2026», ID eller «latest».",
        ),
        (
            ["amu-invitation", "--meeting", "00000000-0000-0000-0000-000000000000"],
            "vernelogg: Fant ikke AMU-møtet.",
        ),
        (["amu-annual"], "vernelogg: Rapporten «amu-annual» trenger --year."),
    ],
)
def test_mistakes_are_one_line(demo_path, tmp_path, capsys, args, message):
    out = tmp_path / "x.pdf"
    assert main(["--db", demo_path, "report", *args, "-o", str(out)]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [message]
    assert not out.exists()


def test_minutes_latest_without_meetings_says_so(db, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    args = ["--db", db.url, "report", "amu-minutes", "--meeting", "latest", "-o", str(out)]
    assert main(args) == 2
    assert capsys.readouterr().err.strip() == "vernelogg: Det finnes ingen holdte AMU-møter ennå."
