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
from vernelogg.domain.actions import ActionStatus
from vernelogg.domain.deviations import DeviationStatus
from vernelogg.domain.formatting import OSLO, fmt_date
from vernelogg.services.actions import create_action
from vernelogg.services.deviations.common import EventKind, record_event
from vernelogg.services.deviations.notification import apply_notification
from vernelogg.services.deviations.register import create_deviation
from vernelogg.services.deviations.treatment import changed_text
from vernelogg.store.models import Deviation, DeviationEvent, Person

# area → [(kind, severity, what happened, where, immediate action, cause, action)]
SCENARIOS: dict[str, list[tuple[str, str, str, str, str, str, str]]] = {
    "adm": [
        (
            "dangerous_condition",
            "low",
            "Løs teppekant i gangen ved kopirommet, flere har snublet",
            "2. etasje, gang",
            "Teipet kanten midlertidig",
            "Slitt teppe",
            "Bytte teppe i gangen",
        ),
        (
            "near_miss",
            "medium",
            "Holdt på å falle i trappen: manglende sklisikring på trinnene",
            "Hovedtrapp",
            "Satt opp varselskilt",
            "Sklisikringen har løsnet",
            "Montere ny sklisikring i hovedtrappen",
        ),
        (
            "dangerous_condition",
            "low",
            "Skjøteledninger i serie under pulter i åpent landskap",
            "Kontorlandskap øst",
            "Koblet fra den ene",
            "For få stikkontakter",
            "Legge inn flere uttak i kontorlandskapet",
        ),
        (
            "personal_injury",
            "low",
            "Kuttet seg på papirkutter i postrommet",
            "Postrommet",
            "Plaster, såret renset",
            "Manglende beskyttelse på kutteren",
            "Bytte til kutter med skjermet kniv",
        ),
        (
            "dangerous_condition",
            "medium",
            "For høy CO2 og dårlig luft i møterom Fjorden ved fulle møter",
            "Møterom Fjorden",
            "Åpnet vinduer",
            "Ventilasjonen er for svak for 12 personer",
            "Måle inneklima og justere ventilasjonen",
        ),
        (
            "threats",
            "medium",
            "Kunde truet resepsjonist på telefon etter avslag",
            "Resepsjonen",
            "Leder tok over samtalen",
            "Ingen rutine for truende henvendelser",
            "Lage rutine for vold og trusler i resepsjonen",
        ),
        (
            "harassment",
            "medium",
            "Gjentatte nedsettende kommentarer fra kollega på teamsmøter",
            "Teams",
            "Samtale med nærmeste leder",
            "Konflikt i teamet",
            "Oppfølgingssamtaler med BHT",
        ),
    ],
    "verksted": [
        (
            "personal_injury",
            "medium",
            "Sponskade i øyet ved sliping uten vernebriller",
            "Dreiebenk 2",
            "Øyeskyll og legevakt",
            "Vernebrillene lå på kontoret",
            "Montere brilleholder ved hver slipestasjon",
        ),
        (
            "near_miss",
            "high",
            "Løftestropp røk under løft av stålbjelke, ingen under lasten",
            "Traverskran hall A",
            "Kranen stoppet, stroppen kassert",
            "Stroppen var ikke kontrollert etter frist",
            "Innføre månedlig kontroll av løfteredskap",
        ),
        (
            "dangerous_condition",
            "medium",
            "Manglende verneskjerm på båndsag etter service",
            "Båndsagen",
            "Sagen merket «ikke i bruk»",
            "Skjermen ble ikke satt på igjen",
            "Sjekkliste for oppstart etter service",
        ),
        (
            "personal_injury",
            "low",
            "Brannskade på underarm ved sveising uten lange hansker",
            "Sveisebås 3",
            "Kjølt med vann, førstehjelp",
            "Hanskene var slitt ut",
            "Bestille nye sveisehansker",
        ),
        (
            "dangerous_condition",
            "high",
            "Gassflasker stod ikke sikret mot velt ved sveisebordet",
            "Sveiseavdelingen",
            "Flaskene kjettet fast",
            "Kjettingen var fjernet",
            "Montere faste flaskestativ",
        ),
        (
            "near_miss",
            "medium",
            "Gaffeltruck rygget inn i verkstedet uten varsellyd",
            "Port 1 verksted",
            "Truckfører varslet",
            "Defekt rygge-alarm",
            "Reparere ryggealarm og kontrollere alle trucker",
        ),
        (
            "environment",
            "low",
            "Kjølevæske lekket fra dreiebenk ned i sluk",
            "Dreiebenk 1",
            "Absorbent lagt ut",
            "Sprukket slange",
            "Bytte slanger og sette inn oppsamlingskar",
        ),
        (
            "material_damage",
            "medium",
            "Truck kjørte inn i reol med stålprofiler, reolen bøyd",
            "Stållager",
            "Reolen tømt og sperret",
            "For trangt mellom reolene",
            "Merke kjøresoner og flytte reol",
        ),
    ],
    "lakk": [
        (
            "dangerous_condition",
            "high",
            "Avtrekket i lakkboksen stoppet under sprøyting",
            "Lakkboks 1",
            "Arbeidet stanset, rommet luftet",
            "Tett filter",
            "Fast rutine for filterbytte",
        ),
        (
            "personal_injury",
            "medium",
            "Hudirritasjon på hender etter arbeid med herder",
            "Blanderommet",
            "Vasket, kontaktet BHT",
            "Feil type hansker",
            "Skaffe kjemikaliebestandige hansker og oppdatere stoffkartotek",
        ),
        (
            "environment",
            "medium",
            "Løsemiddelrester helt i vasken",
            "Blanderommet",
            "Stengt avløp, samlet opp",
            "Manglende merking av avfallskanner",
            "Merke avfallskanner og gi opplæring",
        ),
        (
            "near_miss",
            "medium",
            "Statisk gnist ved tømming av fortynner",
            "Blanderommet",
            "Tømmingen stanset",
            "Jordingskabel manglet",
            "Montere jording ved tappestasjon",
        ),
        (
            "dangerous_condition",
            "medium",
            "Stoffkartoteket mangler datablader for tre nye produkter",
            "Lakkeringshallen",
            "Produktene satt til side",
            "Innkjøp sendte ikke datablad",
            "Oppdatere stoffkartoteket",
        ),
    ],
    "lager": [
        (
            "near_miss",
            "high",
            "Pall falt ned fra øverste reolnivå ved uttak",
            "Reol 14, lagerhall B",
            "Området sperret",
            "Pallen stod skjevt",
            "Montere nett bak øverste reolnivå",
        ),
        (
            "near_miss",
            "medium",
            "Fotgjenger nesten påkjørt av truck i krysset ved port 3",
            "Port 3",
            "Truckfører stoppet",
            "Dårlig sikt i krysset",
            "Sette opp speil og merke gangsone ved port 3",
        ),
        (
            "personal_injury",
            "medium",
            "Klemskade i hånd ved lossing av pall",
            "Varemottak",
            "Kjølt, sendt til legevakt",
            "Stresset lossing, for få folk",
            "Gå gjennom bemanning i varemottaket",
        ),
        (
            "dangerous_condition",
            "medium",
            "Glatt gulv ved port 2 etter regn, ingen matter",
            "Port 2",
            "Strødd og satt ut skilt",
            "Mattene var sendt til vask",
            "Skaffe ekstra matter til port 2",
        ),
        (
            "personal_injury",
            "low",
            "Vred ryggen ved løft av tung kartong",
            "Plukksone A",
            "Hvile, kontakt med BHT",
            "Mangler løftehjelp",
            "Kjøpe vakuumløfter til plukksone A",
        ),
        (
            "material_damage",
            "low",
            "Truck skadet portkarm ved port 1",
            "Port 1",
            "Porten kontrollert",
            "Smal port",
            "Montere påkjørselsvern ved port 1",
        ),
        (
            "dangerous_condition",
            "low",
            "Nødutgang blokkert av returpaller",
            "Nødutgang vest",
            "Pallene flyttet",
            "Mangler plass til returpaller",
            "Lage fast plass for returpaller",
        ),
        (
            "threats",
            "medium",
            "Sjåfør fra transportør truet lagermedarbeider ved sen levering",
            "Varemottak",
            "Leder kontaktet transportøren",
            "Uklare leveringstider",
            "Avklare leveringsrutine med transportøren",
        ),
    ],
    "barnehage": [
        (
            "personal_injury",
            "low",
            "Ansatt fikk vondt i ryggen ved løft av barn til stellebord",
            "Avdeling Maurtua",
            "Hvile, BHT kontaktet",
            "Stellebordet kan ikke senkes",
            "Kjøpe hev-senk-stellebord",
        ),
        (
            "violence",
            "medium",
            "Ansatt ble slått og bitt av barn i sinneutbrudd",
            "Avdeling Blåbær",
            "Samtale med foreldre",
            "Barnet trenger tettere oppfølging",
            "Plan for ekstra voksen på avdelingen",
        ),
        (
            "dangerous_condition",
            "medium",
            "Løs planke i sandkasse-kanten med utstikkende spiker",
            "Uteområdet",
            "Kanten sperret",
            "Råte",
            "Reparere sandkassen",
        ),
        (
            "dangerous_condition",
            "low",
            "Støynivå over 80 dB i garderoben ved henting",
            "Garderoben",
            "—",
            "Harde flater, mye ekko",
            "Montere lyddempende plater i garderoben",
        ),
        (
            "harassment",
            "medium",
            "Forelder kom med seksualiserte kommentarer til ansatt",
            "Ved porten",
            "Styrer tok samtale med forelderen",
            "—",
            "Følge opp den ansatte og lage rutine",
        ),
        (
            "near_miss",
            "low",
            "Port til parkeringsplassen stod åpen, barn på vei ut",
            "Porten",
            "Barnet stoppet",
            "Portlukkeren virker ikke",
            "Reparere portlukker",
        ),
    ],
    "kveld": [
        (
            "near_miss",
            "high",
            "Operatør gikk inn i sikkerhetssone uten at linjen var stoppet",
            "Pakkelinje 2",
            "Linjen stoppet",
            "Lysgardinen var forbikoblet",
            "Fjerne forbikobling og låse styreskapet",
        ),
        (
            "dangerous_condition",
            "medium",
            "Alenearbeid på kvelden uten fast tilsynsrutine",
            "Produksjon",
            "Skiftleder ringer hver time",
            "Ingen rutine for alenearbeid",
            "Innføre alarm for alenearbeid",
        ),
        (
            "personal_injury",
            "medium",
            "Kuttskade på hånd ved kniv for emballasje",
            "Pakkelinje 1",
            "Sydd på legevakten",
            "Kniv uten skjult blad",
            "Bytte til sikkerhetskniver",
        ),
        (
            "dangerous_condition",
            "low",
            "Dårlig belysning på parkeringsplassen etter kl. 22",
            "Parkeringsplassen",
            "Meldt til vaktmester",
            "Defekte lyspunkter",
            "Bytte lyspunkter på parkeringsplassen",
        ),
        (
            "threats",
            "low",
            "Ukjent person fulgte etter ansatt til bilen etter skift",
            "Parkeringsplassen",
            "Ansatte går sammen ut",
            "—",
            "Vurdere vekter ved skiftslutt",
        ),
    ],
    "sjokanten": [
        (
            "near_miss",
            "serious",
            "Stillasplank falt fra tredje etasje og traff bakken ved gangvei",
            "Stillas mot sjøsiden",
            "Området under sperret",
            "Planken var ikke festet",
            "Ny kontroll av stillaset og sperring under",
        ),
        (
            "dangerous_condition",
            "high",
            "Manglende rekkverk på stillas i fjerde etasje",
            "Stillas mot sjøsiden",
            "Arbeid på stillaset stanset",
            "Rekkverk fjernet for inntransport",
            "Innføre rutine for tilbakemontering av rekkverk",
        ),
        (
            "personal_injury",
            "medium",
            "Snublet i armeringsjern og slo kneet",
            "Kaia, byggegrop",
            "Førstehjelp",
            "Dårlig orden",
            "Ryddeplan for byggeplassen",
        ),
        (
            "dangerous_condition",
            "medium",
            "Asbestholdige plater funnet i himling før riving",
            "Kaibygget, 1. etasje",
            "Riving stanset, området sperret",
            "Kartleggingen var ufullstendig",
            "Ny miljøkartlegging før riving",
        ),
        (
            "environment",
            "medium",
            "Betongvann rant ut i sjøen",
            "Kaia",
            "Lenser lagt ut",
            "Manglende sedimentering",
            "Sette opp sedimenteringscontainer",
        ),
        (
            "near_miss",
            "high",
            "Kranlast svingte inn mot arbeidere på dekket",
            "Tårnkran",
            "Løftet stanset",
            "Vind over grense, mangelfull signalgiving",
            "Repetere signalopplæring og vindgrenser",
        ),
    ],
    "renhold": [
        (
            "personal_injury",
            "low",
            "Kjemikaliesprut i ansiktet ved fortynning av rengjøringsmiddel",
            "Renholdssentral",
            "Skylt med øyedusj",
            "Mangler doseringsanlegg",
            "Montere doseringsanlegg",
        ),
        (
            "personal_injury",
            "medium",
            "Skli-fall på nyvasket gulv i kantinen",
            "Kantinen",
            "Førstehjelp",
            "Skiltet ble ikke satt ut",
            "Nye varselskilt og repetere rutine",
        ),
        (
            "dangerous_condition",
            "medium",
            "Kjøleromsdøren kan ikke åpnes innenfra",
            "Kjølerommet",
            "Døren kilt åpen",
            "Defekt nødåpner",
            "Reparere nødåpner på kjølerommet",
        ),
        (
            "personal_injury",
            "low",
            "Brannskade fra stekebord i kantinen",
            "Kantinekjøkkenet",
            "Kjølt i 20 min",
            "Trangt ved stekebordet",
            "Omrokkere kjøkkenet",
        ),
        (
            "harassment",
            "medium",
            "Renholder opplever utfrysing og baksnakking fra kolleger",
            "Renhold",
            "Samtale med leder",
            "Konflikt i gruppen",
            "Arbeidsmiljøkartlegging i renholdsgruppen",
        ),
        (
            "dangerous_condition",
            "low",
            "Vaskemaskinen i vaskeriet lekker vann på gulvet",
            "Vaskeriet",
            "Strøm slått av",
            "Slitt pakning",
            "Bytte pakning i vaskemaskinen",
        ),
    ],
}

COMMENTS = [
    "Tatt opp på avdelingsmøtet.",
    "BHT er orientert.",
    "Leverandøren er kontaktet, venter på svar.",
    "Verneombudet har sett på stedet sammen med leder.",
    "Tilsvarende hendelse for et halvt år siden, se eldre avvik.",
    "Tatt med i neste vernerunde.",
]
REPORTERS = [
    "Per Johansen",
    "Lise Andersen",
    "Ahmed Rahimi",
    "Mona Pettersen",
    "Anna Kowalski",
    "Fatima Ali",
    "Nils Dahl",
    "Thomas Strand",
    "Silje Moen",
    "Lars Holm",
    "Randi Lie",
]


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
            source_kind="deviation",
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
            if roll < 0.25 and a.deadline <= ctx.today - timedelta(days=12):
                story.later(1, 10)
                story.action_done(a, leader)
            elif roll < 0.5:
                a.status = ActionStatus.IN_PROGRESS.value
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
    apply_notification(s, d, delegate_copy_at=story.now, note=note, **told)
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
            source_kind="deviation",
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
