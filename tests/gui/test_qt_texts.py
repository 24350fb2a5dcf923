"""Qt's own texts in Norwegian bokmål: the text fields' context menu, the save dialog and
its overwrite question, message-box buttons (resources/translations/qtbase_nb.ts)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QToolButton,
    QTreeView,
)

from tests.gui.helpers import check_answers, when
from vernelogg.config import resources_dir
from vernelogg.ui.common.files import PDF, ask_save_path
from vernelogg.ui.help import ShortcutsDialog
from vernelogg.ui.main_window import MainWindow
from vernelogg.ui.stoppage.quick import QuickStopDialog

CATALOGUE = resources_dir() / "translations" / "qtbase_nb.ts"


def menu_texts(widget) -> list[str]:
    menu = widget.createStandardContextMenu()
    try:
        return [a.text().split("\t")[0].replace("&", "") for a in menu.actions() if a.text()]
    finally:
        menu.deleteLater()


def test_every_message_of_the_catalogue_is_what_qt_shows(ctx):
    """The compiled catalogue is loaded and agrees with its source, message by message."""
    root = ET.parse(CATALOGUE).getroot()
    messages = [
        (context.findtext("name"), message.findtext("source"), message.find("translation"))
        for context in root.iter("context")
        for message in context.iter("message")
    ]
    assert len(messages) > 150
    for context, source, translation in messages:
        assert translation.get("type") is None, f"{context}: {source!r} is not finished"
        assert QCoreApplication.translate(context, source) == translation.text, (context, source)


def test_text_fields_offer_cut_copy_paste_in_norwegian(qtbot, show, ctx):
    window = show(MainWindow(ctx))
    window.search_field.setText("gaffeltruck")
    assert menu_texts(window.search_field) == [
        "Angre",
        "Gjør om",
        "Klipp ut",
        "Kopier",
        "Lim inn",
        "Slett",
        "Merk alt",
    ]
    dialog = QuickStopDialog(ctx, window)
    qtbot.addWidget(dialog)
    dialog.danger.setPlainText("Fallende last over gangveien")
    assert menu_texts(dialog.danger) == menu_texts(window.search_field)  # multi-line, too


def file_dialog_texts(dialog: QFileDialog) -> dict[str, list[str]]:
    """What Qt's own file dialog shows: labels, buttons, tool tips, the columns."""
    columns = dialog.findChild(QTreeView, "treeView").model()
    return {
        "labels": [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()],
        "buttons": sorted(b.text() for b in dialog.findChild(QDialogButtonBox).buttons()),
        "tips": [b.toolTip() for b in dialog.findChildren(QToolButton) if b.toolTip()],
        "columns": [
            columns.headerData(column, Qt.Orientation.Horizontal)
            for column in range(columns.columnCount())
        ],
    }


def test_the_save_dialog_speaks_norwegian_and_asks_before_overwriting(qtbot, tmp_path):
    existing = tmp_path / "Årsrapport.pdf"
    existing.write_bytes(b"%PDF-1.4 old")
    seen: dict = {}

    def look_and_choose(dialog: QFileDialog) -> None:
        seen.update(file_dialog_texts(dialog))
        dialog.setDirectory(str(tmp_path))
        dialog.selectFile(existing.name)
        when(QMessageBox, answer_overwrite)
        dialog.accept()

    def answer_overwrite(box: QMessageBox) -> None:
        seen["question"] = box.text()
        seen["answers"] = sorted(b.text() for b in box.buttons())
        box.button(QMessageBox.StandardButton.Yes).click()

    when(QFileDialog, look_and_choose)
    chosen = ask_save_path(None, "Lagre PDF", "Årsrapport.pdf", [PDF])
    check_answers()
    assert chosen == existing
    assert {"&Se i:", "Fil&navn:", "Fil&type:"} <= set(seen["labels"])
    assert seen["buttons"] == ["&Lagre", "Avbryt"]
    for tip in ("Tilbake", "Fremover", "Mappen over", "Lag ny mappe"):
        assert tip in seen["tips"]
    assert {"Listevisning", "Detaljvisning"} <= set(seen["tips"])
    assert seen["columns"][:2] == ["Navn", "Størrelse"] and "Endret" in seen["columns"]
    assert seen["question"] == "Årsrapport.pdf finnes allerede.\nVil du erstatte den?"
    assert seen["answers"] == ["&Ja", "&Nei"]


def test_message_box_buttons_are_norwegian(qtbot, ctx):
    answers: list[list[str]] = []

    def read_and_cancel(box: QMessageBox) -> None:
        answers.append([b.text() for b in box.findChildren(QAbstractButton) if b.isVisible()])
        box.button(QMessageBox.StandardButton.Cancel).click()

    when(QMessageBox, read_and_cancel)
    buttons = (
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Cancel
    )
    answer = QMessageBox.question(None, "Vernelogg", "Lagre endringene?", buttons)
    check_answers()
    assert answer == QMessageBox.StandardButton.Cancel
    assert set(answers[0]) >= {"&Ja", "&Nei", "Avbryt"}
    box = QMessageBox(QMessageBox.Icon.Warning, "Vernelogg", "Noe gikk galt")
    box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Discard)
    box.setDetailedText("Detaljer for feilsøking")
    texts = {b.text() for b in box.buttons()}
    assert {"OK", "Forkast", "Vis detaljer …"} <= texts
    box.deleteLater()


def test_standard_dialog_buttons_are_norwegian(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    buttons = dialog.findChild(QDialogButtonBox)
    assert [b.text() for b in buttons.buttons()] == ["Lukk"]
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save
        | QDialogButtonBox.StandardButton.Apply
        | QDialogButtonBox.StandardButton.Reset
        | QDialogButtonBox.StandardButton.Help
    )
    qtbot.addWidget(box)
    assert {b.text().replace("&", "") for b in box.buttons()} == {
        "Lagre",
        "Bruk",
        "Tilbakestill",
        "Hjelp",
    }


def test_bokmal_first_and_qt_nynorsk_for_what_the_catalogue_leaves_out(ctx):
    from pathlib import Path

    from vernelogg.ui.translations import qt_folders

    translate = QCoreApplication.translate
    assert translate("QFileDialog", "Forward") == "Fremover"  # Qt's nynorsk says «Fram»
    assert any((Path(folder) / "qtbase_nn.qm").is_file() for folder in qt_folders())
    assert translate("QColorDialog", "&Red:") == "&Raud:"  # not in ours: Qt's nynorsk


def test_key_names_in_norwegian_still_parse_the_keys_the_app_binds(ctx):
    """Shortcuts are written in English in the code («Left», «Space»); with the key names
    translated they still mean the same keys, and read in Norwegian where a key has no
    label of its own."""
    from PySide6.QtGui import QKeySequence

    native = QKeySequence.SequenceFormat.NativeText
    for keys, key, shown in (
        ("Left", Qt.Key.Key_Left, "Venstre"),
        ("PgDown", Qt.Key.Key_PageDown, "PgDown"),
        ("Space", Qt.Key.Key_Space, "Mellomrom"),
        ("Esc", Qt.Key.Key_Escape, "Esc"),
        ("Ctrl+Shift+A", Qt.Key.Key_A, "Ctrl+Shift+A"),
    ):
        sequence = QKeySequence(keys)
        assert sequence[0].key() == key, keys
        assert sequence.toString(native) == shown
