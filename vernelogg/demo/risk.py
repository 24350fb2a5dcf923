"""Demo risk assessments: two years in Fjordheim Drift AS, made with two matrix versions.

The shipped 5×5 matrix is version 1; about ten months ago the AMU adopted the
undertaking's own version 2. Some reviews are overdue; the evening shift was reorganised
before the VO was told; a robot is being planned in the warehouse without the VO.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from vernelogg.demo.context import DemoContext
from vernelogg.domain.actions import ActionSource, ActionStatus
from vernelogg.domain.risk import AssessmentKind, HazardCategory
from vernelogg.domain.risk_matrix import Acceptance, default_matrix
from vernelogg.services import actions
from vernelogg.services import risk as risk_service
from vernelogg.services.risk.matrix import DEFAULT_NOTE

K = AssessmentKind
H = HazardCategory


@dataclass(frozen=True)
class DemoHazard:
    description: str
    category: HazardCategory
    before: tuple[int, int]
    after: tuple[int, int]
    existing: str = ""
    actions: tuple[str, ...] = ()


@dataclass(frozen=True)
class DemoAssessment:
    area: str
    title: str
    kind: AssessmentKind
    days_ago: int
    participants: str
    hazards: tuple[DemoHazard, ...]
    description: str = ""
    vo_participated: bool = True
    vo_informed_days_ago: int | None = None
    decided_days_ago: int | None = None
    review_after_days: int | None = 365
    approved: bool = True
    reviewed_days_ago: int | None = None  # a review was recorded, next one a year later


BEFORE_MATRIX_CHANGE = [
    DemoAssessment(
        "lakk",
        "Kjemikalier i lakkeringshallen",
        K.ACTIVITY,
        690,
        "Ahmed Rahimi (VO), Sigrid Larsen, Eva Lund (BHT)",
        (
            DemoHazard(
                "Innånding av løsemiddeldamp ved sprøytelakkering",
                H.CHEMICAL,
                (4, 4),
                (2, 4),
                "Avsug i lakkboks, halvmaske med filter A2",
                (
                    "Service og luftmåling av avsuget i lakkboks 2",
                    "Bytte til vannbasert grunning der kunden godtar det",
                ),
            ),
            DemoHazard(
                "Hudkontakt med isocyanater i herder",
                H.CHEMICAL,
                (3, 4),
                (1, 4),
                "Hansker ved blanding",
                ("Nitrilhansker med lang mansjett og opplæring i bruk",),
            ),
            DemoHazard(
                "Brann eller eksplosjon ved lagring av løsemidler",
                H.FIRE,
                (2, 5),
                (1, 5),
                "Røykeforbud, slukkeutstyr ved døren",
                ("ATEX-godkjent, ventilert lagerskap for løsemidler",),
            ),
            DemoHazard(
                "Arbeid over skulderhøyde ved lakkering av store emner",
                H.ERGONOMIC,
                (4, 2),
                (2, 2),
                "",
                ("Hydraulisk løftebord i lakkboks 1",),
            ),
        ),
        review_after_days=365,
        reviewed_days_ago=330,
    ),
    DemoAssessment(
        "lager",
        "Truckkjøring i lageret",
        K.WORK_OPERATION,
        600,
        "Lise Andersen (VO), Tor Kristiansen, Thomas Strand",
        (
            DemoHazard(
                "Påkjørsel av fotgjenger i gangsone ved plukklager",
                H.ACCIDENT,
                (4, 4),
                (2, 4),
                "Merkede gangsoner, maks 10 km/t",
                ("Fysisk skille mellom gangsone og truckområde", "Speil i kryss ved port 3"),
            ),
            DemoHazard(
                "Gods faller ned fra høyreol",
                H.ACCIDENT,
                (3, 4),
                (1, 4),
                "Lastesikring på paller",
                ("Årlig reolinspeksjon og sikringsnett på baksiden av reolene",),
            ),
            DemoHazard(
                "Helkroppsvibrasjon ved lange økter på truck",
                H.PHYSICAL,
                (3, 2),
                (3, 2),
                "Fjærende seter, pauser hver andre time",
            ),
            DemoHazard(
                "Kollisjon i porten ved varemottak",
                H.ACCIDENT,
                (3, 3),
                (2, 3),
                "",
                ("Automatisk portåpner med varsellys",),
            ),
        ),
    ),
    DemoAssessment(
        "barnehage",
        "Støy i barnehagen",
        K.ACTIVITY,
        520,
        "Mona Pettersen (VO), Hanne Olsen, Silje Moen, Eva Lund (BHT)",
        (
            DemoHazard(
                "Støy over 80 dB i garderoben og ved måltider",
                H.PHYSICAL,
                (5, 3),
                (3, 3),
                "Filtknotter på stoler",
                (
                    "Lydabsorberende plater i taket på avdeling Blåbær",
                    "Dele barna i mindre grupper i garderoben",
                ),
            ),
            DemoHazard(
                "Hodepine og slitenhet etter støyende dager",
                H.PSYCHOSOCIAL,
                (4, 2),
                (3, 2),
                "",
                ("Stille pauserom for ansatte",),
            ),
            DemoHazard(
                "Løft av barn til stellebord",
                H.ERGONOMIC,
                (4, 3),
                (2, 3),
                "",
                ("Stellebord med trapp på alle avdelinger",),
            ),
        ),
    ),
    DemoAssessment(
        "kveld",
        "Omorganisering av kveldsskiftet",
        K.REORGANISATION,
        400,
        "Marius Eriksen, Kari Nordmann, Ola Hansen",
        (
            DemoHazard(
                "Økt arbeidsbelastning når skiftet går fra seks til fire operatører",
                H.ORGANISATIONAL,
                (4, 3),
                (3, 3),
                "",
                ("Evaluere bemanningen etter tre måneder sammen med verneombudet",),
            ),
            DemoHazard(
                "Alenearbeid ved pakkelinjen etter kl. 21",
                H.LONE_WORK,
                (3, 4),
                (2, 4),
                "",
                ("Alarm for alenearbeid og fast oppringing kl. 22",),
            ),
            DemoHazard(
                "Uklar rolle for skiftleder etter omorganiseringen",
                H.ORGANISATIONAL,
                (3, 2),
                (2, 2),
                "",
                ("Skriftlig rollebeskrivelse for skiftleder",),
            ),
        ),
        description="Kveldsskiftet slås sammen med ettermiddagsskiftet fra 1. mars.",
        vo_participated=False,
        vo_informed_days_ago=395,
        decided_days_ago=430,
        review_after_days=365,
    ),
    DemoAssessment(
        "renhold",
        "Renhold med kjemikalier og tunge løft",
        K.ACTIVITY,
        320,
        "Fatima Ali (VO), Grete Solberg",
        (
            DemoHazard(
                "Sprut av rengjøringsmiddel i øynene ved fortynning",
                H.CHEMICAL,
                (3, 3),
                (2, 3),
                "Vernebriller på vognene",
                ("Doseringsanlegg i renholdssentralen",),
            ),
            DemoHazard(
                "Belastningsskader i skulder ved mopping",
                H.ERGONOMIC,
                (4, 3),
                (3, 3),
                "",
                ("Lette moppeskaft og jobbrotasjon mellom byggene",),
            ),
            DemoHazard(
                "Stikkskade fra sprøyter i avfall",
                H.BIOLOGICAL,
                (2, 3),
                (2, 3),
                "Kuttsikre hansker, egne bokser for stikkende avfall",
            ),
        ),
        review_after_days=275,
    ),
]

MATRIX_V2_DAYS_AGO = 300

AFTER_MATRIX_CHANGE = [
    DemoAssessment(
        "verksted",
        "Ny CNC-dreiebenk med robotlasting",
        K.NEW_TECHNOLOGY,
        200,
        "Per Johansen (VO), Sigrid Larsen, Nils Dahl, leverandørens tekniker",
        (
            DemoHazard(
                "Klemming i robotcellen ved feilretting",
                H.ACCIDENT,
                (3, 4),
                (1, 4),
                "Nødstopp på panelet",
                ("Lysgardin og dørbryter som stopper roboten",),
            ),
            DemoHazard(
                "Støy fra maskinen",
                H.PHYSICAL,
                (3, 2),
                (3, 2),
                "Innkapslet maskin, hørselvern ved åpen dør",
            ),
            DemoHazard(
                "Nye arbeidsrutiner uten tilstrekkelig opplæring",
                H.ORGANISATIONAL,
                (3, 3),
                (2, 3),
                "",
                ("Opplæringsplan for alle operatører før oppstart",),
            ),
        ),
        vo_informed_days_ago=250,
        decided_days_ago=240,
    ),
    DemoAssessment(
        "adm",
        "Kontorarbeid og hjemmekontor",
        K.ACTIVITY,
        150,
        "Ingrid Berg (VO), Ola Hansen",
        (
            DemoHazard(
                "Dårlig arbeidsstilling ved skjermarbeid hjemme",
                H.ERGONOMIC,
                (4, 2),
                (2, 2),
                "Retningslinje for hjemmekontor",
                ("Tilbud om hev-senk-pult og skjerm til hjemmekontor",),
            ),
            DemoHazard(
                "Stor arbeidsmengde i årsoppgjøret",
                H.PSYCHOSOCIAL,
                (3, 3),
                (2, 3),
                "",
                ("Planlegge fordeling av oppgaver og overtid før årsskiftet",),
            ),
        ),
    ),
    DemoAssessment(
        "sjokanten",
        "SJA: Riving av kaifront fra lift",
        K.SJA,
        75,
        "Anna Kowalski (VO), Bjørn Haugen, Maja Ruud, to lærlinger",
        (
            DemoHazard(
                "Fall fra lift over kaikanten",
                H.ACCIDENT,
                (2, 5),
                (1, 5),
                "Sertifisert liftfører",
                ("Fallsele festet i liftkurven, kontrollert før start",),
            ),
            DemoHazard(
                "Betongbiter faller ned på arbeidere under liften",
                H.ACCIDENT,
                (3, 4),
                (1, 4),
                "Hjelm",
                ("Avsperring under liften med vakt",),
            ),
            DemoHazard(
                "Kvartsstøv ved meisling av betong",
                H.CHEMICAL,
                (3, 3),
                (2, 2),
                "",
                ("Vanning av bruddflaten og P3-maske",),
            ),
            DemoHazard(
                "Fall i sjøen",
                H.ACCIDENT,
                (2, 5),
                (1, 5),
                "Livbøye på kaien",
                ("Redningsvest påbudt innenfor 2 meter fra kaikanten",),
            ),
        ),
        review_after_days=None,
    ),
    DemoAssessment(
        "lager",
        "Ny plukkrobot i varemottaket",
        K.NEW_TECHNOLOGY,
        40,
        "Tor Kristiansen, leverandøren",
        (
            DemoHazard(
                "Klemming mellom robot og reol ved manuell plukk",
                H.ACCIDENT,
                (3, 4),
                (3, 4),
                "",
            ),
            DemoHazard(
                "Færre og mer ensformige oppgaver for lagermedarbeiderne",
                H.ORGANISATIONAL,
                (3, 2),
                (3, 2),
                "",
            ),
        ),
        description="Roboten er bestilt; installasjon planlagt i første kvartal.",
        vo_participated=False,
        decided_days_ago=60,
        approved=False,
    ),
    DemoAssessment(
        "lakk",
        "SJA: Bytte av filter i lakkboks 2",
        K.SJA,
        12,
        "Ahmed Rahimi (VO), Nils Dahl",
        (
            DemoHazard(
                "Innånding av lakkstøv fra brukte filtre",
                H.CHEMICAL,
                (3, 3),
                (1, 3),
                "Halvmaske",
                ("Helmaske med P3-filter ved filterbytte",),
            ),
            DemoHazard(
                "Fall fra stige ved takfiltrene",
                H.ACCIDENT,
                (2, 3),
                (2, 3),
                "Stige med plattform, to personer",
            ),
        ),
        review_after_days=None,
    ),
]


def _own_matrix():
    """Version 2: the AMU's own 5×5; lasting injury is never green, trivial events are."""
    base = default_matrix()
    cells = [list(row) for row in base.cells]
    cells[0][3] = Acceptance.YELLOW  # probability 1, consequence 4
    cells[4][0] = Acceptance.GREEN  # probability 5, consequence 1
    return risk_service.build_matrix(
        [(s.label, s.description) for s in base.probability],
        [(s.label, s.description) for s in base.consequence],
        cells,
    )


