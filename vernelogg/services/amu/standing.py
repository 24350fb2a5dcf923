"""Standing items (faste saker) for AMU, filled from the data: one registry, one function each.

A provider is a function `(session, date_from, date_to) -> StandingItem | None`. It reads
what happened in the period (both days included) and returns what the committee should
see: a summary sentence, a few small figure tables and the detailed rows. It returns None
when it has nothing to say at all (e.g. the feature is not in use). The same providers
give the key HMS figures in the AMU annual report (the period is then the year), which
shows the summary and the figure tables, not the rows.

Adding a feature (rounds, stops of work, training) is one function and one line:

    def rounds_item(session, date_from, date_to) -> StandingItem | None: ...
    STANDING_ITEM_PROVIDERS.append(rounds_item)

Confidential text never leaves a provider (OLM § 3-17), and reporters are never named.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from vernelogg.domain.actions import ActionSource, ActionStatus
from vernelogg.domain.deviations import (
    NOTIFIABLE_KINDS,
    DeviationKind,
    DeviationStatus,
    Severity,
)
from vernelogg.domain.formatting import OSLO, fmt_date
from vernelogg.i18n import _, ngettext
from vernelogg.services.confidential import shared_text
from vernelogg.store.models import Action, Deviation, Person, SafetyArea

NOTIFIABLE = {k.value for k in NOTIFIABLE_KINDS}

MAX_ROWS = 60


@dataclass(frozen=True)
class FigureTable:
    """A small table of key figures: a caption, column titles and rows of text."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class StandingItem:
    key: str  # stable id of the provider: "deviations", "actions", "rounds", …
    title: str  # the case title on the agenda
    summary: str  # one or two sentences with the numbers that matter
    figures: tuple[FigureTable, ...] = ()
    columns: tuple[str, ...] = ()  # the detailed list (meeting only)
    rows: tuple[tuple[str, ...], ...] = ()
    note: str = ""  # e.g. rows left out, confidential text left out
    date_from: date | None = None
    date_to: date | None = None
    widths: tuple[float, ...] = field(default=())  # column widths in mm (scaled to fit)
    heading: str = ""  # a title without «since the last meeting», for the annual report

    @property
    def annual_heading(self) -> str:
        return self.heading or self.title

    @property
    def period_text(self) -> str:
        if self.date_from and self.date_to:
            return f"{fmt_date(self.date_from)}–{fmt_date(self.date_to)}"
        return ""

    def to_json(self) -> str:
        data = asdict(self)
        data["date_from"] = self.date_from.isoformat() if self.date_from else None
        data["date_to"] = self.date_to.isoformat() if self.date_to else None
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> StandingItem:
        data = json.loads(text)
        figures = tuple(
            FigureTable(f["caption"], tuple(f["columns"]), tuple(tuple(r) for r in f["rows"]))
            for f in data.get("figures", ())
        )
        return cls(
            key=data["key"],
            title=data["title"],
            summary=data.get("summary", ""),
            figures=figures,
            columns=tuple(data.get("columns", ())),
            rows=tuple(tuple(r) for r in data.get("rows", ())),
            note=data.get("note", ""),
            date_from=date.fromisoformat(data["date_from"]) if data.get("date_from") else None,
            date_to=date.fromisoformat(data["date_to"]) if data.get("date_to") else None,
            widths=tuple(data.get("widths", ())),
            heading=data.get("heading", ""),
        )


StandingProvider = Callable[[Session, date, date], StandingItem | None]


def oslo_bounds(date_from: date, date_to: date) -> tuple[datetime, datetime]:
    """[start of date_from, start of the day after date_to) as aware Oslo datetimes."""
    start = datetime.combine(date_from, time.min, OSLO)
    end = datetime.combine(date_to + timedelta(days=1), time.min, OSLO)
    return start, end


def _label(enum: type, value: str) -> str:
    try:
        return enum(value).label
    except ValueError:
        return value


def _source_text(kind: str, label: str | None) -> str:
    """«Avvik AV-2026-0042»; a label that already names its kind is not prefixed again."""
    if not label:
        return kind
    if label.lower().startswith(kind.lower()):
        return label
    return f"{kind} {label}"


