"""Demo vernerunder: two years of rounds per area with the branch's checklist, findings
with comments and a few photos, tiltak and avvik made from them, rounds planned ahead,
one overdue and one in progress."""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from functools import partial

from dateutil.relativedelta import relativedelta
from PIL import Image, ImageDraw
from sqlalchemy import select

from vernelogg import clock
from vernelogg.demo.context import DemoContext
from vernelogg.domain.actions import ActionStatus
from vernelogg.domain.deviations import DeviationKind, DeviationStatus, Severity
from vernelogg.domain.rounds import Answer
from vernelogg.services import actions, rounds
from vernelogg.services.timeline import EventKind, record_event
from vernelogg.store.models import Deviation, DeviationEvent, Person

Settle = Callable[[], None]

# area key → (checklist, months between rounds, first round days ago)
SCHEDULE = {
    "adm": ("kontor", 6, 700),
    "verksted": ("industri", 3, 710),
    "lakk": ("industri", 3, 690),
    "lager": ("generell", 4, 680),
    "barnehage": ("barnehage", 6, 705),
    "kveld": ("industri", 4, 660),
    "sjokanten": ("bygg", 2, 330),
    "renhold": ("renhold", 4, 670),
}

# checklist → findings the demo draws from: (point, comment, tiltak, avvik severity, photo)
FINDINGS: dict[str, list[tuple[str, str, str, Severity | None, str | None]]] = {
    "industri": [
        ("in-16", "Vernet på båndsagen var tatt av og sto lent mot veggen.",
         "Monter vernet på båndsagen og gå gjennom rutinen for vern", Severity.HIGH, None),
        ("in-06", "Punktavsuget ved sveiseplass 2 trekker dårlig; røyken blir liggende.",
         "Service på punktavsuget ved sveiseplass 2", None, None),
        ("in-26", "Paller med emner sto foran nødutgangen ved port 3.",
         "Rydd nødutgangen ved port 3 og merk forbudssone i gulvet", Severity.MEDIUM, "exit"),
        ("in-19", "Gulvmerkingen i trucktraseen mellom lager og verksted er nesten borte.",
         "Mal ny gulvmerking i trucktraseen", None, None),
        ("in-28", "Øyedusjen ved syrebadet var ikke testet siden mars.",
         "Innfør månedlig test av øyedusjen med logg", None, None),
        ("in-09", "Kanner med avfettingsmiddel sto uten oppsamlingskar.",
         "Kjøp oppsamlingskar til kjemikalielageret", Severity.LOW, "chemical"),
        ("in-21", "To innleide manglet vernebriller ved slipestasjonen.",
         "Legg ut vernebriller ved slipestasjonene og informer innleide", None, None),
        ("in-35", "Den som vedlikeholder kompressoren på kveldstid er alene uten alarm.",
         "Skaff persontrygghetsalarm til vedlikehold på kveldstid", None, None),
        ("in-01", "Støyskiltet ved platesaksa har falt ned.",
         "Sett opp støyskiltet ved platesaksa igjen", None, None),
        ("in-32", "Instruksen for den nye kantpressen finnes bare på engelsk.",
         "Oversett instruksen for kantpressen til norsk", None, None),
    ],
    "kontor": [
        ("ko-15", "Skjøteledning ligger over gangen i det åpne landskapet ved vinduene.",
         "Legg ledningene i kabelkanal i det åpne landskapet", Severity.LOW, "cable"),
        ("ko-03", "Møterom Fjorden blir tett og varmt etter en time med fullt rom.",
         "Be driftsleverandøren justere ventilasjonen i møterom Fjorden", None, None),
        ("ko-10", "Tre av de nye kontorstolene er ikke stilt inn for brukeren.",
         "Gi en kort innføring i innstilling av kontorstolene", None, None),
        ("ko-18", "Esker med arkivmateriale står i korridoren ved trappa.",
         "Flytt arkiveskene ut av korridoren", Severity.MEDIUM, "exit"),
        ("ko-22", "Førstehjelpsskrinet mangler plaster og sårskyll.",
         "Fyll opp førstehjelpsskrinet og lag en påfyllingsrutine", None, None),
        ("ko-24", "Flere svarer på e-post sent på kvelden; forventningene er ikke avklart.",
         "Avklar forventninger til tilgjengelighet på personalmøtet", None, None),
        ("ko-30", "Alarmknappen i resepsjonen er ikke testet på over et år.",
         "Test alarmknappen i resepsjonen og avtal årlig test", None, None),
        ("ko-12", "Flere bruker bærbar PC uten egen skjerm hele arbeidsdagen.",
         "Kjøp skjermer og dokkingstasjoner til flekskontorene", None, None),
    ],
    "barnehage": [
        ("bh-01", "Høyt støynivå på Blåbærtua under måltidet; filten under stolene er slitt.",
         "Skift filt under stolene og vurder lydabsorbenter på Blåbærtua", None, None),
        ("bh-12", "Stellebordet på Tyttebærtua kan ikke heves og senkes.",
         "Bytt til hev- og senkbart stellebord på Tyttebærtua", None, None),
        ("bh-18", "Porten mot parkeringsplassen går ikke helt i lås.",
         "Reparer porten mot parkeringsplassen", Severity.HIGH, None),
        ("bh-21", "Sovevogner sto i rømningsveien fra soverommet.",
         "Finn fast plass for sovevognene utenfor rømningsveien", Severity.MEDIUM, None),
        ("bh-26", "Pausene blir ofte ikke tatt på småbarnsavdelingen når noen er syke.",
         "Lag en pauseplan som tar høyde for fravær", None, None),
        ("bh-20", "En bokhylle på Blåbærtua er ikke festet til veggen.",
         "Fest bokhyllen på Blåbærtua til veggen", None, None),
        ("bh-32", "Hendelser med utagerende barn meldes ikke som avvik.",
         "Gå gjennom rutinen for å melde vold og trusler på personalmøtet", None, None),
    ],
    "bygg": [
        ("by-15", "Åpningen i dekket i 2. etasje var sikret bare med sperrebånd.",
         "Monter rekkverk rundt dekkeåpningen i 2. etasje", Severity.SERIOUS, None),
        ("by-14", "Stillaset på nordveggen manglet grønt skilt etter ombyggingen.",
         "Kontroller og skilt stillaset på nordveggen", None, None),
        ("by-05", "Meisling i betong i kjelleren ble gjort uten avsug.",
         "Skaff støvavsug til meisling og gi opplæring", Severity.MEDIUM, None),
        ("by-21", "Kapp og spiker på gangveien inn til bygget.",
         "Innfør daglig rydding av gangveiene kl. 14", None, "cable"),
        ("by-32", "To fra underentreprenøren sto ikke på oversiktslisten.",
         "Kontroller oversiktslisten mot HMS-kort hver morgen", None, None),
        ("by-09", "Håndvasken i brakkeriggen har ikke varmt vann.",
         "Reparer varmtvannet i brakkeriggen", None, None),
        ("by-29", "Framdriften på kaifronten er presset; flere jobber mye overtid.",
         "Ta opp bemanning og framdrift på byggemøtet", None, None),
        ("by-27", "Gassflasker sto løse ved sveiseplassen på kaia.",
         "Sett opp stativ for gassflaskene", Severity.MEDIUM, "chemical"),
    ],
    "renhold": [
        ("re-07", "To sprayflasker i kantinen var uten merking av innholdet.",
         "Merk alle flasker og kjøp ferdigmerkede flasker", None, "chemical"),
        ("re-16", "Bøtter fylles i vasken og løftes ned; tungt for ryggen.",
         "Skaff slange til fylling av bøtter", None, None),
        ("re-24", "Tiden til renhold av 3. etasje holder ikke etter ombyggingen.",
         "Beregn tiden for renhold av 3. etasje på nytt", None, None),
        ("re-31", "Renholder er alene i lakkhallen på kveldstid uten avtalt kontakt.",
         "Innfør innsjekk for renholdere som arbeider alene på kveldstid", Severity.MEDIUM,
         None),
        ("re-17", "Våte gulv i kantinen ble ikke merket etter vask.",
         "Legg varselskilt på alle traller", None, None),
        ("re-26", "Arbeidsplanen for kantina finnes bare på norsk.",
         "Oversett arbeidsplanen for kantina til engelsk og polsk", None, None),
    ],
    "generell": [
        ("gen-17", "Nødutgangen ved varemottaket var blokkert av innkommende gods.",
         "Merk sone foran nødutgangen i varemottaket", Severity.MEDIUM, "exit"),
        ("gen-04", "Strekkfilm og emballasje lå på gulvet ved pakkebordet.",
         "Sett opp avfallsstativ ved pakkebordet", None, None),
        ("gen-11", "Tunge kasser løftes for hånd fra pall; vakuumløfteren står ubrukt.",
         "Opplæring i bruk av vakuumløfteren", None, None),
        ("gen-15", "Rampen ved utkjøringen var ikke strødd om morgenen.",
         "Avtal strøing av rampen før kl. 07", Severity.LOW, None),
        ("gen-14", "Øverste hylle i reol C har tunge kasser.",
         "Omplasser tunge varer i reol C", None, None),
        ("gen-21", "Sårskyllen i førstehjelpsskrinet på lageret har gått ut på dato.",
         "Skift ut utgått innhold i førstehjelpsskrinet", None, None),
        ("gen-32", "Den som tar imot sene leveranser er alene uten avtalt kontakt.",
         "Avtal innsjekk ved sene leveranser", None, None),
    ],
}  # fmt: skip

