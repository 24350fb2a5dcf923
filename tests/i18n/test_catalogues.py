"""Every text is marked, and every marked text is translated into nynorsk and English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from tests.i18n.unmarked import PACKAGE, findings
from vernelogg import i18n

LOCALES = PACKAGE.parent / "resources" / "translations"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def marked_texts() -> dict[tuple[str | None, str], str | None]:
    """(context, text) → plural form, for every text marked in the package."""
    found: dict[tuple[str | None, str], str | None] = {}
    for _file, _line, message, _comments, context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=DEFAULT_KEYWORDS
    ):
        singular, plural = (
            (message[0], message[1]) if isinstance(message, tuple) else (message, None)
        )
        if singular:
            found[(context, singular)] = plural
    return found


def catalogue(language: str):
    with (LOCALES / language / "LC_MESSAGES" / "vernelogg.po").open("rb") as handle:
        return read_po(handle, locale=language)


def test_every_text_a_person_reads_is_marked():
    unmarked = findings()
    assert not unmarked, "\n".join(str(f) for f in unmarked[:60]) + f"\n({len(unmarked)} in all)"


def test_the_finder_finds_an_unmarked_text(tmp_path):
    source = tmp_path / "vernelogg" / "sample.py"
    source.parent.mkdir()
    source.write_text(
        "from vernelogg.i18n import _\n"
        "def build(label, error):\n"
        "    label.setText('Lagre')\n"
        "    label.setToolTip(_('Lagre endringene'))\n"
        "    raise ValueError(f'Fant ikke {label}')\n"
        "MESSAGE = 'Dette er ikke merket for oversettelse'\n"
        "TITLE = _('Oversatt ved import')\n",
        encoding="utf-8",
    )
    from tests.i18n.unmarked import findings_in

    rules = sorted((f.line, f.rule) for f in findings_in(source, root=tmp_path / "vernelogg"))
    assert rules == [
        (3, "text for Qt not marked"),
        (5, "error text not marked"),
        (6, "Norwegian text not marked"),
        (7, "translated at import"),
    ]


@pytest.mark.parametrize("language", ["nn", "en"])
def test_every_marked_text_is_translated(language):
    translated = {}
    for message in catalogue(language):
        if not message.id:
            continue
        key = (message.context, message.id[0] if isinstance(message.id, tuple) else message.id)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(forms):
            continue
        translated[key] = forms
    missing = [text for key, _ in marked_texts().items() if key not in translated for text in [key]]
    assert not missing, f"{len(missing)} texts not translated into {language}: {missing[:30]}"


@pytest.mark.parametrize("language", ["nn", "en"])
def test_translations_keep_the_placeholders(language):
    wrong = []
    for message in catalogue(language):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = set().union(*(PLACEHOLDER.findall(text) for text in ids))
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for form in forms:
            if form and not set(PLACEHOLDER.findall(form)) <= wanted:
                wrong.append((ids[0], form))
            if form and len(ids) == 1 and set(PLACEHOLDER.findall(form)) != wanted:
                wrong.append((ids[0], form))
    assert not wrong, wrong[:20]


def test_the_catalogues_are_read_in_each_language():
    assert i18n._("Lagre") == "Lagre"
    with i18n.using("en"):
        assert i18n._("Lagre") == "Save"
        assert i18n.format_date(__import__("datetime").date(2026, 3, 5)) == "5 March 2026"
    with i18n.using("nn"):
        assert i18n.format_date(__import__("datetime").date(2026, 3, 5)) == "5. mars 2026"
    assert i18n.language() == "nb"


def test_plural_forms_follow_the_count():
    with i18n.using("en"):
        one = i18n.ngettext("{n} medlem", "{n} medlemmer", 1).format(n=1)
        many = i18n.ngettext("{n} medlem", "{n} medlemmer", 3).format(n=3)
    with i18n.using("nn"):
        nynorsk = i18n.ngettext("{n} medlem", "{n} medlemmer", 3).format(n=3)
    assert (one, many, nynorsk) == ("1 member", "3 members", "3 medlemmer")


def test_a_document_language_holds_for_its_thread_only():
    import threading

    seen = []
    with i18n.using("en"):
        worker = threading.Thread(target=lambda: seen.append(i18n.language()))
        worker.start()
        worker.join(10)
        assert i18n.language() == "en"
    assert seen == ["nb"]


def test_a_text_is_either_counted_or_not():
    """gettext keeps a plural entry apart from a plain one: the same text marked both
    ways would stay untranslated in one of the places."""
    kinds: dict[tuple[str | None, str], set[str]] = {}
    for _file, _line, message, _comments, context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=DEFAULT_KEYWORDS
    ):
        singular = message[0] if isinstance(message, tuple) else message
        kind = "plural" if isinstance(message, tuple) else "plain"
        kinds.setdefault((context, singular), set()).add(kind)
    assert [key for key, found in kinds.items() if len(found) > 1] == []


def test_a_compiled_catalogue_older_than_its_source_is_not_used(tmp_path, monkeypatch):
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import write_po

    folder = tmp_path / "translations" / "en" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    old, new = Catalog(locale="en"), Catalog(locale="en")
    old.add("Lagre", "Store")
    new.add("Lagre", "Save")
    with (folder / "vernelogg.mo").open("wb") as handle:
        write_mo(handle, old)
    with (folder / "vernelogg.po").open("wb") as handle:
        write_po(handle, new)
    import os

    os.utime(folder / "vernelogg.mo", (1_000_000, 1_000_000))
    monkeypatch.setenv("VERNELOGG_RESOURCES", str(tmp_path))
    i18n.reload_catalogues()
    try:
        with i18n.using("en"):
            assert i18n._("Lagre") == "Save"
        os.utime(folder / "vernelogg.mo")  # now newer: compiled by make
        os.utime(folder / "vernelogg.po", (1_000_000, 1_000_000))
        i18n.reload_catalogues()
        with i18n.using("en"):
            assert i18n._("Lagre") == "Store"
    finally:
        monkeypatch.delenv("VERNELOGG_RESOURCES")
        i18n.reload_catalogues()
    assert Path(i18n.catalogue_dir()) == LOCALES


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_quick_dates_and_numbers_are_the_locales_own(language):
    """format_date's short form and whole numbers skip Babel for speed; they must write
    exactly what Babel writes for the language."""
    from datetime import date

    from babel import dates, numbers

    locale = i18n.BABEL_LOCALES[language]
    with i18n.using(language):
        for day in (date(2026, 3, 5), date(1999, 12, 31), date(2030, 1, 1)):
            assert i18n.format_date(day, "short") == dates.format_date(day, "short", locale)
        for n in (0, 7, 1234, 1234567, -4321):
            babel = numbers.format_decimal(n, locale=locale).replace("\u202f", "\u00a0")
            assert i18n.format_number(n).replace("\u202f", "\u00a0") == babel
