"""`vernelogg round checkout` and `round release` from the command line."""

from __future__ import annotations

from tests.conftest import TODAY
from vernelogg.cli import main
from vernelogg.services import areas, rounds
from vernelogg.store.database import Database


def test_checkout_by_number_then_release(tmp_path, capsys):
    server = tmp_path / "team.sqlite"
    db = Database.open(f"sqlite:///{server}")
    area = areas.create_area(db, name="Lager")
    plan = rounds.plan_round(
        db, area_id=area.id, planned_date=TODAY, template_ref="builtin:kontor", today=TODAY
    )
    db.close()
    target = tmp_path / "runde.sqlite"
    args = ["--db", str(server), "round", "checkout", "--id", plan.number, "--to", str(target)]
    assert main(args) == 0
    assert target.exists()
    assert f"{plan.number} (Lager) er tatt med til" in capsys.readouterr().err
    assert main(args[:-1] + [str(tmp_path / "annen.sqlite")]) == 2
    assert "tatt med på laptop" in capsys.readouterr().err
    assert main(["--db", str(server), "round", "release", "--id", plan.number]) == 0
    db = Database.open(f"sqlite:///{server}")
    assert not rounds.get_round_info(db, plan.id).is_checked_out
    db.close()
    assert main(["--db", str(server), "round", "checkout", "--id", "VR-1999-0001",
                 "--to", str(tmp_path / "x.sqlite")]) == 2  # fmt: skip
    assert "Fant ingen vernerunde" in capsys.readouterr().err