def _short(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- avvik and injuries --------------------------------------------------------------


@dataclass
class _DeviationCounts:
    """The period's avvik counted per kind (SQL); the wording is made from these."""

    kinds: Counter = field(default_factory=Counter)
    grave: Counter = field(default_factory=Counter)  # high or serious
    closed: Counter = field(default_factory=Counter)
    serious_injuries: int = 0  # of the kinds aml. § 5-2 is about

    @property
    def total(self) -> int:
        return sum(self.kinds.values())

    def of(self, kind: DeviationKind) -> int:
        return self.kinds.get(kind.value, 0)


def _count_deviations(session: Session, in_period: tuple) -> _DeviationCounts:
    """Counted in SQL, grouped: a year of a large undertaking is ten thousand avvik."""
    counts = _DeviationCounts()
    for kind, severity, status, n in session.execute(
        select(Deviation.kind, Deviation.severity, Deviation.status, func.count())
        .join(SafetyArea, SafetyArea.id == Deviation.area_id)
        .where(*in_period)
        .group_by(Deviation.kind, Deviation.severity, Deviation.status)
    ):
        counts.kinds[kind] += n
        if severity in (Severity.HIGH.value, Severity.SERIOUS.value):
            counts.grave[kind] += n
        if status == DeviationStatus.CLOSED.value:
            counts.closed[kind] += n
        if kind in NOTIFIABLE and severity == Severity.SERIOUS.value:
            counts.serious_injuries += n
    return counts


def _deviation_summary(c: _DeviationCounts) -> str:
    """What aml. § 7-2 (4) has the committee review: accidents, near misses, illness."""
    if not c.total:
        return _("Ingen avvik eller skader er registrert i perioden.")
    injuries = c.of(DeviationKind.PERSONAL_INJURY)
    near_misses = c.of(DeviationKind.NEAR_MISS)
    illnesses = c.of(DeviationKind.OCCUPATIONAL_ILLNESS)
    summary = ngettext(
        "{n} avvik registrert i perioden, herav {injuries}, {near_misses} og {illnesses}.",
        "{n} avvik registrert i perioden, herav {injuries}, {near_misses} og {illnesses}.",
        c.total,
    ).format(
        n=c.total,
        injuries=ngettext("{n} personskade", "{n} personskader", injuries).format(n=injuries),
        near_misses=ngettext("{n} nestenulykke", "{n} nestenulykker", near_misses).format(
            n=near_misses
        ),
        illnesses=ngettext(
            "{n} tilfelle av yrkessykdom", "{n} tilfeller av yrkessykdom", illnesses
        ).format(n=illnesses),
    )
    if c.serious_injuries:
        summary += " " + ngettext(
            "{n} alvorlig skade (også ved vold eller trusler) skal varsles Arbeidstilsynet og"
            " politiet straks og bekreftes skriftlig, med kopi til verneombudet (aml. § 5-2).",
            "{n} alvorlige skader (også ved vold eller trusler) skal varsles Arbeidstilsynet og"
            " politiet straks og bekreftes skriftlig, med kopi til verneombudet (aml. § 5-2).",
            c.serious_injuries,
        ).format(n=c.serious_injuries)
    still_open = c.total - sum(c.closed.values())
    return (
        summary
        + " "
        + ngettext("{n} er ikke lukket ennå.", "{n} er ikke lukket ennå.", still_open).format(
            n=still_open
        )
    )


def _deviation_figures(c: _DeviationCounts) -> tuple[FigureTable, ...]:
    known = [k.value for k in DeviationKind]
    order = known + sorted(k for k in c.kinds if k not in known)
    by_kind = tuple(
        (
            _label(DeviationKind, k),
            str(c.kinds.get(k, 0)),
            str(c.grave.get(k, 0)),
            str(c.closed.get(k, 0)),
        )
        for k in order
    )
    total = (_("Sum"), str(c.total), str(sum(c.grave.values())), str(sum(c.closed.values())))
    return (
        FigureTable(
            _("Avvik etter type"),
            (_("Type"), _("Antall"), _("Høy/alvorlig"), _("Lukket")),
            (*by_kind, total),
        ),
    )


def deviations_item(session: Session, date_from: date, date_to: date) -> StandingItem:
    """Avvik and injuries in the period (aml. § 7-2 (4): AMU reviews injuries and near
    misses). Confidential descriptions are left out; reporters are never named."""
    start, end = oslo_bounds(date_from, date_to)
    in_period = (
        Deviation.archived_at.is_(None),
        Deviation.occurred_at >= start,
        Deviation.occurred_at < end,
    )
    counts = _count_deviations(session, in_period)
    listed = session.execute(
        select(
            Deviation.number,
            Deviation.occurred_at,
            SafetyArea.name,
            Deviation.kind,
            Deviation.severity,
            Deviation.status,
            Deviation.confidential,
            Deviation.description,
        )
        .join(SafetyArea, SafetyArea.id == Deviation.area_id)
        .where(*in_period)
        .order_by(Deviation.occurred_at, Deviation.number)
        .limit(MAX_ROWS)
    ).all()
    details = []
    confidential = 0
    for number, occurred_at, area_name, kind, severity, status, secret, description in listed:
        if secret:
            confidential += 1
        details.append(
            (
                number,
                fmt_date(occurred_at),
                area_name,
                _label(DeviationKind, kind),
                _label(Severity, severity),
                _label(DeviationStatus, status),
                shared_text(_short(description), bool(secret)),
            )
        )
    notes = []
    if counts.total > MAX_ROWS:
        notes.append(
            ngettext(
                "Listen viser de {shown} første av {n} avvik.",
                "Listen viser de {shown} første av {n} avvik.",
                counts.total,
            ).format(shown=MAX_ROWS, n=counts.total)
        )
    if confidential:
        notes.append(
            ngettext(
                "Beskrivelsen av {n} konfidensielt avvik er utelatt (OLM § 3-17).",
                "Beskrivelsen av {n} konfidensielle avvik er utelatt (OLM § 3-17).",
                confidential,
            ).format(n=confidential)
        )
    return StandingItem(
        key="deviations",
        title=_("Avvik og skader siden forrige møte"),
        summary=_deviation_summary(counts),
        figures=_deviation_figures(counts),
        columns=(
            _("Nr."),
            _("Dato"),
            _("Område"),
            _("Type"),
            _("Alvorlighet"),
            _("Status"),
            _("Hva skjedde"),
        ),
        rows=tuple(details),
        note=" ".join(notes),
        date_from=date_from,
        date_to=date_to,
        widths=(25, 19, 23, 25, 23, 22, 37),
        heading=_("Avvik og skader"),
    )


# --- the action plan -----------------------------------------------------------------


def _open_on(day: date):
    """Actions open at the end of `day`: created by then, not done by then, not cancelled."""
    _start, end = oslo_bounds(day, day)
    return and_(
        Action.archived_at.is_(None),
        Action.created_at < end,
        Action.status != ActionStatus.CANCELLED.value,
        or_(
            Action.status.in_([ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value]),
            and_(Action.status == ActionStatus.DONE.value, Action.done_date > day),
        ),
    )


@dataclass
class _ActionCounts:
    """The action plan per source (SQL): open and overdue at the end of the period,
    created and carried out during it."""

    open_by: Counter = field(default_factory=Counter)
    overdue_by: Counter = field(default_factory=Counter)
    created: Counter = field(default_factory=Counter)
    done: Counter = field(default_factory=Counter)

    @property
    def open_total(self) -> int:
        return sum(self.open_by.values())

    @property
    def overdue_total(self) -> int:
        return sum(self.overdue_by.values())


def _count_actions(session: Session, date_from: date, date_to: date, is_overdue) -> _ActionCounts:
    start, end = oslo_bounds(date_from, date_to)
    counts = _ActionCounts()
    for kind, n, late in session.execute(
        select(
            Action.source_kind,
            func.count(),
            func.sum(case((is_overdue, 1), else_=0)),
        )
        .where(_open_on(date_to))
        .group_by(Action.source_kind)
    ):
        counts.open_by[kind] += n
        counts.overdue_by[kind] += int(late or 0)
    counts.created.update(
        kind
        for (kind,) in session.execute(
            select(Action.source_kind).where(
                Action.archived_at.is_(None), Action.created_at >= start, Action.created_at < end
            )
        )
    )
    counts.done.update(
        kind
        for (kind,) in session.execute(
            select(Action.source_kind).where(
                Action.archived_at.is_(None),
                Action.status == ActionStatus.DONE.value,
                Action.done_date >= date_from,
                Action.done_date <= date_to,
            )
        )
    )
    return counts


def _action_summary(c: _ActionCounts) -> str:
    if not c.open_total and not c.created and not c.done:
        return _("Handlingsplanen har ingen åpne tiltak, og ingen tiltak ble lagt til i perioden.")
    created = sum(c.created.values())
    still_open = ngettext(
        "{n} tiltak i handlingsplanen er åpne ved periodens slutt, herav {overdue} forfalt.",
        "{n} tiltak i handlingsplanen er åpne ved periodens slutt, herav {overdue} forfalt.",
        c.open_total,
    ).format(n=c.open_total, overdue=c.overdue_total)
    added = ngettext(
        "I perioden ble {n} tiltak lagt til og {done} utført.",
        "I perioden ble {n} tiltak lagt til og {done} utført.",
        created,
    ).format(n=created, done=sum(c.done.values()))
    return f"{still_open} {added}"


def _action_figures(c: _ActionCounts) -> tuple[FigureTable, ...]:
    sources = [s.value for s in ActionSource]
    kinds = sources + sorted((set(c.created) | set(c.done) | set(c.open_by)) - set(sources))
    figure_rows = tuple(
        (
            _label(ActionSource, k),
            str(c.created.get(k, 0)),
            str(c.done.get(k, 0)),
            str(c.open_by.get(k, 0)),
            str(c.overdue_by.get(k, 0)),
        )
        for k in kinds
        if c.created.get(k) or c.done.get(k) or c.open_by.get(k)
    )
    total = (
        _("Sum"),
        str(sum(c.created.values())),
        str(sum(c.done.values())),
        str(c.open_total),
        str(c.overdue_total),
    )
    return (
        FigureTable(
            _("Tiltak etter kilde"),
            (_("Kilde"), _("Nye"), _("Utført"), _("Åpne"), _("Forfalt")),
            (*figure_rows, total),
        ),
    )


def actions_item(session: Session, date_from: date, date_to: date) -> StandingItem:
    """Status of the action plan: open and overdue actions at the end of the period,
    and what was created and carried out during it."""
    is_overdue = and_(Action.deadline.is_not(None), Action.deadline < date_to)
    counts = _count_actions(session, date_from, date_to, is_overdue)
    listed = session.execute(
        select(Action, Person.name, SafetyArea.name)
        .outerjoin(Person, Person.id == Action.owner_id)
        .outerjoin(SafetyArea, SafetyArea.id == Action.area_id)
        .where(_open_on(date_to), is_overdue)
        .order_by(Action.deadline, Action.title)
        .limit(MAX_ROWS)
    ).all()
    details = tuple(
        (
            _short(a.title, 110),
            owner or _("— ingen —"),
            area or "",
            fmt_date(a.deadline),
            _("{days} d").format(days=(date_to - a.deadline).days) if a.deadline else "",
            _source_text(_label(ActionSource, a.source_kind), a.source_label),
        )
        for a, owner, area in listed
    )
    note = ""
    if counts.overdue_total > MAX_ROWS:
        note = ngettext(
            "Listen viser de {shown} eldste av {n} forfalte tiltak.",
            "Listen viser de {shown} eldste av {n} forfalte tiltak.",
            counts.overdue_total,
        ).format(shown=MAX_ROWS, n=counts.overdue_total)
    return StandingItem(
        key="actions",
        title=_("Handlingsplanen: åpne og forfalte tiltak"),
        summary=_action_summary(counts),
        figures=_action_figures(counts),
        columns=(
            _("Forfalt tiltak"),
            _("Ansvarlig"),
            _("Område"),
            _("Frist"),
            _("Over frist"),
            _("Kilde"),
        ),
        rows=details,
        note=note,
        date_from=date_from,
        date_to=date_to,
        widths=(52, 28, 24, 21, 15, 34),
        heading=_("Handlingsplanen (tiltak)"),
    )


# The registry. Order = order on the agenda and in the annual report.
def _rounds_item(session: Session, date_from: date, date_to: date) -> StandingItem | None:
    from vernelogg.services.amu.standing_features import rounds_item

    return rounds_item(session, date_from, date_to)


def _stoppages_item(session: Session, date_from: date, date_to: date) -> StandingItem | None:
    from vernelogg.services.amu.standing_features import stoppages_item

    return stoppages_item(session, date_from, date_to)


STANDING_ITEM_PROVIDERS: list[StandingProvider] = [
    deviations_item,
    _stoppages_item,
    _rounds_item,
    actions_item,
]


def collect_standing_items(session: Session, date_from: date, date_to: date) -> list[StandingItem]:
    """Ask every provider; providers with nothing to say (None) are left out."""
    items = []
    for provider in list(STANDING_ITEM_PROVIDERS):
        item = provider(session, date_from, date_to)
        if item is not None:
            items.append(item)
    return items


def count_in_period(session: Session, model, column, date_from: date, date_to: date) -> int:
    """Small helper for providers: rows of `model` whose datetime `column` falls in the period."""
    start, end = oslo_bounds(date_from, date_to)
    return int(
        session.scalar(select(func.count()).select_from(model).where(column >= start, column < end))
        or 0
    )
