"""Ta med på laptop from the rounds list: the checkout dialog, the round shown as out,
nothing on the server that writes to it, and the checkout undone with a confirm."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.conftest import TODAY
from tests.gui.helpers import check_answers, click, when
from vernelogg.services import areas, rounds
from vernelogg.ui.main_window import MainWindow
from vernelogg.ui.rounds.checkout_dialog import CheckoutDialog

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


def _loaded(qtbot, page) -> None:
    """Wait until what the page (or the round screen) reads on a worker thread is shown."""
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)


def test_take_a_round_to_the_laptop_and_undo_it(qtbot, show, ctx, tmp_path):
    area = areas.create_area(ctx.db, name="Verksted")
    plan = rounds.plan_round(
        ctx.db, area_id=area.id, planned_date=TODAY, template_ref="builtin:kontor", today=TODAY
    )
    window = show(MainWindow(ctx))
    qtbot.keyClick(window.nav, Key.Key_3, CTRL)
    page = window.pages["vernerunder"]
    _loaded(qtbot, page)
    page.list.select_round(plan.id)
    target = tmp_path / "laptop.sqlite"

    def take_along(dialog: CheckoutDialog) -> None:
        dialog.target.setText(str(target))
        click(qtbot, dialog.start)
        qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=20_000)
        assert "er tatt med til" in dialog.status.text()
        click(qtbot, dialog.close_button)

    when(CheckoutDialog, take_along)
    click(qtbot, page.list.checkout_button)
    check_answers()
    _loaded(qtbot, page)
    assert target.exists()
    assert page.list.planned_model.rows[0].is_checked_out
    assert not page.list.checkout_button.isEnabled()
    assert not page.list.edit_button.isEnabled()
    assert not page.list.cancel_button.isEnabled()

    conduct = page.open_round(plan.id)
    _loaded(qtbot, page)
    assert "tatt med på laptop" in conduct.start_panel.intro.text()
    assert not conduct.start_panel.start_button.isEnabled()
    assert not conduct.header.participants_button.isEnabled()
    assert conduct.header.badge.text() == "Tatt med på laptop"
    conduct.start_panel.start_requested.emit("builtin:kontor", TODAY)  # refused by the rule
    assert rounds.get_round_info(ctx.db, plan.id).status.value == "planned"
    conduct.go_back()
    _loaded(qtbot, page)
    page.list.select_round(plan.id)

    def undo(box: QMessageBox) -> None:
        assert "leveres ikke" in box.text()
        click(qtbot, next(b for b in box.buttons() if b.text() == "Angre utsjekken"))

    when(QMessageBox, undo)
    click(qtbot, page.list.release_button)
    check_answers()
    _loaded(qtbot, page)
    assert not rounds.get_round_info(ctx.db, plan.id).is_checked_out
    assert page.list.checkout_button.isEnabled()