FREE_FINDINGS = {
    "verksted": ("mechanical", "Det drypper fra taket over dreiebenk 2 når det regner."),
    "adm": ("mechanical", "Inngangsdøra smeller igjen og har klemt fingre."),
    "barnehage": ("physical", "Lyset ved sandkassa er ødelagt; mørkt ved henting."),
    "sjokanten": ("mechanical", "Mobilkranen står parkert over gangveien om kvelden."),
    "lager": ("ergonomic", "Den nye skanneren er tung å bruke med én hånd en hel dag."),
}

OTHER_PARTICIPANTS = {
    "verksted": "Eva Lund (BHT)",
    "lakk": "Eva Lund (BHT)",
    "sjokanten": "Maja Ruud (vara), representant for underentreprenøren",
    "barnehage": "Silje Moen",
}

USER_TEMPLATE = "Kontor – Fjordheim"
USER_POINT = "Heisen til 2. etasje har nødtelefon som er testet det siste året."


def _photo(kind: str, seed: int) -> bytes:
    """A simple drawn picture standing in for a photo from the round."""
    img = Image.new("RGB", (640, 480), (214, 210, 200))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 330, 640, 480], fill=(120, 118, 112))  # floor
    if kind == "exit":
        d.rectangle([250, 90, 390, 330], fill=(96, 98, 104), outline=(40, 40, 40), width=4)
        d.rectangle([270, 40, 370, 80], fill=(20, 140, 70))
        d.polygon([(300, 60), (320, 48), (320, 72)], fill="white")
        d.rectangle([320, 56, 350, 64], fill="white")
        for n, x in enumerate((210, 300, 360)):
            top = 230 - (seed + n) % 3 * 25
            d.rectangle([x, top, x + 110, 360], fill=(170, 120, 70), outline=(110, 75, 40), width=3)
    elif kind == "cable":
        d.line(
            [(0, 420), (160, 380), (320, 430), (470, 370), (640, 410)], fill=(20, 20, 20), width=9
        )
        d.rectangle([560, 240, 620, 330], fill=(240, 240, 240), outline=(60, 60, 60), width=3)
        d.rectangle([40, 260, 200, 330], fill=(90, 70, 50))
    else:  # chemical
        d.rectangle([60, 120, 580, 140], fill=(90, 90, 95))
        d.rectangle([60, 250, 580, 270], fill=(90, 90, 95))
        colors = [(200, 40, 40), (240, 200, 40), (40, 90, 180), (230, 230, 230)]
        for n in range(6):
            x = 80 + n * 80
            color = colors[(n + seed) % len(colors)]
            d.rectangle([x, 160, x + 50, 250], fill=color, outline=(30, 30, 30), width=2)
            if n % 3 != 1:  # some without a hazard label
                d.polygon([(x + 25, 185), (x + 40, 200), (x + 25, 215), (x + 10, 200)],
                          fill="white", outline=(200, 0, 0))  # fmt: skip
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=80)
    return out.getvalue()


