"""Whatever is typed into «Søk i alt» (FTS5 query syntax, quotes, wildcards, LIKE's
% and _, control characters, any script) is searched for as plain text: the search
answers with hits or none, and never raises."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from tests.faults.conftest import FUZZ_SEED
from vernelogg.domain.deviations import DeviationKind, Severity, search_terms
from vernelogg.domain.formatting import OSLO
from vernelogg.services import areas
from vernelogg.services import deviations as dev
from vernelogg.services.search import search

pytestmark = pytest.mark.faults
fuzz = settings(settings.get_profile("vernelogg-fuzz"))

SYNTAX = ['"', '""', "*", "(", ")", "-", "+", ":", "^", "{", "}", "NEAR", "AND", "OR", "NOT"]
TYPED = st.one_of(
    st.text(max_size=60),
    st.lists(
        st.one_of(st.sampled_from(SYNTAX + ["%", "_", "\\", "å", "lekk"]), st.text(max_size=4)),
        max_size=12,
    ).map("".join),
    st.lists(st.sampled_from(SYNTAX), min_size=1, max_size=8).map(" ".join),
)


@pytest.fixture
def stored(org_db):
    area = areas.create_area(org_db, name="Kai 3")
    ref = dev.register_deviation(
        org_db,
        area_id=area.id,
        description='Lekkasje (olje) AND "diesel" ved 50% av kaia - NOT* sikret_',
        occurred_at=datetime(2026, 11, 2, 8, 0, tzinfo=OSLO),
        kind=DeviationKind.ENVIRONMENT,
        severity=Severity.MEDIUM,
        reporter_name=None,
    )
    return org_db, ref


@seed(FUZZ_SEED)
@fuzz
@given(typed=TYPED)
def test_any_typed_text_is_searched_as_plain_text(stored, typed):
    db, ref = stored
    hits = search(db, typed)
    found = ref.number in [h.number for h in hits]
    terms = search_terms(typed)
    text = f'{ref.number} lekkasje (olje) and "diesel" ved 50% av kaia - not* sikret_'
    # Found exactly when every word typed occurs in what the avvik says.
    assert found == (bool(terms) and all(t in text.casefold() for t in terms)), terms


def test_query_syntax_words_are_found_as_words(stored):
    db, ref = stored
    for typed in ['"diesel"', "(olje)", "AND", "NOT*", "50%", "sikret_", "- not", '"']:
        assert [h.number for h in search(db, typed)] == [ref.number], typed
    for typed in ["50%x", "sikret__", "olje) AND (bensin"]:
        assert search(db, typed) == [], typed
