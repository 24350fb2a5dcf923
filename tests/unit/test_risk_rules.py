"""The VO rule for risk assessments, and the names shown for kinds and categories."""

from __future__ import annotations

from datetime import date

import pytest

from vernelogg.domain.risk import (
    AssessmentKind,
    HazardCategory,
    involvement_warning,
    suggested_labels,
)


def test_vo_informed_before_the_decision_gives_no_warning():
    assert (
        involvement_warning(
            vo_participated=False, vo_informed_on=date(2026, 3, 1), decided_on=date(2026, 3, 10)
        )
        is None
    )
    # The same day counts as in time.
    assert (
        involvement_warning(
            vo_participated=False, vo_informed_on=date(2026, 3, 10), decided_on=date(2026, 3, 10)
        )
        is None
    )


def test_vo_informed_after_the_decision_says_how_late():
    text = involvement_warning(
        vo_participated=False, vo_informed_on=date(2026, 3, 24), decided_on=date(2026, 3, 10)
    )
    assert text is not None
    assert "informert 24.03.2026, 14 dager etter at beslutningen ble tatt 10.03.2026" in text
    assert "aml. § 6-2" in text


def test_vo_never_informed_is_warned_with_or_without_a_decision_date():
    with_decision = involvement_warning(
        vo_participated=False, vo_informed_on=None, decided_on=date(2026, 3, 10)
    )
    assert with_decision is not None and "ikke informert" in with_decision
    assert "10.03.2026" in with_decision
    without = involvement_warning(vo_participated=False, vo_informed_on=None, decided_on=None)
    assert without is not None and "ikke deltatt og er ikke informert" in without


def test_vo_who_took_part_counts_as_informed_on_the_assessment_date():
    assert (
        involvement_warning(
            vo_participated=True,
            vo_informed_on=None,
            decided_on=date(2026, 5, 1),
            assessed_on=date(2026, 4, 20),
        )
        is None
    )
    late = involvement_warning(
        vo_participated=True,
        vo_informed_on=None,
        decided_on=date(2026, 4, 1),
        assessed_on=date(2026, 4, 20),
    )
    assert late is not None and "19 dager etter" in late


def test_kinds_and_categories_have_norwegian_names():
    assert AssessmentKind.SJA.label == "Sikker jobbanalyse (SJA)"
    assert AssessmentKind.REORGANISATION.is_change and AssessmentKind.NEW_TECHNOLOGY.is_change
    assert not AssessmentKind.ACTIVITY.is_change
    assert HazardCategory.PHYSICAL.short == "Fysisk"
    assert HazardCategory.PSYCHOSOCIAL.label == "Psykososialt"


@pytest.mark.parametrize("steps", [3, 4, 5, 6])
def test_suggested_labels_fit_every_scale_size(steps):
    for axis in ("probability", "consequence"):
        labels = suggested_labels(axis, steps)
        assert len(labels) == steps and len(set(labels)) == steps


def test_suggested_labels_refuse_sizes_outside_3_to_6():
    with pytest.raises(ValueError):
        suggested_labels("probability", 7)
