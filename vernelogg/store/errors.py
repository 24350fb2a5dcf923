"""Errors the store raises, each with a message a user can act on (Norwegian)."""

from vernelogg.errors import UserError


class StoreError(UserError):
    """A database problem the user must be told about in one clear sentence."""


class NotADatabaseError(StoreError):
    pass


class DatabaseLockedError(StoreError):
    pass


class NotWritableError(StoreError):
    pass


class NewerSchemaError(StoreError):
    pass
