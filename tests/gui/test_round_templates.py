"""The checklist editor, with the keyboard: copy a shipped list, add, move, archive."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.gui.helpers import handle_dialog, press, type_text
from vernelogg.services import rounds
from vernelogg.ui.rounds.templates_dialog import TemplateEditorDialog

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def test_copy_and_edit_a_checklist_with_the_keyboard(qtbot, show, ctx):
    dialog = show(TemplateEditorDialog(ctx.db))
    assert dialog.current_template().ref == "builtin:generell"
    assert not dialog.add_button.isEnabled()  # shipped lists are read-only
    dialog.templates.setFocus()
    type_text(qtbot, "Kontor")
    assert dialog.current_template().ref == "builtin:kontor"

    def name_copy(copy) -> None:
        assert copy.name.text() == "Kopi av Kontor og administrasjon"
        type_text(qtbot, "Kontor Fjordheim")  # the suggested name is selected
        press(qtbot, Key.Key_Return)

    handle_dialog(qtbot, name_copy, lambda: press(qtbot, Key.Key_D, CTRL))
    mine = dialog.current_template()
    assert (mine.name, mine.builtin, mine.item_count) == ("Kontor Fjordheim", False, 31)

    dialog.items.setFocus()
    press(qtbot, Key.Key_End, CTRL)

    def new_point(point) -> None:
        type_text(qtbot, "Vold")
        assert point.group.currentData() == "violence"
        press(qtbot, Key.Key_Tab)
        type_text(qtbot, "Alarmknappen ved skranken testes hver måned.")
        press(qtbot, Key.Key_Return)

    handle_dialog(qtbot, new_point, lambda: press(qtbot, Key.Key_N, CTRL))
    press(qtbot, Key.Key_Up, CTRL)
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)  # moved on the worker
    press(qtbot, Key.Key_Home, CTRL)

    def agree(box) -> None:
        assert isinstance(box, QMessageBox)
        press(qtbot, Key.Key_Return)

    handle_dialog(qtbot, agree, lambda: press(qtbot, Key.Key_Delete))
    qtbot.waitUntil(lambda: not dialog.is_saving(), timeout=10_000)

    detail = rounds.get_template(ctx.db, mine.ref)
    texts = [i.text for i in detail.items]
    assert texts[-2] == "Alarmknappen ved skranken testes hver måned."
    assert detail.items[-2].group.value == "violence"
    assert detail.items[0].archived and not detail.items[1].archived
    assert detail.info.item_count == 31
    assert QApplication.activeModalWidget() is None
    assert dialog.item_archive_button.text() == "Hent fram punkt"
