"""The avvik PDF read back: facts, § 5-2 notification, actions, closing, timeline, photo."""

from __future__ import annotations

import io
from datetime import timedelta

from PIL import Image
from pypdf import PdfReader

from vernelogg import clock
from vernelogg.domain.formatting import fmt_datetime
from vernelogg.reports.deviation import write_deviation_report
from vernelogg.services import actions, areas, people
from vernelogg.services import deviations as dev


def _photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (3000, 2000), (200, 120, 40)).save(out, format="JPEG")
    return out.getvalue()


def test_serious_injury_report_has_everything_a_case_file_needs(org_db):
    db = org_db
    area = areas.create_area(db, name="Verksted")
    leader = people.create_person(db, name="Sigrid Larsen")
    occurred = clock.now() - timedelta(days=3)
    ref = dev.register_deviation(
        db,
        area_id=area.id,
        description="Fikk hånden i klem i kantpressen. Brudd i to fingre.",
        occurred_at=occurred,
        kind="personal_injury",
        severity="serious",
        reporter_name="Per Johansen",
        immediate_action="Maskinen stanset",
        authority_notified_at=occurred + timedelta(minutes=30),
    )
    dev.treat_deviation(
        db,
        ref.id,
        responsible_id=leader.id,
        deadline=clock.today() + timedelta(days=10),
        cause="Tohåndsbetjening overstyrt",
    )
    dev.advance(db, ref.id)
    action = dev.add_deviation_action(
        db, ref.id, title="Lysgardin på kantpressen", owner_id=leader.id
    )
    actions.set_action_status(db, action.id, "done")
    dev.attach_to_deviation(
        db, ref.id, filename="kantpresse.jpg", data=_photo(), caption="Kantpressen etterpå"
    )
    dev.add_comment(db, ref.id, "Arbeidstilsynet var på tilsyn")
    dev.advance(db, ref.id)
    dev.close_deviation(db, ref.id, effective=True, note="Ingen nye hendelser")

    out = io.BytesIO()
    write_deviation_report(db, ref.id, out)
    reader = PdfReader(io.BytesIO(out.getvalue()))
    text = "\n".join(p.extract_text() for p in reader.pages)
    flat = text.replace("\n", " ")
    assert f"Avvik {ref.number}" in text and "Personskade · Alvorlig · Verksted" in text
    assert "Fikk hånden i klem i kantpressen. Brudd i to fingre." in flat
    assert "Tohåndsbetjening overstyrt" in text and "Maskinen stanset" in text
    assert "Varsling etter arbeidsmiljøloven § 5-2" in text
    assert fmt_datetime(occurred + timedelta(minutes=30)) in text
    # the police, the written confirmation and the VO's copy of it
    assert flat.count("Ikke registrert") == 3
    assert "Skriftlig bekreftelse sendt" in flat
    assert "Verneombudet fikk kopi av bekreftelsen" in flat
    assert "Lysgardin på kantpressen" in text and "Utført" in text
    assert "Virket tiltakene?" in text and "Ingen nye hendelser" in text
    assert "Arbeidstilsynet var på tilsyn" in text
    assert "Status: Tiltak iverksatt → Lukket" in flat
    assert "Kantpressen etterpå" in text
    assert sum(len(p.images) for p in reader.pages) == 1
    assert "Verneombud" in text and "Ansvarlig leder" in text
    pages = len(reader.pages)
    assert f"Side {pages} av {pages}" in reader.pages[-1].extract_text()


def test_confidential_report_leaves_out_text_comments_and_photos(org_db):
    db = org_db
    area = areas.create_area(db, name="Kontor")
    ref = dev.register_deviation(
        db,
        area_id=area.id,
        description="Trakassert av Ola i lunsjen",
        occurred_at=clock.now() - timedelta(days=1),
        kind="harassment",
        severity="medium",
        reporter_name="Kari",
        confidential=True,
    )
    dev.add_comment(db, ref.id, "Ola nekter for det")
    dev.attach_to_deviation(db, ref.id, filename="melding.png", data=_photo())
    out = io.BytesIO()
    write_deviation_report(db, ref.id, out)
    reader = PdfReader(io.BytesIO(out.getvalue()))
    text = "\n".join(p.extract_text() for p in reader.pages).replace("\n", " ")
    assert "Ola" not in text and "Kari" not in text and "melding.png" not in text
    assert "Dette avviket er konfidensielt." in text and "1 vedlegg er utelatt" in text
    assert sum(len(p.images) for p in reader.pages) == 0
