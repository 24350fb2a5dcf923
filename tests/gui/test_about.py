"""App identity as a person sees it: the icon, the About dialog, the Fil menu."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel

from tests.gui.helpers import when_dialog_opens
from vernelogg import __version__
from vernelogg.ui.about import ICON_SIZE, AboutDialog, database_location
from vernelogg.ui.icon import app_icon, icon_sizes
from vernelogg.ui.main_window import MainWindow

NAVY = QColor("#17324d")
YELLOW = QColor("#f2c12e")


def has_colour(image: QImage, colour: QColor, tolerance: int = 12) -> bool:
    """True if some pixel of `image` is within `tolerance` of `colour` in every channel."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - colour.red()) <= tolerance
                and abs(pixel.green() - colour.green()) <= tolerance
                and abs(pixel.blue() - colour.blue()) <= tolerance
            ):
                return True
    return False


def test_the_app_icon_has_a_crisp_bitmap_for_every_size(ctx):
    assert icon_sizes() == [16, 24, 32, 48, 64, 128, 256, 512]
    window_icon = QApplication.instance().windowIcon()
    assert {(s.width(), s.height()) for s in window_icon.availableSizes()} >= {
        (16, 16),
        (32, 32),
        (256, 256),
    }
    small = app_icon().pixmap(QSize(16, 16)).toImage()
    assert (small.width(), small.height()) == (16, 16)
    assert has_colour(small, NAVY, 40) and has_colour(small, YELLOW, 40)


def test_about_dialog_shows_icon_version_licence_and_where_the_data_is(qtbot, ctx, show):
    dialog = AboutDialog(ctx.db)
    show(dialog)
    text = dialog.findChild(QLabel, "aboutText").text()
    assert f"Vernelogg {__version__}" in text
    assert "Lisens: MIT" in text
    assert escape(database_location(ctx.db)) in text  # the label is HTML
    if ctx.db.is_sqlite:  # a server database is backed up by its administrators
        assert "Ta sikkerhetskopi nå" in text
    pixmap = dialog.findChild(QLabel, "aboutIcon").pixmap()
    assert not pixmap.isNull()
    assert pixmap.width() == ICON_SIZE
    image = dialog.grab().toImage()
    assert has_colour(image, NAVY) and has_colour(image, YELLOW)


def test_about_dialog_for_a_shared_database_names_the_server_not_the_password(qapp):
    class Remote:  # what the dialog reads of a Database opened on a PostgreSQL URL
        path = None
        url = "postgresql+psycopg://vo:hemmelig@db.example.internal/vernelogg"

    dialog = AboutDialog(Remote())  # type: ignore[arg-type]
    text = dialog.findChild(QLabel, "aboutText").text()
    assert "db.example.internal/vernelogg" in text
    assert "hemmelig" not in text
    dialog.deleteLater()


def test_help_menu_opens_about_and_lukk_closes_it(qtbot, ctx, show):
    window = MainWindow(ctx)
    show(window)
    seen: list[str] = []

    def answer(dialog) -> None:
        seen.append(dialog.windowTitle())
        seen.append(dialog.findChild(QLabel, "aboutText").text())
        box = dialog.findChild(QDialogButtonBox)
        close = box.button(QDialogButtonBox.StandardButton.Close)
        seen.append(close.text())
        qtbot.mouseClick(close, Qt.MouseButton.LeftButton)

    when_dialog_opens(answer)
    window.about_action.trigger()
    assert seen[0] == "Om Vernelogg"
    assert __version__ in seen[1]
    assert seen[2] == "Lukk"
    help_menu = window.menuBar().actions()[1].menu()
    assert window.about_action in help_menu.actions()


def test_screenshots_include_the_file_menu_and_the_about_dialog(demo_ctx, tmp_path):
    from vernelogg.commands.screenshots import take_screenshots

    files = take_screenshots(demo_ctx.db, tmp_path)
    names = [f.name for f in files]
    assert names[-2:] == ["fil-meny.png", "om-vernelogg.png"]
    menu = QImage(str(tmp_path / "fil-meny.png"))
    assert (menu.width(), menu.height()) == (1280, 800)
    about = QImage(str(tmp_path / "om-vernelogg.png"))
    assert about.width() >= 500
    # The icon sits in the top left corner of the dialog.
    corner = about.copy(0, 0, ICON_SIZE + 30, ICON_SIZE + 30)
    assert has_colour(corner, NAVY) and has_colour(corner, YELLOW)


def test_the_installed_app_shows_why_it_cannot_open_the_database(qapp, monkeypatch):
    import sys

    from vernelogg.ui.app import show_startup_error

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    seen: list[str] = []

    def answer(box) -> None:
        seen.append(box.text())
        box.accept()

    when_dialog_opens(answer)
    show_startup_error("Får ikke kontakt med databasen «postgresql+psycopg://vo:***@db/x».")
    assert seen and seen[0].startswith("Vernelogg kan ikke åpne databasen.")
    assert "Får ikke kontakt med databasen" in seen[0]


def test_from_a_terminal_the_error_line_is_enough(qapp, monkeypatch):
    import sys

    from vernelogg.ui.app import show_startup_error

    monkeypatch.delattr(sys, "frozen", raising=False)
    show_startup_error("Databasen er låst.")  # returns at once: no dialog waits for a click
    assert QApplication.activeModalWidget() is None


def test_a_server_address_is_shown_without_its_password():
    from types import SimpleNamespace

    from vernelogg.ui.about import database_location

    server = SimpleNamespace(path=None, url="postgresql+psycopg://ola:hemmelig@tjener/vernelogg")
    assert database_location(server) == "postgresql+psycopg://ola:***@tjener/vernelogg"
