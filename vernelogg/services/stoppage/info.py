"""What the stop-work services hand to the UI and reports: plain frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from vernelogg.domain.stoppage import EventKind, StoppageOutcome, stop_flags
from vernelogg.i18n import _
from vernelogg.services.actions import ActionInfo


@dataclass(frozen=True)
class StopperOption:
    """A person who may stop work on a given day (VO, deputy, HVO), for a picker."""

    person_id: str
    name: str
    role_label: str

    @property
    def text(self) -> str:
        return f"{self.name} ({self.role_label})"


@dataclass(frozen=True)
class StoppageRow:
    id: str
    number: str
    stopped_at: datetime
    area_id: str
    area_name: str
    stopped_by_id: str
    stopped_by_name: str
    work: str
    outcome: StoppageOutcome | None
    resumed_at: datetime | None
    employer_informed: bool
    archived: bool
    why_not_averted: str = ""

    @property
    def flags(self) -> list[str]:
        """What § 6-3 turns on that the stop still lacks (why not averted, employer told)."""
        return stop_flags(self.why_not_averted, self.employer_informed)

    @property
    def is_open(self) -> bool:
        """Open until the stop has both an outcome and a resume time."""
        return self.outcome is None or self.resumed_at is None

    @property
    def status_label(self) -> str:
        if self.outcome is None and self.resumed_at is None:
            return _("Stanset")
        if self.outcome is None:
            return _("Gjenopptatt – utfall mangler")
        if self.resumed_at is None:
            return _("{outcome} – ikke gjenopptatt").format(outcome=self.outcome.label)
        return self.outcome.label


@dataclass(frozen=True)
class EventInfo:
    """One event of the timeline. The stop itself comes first, with `id` None."""

    id: str | None
    kind: EventKind
    at: datetime
    person: str = ""
    channel: str = ""
    reference: str = ""
    text: str = ""

    @property
    def label(self) -> str:
        return self.kind.label

    @property
    def details(self) -> str:
        """The event in one line of plain language, for tables and PDFs."""
        parts = []
        if self.kind is EventKind.EMPLOYER_INFORMED:
            if self.person:
                parts.append(_("Varslet: {person}").format(person=self.person))
            if self.channel:
                parts.append(_("hvordan: {channel}").format(channel=self.channel.lower()))
        elif self.kind is EventKind.EMPLOYER_RESPONSE:
            if self.person:
                parts.append(_("Fra {person}").format(person=self.person))
        elif self.kind is EventKind.AUTHORITY_CONTACTED and self.channel:
            parts.append(_("Hvordan: {channel}").format(channel=self.channel.lower()))
        if self.reference:
            parts.append(_("ref. {reference}").format(reference=self.reference))
        head = ", ".join(parts)
        if head and self.text:
            return f"{head}. {self.text}"
        return head or self.text


@dataclass(frozen=True)
class DeviationLink:
    id: str
    number: str
    description: str
    kind_label: str
    status_label: str
    confidential: bool = False


@dataclass(frozen=True)
class StoppageDetail:
    row: StoppageRow
    stopped_by_role: str
    danger: str
    why_not_averted: str
    authority_reference: str
    timeline: tuple[EventInfo, ...]
    deviations: tuple[DeviationLink, ...] = ()
    actions: tuple[ActionInfo, ...] = ()
    organisation: str = ""
    area_leader: str | None = None

    @property
    def id(self) -> str:
        return self.row.id

    @property
    def number(self) -> str:
        return self.row.number

    def events_of(self, kind: EventKind) -> list[EventInfo]:
        return [e for e in self.timeline if e.kind is kind]

    @property
    def deviation_draft(self) -> str:
        """The avvik's «what happened», drafted from the stop."""
        return _(
            "Verneombudet stanset arbeidet ({number}): {work}. Umiddelbar fare: {danger}"
        ).format(number=self.number, work=self.row.work, danger=self.danger)

    @property
    def informed(self) -> EventInfo | None:
        """The first time the employer's representative was told, if recorded."""
        found = self.events_of(EventKind.EMPLOYER_INFORMED)
        return found[0] if found else None


@dataclass(frozen=True)
class StoppageFilter:
    """What the register shows: area, year, outcome ("open" = not ended yet)."""

    area_id: str | None = None
    year: int | None = None
    outcome: str | None = None  # a StoppageOutcome value, "open", or None for all
    include_archived: bool = False


@dataclass(frozen=True)
class StoppageSummary:
    """A year's stops for the annual HMS summary."""

    year: int
    count: int
    by_outcome: dict[StoppageOutcome, int] = field(default_factory=dict)
    without_outcome: int = 0
    by_area: dict[str, int] = field(default_factory=dict)  # area name → stops, most first
    open: int = 0
    employer_not_informed: int = 0
