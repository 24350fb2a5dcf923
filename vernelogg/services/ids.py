"""Record ids as people and callers give them: one way to read them.

`parse_id` reads an internal id (a UUID, or its text) and says «Fant ikke …» when the
text is no id; `optional_id` lets an empty value through as None. `resolve_reference`
(in services/references.py) also reads the numbers people see (AV-2026-0042, …).
"""

from __future__ import annotations

import uuid

from vernelogg.i18n import N_, _
from vernelogg.services.errors import NotFoundError


def parse_id(value: str | uuid.UUID, what: str = N_("posten")) -> uuid.UUID:
    """`value` as a UUID; NotFoundError («Fant ikke {what}.») when it is no id. `what`
    is a marked text (N_ or _), translated here."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise NotFoundError(_("Fant ikke {what}.").format(what=_(what))) from None


def optional_id(value: str | uuid.UUID | None, what: str = N_("posten")) -> uuid.UUID | None:
    """Like `parse_id`, but None or "" (nothing chosen) gives None."""
    if value is None or value == "":
        return None
    return parse_id(value, what)
