"""AMU services: the committee, meetings, numbered cases, standing items, decisions that
become actions and are followed up, approval that locks, and corrections."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import select

from tests.amu_setup import add_deviations, build_committee
from vernelogg.domain.actions import ActionSource, ActionStatus
from vernelogg.domain.amu import Capacity, FollowUpState, ItemKind, MeetingStatus, Presence, Side
from vernelogg.domain.deviations import CONFIDENTIAL_TEXT
from vernelogg.domain.formatting import OSLO
from vernelogg.domain.roles import Role
from vernelogg.services import amu
from vernelogg.services.actions import actions_for_source, add_action
from vernelogg.services.errors import ServiceError, ValidationError
from vernelogg.store.models import Action, AuditEntry

TODAY = date(2026, 11, 22)


@pytest.fixture
def committee(org_db):
    return build_committee(org_db)


def _meeting(db, day: date, **kw) -> amu.MeetingInfo:
    return amu.create_meeting(db, meeting_date=day, start_time="09:00", place="Fjorden", **kw)


def _hold(db, meeting_id: str, day: date = TODAY) -> None:
    amu.mark_all_present(db, meeting_id)
    amu.mark_held(db, meeting_id, today=day)


# --- the committee -------------------------------------------------------------------


def test_committee_is_read_from_role_assignments(org_db, committee):
    c = amu.get_committee(org_db, TODAY)
    assert [s.name for s in c.members(Side.EMPLOYER)] == ["Kari Nordmann", "Ola Hansen"]
    assert [s.name for s in c.deputies(Side.EMPLOYEE)] == ["Lise Andersen"]
    assert (c.chair.name, c.secretary.name, [s.name for s in c.ohs]) == (
        "Ola Hansen",
        "Mona Pettersen",
        ["Eva Lund"],
    )
    assert c.chair_side is Side.EMPLOYER
    assert c.warnings == ()
    # Before the term started nobody sat in the committee.
    assert amu.get_committee(org_db, date(2024, 12, 31)).seats == ()


def test_a_chief_delegate_outside_the_employee_side_is_warned(org_db, committee):
    from vernelogg.services import people

    tor = people.assign_role(
        org_db, person_id=committee["tor"], role=Role.CHIEF_DELEGATE, start_date=date(2026, 1, 1)
    )
    texts = [w.text for w in amu.get_committee(org_db, TODAY).warnings]
    assert texts == [
        "Hovedverneombud Tor Kristiansen er ikke medlem på arbeidstakersiden. "
        "Hovedverneombudet skal være en av arbeidstakernes representanter i utvalget og ha "
        "stemmerett (forskrift om organisering, ledelse og medvirkning § 3-7)."
    ]
    # Before the HVO's term the rule has nobody to check.
    before = amu.get_committee(org_db, date(2025, 12, 31)).warnings
    assert not any("Hovedverneombud" in w.text for w in before)
    # Per, an employee-side member, takes over: the rule is met.
    people.end_role(org_db, tor.id, end_date=date(2026, 6, 30))
    people.assign_role(
        org_db, person_id=committee["per"], role=Role.CHIEF_DELEGATE, start_date=date(2026, 7, 1)
    )
    assert amu.get_committee(org_db, TODAY).warnings == ()


OLM_3_7 = "(forskrift om organisering, ledelse og medvirkning § 3-7)"


def test_the_top_leader_sits_on_the_employer_side(org_db, committee):
    from vernelogg.services import people

    people.assign_role(
        org_db, person_id=committee["tor"], role=Role.TOP_LEADER, start_date=date(2026, 1, 1)
    )
    texts = [w.text for w in amu.get_committee(org_db, TODAY).warnings]
    assert texts == [
        "Øverste leder Tor Kristiansen er ikke medlem på arbeidsgiversiden. Arbeidsgiveren "
        "eller den som leder virksomheten i arbeidsgiverens sted – i en omfattende virksomhet "
        f"en representant fra den øverste ledelsen – skal alltid være medlem {OLM_3_7}."
    ]
    # Kari, an employer-side member, is the top leader instead: the rule is met.
    org = people.list_assignments(org_db, person_id=committee["tor"])
    people.end_role(org_db, org[0].id, end_date=date(2026, 6, 30))
    people.assign_role(
        org_db, person_id=committee["kari"], role=Role.TOP_LEADER, start_date=date(2026, 7, 1)
    )
    assert amu.get_committee(org_db, TODAY).warnings == ()


def test_a_sole_safety_delegate_sits_in_the_committee(org_db, committee):
    from vernelogg.services import areas, people

    lager = areas.create_area(org_db, name="Lager og logistikk").id
    hall = areas.create_area(org_db, name="Sveisehall").id
    people.assign_role(
        org_db,
        person_id=committee["tor"],
        role=Role.SAFETY_DELEGATE,
        area_id=lager,
        start_date=date(2026, 1, 1),
    )
    texts = [w.text for w in amu.get_committee(org_db, TODAY).warnings]
    assert texts == [
        "Virksomheten har bare ett verneombud, Tor Kristiansen, og det er ikke medlem på "
        f"arbeidstakersiden. Er det bare ett verneombud, skal det være medlem av utvalget "
        f"{OLM_3_7}."
    ]
    # With a second delegate the rule no longer applies (a hovedverneombud is then chosen).
    people.assign_role(
        org_db,
        person_id=committee["per"],
        role=Role.SAFETY_DELEGATE,
        area_id=hall,
        start_date=date(2026, 1, 1),
    )
    assert amu.get_committee(org_db, TODAY).warnings == ()


def test_the_ohs_representative_holds_no_seat_for_a_side(org_db, committee):
    amu.assign_committee_role(
        org_db, person_id=committee["eva"], role=Role.AMU_DEPUTY_EMPLOYEE, start_date=TODAY
    )
    texts = [w.text for w in amu.get_committee(org_db, TODAY).warnings]
    assert (
        "Eva Lund er BHT-representant og har også plass for en av sidene. Personale i "
        "bedriftshelsetjenesten kan ikke velges som representanter for arbeidsgiveren eller "
        f"arbeidstakerne {OLM_3_7}." in texts
    )


def test_unequal_sides_and_an_empty_seat_are_warned(org_db, committee):
    per = next(
        a
        for a in amu.get_committee(org_db, TODAY).members(Side.EMPLOYEE)
        if a.name == "Per Johansen"
    )
    from vernelogg.services import people

    people.end_role(org_db, per.assignment_id, end_date=date(2026, 6, 30))
    texts = [w.text for w in amu.get_committee(org_db, TODAY).warnings]
    assert texts[0].startswith("Sidene er ikke like store: 2 fra arbeidsgiversiden og 1 fra")
    assert "Arbeidstakersiden: 1 av 2 plasser står tomme." in texts
    # On a day before Per left, the committee was whole.
    assert amu.get_committee(org_db, date(2026, 6, 1)).warnings == ()


def test_a_person_sits_on_one_side_and_offices_have_one_holder(org_db, committee):
    with pytest.raises(ValidationError) as error:
        amu.assign_committee_role(
            org_db, person_id=committee["kari"], role=Role.AMU_EMPLOYEE, start_date=TODAY
        )
    assert "kan bare ha én plass i utvalget" in error.value.fields["role"]
    with pytest.raises(ValidationError) as error:
        amu.assign_committee_role(
            org_db, person_id=committee["per"], role=Role.AMU_CHAIR, start_date=TODAY
        )
    assert error.value.fields["role"].startswith("Ola Hansen er allerede amu-leder i perioden")


def test_chair_side_is_stored_per_year_and_suggested_for_the_next(org_db, committee):
    years = {c.year: (c.side, c.stored) for c in amu.list_chair_years(org_db, 2026)}
    assert years[2026] == (Side.EMPLOYER, True)
    assert years[2027] == (Side.EMPLOYEE, False)
    amu.set_chair_side(org_db, 2027, "employer", "Avtalt forlengelse")
    texts = [w.text for w in amu.get_committee(org_db, date(2027, 2, 1)).warnings]
    assert any(t.startswith("Arbeidsgiversiden har ledervervet 2026–2027") for t in texts)


# --- meetings, numbering, attendance ---------------------------------------------------


def test_new_meeting_calls_the_committee_and_defaults_chair_and_secretary(org_db, committee):
    m = _meeting(org_db, date(2026, 3, 12), end_time="1130")
    assert (m.chair_name, m.secretary_name, m.time_text) == (
        "Ola Hansen",
        "Mona Pettersen",
        "09:00–11:30",
    )
    assert m.title == "Møte 1/2026"
    rows = {a.name: (a.capacity, a.presence) for a in amu.list_attendance(org_db, m.id)}
    assert rows == {
        "Kari Nordmann": (Capacity.EMPLOYER, Presence.INVITED),
        "Ola Hansen": (Capacity.EMPLOYER, Presence.INVITED),
        "Mona Pettersen": (Capacity.EMPLOYEE, Presence.INVITED),
        "Per Johansen": (Capacity.EMPLOYEE, Presence.INVITED),
        "Hanne Olsen": (Capacity.DEPUTY_EMPLOYER, Presence.NOT_CALLED),
        "Lise Andersen": (Capacity.DEPUTY_EMPLOYEE, Presence.NOT_CALLED),
        "Eva Lund": (Capacity.OHS, Presence.INVITED),
    }


def test_bad_meeting_input_is_refused_per_field(org_db, committee):
    with pytest.raises(ValidationError) as error:
        amu.create_meeting(org_db, meeting_date=None, start_time="11", end_time="10")
    assert error.value.fields == {
        "meeting_date": "Velg dato for møtet.",
        "end_time": "Møtet må slutte etter at det begynner.",
    }
    assert amu.list_meetings(org_db) == []


def test_cases_are_numbered_per_year_and_numbers_are_never_reused(org_db, committee):
    a = _meeting(org_db, date(2026, 3, 12))
    b = _meeting(org_db, date(2026, 6, 11))
    c = _meeting(org_db, date(2027, 3, 11))
    one = amu.add_item(org_db, a.id, title="Støy", kind=ItemKind.DECISION)
    two = amu.add_item(org_db, b.id, title="Sykefravær", kind=ItemKind.ORIENTATION)
    amu.remove_item(org_db, two.id)
    three = amu.add_item(org_db, b.id, title="Inneklima", kind="discussion")
    first_2027 = amu.add_item(org_db, c.id, title="Årsrapport", kind="decision")
    assert [one.number, two.number, three.number, first_2027.number] == [
        "Sak 1/2026",
        "Sak 2/2026",
        "Sak 3/2026",
        "Sak 1/2027",
    ]
    assert [i.number for i in amu.list_items(org_db, b.id)] == ["Sak 3/2026"]
    with pytest.raises(ValidationError) as error:
        amu.add_item(org_db, a.id, title=" ", kind=None)
    assert error.value.fields == {"title": "Tittel må fylles ut.", "kind": "Velg type sak."}


def test_a_meeting_with_numbered_cases_stays_in_its_year(org_db, committee):
    m = _meeting(org_db, date(2026, 12, 10))
    amu.add_item(org_db, m.id, title="Handlingsplan", kind="decision")
    with pytest.raises(ValidationError) as error:
        amu.update_meeting(
            org_db,
            m.id,
            meeting_date=date(2027, 1, 7),
            start_time="09:00",
            end_time="",
            place="",
            chair_id=None,
            secretary_id=None,
        )
    assert "Sakene er nummerert for 2026" in error.value.fields["meeting_date"]


def test_cases_move_on_the_agenda_and_to_a_later_meeting(org_db, committee):
    a = _meeting(org_db, date(2026, 3, 12))
    b = _meeting(org_db, date(2026, 6, 11))
    x = amu.add_item(org_db, a.id, title="X", kind="orientation")
    y = amu.add_item(org_db, a.id, title="Y", kind="orientation")
    amu.move_item(org_db, y.id, -1)
    assert [i.title for i in amu.list_items(org_db, a.id)] == ["Y", "X"]
    moved = amu.move_item_to_meeting(org_db, x.id, b.id)
    assert (moved.meeting_id, moved.number) == (b.id, "Sak 1/2026")


def test_a_deputy_stands_in_only_for_an_absent_member_of_their_side(org_db, committee):
    m = _meeting(org_db, date(2026, 3, 12))
    rows = {a.name: a for a in amu.list_attendance(org_db, m.id)}
    lise, hanne = rows["Lise Andersen"], rows["Hanne Olsen"]
    with pytest.raises(ValidationError) as error:
        amu.set_presence(org_db, lise.id, "present", stands_in_for_id=committee["per"])
    assert error.value.fields["stands_in_for_id"] == (
        "Per Johansen har ikke meldt forfall. Registrer forfall først."
    )
    with pytest.raises(ValidationError) as error:
        amu.set_presence(org_db, hanne.id, "present", stands_in_for_id=committee["per"])
    assert error.value.fields["stands_in_for_id"] == "Velg et medlem fra samme side som varaen."
    amu.set_presence(org_db, rows["Per Johansen"].id, Presence.ABSENT)
    info = amu.set_presence(org_db, lise.id, "present", stands_in_for_id=committee["per"])
    assert info.presence_text == "Til stede for Per Johansen"
    with pytest.raises(ValidationError) as error:
        amu.set_presence(org_db, rows["Per Johansen"].id, Presence.PRESENT)
    assert "Lise Andersen møter som vara for Per Johansen" in error.value.fields["presence"]
    amu.mark_all_present(org_db, m.id)
    assert amu.votes(amu.list_attendance(org_db, m.id)) == {Side.EMPLOYER: 2, Side.EMPLOYEE: 2}


# --- standing items --------------------------------------------------------------------


def test_standing_items_come_from_the_data_without_confidential_text(org_db, committee):
    add_deviations(org_db)
    previous = _meeting(org_db, date(2026, 6, 11))
    m = _meeting(org_db, date(2026, 11, 19))
    result = amu.pull_standing_items(org_db, m.id, today=TODAY)
    assert (result.date_from, result.date_to) == (date(2026, 6, 12), date(2026, 11, 19))
    items = amu.list_items(org_db, m.id)
    assert [(i.number, i.kind, i.standing_key) for i in items] == [
        ("Sak 1/2026", ItemKind.STANDING, "deviations"),
        ("Sak 2/2026", ItemKind.STANDING, "actions"),
    ]
    deviations = items[0].standing
    assert deviations.summary.startswith(
        "2 avvik registrert i perioden, herav 0 personskader, 1 nestenulykke og 0 tilfeller "
        "av yrkessykdom."
    )
    numbers = [r[0] for r in deviations.rows]
    assert numbers == ["AV-2026-0002", "AV-2026-0003"]  # the March injury is before
    texts = " ".join(" ".join(r) for r in deviations.rows)
    assert "Truck rygget nesten" in texts
    assert "Hemmelig" not in texts and "Tor Kristiansen" not in texts
    assert CONFIDENTIAL_TEXT in texts
    assert "OLM § 3-17" in deviations.note
    # Pulling again refreshes the figures in the same cases, no new numbers.
    again = amu.pull_standing_items(org_db, m.id, today=TODAY)
    assert (again.added, again.updated) == ((), ("Sak 1/2026", "Sak 2/2026"))
    # The first meeting of the year reaches back to New Year.
    first = amu.pull_standing_items(org_db, previous.id, today=TODAY)
    assert first.date_from == date(2026, 1, 1)


def test_standing_items_say_so_when_there_is_nothing(org_db, committee):
    m = _meeting(org_db, date(2026, 11, 19))
    amu.pull_standing_items(org_db, m.id, today=TODAY)
    items = amu.list_items(org_db, m.id)
    assert [i.standing.summary for i in items] == [
        "Ingen avvik eller skader er registrert i perioden.",
        "Handlingsplanen har ingen åpne tiltak, og ingen tiltak ble lagt til i perioden.",
    ]


def test_actions_item_lists_overdue_actions(org_db, committee):
    add_action(
        org_db, title="Merke gangsoner", deadline=date(2026, 10, 1), owner_id=committee["tor"]
    )
    add_action(org_db, title="Bytte lysrør", deadline=date(2027, 1, 1))
    with org_db.write() as s:  # both were registered in September
        for action in s.scalars(select(Action)):
            action.created_at = datetime(2026, 9, 1, 12, tzinfo=OSLO)
    m = _meeting(org_db, date(2026, 11, 19))
    amu.pull_standing_items(org_db, m.id, today=TODAY)
    actions = amu.list_items(org_db, m.id)[1].standing
    assert actions.summary.startswith(
        "2 tiltak i handlingsplanen er åpne ved periodens slutt, herav 1 forfalt."
    )
    assert [r[:4] for r in actions.rows] == [
        ("Merke gangsoner", "Tor Kristiansen", "", "01.10.2026")
    ]


def test_a_new_provider_is_one_function_in_the_registry(org_db, committee, monkeypatch):
    def rounds_item(session, date_from, date_to):
        return amu.StandingItem(
            key="rounds",
            title="Vernerunder siden forrige møte",
            summary=f"3 av 4 planlagte vernerunder gjennomført ({date_from.year}).",
            figures=(amu.FigureTable("Runder", ("Område", "Gjort"), (("Lager", "1"),)),),
            heading="Vernerunder",
        )

    def silent(session, date_from, date_to):
        return None

    monkeypatch.setattr(
        amu.standing, "STANDING_ITEM_PROVIDERS", [*amu.STANDING_ITEM_PROVIDERS, rounds_item, silent]
    )
    m = _meeting(org_db, date(2026, 11, 19))
    amu.pull_standing_items(org_db, m.id, today=TODAY)
    titles = [i.title for i in amu.list_items(org_db, m.id)]
    assert titles[-1] == "Vernerunder siden forrige møte" and len(titles) == 3
    report = amu.build_annual_report(org_db, 2026, today=TODAY)
    assert [f.annual_heading for f in report.figures] == [
        "Avvik og skader",
        "Handlingsplanen (tiltak)",
        "Vernerunder",
    ]


# --- decisions, actions, follow-up -----------------------------------------------------


def test_decisions_become_actions_when_the_meeting_is_held(org_db, committee):
    m = _meeting(org_db, date(2026, 11, 19))
    item = amu.add_item(org_db, m.id, title="Støy i verkstedet", kind="decision")
    d = amu.add_decision(
        org_db,
        item.id,
        text="Platesaksen skjermes.\nLeverandør velges av verkstedleder.",
        owner_id=committee["ola"],
        deadline=date(2027, 2, 1),
    )
    plain = amu.add_decision(org_db, item.id, text="Saken tas opp igjen i mars.")
    assert d.action_id is None and d.follow_up_text == "Blir tiltak når møtet er holdt"
    _hold(org_db, m.id)
    (action,) = actions_for_source(org_db, ActionSource.AMU, d.id)
    assert (action.title, action.owner_name, action.deadline, action.source_label) == (
        "Platesaksen skjermes.",
        "Ola Hansen",
        date(2027, 2, 1),
        "Sak 1/2026",
    )
    assert "Leverandør velges" in action.description
    assert actions_for_source(org_db, ActionSource.AMU, plain.id) == []
    # Changing the decision changes its open action; withdrawing it cancels the action.
    amu.update_decision(
        org_db, d.id, text="Platesaksen skjermes.", owner_id=committee["kari"], deadline=None
    )
    (action,) = actions_for_source(org_db, ActionSource.AMU, d.id)
    assert (action.owner_name, action.deadline) == ("Kari Nordmann", None)
    amu.remove_decision(org_db, d.id)
    (action,) = actions_for_source(org_db, ActionSource.AMU, d.id)
    assert action.status is ActionStatus.CANCELLED


def test_decision_input_is_checked(org_db, committee):
    m = _meeting(org_db, date(2026, 11, 19))
    item = amu.add_item(org_db, m.id, title="Støy", kind="decision")
    with pytest.raises(ValidationError) as error:
        amu.add_decision(org_db, item.id, text="", deadline=date(2026, 1, 1))
    assert error.value.fields == {
        "text": "Vedtaket må fylles ut.",
        "owner_id": "Velg hvem som er ansvarlig for fristen.",
        "deadline": "Fristen kan ikke være før møtedatoen.",
    }


def test_a_decision_not_carried_out_is_followed_up_in_the_next_meetings(org_db, committee):
    march = _meeting(org_db, date(2026, 3, 12))
    item = amu.add_item(org_db, march.id, title="Støy", kind="decision")
    amu.add_decision(
        org_db,
        item.id,
        text="Skjerm platesaksen.",
        owner_id=committee["kari"],
        deadline=date(2026, 5, 1),
    )
    quick = amu.add_decision(
        org_db,
        item.id,
        text="Kjøp hørselvern.",
        owner_id=committee["ola"],
        deadline=date(2026, 4, 1),
    )
    _hold(org_db, march.id)
    amu.mark_decision_done(org_db, quick.id, date(2026, 3, 30), today=TODAY)
    june = _meeting(org_db, date(2026, 6, 11))
    sept = _meeting(org_db, date(2026, 9, 10))

    def rows(meeting):
        return [(r.number, r.text, r.state) for r in amu.list_follow_up(org_db, meeting.id, TODAY)]

    assert rows(june) == [
        ("Sak 1/2026", "Skjerm platesaksen.", FollowUpState.OVERDUE),
        ("Sak 1/2026", "Kjøp hørselvern.", FollowUpState.DONE),
    ]
    # Done before June: reported in June, not again in September.
    assert rows(sept) == [("Sak 1/2026", "Skjerm platesaksen.", FollowUpState.OVERDUE)]
    assert amu.list_follow_up(org_db, march.id, TODAY) == []


# --- approval, locking, corrections ----------------------------------------------------


def test_approval_needs_attendance_and_a_decision_in_decision_cases(org_db, committee):
    m = _meeting(org_db, date(2026, 11, 19))
    amu.add_item(org_db, m.id, title="Støy", kind="decision")
    with pytest.raises(ValidationError) as error:
        amu.approve_minutes(org_db, m.id, approved_on=TODAY, approved_by="Ola", today=TODAY)
    message = error.value.fields[""]
    assert "Registrer oppmøte for Kari Nordmann, Ola Hansen" in message
    assert "Sak 1/2026 er en vedtakssak, men har ikke noe vedtak." in message
    assert amu.get_meeting(org_db, m.id).status is MeetingStatus.PLANNED
    future = _meeting(org_db, date(2026, 12, 10))
    with pytest.raises(ServiceError, match="Møtet er ikke holdt ennå"):
        amu.mark_held(org_db, future.id, today=TODAY)


@pytest.fixture
def approved(org_db, committee):
    m = _meeting(org_db, date(2026, 11, 19))
    item = amu.add_item(org_db, m.id, title="Støy", kind="decision", background="87 dB")
    d = amu.add_decision(
        org_db,
        item.id,
        text="Skjerm platesaksen.",
        owner_id=committee["kari"],
        deadline=date(2027, 1, 15),
    )
    _hold(org_db, m.id)
    info = amu.approve_minutes(
        org_db, m.id, approved_on=date(2026, 11, 20), approved_by="Ola og Mona", today=TODAY
    )
    assert (info.status, info.approved_on) == (MeetingStatus.APPROVED, date(2026, 11, 20))
    return m, item, d


def test_approved_minutes_refuse_silent_edits(org_db, committee, approved):
    m, item, d = approved
    attempts = [
        lambda: amu.update_item(
            org_db, item.id, title="Støy", kind="decision", background="88 dB", discussion=""
        ),
        lambda: amu.update_decision(org_db, d.id, text="Noe annet", owner_id=None, deadline=None),
        lambda: amu.add_decision(org_db, item.id, text="Nytt"),
        lambda: amu.remove_decision(org_db, d.id),
        lambda: amu.add_item(org_db, m.id, title="Ny", kind="orientation"),
        lambda: amu.pull_standing_items(org_db, m.id, today=TODAY),
        lambda: amu.set_presence(org_db, amu.list_attendance(org_db, m.id)[0].id, "absent"),
        lambda: amu.update_meeting(
            org_db,
            m.id,
            meeting_date=date(2026, 11, 19),
            start_time="10:00",
            end_time="",
            place="Fjorden",
            chair_id=None,
            secretary_id=None,
        ),
    ]
    for attempt in attempts:
        with pytest.raises(amu.MinutesLockedError):
            attempt()
    assert amu.get_item(org_db, item.id).background == "87 dB"
    assert amu.list_corrections(org_db, m.id) == []
    with pytest.raises(ValidationError) as error:
        amu.update_item(
            org_db,
            item.id,
            title="Støy",
            kind="decision",
            background="88 dB",
            discussion="",
            reason=" ",
        )
    assert error.value.fields == {"reason": "Skriv hvorfor den godkjente protokollen rettes."}


def test_a_correction_changes_the_minutes_and_keeps_the_history(org_db, committee, approved):
    m, item, d = approved
    amu.update_item(
        org_db,
        item.id,
        title="Støy",
        kind="decision",
        background="88 dB",
        discussion="",
        reason="Feil måletall",
    )
    amu.update_decision(
        org_db,
        d.id,
        text="Skjerm platesaksen.",
        owner_id=committee["ola"],
        deadline=date(2027, 1, 15),
        reason="Ansvarlig ble feil",
    )
    row = next(a for a in amu.list_attendance(org_db, m.id) if a.name == "Per Johansen")
    amu.set_presence(org_db, row.id, "absent", reason="Per gikk før møtet")
    found = [(c.target, c.old, c.new, c.reason) for c in amu.list_corrections(org_db, m.id)]
    assert found == [
        ("Sak 1/2026 – bakgrunn", "87 dB", "88 dB", "Feil måletall"),
        (
            "Sak 1/2026 – vedtak 1",
            "Skjerm platesaksen. · Ansvarlig: Kari Nordmann · Frist: 15.01.2027",
            "Skjerm platesaksen. · Ansvarlig: Ola Hansen · Frist: 15.01.2027",
            "Ansvarlig ble feil",
        ),
        ("Oppmøte: Per Johansen", "Til stede", "Forfall", "Per gikk før møtet"),
    ]
    assert amu.get_item(org_db, item.id).background == "88 dB"
    assert all(c.by for c in amu.list_corrections(org_db, m.id))
    (action,) = actions_for_source(org_db, ActionSource.AMU, d.id)
    assert action.owner_name == "Ola Hansen"
    with org_db.read() as s:
        audit = s.scalars(
            select(AuditEntry).where(
                AuditEntry.entity == "amu_agenda_item", AuditEntry.field == "background"
            )
        ).all()
    assert [(a.old, a.new) for a in audit] == [("87 dB", "88 dB")]


def test_follow_up_is_kept_as_approved_and_actions_can_still_be_done(org_db, committee):
    march = _meeting(org_db, date(2026, 3, 12))
    item = amu.add_item(org_db, march.id, title="Støy", kind="decision")
    d = amu.add_decision(
        org_db,
        item.id,
        text="Skjerm platesaksen.",
        owner_id=committee["kari"],
        deadline=date(2026, 5, 1),
    )
    _hold(org_db, march.id)
    june = _meeting(org_db, date(2026, 6, 11))
    amu.add_item(org_db, june.id, title="Oppfølging", kind="orientation")
    _hold(org_db, june.id)
    amu.approve_minutes(
        org_db, june.id, approved_on=date(2026, 6, 20), approved_by="AMU", today=TODAY
    )
    amu.mark_decision_done(org_db, d.id, date(2026, 7, 1), today=TODAY)
    (row,) = amu.list_follow_up(org_db, june.id, TODAY)
    assert row.state is FollowUpState.OVERDUE  # as it stood in June
    with org_db.read() as s:
        action = s.scalars(select(Action)).one()
    assert (action.status, action.done_date) == ("done", date(2026, 7, 1))


def test_only_planned_meetings_without_decisions_can_be_cancelled(org_db, committee):
    m = _meeting(org_db, date(2026, 12, 10))
    item = amu.add_item(org_db, m.id, title="Handlingsplan", kind="decision")
    amu.add_decision(org_db, item.id, text="Vedtas.")
    with pytest.raises(ServiceError, match="forslag til vedtak"):
        amu.cancel_meeting(org_db, m.id)
    amu.remove_decision(org_db, amu.get_item(org_db, item.id).decisions[0].id)
    amu.cancel_meeting(org_db, m.id)
    assert amu.list_meetings(org_db) == []


# --- the annual report ------------------------------------------------------------------


def test_annual_report_counts_meetings_cases_and_decisions(org_db, committee):
    add_deviations(org_db)
    m = _meeting(org_db, date(2026, 3, 12))
    amu.pull_standing_items(org_db, m.id, today=TODAY)
    item = amu.add_item(org_db, m.id, title="Støy", kind="decision")
    d1 = amu.add_decision(
        org_db, item.id, text="A", owner_id=committee["kari"], deadline=date(2026, 4, 1)
    )
    amu.add_decision(
        org_db, item.id, text="B", owner_id=committee["ola"], deadline=date(2026, 5, 1)
    )
    amu.add_decision(org_db, item.id, text="C")
    _hold(org_db, m.id)
    amu.mark_decision_done(org_db, d1.id, date(2026, 3, 30), today=TODAY)
    _meeting(org_db, date(2026, 12, 10))  # planned, not held
    report = amu.build_annual_report(org_db, 2026, today=TODAY)
    assert (len(report.meetings), len(report.planned), report.case_count) == (1, 1, 3)
    assert report.kind_counts == {ItemKind.STANDING: 2, ItemKind.DECISION: 1}
    assert [(d.text, d.state_text) for d in report.decisions] == [
        ("A", "Utført 30.03.2026"),
        ("B", "Forfalt"),
        ("C", "Ingen oppfølging"),
    ]
    assert (report.follow_up_count, report.carried_out, report.overdue) == (2, 1, 1)
    deviations = report.figures[0]
    assert deviations.summary.startswith("3 avvik registrert i perioden, herav 1 personskade")
    assert (report.date_from, report.date_to) == (date(2026, 1, 1), TODAY)
    with pytest.raises(ValidationError):
        amu.build_annual_report(org_db, 2027, today=TODAY)
