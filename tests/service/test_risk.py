"""Risk assessments as the services see them: matrix versions, hazards, tiltak, sign-off."""

from __future__ import annotations

from datetime import date

import pytest

from vernelogg.domain.actions import ActionSource
from vernelogg.domain.deadlines import RuleSettings, Status
from vernelogg.domain.risk import AssessmentKind, AssessmentStatus, HazardCategory
from vernelogg.domain.risk_matrix import Acceptance
from vernelogg.services import areas, people
from vernelogg.services import risk as risk_service
from vernelogg.services.actions import actions_for_source
from vernelogg.services.errors import ServiceError, ValidationError

G, Y, R = Acceptance.GREEN, Acceptance.YELLOW, Acceptance.RED


@pytest.fixture
def area(org_db):
    return areas.create_area(org_db, name="Lager og logistikk")


def _assessment(db, area, **kw):
    values = dict(
        title="Truckkjøring i lageret",
        area_id=area.id,
        kind=AssessmentKind.WORK_OPERATION,
        assessed_on=date(2026, 3, 2),
        participants="Lise Andersen, Tor Kristiansen",
        vo_participated=True,
        review_on=date(2027, 3, 2),
    )
    values.update(kw)
    return risk_service.create_assessment(db, **values)


def _hazard(db, assessment_id, p=4, c=3, rp=None, rc=None, **kw):
    return risk_service.save_hazard(
        db,
        assessment_id,
        description=kw.pop("description", "Påkjørsel av fotgjenger"),
        category=kw.pop("category", HazardCategory.ACCIDENT),
        probability=p,
        consequence=c,
        residual_probability=rp,
        residual_consequence=rc,
        **kw,
    )


FOUR = [("Sjelden", ""), ("Av og til", ""), ("Ofte", ""), ("Svært ofte", "")]
FOUR_C = [("Liten", ""), ("Middels", ""), ("Stor", ""), ("Svært stor", "")]


def test_first_assessment_uses_the_shipped_default_matrix(org_db, area):
    info = _assessment(org_db, area)
    assert info.matrix_version.number == 1
    assert info.matrix_version.is_shipped_default
    assert info.matrix.size == (5, 5)
    assert info.status is AssessmentStatus.DRAFT


def test_custom_4x4_matrix_colours_new_assessments_but_not_old_ones(org_db, area):
    old = _assessment(org_db, area, title="Gammel vurdering")
    _hazard(org_db, old.id, p=2, c=2)  # 5×5 default: score 4 is green
    cells = [
        [G, Y, Y, R],
        [Y, R, R, R],
        [Y, R, R, R],
        [R, R, R, R],
    ]
    version = risk_service.save_matrix(
        org_db, risk_service.build_matrix(FOUR, FOUR_C, cells), note="Strengere matrise"
    )
    assert version.number == 2 and version.size_text == "4×4"
    new = _assessment(org_db, area, title="Ny vurdering")
    _hazard(org_db, new.id, p=2, c=2)

    old_after = risk_service.get_assessment(org_db, old.id)
    new_after = risk_service.get_assessment(org_db, new.id)
    assert old_after.matrix_version.number == 1 and old_after.matrix.size == (5, 5)
    assert old_after.hazards[0].before.acceptance is G
    assert not old_after.uses_current_matrix
    assert new_after.matrix_version.number == 2 and new_after.matrix.size == (4, 4)
    assert new_after.hazards[0].before.acceptance is R
    assert new_after.matrix.probability_step(4).label == "Svært ofte"
    rows = {r.title: r for r in risk_service.list_assessments(org_db)}
    assert rows["Gammel vurdering"].highest_residual.acceptance is G
    assert rows["Ny vurdering"].highest_residual.acceptance is R
    # A value that fits the old 5×5 matrix does not fit the new one.
    with pytest.raises(ValidationError) as error:
        _hazard(org_db, new.id, p=5, c=1)
    assert error.value.fields["probability"] == "Velg sannsynlighet fra 1 til 4."


def test_saving_an_unchanged_matrix_is_refused(org_db):
    current = risk_service.current_matrix_version(org_db)
    with pytest.raises(ValidationError, match="lik gjeldende versjon 1"):
        risk_service.save_matrix(org_db, current.matrix)
    assert [v.number for v in risk_service.list_matrix_versions(org_db)] == [1]


