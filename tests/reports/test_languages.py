"""Every PDF kind in bokmål, nynorsk and English: written in the undertaking's document
language (whoever prints), a known word of that language on every page, no text left in
bokmål where a translation exists, and the layout checks (tests/reports/layout_check.py)
passed with the longer English and nynorsk words."""

from __future__ import annotations

import argparse
import re

import pdfplumber
import pytest

from tests.conftest import TODAY
from tests.i18n.leftovers import untranslated
from tests.reports.layout_check import problems
from vernelogg import i18n
from vernelogg.commands.report import REPORT_KINDS
from vernelogg.services.document_language import set_document_language
from vernelogg.store.database import Database

# The footer of every page: «Vernelogg 0.1.0 · skrevet ut 22.11.2026 12:00».
PRINTED = {"nb": "skrevet ut", "nn": "skrive ut", "en": "printed"}
DATE = {"nb": "22.11.2026", "nn": "22.11.2026", "en": "22/11/2026"}


@pytest.fixture(scope="module")
def demo_in(tmp_path_factory):
    """The demo, made in each language: what the app writes into records (the AMU's
    standing items, the risk matrix's names) is written in the language it is made in."""
    from vernelogg import clock
    from vernelogg.demo import fill_demo

    made: dict[str, Database] = {}

    def make(language: str) -> Database:
        if language not in made:
            path = tmp_path_factory.mktemp(f"demo-{language}") / "demo.sqlite"
            db = Database.open(f"sqlite:///{path}")
            set_document_language(db, language)
            with clock.using(clock.frozen_at(TODAY)), i18n.using(language):
                fill_demo(db, seed=7, today=TODAY)
            made[language] = db
        return made[language]

    yield make
    for db in made.values():
        db.close()


def _write(db, kind: str, path):
    year = TODAY.year - 1 if REPORT_KINDS[kind].selector == "year" else None
    REPORT_KINDS[kind].write(db, argparse.Namespace(id="latest", meeting="latest", year=year), path)
    return path


def _pages(path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


@pytest.mark.parametrize("language", ["nn", "en"])
@pytest.mark.parametrize("kind", sorted(REPORT_KINDS))
def test_every_pdf_in_the_document_language(demo_in, tmp_path, kind, language):
    db = demo_in(language)
    path = _write(db, kind, tmp_path / f"{kind}-{language}.pdf")
    pages = _pages(path)
    for number, text in enumerate(pages, start=1):
        assert PRINTED[language] in text, f"side {number}"
        assert DATE[language] in text, f"side {number}"
    lines = [line.strip() for text in pages for line in text.splitlines()]
    # Single words are left out: a record's text may hold any of them.
    left = [found for found in untranslated(lines, language) if " " in found.split(" (source: ")[1]]
    assert left == []
    assert problems(path) == []


def test_the_document_language_holds_whatever_the_gui_speaks(demo_db, tmp_path):
    """An English-speaking person prints the minutes of a nynorsk undertaking."""
    set_document_language(demo_db, "nn")
    i18n.set_language("en")
    path = _write(demo_db, "amu-minutes", tmp_path / "minutes.pdf")
    text = "\n".join(_pages(path))
    assert PRINTED["nn"] in text
    assert "Protokoll frå møte i arbeidsmiljøutvalet" in re.sub(r"\s+", " ", text)
    assert i18n.language() == "en"  # the GUI's own language is untouched
