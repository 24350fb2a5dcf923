"""`vernelogg bench --scale small`: every figure is measured and reported, with its floor,
target and unit. The timings themselves are not judged here (they depend on the machine);
`vernelogg bench` at large scale is for that."""

from __future__ import annotations

import json
import math

import pytest

from vernelogg.cli import main

FIGURES = {
    "startup": "s",
    "deviation_filter": "s",
    "search": "s",
    "annual_pdf": "s",
    "amu_minutes_pdf": "s",
    "round_save": "s",
    "peak_rss": "MB",
}


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "small.sqlite"
    return path


def test_small_bench_reports_every_figure_as_json(bench_run, capsys):
    code = main(["bench", "--scale", "small", "--json", "--db", str(bench_run)])
    out = capsys.readouterr()
    assert code == 0, out.err
    report = json.loads(out.out)
    results = {r["name"]: r for r in report["results"]}
    assert set(results) == set(FIGURES)
    for name, unit in FIGURES.items():
        r = results[name]
        assert {"name", "value", "unit", "floor", "ratio", "target"} <= set(r), name
        assert r["unit"] == unit, name
        assert r["value"] > 0, name
        assert r["floor"] > 0, name
        assert r["target"] > 0, name
        assert math.isclose(r["ratio"], r["value"] / r["floor"], rel_tol=0.02, abs_tol=1e-3)
        assert r["met"] == (
            r["value"] <= r["target"] and (r["max_ratio"] is None or r["ratio"] <= r["max_ratio"])
        )
    # Targets in the unit of the value: seconds for times, MB for memory.
    assert results["startup"]["target"] == 2.0
    assert results["deviation_filter"]["target"] == 0.05
    assert results["peak_rss"]["target"] == 400
    assert results["deviation_filter"]["worst"] >= results["deviation_filter"]["value"]
    assert results["search"]["target"] == 0.1
    assert results["search"]["worst"] >= results["search"]["value"]
    assert len(results["search"]["each_key"]) == len("rekkverk")
    # The overview's figures come in after the window is painted, and are timed too.
    assert results["startup"]["overview_filled"] >= results["startup"]["value"]
    assert results["annual_pdf"]["pages"] >= 2
    assert report["scale"] == "small"
    assert "generated_seconds" in report  # the database was empty, so it was filled


def test_small_bench_reuses_the_database_and_prints_a_table(bench_run, capsys):
    assert bench_run.exists()  # from the JSON run above
    code = main(["--db", str(bench_run), "bench", "--scale", "small"])
    out = capsys.readouterr()
    assert code == 0, out.err
    lines = out.out.splitlines()
    header = next(line for line in lines if line.startswith("Måling"))
    assert header.split() == ["Måling", "Verdi", "Gulv", "Forhold", "Mål", "Nådd"]
    for name in FIGURES:
        row = next(line for line in lines if line.startswith(name + " "))
        assert row.rstrip().endswith(("ja", "NEI")), row
    assert "Testdata generert" not in out.out  # reused, not generated again
    assert "bruker databasen" in out.err