def _add(ctx: DemoContext, spec: DemoAssessment) -> None:
    today = ctx.today
    day = ctx.days_ago(spec.days_ago)
    info = risk_service.create_assessment(
        ctx.db,
        title=spec.title,
        area_id=ctx.areas[spec.area],
        kind=spec.kind,
        assessed_on=day,
        description=spec.description,
        participants=spec.participants,
        responsible_id=ctx.leaders.get(spec.area),
        vo_participated=spec.vo_participated,
        vo_informed_on=ctx.days_ago(spec.vo_informed_days_ago)
        if spec.vo_informed_days_ago is not None
        else None,
        decided_on=ctx.days_ago(spec.decided_days_ago)
        if spec.decided_days_ago is not None
        else None,
        review_on=day + timedelta(days=spec.review_after_days) if spec.review_after_days else None,
    )
    for n, hazard in enumerate(spec.hazards):
        deadline = day + timedelta(days=30 + 30 * n)
        risk_service.save_hazard(
            ctx.db,
            info.id,
            description=hazard.description,
            category=hazard.category,
            probability=hazard.before[0],
            consequence=hazard.before[1],
            existing_measures=hazard.existing,
            residual_probability=hazard.after[0],
            residual_consequence=hazard.after[1],
            new_actions=[
                risk_service.NewAction(title, ctx.leaders.get(spec.area), deadline)
                for title in hazard.actions
            ],
        )
        ctx.count("farer")
    if spec.approved:
        leader = risk_service.get_assessment(ctx.db, info.id).responsible_name or "Ola Hansen"
        risk_service.approve_assessment(
            ctx.db, info.id, approved_by=leader, approved_on=day + timedelta(days=7)
        )
    if spec.reviewed_days_ago is not None:
        reviewed = ctx.days_ago(spec.reviewed_days_ago)
        risk_service.record_review(
            ctx.db,
            info.id,
            reviewed_on=reviewed,
            next_review_on=reviewed + timedelta(days=365),
            note="Gjennomgått med verneombudet; avsuget er målt og fungerer.",
        )
    _settle_actions(ctx, info.id, today)
    ctx.count("risikovurderinger")


