"""The AMU PDFs read back: minutes, invitation and the annual report."""

from __future__ import annotations

import re
from datetime import date

import pytest
from pypdf import PdfReader

from tests.amu_setup import add_deviations, build_committee
from vernelogg.domain.amu import Presence
from vernelogg.reports.amu_annual import write_annual
from vernelogg.reports.amu_invitation import write_invitation
from vernelogg.reports.amu_minutes import write_minutes
from vernelogg.services import amu

TODAY = date(2026, 11, 22)


def text_of(path) -> tuple[int, str]:
    reader = PdfReader(path)
    pages = [p.extract_text() for p in reader.pages]
    return len(pages), re.sub(r"\s+", " ", "\n".join(pages))


@pytest.fixture
def meeting(org_db):
    ids = build_committee(org_db)
    add_deviations(org_db)
    march = amu.create_meeting(org_db, meeting_date=date(2026, 3, 12), place="Fjorden")
    old = amu.add_item(org_db, march.id, title="Støy i verkstedet", kind="decision")
    amu.add_decision(
        org_db, old.id, text="Skjerm platesaksen.", owner_id=ids["kari"], deadline=date(2026, 5, 1)
    )
    amu.mark_all_present(org_db, march.id)
    amu.mark_held(org_db, march.id, today=TODAY)
    m = amu.create_meeting(
        org_db,
        meeting_date=date(2026, 11, 19),
        start_time="09:00",
        end_time="11:30",
        place="Møterommet «Fjorden»",
    )
    amu.pull_standing_items(org_db, m.id, today=TODAY)
    item = amu.add_item(
        org_db,
        m.id,
        title="Truck og gående i varemottaket",
        kind="decision",
        background="Nestenulykke i september.",
        presenter_id=ids["ola"],
    )
    return org_db, ids, m, item


def _run_meeting(db, ids, m, item) -> None:
    rows = {a.name: a for a in amu.list_attendance(db, m.id)}
    amu.set_presence(db, rows["Per Johansen"].id, Presence.ABSENT)
    amu.set_presence(db, rows["Lise Andersen"].id, Presence.PRESENT, stands_in_for_id=ids["per"])
    amu.mark_all_present(db, m.id)
    amu.update_item(
        db,
        item.id,
        title=item.title,
        kind="decision",
        background=item.background,
        discussion="Arbeidstakersiden ønsker fysisk skille.",
        presenter_id=ids["ola"],
    )
    amu.add_decision(
        db,
        item.id,
        text="Gangsoner merkes og skilles fysisk fra truckområdet.",
        owner_id=ids["tor"],
        deadline=date(2027, 1, 31),
    )
    amu.mark_held(db, m.id, today=TODAY)


def test_invitation_has_the_agenda_proposals_and_follow_up(meeting, tmp_path):
    db, ids, m, item = meeting
    amu.add_decision(db, item.id, text="Gangsoner merkes.", owner_id=ids["tor"])
    path = tmp_path / "innkalling.pdf"
    write_invitation(db, m.id, path, today=TODAY)
    pages, text = text_of(path)
    assert "Innkalling til møte i arbeidsmiljøutvalget" in text
    assert "torsdag 19.11.2026 kl. 09:00–11:30" in text
    assert "Meld forfall til Mona Pettersen" in text
    for case in (
        "Sak 2/2026 Avvik og skader siden forrige møte",
        "Sak 3/2026 Handlingsplanen: åpne og forfalte tiltak",
        "Sak 4/2026 Truck og gående i varemottaket",
    ):
        assert case in text
    assert "Forslag til vedtak Gangsoner merkes." in text
    assert "Vara (kalles inn ved forfall): Hanne Olsen, Lise Andersen." in text
    assert "Sak 1/2026 12.03.2026 Skjerm platesaksen. Kari Nordmann 01.05.2026 Forfalt" in text
    assert "Hemmelig" not in text and "Side 1 av" in text


