"""Demo undertaking: Fjordheim Drift AS, 120 employees, eight areas, people in every role."""

from __future__ import annotations

from datetime import timedelta

from vernelogg.demo.context import DemoContext
from vernelogg.domain.roles import Role
from vernelogg.services import areas, organisation, people

AREAS = [
    # key, name, kind, parent, chemical, complex, description
    (
        "adm",
        "Administrasjon",
        "unit",
        None,
        False,
        False,
        "Kontorer, resepsjon og møterom i 2. etasje",
    ),
    (
        "verksted",
        "Verksted",
        "unit",
        None,
        True,
        False,
        "Mekanisk verksted med sveis og dreiebenker",
    ),
    ("lakk", "Lakkeringshall", "site", "verksted", True, True, "Lakkering og overflatebehandling"),
    (
        "lager",
        "Lager og logistikk",
        "unit",
        None,
        False,
        False,
        "Varemottak, truckkjøring og utkjøring",
    ),
    (
        "barnehage",
        "Fjordheim bedriftsbarnehage",
        "unit",
        None,
        False,
        False,
        "Tre avdelinger, 48 barn",
    ),
    ("kveld", "Kveldsskift produksjon", "shift", None, False, False, "Skift 15–23, mandag–fredag"),
    (
        "sjokanten",
        "Byggeprosjekt Sjøkanten",
        "project",
        None,
        False,
        False,
        "Rehabilitering av kaibygg, 2025–2027",
    ),
    (
        "renhold",
        "Renhold og kantine",
        "unit",
        None,
        True,
        False,
        "Renhold av alle bygg, kantine med kjøkken",
    ),
]

PEOPLE = [
    # key, name, title
    ("kari", "Kari Nordmann", "Daglig leder"),
    ("ola", "Ola Hansen", "HMS-leder"),
    ("ingrid", "Ingrid Berg", "Lønnskonsulent"),
    ("per", "Per Johansen", "Platearbeider"),
    ("sigrid", "Sigrid Larsen", "Verkstedleder"),
    ("ahmed", "Ahmed Rahimi", "Lakkerer"),
    ("lise", "Lise Andersen", "Lagermedarbeider"),
    ("tor", "Tor Kristiansen", "Lagersjef"),
    ("mona", "Mona Pettersen", "Pedagogisk leder"),
    ("hanne", "Hanne Olsen", "Styrer"),
    ("jonas", "Jonas Nilsen", "Operatør"),
    ("marius", "Marius Eriksen", "Skiftleder"),
    ("anna", "Anna Kowalski", "Tømrer"),
    ("bjorn", "Bjørn Haugen", "Prosjektleder"),
    ("fatima", "Fatima Ali", "Renholder"),
    ("grete", "Grete Solberg", "Renholdsleder"),
    ("even", "Even Bakken", "Regnskapsfører"),
    ("silje", "Silje Moen", "Barnehagelærer"),
    ("nils", "Nils Dahl", "Sveiser"),
    ("randi", "Randi Lie", "Kokk"),
    ("thomas", "Thomas Strand", "Truckfører"),
    ("eva", "Eva Lund", "Bedriftssykepleier, Fjordheim BHT"),
    ("lars", "Lars Holm", "Operatør"),
    ("maja", "Maja Ruud", "Tømrer"),
]

# area key → (VO, deputy, leader, VO start days ago)
HOLDERS = {
    "adm": ("ingrid", "even", "ola", 400),
    "verksted": ("per", "nils", "sigrid", 700),  # term ends within 60 days: a notice
    "lakk": ("ahmed", None, "sigrid", 200),
    "lager": ("lise", "thomas", "tor", 150),
    "barnehage": ("mona", "silje", "hanne", 500),
    "kveld": (None, "lars", "marius", 0),  # vacancy: the last VO's term ran out
    "sjokanten": ("anna", "maja", "bjorn", 90),
    "renhold": ("fatima", None, "grete", 300),
}


def fill(ctx: DemoContext) -> None:
    db, today = ctx.db, ctx.today
    organisation.save_organisation(
        db,
        name="Fjordheim Drift AS",
        org_number="923609016",
        employees=120,
        branch="Industri og verksted",
    )
    for key, name, kind, parent, chem, complex_, description in AREAS:
        area = areas.create_area(
            db,
            name=name,
            kind=kind,
            parent_id=ctx.areas.get(parent) if parent else None,
            description=description,
            chemical_biological=chem,
            complex_conditions=complex_,
        )
        ctx.areas[key] = area.id
    ctx.count("verneområder", len(AREAS))
    for key, name, title in PEOPLE:
        person = people.create_person(
            db,
            name=name,
            title=title,
            email=name.lower()
            .replace(" ", ".")
            .replace("ø", "o")
            .replace("å", "a")
            .replace("æ", "ae")
            + "@fjordheim.no",
        )
        ctx.people[key] = person.id
    ctx.count("personer", len(PEOPLE))

    def give(person: str, role: Role, start_days: int, area: str | None = None, **kw) -> None:
        people.assign_role(
            db,
            person_id=ctx.people[person],
            role=role,
            area_id=ctx.areas.get(area) if area else None,
            start_date=ctx.days_ago(start_days),
            **kw,
        )
        ctx.count("verv")

    for area_key, (vo, deputy, leader, days) in HOLDERS.items():
        if vo:
            give(vo, Role.SAFETY_DELEGATE, days, area_key, chosen_by="Ansatte i området")
            ctx.delegates[area_key] = ctx.people[vo]
        if deputy:
            give(
                deputy, Role.DEPUTY_DELEGATE, max(days, 60), area_key, chosen_by="Ansatte i området"
            )
        give(leader, Role.LEADER, 1500, area_key, elected=False, chosen_by="Daglig leder")
        ctx.leaders[area_key] = ctx.people[leader]
    # The evening shift's VO served a full term that ran out three weeks ago.
    people.assign_role(
        db,
        person_id=ctx.people["jonas"],
        role=Role.SAFETY_DELEGATE,
        area_id=ctx.areas["kveld"],
        start_date=today - timedelta(days=21) - timedelta(days=730),
        end_date=today - timedelta(days=21),
        chosen_by="Ansatte på kveldsskiftet",
    )
    give("per", Role.CHIEF_DELEGATE, 380, chosen_by="Verneombudene")
    give("lise", Role.DEPUTY_CHIEF_DELEGATE, 380, chosen_by="Verneombudene")
    give("kari", Role.TOP_LEADER, 2000, elected=False, chosen_by="Styret")
    for who in ("kari", "ola", "tor"):
        give(who, Role.AMU_EMPLOYER, 420, elected=False, chosen_by="Daglig leder")
    for who in ("per", "mona", "nils"):
        give(who, Role.AMU_EMPLOYEE, 420, chosen_by="Tillitsvalgte og verneombud")
    give("ola", Role.AMU_CHAIR, 320, elected=False, chosen_by="AMU")
    give("mona", Role.AMU_SECRETARY, 320, chosen_by="AMU")
    give("eva", Role.OHS_REPRESENTATIVE, 900, elected=False, chosen_by="Fjordheim BHT")
    give("nils", Role.UNION_REPRESENTATIVE, 600, chosen_by="Fellesforbundet")
