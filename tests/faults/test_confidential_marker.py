"""OLM § 3-17: no text of a confidential avvik leaves the app.

Every text field of several confidential avvik (open; closed; reopened; made from a
round finding; linked to a stop; with a § 5-2 notification note, comments, tiltak and
an attachment) gets a unique marker. Then every PDF, xlsx, csv and ics the command line
can write is read back (PDF text through pypdf) and must hold none of them. The one
exception is the deviation PDF asked for with `--include-confidential`.
"""

from __future__ import annotations

import csv
import re
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from vernelogg.cli import main
from vernelogg.domain.formatting import OSLO
from vernelogg.services import deviations as dev
from vernelogg.services.amu.agenda import pull_standing_items
from vernelogg.services.rounds.followup import create_deviation_from_item
from vernelogg.services.stoppage import latest_stoppage_id
from vernelogg.services.stoppage.links import link_deviation
from vernelogg.store.models import AmuMeeting, CheckItem, Person, SafetyArea

pytestmark = pytest.mark.faults

MARK = re.compile(r"ZQX\w+?QZ")


def m(name: str) -> str:
    return f"ZQX{name}QZ"


def _secret_avvik(db, area_id, person_id, tag: str, **extra) -> dev.DeviationRef:
    when = datetime(2026, 10, 5, 9, 0, tzinfo=OSLO)
    ref = dev.register_deviation(
        db,
        area_id=area_id,
        description=f"Beskrivelse {m(tag + 'desc')}",
        occurred_at=when,
        kind=extra.pop("kind", "harassment"),
        severity=extra.pop("severity", "medium"),
        reporter_name=f"Melder {m(tag + 'reporter')}",
        location=f"Sted {m(tag + 'location')}",
        immediate_action=f"Strakstiltak {m(tag + 'immediate')}",
        confidential=True,
        **extra,
    )
    dev.treat_deviation(
        db,
        ref.id,
        responsible_id=person_id,
        deadline=date(2026, 12, 1),
        cause=f"Årsak {m(tag + 'cause')}",
    )
    dev.add_comment(db, ref.id, f"Kommentar {m(tag + 'comment')}")
    dev.add_deviation_action(
        db,
        ref.id,
        title=f"Tiltak {m(tag + 'actiontitle')}",
        owner_id=person_id,
        deadline=date(2026, 12, 15),
        description=f"Tiltaksbeskrivelse {m(tag + 'actiondesc')}",
    )
    dev.attach_to_deviation(
        db,
        ref.id,
        filename=f"vedlegg-{m(tag + 'file')}.pdf",
        data=b"%PDF-1.4\n%%EOF\n",
        caption=f"Bildetekst {m(tag + 'caption')}",
    )
    return ref


def _close(db, deviation_id: str, tag: str, *, effective: bool) -> None:
    dev.advance(db, deviation_id, note=f"Behandles {m(tag + 'step1')}")
    dev.advance(db, deviation_id, note=f"Tiltak gjort {m(tag + 'step2')}")
    dev.close_deviation(
        db,
        deviation_id,
        effective=effective,
        note=f"Lukket {m(tag + 'closing')}",
        allow_open_actions=True,
    )