def _at(ctx: DemoContext, day: date, hour: int) -> datetime:
    moment = ctx.moment(day, hour)
    return min(moment.astimezone(UTC), clock.now() - timedelta(minutes=5))


def _user_template(ctx: DemoContext) -> str:
    mine = rounds.copy_template(ctx.db, "builtin:kontor", USER_TEMPLATE)
    detail = rounds.get_template(ctx.db, mine.ref)
    first_mechanical = next(i for i in detail.items if i.group.value == "mechanical")
    rounds.add_template_item(
        ctx.db, mine.ref, group="mechanical", text=USER_POINT, after_item_id=first_mechanical.id
    )
    return mine.ref


def _participants(ctx: DemoContext, key: str, day: date) -> tuple[str | None, str | None]:
    delegate, leader = rounds.default_participants(ctx.db, ctx.areas[key], day)
    delegate = delegate or ctx.delegates.get(key) or ctx.people["per"]
    return delegate, leader or ctx.leaders.get(key)


def _dates(ctx: DemoContext, months: int, first_days_ago: int) -> list[date]:
    day = ctx.days_ago(first_days_ago)
    out = []
    while day <= ctx.today + relativedelta(months=months):
        out.append(day)
        day = day + relativedelta(months=months)
    return out


def fill(ctx: DemoContext) -> None:
    later: list[Settle] = []  # where old avvik and tiltak stand today, written at the end
    office_template = _user_template(ctx)
    plans: list[tuple[date, str]] = []
    for key, (_template, months, first) in SCHEDULE.items():
        plans.extend((day, key) for day in _dates(ctx, months, first))
    # The warehouse had an extra round yesterday after its racks were rebuilt: in progress.
    plans.append((ctx.today - timedelta(days=1), "lager"))
    overdue = max(day for day, key in plans if key == "kveld" and day <= ctx.today)
    photos = 0
    # Planned in date order, as a real user would, so the numbers follow the calendar.
    for n, (day, key) in enumerate(sorted(plans)):
        template = SCHEDULE[key][0]
        delegate, leader = _participants(ctx, key, min(day, ctx.today))
        plan = rounds.plan_round(
            ctx.db,
            area_id=ctx.areas[key],
            planned_date=day,
            template_ref=office_template if key == "adm" else f"builtin:{template}",
            delegate_id=delegate,
            leader_id=leader,
            other_participants=OTHER_PARTICIPANTS.get(key, ""),
            today=ctx.today,
        )
        ctx.count("vernerunder")
        if day == ctx.today - timedelta(days=1) and key == "lager":
            _in_progress(ctx, plan.id, template)
        elif key == "kveld" and day == overdue:
            continue  # the evening shift lost its VO: this round was never held
        elif day <= ctx.today - timedelta(days=10):
            photos += _closed_round(ctx, key, plan.id, template, day, n, later)
    ctx.count("bilder fra vernerunder", photos)
    # Where the old avvik and tiltak stand today, as their owners would have set it.
    for settle in later:
        settle()


