"""The round PDF, read back: facts, summary, findings with photos and follow-ups, signatures."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date

from PIL import Image
from pypdf import PdfReader

from tests.conftest import TODAY
from vernelogg.domain.roles import Role
from vernelogg.domain.rounds import Answer
from vernelogg.reports.round import write_round_report
from vernelogg.services import areas, people, rounds


def _png(color) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 200), color).save(out, format="PNG")
    return out.getvalue()


def _closed_round(db):
    area = areas.create_area(db, name="Lager og logistikk")
    lise = people.create_person(db, name="Lise Andersen")
    tor = people.create_person(db, name="Tor Kristiansen")
    people.assign_role(
        db, person_id=lise.id, role=Role.SAFETY_DELEGATE, area_id=area.id,
        start_date=date(2025, 1, 1),
    )  # fmt: skip
    plan = rounds.plan_round(
        db,
        area_id=area.id,
        planned_date=date(2026, 11, 18),
        template_ref="builtin:generell",
        delegate_id=lise.id,
        leader_id=tor.id,
        other_participants="Eva Lund (BHT)",
        today=TODAY,
    )
    detail = rounds.start_round(db, plan.id, held_on=date(2026, 11, 19), today=TODAY)
    exit_point = next(i for i in detail.items if i.key == "gen-17")
    light_point = next(i for i in detail.items if i.key == "gen-01")
    for item in detail.items:
        answer = Answer.NOT_OK if item in (exit_point, light_point) else Answer.OK
        if item.key in ("gen-31", "gen-32"):
            answer = Answer.NOT_RELEVANT
        rounds.answer_item(db, item.id, answer)
    rounds.set_comment(db, exit_point.id, "Paller foran nødutgangen i varemottaket.")
    rounds.set_comment(db, light_point.id, "To lysrør i reolgang C er døde.")
    rounds.add_photo(db, exit_point.id, filename="utgang1.png", data=_png((200, 30, 30)))
    rounds.add_photo(db, exit_point.id, filename="utgang2.png", data=_png((30, 30, 200)))
    rounds.add_finding(db, plan.id, text="Truckladeren står uten avskjerming.", group="fire")
    rounds.create_action_from_item(
        db,
        exit_point.id,
        title="Merk forbudssone foran nødutgangen",
        owner_id=tor.id,
        deadline=date(2026, 12, 4),
        today=TODAY,
    )
    avvik = rounds.create_deviation_from_item(
        db, exit_point.id, description="Blokkert nødutgang", reporter_name="Lise Andersen"
    )
    rounds.close_round(
        db,
        plan.id,
        signed_delegate="Lise Andersen",
        signed_leader="Tor Kristiansen",
        closed_on=date(2026, 11, 20),
        notes="Ryddig lager bortsett fra varemottaket.",
        today=TODAY,
    )
    rounds.add_addendum(db, plan.id, "Lysrørene er skiftet.", written_by="Tor Kristiansen")
    return plan, avvik


def _text(path) -> str:
    """All pages' text with runs of white space (table cells, line breaks) as one space."""
    reader = PdfReader(path)
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_round_report_has_everything_the_area_and_amu_need(tmp_path, org_db):
    plan, avvik = _closed_round(org_db)
    path = tmp_path / "runde.pdf"
    write_round_report(org_db, plan.id, path)
    reader = PdfReader(path)
    text = _text(path)
    assert "Vernerunde VR-2026-0001" in text
    assert "Lager og logistikk · 19.11.2026" in text
    assert "Planlagt dato 18.11.2026" in text
    assert "Lise Andersen" in text and "Tor Kristiansen" in text and "Eva Lund (BHT)" in text
    assert (
        "Avsluttet og signert 20.11.2026 av Lise Andersen (verneombud) og Tor Kristiansen" in text
    )
    # summary: 32 points, 28 OK, 2 not OK, 2 not relevant, 0 unanswered, 1 free, 1 avvik, 1 tiltak
    assert "32 28 2 2 0 1 1 1" in text
    assert "Punkt 17 · Brann og rømningsveier" in text
    assert "Kommentar: Paller foran nødutgangen i varemottaket." in text
    assert "Merk forbudssone foran nødutgangen" in text and "04.12.2026" in text
    assert avvik.label in text
    assert "Fritt funn 1 · Brann og rømningsveier" in text
    assert "Truckladeren står uten avskjerming." in text
    assert "Tillegg etter avslutning" in text and "Lysrørene er skiftet." in text
    # signed in the app: who, role and when; no blank lines to sign on
    assert "Signert 20.11.2026 Lise Andersen Verneombud" in text
    assert "Signert 20.11.2026 Tor Kristiansen Leder" in text
    assert "Sted og dato" not in text and "____" not in text
    assert "utkast" not in text
    thumbnails = sum(len(page.images) for page in reader.pages)
    assert thumbnails == 2


def test_running_round_is_marked_as_a_draft(tmp_path, org_db):
    area = areas.create_area(org_db, name="Kontor")
    plan = rounds.plan_round(
        org_db, area_id=area.id, planned_date=TODAY, template_ref="builtin:kontor", today=TODAY
    )
    rounds.start_round(org_db, plan.id, today=TODAY)
    path = tmp_path / "utkast.pdf"
    write_round_report(org_db, plan.id, path)
    text = _text(path)
    assert "Runden er ikke avsluttet (pågår). Rapporten er et utkast" in text
    assert "31 0 0 0 31 0 0 0" in text


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "vernelogg", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_cli_writes_the_latest_round_and_refuses_bad_ids(tmp_path, org_db):
    empty = _cli("--db", org_db.url, "report", "round", "--id", "latest", "-o", "x.pdf")
    assert empty.returncode == 2
    assert empty.stderr.strip() == "vernelogg: Det finnes ingen gjennomført vernerunde ennå."
    plan, _ = _closed_round(org_db)
    out = tmp_path / "siste.pdf"
    done = _cli("--db", org_db.url, "report", "round", "--id", "latest", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "Vernerunde VR-2026-0001" in _text(out)
    by_id = tmp_path / "id.pdf"
    assert _cli("--db", org_db.url, "report", "round", "--id", plan.id, "-o", str(by_id))
    assert "Lysrørene er skiftet." in _text(by_id)
    unknown = _cli(
        "--db", org_db.url, "report", "round", "--id",
        "00000000-0000-0000-0000-000000000000", "-o", str(tmp_path / "u.pdf"),
    )  # fmt: skip
    assert unknown.returncode == 2
    assert unknown.stderr.strip() == "vernelogg: Fant ikke vernerunden."
