"""The language the undertaking's documents are written in (PDF, docx, xlsx).

A setting of the undertaking, not of the person: a nynorsk municipality's AMU minutes are
in nynorsk whoever prints them. `--lang` on the command line overrides it for that run.
"""

from __future__ import annotations

from vernelogg import i18n
from vernelogg.services.errors import ValidationError
from vernelogg.services.settings import get_setting, set_setting
from vernelogg.store.database import Database

SETTING_KEY = "document_language"


def stored_document_language(db: Database) -> str:
    """The undertaking's choice; bokmål until one is made."""
    with db.read() as s:
        return i18n.normalise(get_setting(s, SETTING_KEY)) or i18n.SOURCE


def document_language(db: Database) -> str:
    """The language to write a document in now: `--lang`, else the undertaking's."""
    return i18n.documents_override() or stored_document_language(db)


def set_document_language(db: Database, code: str) -> str:
    chosen = i18n.normalise(code)
    if chosen is None:
        raise ValidationError({"document_language": i18n._("Velg bokmål, nynorsk eller engelsk.")})
    with db.write() as s:
        set_setting(s, SETTING_KEY, chosen)
    return chosen