def _answers(ctx: DemoContext, detail, template: str, picked: set[str]) -> dict:
    comments = {f[0]: f[1] for f in FINDINGS[template]}
    answers = {}
    for item in detail.check_items:
        if item.key in picked:
            answers[item.id] = (Answer.NOT_OK, comments[item.key])
        elif ctx.rng.random() < 0.05:
            answers[item.id] = (Answer.NOT_RELEVANT, "")
        else:
            answers[item.id] = (Answer.OK, "")
    return answers


def _closed_round(
    ctx: DemoContext,
    key: str,
    round_id: str,
    template: str,
    planned: date,
    n: int,
    later: list[Settle],
) -> int:
    db, rng = ctx.db, ctx.rng
    held = min(planned + timedelta(days=rng.randint(0, 4)), ctx.today - timedelta(days=3))
    start = _at(ctx, held, 9)
    detail = rounds.start_round(db, round_id, held_on=held, today=ctx.today, at=start)
    pool = FINDINGS[template]
    picked = {f[0] for f in rng.sample(pool, k=min(len(pool), rng.randint(1, 3)))}
    rounds.answer_items(
        db, round_id, _answers(ctx, detail, template, picked), at=_at(ctx, held, 10)
    )
    if key in FREE_FINDINGS and n % 3 == 1:
        group, text = FREE_FINDINGS[key]
        rounds.add_finding(db, round_id, text=text, group=group, at=_at(ctx, held, 10))
    photos = 0
    detail = rounds.get_round_detail(db, round_id)
    for item in detail.findings:
        spec = next((f for f in pool if f[0] == item.key), None)
        if spec and spec[4] and rng.random() < 0.7:
            rounds.add_photo(
                db, item.id, filename=f"IMG_{4100 + n * 7 + photos}.jpg",
                data=_photo(spec[4], n),
            )  # fmt: skip
            photos += 1
    rounds.close_round(
        db,
        round_id,
        signed_delegate=detail.info.delegate_name or "",
        signed_leader=detail.info.leader_name or "",
        closed_on=held,
        notes=_summary_note(len(detail.findings)),
        today=ctx.today,
        at=_at(ctx, held, 14),
    )
    ctx.count("runder avsluttet")
    _follow_up(ctx, detail, template, held, later)  # the findings are as before closing
    return photos


def _summary_note(findings: int) -> str:
    if findings == 0:
        return "God orden i området. Ingen funn."
    if findings == 1:
        return "Stort sett god orden. Ett funn følges opp med tiltak."
    return f"{findings} funn gjennomgått med leder på stedet; tiltak avtalt."


