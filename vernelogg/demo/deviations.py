"""Demo avvik and tiltak: about 150 deviations over the last two years in every area,
in every status, with their timelines; actions done, open and overdue; some
confidential; a serious injury with its § 5-2 notification recorded.

Written in one transaction through the same session-level services the app uses
(create_deviation, create_action, record_event), with the moments moved back in time so
the timelines read like two years of real follow-up.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta

from vernelogg.demo.context import DemoContext
from vernelogg.demo.deviation_texts import COMMENTS, REPORTERS, SCENARIOS
from vernelogg.domain.actions import ActionSource, ActionStatus
from vernelogg.domain.deviations import DeviationStatus
from vernelogg.domain.formatting import OSLO, fmt_date
from vernelogg.services.actions import create_action
from vernelogg.services.deviations.notification import apply_notification
from vernelogg.services.deviations.register import create_deviation
from vernelogg.services.deviations.treatment import changed_text
from vernelogg.services.timeline import EventKind, record_event
from vernelogg.store.models import Deviation, DeviationEvent, Person


def _person_name(s, person_id) -> str:
    person = s.get(Person, uuid.UUID(str(person_id)))
    return person.name if person else "Eksempeldata"


def fill(ctx: DemoContext) -> None:
    plan = _plan(ctx)
    with ctx.db.write() as s:
        for days, area_key, scenario, status in plan:
            _one(ctx, s, days, area_key, scenario, status)
        _serious_injury(ctx, s)
    ctx.count("avvik", len(plan) + 1)


def _plan(ctx: DemoContext) -> list[tuple[int, str, tuple, DeviationStatus]]:
    """(days ago, area, scenario, final status), oldest first, about 150 in all."""
    rng = ctx.rng
    plan = []
    for area_key, scenarios in SCENARIOS.items():
        for scenario in scenarios:
            for _ in range(rng.choice([2, 2, 3, 3, 4])):
                days = 2 + int(718 * rng.random() ** 1.5)  # more of them lately
                plan.append((days, area_key, scenario, _status_for(rng, days)))
    plan.sort(key=lambda p: -p[0])
    return plan


def _status_for(rng, days: int) -> DeviationStatus:
    if days < 21:
        weights = [50, 40, 10, 0]
    elif days < 90:
        weights = [8, 40, 27, 25]
    elif days < 200:
        weights = [2, 14, 14, 70]
    else:
        weights = [0, 3, 3, 94]
    return rng.choices(list(DeviationStatus), weights=weights)[0]


class _Story:
    """One avvik's life: moments move forward in working hours (never past today), and
    every timeline line gets its own moment, so the order reads right."""

    def __init__(self, s, d: Deviation, start: datetime, today: date, rng, by: str) -> None:
        self.s, self.d, self.rng = s, d, rng
        self.limit = datetime.combine(today - timedelta(days=1), time(16), OSLO)
        self.now = min(start, self.limit)
        self.last = self.now - timedelta(minutes=1)
        self.adopted: set[int] = set()
        self.adopt(by)  # create_deviation wrote «registrert» (and maybe «varsling»)

    def adopt(self, by: str) -> None:
        """Lines a service just wrote (at «now» in real time) move to the story's now."""
        pending = [
            obj
            for obj in self.s.new
            if isinstance(obj, DeviationEvent)
            and obj.deviation_id == self.d.id
            and id(obj) not in self.adopted
        ]
        for obj in sorted(pending, key=lambda e: e.at):
            obj.at, obj.by = self._stamp(self.now), by
            self.adopted.add(id(obj))

    def _stamp(self, when: datetime) -> datetime:
        when = max(when, self.last + timedelta(minutes=1))
        self.last = when
        return when

    def later(self, low: int, high: int) -> datetime:
        """Some days on, at a time in working hours."""
        day = self.now.astimezone(OSLO).date() + timedelta(days=self.rng.randint(low, high))
        moment = datetime.combine(
            day, time(self.rng.randint(8, 15), self.rng.choice([0, 10, 20, 30, 45])), OSLO
        )
        if moment <= self.now:
            moment = self.now + timedelta(minutes=self.rng.randint(5, 90))
        self.now = max(min(moment, self.limit), self.now)
        return self.now

    def event(self, kind: str, text: str, by: str, when: datetime | None = None, **kw) -> None:
        e = record_event(self.s, self.d, kind, text, by=by, **kw)
        e.at = self._stamp(when or self.now)
        self.adopted.add(id(e))

    def status(self, target: DeviationStatus, by: str, text: str = "", when=None) -> None:
        self.event(
            EventKind.STATUS,
            text,
            by,
            when,
            from_status=self.d.status,
            to_status=target.value,
        )
        self.d.status = target.value

    def action_started(self, a, by: str) -> None:
        """A tiltak under way: the same timeline line as `services.actions` writes."""
        a.status = ActionStatus.IN_PROGRESS.value
        self.event(EventKind.ACTION, f"«{a.title}»: {ActionStatus.IN_PROGRESS.label.lower()}", by)

    def action_done(self, a, by: str) -> None:
        a.status = ActionStatus.DONE.value
        a.done_date = self.now.astimezone(OSLO).date()
        self.event(EventKind.ACTION, f"«{a.title}»: utført {fmt_date(a.done_date)}", by)


