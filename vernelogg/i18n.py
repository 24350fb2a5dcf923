"""The one translation system: every text a person reads goes through this module.

Source texts are bokmål, written in the code and marked for extraction:

- `_("Lagre")` translates now, into the current language;
- `ngettext("{n} avvik", "{n} avvik", n)` chooses the plural form first;
- `pgettext("rolle", "Leder")` for a short word whose meaning depends on where it stands;
- `N_("Åpen")` only marks a text for extraction, for a constant made when the module is
  imported; the code translates it where it is shown, with `_(CONSTANT)`.

Babel extracts the marked texts (`make catalogues`) into gettext catalogues in
resources/translations/<language>/LC_MESSAGES/vernelogg.po, and compiles them to .mo.
The GUI, the services, the command line and the documents all use these catalogues; Qt's
own texts (its file dialogs and standard buttons) come from Qt's catalogues
(ui/translations.py). docs/languages.md explains the choice.

Which language: the process has one (`set_language`: the GUI's per-user choice, or
`--lang` on the command line), and a document is written in the undertaking's document
language inside `using(language)`, which holds for the running thread only.

Dates, month names and numbers are formatted through Babel's locale data
(`format_date`, `month_name`, `format_number`), never from lists of our own.
"""

from __future__ import annotations

import gettext
import io
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from functools import cache
from typing import Literal

from vernelogg.config import resources_dir

SOURCE = "nb"
LANGUAGES: dict[str, str] = {"nb": "Norsk bokmål", "nn": "Norsk nynorsk", "en": "English"}
DOMAIN = "vernelogg"
LANG_ENV = "VERNELOGG_LANG"
# Babel's locale for each language: English dates as in Britain (5 March 2026), the
# day before the month as in Norway.
BABEL_LOCALES = {"nb": "nb_NO", "nn": "nn_NO", "en": "en_GB"}

_process_language = SOURCE
_documents_override: str | None = None
_current: ContextVar[str | None] = ContextVar("vernelogg_language", default=None)
_lock = threading.Lock()


def normalise(code: str | None) -> str | None:
    """«nn», «nn_NO», «nno», «no_NO», «en-GB» → one of LANGUAGES, or None."""
    if not code:
        return None
    code = code.strip().lower().replace("-", "_")
    head = code.split("_")[0].split(".")[0]
    if head in ("nn", "nno") or code.startswith("no_nynorsk"):
        return "nn"
    if head in ("nb", "no", "nob", "nor"):
        return "nb"
    if head in ("en", "eng"):
        return "en"
    return None


def language() -> str:
    """The language texts are translated into here and now."""
    return _current.get() or _process_language


def set_language(code: str) -> str:
    """Set the process's language (the GUI's, or the command line's); returns it."""
    global _process_language
    chosen = normalise(code)
    if chosen is None:
        raise ValueError(f"unknown language: {code!r}")
    _process_language = chosen
    return chosen


def set_documents_language(code: str | None) -> None:
    """`--lang` on the command line: the documents of this run in that language, whatever
    the undertaking's setting."""
    global _documents_override
    _documents_override = normalise(code)


def documents_override() -> str | None:
    return _documents_override


def language_from_environment() -> str | None:
    """VERNELOGG_LANG (set by `--lang`, and by the tests) when it names a language."""
    return normalise(os.environ.get(LANG_ENV))


def from_system_locale(name: str | None) -> str:
    """The language for a system locale such as «nn_NO.UTF-8» or «de_DE»: Norwegian as
    it is, bokmål for none at all («C», «POSIX»), English for any other language."""
    chosen = normalise(name)
    if chosen:
        return chosen
    head = (name or "").split(".")[0].strip().upper()
    return SOURCE if head in ("", "C", "POSIX") else "en"


