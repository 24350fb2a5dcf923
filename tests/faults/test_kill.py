"""SIGKILL of a process in the middle of writing: every write it reported as done is
there afterwards, and SQLite's integrity check finds nothing wrong. The kill moments are
drawn from the fuzzing seed (tests/faults/conftest.py), so a failure can be run again."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.faults.conftest import FUZZ_SEED
from vernelogg.services import areas
from vernelogg.services.organisation import save_organisation
from vernelogg.store.database import Database

pytestmark = [pytest.mark.faults, pytest.mark.sqlite_only]

KILLS = int(os.environ.get("VERNELOGG_KILLS", "6"))

# Registers avvik, tiltak and comments as fast as it can; prints each number only after
# its transaction was committed (an acknowledged write).
WRITER = """
import sys
from vernelogg import clock
from vernelogg.services import actions, areas
from vernelogg.services.deviations import register_deviation
from vernelogg.store.database import Database

clock.install(clock.from_environment())
db = Database.open(sys.argv[1])
area = areas.list_areas(db)[0]
for i in range(100000):
    ref = register_deviation(
        db, area_id=area.id, description=f"Avvik {i} " + "tekst " * 40,
        occurred_at=clock.now(), kind="near_miss", severity="low", reporter_name="Per",
    )
    actions.add_action(db, title=f"Tiltak for {ref.number}", area_id=area.id)
    print(ref.number, flush=True)
"""


def test_acknowledged_writes_survive_sigkill(tmp_path):
    path = tmp_path / "drept.sqlite"
    db = Database.open(f"sqlite:///{path}")
    save_organisation(
        db, name="Testbedrift AS", org_number="923609016", employees=40, branch="Annet"
    )
    areas.create_area(db, name="Verksted")
    db.close()

    rng = random.Random(FUZZ_SEED)
    acknowledged: list[str] = []
    for kill in range(KILLS):
        out = tmp_path / f"utskrift-{kill}.txt"
        with out.open("w") as sink:
            writer = subprocess.Popen(
                [sys.executable, "-c", WRITER, f"sqlite:///{path}"],
                stdout=sink,
                stderr=subprocess.PIPE,
                cwd=Path(__file__).resolve().parents[2],
            )
            # Wait until it writes, then kill it at a moment the seed chooses.
            deadline = time.monotonic() + 60
            while out.stat().st_size == 0:
                assert writer.poll() is None, writer.stderr.read().decode()
                assert time.monotonic() < deadline, "the writer never wrote"
                time.sleep(0.02)
            time.sleep(rng.uniform(0.0, 0.6))
            writer.send_signal(signal.SIGKILL)
            writer.wait(timeout=30)
        acknowledged += out.read_text().split()

    assert len(acknowledged) >= KILLS
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = {row[0] for row in con.execute("SELECT number FROM deviation")}
        numbers = [row[0] for row in con.execute("SELECT number FROM deviation")]
    finally:
        con.close()
    missing = [n for n in acknowledged if n not in stored]
    assert missing == [], f"seed {FUZZ_SEED}: acknowledged but lost: {missing[:5]}"
    assert len(numbers) == len(set(numbers))  # no number given twice after a kill
    # The database still opens and takes writes.
    db = Database.open(f"sqlite:///{path}")
    try:
        areas.create_area(db, name="Lager")
    finally:
        db.close()