def test_minutes_hold_cases_decisions_attendance_and_signatures(meeting, tmp_path):
    db, ids, m, item = meeting
    _run_meeting(db, ids, m, item)
    amu.approve_minutes(
        db, m.id, approved_on=date(2026, 11, 20), approved_by="Ola og Mona", today=TODAY
    )
    amu.update_item(
        db,
        item.id,
        title=item.title,
        kind="decision",
        background="Nestenulykke 14. september.",
        discussion="Arbeidstakersiden ønsker fysisk skille.",
        presenter_id=ids["ola"],
        reason="Datoen manglet",
    )
    path = tmp_path / "protokoll.pdf"
    write_minutes(db, m.id, path, today=TODAY)
    pages, text = text_of(path)
    assert "Protokoll fra møte i arbeidsmiljøutvalget" in text
    assert "Godkjent 20.11.2026 av Ola og Mona" in text
    assert "UTKAST" not in text
    # attendance
    assert "Per Johansen Medlem, arbeidstakersiden Forfall" in text
    assert "Lise Andersen Vara, arbeidstakersiden Til stede for Per Johansen" in text
    assert "Eva Lund BHT (uten stemmerett) Til stede" in text
    assert "arbeidsgiversiden 2, arbeidstakersiden 2" in text
    # every case, with the standing figures and the decision
    assert "Sak 2/2026 Avvik og skader siden forrige møte" in text
    assert "2 avvik registrert i perioden, herav 0 personskader, 1 nestenulykke og" in text
    assert "Truck rygget nesten på gående i varemottaket" in text
    assert "Hemmelig" not in text and "Tor Kristiansen" in text  # owner, never reporter
    assert "Drøfting Arbeidstakersiden ønsker fysisk skille." in text
    assert (
        "Vedtak Gangsoner merkes og skilles fysisk fra truckområdet. "
        "Ansvarlig: Tor Kristiansen · Frist: 31.01.2027" in text
    )
    # follow-up, corrections, signatures, page numbers
    assert "Oppfølging av vedtak fra tidligere møter" in text
    assert "Skjerm platesaksen. Kari Nordmann 01.05.2026 Forfalt" in text
    assert "Rettelser etter godkjenning" in text
    assert "Nestenulykke i september. Nestenulykke 14. september. Datoen manglet" in text
    # approved in the app: who approved and when, no lines to sign on
    assert "Signert 20.11.2026 Ola og Mona Protokollen godkjent" in text
    assert "____" not in text
    assert f"Side {pages} av {pages}" in text


def test_draft_minutes_say_they_are_not_approved(meeting, tmp_path):
    db, ids, m, item = meeting
    _run_meeting(db, ids, m, item)
    path = tmp_path / "utkast.pdf"
    write_minutes(db, m.id, path, today=TODAY)
    _, text = text_of(path)
    assert "UTKAST: Protokollen er ikke godkjent." in text
    assert "Utkast – ikke godkjent" in text


@pytest.mark.parametrize("year", [2025, 2026])
def test_annual_report_for_a_demo_year_has_pages_of_real_content(demo_db, tmp_path, year):
    path = tmp_path / f"arsrapport-{year}.pdf"
    write_annual(demo_db, year, path, today=TODAY)
    reader = PdfReader(path)
    assert len(reader.pages) >= 2
    first = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    second = re.sub(r"\s+", " ", reader.pages[1].extract_text())
    assert f"Årsrapport for arbeidsmiljøutvalget {year}" in first
    assert "Fjordheim Drift AS" in first
    assert (
        "Rapporten avgis til Virksomhetens styrende organer og Arbeidstilsynet "
        "(aml. § 7-2 sjette ledd)" in first
    )
    assert "arbeidsulykker, nestenulykker og yrkessykdom (aml. § 7-2 (4))" in first
    assert re.search(rf"holdt [34] møter i {year} og behandlet \d\d saker", first)
    assert "Utvalgets sammensetning" in first and "Kari Nordmann" in first
    # The second page is content too: meetings, cases and decisions, not a signature alone.
    assert len(re.findall(rf"Sak \d+/{year}", second)) >= 5
    _, text = text_of(path)
    for section in (
        "Møter",
        "Saker behandlet",
        "Vedtak med tiltak",
        f"HMS-tall for {year}",
        "Avvik og skader",
        "Handlingsplanen (tiltak)",
        "Leder av arbeidsmiljøutvalget",
    ):
        assert section in text
    assert re.search(r"Av \d+ vedtak som krevde oppfølging, er \d+ utført", text)
    assert "Utført" in text and ("Forfalt" in text or "Ikke utført" in text)
