"""Search everywhere, the query: words, numbers and people, ranked; confidential text
is not searched."""

from __future__ import annotations

from datetime import datetime

from vernelogg.domain.deviations import DeviationKind, Severity
from vernelogg.domain.formatting import OSLO
from vernelogg.services import areas
from vernelogg.services import deviations as dev
from vernelogg.services.search import search


def test_finds_each_kind_by_a_word_a_number_or_a_person(demo_db):
    kinds = {h.kind for h in search(demo_db, "truck", limit=200)}
    assert {"deviation", "action"} <= kinds
    (stop,) = [h for h in search(demo_db, "pakkemaskin") if h.kind == "stoppage"]
    assert stop.number == "ST-2026-0004"
    # The number typed is the best hit, in any case.
    assert search(demo_db, "st-2026-0004")[0].number == "ST-2026-0004"
    first = search(demo_db, "Lars Holm")[0]
    assert (first.kind, first.title) == ("person", "Lars Holm (Operatør)")
    risk = search(demo_db, "RV-2026-0001")[0]
    assert risk.kind == "risk" and risk.number == "RV-2026-0001"
    case = search(demo_db, "3/2026")[0]
    assert (case.kind, case.number) == ("amu_case", "Sak 3/2026")


def test_every_word_must_occur(demo_db):
    hits = search(demo_db, "truck port")
    assert hits and all("truck" in h.title.casefold() or h.kind != "deviation" for h in hits)
    assert search(demo_db, "truck zzzyxq") == []
    assert search(demo_db, "   ") == []


def test_confidential_text_is_not_searched(org_db):
    area = areas.create_area(org_db, name="Lager")
    ref = dev.register_deviation(
        org_db,
        area_id=area.id,
        description="Trakassering fra kollega Xylofonsen",
        occurred_at=datetime(2026, 11, 20, 9, 0, tzinfo=OSLO),
        kind=DeviationKind.HARASSMENT,
        severity=Severity.MEDIUM,
        reporter_name=None,
        confidential=True,
    )
    assert search(org_db, "Xylofonsen") == []
    (hit,) = search(org_db, ref.number)
    assert (hit.number, hit.title) == (ref.number, "Konfidensielt")
