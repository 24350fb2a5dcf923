"""Demo stops of dangerous work (aml. § 6-3) over two years, each with its timeline.

A missing guard on a lathe solved on the spot; solvent vapour in the lakkering hall taken
to Arbeidstilsynet; a truck without brakes stopped on the spot but never reported to the
employer; a scaffold without railings at Sjøkanten solved with the employer; and two
stops this week that are still open, one of them with the employer not yet informed.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from vernelogg.demo.context import DemoContext
from vernelogg.demo.organisation import PEOPLE
from vernelogg.domain.actions import ActionStatus
from vernelogg.domain.deviations import DeviationKind, Severity
from vernelogg.domain.formatting import OSLO
from vernelogg.domain.stoppage import EventKind as K
from vernelogg.domain.stoppage import StoppageOutcome as O
from vernelogg.services import actions, stoppage

NAMES = {key: name for key, name, _title in PEOPLE}


def fill(ctx: DemoContext) -> None:
    now = datetime.combine(ctx.today, time(23, 59), OSLO)

    def stop(area: str, days: int, hour: int, minute: int, by: str | None = None, **fields):
        day = ctx.days_ago(days)
        at = datetime.combine(day, time(hour, minute), OSLO)
        row = stoppage.start_stoppage(
            ctx.db,
            area_id=ctx.areas[area],
            stopped_by_id=ctx.people[by] if by else ctx.delegates[area],
            stopped_at=at,
            now=now,
            **fields,
        )
        ctx.count("stansinger")
        return row.id, at

    def event(stop_id: str, kind: K, at: datetime, **fields) -> None:
        stoppage.add_event(ctx.db, stop_id, kind, at=at, now=now, **fields)

    def action(stop_id: str, title: str, owner: str, deadline: date, done: date | None) -> None:
        info = stoppage.create_action_for_stoppage(
            ctx.db, stop_id, title=title, owner_id=ctx.people[owner], deadline=deadline
        )
        ctx.count("tiltak")
        if done is not None and done <= ctx.today:
            actions.set_action_status(
                ctx.db, info.id, ActionStatus.DONE, done_date=done, today=ctx.today
            )

    m = timedelta(minutes=1)

    # 1. Verksted, about 20 months ago: a lathe without its guard, solved on the spot.
    lathe, at = stop(
        "verksted",
        610,
        10,
        40,
        work="Dreiebenk 3 i verkstedet",
        danger="Vernedekselet over chucken var tatt av. Roterende chuck og arbeidsstykke "
        "kunne gripe klær, hansker og hender.",
        why_not_averted="Maskinen gikk i serieproduksjon, og det fantes ingen annen måte å "
        "skjerme chucken på før dekselet var montert.",
    )
    sigrid = NAMES["sigrid"]
    event(lathe, K.EMPLOYER_INFORMED, at + 5 * m, person=sigrid, channel="Muntlig på stedet")
    event(
        lathe,
        K.EMPLOYER_RESPONSE,
        at + 15 * m,
        person=sigrid,
        text="Enig i stansen. Vedlikehold monterer dekselet med en gang.",
    )
    event(
        lathe,
        K.NOTE,
        at + 50 * m,
        text="Dekselet var tatt av ved verktøybytte og ikke satt på igjen.",
    )
    event(lathe, K.RESUMED, at + 70 * m, outcome=O.SOLVED_ON_SPOT)
    action(
        lathe,
        "Forrigling som hindrer start uten deksel på dreiebenk 3",
        "sigrid",
        ctx.days_ago(580),
        ctx.days_ago(585),
    )

    # 2. Lakkeringshallen, about six months ago: solvent vapour, taken to Arbeidstilsynet.
    lakk, at = stop(
        "lakk",
        190,
        13,
        15,
        work="Sprøytelakkering i kabin 2 i lakkeringshallen",
        danger="Sterk løsemiddellukt; avsuget hadde stått i flere timer. To lakkerere "
        "kjente svimmelhet og hodepine.",
        why_not_averted="Avsuget kunne ikke repareres straks, og det fantes ikke "
        "åndedrettsvern med riktig filter til alle.",
    )
    event(lakk, K.EMPLOYER_INFORMED, at + 5 * m, person=sigrid, channel="Telefon")
    event(
        lakk,
        K.EMPLOYER_RESPONSE,
        at + 45 * m,
        person=sigrid,
        text="Mener arbeidet kan fortsette med halvmasker og åpne porter. Ikke enig i stansen.",
    )
    event(
        lakk,
        K.AUTHORITY_CONTACTED,
        at + 75 * m,
        channel="Telefon",
        reference="2026/31877",
        text="Saken lagt fram for Arbeidstilsynet fordi partene var uenige.",
    )
    decided = datetime.combine(ctx.days_ago(189), time(11, 0), OSLO)
    event(
        lakk,
        K.AUTHORITY_DECISION,
        decided,
        reference="2026/31877",
        text="Arbeidet kan ikke fortsette før avsuget er reparert og en måling viser "
        "løsemiddelkonsentrasjon under grenseverdiene.",
    )
    event(
        lakk,
        K.NOTE,
        decided + timedelta(days=1, hours=2),
        text="Avsuget reparert av leverandøren. BHT målte verdier godt under grenseverdiene.",
    )
    event(lakk, K.RESUMED, decided + timedelta(days=1, hours=4), outcome=O.DECIDED_BY_AUTHORITY)
    stoppage.create_deviation_for_stoppage(
        ctx.db,
        lakk,
        description="Avsuget i kabin 2 stod i flere timer under sprøytelakkering; to lakkerere "
        "fikk symptomer. Arbeidet ble stanset og saken avgjort av Arbeidstilsynet.",
        kind=DeviationKind.DANGEROUS_CONDITION,
        severity=Severity.SERIOUS,
    )
    ctx.count("avvik")
    action(
        lakk,
        "Alarm ved stans i avsuget i lakkeringshallen",
        "sigrid",
        ctx.days_ago(150),
        ctx.days_ago(160),
    )
    action(
        lakk,
        "Halvmasker med A2-filter til alle lakkerere",
        "ahmed",
        ctx.days_ago(175),
        ctx.days_ago(183),
    )

    # 3. Lager, four months ago: a truck without brakes, stopped on the spot; the
    #    employer was never told (the page flags it).
    truck, at = stop(
        "lager",
        120,
        14,
        40,
        work="Truck 4 (motvektstruck) i varemottaket",
        danger="Bremsene tok ikke; trucken trillet inn i reolen under lasting.",
    )
    event(
        truck,
        K.NOTE,
        at + 10 * m,
        text="Trucken parkert, nøkkelen tatt ut og merket «Ikke i bruk» til service.",
    )
    event(truck, K.RESUMED, at + 30 * m, outcome=O.SOLVED_ON_SPOT)

    # 4. Byggeprosjekt Sjøkanten, ten weeks ago: scaffold without railings, solved with
    #    the employer.
    scaffold, at = stop(
        "sjokanten",
        70,
        8,
        10,
        work="Arbeid fra stillaset på sørfasaden, 3. og 4. etasje",
        danger="Stillaset manglet rekkverk og fotlist på to lag. Fallhøyde om lag 9 meter.",
        why_not_averted="Rekkverket kunne ikke monteres med arbeidere på stillaset, og "
        "det var ikke sele med forankringspunkt tilgjengelig.",
    )
    bjorn = NAMES["bjorn"]
    event(scaffold, K.EMPLOYER_INFORMED, at + 5 * m, person=bjorn, channel="Telefon")
    event(
        scaffold,
        K.EMPLOYER_RESPONSE,
        at + 50 * m,
        person=bjorn,
        text="Stillaset stenges. Stillasleverandøren monterer rekkverk i morgen tidlig.",
    )
    resumed = datetime.combine(ctx.days_ago(69), time(10, 30), OSLO)
    event(
        scaffold,
        K.NOTE,
        resumed - 30 * m,
        text="Stillaset kontrollert og merket grønt før arbeidet startet igjen.",
    )
    event(scaffold, K.RESUMED, resumed, outcome=O.SOLVED_WITH_EMPLOYER)
    stoppage.create_deviation_for_stoppage(
        ctx.db,
        scaffold,
        description="Stillas på sørfasaden ble tatt i bruk uten rekkverk og fotlist på to lag.",
        kind=DeviationKind.DANGEROUS_CONDITION,
        severity=Severity.HIGH,
    )
    ctx.count("avvik")
    action(
        scaffold,
        "Daglig stillaskontroll med sjekkliste før arbeidet starter",
        "bjorn",
        ctx.days_ago(40),
        ctx.days_ago(55),
    )

    # 5. Kveldsskiftet, this week: bypassed emergency stop, the deputy stopped the line
    #    (the area has no VO); the employer disagrees, Arbeidstilsynet has the case.
    line, at = stop(
        "kveld",
        3,
        19,
        20,
        by="lars",
        work="Pakkemaskin på linje 2",
        danger="Nødstoppen var koblet forbi og lysgardinen tildekket. Operatøren måtte inn "
        "i maskinen for å fjerne fastkjørte esker mens den gikk.",
        why_not_averted="Maskinen kan ikke kjøres trygt uten nødstopp, og elektriker er "
        "ikke på kveldsskiftet.",
    )
    marius = NAMES["marius"]
    event(line, K.EMPLOYER_INFORMED, at + 5 * m, person=marius, channel="Muntlig på stedet")
    event(
        line,
        K.EMPLOYER_RESPONSE,
        at + 50 * m,
        person=marius,
        text="Vil kjøre linjen videre med en ekstra person ved nødbryteren.",
    )
    event(
        line,
        K.AUTHORITY_CONTACTED,
        datetime.combine(ctx.days_ago(2), time(8, 30), OSLO),
        channel="Skjema på arbeidstilsynet.no",
        reference="2026/58120",
    )
    action(
        line,
        "Elektriker kontrollerer og reparerer nødstoppkretsen på linje 2",
        "marius",
        ctx.today + timedelta(days=7),
        None,
    )

    # 6. Renhold og kantine, yesterday: still open, the employer not informed yet.
    stop(
        "renhold",
        1,
        6,
        50,
        work="Rengjøring av kjøkkenventilasjonen over frityrgryta i kantina",
        danger="Frityrgryta stod på (180 °C) under rengjøringen, og avfettingsmiddelet er "
        "brannfarlig; fett og middel dryppet ned i oljen.",
    )
