"""The annual plan (årshjul) of the large undertaking: quarterly rounds per area, AMU
meetings, elections, the AMU annual report and the employee survey, with past dates
mostly ticked done."""

from __future__ import annotations

from datetime import date, timedelta

from vernelogg.bench.world import World
from vernelogg.bench.writer import Writer, stamps
from vernelogg.domain.annual_plan import ActivityKind, planned_dates
from vernelogg.store.models import PlannedActivity, PlannedCompletion

QUARTERLY = "FREQ=MONTHLY;INTERVAL=3"
YEARLY = "FREQ=YEARLY;INTERVAL=1"


def fill(w: Writer, world: World) -> None:
    first = date(w.start.year, 1, 1)
    plan: list[tuple[str, ActivityKind, object, str | None, date, int]] = []
    for number, area in enumerate(world.areas):
        start = first + timedelta(days=10 + (number * 3) % 80)
        plan.append((f"Vernerunde {area.name}", ActivityKind.ROUND, area.id, QUARTERLY, start, 7))
    plan += [
        ("AMU-møte", ActivityKind.AMU_MEETING, None, QUARTERLY, date(first.year, 2, 18), 14),
        (
            "Valg av verneombud og vara",
            ActivityKind.ELECTION,
            None,
            "FREQ=YEARLY;INTERVAL=2",
            date(first.year, 3, 1),
            30,
        ),
        (
            "AMUs årsrapport",
            ActivityKind.AMU_ANNUAL_REPORT,
            None,
            YEARLY,
            date(first.year, 2, 28),
            21,
        ),
        (
            "Medarbeiderundersøkelse",
            ActivityKind.EMPLOYEE_SURVEY,
            None,
            YEARLY,
            date(first.year, 10, 5),
            14,
        ),
        (
            "Årlig gjennomgang av HMS-arbeidet (internkontrollforskriften § 5)",
            ActivityKind.OTHER,
            None,
            YEARLY,
            date(first.year, 12, 8),
            21,
        ),
    ]
    activities, completions = [], []
    for title, kind, area_id, rule, start, remind in plan:
        activity_id = w.uid()
        created = w.moment(start - timedelta(days=30), 9, 0)
        activities.append(
            {
                "id": activity_id,
                "title": title,
                "kind": kind.value,
                "area_id": area_id,
                "rrule": rule,
                "start_date": start,
                "remind_days": remind,
                "note": "",
                "archived_at": None,
                **stamps(created),
            }
        )
        for p in planned_dates(rule, start, start, w.today - timedelta(days=1)):
            if w.chance(0.1):
                continue  # not done
            done = p.planned + timedelta(days=w.rng.randint(-4, 9))
            done = min(max(done, p.period_start), w.today)
            completions.append(
                {
                    "id": w.uid(),
                    "activity_id": activity_id,
                    "planned_date": p.planned,
                    "done_date": done,
                    "done_by": "Ytelsestest",
                    "note": "",
                    "archived_at": None,
                    "created_at": w.moment(done, 15, 0),
                }
            )
    with w.db.engine.begin() as conn:
        w.insert(conn, PlannedActivity, activities)
        w.insert(conn, PlannedCompletion, completions)
