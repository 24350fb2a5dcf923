"""A small committee and some avvik for the AMU tests (service, reports, GUI)."""

from __future__ import annotations

from datetime import date, datetime

from vernelogg.domain.formatting import OSLO
from vernelogg.domain.roles import Role
from vernelogg.services import amu, areas, people
from vernelogg.services.deviations import register_deviation

TERM_START = date(2025, 1, 1)

PEOPLE = {
    "kari": ("Kari Nordmann", "Daglig leder"),
    "ola": ("Ola Hansen", "HMS-leder"),
    "per": ("Per Johansen", "Platearbeider"),
    "mona": ("Mona Pettersen", "Pedagogisk leder"),
    "hanne": ("Hanne Olsen", "Styrer"),
    "lise": ("Lise Andersen", "Lagermedarbeider"),
    "eva": ("Eva Lund", "BHT"),
    "tor": ("Tor Kristiansen", "Lagersjef"),
}

SEATS = [
    ("kari", Role.AMU_EMPLOYER),
    ("ola", Role.AMU_EMPLOYER),
    ("per", Role.AMU_EMPLOYEE),
    ("mona", Role.AMU_EMPLOYEE),
    ("hanne", Role.AMU_DEPUTY_EMPLOYER),
    ("lise", Role.AMU_DEPUTY_EMPLOYEE),
    ("ola", Role.AMU_CHAIR),
    ("mona", Role.AMU_SECRETARY),
    ("eva", Role.OHS_REPRESENTATIVE),
]


def build_committee(db) -> dict[str, str]:
    """Two members and one deputy per side, Ola chairs, Mona writes the minutes, Eva is
    BHT; the employer side chairs in 2026. Returns person ids by key."""
    ids = {}
    for key, (name, title) in PEOPLE.items():
        ids[key] = people.create_person(db, name=name, title=title).id
    for key, role in SEATS:
        amu.assign_committee_role(db, person_id=ids[key], role=role, start_date=TERM_START)
    amu.set_chair_side(db, 2026, "employer")
    amu.set_seats_per_side(db, 2)
    return ids


def add_deviations(db) -> dict[str, str]:
    """Three avvik in 2026 on the warehouse: an injury, a near miss, and a confidential
    threat whose text must never reach an AMU document. Returns area ids by key."""
    lager = areas.create_area(db, name="Lager og logistikk").id
    register_deviation(
        db,
        area_id=lager,
        description="Kuttskade i hånden ved åpning av kartong",
        occurred_at=datetime(2026, 3, 3, 10, 15, tzinfo=OSLO),
        kind="personal_injury",
        severity="medium",
        reporter_name="Lise Andersen",
    )
    register_deviation(
        db,
        area_id=lager,
        description="Truck rygget nesten på gående i varemottaket",
        occurred_at=datetime(2026, 9, 14, 7, 40, tzinfo=OSLO),
        kind="near_miss",
        severity="high",
        reporter_name=None,
    )
    register_deviation(
        db,
        area_id=lager,
        description="Hemmelig: kollega truet med å slå",
        occurred_at=datetime(2026, 10, 2, 13, 0, tzinfo=OSLO),
        kind="threats",
        severity="serious",
        reporter_name="Tor Kristiansen",
        confidential=True,
    )
    return {"lager": lager}