def test_matrix_steps_are_validated_per_axis():
    with pytest.raises(ValidationError) as error:
        risk_service.build_matrix(
            [("Lav", ""), ("", ""), ("Høy", "")],
            [("Liten", ""), ("Stor", "")],
            [[G, G], [G, G], [G, G]],
        )
    assert error.value.fields == {
        "probability": "Trinn 2 i skalaen for sannsynlighet mangler navn.",
        "consequence": "Skalaen for konsekvens må ha mellom 3 og 6 trinn.",
    }
    with pytest.raises(ValidationError) as error:
        risk_service.build_matrix(
            [("Lav", ""), ("Lav", ""), ("Høy", "")], FOUR_C[:3], [[G] * 3] * 3
        )
    assert error.value.fields["probability"] == "To trinn i skalaen for sannsynlighet heter «Lav»."
    with pytest.raises(ValidationError) as error:
        risk_service.build_matrix(FOUR[:3], FOUR_C[:3], [[G] * 3] * 2)
    assert "cells" in error.value.fields


def test_assessment_fields_are_validated_together(org_db, area):
    with pytest.raises(ValidationError) as error:
        risk_service.create_assessment(
            org_db,
            title="  ",
            area_id=None,
            kind=None,
            assessed_on=None,
        )
    assert error.value.fields == {
        "title": "Tittel må fylles ut.",
        "area_id": "Velg verneområde.",
        "kind": "Velg hva som vurderes.",
        "assessed_on": "Dato for vurderingen må fylles ut.",
    }
    with pytest.raises(ValidationError) as error:
        _assessment(org_db, area, review_on=date(2026, 3, 1))
    assert error.value.fields == {
        "review_on": "Neste gjennomgang må være etter datoen for vurderingen."
    }
    assert risk_service.list_assessments(org_db) == []


def test_hazard_fields_are_validated_and_nothing_is_saved_half_way(org_db, area):
    info = _assessment(org_db, area)
    with pytest.raises(ValidationError) as error:
        risk_service.save_hazard(
            org_db,
            info.id,
            description="",
            category="nonsense",
            probability=None,
            consequence=6,
            new_actions=[risk_service.NewAction(title="")],
        )
    assert error.value.fields == {
        "description": "Beskrivelse av den uønskede hendelsen må fylles ut.",
        "category": "Velg kategori.",
        "probability": "Velg sannsynlighet.",
        "consequence": "Velg konsekvens fra 1 til 5.",
        "residual_probability": "Velg sannsynlighet etter tiltak.",
        "residual_consequence": "Velg konsekvens etter tiltak fra 1 til 5.",
        "actions": "Nytt tiltak 1 mangler beskrivelse av hva som skal gjøres.",
    }
    with pytest.raises(ValidationError) as error:
        _hazard(org_db, info.id, p=2, c=3, rp=3, rc=3)
    assert error.value.fields == {
        "residual_probability": "Sannsynligheten etter tiltak kan ikke være høyere enn før tiltak."
    }
    after = risk_service.get_assessment(org_db, info.id)
    assert after.hazards == ()
    assert actions_for_source(org_db, ActionSource.RISK, info.id) == []


def test_hazard_with_new_tiltak_creates_linked_actions_in_the_plan(org_db, area):
    owner = people.create_person(org_db, name="Tor Kristiansen")
    info = _assessment(org_db, area)
    hazard_id = _hazard(
        org_db,
        info.id,
        p=4,
        c=4,
        rp=2,
        rc=4,
        existing_measures="Merkede gangsoner",
        new_actions=[
            risk_service.NewAction("Fysisk skille mellom gangsone og truckområde", owner.id),
            risk_service.NewAction("Speil i kryss ved port 3", deadline=date(2026, 5, 1)),
        ],
    )
    detail = risk_service.get_assessment(org_db, info.id)
    (hazard,) = detail.hazards
    assert hazard.id == hazard_id and hazard.number == 1
    assert (hazard.before.text, hazard.before.acceptance) == ("4 × 4 = 16", R)
    assert (hazard.after.text, hazard.after.acceptance) == ("2 × 4 = 8", Y)
    assert [a.title for a in hazard.actions] == [
        "Fysisk skille mellom gangsone og truckområde",
        "Speil i kryss ved port 3",
    ]
    assert hazard.actions[0].owner_name == "Tor Kristiansen"
    plan = actions_for_source(org_db, ActionSource.RISK, info.id)
    assert len(plan) == 2
    assert plan[0].area_name == "Lager og logistikk"
    assert plan[0].source_label == "Truckkjøring i lageret – fare 1"
    assert {a.hazard_number for a in detail.actions} == {1}
    assert risk_service.hazard_ids_of_action(org_db, plan[1].id) == [hazard_id]


def test_residual_left_out_is_the_same_as_before(org_db, area):
    info = _assessment(org_db, area)
    _hazard(org_db, info.id, p=3, c=2)
    (hazard,) = risk_service.get_assessment(org_db, info.id).hazards
    assert (hazard.after.probability, hazard.after.consequence) == (3, 2)
    assert not hazard.reduced


