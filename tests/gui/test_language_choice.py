"""Who chooses the language: each person the GUI's (Fil → Språk, kept in their own
settings), the undertaking its documents' (Virksomheten), `--lang` a run's."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QSettings

from vernelogg import cli, i18n
from vernelogg.services.document_language import (
    document_language,
    set_document_language,
    stored_document_language,
)
from vernelogg.services.errors import ValidationError
from vernelogg.services.organisation import save_organisation
from vernelogg.ui import language
from vernelogg.ui.areas.dialogs import OrganisationDialog
from vernelogg.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _no_saved_language():
    QSettings().remove(language.SETTING)
    yield
    QSettings().remove(language.SETTING)
    i18n.set_documents_language(None)


def test_the_menu_names_each_language_in_itself_and_keeps_the_choice(qtbot, show, ctx):
    window = show(MainWindow(ctx))
    actions = window.language_actions
    assert [a.text() for a in actions.values()] == ["Norsk bokmål", "Norsk nynorsk", "English"]
    assert actions["nb"].isChecked()
    asked: list[str] = []

    def later(title: str, text: str) -> bool:
        asked.append(text)
        return False

    assert language.choose_language(window, "nn", ask=later) is False
    assert language.saved_language() == "nn"
    # The question is asked in the language chosen, so that the person can read it.
    assert asked == [
        "Vernelogg blir vist på Norsk nynorsk neste gong programmet startar. "
        "Vil du starte på nytt no?"
    ]
    assert window.statusBar().currentMessage() == "Språket endres neste gang Vernelogg startes."
    assert i18n.language() == "nb"  # the window keeps its language until the next start


def test_the_saved_choice_wins_over_the_system_and_loses_to_lang(monkeypatch):
    monkeypatch.delenv(i18n.LANG_ENV)
    monkeypatch.setattr(language, "system_language", lambda: "en")
    assert language.chosen_language() == "en"
    language.save_language("nn")
    assert language.chosen_language() == "nn"
    monkeypatch.setenv(i18n.LANG_ENV, "en")
    assert language.chosen_language() == "en"


@pytest.mark.parametrize(
    ("system", "expected"),
    [
        ("nn_NO.UTF-8", "nn"),
        ("nb_NO", "nb"),
        ("no_NO", "nb"),
        ("de_DE", "en"),
        ("C", "nb"),
        ("en_GB", "en"),
    ],
)
def test_the_system_locale_chooses_until_the_person_does(system, expected):
    assert i18n.from_system_locale(system) == expected


def test_starting_again_keeps_the_database_and_drops_an_earlier_lang(monkeypatch):
    monkeypatch.setattr(sys, "argv", ["/x/bin/vernelogg", "--lang", "en", "--db", "old.sqlite"])
    program, arguments = language.restart_command("/data/ny.sqlite")
    assert program == sys.executable
    assert arguments == ["/x/bin/vernelogg", "--db", "/data/ny.sqlite"]
    monkeypatch.setattr(sys, "argv", ["/src/vernelogg/__main__.py", "--lang=nn"])
    assert language.restart_command(None)[1] == ["-m", "vernelogg"]


def test_the_undertaking_chooses_its_documents_language(qtbot, db):
    save_organisation(db, name="Fjord kommune", org_number="", employees=40, branch="Annet")
    assert stored_document_language(db) == "nb"
    dialog = OrganisationDialog(db)
    qtbot.addWidget(dialog)
    combo = dialog.form.document_language
    assert [combo.itemText(i) for i in range(combo.count())] == list(i18n.LANGUAGES.values())
    combo.setCurrentIndex(combo.findData("nn"))
    dialog.save()
    assert stored_document_language(db) == "nn"
    assert OrganisationDialog(db).form.document_language.currentData() == "nn"
    with pytest.raises(ValidationError):
        set_document_language(db, "de")


def test_lang_on_the_command_line_sets_messages_and_documents(db, monkeypatch):
    set_document_language(db, "nn")
    assert document_language(db) == "nn"
    monkeypatch.setenv(i18n.LANG_ENV, "nb")
    assert cli.choose_language(["--lang", "en", "report", "annual"]) == "en"
    assert document_language(db) == "en"  # --lang wins for this run
    assert cli.choose_language(["report", "annual"]) == "en"  # VERNELOGG_LANG, set above
    i18n.set_documents_language(None)
    assert document_language(db) == "nn"


def test_help_and_mistakes_in_the_chosen_language(capsys):
    assert cli.main(["--lang", "en", "--help"]) == 0
    assert "the language of messages and documents" in capsys.readouterr().out
    assert cli.main(["--lang", "nn", "report", "annual", "--year", "tjue", "-o", "x.pdf"]) == 2
    assert "tjue" in capsys.readouterr().err
