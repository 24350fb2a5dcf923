"""`vernelogg report stoppage --id ID|latest -o FILE.pdf`."""

from __future__ import annotations

from pypdf import PdfReader

from vernelogg.cli import main
from vernelogg.services import stoppage as svc


def test_report_stoppage_latest_writes_the_full_record(demo_db, tmp_path, capsys):
    out = tmp_path / "stansing.pdf"
    assert main(["--db", demo_db.url, "report", "stoppage", "--id", "latest", "-o", str(out)]) == 0
    text = " ".join(p.extract_text() for p in PdfReader(out).pages)
    latest = svc.get_stoppage(demo_db, svc.latest_stoppage_id(demo_db))
    assert latest.number in text and "Tidslinje" in text and "6-3" in text
    assert f"Skrev {out}" in capsys.readouterr().err


def test_report_stoppage_by_id_and_the_notice_variant(demo_db, tmp_path):
    first = next(r for r in svc.list_stoppages(demo_db) if r.number == "ST-2025-0001")
    out = tmp_path / "varsel.pdf"
    args = ["--db", demo_db.url, "report", "stoppage-notice", "--id", first.id, "-o", str(out)]
    assert main(args) == 0
    text = PdfReader(out).pages[0].extract_text()
    assert "Melding om stansing av farlig arbeid" in text and "ST-2025-0001" in text


def test_report_stoppage_errors_are_one_clear_line(db, tmp_path, capsys):
    out = str(tmp_path / "x.pdf")
    assert main(["--db", db.url, "report", "stoppage", "--id", "latest", "-o", out]) == 2
    assert capsys.readouterr().err.strip() == "vernelogg: Det finnes ingen stansinger ennå."
    unknown = "7b4f7a52-6c1e-4a47-9d6c-0c7b8c2b1a11"
    assert main(["--db", db.url, "report", "stoppage", "--id", unknown, "-o", out]) == 2
    assert capsys.readouterr().err.strip() == "vernelogg: Fant ikke stansingen."
