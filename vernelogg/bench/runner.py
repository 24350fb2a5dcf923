"""`vernelogg bench`: build (or reuse) the generated database, run the measurements in
fresh processes, and turn them into results with floors and targets."""

from __future__ import annotations

import json
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

from vernelogg.bench.processes import (
    FILLED,
    ProcessError,
    app_start,
    bare_window_start,
    offscreen_env,
)
from vernelogg.bench.results import Result
from vernelogg.bench.writer import Progress, stderr_progress

# name: (target, max ratio to the floor)
TARGETS = {
    "startup": (2.0, 1.5),
    "deviation_filter": (0.050, 3.0),
    "search": (0.100, None),
    "annual_pdf": (5.0, None),
    "amu_minutes_pdf": (2.0, None),
    "round_save": (0.020, None),
    "peak_rss": (400.0, None),
}


@dataclass(frozen=True)
class Plan:
    """How many times each thing is measured: fewer at small scale, which only checks
    that every figure can be measured."""

    startup_runs: int
    warmups: int
    round_saves: int


PLANS = {"large": Plan(5, 1, 20), "small": Plan(1, 0, 3)}


def cached_path(scale: str, seed: int) -> Path:
    from platformdirs import user_cache_path

    from vernelogg.bench.dataset import DATASET_VERSION

    return user_cache_path("vernelogg", appauthor=False) / (
        f"bench-{scale}-seed{seed}-v{DATASET_VERSION}.sqlite"
    )


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def ensure_dataset(
    path: Path | None, scale: str, seed: int, progress: Progress = stderr_progress
) -> tuple[Path, float | None]:
    """The database to measure, and how long it took to generate (None when reused).

    A database given with --db is reused if it holds an undertaking, else filled. The
    cached one is reused when it was generated with the same scale, seed and version."""
    from vernelogg.bench.dataset import DATASET_VERSION, dataset_info, generate
    from vernelogg.services.organisation import is_set_up
    from vernelogg.store.database import Database

    explicit = path is not None
    path = (path or cached_path(scale, seed)).expanduser().resolve()
    url = "sqlite:///" + str(path)
    if path.exists():
        db = Database.open(url)
        try:
            info = dataset_info(db)
            usable = (
                is_set_up(db)
                if explicit
                else bool(
                    info
                    and info.get("scale") == scale
                    and info.get("seed") == seed
                    and info.get("version") == DATASET_VERSION
                )
            )
        finally:
            db.close()
        if usable:
            progress(f"bench: bruker databasen {path}")
            return path, None
        if explicit and info is None:
            pass  # an empty database given with --db: fill it
        elif not explicit:
            _remove(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    progress(f"bench: lager testdata ({scale}) i {path} …")
    db = Database.open(url)
    try:
        made = generate(db, scale, seed=seed, progress=progress)
    finally:
        db.close()
    progress(f"bench: testdata laget på {made.seconds:.0f} s: {made.summary()}")
    return path, made.seconds


def measure_startup(path: Path, plan: Plan, progress: Progress) -> tuple[Result, float]:
    """Median launch → painted, app against a bare window, alternating so that both
    see the same load on the machine. Also returns the bare window's peak memory.

    Beside it: when the overview, which the window shows first, has its figures on screen
    (they are read on a worker thread after the window is painted)."""
    app, bare, bare_rss, filled = [], [], [], []
    for n in range(plan.warmups + plan.startup_runs):
        a = app_start(str(path))
        b = bare_window_start()
        if n >= plan.warmups:
            app.append(a.seconds)
            bare.append(b.seconds)
            if FILLED in a.marks:
                filled.append(a.marks[FILLED])
        if b.rss_mb is not None:
            bare_rss.append(b.rss_mb)
        progress(
            f"bench: oppstart {n + 1}/{plan.warmups + plan.startup_runs}: "
            f"{a.seconds:.2f} s (tomt vindu {b.seconds:.2f} s)"
        )
    target, ratio = TARGETS["startup"]
    extra: dict = {"runs": app, "floor_runs": bare}
    what = (
        "ny prosess til hovedvinduet er tegnet med databasen, mot et tomt PySide6-vindu "
        f"(median av {len(app)}"
    )
    if filled:
        extra["overview_filled"] = statistics.median(filled)
        what += f"; oversikten fylt ut etter {extra['overview_filled']:.2f} s"
    result = Result(
        "startup",
        statistics.median(app),
        "s",
        statistics.median(bare),
        target,
        ratio,
        what + ")",
        extra,
    )
    return result, max(bare_rss) if bare_rss else 0.0


def run_probe(path: Path, plan: Plan, progress: Progress) -> dict:
    from vernelogg.bench.processes import timed_run

    cmd = [
        sys.executable,
        "-m",
        "vernelogg.bench.probe",
        "--db",
        str(path),
        "--runs",
        str(plan.round_saves),
    ]
    progress("bench: måler i appen (avvikssøk, søk i alt, PDF-er, lagring, minne) …")
    run = timed_run(cmd, offscreen_env(), None, timeout=1800)
    try:
        return json.loads(run.stdout)
    except json.JSONDecodeError as error:
        raise ProcessError(f"Målingen i appen ga ikke JSON: {run.stdout[-500:]}") from error


def results_from(probe: dict, startup: Result, bare_rss: float) -> list[Result]:
    f = probe["deviation_filter"]
    q = probe["search"]
    a = probe["annual_pdf"]
    m = probe["amu_minutes_pdf"]
    r = probe["round_save"]

    def result(name: str, value: float, unit: str, floor: float | None, what: str, **extra):
        target, ratio = TARGETS[name]
        return Result(name, value, unit, floor, target, ratio, what, extra)

    return [
        startup,
        result(
            "deviation_filter",
            f["median"],
            "s",
            f["floor"],
            f"avvikslisten åpen, «{f['term']}» skrevet én tast om gangen: median per tast "
            f"(verste {f['worst'] * 1000:.0f} ms), mot SQL-spørringen for de samme radene",
            worst=f["worst"],
            floor_worst=f["floor_worst"],
            open_seconds=f["open_seconds"],
            rows_after_each_key=f["rows_after_each_key"],
            each_key=f["each_key"],
            model_seconds=f["model_median"],
            count_seconds=f["count_seconds"],
            count_floor=f["count_floor"],
        ),
        result(
            "search",
            q["median"],
            "s",
            q["floor"],
            f"«Søk i alt» åpen, «{q['term']}» skrevet én tast om gangen: median per tast "
            f"(verste {q['worst'] * 1000:.0f} ms), mot søkets SQL-setning for de samme ordene",
            worst=q["worst"],
            hits_after_each_key=q["hits_after_each_key"],
            each_key=q["each_key"],
        ),
        result(
            "annual_pdf",
            a["seconds"],
            "s",
            a["floor"],
            f"årsoversikten {a['year']} ({a['pages']} sider), mot ReportLab med like mange "
            "sider uten spørringer",
            pages=a["pages"],
            query_seconds=a["query_seconds"],
        ),
        result(
            "amu_minutes_pdf",
            m["seconds"],
            "s",
            m["floor"],
            f"AMU-protokollen for {m['meeting']} ({m['pages']} sider), mot ReportLab med like "
            "mange sider uten spørringer",
            pages=m["pages"],
        ),
        result(
            "round_save",
            r["median"],
            "s",
            r["floor"],
            f"ett sjekkpunkt besvart til det er lagret (median av {r['runs']}), mot én "
            "INSERT med commit i samme database",
            worst=r["worst"],
        ),
        result(
            "peak_rss",
            probe["peak_rss_mb"],
            "MB",
            bare_rss or None,
            "høyeste minnebruk i app-prosessen gjennom målingene, mot et tomt PySide6-vindu",
        ),
    ]


def run_bench(
    *, db_path: Path | None, scale: str, seed: int, progress: Progress = stderr_progress
) -> tuple[list[Result], dict]:
    plan = PLANS[scale]
    path, generated = ensure_dataset(db_path, scale, seed, progress)
    startup, bare_rss = measure_startup(path, plan, progress)
    probe = run_probe(path, plan, progress)
    meta = {"database": str(path), "scale": scale, "seed": seed}
    if generated is not None:
        meta["generated_seconds"] = round(generated, 1)
    return results_from(probe, startup, bare_rss), meta