def test_approval_needs_acceptable_residual_risk_and_tiltak_for_reductions(org_db, area):
    info = _assessment(org_db, area)
    with pytest.raises(ValidationError, match="minst én fare"):
        risk_service.approve_assessment(
            org_db, info.id, approved_by="Tor Kristiansen", approved_on=date(2026, 3, 5)
        )
    red_id = _hazard(org_db, info.id, p=5, c=4)
    with pytest.raises(ValidationError, match="ikke akseptabel \\(rød\\) for fare 1"):
        risk_service.approve_assessment(
            org_db, info.id, approved_by="Tor Kristiansen", approved_on=date(2026, 3, 5)
        )
    risk_service.save_hazard(
        org_db,
        info.id,
        hazard_id=red_id,
        description="Påkjørsel av fotgjenger",
        category=HazardCategory.ACCIDENT,
        probability=5,
        consequence=4,
        residual_probability=1,
        residual_consequence=4,
    )
    with pytest.raises(ValidationError, match="Fare 1 har lavere risiko etter tiltak"):
        risk_service.approve_assessment(
            org_db, info.id, approved_by="Tor Kristiansen", approved_on=date(2026, 3, 5)
        )
    risk_service.add_hazard_actions(
        org_db, red_id, [risk_service.NewAction("Fysisk skille i gangsonen")]
    )
    with pytest.raises(ValidationError) as error:
        risk_service.approve_assessment(org_db, info.id, approved_by="", approved_on=None)
    assert set(error.value.fields) == {"approved_by", "approved_on"}
    approved = risk_service.approve_assessment(
        org_db, info.id, approved_by="Tor Kristiansen", approved_on=date(2026, 3, 5)
    )
    assert approved.status is AssessmentStatus.APPROVED
    assert risk_service.approval_text(approved) == "Godkjent 05.03.2026 av Tor Kristiansen"


def test_approved_assessment_is_locked_until_reopened(org_db, area):
    info = _assessment(org_db, area)
    _hazard(org_db, info.id, p=1, c=2)
    risk_service.approve_assessment(
        org_db, info.id, approved_by="Tor Kristiansen", approved_on=date(2026, 3, 5)
    )
    with pytest.raises(ServiceError, match="godkjent. Gjenåpne"):
        _hazard(org_db, info.id, p=2, c=2)
    with pytest.raises(ServiceError, match="godkjent"):
        risk_service.update_assessment(
            org_db,
            info.id,
            title="Endret",
            area_id=area.id,
            kind=AssessmentKind.ACTIVITY,
            assessed_on=date(2026, 3, 2),
        )
    reopened = risk_service.reopen_assessment(org_db, info.id)
    assert reopened.status is AssessmentStatus.DRAFT and reopened.approved_by == ""
    _hazard(org_db, info.id, p=2, c=2, description="Fall fra rampe")
    assert len(risk_service.get_assessment(org_db, info.id).hazards) == 2


def test_archived_hazard_leaves_the_numbering_and_the_matrix(org_db, area):
    info = _assessment(org_db, area)
    first = _hazard(org_db, info.id, description="Første")
    _hazard(org_db, info.id, description="Andre", p=2, c=2)
    risk_service.archive_hazard(org_db, first)
    detail = risk_service.get_assessment(org_db, info.id)
    assert [(h.number, h.description) for h in detail.hazards] == [(1, "Andre")]
    assert risk_service.list_assessments(org_db)[0].hazard_count == 1


def test_draft_can_move_to_the_current_matrix_only_when_values_fit(org_db, area):
    too_big = _assessment(org_db, area, title="For stor")
    _hazard(org_db, too_big.id, p=5, c=2, rp=2, rc=2, new_actions=[risk_service.NewAction("X")])
    fits = _assessment(org_db, area, title="Passer")
    _hazard(org_db, fits.id, p=2, c=3)
    risk_service.save_matrix(
        org_db, risk_service.build_matrix(FOUR, FOUR_C, [[G, G, Y, R]] * 4), note="4×4"
    )
    with pytest.raises(ValidationError, match="1 fare\\(r\\) har verdier utenfor"):
        risk_service.switch_to_current_matrix(org_db, too_big.id)
    assert risk_service.get_assessment(org_db, too_big.id).matrix_version.number == 1
    moved = risk_service.switch_to_current_matrix(org_db, fits.id)
    assert moved.matrix_version.number == 2 and moved.uses_current_matrix
    assert moved.hazards[0].before.acceptance is Y
    with pytest.raises(ServiceError, match="allerede gjeldende"):
        risk_service.switch_to_current_matrix(org_db, fits.id)


