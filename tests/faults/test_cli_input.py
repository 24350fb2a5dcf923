"""Bad input on the command line: one Norwegian line on stderr and exit code 2, never a
traceback, and nothing written. Every option that takes a number, a date or a search
text is tried at and beyond its limits."""

from __future__ import annotations

import re

import pytest

from vernelogg.cli import main

pytestmark = pytest.mark.faults

HUGE = "99999999999999999999"
LONG = "a" * 60_000
PATTERN = "%_" * 30_000  # SQLite refuses LIKE patterns over 50 KB

CASES = {
    "undecodable search": ["export", "deviations", "--search", "\udcff", "-o", "{out}.csv"],
    "undecodable area": ["export", "actions", "--area", "Lager\udcfe", "-o", "{out}.csv"],
    "huge year": ["export", "deviations", "--year", HUGE, "-o", "{out}.csv"],
    "year 10000": ["export", "actions", "--year", "10000", "-o", "{out}.csv"],
    "calendar 9999": ["export", "calendar", "--year", "9999", "-o", "{out}.ics"],
    "negative year": ["export", "deviations", "--year", "-5", "-o", "{out}.csv"],
    "year as text": ["export", "deviations", "--year", "i fjor", "-o", "{out}.csv"],
    "report year": ["report", "annual", "--year", HUGE, "-o", "{out}.pdf"],
    "today 9999": ["deadlines", "--today", "9999-12-31"],
    "today 0001": ["deadlines", "--today", "0001-01-01"],
    "today nonsense": ["deadlines", "--today", "31.12.2026"],
    "within huge": ["deadlines", "--within", "99999999"],
    "within negative": ["deadlines", "--within", "-1"],
    "within 20 digits": ["deadlines", "--within", HUGE],
    "search 60 KB": ["search", LONG],
    "export search 60 KB": ["export", "deviations", "--search", PATTERN, "-o", "{out}.csv"],
    "search limit 0": ["search", "hei", "--limit", "0"],
    "search limit huge": ["search", "hei", "--limit", HUGE],
    "screenshot width": ["screenshots", "--out", "{out}", "--width", HUGE],
    "demo seed huge": ["demo", "--seed", HUGE + HUGE],
    "unknown choice": ["bench", "--scale", "enorm"],
    "missing value": ["export", "deviations", "-o"],
    "unknown option": ["export", "deviations", "-o", "{out}.csv", "--farge", "blå"],
}


@pytest.mark.parametrize("argv", CASES.values(), ids=CASES.keys())
def test_bad_input_is_one_norwegian_line_and_exit_2(demo_db, tmp_path, capsys, argv):
    folder = tmp_path / "ut"
    folder.mkdir()
    out = folder / "fil"
    argv = [a.replace("{out}", str(out)) for a in argv]
    code = main(["--db", demo_db.url, *argv])
    err = capsys.readouterr().err
    assert code == 2 if isinstance(code, int) else False
    lines = err.strip().splitlines()
    assert len(lines) == 1, err[:2000]
    assert lines[0].startswith("vernelogg")
    assert "Traceback" not in err and "Error" not in err
    # Norwegian: none of argparse's English words are left.
    english = r"\b(argument|invalid|expected|required|unrecognized|choose)\b"
    assert not re.search(english, lines[0]), lines[0]
    assert list(folder.iterdir()) == []  # nothing written


def test_help_still_ends_well(capsys):
    assert main(["deadlines", "--help"]) == 0
    assert "--within" in capsys.readouterr().out


def test_a_search_pasted_at_full_length_into_a_service_still_runs(demo_db):
    """Past the command line (the GUI's fields stop at the limit), a service cuts a long
    text instead of building a query the database refuses."""
    from vernelogg.services.search import search

    assert search(demo_db, PATTERN) == []
    assert search(demo_db, " ".join(["qzxq"] * 5000)) == []
