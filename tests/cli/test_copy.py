"""`vernelogg copy`: a database moved between SQLite and PostgreSQL, record for record."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.pg_server import fresh_database, postgres_server
from vernelogg.cli import main
from vernelogg.services.transfer.copy import tables
from vernelogg.store.database import Database


@pytest.fixture(scope="module")
def pg_server(tmp_path_factory):
    with postgres_server(tmp_path_factory.mktemp("pg")) as url:
        yield url


def every_row(path_or_url: str) -> dict[str, list[dict]]:
    url = path_or_url if "://" in path_or_url else f"sqlite:///{path_or_url}"
    db = Database.open(url, migrate=False)
    try:
        with db.engine.connect() as conn:
            return {
                t.name: [
                    dict(r)
                    for r in conn.execute(select(t).order_by(*t.primary_key.columns)).mappings()
                ]
                for t in tables()
            }
    finally:
        db.close()


def test_demo_goes_to_postgresql_and_back_unchanged(demo_file, tmp_path, pg_server, capsys):
    back = tmp_path / "tilbake.sqlite"
    with fresh_database(pg_server) as server:
        assert main(["copy", "--from", str(demo_file), "--to", server]) == 0
        err = capsys.readouterr().err
        assert "  deviation: " in err and "  attachment: " in err
        assert "antallet i hver tabell er kontrollert" in err
        on_server = every_row(server)
        assert main(["copy", "--from", server, "--to", str(back)]) == 0

    original = every_row(str(demo_file))
    copied = every_row(str(back))
    assert original["attachment"], "the demo has photos"
    assert original["audit_log"] and original["counter"]
    for name, rows in original.items():
        assert on_server[name] == rows, name
        assert copied[name] == rows, name
    photos = {r["id"]: r["data"] for r in copied["attachment"]}
    assert all(photos[r["id"]] == r["data"] and r["data"] for r in original["attachment"])


def test_a_database_with_records_is_refused_unless_merged(demo_file, tmp_path, capsys):
    target = tmp_path / "mål.sqlite"
    assert main(["copy", "--from", str(demo_file), "--to", str(target)]) == 0
    capsys.readouterr()
    before = every_row(str(target))

    assert main(["copy", "--from", str(demo_file), "--to", str(target)]) == 2
    err = capsys.readouterr().err.strip()
    assert "har allerede" in err and "--merge" in err and len(err.splitlines()) == 1
    assert every_row(str(target)) == before

    assert main(["copy", "--from", str(demo_file), "--to", str(target), "--merge"]) == 0
    assert "Kopiert 0 poster" in capsys.readouterr().err
    assert every_row(str(target)) == before


def test_merge_adds_what_the_target_lacks(demo_file, tmp_path, capsys):
    from vernelogg.services.organisation import save_organisation

    target = tmp_path / "mål.sqlite"
    db = Database.open(f"sqlite:///{target}")
    save_organisation(db, name="Annen AS", org_number="923609016", employees=3, branch="Annet")
    db.close()
    own = every_row(str(target))

    assert main(["copy", "--from", str(demo_file), "--to", str(target), "--merge"]) == 0
    merged = every_row(str(target))
    source = every_row(str(demo_file))
    assert len(merged["deviation"]) == len(source["deviation"])
    assert all(row in merged["organisation"] for row in own["organisation"])


def test_a_missing_source_file_is_an_error(tmp_path, capsys):
    missing = tmp_path / "finnes-ikke.sqlite"
    assert main(["copy", "--from", str(missing), "--to", str(tmp_path / "b.sqlite")]) == 2
    assert "finnes ikke" in capsys.readouterr().err
    assert not missing.exists()