@pytest.fixture
def marked(demo_db):
    db = demo_db
    with db.read() as s:
        area_id = str(s.scalars(select(SafetyArea.id).order_by(SafetyArea.name)).first())
        person_id = str(s.scalars(select(Person.id).order_by(Person.name)).first())
        item_id, round_id = s.execute(
            select(CheckItem.id, CheckItem.round_id)
            .where(CheckItem.answer == "not_ok", CheckItem.deviation_id.is_(None))
            .order_by(CheckItem.id)
        ).first()
        meeting_id = str(
            s.scalars(
                select(AmuMeeting.id)
                .where(AmuMeeting.meeting_date >= date(2026, 11, 23))
                .order_by(AmuMeeting.meeting_date)
            ).first()
        )
    open_ = _secret_avvik(db, area_id, person_id, "open")
    closed = _secret_avvik(db, area_id, person_id, "closed")
    _close(db, closed.id, "closed", effective=True)
    reopened = _secret_avvik(db, area_id, person_id, "reopened")
    _close(db, reopened.id, "reopened", effective=False)
    dev.reopen_deviation(db, reopened.id, f"Gjenåpnet {m('reopenreason')}")
    injury = _secret_avvik(
        db, area_id, person_id, "injury", kind="personal_injury", severity="serious"
    )
    at = datetime(2026, 10, 5, 10, 0, tzinfo=OSLO)
    dev.record_notification(
        db,
        injury.id,
        authority_notified_at=at,
        police_notified_at=at + timedelta(minutes=5),
        delegate_copy_at=None,
        note=f"Varselmerknad {m('notificationnote')}",
    )
    finding = create_deviation_from_item(
        db, str(item_id), description=f"Fra funn {m('finding')}", confidential=True
    )
    stop_id = latest_stoppage_id(db)
    link_deviation(db, stop_id, closed.number)
    link_deviation(db, stop_id, open_.number)
    pull_standing_items(db, meeting_id)
    return {
        "db": db,
        "ids": [open_.id, closed.id, reopened.id, injury.id, finding.id],
        "injury": injury.id,
        "round_id": str(round_id),
        "meeting_id": meeting_id,
        "stop_id": stop_id,
    }


def _pdf_text(path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _xlsx_text(path) -> str:
    wb = load_workbook(path)
    return "\n".join(
        str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row
    ) + "\n".join(ws.title for ws in wb.worksheets)


def _read(path) -> str:
    if path.suffix == ".pdf":
        return _pdf_text(path)
    if path.suffix == ".xlsx":
        return _xlsx_text(path)
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as f:
            return "\n".join(";".join(r) for r in csv.reader(f, delimiter=";"))
    return path.read_text(encoding="utf-8")


def test_no_output_holds_confidential_text(marked, tmp_path, capsys):
    db = marked["db"]
    round_id = marked["round_id"]
    runs: list[tuple[str, list[str]]] = []
    for i, deviation_id in enumerate(marked["ids"]):
        runs.append((f"deviation{i}.pdf", ["report", "deviation", "--id", deviation_id]))
    runs += [
        ("stoppage.pdf", ["report", "stoppage", "--id", marked["stop_id"]]),
        ("notice.pdf", ["report", "stoppage-notice", "--id", marked["stop_id"]]),
        ("round.pdf", ["report", "round", "--id", round_id]),
        ("minutes.pdf", ["report", "amu-minutes", "--meeting", marked["meeting_id"]]),
        ("invitation.pdf", ["report", "amu-invitation", "--meeting", marked["meeting_id"]]),
        ("amu-annual.pdf", ["report", "amu-annual", "--year", "2026"]),
        ("annual.pdf", ["report", "annual", "--year", "2026"]),
        ("risk.pdf", ["report", "risk", "--id", "latest"]),
        ("annual.xlsx", ["export", "annual", "--year", "2026"]),
        ("calendar.ics", ["export", "calendar"]),
        ("calendar2026.ics", ["export", "calendar", "--year", "2026"]),
    ]
    for suffix in ("csv", "xlsx"):
        runs += [
            (f"deviations.{suffix}", ["export", "deviations"]),
            (f"deviations-found.{suffix}", ["export", "deviations", "--search", "ZQX"]),
            (f"actions.{suffix}", ["export", "actions", "--status", "alle"]),
            (f"actions-open.{suffix}", ["export", "actions"]),
        ]
    leaks = {}
    for name, args in runs:
        path = tmp_path / name
        code = main(["--db", db.url, *args, "-o", str(path)])
        assert code == 0, (name, capsys.readouterr().err)
        found = sorted(set(MARK.findall(_read(path))))
        if found:
            leaks[name] = found
    assert leaks == {}

    # The case file asked for on purpose holds the text (so the search above can fail).
    path = tmp_path / "case.pdf"
    args = ["report", "deviation", "--id", marked["injury"], "--include-confidential"]
    assert main(["--db", db.url, *args, "-o", str(path)]) == 0
    text = _pdf_text(path)
    for field in ("desc", "location", "immediate", "cause", "comment", "actiontitle"):
        assert m("injury" + field) in text
    assert m("notificationnote") in text
