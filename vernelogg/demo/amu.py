"""Demo AMU: the committee with deputies over two periods, the chair side alternating per
year, quarterly meetings over the last two years with approved minutes, cases, decisions
(some carried out, some not) and one meeting planned ahead with its agenda."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import select

from vernelogg.demo.context import DemoContext
from vernelogg.domain.amu import Capacity, ItemKind, Presence, Side
from vernelogg.domain.roles import Role
from vernelogg.services import amu
from vernelogg.store.models import Action, AmuAgendaItem, AmuDecision, AmuMeeting

PLACE = "Møterommet «Fjorden», 2. etasje"

# title, kind, background, discussion, decisions: (text, owner key, days to deadline, area key)
# A case of the demo's meetings: title, kind, background, discussion and its decisions
# (text, who follows up, days to the deadline, area).
Case = tuple[str, ItemKind, str, str, list[tuple[str, str | None, int | None, str | None]]]

CASES: list[Case] = [
    (
        "Støy i verkstedet – resultat av støymåling",
        ItemKind.DECISION,
        "BHT målte støy i sveisehallen. Gjennomsnittlig nivå ved platesaksen var 87 dB(A); "
        "nedre tiltaksverdi er 80 dB(A) og grenseverdien 85 dB(A).",
        "Arbeidstakersiden pekte på at hørselvern brukes for lite ved korte jobber. "
        "Arbeidsgiversiden vil skjerme platesaksen og innføre soner med påbudt hørselvern.",
        [
            ("Platesaksen skjermes med støydempende vegger.", "sigrid", 75, "verksted"),
            (
                "Soner med påbudt hørselvern merkes, og alle i verkstedet får ny opplæring i "
                "bruk av hørselvern.",
                "per",
                45,
                "verksted",
            ),
        ],
    ),
    (
        "Sykefravær siste kvartal",
        ItemKind.ORIENTATION,
        "HMS-leder orienterte om sykefraværet: 6,1 % totalt, 3,9 % legemeldt. Høyest i "
        "renhold og på lageret.",
        "Utvalget ba om at fraværet i renhold ses i sammenheng med den ergonomiske belastningen.",
        [],
    ),
    (
        "Ergonomi i renhold – nytt utstyr",
        ItemKind.DECISION,
        "Renholderne melder om smerter i skuldre og rygg. BHT har vurdert arbeidsstillingene "
        "og anbefaler lettere moppesystem og høydejusterbare traller.",
        "Enighet om at utstyret bør byttes før vinteren.",
        [
            (
                "Nytt moppesystem og høydejusterbare traller kjøpes inn til alle renholdere.",
                "grete",
                60,
                "renhold",
            )
        ],
    ),
    (
        "Vold og trusler i barnehagen – rutine og opplæring",
        ItemKind.DECISION,
        "To hendelser med trusler fra foresatte ved henting. Barnehagen har ingen skriftlig "
        "rutine for hvordan slike hendelser skal håndteres.",
        "Verneombudet i barnehagen fortalte at de ansatte er usikre på hva de skal gjøre. "
        "BHT tilbyr kurs i konflikthåndtering.",
        [
            (
                "Det lages en skriftlig rutine for vold og trusler i barnehagen.",
                "hanne",
                50,
                "barnehage",
            ),
            (
                "Alle ansatte i barnehagen får kurs i konflikthåndtering i regi av BHT.",
                "eva",
                120,
                "barnehage",
            ),
        ],
    ),
    (
        "Truckkjøring og gående i varemottaket",
        ItemKind.DECISION,
        "Nestenulykke mellom truck og gående i varemottaket. Gangsonene er ikke merket.",
        "Arbeidstakersiden ønsker et fysisk skille mellom truck og gående.",
        [
            (
                "Gangsoner i varemottaket merkes og skilles fysisk fra truckområdet.",
                "tor",
                40,
                "lager",
            )
        ],
    ),
    (
        "Stoffkartotek og kjemikalier i lakkeringshallen",
        ItemKind.DECISION,
        "Stoffkartoteket er ikke oppdatert på over et år; tre nye produkter mangler "
        "sikkerhetsdatablad.",
        "Utvalget understreket at de ansatte må få opplæring i nye produkter før bruk.",
        [
            (
                "Stoffkartoteket oppdateres og gjennomgås med alle lakkererne.",
                "sigrid",
                30,
                "lakk",
            )
        ],
    ),
    (
        "Medarbeiderundersøkelsen – resultater og oppfølging",
        ItemKind.DISCUSSION,
        "Svarprosent 78. Lavest score på arbeidsmengde og på informasjon ved endringer.",
        "Drøftet hvordan avdelingene skal følge opp. Arbeidstakersiden vil at verneombudene "
        "tas med i arbeidet fra start.",
        [
            (
                "Hver avdeling lager en handlingsplan sammen med verneombudet.",
                "ola",
                90,
                None,
            )
        ],
    ),
    (
        "Inneklima i administrasjonen",
        ItemKind.DECISION,
        "Klager på tung luft og hodepine i 2. etasje. Målinger viser CO₂ opp mot 1 400 ppm "
        "på møterommene.",
        "",
        [
            (
                "Ventilasjonsanlegget i 2. etasje får service og innregulering.",
                "ola",
                45,
                "adm",
            )
        ],
    ),
    (
        "Sikring mot fall i sjø på Sjøkanten",
        ItemKind.DECISION,
        "Det arbeides på kaikanten uten rekkverk. Sikker jobbanalyse viser høy risiko.",
        "Enighet om at arbeid nær kaikanten ikke skal skje uten sikring.",
        [
            (
                "Midlertidig rekkverk monteres langs kaikanten, og redningsvest er påbudt ved "
                "arbeid nær kanten.",
                "bjorn",
                14,
                "sjokanten",
            )
        ],
    ),
    (
        "BHT: rapport og plan for samarbeidet",
        ItemKind.ORIENTATION,
        "Eva Lund fra BHT orienterte om årets aktiviteter: støymåling, deltakelse på "
        "vernerunder og ergonomisk kartlegging i renhold.",
        "",
        [],
    ),
    (
        "Brannøvelse og rømningsveier",
        ItemKind.DECISION,
        "Brannøvelsen viste at rømningsveien fra lageret var blokkert av paller.",
        "",
        [
            (
                "Rømningsveiene kontrolleres hver uke, og funn registreres som avvik.",
                "tor",
                30,
                "lager",
            )
        ],
    ),
    (
        "Omorganisering av kveldsskiftet – medvirkning",
        ItemKind.DISCUSSION,
        "Ledelsen vurderer å slå sammen to skift på kveldstid.",
        "Arbeidstakersiden krevde at verneombudet og de tillitsvalgte tas med fra start, og "
        "at det gjøres en risikovurdering før beslutning.",
        [
            (
                "Det gjøres en risikovurdering av omorganiseringen sammen med verneombud og "
                "tillitsvalgt før beslutning.",
                "marius",
                45,
                "kveld",
            )
        ],
    ),
    (
        "Opplæring av verneombud og AMU-medlemmer",
        ItemKind.DISCUSSION,
        "Flere verneombud og to AMU-medlemmer mangler 40-timerskurset (OLM § 3-18).",
        "",
        [("Alle som mangler grunnopplæring, meldes på kurs.", "ola", 120, None)],
    ),
    (
        "Alenearbeid i renhold på kveldstid",
        ItemKind.DECISION,
        "Renholderne arbeider alene i byggene etter kl. 18. Det finnes ingen rutine for "
        "varsling hvis noe skjer.",
        "Arbeidstakersiden ønsket en alarm eller app for alenearbeid.",
        [
            (
                "Det innføres en rutine for alenearbeid med trygghetsalarm for renholderne.",
                "grete",
                60,
                "renhold",
            )
        ],
    ),
    (
        "Rutine for varsling av kritikkverdige forhold",
        ItemKind.ORIENTATION,
        "HR orienterte om den reviderte varslingsrutinen (aml. kapittel 2 A).",
        "Utvalget ba om at rutinen gjøres kjent på alle avdelingsmøter.",
        [],
    ),
    (
        "Førstehjelpsutstyr og hjertestarter",
        ItemKind.DECISION,
        "Vernerunden viste at førstehjelpsskapene på lageret og i verkstedet mangler utstyr, "
        "og at det ikke finnes hjertestarter på Sjøkanten.",
        "",
        [
            (
                "Førstehjelpsskapene fylles opp, og det kjøpes en hjertestarter til Sjøkanten.",
                "tor",
                30,
                "lager",
            )
        ],
    ),
    (
        "Hjemmekontor og ergonomi",
        ItemKind.DISCUSSION,
        "Flere i administrasjonen jobber hjemme to dager i uken. Arbeidsgiver har ansvar for "
        "arbeidsmiljøet også der.",
        "Drøftet om det skal gis tilskudd til kontorstol og skjerm.",
        [
            (
                "Ansatte med fast hjemmekontor tilbys skjerm og kontorstol.",
                "ola",
                60,
                "adm",
            )
        ],
    ),
]

ANNUAL_CASE: Case = (
    "Årsrapport fra arbeidsmiljøutvalget",
    ItemKind.DECISION,
    "Utkast til årsrapport for fjoråret ble sendt ut med innkallingen.",
    "",
    [("Årsrapporten godkjennes og sendes ledelsen, de tillitsvalgte og BHT.", "mona", 14, None)],
)
PLAN_CASE: Case = (
    "HMS-handlingsplan for neste år",
    ItemKind.DECISION,
    "Utkast til handlingsplan med mål for sykefravær, avvik, vernerunder og opplæring.",
    "Arbeidstakersiden ba om at opplæring av nye verneombud prioriteres.",
    [("Handlingsplanen vedtas med endringene fra møtet.", None, None, None)],
)


def quarterly_dates(today: date) -> tuple[list[date], date]:
    """The second Thursday of March, June, September and December: the last eight
    before today and the next one after."""
    dates = []
    for year in range(today.year - 3, today.year + 2):
        for month in (3, 6, 9, 12):
            first = date(year, month, 1)
            dates.append(first + timedelta(days=(3 - first.weekday()) % 7 + 7))
    past = [d for d in dates if d <= today - timedelta(days=7)]
    ahead = next(d for d in dates if d > today)
    return past[-8:], ahead


def _committee(ctx: DemoContext) -> None:
    db, p = ctx.db, ctx.people
    current = ctx.days_ago(420)  # when the current members started (organisation demo)
    previous = current - relativedelta(years=2)
    before = current - timedelta(days=1)

    def give(key: str, role: Role, start: date, end: date | None = None, by: str = "") -> None:
        amu.assign_committee_role(
            db, person_id=p[key], role=role, start_date=start, end_date=end, chosen_by=by
        )
        ctx.count("AMU-verv")

    for key in ("kari", "ola", "sigrid"):
        give(key, Role.AMU_EMPLOYER, previous, before, "Daglig leder")
    for key in ("per", "mona", "ahmed"):
        give(key, Role.AMU_EMPLOYEE, previous, before, "Tillitsvalgte og verneombud")
    give("hanne", Role.AMU_DEPUTY_EMPLOYER, previous, before, "Daglig leder")
    give("lise", Role.AMU_DEPUTY_EMPLOYEE, previous, before, "Tillitsvalgte og verneombud")
    for key in ("hanne", "bjorn"):
        give(key, Role.AMU_DEPUTY_EMPLOYER, current, None, "Daglig leder")
    for key in ("lise", "fatima"):
        give(key, Role.AMU_DEPUTY_EMPLOYEE, current, None, "Tillitsvalgte og verneombud")

    # The chair alternates every year: Ola (employer side) chairs now, Per (employee
    # side) the year before, Kari (employer side) the year before that. The side that
    # does not chair writes the minutes.
    ola_start = ctx.days_ago(320)
    per_start = ola_start - relativedelta(years=1)
    kari_start = per_start - relativedelta(years=1)
    give("per", Role.AMU_CHAIR, per_start, ola_start - timedelta(days=1), "AMU")
    give("kari", Role.AMU_CHAIR, kari_start, per_start - timedelta(days=1), "AMU")
    give("tor", Role.AMU_SECRETARY, per_start, ola_start - timedelta(days=1), "AMU")
    give("mona", Role.AMU_SECRETARY, kari_start, per_start - timedelta(days=1), "AMU")
    sides = {
        ola_start.year: Side.EMPLOYER,
        per_start.year: Side.EMPLOYEE,
        kari_start.year: Side.EMPLOYER,
    }
    for year, side in sides.items():
        amu.set_chair_side(db, year, side, "Valgt av AMU i årets første møte")
    amu.set_seats_per_side(db, 3)


def _attendance(ctx: DemoContext, meeting_id: str) -> None:
    db, rng = ctx.db, ctx.rng
    rows = amu.list_attendance(db, meeting_id)
    deputies = {
        side: [r for r in rows if r.capacity.is_deputy and r.capacity.side is side] for side in Side
    }
    for row in rows:
        # The chair and the secretary are there: they approve the minutes.
        if not row.capacity.is_member or row.is_chair or row.is_secretary or rng.random() > 0.18:
            continue
        amu.set_presence(db, row.id, Presence.ABSENT)
        side = row.capacity.side
        free = deputies[side] if side is not None else []
        if free and rng.random() < 0.7:
            deputy = free.pop(0)
            amu.set_presence(db, deputy.id, Presence.PRESENT, stands_in_for_id=row.person_id)
    ohs = next((r for r in rows if r.capacity is Capacity.OHS), None)
    if ohs is not None and rng.random() < 0.3:
        amu.set_presence(db, ohs.id, Presence.ABSENT)
    amu.mark_all_present(db, meeting_id)


def _add_case(ctx: DemoContext, meeting_id: str, case, *, held: bool, day: date) -> None:
    db, p = ctx.db, ctx.people
    title, kind, background, discussion, decisions = case
    owners = [owner for _, owner, _, _ in decisions if owner]
    presenter = owners[0] if owners else ("eva" if "BHT" in title else "ola")
    item = amu.add_item(
        db, meeting_id, title=title, kind=kind, background=background, presenter_id=p[presenter]
    )
    if held and discussion:
        amu.update_item(
            db,
            item.id,
            title=title,
            kind=kind,
            background=background,
            discussion=discussion,
            presenter_id=p[presenter],
        )
    for text, owner, days, area in decisions:
        amu.add_decision(
            db,
            item.id,
            text=text,
            owner_id=p[owner] if owner else None,
            deadline=day + timedelta(days=days) if days else None,
            area_id=ctx.areas.get(area) if area else None,
        )


def _opening_case(ctx: DemoContext, meeting_id: str, first: bool) -> None:
    text = "Innkalling og saksliste ble godkjent."
    if not first:
        text += " Protokollen fra forrige møte er godkjent."
    item = amu.add_item(
        ctx.db,
        meeting_id,
        title="Godkjenning av innkalling og saksliste",
        kind=ItemKind.DECISION,
    )
    amu.add_decision(ctx.db, item.id, text=text)


def fill(ctx: DemoContext) -> None:
    db, today, rng = ctx.db, ctx.today, ctx.rng
    _committee(ctx)
    past, ahead = quarterly_dates(today)
    pool = list(CASES)
    meeting_ids = []
    for number, day in enumerate(past):
        meeting = amu.create_meeting(
            db, meeting_date=day, start_time="09:00", end_time="11:30", place=PLACE
        )
        meeting_ids.append(meeting.id)
        _opening_case(ctx, meeting.id, first=number == 0)
        amu.pull_standing_items(db, meeting.id, today=day)
        cases = [pool.pop(0) for _ in range(2) if pool] or [rng.choice(CASES)]
        if day.month == 3:
            cases.insert(0, ANNUAL_CASE)
        if day.month == 12:
            cases.append(PLAN_CASE)
        for case in cases:
            _add_case(ctx, meeting.id, case, held=True, day=day)
        _attendance(ctx, meeting.id)
        amu.mark_held(db, meeting.id, today=day)
        ctx.count("AMU-møter")
    _carry_out(ctx)
    for meeting_id, day in zip(meeting_ids, past, strict=True):
        # The standing items again, now that the history of the actions is in place.
        amu.pull_standing_items(db, meeting_id, today=day)
        info = amu.get_meeting(db, meeting_id)
        amu.approve_minutes(
            db,
            meeting_id,
            approved_on=min(day + timedelta(days=rng.randint(6, 16)), today),
            approved_by=f"{info.chair_name} (leder) og {info.secretary_name} (sekretær)",
            today=today,
        )
    planned = amu.create_meeting(
        db,
        meeting_date=ahead,
        start_time="09:00",
        end_time="11:30",
        place=PLACE,
        invitation_note="Sakspapirene ligger ved. Kaffe og rundstykker fra kl. 08:45.",
    )
    _opening_case(ctx, planned.id, first=False)
    amu.pull_standing_items(db, planned.id, today=today)
    for case in (pool[:1] or [CASES[0]]) + [PLAN_CASE]:
        _add_case(ctx, planned.id, case, held=False, day=ahead)
    ctx.count("AMU-møter")


def _carry_out(ctx: DemoContext) -> None:
    """Back-date the actions to their meeting, and carry most of them out in time: about
    one in four is still not done, some of those overdue."""
    db, rng, today = ctx.db, ctx.rng, ctx.today
    with db.write() as s:
        rows = s.execute(
            select(AmuDecision, AmuMeeting.meeting_date)
            .join(AmuAgendaItem, AmuAgendaItem.id == AmuDecision.item_id)
            .join(AmuMeeting, AmuMeeting.id == AmuAgendaItem.meeting_id)
            .where(AmuDecision.action_id.is_not(None))
            .order_by(AmuMeeting.meeting_date)
        ).all()
        actions = {}
        for decision, day in rows:
            action = s.get_one(Action, decision.action_id)
            action.created_at = ctx.moment(day, 12)
            actions[str(decision.id)] = (day, action.deadline)
    for decision_id, (day, deadline) in actions.items():
        if deadline is None or rng.random() < 0.25:
            continue
        done = deadline + timedelta(days=rng.randint(-20, 12))
        done = max(done, day + timedelta(days=3))
        if done <= today:
            amu.mark_decision_done(db, decision_id, done, today=today)
