"""Large generated datasets for benchmarks: `bulk_deviations(db, n, seed)`.

Writes `n` avvik (with their «registrert» timeline line and some actions) straight
through SQLAlchemy core in batches, so 100,000 rows take seconds, not hours. The rows
look like real ones (Norwegian text from fragments, every kind, severity and status,
spread over the last three years) so that search and filter timings mean something.
Numbers continue the running series and the counters are moved past them, so
`register_deviation` afterwards hands out the next free number.

The audit log is not written for generated rows: they are test data, not user actions.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, insert, select, update

from vernelogg import clock
from vernelogg.domain.actions import ActionSource, ActionStatus
from vernelogg.domain.deviations import DeviationKind, DeviationStatus, Severity, number_text
from vernelogg.domain.formatting import OSLO
from vernelogg.services.numbering import next_number
from vernelogg.store.database import Database
from vernelogg.store.models import (
    Action,
    Counter,
    Deviation,
    DeviationEvent,
    Person,
    SafetyArea,
    table_of,
)
from vernelogg.store.models.actions import action_search_text
from vernelogg.store.models.deviations import deviation_search_text

BATCH = 5000

PLACES = [
    "ved port 3",
    "i varemottaket",
    "på verkstedgulvet",
    "i lakkboksen",
    "ved dreiebenk 2",
    "i trappen til 2. etasje",
    "på parkeringsplassen",
    "i kantinen",
    "på stillaset mot sjøsiden",
    "i garderoben",
    "ved truckladeren",
    "i lagerhall B",
    "på lekeplassen",
    "i møterom Fjorden",
    "ved kompressoren",
    "i kjølerommet",
    "på kaia",
    "ved sveisebordet",
    "i resepsjonen",
    "ved søppelkomprimatoren",
]
OBJECTS = [
    "pall",
    "stige",
    "gaffeltruck",
    "vinkelsliper",
    "kjemikaliekanne",
    "stillasplank",
    "kabel",
    "reol",
    "dør",
    "skjøteledning",
    "gassflaske",
    "verneskjerm",
    "sekketralle",
    "kaffetrakter",
    "løftestropp",
]
WHAT = {
    DeviationKind.PERSONAL_INJURY: [
        "Ansatt kuttet seg på {obj} {place}",
        "Fall {place}, slo kneet mot {obj}",
        "Klemskade i hånd ved flytting av {obj} {place}",
        "Fikk sprut i øyet {place}, skylt med øyedusj",
        "Vridde ankelen {place} på ujevnt underlag",
        "Brannskade på underarm ved sveising {place}",
    ],
    DeviationKind.NEAR_MISS: [
        "{obj} falt ned fra høyde {place}, ingen ble truffet",
        "Nær påkjørsel av fotgjenger {place}",
        "Glatt gulv {place}, holdt på å falle",
        "{obj} veltet {place} like etter at noen hadde gått forbi",
        "Truck rygget uten varsellyd {place}",
    ],
    DeviationKind.DANGEROUS_CONDITION: [
        "Manglende rekkverk {place}",
        "Nødutgang blokkert av {obj} {place}",
        "Defekt {obj} tatt i bruk {place}",
        "Dårlig belysning {place}",
        "Løse ledninger over gangvei {place}",
        "Brannslukker mangler {place}",
    ],
    DeviationKind.MATERIAL_DAMAGE: [
        "Truck kjørte inn i {obj} {place}",
        "Vannlekkasje {place}, {obj} ødelagt",
        "{obj} knust under lossing {place}",
    ],
    DeviationKind.ENVIRONMENT: [
        "Oljesøl {place}",
        "Kjemikalierester helt i sluk {place}",
        "Feilsortert farlig avfall {place}",
        "Lekkasje fra {obj} {place}",
    ],
    DeviationKind.VIOLENCE: [
        "Ansatt ble dyttet av besøkende {place}",
        "Slag mot ansatt under konflikt {place}",
    ],
    DeviationKind.THREATS: [
        "Kunde truet ansatt verbalt {place}",
        "Truende melding mottatt etter episode {place}",
    ],
    DeviationKind.HARASSMENT: [
        "Uønskede kommentarer fra kollega {place}",
        "Gjentatt utfrysing i pausene {place}",
    ],
}
IMMEDIATE = [
    "Området sperret av",
    "Førstehjelp gitt",
    "Utstyret tatt ut av bruk",
    "Ryddet og sikret",
    "Leder varslet",
    "",
]
CAUSES = [
    "Mangelfull opplæring",
    "Tidspress",
    "Manglende vedlikehold",
    "Uklar rutine",
    "Dårlig orden og ryddighet",
    "",
]
FIRST = ["Kari", "Ola", "Per", "Lise", "Ahmed", "Mona", "Jonas", "Fatima", "Nils", "Anna"]
LAST = ["Hansen", "Johansen", "Larsen", "Berg", "Nilsen", "Olsen", "Dahl", "Lie", "Moen"]

# Weights: near misses and dangerous conditions are the common ones.
KIND_WEIGHTS = [
    (DeviationKind.PERSONAL_INJURY, 12),
    (DeviationKind.NEAR_MISS, 28),
    (DeviationKind.DANGEROUS_CONDITION, 30),
    (DeviationKind.MATERIAL_DAMAGE, 10),
    (DeviationKind.ENVIRONMENT, 8),
    (DeviationKind.VIOLENCE, 4),
    (DeviationKind.THREATS, 5),
    (DeviationKind.HARASSMENT, 3),
]
SEVERITY_WEIGHTS = [
    (Severity.LOW, 40),
    (Severity.MEDIUM, 35),
    (Severity.HIGH, 20),
    (Severity.SERIOUS, 5),
]


def _pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def describe(rng: random.Random, kind: DeviationKind) -> str:
    """One plausible «hva skjedde» text for `kind`."""
    text = rng.choice(WHAT[kind]).format(obj=rng.choice(OBJECTS), place=rng.choice(PLACES))
    return text[0].upper() + text[1:] + "."


def _ensure_organisation(db: Database) -> None:
    """A bare database gets a few areas and people so the avvik have somewhere to live."""
    from vernelogg.services import areas, organisation, people

    if not organisation.is_set_up(db):
        organisation.save_organisation(
            db, name="Ytelsestest AS", org_number="", employees=5000, branch="Annet"
        )
    with db.read() as s:
        has_areas = s.scalar(select(func.count()).select_from(SafetyArea)) or 0
        has_people = s.scalar(select(func.count()).select_from(Person)) or 0
    if not has_areas:
        for name in ("Produksjon", "Lager", "Kontor", "Verksted", "Kantine", "Utendørs"):
            areas.create_area(db, name=name)
    if not has_people:
        for first in FIRST[:6]:
            people.create_person(db, name=f"{first} {LAST[len(first) % len(LAST)]}")


def bulk_deviations(
    db: Database,
    n: int,
    seed: int = 1,
    *,
    years: int = 3,
    today: date | None = None,
    action_share: float = 0.3,
    progress: Callable[[int, int], None] | None = None,
    new_id: Callable[[], uuid.UUID] = uuid.uuid4,
    now: datetime | None = None,
) -> int:
    """Insert `n` generated avvik; returns how many were written.

    `new_id` and `now` (defaults: random ids, the clock) make the rows reproducible
    when given a seeded id source and a fixed moment (the benchmark's dataset)."""
    rng = random.Random(seed)
    today = today or clock.today()
    _ensure_organisation(db)
    with db.read() as s:
        area_ids = list(s.scalars(select(SafetyArea.id).where(SafetyArea.archived_at.is_(None))))
        person_ids = list(s.scalars(select(Person.id).where(Person.archived_at.is_(None))))
    end = datetime.combine(today, datetime.min.time(), OSLO).astimezone(UTC)
    span = timedelta(days=365 * years).total_seconds()
    moments = sorted(end - timedelta(seconds=rng.random() * span) for _ in range(n))
    # Reserve the numbers per year through the counters, as registering would.
    per_year: dict[int, int] = {}
    for m in moments:
        year = m.astimezone(OSLO).year
        per_year[year] = per_year.get(year, 0) + 1
    first_seq: dict[int, int] = {}
    with db.write() as s:
        for year, count in per_year.items():
            start = next_number(s, "AV", year)
            first_seq[year] = start
            s.execute(
                update(Counter)
                .where(Counter.series == "AV", Counter.year == year)
                .values(value=start + count - 1)
            )
    seq_now = dict(first_seq)
    now = now or clock.now()
    written = 0
    for batch_start in range(0, n, BATCH):
        deviations, events, actions = [], [], []
        for occurred in moments[batch_start : batch_start + BATCH]:
            year = occurred.astimezone(OSLO).year
            seq = seq_now[year]
            seq_now[year] += 1
            kind = _pick(rng, KIND_WEIGHTS)
            severity = _pick(rng, SEVERITY_WEIGHTS)
            age_days = (end - occurred).days
            status = _status_for_age(rng, age_days)
            number = number_text(year, seq)
            description = describe(rng, kind)
            immediate = rng.choice(IMMEDIATE)
            cause = rng.choice(CAUSES) if status != DeviationStatus.REGISTERED else ""
            reporter = None if rng.random() < 0.15 else f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            reported = occurred + timedelta(minutes=rng.randint(5, 60 * 48))
            reported = min(reported, now)
            deviation_id = new_id()
            area_id = rng.choice(area_ids)
            responsible = (
                rng.choice(person_ids)
                if person_ids and status != DeviationStatus.REGISTERED
                else None
            )
            deadline = (
                (occurred + timedelta(days=rng.randint(7, 60))).date() if responsible else None
            )
            closed = status == DeviationStatus.CLOSED
            deviations.append(
                {
                    "id": deviation_id,
                    "number": number,
                    "year": year,
                    "seq": seq,
                    "area_id": area_id,
                    "occurred_at": occurred,
                    "reported_at": reported,
                    "reporter_name": reporter,
                    "kind": kind.value,
                    "severity": severity.value,
                    "description": description,
                    "immediate_action": immediate,
                    "cause": cause,
                    "responsible_id": responsible,
                    "deadline": deadline,
                    "status": status.value,
                    "confidential": kind.is_psychosocial and rng.random() < 0.7,
                    "closed_at": min(reported + timedelta(days=rng.randint(3, 60)), now)
                    if closed
                    else None,
                    "measures_effective": (rng.random() < 0.9) if closed else None,
                    "closing_note": "",
                    "location": "",
                    "notification_note": "",
                    "search_text": deviation_search_text(
                        number, description, immediate, cause, "", reporter, ""
                    ),
                    "created_at": reported,
                    "updated_at": reported,
                    "archived_at": None,
                }
            )
            events.append(
                {
                    "id": new_id(),
                    "deviation_id": deviation_id,
                    "at": reported,
                    "by": reporter or "Anonym",
                    "kind": "registered",
                    "from_status": None,
                    "to_status": DeviationStatus.REGISTERED.value,
                    "text": "",
                }
            )
            if responsible and rng.random() < action_share:
                actions.append(
                    _action_row(
                        rng,
                        deviation_id,
                        number,
                        area_id,
                        responsible,
                        deadline,
                        today,
                        reported,
                        new_id,
                    )
                )
        with db.engine.begin() as conn:
            conn.execute(insert(table_of(Deviation)), deviations)
            conn.execute(insert(table_of(DeviationEvent)), events)
            if actions:
                conn.execute(insert(table_of(Action)), actions)
        written += len(deviations)
        if progress:
            progress(written, n)
    return written


def _status_for_age(rng: random.Random, age_days: int) -> DeviationStatus:
    """Old avvik are mostly closed; this month's are mostly still registered."""
    if age_days < 14:
        weights = [60, 30, 8, 2]
    elif age_days < 120:
        weights = [10, 35, 30, 25]
    else:
        weights = [2, 5, 8, 85]
    return rng.choices(list(DeviationStatus), weights=weights)[0]


def _action_row(
    rng, deviation_id, number, area_id, owner_id, deadline, today, created, new_id
) -> dict:
    """A tiltak for the avvik, made when the avvik was reported."""
    title = rng.choice(
        [
            "Sett opp rekkverk",
            "Repeter opplæring i truckkjøring",
            "Merk gangvei med gul tape",
            "Bytt defekt utstyr",
            "Oppdater rutine for kjemikalier",
            "Flytt lagring av paller",
            "Skaff bedre belysning",
        ]
    )
    done = deadline is not None and deadline < today and rng.random() < 0.8
    return {
        "id": new_id(),
        "title": title,
        "description": "",
        "area_id": area_id,
        "owner_id": owner_id,
        "deadline": deadline,
        "status": (ActionStatus.DONE if done else ActionStatus.OPEN).value,
        "done_date": deadline if done else None,
        "source_kind": ActionSource.DEVIATION.value,
        "source_id": deviation_id,
        "source_label": number,
        "search_text": action_search_text(title, "", number),
        "created_at": created,
        "updated_at": created,
        "archived_at": None,
    }
