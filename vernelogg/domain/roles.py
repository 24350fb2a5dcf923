"""Roles (verv) a person can hold, and their Norwegian labels."""

from __future__ import annotations

from enum import StrEnum

from vernelogg.i18n import N_, _


class Role(StrEnum):
    SAFETY_DELEGATE = "safety_delegate"  # verneombud (VO)
    DEPUTY_DELEGATE = "deputy_delegate"  # vara-verneombud
    CHIEF_DELEGATE = "chief_delegate"  # hovedverneombud (HVO)
    DEPUTY_CHIEF_DELEGATE = "deputy_chief_delegate"  # vara-HVO
    AMU_EMPLOYER = "amu_employer"  # AMU-medlem, arbeidsgiversiden
    AMU_EMPLOYEE = "amu_employee"  # AMU-medlem, arbeidstakersiden
    AMU_DEPUTY_EMPLOYER = "amu_deputy_employer"  # vara til AMU, arbeidsgiversiden
    AMU_DEPUTY_EMPLOYEE = "amu_deputy_employee"  # vara til AMU, arbeidstakersiden
    AMU_CHAIR = "amu_chair"  # AMU-leder
    AMU_SECRETARY = "amu_secretary"  # AMU-sekretær
    OHS_REPRESENTATIVE = "ohs_representative"  # BHT-representant (uten stemmerett)
    LEADER = "leader"  # leder med personalansvar
    TOP_LEADER = "top_leader"  # øverste leder
    UNION_REPRESENTATIVE = "union_representative"  # tillitsvalgt

    @property
    def label(self) -> str:
        return _(ROLE_LABELS[self])

    @property
    def is_area_role(self) -> bool:
        """Roles that belong to one safety area (verneområde)."""
        return self in AREA_ROLES


ROLE_LABELS: dict[Role, str] = {
    Role.SAFETY_DELEGATE: N_("Verneombud"),
    Role.DEPUTY_DELEGATE: N_("Vara-verneombud"),
    Role.CHIEF_DELEGATE: N_("Hovedverneombud"),
    Role.DEPUTY_CHIEF_DELEGATE: N_("Vara-hovedverneombud"),
    Role.AMU_EMPLOYER: N_("AMU-medlem (arbeidsgiver)"),
    Role.AMU_EMPLOYEE: N_("AMU-medlem (arbeidstaker)"),
    Role.AMU_DEPUTY_EMPLOYER: N_("AMU-vara (arbeidsgiver)"),
    Role.AMU_DEPUTY_EMPLOYEE: N_("AMU-vara (arbeidstaker)"),
    Role.AMU_CHAIR: N_("AMU-leder"),
    Role.AMU_SECRETARY: N_("AMU-sekretær"),
    Role.OHS_REPRESENTATIVE: N_("BHT-representant"),
    Role.LEADER: N_("Leder med personalansvar"),
    Role.TOP_LEADER: N_("Øverste leder"),
    Role.UNION_REPRESENTATIVE: N_("Tillitsvalgt"),
}

AREA_ROLES = frozenset({Role.SAFETY_DELEGATE, Role.DEPUTY_DELEGATE, Role.LEADER})

# Roles whose term is fixed by OLM § 3-4 (two years).
ELECTED_TERM_ROLES = frozenset(
    {Role.SAFETY_DELEGATE, Role.DEPUTY_DELEGATE, Role.CHIEF_DELEGATE, Role.DEPUTY_CHIEF_DELEGATE}
)

# The committee (arbeidsmiljøutvalget): members and deputies by side, and its officers.
AMU_ROLES = (
    Role.AMU_EMPLOYER,
    Role.AMU_DEPUTY_EMPLOYER,
    Role.AMU_EMPLOYEE,
    Role.AMU_DEPUTY_EMPLOYEE,
    Role.AMU_CHAIR,
    Role.AMU_SECRETARY,
    Role.OHS_REPRESENTATIVE,
)
