"""Errors services raise for the user to fix (messages in the person's language, per field)."""

from __future__ import annotations

from vernelogg.domain.text import clean_text
from vernelogg.errors import UserError
from vernelogg.i18n import _


class ServiceError(UserError):
    """Something the user asked for cannot be done; the message says why."""


class NotFoundError(ServiceError):
    pass


class ValidationError(ServiceError):
    """Bad input: `fields` maps a field name to the message shown next to it."""

    def __init__(self, fields: dict[str, str] | str) -> None:
        if isinstance(fields, str):
            fields = {"": fields}
        self.fields = fields
        super().__init__(" ".join(fields.values()))


class Validator:
    """Collects field errors and raises them together."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def require(self, field: str, value: object, label: str) -> None:
        # Text of control characters only is empty once stored (domain/text.py cleans it).
        if value is None or (isinstance(value, str) and not clean_text(value).strip()):
            self.errors.setdefault(field, _("{label} må fylles ut.").format(label=label))

    def max_length(self, field: str, value: str | None, limit: int, label: str) -> None:
        if value and len(value) > limit:
            self.errors.setdefault(
                field, _("{label} kan ha høyst {limit} tegn.").format(label=label, limit=limit)
            )

    def check(self, field: str, ok: bool, message: str) -> None:
        if not ok:
            self.errors.setdefault(field, message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(dict(self.errors))
