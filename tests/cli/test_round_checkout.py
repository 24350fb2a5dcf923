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


def test_checkin_prints_the_new_numbers_and_refuses_a_second_time(tmp_path, capsys):
    from datetime import timedelta

    from vernelogg.domain.rounds import Answer

    server = tmp_path / "team.sqlite"
    db = Database.open(f"sqlite:///{server}")
    area = areas.create_area(db, name="Lager")
    plan = rounds.plan_round(
        db, area_id=area.id, planned_date=TODAY, template_ref="builtin:kontor", today=TODAY
    )
    db.close()
    target = tmp_path / "runde.sqlite"
    assert main(["--db", str(server), "round", "checkout", "--id", plan.number,
                 "--to", str(target)]) == 0  # fmt: skip
    local = Database.open(f"sqlite:///{target}")
    detail = rounds.start_round(local, plan.id, today=TODAY)
    rounds.answer_item(local, detail.items[0].id, Answer.NOT_OK)
    rounds.set_comment(local, detail.items[0].id, "Mørk trapp")
    rounds.create_deviation_from_item(
        local, detail.items[0].id, description="Lyset i trappen er gått"
    )
    rounds.create_action_from_item(
        local, detail.items[0].id, title="Bytt lyspære", deadline=TODAY + timedelta(days=3)
    )
    local.close()
    capsys.readouterr()
    assert main(["--db", str(server), "round", "checkin", "--file", str(target)]) == 0
    out = capsys.readouterr().out
    assert f"{plan.number} (Lager) er levert til serveren: påbegynt, 1 av " in out
    assert "1 nytt avvik, 1 nytt tiltak, 0 bilder." in out
    assert "AV-foreløpig-1 → AV-2026-0001: Lyset i trappen er gått" in out
    assert "Ingen konflikter" in out
    assert main(["--db", str(server), "round", "checkin", "--file", str(target)]) == 2
    err = capsys.readouterr().err.strip()
    assert "er allerede levert" in err and len(err.splitlines()) == 1
    assert (
        main(["--db", str(server), "round", "checkin", "--file", str(tmp_path / "x.sqlite")]) == 2
    )
    assert "Fant ikke filen" in capsys.readouterr().err
