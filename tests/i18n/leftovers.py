"""Bokmål left in a page or a document shown in another language.

A text on screen (or a line of a PDF) that reads exactly as one of the app's bokmål
texts whose translation into the language differs, placeholders filled in with anything,
was not translated: the code shows the source text instead of asking the catalogue.
"""

from __future__ import annotations

import re
from functools import cache

from babel.messages.pofile import read_po

from tests.i18n.test_catalogues import LOCALES

_PLACEHOLDER = re.compile(r"\\\{[^{}]*\\\}")


@cache
def _patterns(language: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    with (LOCALES / language / "LC_MESSAGES" / "vernelogg.po").open("rb") as handle:
        catalogue = read_po(handle, locale=language)
    patterns = []
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for source in ids:
            if not source or source in forms or len(source) < 4:
                continue
            text = source.replace("&", "")  # accelerators are not shown
            words = re.findall(r"[^\W\d_]{3,}", re.sub(r"\{[^{}]*\}", " ", text))
            if "{" in text and len(words) < 2:
                continue  # «{n}.», «Planlagt {date}»: too little text to tell
            pattern = _PLACEHOLDER.sub(".+?", re.escape(text))
            patterns.append((source, re.compile(pattern + r"\Z", re.DOTALL)))
    return tuple(patterns)


def untranslated(texts: list[str], language: str, allowed: set[str] = frozenset()) -> list[str]:
    """The texts that are still the bokmål source of a text translated into `language`."""
    found = []
    for text in texts:
        shown = text.replace("&", "").strip()
        if not shown or shown in allowed:
            continue
        for source, pattern in _patterns(language):
            if pattern.match(shown):
                found.append(f"{shown!r} (source: {source!r})")
                break
    return found
