"""Send til ansvarlig / Send innkalling: the button writes an `.eml` draft with the PDF and
hands it to the system's mail program (replaced here by a list)."""

from __future__ import annotations

from email import message_from_bytes, policy

import pytest
from sqlalchemy import select

from tests.gui.helpers import click
from vernelogg.services.actions import get_action
from vernelogg.store.models import Action, AmuMeeting, Deviation
from vernelogg.ui.files import mail as ui_mail


@pytest.fixture
def opened(monkeypatch):
    paths = []
    monkeypatch.setattr(ui_mail, "open_draft", lambda path: paths.append(path) or True)
    return paths


def first(db, column, *where):
    with db.read() as s:
        return str(s.scalars(select(column).where(*where).limit(1)).one())


def read(path):
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    (pdf,) = list(message.iter_attachments())
    assert pdf.get_content().startswith(b"%PDF")
    return message


def test_send_til_ansvarlig_on_an_avvik_opens_a_draft(qtbot, show, demo_ctx, opened):
    from vernelogg.ui.deviations.detail_dialog import DeviationDialog

    deviation_id = first(demo_ctx.db, Deviation.id, Deviation.responsible_id.is_not(None))
    dialog = show(DeviationDialog(demo_ctx, deviation_id))
    assert dialog.mail_button.text() == "Send til ansvarlig"
    click(qtbot, dialog.mail_button)
    qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
    message = read(opened[0])
    assert message["Subject"] == f"Avvik {dialog.detail.number} til oppfølging"
    assert "@" in message["To"]
    qtbot.waitUntil(dialog.mail_button.isEnabled, timeout=5000)


def test_send_til_ansvarlig_on_a_tiltak_opens_a_draft(qtbot, show, demo_ctx, opened):
    from vernelogg.ui.deviations.dialogs import ActionDialog

    action_id = first(demo_ctx.db, Action.id, Action.owner_id.is_not(None))
    action = get_action(demo_ctx.db, action_id)
    dialog = show(ActionDialog(demo_ctx.db, today=demo_ctx.today(), action=action))
    click(qtbot, dialog.mail_button)
    qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
    assert read(opened[0])["Subject"] == f"Tiltak til oppfølging: {action.title}"


def test_send_innkalling_on_an_amu_meeting_opens_a_draft(qtbot, show, demo_ctx, opened):
    from vernelogg.ui.amu.editor import MeetingEditor

    editor = show(MeetingEditor(demo_ctx, lambda _id: None))
    editor.set_meeting(first(demo_ctx.db, AmuMeeting.id))
    qtbot.waitUntil(lambda: not editor.is_loading(), timeout=10_000)
    click(qtbot, editor.send_button)
    qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
    assert read(opened[0])["Subject"].startswith("Innkalling til AMU-møte ")
