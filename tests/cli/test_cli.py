"""The command line: demo, screenshots, clear one-line errors."""

from __future__ import annotations

import subprocess
import sys

import pytest

from vernelogg import __version__
from vernelogg.cli import main


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run(
        [sys.executable, "-m", "vernelogg", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})},
        timeout=300,
    )


def test_version(capsys):
    try:
        main(["--version"])
    except SystemExit as exit_:
        assert exit_.code == 0
    assert __version__ in capsys.readouterr().out


@pytest.mark.parametrize("args", [["--help"], ["report", "--help"], ["round", "checkout", "-h"]])
def test_help_is_norwegian(capsys, args):
    assert main(args) == 0
    text = capsys.readouterr().out
    assert text.startswith("Bruk: vernelogg")
    assert "valg:" in text and "vis denne hjelpen og avslutt" in text
    for english in ("usage:", "options:", "positional arguments", "show this help"):
        assert english not in text


def test_demo_then_screenshots_gives_a_png_per_page(tmp_path):
    from PySide6.QtGui import QImage

    db = tmp_path / "x.sqlite"
    result = run_cli("--db", str(db), "demo")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "s"
    result = run_cli("--db", str(db), "screenshots", "--out", str(out))
    assert result.returncode == 0, result.stderr
    pngs = sorted(p.name for p in out.glob("*.png"))
    assert {"oversikt.png", "verneomrader.png"} <= set(pngs)
    image = QImage(str(out / "oversikt.png"))
    assert image.width() == 1280 and image.height() == 800


def test_demo_refuses_a_database_that_is_not_empty(tmp_path, demo_file):
    db = demo_file
    again = run_cli("--db", str(db), "demo")
    assert again.returncode == 2
    assert again.stderr.strip().splitlines() == [
        "vernelogg: Databasen er ikke tom: eksempeldata legges bare inn i en ny, tom database."
    ]


def test_non_database_file_is_refused_in_one_line_and_not_modified(tmp_path):
    path = tmp_path / "rapport.pdf"
    path.write_bytes(b"%PDF-1.4 not a database")
    result = run_cli("--db", str(path), "demo")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "ikke en Vernelogg-database" in lines[0]
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == b"%PDF-1.4 not a database"


def test_database_from_environment_variable(tmp_path):
    db = tmp_path / "env.sqlite"
    result = run_cli("demo", env={"VERNELOGG_DB": str(db)})
    assert result.returncode == 0, result.stderr
    assert db.exists()


def test_screenshots_on_empty_database_says_what_to_do(tmp_path):
    result = run_cli("--db", str(tmp_path / "tom.sqlite"), "screenshots", "--out", str(tmp_path))
    assert result.returncode == 2
    assert "vernelogg demo" in result.stderr


def test_report_risk_latest_and_bad_id(tmp_path, demo_file):
    from pypdf import PdfReader

    db = demo_file
    out = tmp_path / "risiko.pdf"
    result = run_cli("--db", str(db), "report", "risk", "--id", "latest", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert "Risikovurdering" in text and "Sannsynlighet" in text
    missing = run_cli(
        "--db",
        str(db),
        "report",
        "risk",
        "--id",
        "00000000-0000-0000-0000-000000000000",
        "-o",
        str(out),
    )
    assert missing.returncode == 2
    assert missing.stderr.strip() == "vernelogg: Fant ikke risikovurderingen."
    bad = run_cli("--db", str(db), "report", "risk", "--id", "nr-3", "-o", str(out))
    assert bad.returncode == 2 and "ikke en gyldig ID" in bad.stderr


def test_annual_report_and_export_from_the_command_line(tmp_path, demo_file):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    db = demo_file
    pdf = tmp_path / "aar.pdf"
    result = run_cli("--db", str(db), "report", "annual", "--year", "2026", "-o", str(pdf))
    assert result.returncode == 0, result.stderr
    assert "Årsoversikt HMS 2026" in PdfReader(pdf).pages[0].extract_text()
    xlsx = tmp_path / "aar.xlsx"
    result = run_cli("--db", str(db), "export", "annual", "--year", "2026", "-o", str(xlsx))
    assert result.returncode == 0, result.stderr
    assert load_workbook(xlsx).sheetnames[0] == "Nøkkeltall"


def test_report_mistakes_give_one_line(tmp_path, demo_file):
    db = demo_file
    wrong_kind = run_cli("--db", str(db), "report", "nonsense", "-o", str(tmp_path / "a.pdf"))
    assert wrong_kind.returncode == 2 and "Ukjent rapport" in wrong_kind.stderr
    no_year = run_cli("--db", str(db), "report", "annual", "-o", str(tmp_path / "a.pdf"))
    assert no_year.returncode == 2 and "trenger --year" in no_year.stderr
    future = run_cli(
        "--db", str(db), "report", "annual", "--year", "2150", "-o", str(tmp_path / "a.pdf")
    )
    assert future.returncode == 2 and "Velg et år" in future.stderr
    assert "Traceback" not in wrong_kind.stderr + no_year.stderr + future.stderr
