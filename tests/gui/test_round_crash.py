"""Nothing is lost when the app dies mid-round: a real process answering points with the
keyboard is killed with SIGKILL, and everything it had entered is there on reopening."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TODAY
from vernelogg.domain.rounds import Answer
from vernelogg.services import areas, rounds
from vernelogg.store.database import Database

TYPIST = Path(__file__).with_name("round_typist.py")
ROOT = Path(__file__).resolve().parents[2]
KILL_AFTER = 13


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")
@pytest.mark.sqlite_only
def test_sigkill_mid_round_loses_nothing_and_reopening_continues(qtbot, org_db, db_path):
    area = areas.create_area(org_db, name="Administrasjon")
    plan = rounds.plan_round(
        org_db, area_id=area.id, planned_date=TODAY, template_ref="builtin:kontor", today=TODAY
    )
    rounds.start_round(org_db, plan.id, today=TODAY)

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, str(TYPIST), str(db_path), plan.id],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    reported: list[tuple[str, str, str]] = []
    try:
        while len(reported) < KILL_AFTER:
            line = proc.stdout.readline()
            if not line:
                pytest.fail(f"the app stopped by itself: {proc.stderr.read()}")
            if line.startswith("answered "):
                _, item_id, answer, comment = (line.rstrip("\n").split(" ", 3) + [""])[:4]
                reported.append((item_id, answer, comment))
        os.kill(proc.pid, signal.SIGKILL)  # while it goes on answering
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL

    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()

    reopened = Database.open(f"sqlite:///{db_path}")
    try:
        detail = rounds.get_round_detail(reopened, plan.id)
        by_id = {i.id: i for i in detail.items}
        for item_id, answer, comment in reported:
            assert by_id[item_id].answer is Answer(answer)
            assert by_id[item_id].comment == comment
        assert sum(1 for _i, a, c in reported if a == "not_ok" and c) >= 3
        answered = [i for i in detail.items if i.answer is not None]
        # killed mid-round: maybe one more point got saved after the last line was read
        assert KILL_AFTER <= len(answered) <= KILL_AFTER + 1 < len(detail.items)
        assert all(i.answer is not None for i in detail.items[: len(answered)])
        assert detail.resume_index == len(answered)

        from vernelogg.ui.context import AppContext
        from vernelogg.ui.rounds.page import RoundsPage

        page = RoundsPage(AppContext(reopened))
        qtbot.addWidget(page)
        view = page.open_round(plan.id)
        qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
        assert view.index == len(answered)
        assert view.point.position_label.text() == f"Punkt {len(answered) + 1} av 31"
        assert view.progress.format() == f"{len(answered)} av 31 besvart"
    finally:
        reopened.close()