def _one(ctx: DemoContext, s, days: int, area_key: str, scenario, final: DeviationStatus):
    rng = ctx.rng
    kind, severity, text, place, immediate, cause, action_title = scenario
    day = ctx.days_ago(days)
    occurred = ctx.moment(day, rng.randint(15, 21) if area_key == "kveld" else None)
    psychosocial = kind in ("harassment", "threats", "violence")
    anonymous = (psychosocial and rng.random() < 0.5) or rng.random() < 0.08
    delegate = _person_name(s, ctx.delegates.get(area_key) or ctx.leaders[area_key])
    leader_id = ctx.leaders[area_key]
    leader = _person_name(s, leader_id)
    d = create_deviation(
        s,
        area_id=ctx.areas[area_key],
        description=text,
        occurred_at=occurred,
        kind=kind,
        severity=severity,
        reporter_name=None if anonymous else rng.choice(REPORTERS),
        confidential=(psychosocial and kind != "threats") or rng.random() < 0.02,
        immediate_action="" if immediate == "—" else immediate,
        location=place,
    )
    reported = occurred + timedelta(minutes=rng.randint(10, 60 * 6))
    story = _Story(s, d, reported, ctx.today, rng, delegate)
    d.reported_at = d.created_at = story.now
    if final is DeviationStatus.REGISTERED:
        if rng.random() < 0.3:
            story.later(0, 2)
            story.event(EventKind.COMMENT, rng.choice(COMMENTS), delegate)
        return
    story.later(1, 6)
    d.responsible_id = uuid.UUID(leader_id)
    d.deadline = story.now.date() + timedelta(days=rng.choice([14, 21, 30, 45]))
    said = [f"ansvarlig leder: {leader}", f"frist: {fmt_date(d.deadline)}"]
    if cause != "—":
        d.cause = cause
        said.append("årsak")
    story.event(EventKind.CHANGED, changed_text(said), leader)
    story.status(DeviationStatus.UNDER_TREATMENT, leader)
    actions = []
    for number in range(rng.choice([1, 1, 1, 2])):
        title = action_title if number == 0 else "Informere alle ansatte i området"
        deadline = story.now.date() + timedelta(days=rng.choice([7, 14, 30, 45]))
        owner = leader_id if number == 0 else ctx.delegates.get(area_key, leader_id)
        a = create_action(
            s,
            title=title,
            area_id=ctx.areas[area_key],
            owner_id=owner,
            deadline=deadline,
            source_kind=ActionSource.DEVIATION,
            source_id=d.id,
            source_label=d.number,
        )
        a.created_at = story.now
        owner_name = _person_name(s, owner)
        story.event(EventKind.ACTION, f"{title} ({owner_name}, frist {fmt_date(deadline)})", leader)
        actions.append(a)
    if rng.random() < 0.35:
        story.later(1, 5)
        story.event(EventKind.COMMENT, rng.choice(COMMENTS), delegate)
    if final is DeviationStatus.UNDER_TREATMENT:
        for a in actions:
            roll = rng.random()
            if roll < 0.25 and a.deadline and a.deadline <= ctx.today - timedelta(days=12):
                story.later(1, 10)
                story.action_done(a, leader)
            elif roll < 0.5:
                story.action_started(a, leader)
        return
    for a in actions:
        story.later(2, 20)
        story.action_done(a, leader)
    story.later(0, 2)
    story.status(DeviationStatus.MEASURES_TAKEN, leader)
    if final is DeviationStatus.MEASURES_TAKEN:
        return
    effective = rng.random() < 0.88
    note = "" if effective else "Ny hendelse av samme slag – følges opp i nytt avvik."
    story.later(10, 40)
    d.closed_at = story.now
    d.measures_effective = effective
    d.closing_note = note
    worked = "Tiltakene virket." if effective else "Tiltakene virket ikke."
    story.status(DeviationStatus.CLOSED, delegate, f"{worked} {note}".strip())