def _settle_actions(ctx: DemoContext, assessment_id: str, today) -> None:
    """Most tiltak whose deadline passed long ago are done; a few are still overdue.
    Set in the action plan, as their owners would."""
    for action in actions.actions_for_source(ctx.db, ActionSource.RISK, assessment_id):
        if action.deadline and (today - action.deadline).days > 60 and ctx.rng.random() < 0.8:
            done = action.deadline - timedelta(days=ctx.rng.randint(0, 20))
            actions.set_action_status(
                ctx.db, action.id, ActionStatus.DONE, done_date=done, today=today
            )
        elif action.deadline and action.deadline < today and ctx.rng.random() < 0.5:
            actions.set_action_status(ctx.db, action.id, ActionStatus.IN_PROGRESS, today=today)


def fill(ctx: DemoContext) -> None:
    risk_service.save_matrix(
        ctx.db, default_matrix(), note=DEFAULT_NOTE, created_at=ctx.moment(ctx.days_ago(740))
    )
    for spec in BEFORE_MATRIX_CHANGE:
        _add(ctx, spec)
    risk_service.save_matrix(
        ctx.db,
        _own_matrix(),
        note="Vedtatt i AMU: varig skade er aldri akseptabel uten vurdering; ubetydelige "
        "hendelser er akseptable selv om de skjer ofte.",
        created_at=ctx.moment(ctx.days_ago(MATRIX_V2_DAYS_AGO)),
    )
    for spec in AFTER_MATRIX_CHANGE:
        _add(ctx, spec)