def system_language() -> str:
    """The command line's default: the first of LC_ALL, LC_MESSAGES, LANG that is set."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return from_system_locale(value)
    return SOURCE


@contextmanager
def using(code: str | None) -> Iterator[str]:
    """Translate into `code` inside the block, in this thread only (a document written
    in the undertaking's language while the GUI keeps its own)."""
    chosen = normalise(code) or language()
    token = _current.set(chosen)
    try:
        yield chosen
    finally:
        _current.reset(token)


def catalogue_dir() -> str:
    return str(resources_dir() / "translations")


@cache
def _catalogue(code: str) -> gettext.NullTranslations:
    """The compiled catalogue; the .po itself when it is newer or nothing is compiled yet
    (a checkout before `make catalogues`)."""
    folder = resources_dir() / "translations" / code / "LC_MESSAGES"
    mo, po = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    if po.exists():
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as handle:
            catalog = read_po(handle, locale=code)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        return gettext.GNUTranslations(buffer)
    return gettext.NullTranslations()


def translations(code: str | None = None) -> gettext.NullTranslations:
    code = code or language()
    if code == SOURCE:
        return _SOURCE_TEXTS
    with _lock:
        return _catalogue(code)


def reload_catalogues() -> None:
    """Read the catalogues again (after `make catalogues`, in tests)."""
    with _lock:
        _catalogue.cache_clear()


_SOURCE_TEXTS = gettext.NullTranslations()


def _(message: str) -> str:
    return translations().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translations().pgettext(context, message)


def N_(message: str) -> str:
    """Mark a text for extraction without translating it (constants made at import)."""
    return message


# Dates and numbers through the locale.


def babel_locale(code: str | None = None) -> str:
    return BABEL_LOCALES[code or language()]


# The short date as the locale writes it (Babel's «short» for nb_NO, nn_NO and en_GB),
# here as strftime patterns: lists show thousands of dates, and strftime is several
# times faster than formatting through Babel (tests/i18n compares the two).
SHORT_DATES = {"nb": "%d.%m.%Y", "nn": "%d.%m.%Y", "en": "%d/%m/%Y"}
# The locale's thousands separator, for whole numbers (likewise compared with Babel).
THOUSANDS = {"nb": "\u00a0", "nn": "\u00a0", "en": ","}


def format_date(value: date | datetime, form: str = "long") -> str:
    """«5. mars 2026» / «5 March 2026» (long), «05.03.2026» / «05/03/2026» (short), or a
    Babel pattern such as «d. MMMM»."""
    if form == "short":
        return value.strftime(SHORT_DATES[language()])
    from babel import dates

    return dates.format_date(value, format=form, locale=babel_locale())


Width = Literal["abbreviated", "narrow", "wide"]


def month_name(month: int, width: Width = "wide") -> str:
    """«mars» / «March» (wide), «mar.» / «Mar» (abbreviated) for month 1–12."""
    from babel import dates

    return dates.get_month_names(width, "format", locale=babel_locale())[month]


def month_names(width: Width = "wide") -> list[str]:
    return [month_name(m, width) for m in range(1, 13)]


def weekday_name(value: date, width: Width = "wide") -> str:
    from babel import dates

    return dates.get_day_names(width, "format", locale=babel_locale())[value.weekday()]


def warm_up() -> None:
    """Load the locale's names and formats now (the first use reads Babel's data, 20–30
    ms), so the first page to write a date does not pay for it."""
    day = date(2000, 1, 3)  # any day: only the names and patterns are loaded
    weekday_name(day)
    month_name(day.month)
    format_date(day)
    format_number(1.5, 1)


def format_number(value: float | int, digits: int | None = None) -> str:
    """«1 234,5» in Norwegian, «1,234.5» in English."""
    if digits is None and isinstance(value, int):
        return f"{value:,}".replace(",", THOUSANDS[language()])
    from babel import numbers

    if digits is None:
        return numbers.format_decimal(value, locale=babel_locale())
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return numbers.format_decimal(value, format=pattern, locale=babel_locale())
