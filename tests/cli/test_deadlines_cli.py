"""`vernelogg deadlines` and `vernelogg export calendar` on the demo undertaking."""

from __future__ import annotations

import json
from datetime import date

from icalendar import Calendar

from vernelogg.cli import main

KEYS = ["kind", "person", "role", "area", "title", "due", "status"]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_json_on_demo_data_lists_items_in_several_statuses(demo_db, capsys):
    code, out, err = run(
        capsys, "--db", demo_db.url, "deadlines", "--json", "--today", "2026-11-22"
    )
    assert code == 0, err
    items = json.loads(out)
    assert items and all(list(i) == KEYS for i in items)
    assert {i["status"] for i in items} == {"ok", "due_soon", "overdue", "missing", "info"}
    kinds = {i["kind"] for i in items}
    assert {
        "training",
        "refresher",
        "term_end",
        "election",
        "planned_activity",
        "legal_requirement",
    } <= kinds
    for i in items:
        assert i["status"] in ("ok", "due_soon", "overdue", "missing", "info")
        assert i["due"] is None or date.fromisoformat(i["due"])
        assert isinstance(i["title"], str) and i["title"]
    # Things the demo is made to show:
    ahmed = [i for i in items if i["person"] == "Ahmed Rahimi" and i["kind"] == "training"]
    basic = next(i for i in ahmed if i["title"].startswith("Grunnopplæring"))
    assert basic["status"] == "missing"  # 32 hours, no agreement
    assert "under 40 timer" in basic["title"]
    lise = next(
        i
        for i in items
        if i["person"] == "Lise Andersen" and i["title"].startswith("Grunnopplæring")
    )
    assert lise["status"] == "ok"  # 32 hours with the written agreement
    assert any(
        i["kind"] == "refresher" and i["person"] == "Per Johansen" and i["status"] == "overdue"
        for i in items
    )
    assert any(
        i["kind"] == "legal_requirement"
        and i["area"] == "Kveldsskift produksjon"
        and i["role"] == "safety_delegate"
        and i["due"] is None
        for i in items
    )
    # Sorted: missing without a date first, then by date.
    dated = [i["due"] for i in items if i["due"]]
    assert dated == sorted(dated)
    assert items[0]["due"] is None


def test_within_limits_to_what_needs_attention(demo_db, capsys):
    code, out, _ = run(
        capsys,
        "--db",
        demo_db.url,
        "deadlines",
        "--json",
        "--today",
        "2026-11-22",
        "--within",
        "14",
    )
    assert code == 0
    items = json.loads(out)
    assert items
    for i in items:
        assert i["status"] in ("overdue", "missing") or i["due"] <= "2026-12-06"


def test_readable_table(demo_db, capsys):
    code, out, _ = run(capsys, "--db", demo_db.url, "deadlines", "--today", "2026-11-22")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["Status", "Frist", "Type", "Person", "Verneområde", "Hva"]
    assert any(line.startswith("Forfalt") and "Opplæring" in line for line in lines)
    assert any(line.startswith("Mangler") and "Lovkrav" in line for line in lines)
    assert "frister per 22.11.2026" in lines[-1]


def test_bad_date_is_one_clear_line(demo_db, capsys):
    try:
        main(["--db", demo_db.url, "deadlines", "--today", "22.11.2026"])
    except SystemExit as exit_:
        assert exit_.code == 2
    err = capsys.readouterr().err
    assert "«22.11.2026» er ikke en dato på formen ÅÅÅÅ-MM-DD" in err


def test_empty_database_says_what_to_do(db, capsys):
    code, _, err = run(capsys, "--db", db.url, "deadlines")
    assert code == 2
    assert "vernelogg demo" in err


def test_export_calendar(demo_db, capsys, tmp_path):
    target = tmp_path / "frister.ics"
    code, _, err = run(capsys, "--db", demo_db.url, "export", "calendar", "-o", str(target))
    assert code == 0, err
    calendar = Calendar.from_ical(target.read_bytes())
    assert len(list(calendar.walk("VEVENT"))) > 20
    code, _, err = run(
        capsys, "--db", demo_db.url, "export", "calendar", "-o", str(tmp_path / "x.csv")
    )
    assert code == 2 and "Utfilen må slutte på .ics" in err


def test_export_calendar_for_one_year(demo_db, capsys, tmp_path):
    target = tmp_path / "2025.ics"
    code, _, _ = run(
        capsys,
        "--db",
        demo_db.url,
        "export",
        "calendar",
        "--year",
        "2025",
        "-o",
        str(target),
    )
    assert code == 0
    events = list(Calendar.from_ical(target.read_bytes()).walk("VEVENT"))
    plan = [e for e in events if str(e["UID"]).startswith("plan-")]
    assert plan and all(e.decoded("DTSTART").year == 2025 for e in plan)
