"""A large municipality: sectors and their safety areas, staff, ten years of role holders
(VO terms with deputies, leaders, HVO, top leader, AMU by side with the chair alternating
each year) and the training they took."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from vernelogg.bench.world import AreaGen, Term, World
from vernelogg.bench.writer import Writer, stamps
from vernelogg.domain.amu import Side
from vernelogg.domain.roles import Role
from vernelogg.domain.training import CourseFormat, CourseKind
from vernelogg.services.people import default_term_end
from vernelogg.store.models import (
    AmuChairYear,
    AreaEvent,
    Organisation,
    Person,
    RoleAssignment,
    SafetyArea,
    Setting,
    TrainingRecord,
)

ORG_NAME = "Fjellby kommune"

# sector, [(name, kind, chemical, complex, checklist)]
SECTORS: list[tuple[str, str, list[tuple[str, str, bool, bool, str]]]] = [
    (
        "Helse og omsorg",
        "generell",
        [
            (f"{home}, {unit}", "unit", False, True, "generell")
            for home in (
                "Solbakken sykehjem",
                "Lia bo- og behandlingssenter",
                "Elvetun omsorgssenter",
            )
            for unit in ("avdeling 1", "avdeling 2", "skjermet enhet")
        ]
        + [
            (f"Hjemmetjenesten sone {zone}", "site", False, False, "generell")
            for zone in ("nord", "sør", "øst", "vest")
        ]
        + [
            ("Legevakten, natt", "shift", False, True, "generell"),
            ("Psykisk helse og rus", "unit", False, True, "generell"),
            ("Kjøkken og vaskeri", "unit", True, False, "hotell_restaurant"),
        ],
    ),
    (
        "Oppvekst",
        "skole",
        [
            (f"{name} skole", "unit", False, False, "skole")
            for name in (
                "Bakkehaugen",
                "Nordby",
                "Sentrum ungdoms",
                "Fjellstad",
                "Elvebakken",
                "Solvang",
                "Haugen",
            )
        ]
        + [
            (f"{name} barnehage", "unit", False, False, "barnehage")
            for name in (
                "Tusenfryd",
                "Blåbærtoppen",
                "Sjøstjerna",
                "Trollskogen",
                "Regnbuen",
                "Lia",
            )
        ]
        + [("SFO og skolefritid", "unit", False, False, "skole")],
    ),
    (
        "Teknisk drift",
        "industri",
        [
            ("Vann og avløp", "unit", True, True, "industri"),
            ("Vei og park", "unit", False, False, "bygg"),
            ("Bygg og eiendom", "unit", True, False, "bygg"),
            ("Renhold, rådhus og skoler", "unit", True, False, "renhold"),
            ("Renhold, helsebygg", "unit", True, False, "renhold"),
            ("Brann og redning", "shift", True, True, "industri"),
            ("Renovasjon", "unit", True, False, "buss"),
            ("Verksted og maskinpark", "unit", True, False, "industri"),
        ],
    ),
    (
        "Kultur og fritid",
        "kontor",
        [
            ("Biblioteket", "unit", False, False, "kontor"),
            ("Kulturhuset", "site", False, False, "kontor"),
            ("Svømmehallen", "site", True, False, "generell"),
        ],
    ),
    (
        "Administrasjon",
        "kontor",
        [
            ("Rådhuset", "site", False, False, "kontor"),
            ("IKT", "unit", False, False, "kontor"),
            ("Servicetorget", "unit", False, False, "kontor"),
            ("NAV Fjellby", "unit", False, False, "kontor"),
            ("Økonomi og lønn", "unit", False, False, "kontor"),
        ],
    ),
    (
        "Prosjekter",
        "bygg",
        [
            ("Byggeprosjekt Nordby skole", "project", False, True, "bygg"),
            ("Rehabilitering av svømmehallen", "project", True, True, "bygg"),
            ("Ny brannstasjon", "project", False, True, "bygg"),
        ],
    ),
]
EXTRA_SHIFTS = [
    ("Solbakken sykehjem, nattevakt", "shift", False, True, "generell"),
    ("Lia bo- og behandlingssenter, nattevakt", "shift", False, True, "generell"),
    ("Brann og redning, vaktlag 2", "shift", True, True, "industri"),
    ("Bussdrift, skoleskyss", "unit", False, False, "buss"),
    ("Havnevesenet", "unit", True, False, "industri"),
]

FIRST = [
    "Kari",
    "Ola",
    "Per",
    "Lise",
    "Ahmed",
    "Mona",
    "Jonas",
    "Fatima",
    "Nils",
    "Anna",
    "Ingrid",
    "Lars",
    "Sigrid",
    "Tor",
    "Hanne",
    "Even",
    "Silje",
    "Randi",
    "Thomas",
    "Eva",
    "Maja",
    "Bjørn",
    "Grete",
    "Marius",
    "Hilde",
    "Knut",
    "Astrid",
    "Ole",
    "Siri",
    "Håkon",
    "Nora",
    "Emil",
    "Sofie",
    "Jakob",
    "Ida",
    "Mohammed",
    "Amina",
    "Piotr",
    "Agnieszka",
    "Stian",
    "Camilla",
    "Kristoffer",
    "Line",
    "Geir",
    "Tone",
    "Arne",
    "Ragnhild",
    "Sindre",
    "Vilde",
    "Magnus",
    "Julie",
    "Henrik",
    "Marte",
    "Eirik",
    "Ingeborg",
    "Trond",
    "Liv",
    "Sander",
    "Oda",
    "Aleksander",
    "Hege",
    "Rune",
    "Turid",
    "Fredrik",
    "Solveig",
    "Andreas",
    "Elin",
    "Tobias",
    "Kamilla",
]
LAST = [
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Johnsen",
    "Pettersen",
    "Eriksen",
    "Berg",
    "Haugen",
    "Hagen",
    "Johannessen",
    "Andreassen",
    "Jacobsen",
    "Dahl",
    "Jørgensen",
    "Henriksen",
    "Lund",
    "Halvorsen",
    "Sørensen",
    "Jakobsen",
    "Moen",
    "Gundersen",
    "Iversen",
    "Strand",
    "Solberg",
    "Svendsen",
    "Eide",
    "Knutsen",
    "Martinsen",
    "Paulsen",
    "Bakken",
    "Kristoffersen",
    "Mathisen",
    "Lie",
    "Amundsen",
    "Nguyen",
    "Rasmussen",
    "Ali",
    "Lunde",
    "Solheim",
    "Berge",
    "Moe",
    "Nygård",
    "Bakke",
    "Kowalski",
    "Rahimi",
    "Holm",
    "Lien",
    "Fredriksen",
    "Myhre",
    "Aas",
    "Ruud",
    "Vik",
    "Tangen",
    "Haugland",
    "Sæther",
]
TITLES = {
    "Helse og omsorg": ["Sykepleier", "Helsefagarbeider", "Assistent", "Vernepleier", "Lege"],
    "Oppvekst": ["Lærer", "Barnehagelærer", "Fagarbeider", "Assistent", "Spesialpedagog"],
    "Teknisk drift": ["Driftsoperatør", "Renholder", "Brannkonstabel", "Ingeniør", "Mekaniker"],
    "Kultur og fritid": ["Bibliotekar", "Badevakt", "Kulturarbeider", "Tekniker"],
    "Administrasjon": ["Rådgiver", "Konsulent", "IT-konsulent", "Saksbehandler"],
    "Prosjekter": ["Prosjektleder", "Tømrer", "Elektriker", "Byggeleder"],
}
PROVIDERS = ["AOF", "Arbeidsmiljøsenteret", "HMS-Forum", "KS-Kurs", "Fjellby BHT"]
FORMATS = [f.value for f in CourseFormat]
ALL_TOPICS = "abcdef"


def _person_rows(w: Writer, world: World, n: int) -> list[dict]:
    seen: set[str] = set()
    rows = []
    for i in range(n):
        name = f"{w.pick(FIRST)} {w.pick(LAST)}"
        if name in seen:
            name = f"{w.pick(FIRST)} {chr(65 + i % 26)}. {w.pick(LAST)}"
        seen.add(name)
        pid = w.uid()
        world.people.append(pid)
        world.names[pid] = name
        mail = (
            name.lower()
            .replace(". ", ".")
            .replace(" ", ".")
            .replace("ø", "o")
            .replace("å", "a")
            .replace("æ", "ae")
        )
        rows.append(
            {
                "id": pid,
                "name": name,
                "title": "",
                "email": f"{mail}@fjellby.kommune.no",
                "phone": f"9{w.rng.randint(1000000, 9999999)}",
                "archived_at": None,
                **stamps(w.moment(w.start, 8, 0)),
            }
        )
    return rows


def _areas(w: Writer, world: World, count: int) -> list[dict]:
    """Sector areas (parents) and their units, the first `count` of them in total."""
    specs: list[tuple[str, str, str, bool, bool, str, str | None]] = []
    for sector, checklist, units in SECTORS:
        specs.append((sector, sector, "unit", False, False, checklist, None))
        specs += [(n, sector, k, c, x, t, sector) for n, k, c, x, t in units]
    specs += [(n, "Teknisk drift", k, c, x, t, None) for n, k, c, x, t in EXTRA_SHIFTS]
    if count < len(specs):
        # A small undertaking: every sector, and units round-robin across them.
        parents = [s for s in specs if s[6] is None][: len(SECTORS)]
        children = [s for s in specs if s[6] is not None]
        children.sort(key=lambda s: [u[0] for u in SECTORS].index(s[1]))
        by_sector: dict[str, list] = {}
        for s in children:
            by_sector.setdefault(s[1], []).append(s)
        picked: list = []
        while len(parents) + len(picked) < count and any(by_sector.values()):
            for sector in list(by_sector):
                if by_sector[sector] and len(parents) + len(picked) < count:
                    picked.append(by_sector[sector].pop(0))
        specs = parents[: max(1, count - len(picked))] + picked
    ids: dict[str, uuid.UUID] = {}
    rows = []
    for name, sector, kind, chemical, complex_, checklist, parent in specs:
        area = AreaGen(w.uid(), name, sector, kind, chemical, complex_, checklist)
        world.areas.append(area)
        ids[name] = area.id
        rows.append(
            {
                "id": area.id,
                "name": name,
                "kind": kind,
                "description": f"{sector}" if parent else f"Sektor for {sector.lower()}",
                "parent_id": ids.get(parent) if parent else None,
                "merged_into_id": None,
                "chemical_biological": chemical,
                "complex_conditions": complex_,
                "archived_at": None,
                **stamps(w.moment(w.start, 8, 0)),
            }
        )
    world.index()
    return rows


def _staff(w: Writer, world: World, people: list[dict]) -> None:
    """Everyone works in one area; titles follow the sector."""
    for i, row in enumerate(people):
        area = world.areas[i % len(world.areas)]
        area.staff.append(row["id"])
        row["title"] = w.pick(TITLES[area.sector])


def _terms(w: Writer, staff: list[uuid.UUID], first: date, today: date) -> list[Term]:
    """Two-year terms (OLM § 3-4) from before `first` up to today; often re-elected,
    now and then ended early, in a few areas the last term has run out."""
    terms: list[Term] = []
    start = first - timedelta(days=w.rng.randint(0, 729))
    person = w.pick(staff)
    while start <= today:
        end = default_term_end(start)
        if end >= today:
            terms.append(Term(person, start, end))
            break
        terms.append(Term(person, start, end))
        if end > today - timedelta(days=200) and w.chance(0.05):
            break  # vacancy: nobody elected after the term ran out
        start = end + timedelta(days=1 if w.chance(0.85) else w.rng.randint(10, 60))
        if not w.chance(0.4):
            person = w.pick(staff)
    return terms


def _leader_terms(w: Writer, staff: list[uuid.UUID], first: date, today: date) -> list[Term]:
    terms: list[Term] = []
    start = first - timedelta(days=w.rng.randint(100, 2000))
    while True:
        end = start + timedelta(days=w.rng.randint(3 * 365, 7 * 365))
        person = w.pick(staff)
        if end >= today:
            terms.append(Term(person, start, None))
            return terms
        terms.append(Term(person, start, end))
        start = end + timedelta(days=1)


def _assignment(
    w: Writer,
    term: Term,
    role: Role,
    area_id: uuid.UUID | None,
    *,
    elected: bool,
    chosen_by: str,
) -> dict:
    return {
        "id": w.uid(),
        "person_id": term.person_id,
        "role": role.value,
        "area_id": area_id,
        "start_date": term.start,
        "end_date": term.end,
        "elected": elected,
        "chosen_by": chosen_by,
        "end_reason": "",
        "note": "",
        "archived_at": None,
        **stamps(w.moment(min(term.start, w.today), 9, 0)),
    }


def _sample(w: Writer, pool: list, fallback: list, k: int) -> list:
    """k different people from `pool`, topped up from `fallback` when the pool is short."""
    if len(pool) >= k:
        return w.rng.sample(pool, k)
    rest = [p for p in fallback if p not in pool]
    return list(pool) + w.rng.sample(rest, k - len(pool))


def _committee(w: Writer, world: World, leaders: list[uuid.UUID], delegates: list[uuid.UUID]):
    """AMU periods of two years: members and deputies by side, a chair from the side whose
    year it is and a secretary from the other side, and the BHT representative."""
    rows = []
    year = w.start.year
    per_side = 4
    bht = [w.uid(), w.uid()]
    while year <= w.today.year:
        start = date(year, 1, 1)
        end = date(year + 1, 12, 31)
        running = end >= w.today
        employer = _sample(w, leaders, world.people, per_side + 2)
        employee = _sample(w, delegates, world.people, per_side + 2)
        for role, people_ in (
            (Role.AMU_EMPLOYER, employer[:per_side]),
            (Role.AMU_DEPUTY_EMPLOYER, employer[per_side:]),
            (Role.AMU_EMPLOYEE, employee[:per_side]),
            (Role.AMU_DEPUTY_EMPLOYEE, employee[per_side:]),
        ):
            for person in people_:
                term = Term(person, start, None if running else end)
                world.committee.setdefault(role.value, []).append(term)
                rows.append(
                    _assignment(
                        w,
                        term,
                        role,
                        None,
                        elected=role in (Role.AMU_EMPLOYEE, Role.AMU_DEPUTY_EMPLOYEE),
                        chosen_by="Kommunedirektøren"
                        if role in (Role.AMU_EMPLOYER, Role.AMU_DEPUTY_EMPLOYER)
                        else "Tillitsvalgte og verneombud",
                    )
                )
        for y in (year, year + 1):
            if y > w.today.year:
                continue
            side = Side.EMPLOYER if y % 2 == 0 else Side.EMPLOYEE
            world.chair_side[y] = side.value
            chair = employer[0] if side is Side.EMPLOYER else employee[0]
            secretary = employee[1] if side is Side.EMPLOYER else employer[1]
            last = y == w.today.year
            for role, person in ((Role.AMU_CHAIR, chair), (Role.AMU_SECRETARY, secretary)):
                term = Term(person, date(y, 1, 1), None if last else date(y, 12, 31))
                world.committee.setdefault(role.value, []).append(term)
                rows.append(_assignment(w, term, role, None, elected=False, chosen_by="AMU"))
        year += 2
    # The BHT representative: the same person for years, then a new one.
    middle = w.start + (w.today - w.start) / 2
    for person, term in (
        (bht[0], Term(bht[0], w.start, middle)),
        (bht[1], Term(bht[1], middle + timedelta(days=1), None)),
    ):
        world.committee.setdefault(Role.OHS_REPRESENTATIVE.value, []).append(term)
        world.names[person] = f"{w.pick(FIRST)} {w.pick(LAST)}"
        rows.append(
            _assignment(
                w, term, Role.OHS_REPRESENTATIVE, None, elected=False, chosen_by="Fjellby BHT"
            )
        )
    return rows, bht


def _training(w: Writer, holdings: list[tuple[Role, Term, AreaGen | None]]) -> list[dict]:
    """Most role holders take the 40-hour course within months; some never do, some
    take 32 hours with a written agreement; refreshers every few years for some; HVO
    supplement, chemical/biological and top leader courses where the role needs them."""
    rows: list[dict] = []
    trained: dict[uuid.UUID, date] = {}
    extra: set[tuple[uuid.UUID, str]] = set()

    def course(person, kind: CourseKind, start: date, *, hours: float | None = None) -> date | None:
        if start > w.today:
            return None
        completed = start + timedelta(days=w.rng.randint(0, 40))
        done = completed <= w.today and w.chance(0.93)
        short = kind is CourseKind.BASIC and w.chance(0.08)
        hours = hours if hours is not None else (32.0 if short else 40.0)
        rows.append(
            {
                "id": w.uid(),
                "person_id": person,
                "kind": kind.value,
                "title": "",
                "start_date": start,
                "completed_date": completed if done else None,
                "hours": hours if done else None,
                "provider": w.pick(PROVIDERS),
                "course_format": w.pick(FORMATS),
                "topics": ALL_TOPICS if kind is CourseKind.BASIC and done else "",
                "topics_other": "",
                "agreement_date": start - timedelta(days=14) if short else None,
                "agreement_note": "Avtalt mellom kommunedirektøren og hovedverneombudet"
                if short
                else "",
                "note": "",
                "archived_at": None,
                **stamps(w.moment(start, 10, 0)),
            }
        )
        return completed if done else None

    for role, term, area in holdings:
        person = term.person_id
        if person not in trained and w.chance(0.9):
            done = course(person, CourseKind.BASIC, term.start + timedelta(w.rng.randint(14, 200)))
            if done:
                trained[person] = done
        last = trained.get(person)
        while last and w.chance(0.35):
            refresher = last + timedelta(days=w.rng.randint(2 * 365, 4 * 365))
            done = course(person, CourseKind.REFRESHER, refresher, hours=w.pick([7.0, 14.0]))
            if not done:
                break
            trained[person] = last = done
        if role is Role.CHIEF_DELEGATE and (person, "hvo") not in extra:
            extra.add((person, "hvo"))
            course(person, CourseKind.CHIEF_SUPPLEMENT, term.start + timedelta(60), hours=14.0)
        if area is not None and area.chemical and (person, "chem") not in extra and w.chance(0.7):
            extra.add((person, "chem"))
            course(person, CourseKind.CHEMICAL_BIOLOGICAL, term.start + timedelta(90), hours=7.0)
        if role is Role.TOP_LEADER:
            course(person, CourseKind.TOP_LEADER, term.start + timedelta(30), hours=8.0)
    return rows


OTHER_COURSES = [
    "Førstehjelpskurs",
    "Brannvernkurs",
    "Forflytningsteknikk",
    "Kurs i konflikthåndtering",
]


def _other_courses(w: Writer, world: World) -> list[dict]:
    """Courses outside the legal requirements that staff take (first aid, fire …)."""
    rows = []
    for person in world.people:
        if not w.chance(0.3):
            continue
        day = w.day_between(w.start, w.today - timedelta(days=1))
        rows.append(
            {
                "id": w.uid(),
                "person_id": person,
                "kind": CourseKind.OTHER.value,
                "title": w.pick(OTHER_COURSES),
                "start_date": day,
                "completed_date": day,
                "hours": w.pick([4.0, 7.0, 14.0]),
                "provider": w.pick(PROVIDERS),
                "course_format": w.pick(FORMATS),
                "topics": "",
                "topics_other": "",
                "agreement_date": None,
                "agreement_note": "",
                "note": "",
                "archived_at": None,
                **stamps(w.moment(day, 10, 0)),
            }
        )
    return rows


def fill(w: Writer, world: World, *, areas: int, people: int) -> None:
    world.org_name = ORG_NAME
    person_rows = _person_rows(w, world, people)
    area_rows = _areas(w, world, areas)
    _staff(w, world, person_rows)
    assignments: list[dict] = []
    holdings: list[tuple[Role, Term, AreaGen | None]] = []
    for area in world.areas:
        area.delegates = _terms(w, area.staff, w.start, w.today)
        area.leaders = _leader_terms(w, area.staff, w.start, w.today)
        for term in area.delegates:
            assignments.append(
                _assignment(
                    w,
                    term,
                    Role.SAFETY_DELEGATE,
                    area.id,
                    elected=True,
                    chosen_by="Ansatte i området",
                )
            )
            holdings.append((Role.SAFETY_DELEGATE, term, area))
            others = [p for p in area.staff if p != term.person_id]
            if others and w.chance(0.8):
                deputy = Term(w.pick(others), term.start, term.end)
                area.deputies.append(deputy)
                assignments.append(
                    _assignment(
                        w,
                        deputy,
                        Role.DEPUTY_DELEGATE,
                        area.id,
                        elected=True,
                        chosen_by="Ansatte i området",
                    )
                )
                holdings.append((Role.DEPUTY_DELEGATE, deputy, area))
        for term in area.leaders:
            assignments.append(
                _assignment(
                    w, term, Role.LEADER, area.id, elected=False, chosen_by="Kommunedirektøren"
                )
            )
    delegates = sorted({t.person_id for a in world.areas for t in a.delegates}, key=str)
    leaders = sorted({t.person_id for a in world.areas for t in a.leaders}, key=str)
    # HVO and vara-HVO: two-year terms across the undertaking, from among the VOs.
    for role, terms in (
        (Role.CHIEF_DELEGATE, world.chief_delegates),
        (Role.DEPUTY_CHIEF_DELEGATE, []),
    ):
        terms.extend(_terms(w, delegates, w.start, w.today))
        for term in terms:
            assignments.append(
                _assignment(w, term, role, None, elected=True, chosen_by="Verneombudene")
            )
            holdings.append((role, term, None))
    # Two top leaders over the decade.
    change = w.start + timedelta(days=(w.today - w.start).days // 2)
    for term in (
        Term(leaders[0], w.start - timedelta(days=900), change),
        Term(leaders[1], change + timedelta(days=1), None),
    ):
        assignments.append(
            _assignment(w, term, Role.TOP_LEADER, None, elected=False, chosen_by="Kommunestyret")
        )
        holdings.append((Role.TOP_LEADER, term, None))
    committee, bht = _committee(w, world, leaders, delegates)
    assignments += committee
    for role in (Role.AMU_EMPLOYER, Role.AMU_EMPLOYEE):
        holdings += [(role, t, None) for t in world.committee[role.value]]
    for _ in range(min(12, len(world.people) // 10)):
        start = w.day_between(w.start - timedelta(days=1000), w.today - timedelta(days=100))
        term = Term(w.pick(world.people), start, None)
        assignments.append(
            _assignment(
                w, term, Role.UNION_REPRESENTATIVE, None, elected=True, chosen_by="Fagforbundet"
            )
        )
    for person in bht:
        person_rows.append(
            {
                "id": person,
                "name": world.names[person],
                "title": "Bedriftssykepleier, Fjellby BHT",
                "email": "",
                "phone": "",
                "archived_at": None,
                **stamps(w.moment(w.start, 8, 0)),
            }
        )
    training = _training(w, holdings) + _other_courses(w, world)
    with w.db.engine.begin() as conn:
        w.insert(
            conn,
            Organisation,
            [
                {
                    "id": w.uid(),
                    "name": ORG_NAME,
                    "org_number": "964950768",
                    "employees": max(people * 3, 50),
                    "branch": "Helse og omsorg",
                    **stamps(w.moment(w.start, 8, 0)),
                }
            ],
        )
        w.insert(conn, SafetyArea, area_rows)
        w.insert(
            conn,
            AreaEvent,
            [
                {
                    "id": w.uid(),
                    "area_id": row["id"],
                    "kind": "created",
                    "detail": "",
                    "at": row["created_at"],
                    "by": "Ytelsestest",
                }
                for row in area_rows
            ],
        )
        w.insert(conn, Person, person_rows)
        w.insert(conn, RoleAssignment, assignments)
        w.insert(conn, TrainingRecord, training)
        w.insert(
            conn,
            AmuChairYear,
            [
                {
                    "id": w.uid(),
                    "year": y,
                    "side": side,
                    "note": "",
                    **stamps(w.moment(date(y, 1, 5))),
                }
                for y, side in sorted(world.chair_side.items())
            ],
        )
        w.insert(conn, Setting, [{"key": "amu.seats_per_side", "value": "4"}])
