"""The undertaking (virksomhet): set-up on first start and its key facts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from vernelogg.i18n import N_, _
from vernelogg.services.errors import ServiceError, Validator
from vernelogg.store.database import Database
from vernelogg.store.models import Organisation

# The branches offered: stored as they are (bokmål, matched in domain/rounds.py), shown
# translated with _(branch).
BRANCHES = [
    N_("Kontor og administrasjon"),
    N_("Bygg og anlegg"),
    N_("Barnehage"),
    N_("Skole"),
    N_("Renhold"),
    N_("Hotell og restaurant"),
    N_("Buss og transport"),
    N_("Industri og verksted"),
    N_("Helse og omsorg"),
    N_("Varehandel og lager"),
    N_("Annet"),
]


@dataclass(frozen=True)
class OrganisationInfo:
    id: str
    name: str
    org_number: str | None
    employees: int
    branch: str | None
    amu_demanded_on: date | None = None
    amu_demanded_by: str = ""
    vo_agreement_on: date | None = None
    vo_agreement_note: str = ""


def _info(org: Organisation) -> OrganisationInfo:
    return OrganisationInfo(
        str(org.id),
        org.name,
        org.org_number,
        org.employees,
        org.branch,
        org.amu_demanded_on,
        org.amu_demanded_by or "",
        org.vo_agreement_on,
        org.vo_agreement_note or "",
    )


def get_organisation(db: Database) -> OrganisationInfo | None:
    with db.read() as s:
        org = s.scalars(select(Organisation).limit(1)).first()
        return _info(org) if org else None


def is_set_up(db: Database) -> bool:
    return get_organisation(db) is not None


def normalise_org_number(value: str | None) -> str | None:
    digits = re.sub(r"\s", "", value or "")
    return digits or None


def validate_org_number(number: str | None) -> bool:
    """Norwegian organisation numbers: nine digits with a modulus 11 check digit."""
    if number is None:
        return True
    if not re.fullmatch(r"\d{9}", number):
        return False
    weights = [3, 2, 7, 6, 5, 4, 3, 2]
    total = sum(int(d) * w for d, w in zip(number[:8], weights, strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(number[8])


def save_organisation(
    db: Database,
    *,
    name: str,
    org_number: str | None,
    employees: int | None,
    branch: str | None,
) -> OrganisationInfo:
    """Create the undertaking or update it. Nothing is saved if any field is wrong."""
    number = normalise_org_number(org_number)
    v = Validator()
    v.require("name", name, _("Navn på virksomheten"))
    v.max_length("name", name, 200, _("Navnet"))
    v.check(
        "org_number",
        validate_org_number(number),
        _("Organisasjonsnummeret må ha ni siffer og gyldig kontrollsiffer."),
    )
    v.check("employees", employees is not None, _("Antall ansatte må fylles ut."))
    if employees is not None:
        v.check(
            "employees",
            0 <= employees <= 1_000_000,
            _("Antall ansatte må være et tall mellom 0 og 1 000 000."),
        )
    v.raise_if_any()
    with db.write() as s:
        org = s.scalars(select(Organisation).limit(1)).first()
        if org is None:
            org = Organisation(name=name.strip())
            s.add(org)
        org.name = name.strip()
        org.org_number = number
        org.employees = int(employees or 0)
        org.branch = branch or None
        s.flush()
        return _info(org)


def record_arrangements(
    db: Database,
    *,
    today: date,
    amu_demanded_on: date | None,
    amu_demanded_by: str = "",
    vo_agreement_on: date | None,
    vo_agreement_note: str = "",
) -> OrganisationInfo:
    """Record a demand for an AMU (aml. § 7-1: from 10 employees, by either side: when
    and who) and the parties' agreement on another arrangement than a safety delegate
    (aml. § 6-1: under 5 employees). A date of None clears it."""
    v = Validator()
    for key, day in (("amu_demanded_on", amu_demanded_on), ("vo_agreement_on", vo_agreement_on)):
        v.check(key, day is None or day <= today, _("Datoen kan ikke være i framtiden."))
    v.check(
        "amu_demanded_by",
        amu_demanded_on is None or bool(amu_demanded_by.strip()),
        _("Skriv hvem som krevde arbeidsmiljøutvalg (arbeidsgiversiden eller arbeidstakersiden)."),
    )
    v.max_length("amu_demanded_by", amu_demanded_by, 200, _("Hvem som krevde"))
    v.max_length("vo_agreement_note", vo_agreement_note, 2000, _("Avtaleteksten"))
    v.raise_if_any()
    with db.write() as s:
        org = s.scalars(select(Organisation).limit(1)).first()
        if org is None:
            raise ServiceError(_("Registrer virksomheten først."))
        org.amu_demanded_on = amu_demanded_on
        org.amu_demanded_by = amu_demanded_by.strip() if amu_demanded_on else ""
        org.vo_agreement_on = vo_agreement_on
        org.vo_agreement_note = vo_agreement_note.strip() if vo_agreement_on else ""
        s.flush()
        return _info(org)
