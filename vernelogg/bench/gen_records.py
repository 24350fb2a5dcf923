"""Risk assessments with hazards and tiltak, stops of work with their timelines, and
stand-alone tiltak in the action plan, over the whole history."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta

from sqlalchemy import select

from vernelogg.bench.world import AreaGen, World, holder_on
from vernelogg.bench.writer import Writer, stamps
from vernelogg.domain.actions import ActionSource, ActionStatus
from vernelogg.domain.formatting import OSLO
from vernelogg.domain.risk import AssessmentKind, AssessmentStatus, HazardCategory
from vernelogg.domain.risk import number_text as risk_number
from vernelogg.domain.stoppage import EventKind, StoppageOutcome
from vernelogg.domain.stoppage import number_text as stop_number
from vernelogg.services.risk.matrix import ensure_current
from vernelogg.store.models import (
    Action,
    Hazard,
    HazardAction,
    RiskAssessment,
    StoppageDeviation,
    StoppageEvent,
    WorkStoppage,
    table_of,
)

ACTION_TITLES = [
    "Sett opp rekkverk",
    "Repeter opplæring i forflytning",
    "Merk gangvei med gul tape",
    "Bytt defekt utstyr",
    "Oppdater rutine for kjemikalier",
    "Skaff bedre belysning",
    "Kjøp inn høydejusterbare bord",
    "Innfør rutine for alenearbeid",
    "Gjennomgå rømningsveier",
    "Bestill støymåling fra BHT",
    "Lag skriftlig rutine for vold og trusler",
    "Monter skjerming ved maskinen",
    "Sett opp ny førstehjelpsstasjon",
    "Planlegg kurs i konflikthåndtering",
]

RISK_TITLES = {
    "Helse og omsorg": [
        "Forflytning av pasienter",
        "Vold og trusler fra pasienter",
        "Nattevakt alene på avdelingen",
        "Smittevern ved utbrudd",
        "Ny medisindispenser",
        "Sammenslåing av avdelinger",
    ],
    "Oppvekst": [
        "Turer utenfor barnehagen",
        "Støy i klasserom",
        "Utagerende elever",
        "Nytt skoleadministrativt system",
        "Omorganisering av SFO",
        "Løfting av barn",
    ],
    "Teknisk drift": [
        "Arbeid i kummer (trange rom)",
        "Kjemikalier i vannbehandlingen",
        "Snøbrøyting om natten",
        "Arbeid nær trafikk",
        "Ny renholdsmaskin",
        "Sveising i verkstedet",
    ],
    "Kultur og fritid": [
        "Klor i svømmehallen",
        "Arrangementer med mange publikum",
        "Alenearbeid ved stenging",
        "Scenerigging i høyden",
    ],
    "Administrasjon": [
        "Hjemmekontor og ergonomi",
        "Trusler i publikumsmottaket",
        "Nytt sak- og arkivsystem",
        "Flytting til nye lokaler",
    ],
    "Prosjekter": [
        "Arbeid i høyden på stillas",
        "Riving med asbest",
        "Kranløft over gangvei",
        "Graving nær strømkabler",
    ],
}
HAZARDS = {
    HazardCategory.PHYSICAL: ["Høyt støynivå over tid", "Dårlig inneklima og trekk"],
    HazardCategory.CHEMICAL: ["Hudkontakt med rengjøringsmidler", "Innånding av damp"],
    HazardCategory.BIOLOGICAL: ["Smitte ved stell", "Stikkskade fra brukt kanyle"],
    HazardCategory.ERGONOMIC: ["Tunge løft og vridning", "Ensidig gjentakende arbeid"],
    HazardCategory.ACCIDENT: ["Fall fra høyde", "Klemskade i maskin", "Påkjørsel"],
    HazardCategory.FIRE: ["Brann i teknisk rom", "Blokkert rømningsvei"],
    HazardCategory.PSYCHOSOCIAL: ["Høyt arbeidspress", "Konflikt i arbeidsgruppen"],
    HazardCategory.ORGANISATIONAL: ["Uklare roller etter endring", "Lav bemanning"],
    HazardCategory.VIOLENCE: ["Slag og spark fra bruker", "Trusler ved skranken"],
    HazardCategory.LONE_WORK: ["Alene ved akutt sykdom", "Ingen å varsle ved uhell"],
}
EXISTING = ["Rutine finnes", "Opplæring ved oppstart", "Verneutstyr tilgjengelig", ""]

STOP_WORK = [
    ("Stillas mot fasaden", "Rekkverk manglet på øverste plan; fall på åtte meter."),
    ("Arbeid i kum på Elvebakken", "Gassmåler viste for lavt oksygen; ingen sikringsvakt."),
    ("Løft av pasient uten heis", "Personløfteren var defekt; to ansatte skulle løfte alene."),
    ("Klorering i svømmehallen", "Klorgasslekkasje ved doseringspumpen."),
    ("Graving ved Nordby skole", "Ukjent strømkabel i grøfta; ingen kabelpåvisning."),
    ("Rengjøring med ny maskin", "Nødstopp virket ikke på skuremaskinen."),
    ("Nattevakt alene på skjermet enhet", "Alarmen var ute av drift; ingen kunne tilkalle hjelp."),
    ("Snøbrøyting med traktor", "Defekte bremser oppdaget før avkjøring."),
]


def action_row(
    w: Writer,
    *,
    title: str,
    area_id: uuid.UUID | None,
    owner_id: uuid.UUID | None,
    created: datetime,
    deadline: date | None,
    source: ActionSource,
    source_id: uuid.UUID | None,
    source_label: str,
    description: str = "",
) -> dict:
    """A tiltak: done in most cases once its deadline has passed, else open or in progress."""
    status, done = ActionStatus.OPEN, None
    if deadline is not None and deadline < w.today and w.chance(0.85):
        status = ActionStatus.DONE
        done = min(deadline + timedelta(days=w.rng.randint(-20, 15)), w.today)
        done = max(done, created.astimezone(OSLO).date())
    elif w.chance(0.3):
        status = ActionStatus.IN_PROGRESS
    elif w.chance(0.03):
        status = ActionStatus.CANCELLED
    row = {
        "id": w.uid(),
        "title": title,
        "description": description,
        "area_id": area_id,
        "owner_id": owner_id,
        "deadline": deadline,
        "status": status.value,
        "done_date": done,
        "source_kind": source.value,
        "source_id": source_id,
        "source_label": source_label,
        "archived_at": None,
        **stamps(created),
    }
    if "search_text" in table_of(Action).c:
        from vernelogg.store.models.actions import action_search_text  # after «Avvik og tiltak»

        row["search_text"] = action_search_text(title, description, source_label)
    return row


def _leader(area: AreaGen, day: date) -> uuid.UUID | None:
    return holder_on(area.leaders, day)


def fill_risk(w: Writer, world: World, n: int) -> None:
    with w.db.write() as s:
        matrix_id = ensure_current(s).id
    assessments, hazards, actions, links = [], [], [], []
    for _ in range(n):
        area = w.pick(world.areas)
        day = w.day_between(w.start, w.today - timedelta(days=3))
        title = w.pick(RISK_TITLES[area.sector])
        kind = w.weighted(
            [
                (AssessmentKind.ACTIVITY, 40),
                (AssessmentKind.WORK_OPERATION, 25),
                (AssessmentKind.SJA, 15),
                (AssessmentKind.REORGANISATION, 10),
                (AssessmentKind.NEW_TECHNOLOGY, 10),
            ]
        )
        leader = _leader(area, day)
        vo = holder_on(area.delegates, day)
        vo_took_part = vo is not None and w.chance(0.8)
        approved = day < w.today - timedelta(days=30) or w.chance(0.5)
        assessment_id = w.uid()
        created = w.moment(day)
        # Reviewed once a year for a while (most of the time), then replaced by a newer
        # assessment and archived; recent ones are due for their first review.
        review, last_reviewed = day + timedelta(days=365), None
        while review < w.today and w.chance(0.85):
            last_reviewed = review + timedelta(days=w.rng.randint(-20, 30))
            review = last_reviewed + timedelta(days=365)
        replaced = day < w.today - timedelta(days=3 * 365) and w.chance(0.7)
        assessments.append(
            {
                "id": assessment_id,
                "title": title,
                "area_id": area.id,
                "kind": kind.value,
                "description": f"{title} i {area.name}.",
                "assessed_on": day,
                "participants": ", ".join(
                    world.names[p] for p in (leader, vo if vo_took_part else None) if p
                ),
                "responsible_id": leader,
                "vo_participated": vo_took_part,
                "vo_informed_on": None if vo_took_part else day + timedelta(w.rng.randint(-20, 20)),
                "decided_on": day + timedelta(days=w.rng.randint(5, 40))
                if kind.is_change
                else None,
                "review_on": review,
                "last_reviewed_on": last_reviewed,
                "review_note": "Gjennomgått uten endringer." if last_reviewed else "",
                "status": (AssessmentStatus.APPROVED if approved else AssessmentStatus.DRAFT).value,
                "approved_by": world.names[leader] if approved and leader else "",
                "approved_on": day + timedelta(days=7) if approved else None,
                "matrix_version_id": matrix_id,
                "archived_at": w.moment(day + timedelta(days=3 * 365)) if replaced else None,
                **stamps(created),
            }
        )
        for position in range(1, w.rng.randint(3, 8) + 1):
            category = w.pick(list(HAZARDS))
            p, c = w.rng.randint(1, 5), w.rng.randint(1, 5)
            hazard_id = w.uid()
            hazards.append(
                {
                    "id": hazard_id,
                    "assessment_id": assessment_id,
                    "position": position,
                    "description": w.pick(HAZARDS[category]),
                    "category": category.value,
                    "probability": p,
                    "consequence": c,
                    "existing_measures": w.pick(EXISTING),
                    "residual_probability": max(1, p - w.rng.randint(0, 2)),
                    "residual_consequence": max(1, c - w.rng.randint(0, 1)),
                    "archived_at": None,
                    **stamps(created),
                }
            )
            if p * c >= 10:
                action = action_row(
                    w,
                    title=w.pick(ACTION_TITLES),
                    area_id=area.id,
                    owner_id=leader,
                    created=created,
                    deadline=day + timedelta(days=w.rng.randint(14, 120)),
                    source=ActionSource.RISK,
                    source_id=assessment_id,
                    source_label=f"{title} – fare {position}",
                )
                actions.append(action)
                links.append({"hazard_id": hazard_id, "action_id": action["id"]})
    seq: dict[int, int] = {}
    for row in sorted(assessments, key=lambda r: (r["assessed_on"], r["created_at"])):
        year = row["assessed_on"].year
        seq[year] = seq.get(year, 0) + 1
        row.update(number=risk_number(year, seq[year]), year=year, seq=seq[year])
    with w.db.engine.begin() as conn:
        w.insert(conn, RiskAssessment, assessments)
        w.insert(conn, Hazard, hazards)
        w.insert(conn, Action, actions)
        w.insert(conn, HazardAction, links)


def _deviations_by_area(w: Writer) -> dict[uuid.UUID, list[uuid.UUID]]:
    from vernelogg.store.models import Deviation

    found: dict[uuid.UUID, list[uuid.UUID]] = {}
    with w.db.read() as s:
        for dev_id, area_id in s.execute(
            select(Deviation.id, Deviation.area_id).where(
                Deviation.severity.in_(("high", "serious"))
            )
        ):
            found.setdefault(area_id, []).append(dev_id)
    return found


def fill_stoppages(w: Writer, world: World, n: int) -> None:
    """Stops over the years, each with its timeline; the last two are still open."""
    moments = sorted(
        w.moment(w.day_between(w.start, w.today - timedelta(days=1))) for _ in range(n)
    )
    deviations = _deviations_by_area(w)
    seq: dict[int, int] = {}
    stops, events, links, actions = [], [], [], []
    minute = timedelta(minutes=1)
    for i, at in enumerate(moments):
        area = w.pick(world.areas)
        day = at.astimezone(OSLO).date()
        by = holder_on(area.delegates, day) or w.pick(area.staff)
        leader = _leader(area, day)
        leader_name = world.names.get(leader, "") if leader else "Vakthavende leder"
        year = at.astimezone(OSLO).year
        seq[year] = seq.get(year, 0) + 1
        work, danger = w.pick(STOP_WORK)
        stop_id = w.uid()
        still_open = i >= n - 2
        outcome = w.weighted(
            [
                (StoppageOutcome.SOLVED_ON_SPOT, 55),
                (StoppageOutcome.SOLVED_WITH_EMPLOYER, 35),
                (StoppageOutcome.DECIDED_BY_AUTHORITY, 10),
            ]
        )
        timeline = [
            (
                EventKind.EMPLOYER_INFORMED,
                at + w.rng.randint(2, 30) * minute,
                leader_name,
                "Muntlig på stedet",
                "",
            ),
        ]
        t = timeline[0][1]
        if outcome is not StoppageOutcome.SOLVED_ON_SPOT or w.chance(0.5):
            t += w.rng.randint(10, 120) * minute
            timeline.append((EventKind.EMPLOYER_RESPONSE, t, leader_name, "", "Enig i stansen."))
        reference = ""
        if outcome is StoppageOutcome.DECIDED_BY_AUTHORITY:
            reference = f"{year}/{w.rng.randint(1000, 99999)}"
            t += w.rng.randint(30, 240) * minute
            timeline.append((EventKind.AUTHORITY_CONTACTED, t, "Arbeidstilsynet", "Telefon", ""))
            t += w.rng.randint(60, 3 * 24 * 60) * minute
            timeline.append(
                (
                    EventKind.AUTHORITY_DECISION,
                    t,
                    "Arbeidstilsynet",
                    "",
                    "Arbeidet kan gjenopptas når tiltaket er på plass.",
                )
            )
        resumed = None
        if not still_open:
            t += w.rng.randint(15, 48 * 60) * minute
            resumed = min(t, w.now)
            timeline.append((EventKind.RESUMED, resumed, leader_name, "", ""))
        for kind, when, person, channel, text in timeline:
            events.append(
                {
                    "id": w.uid(),
                    "stoppage_id": stop_id,
                    "kind": kind.value,
                    "at": min(when, w.now),
                    "person": person,
                    "channel": channel,
                    "reference": reference if kind is EventKind.AUTHORITY_DECISION else "",
                    "text": text,
                    "archived_at": None,
                    **stamps(min(when, w.now)),
                }
            )
        stops.append(
            {
                "id": stop_id,
                "number": stop_number(year, seq[year]),
                "year": year,
                "seq": seq[year],
                "area_id": area.id,
                "stopped_by_id": by,
                "stopped_by_role": f"Verneombud for {area.name}",
                "stopped_at": at,
                "work": work,
                "danger": danger,
                "why_not_averted": "Faren var umiddelbar, og arbeidet kunne ikke fortsette trygt.",
                "outcome": None if still_open else outcome.value,
                "resumed_at": resumed,
                "authority_reference": reference,
                "archived_at": None,
                **stamps(at),
            }
        )
        candidates = deviations.get(area.id)
        if candidates and w.chance(0.4):
            links.append(
                {
                    "id": w.uid(),
                    "stoppage_id": stop_id,
                    "deviation_id": w.pick(candidates),
                    "created_at": at + 30 * minute,
                }
            )
        if w.chance(0.5):
            actions.append(
                action_row(
                    w,
                    title=w.pick(ACTION_TITLES),
                    area_id=area.id,
                    owner_id=leader,
                    created=at + 45 * minute,
                    deadline=day + timedelta(days=w.rng.randint(3, 30)),
                    source=ActionSource.STOPPAGE,
                    source_id=stop_id,
                    source_label=f"Stansing {stop_number(year, seq[year])}",
                )
            )
    with w.db.engine.begin() as conn:
        w.insert(conn, WorkStoppage, stops)
        w.insert(conn, StoppageEvent, events)
        w.insert(conn, StoppageDeviation, links)
        w.insert(conn, Action, actions)


def fill_standalone_actions(w: Writer, world: World, n: int) -> None:
    """Tiltak in the action plan that come from no record (decided in a staff meeting)."""
    rows = []
    for _ in range(n):
        area = w.pick(world.areas)
        day = w.day_between(w.start, w.today)
        rows.append(
            action_row(
                w,
                title=w.pick(ACTION_TITLES),
                area_id=area.id,
                owner_id=_leader(area, day),
                created=w.moment(day),
                deadline=day + timedelta(days=w.rng.randint(14, 90)),
                source=ActionSource.STANDALONE,
                source_id=None,
                source_label="",
                description="Besluttet på personalmøte.",
            )
        )
    with w.db.engine.begin() as conn:
        w.insert(conn, Action, rows)
