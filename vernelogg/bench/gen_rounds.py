"""Safety rounds over ten years: each area walked every few weeks with its branch's
checklist, every check point answered (OK / Ikke OK / Ikke relevant) and signed off,
tiltak made from some findings and avvik linked to others; rounds planned ahead, a few
overdue, and a few in progress today (half answered)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from vernelogg.bench.gen_records import action_row
from vernelogg.bench.world import AreaGen, World, holder_on
from vernelogg.bench.writer import Writer, stamps
from vernelogg.domain.actions import ActionSource
from vernelogg.domain.checklists import ChecklistTemplateSpec, load_builtin_templates
from vernelogg.domain.rounds import Answer, ItemKind, RoundStatus, builtin_ref, round_number
from vernelogg.store.models import Action, CheckItem, Deviation, SafetyRound

IN_PROGRESS = 3  # rounds left half-answered today (the benchmark answers their points)

COMMENTS = [
    "Må følges opp av leder.",
    "Meldt til driftsavdelingen.",
    "Samme funn som ved forrige runde.",
    "Ble rettet mens vi var der.",
    "Trenger innkjøp.",
    "",
]


def _templates() -> dict[str, ChecklistTemplateSpec]:
    return {t.key: t for t in load_builtin_templates()}


def _schedule(w: Writer, world: World, n: int) -> list[tuple[AreaGen, date]]:
    """(area, planned date) for `n` rounds, spread evenly over the areas and the years,
    the last ones a few weeks ahead."""
    per_area = max(1, n // len(world.areas))
    end = w.today + timedelta(days=60)
    span = (end - w.start).days
    plan = []
    for number, area in enumerate(world.areas):
        count = per_area + (1 if number < n - per_area * len(world.areas) else 0)
        step = span / count
        for i in range(count):
            offset = int(i * step + w.rng.uniform(0, step * 0.8))
            plan.append((area, w.start + timedelta(days=min(offset, span))))
    plan.sort(key=lambda x: x[1])
    return plan


def _deviations_by_area(w: Writer) -> dict[uuid.UUID, list[tuple[uuid.UUID, date]]]:
    found: dict[uuid.UUID, list[tuple[uuid.UUID, date]]] = {}
    with w.db.read() as s:
        for dev_id, area_id, occurred in s.execute(
            select(Deviation.id, Deviation.area_id, Deviation.occurred_at).where(
                Deviation.kind == "dangerous_condition"
            )
        ):
            found.setdefault(area_id, []).append((dev_id, occurred.date()))
    return found


def fill(w: Writer, world: World, n: int) -> None:
    templates = _templates()
    plan = _schedule(w, world, n)
    deviations = _deviations_by_area(w)
    recent = [
        i for i, (_a, day) in enumerate(plan) if w.today - timedelta(days=14) <= day <= w.today
    ]
    in_progress = set(recent[-IN_PROGRESS:])
    seq: dict[int, int] = {}
    rounds: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    actions: list[dict[str, Any]] = []
    written = {"rounds": 0, "items": 0}

    def flush() -> None:
        with w.db.engine.begin() as conn:
            w.insert(conn, SafetyRound, rounds)
            w.insert(conn, Action, actions)
            w.insert(conn, CheckItem, items)
        written["rounds"] += len(rounds)
        written["items"] += len(items)
        rounds.clear()
        items.clear()
        actions.clear()
        w.say(f"vernerunder {written['rounds']:,}/{len(plan):,}".replace(",", " "))

    for index, (area, day) in enumerate(plan):
        year = day.year
        seq[year] = seq.get(year, 0) + 1
        number = round_number(year, seq[year])
        template = templates.get(area.template) or templates["generell"]
        round_id = w.uid()
        delegate = holder_on(area.delegates, day)
        leader = holder_on(area.leaders, day)
        if index in in_progress:
            status = RoundStatus.IN_PROGRESS
        elif day > w.today or (day > w.today - timedelta(days=30) and w.chance(0.3)):
            status = RoundStatus.PLANNED
        elif w.chance(0.02):
            status = RoundStatus.PLANNED  # never held: overdue
        else:
            status = RoundStatus.CLOSED
        # A round that was never held is cancelled (archived) within a couple of months;
        # the last few months' are still there, overdue.
        cancelled = status is RoundStatus.PLANNED and day < w.today - timedelta(days=90)
        held = min(day + timedelta(days=w.rng.randint(-3, 5)), w.today)
        started = (
            w.moment(held, w.rng.randint(8, 12), 0) if status is not RoundStatus.PLANNED else None
        )
        closed = status is RoundStatus.CLOSED
        rounds.append(
            {
                "id": round_id,
                "number": number,
                "year": year,
                "seq": seq[year],
                "area_id": area.id,
                "planned_date": day,
                "status": status.value,
                "template_ref": builtin_ref(template.key),
                "checklist_name": template.name,
                "delegate_id": delegate,
                "leader_id": leader,
                "other_participants": "BHT" if w.chance(0.1) else "",
                "notes": "",
                "held_on": held if started else None,
                "started_at": started,
                "closed_at": started + timedelta(hours=2) if closed and started else None,
                "closed_on": held if closed else None,
                "signed_delegate": world.names.get(delegate, "") if closed and delegate else "",
                "signed_leader": world.names.get(leader, "") if closed and leader else "",
                "archived_at": w.moment(day + timedelta(days=60)) if cancelled else None,
                **stamps(w.moment(day - timedelta(days=30), 9, 0)),
            }
        )
        if started is None:
            continue
        answered_share = 0.5 if status is RoundStatus.IN_PROGRESS else 1.0
        for position, point in enumerate(template.items, start=1):
            at = started + timedelta(minutes=2 * position)
            answer = None
            if w.chance(answered_share):
                answer = w.weighted([(Answer.OK, 85), (Answer.NOT_OK, 8), (Answer.NOT_RELEVANT, 7)])
            item = {
                "id": w.uid(),
                "round_id": round_id,
                "position": position,
                "kind": ItemKind.CHECK.value,
                "key": point.key,
                "hazard_group": point.group.value,
                "text": point.text,
                "guidance": point.guidance,
                "answer": answer.value if answer else None,
                "comment": w.pick(COMMENTS) if answer is Answer.NOT_OK else "",
                "answered_at": at if answer else None,
                "deviation_id": None,
                "action_id": None,
                "archived_at": None,
                **stamps(at),
            }
            if answer is Answer.NOT_OK:
                if w.chance(0.4):
                    action = action_row(
                        w,
                        title=f"Følg opp: {point.text}"[:300],
                        area_id=area.id,
                        owner_id=leader,
                        created=at,
                        deadline=held + timedelta(days=w.rng.randint(14, 60)),
                        source=ActionSource.ROUND,
                        source_id=round_id,
                        source_label=f"Vernerunde {number} – {area.name}"[:200],
                    )
                    actions.append(action)
                    item["action_id"] = action["id"]
                candidates = deviations.get(area.id)
                if candidates and w.chance(0.15):
                    item["deviation_id"] = w.pick(candidates)[0]
            items.append(item)
        if len(items) >= 50_000:
            flush()
    flush()