def _follow_up(ctx: DemoContext, detail, template: str, held: date, later: list[Settle]) -> None:
    db, rng = ctx.db, ctx.rng
    pool = {f[0]: f for f in FINDINGS[template]}
    for item in detail.findings:
        spec = pool.get(item.key)
        title = spec[2] if spec else f"Følg opp: {item.text}"
        severity = spec[3] if spec else None
        defaults = rounds.finding_defaults(db, item.id)
        if severity is not None:
            avvik = rounds.create_deviation_from_item(
                db,
                item.id,
                description=defaults.description,
                kind=DeviationKind.DANGEROUS_CONDITION,
                severity=severity,
                reporter_name=defaults.reporter_name or None,
                immediate_action="Området sperret av og leder varslet på stedet.",
            )
            ctx.count("avvik fra vernerunder")
            later.append(partial(_settle_deviation, ctx, avvik.id, held, defaults.owner_id))
        if severity is None and rng.random() < 0.25:
            continue  # fixed on the spot, nothing to follow up
        deadline = held + timedelta(days=rng.choice([14, 30, 45, 60]))
        action = rounds.create_action_from_item(
            db,
            item.id,
            title=title,
            description=defaults.description,
            owner_id=defaults.owner_id,
            deadline=deadline,
        )
        ctx.count("tiltak fra vernerunder")
        later.append(partial(_settle_action, ctx, action.id, deadline))


def _settle_action(ctx: DemoContext, action_id: str, deadline: date) -> None:
    """Old measures are mostly done (set in the action plan); a few are overdue."""
    rng = ctx.rng
    age = (ctx.today - deadline).days
    if age < 0 and rng.random() < 0.7:
        return  # not due yet
    if age >= 0 and rng.random() < 0.15:
        return  # overdue
    done = min(deadline - timedelta(days=rng.randint(0, 10)), ctx.today)
    actions.set_action_status(ctx.db, action_id, ActionStatus.DONE, done_date=done, today=ctx.today)


def _settle_deviation(ctx: DemoContext, deviation_id: str, held: date, owner: str | None) -> None:
    """The avvik's owner took it on; old ones were closed. Its timeline is dated as it
    happened, so it is written straight in the store."""
    with ctx.db.write() as s:
        age = (ctx.today - held).days
        d = s.get_one(Deviation, uuid.UUID(deviation_id))
        d.responsible_id = uuid.UUID(owner) if owner else None
        d.deadline = held + timedelta(days=30)
        # Registered on the day of the round; each later step goes into the avvik's timeline,
        # dated as it happened.
        d.reported_at = _at(ctx, held, 14)
        for event in s.scalars(
            select(DeviationEvent).where(
                DeviationEvent.deviation_id == d.id, DeviationEvent.kind == EventKind.REGISTERED
            )
        ):
            event.at = d.reported_at
        steps: list[tuple[DeviationStatus, int]] = []
        if age > 20:
            steps.append((DeviationStatus.UNDER_TREATMENT, 3))
        if age > 90:
            steps += [(DeviationStatus.MEASURES_TAKEN, 30), (DeviationStatus.CLOSED, 40)]
        by = s.get_one(Person, d.responsible_id).name if d.responsible_id else "Eksempeldata"
        for status, days in steps:
            event = record_event(
                s,
                d,
                EventKind.STATUS,
                "Tiltaket er gjennomført og virker." if status is DeviationStatus.CLOSED else "",
                from_status=d.status,
                to_status=status.value,
                by=by,
            )
            event.at = _at(ctx, held + timedelta(days=days), 12)
            d.status = status.value
        if d.status == DeviationStatus.CLOSED.value:
            d.closed_at = _at(ctx, held + timedelta(days=40), 12)
            d.measures_effective = True
            d.closing_note = "Tiltaket er gjennomført og virker."


def _in_progress(ctx: DemoContext, round_id: str, template: str) -> None:
    """Yesterday's round in the warehouse: started, about half answered."""
    db = ctx.db
    held = ctx.today - timedelta(days=1)
    detail = rounds.start_round(db, round_id, held_on=held, today=ctx.today, at=_at(ctx, held, 9))
    half = detail.check_items[: len(detail.check_items) // 2]
    answers = {item.id: (Answer.OK, "") for item in half}
    finding = next((f for f in FINDINGS[template] if f[0] in {i.key for i in half}), None)
    if finding:
        item = next(i for i in half if i.key == finding[0])
        answers[item.id] = (Answer.NOT_OK, finding[1])
    rounds.answer_items(db, round_id, answers, at=_at(ctx, held, 10))
    ctx.count("vernerunder pågår")
