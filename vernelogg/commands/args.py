"""The command line's argument types and its parser, in one place, in the run's language.

Every value a person types is checked here, before any command runs: a year, a date or
a number of days out of range, a search text too long to be a search, or bytes that
are not text end in one line on stderr and exit code 2, like every other user mistake
(see cli.py), never in a traceback from deep inside.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from typing import Any, NoReturn

from vernelogg.domain.deviations import SEARCH_MAX_CHARS
from vernelogg.domain.text import clean_text
from vernelogg.i18n import N_, _, language

FIRST_YEAR, LAST_YEAR = 1900, 2200
MAX_DAYS = 3650  # ten years: further ahead than any deadline the rules know


def year(text: str) -> int:
    value = _whole_number(text, _("et årstall"))
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise argparse.ArgumentTypeError(
            _("året må være mellom {first} og {last}, ikke {given}").format(
                first=FIRST_YEAR, last=LAST_YEAR, given=_short(text)
            )
        )
    return value


def iso_date(text: str) -> date:
    try:
        value = date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            _("«{given}» er ikke en dato på formen ÅÅÅÅ-MM-DD").format(given=_short(text))
        ) from error
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(
            _("datoen må ligge mellom {first} og {last}, ikke {given}").format(
                first=FIRST_YEAR, last=LAST_YEAR, given=text
            )
        )
    return value


def days(text: str) -> int:
    value = _whole_number(text, _("et helt antall dager"))
    if value < 0:
        raise argparse.ArgumentTypeError(_("antall dager kan ikke være negativt"))
    if value > MAX_DAYS:
        raise argparse.ArgumentTypeError(
            _("høyst {most} dager (ti år), ikke {given}").format(most=MAX_DAYS, given=_short(text))
        )
    return value


def count(low: int, high: int):
    """A whole number from `low` to `high` (a limit, a size in pixels)."""

    def check(text: str) -> int:
        value = _whole_number(text, _("et helt tall"))
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                _("må være mellom {low} og {high}, ikke {given}").format(
                    low=low, high=high, given=_short(text)
                )
            )
        return value

    check.__name__ = "count"
    return check


def seed(text: str) -> int:
    value = _whole_number(text, _("et helt tall"))
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError(
            _("frøet må være mellom 0 og {high}").format(high=2**63 - 1)
        )
    return value


def search_text(text: str) -> str:
    if len(text) > SEARCH_MAX_CHARS:
        raise argparse.ArgumentTypeError(
            _("søketeksten kan ha høyst {most} tegn (den har {given})").format(
                most=SEARCH_MAX_CHARS, given=len(text)
            )
        )
    return text


def _whole_number(text: str, what: str) -> int:
    if not re.fullmatch(r"[+-]?\d{1,20}", text.strip()):
        raise argparse.ArgumentTypeError(
            _("«{given}» er ikke {what}").format(given=_short(text), what=what)
        )
    return int(text)


def one_line(message: str) -> str:
    """A message as one line, whatever the person typed into it (line breaks, control
    characters)."""
    return " ".join(clean_text(message).split())


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def undecodable(argv: list[str]) -> str | None:
    """The first argument that held bytes that are not UTF-8 text (Python keeps them as
    lone surrogates), described for the error message; None when all are text."""
    for arg in argv:
        if any("\udc80" <= ch <= "\udcff" for ch in arg):
            shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            return _short(shown)
    return None


# What argparse says in English, said in the run's language (argparse's own wording as
# patterns); in English argparse's own words stand.
_MESSAGES = [
    (
        r"^argument (?P<a>[^:]+): invalid choice: (?P<v>.+?) \(choose from (?P<c>.+)\)$",
        N_("{a}: ugyldig valg {v} (velg blant {c})"),
    ),
    (r"^argument (?P<a>[^:]+): invalid \w+ value: (?P<v>.+)$", N_("{a}: {v} er ikke et tall")),
    (r"^argument (?P<a>[^:]+): expected one argument$", N_("{a}: mangler en verdi")),
    (r"^argument (?P<a>[^:]+): expected at least one argument$", N_("{a}: mangler en verdi")),
    (r"^argument (?P<a>[^:]+): (?P<m>.+)$", "{a}: {m}"),
    (r"^the following arguments are required: (?P<a>.+)$", N_("mangler: {a}")),
    (r"^unrecognized arguments: (?P<a>.+)$", N_("ukjente argumenter: {a}")),
]


def translated(message: str) -> str:
    """One of argparse's English messages in the run's language (as it is in English)."""
    if language() == "en":
        return message
    for pattern, wording in _MESSAGES:
        match = re.match(pattern, message)
        if match:
            return _(wording).format(**match.groupdict())
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, _("Bruk: ") if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """argparse in the run's language: its help («Bruk:», «argumenter», «valg»; in English
    argparse's own words) and its errors, as one line and exit code 2. The commands' own
    parsers are made by `add_subparsers`, so they are of this class too."""

    def __init__(self, *args: Any, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False  # our own -h, with a text in the run's language
        super().__init__(*args, **kwargs)
        self._positionals.title = _("argumenter")
        self._optionals.title = _("valg")
        if add_help:
            self.add_argument(
                "-h",
                "--help",
                action="help",
                default=argparse.SUPPRESS,
                help=_("vis denne hjelpen og avslutt"),
            )

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("vernelogg").strip()
        where = f" {command}" if command else ""
        print(f"vernelogg{where}: {one_line(translated(message))}", file=sys.stderr)
        raise SystemExit(2)