def test_vo_warning_shows_on_the_row_and_the_detail(org_db, area):
    info = _assessment(
        org_db,
        area,
        title="Omorganisering av kveldsskiftet",
        kind=AssessmentKind.REORGANISATION,
        vo_participated=False,
        vo_informed_on=date(2026, 2, 20),
        decided_on=date(2026, 2, 1),
    )
    assert "19 dager etter" in info.vo_warning
    (row,) = risk_service.list_assessments(org_db)
    assert row.vo_warning == info.vo_warning


def test_review_items_feed_the_deadline_list(org_db, area):
    overdue = _assessment(org_db, area, title="Støy", review_on=date(2026, 10, 1))
    _assessment(org_db, area, title="Kjemikalier", review_on=date(2026, 12, 15))
    _assessment(org_db, area, title="Løft", review_on=date(2027, 9, 1))
    _assessment(org_db, area, title="SJA uten gjennomgang", review_on=None)
    archived = _assessment(org_db, area, title="Arkivert", review_on=date(2026, 4, 1))
    risk_service.archive_assessment(org_db, archived.id)
    items = risk_service.review_items(org_db, date(2026, 11, 22), RuleSettings())
    assert [(i.kind, i.status, i.due) for i in items] == [
        ("review", Status.OVERDUE, date(2026, 10, 1)),
        ("review", Status.DUE_SOON, date(2026, 12, 15)),
        ("review", Status.OK, date(2027, 9, 1)),
    ]
    assert items[0].title == "Risikovurderingen «Støy» (utkast) skulle vært gjennomgått 01.10.2026"
    assert items[0].ref == overdue.id and items[0].area == "Lager og logistikk"


def test_record_review_moves_the_next_review_date(org_db, area):
    info = _assessment(org_db, area, review_on=date(2026, 10, 1))
    with pytest.raises(ValidationError) as error:
        risk_service.record_review(
            org_db, info.id, reviewed_on=date(2026, 11, 1), next_review_on=date(2026, 10, 1)
        )
    assert error.value.fields == {
        "next_review_on": "Neste gjennomgang må være etter denne gjennomgangen."
    }
    after = risk_service.record_review(
        org_db,
        info.id,
        reviewed_on=date(2026, 11, 1),
        next_review_on=date(2027, 11, 1),
        note="Ingen endringer i arbeidet.",
    )
    assert (after.last_reviewed_on, after.review_on) == (date(2026, 11, 1), date(2027, 11, 1))
    (item,) = risk_service.review_items(org_db, date(2026, 11, 22))
    assert item.status is Status.OK


def test_risk_summary_counts_the_year_and_ranks_residual_risks(org_db, area):
    a = _assessment(org_db, area, title="Truck", assessed_on=date(2026, 3, 2))
    _hazard(org_db, a.id, p=3, c=3, description="Påkjørsel")  # yellow 9
    _hazard(org_db, a.id, p=1, c=2, description="Klemskade")  # green 2
    b = _assessment(
        org_db,
        area,
        title="Ny plukkrobot",
        kind=AssessmentKind.NEW_TECHNOLOGY,
        assessed_on=date(2026, 6, 1),
        vo_participated=False,
        decided_on=date(2026, 5, 1),
        review_on=None,
    )
    _hazard(org_db, b.id, p=3, c=4, description="Klemming i robotcelle")  # red 12
    _assessment(org_db, area, title="I fjor", assessed_on=date(2025, 6, 1))
    summary = risk_service.risk_summary(org_db, 2026)
    assert (summary.assessments, summary.approved, summary.drafts, summary.hazards) == (2, 0, 2, 3)
    assert dict(summary.residual_by_acceptance) == {G: 1, Y: 1, R: 1}
    assert (summary.vo_not_in_time, summary.changes_without_vo_in_time) == (1, 1)
    assert [t.hazard for t in summary.highest_residual] == [
        "Klemming i robotcelle",
        "Påkjørsel",
        "Klemskade",
    ]
    (area_row,) = summary.by_area
    assert (area_row.assessments, area_row.hazards) == (2, 3)
    assert area_row.highest_residual.acceptance is R
    assert dict(summary.by_kind) == {
        AssessmentKind.WORK_OPERATION: 1,
        AssessmentKind.NEW_TECHNOLOGY: 1,
    }
    assert risk_service.risk_summary(org_db, 2025).assessments == 1


def test_latest_assessment_is_the_newest_by_date(org_db, area):
    assert risk_service.latest_assessment_id(org_db) is None
    _assessment(org_db, area, title="Eldst", assessed_on=date(2025, 1, 1))
    newest = _assessment(org_db, area, title="Nyest", assessed_on=date(2026, 9, 1))
    assert risk_service.latest_assessment_id(org_db) == newest.id