def _serious_injury(ctx: DemoContext, s) -> None:
    """A serious injury: Arbeidstilsynet and the police told within the hour, the VO got
    a copy the next morning; measures taken, one action still open and overdue."""
    rng = ctx.rng
    day = ctx.days_ago(40)
    occurred = ctx.moment(day, 9).replace(minute=10)
    leader_id = ctx.leaders["verksted"]
    leader = _person_name(s, leader_id)
    delegate = _person_name(s, ctx.delegates["verksted"])
    d = create_deviation(
        s,
        area_id=ctx.areas["verksted"],
        description=(
            "Operatør fikk venstre hånd i klem mellom oververktøy og plate i kantpressen. "
            "Brudd i to fingre, fraktet til sykehus med ambulanse."
        ),
        occurred_at=occurred,
        kind="personal_injury",
        severity="serious",
        reporter_name=leader,
        immediate_action="Kantpressen stanset og merket. Førstehjelp, 113 ringt.",
        location="Kantpresse 1, hall A",
    )
    story = _Story(s, d, occurred + timedelta(minutes=20), ctx.today, rng, leader)
    d.reported_at = d.created_at = story.now
    told = {
        "authority_notified_at": occurred + timedelta(minutes=35),
        "police_notified_at": occurred + timedelta(minutes=40),
    }
    note = "Arbeidstilsynet varslet på telefon, politiet på 02800."
    story.now = occurred + timedelta(minutes=50)
    apply_notification(s, d, delegate_copy_at=None, note=note, **told)
    story.adopt(leader)
    story.now = occurred + timedelta(hours=23)
    apply_notification(
        s,
        d,
        written_confirmation_at=story.now - timedelta(hours=1),
        delegate_copy_at=story.now,
        note=note,
        **told,
    )
    story.adopt(delegate)
    story.now = occurred + timedelta(days=1, hours=2)
    d.responsible_id = uuid.UUID(leader_id)
    d.deadline = day + timedelta(days=21)
    d.cause = (
        "Tohåndsbetjeningen kunne holdes inne med kne og én hånd. "
        "Ny operatør hadde ikke fått full opplæring på maskinen."
    )
    said = [f"ansvarlig leder: {leader}", f"frist: {fmt_date(d.deadline)}", "årsak"]
    story.event(EventKind.CHANGED, changed_text(said), leader)
    story.status(DeviationStatus.UNDER_TREATMENT, leader)
    done = []
    for title, days, finished in (
        ("Fjerne mulighet for å overstyre tohåndsbetjeningen", 7, True),
        ("Opplæring på kantpressen for alle operatører", 21, True),
        ("Lysgardin på kantpressen", 30, False),
    ):
        deadline = day + timedelta(days=days)
        a = create_action(
            s,
            title=title,
            area_id=ctx.areas["verksted"],
            owner_id=leader_id,
            deadline=deadline,
            source_kind=ActionSource.DEVIATION,
            source_id=d.id,
            source_label=d.number,
        )
        story.event(EventKind.ACTION, f"{title} ({leader}, frist {fmt_date(deadline)})", leader)
        if finished:
            done.append(a)
    story.now = occurred + timedelta(days=6)
    story.action_done(done[0], leader)
    story.now = occurred + timedelta(days=9)
    story.event(
        EventKind.COMMENT,
        "Arbeidstilsynet var på tilsyn og gikk gjennom hendelsen og tiltakene.",
        delegate,
    )
    story.now = occurred + timedelta(days=20)
    story.action_done(done[1], leader)
    story.now = occurred + timedelta(days=22)
    story.status(DeviationStatus.MEASURES_TAKEN, leader)
