"""What the round services hand to the UI and the reports: frozen dataclasses only."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from vernelogg.domain.checklists import HazardGroup
from vernelogg.domain.rounds import Answer, ItemKind, RoundCounts, RoundStatus
from vernelogg.i18n import _
from vernelogg.services.attachments import AttachmentInfo

ITEM_ATTACHMENT_KIND = "round_item"
# Where the copies of a finding's photos go (owner_kind = the record's table).
DEVIATION_ATTACHMENT_KIND = "deviation"
ACTION_ATTACHMENT_KIND = "action"


@dataclass(frozen=True)
class TemplateInfo:
    """A checklist that a round can use: shipped (read-only) or the user's own."""

    ref: str  # "builtin:kontor" or the user template's id
    name: str
    branch: str
    description: str
    builtin: bool
    item_count: int
    archived: bool = False
    copied_from: str = ""

    @property
    def label(self) -> str:
        if self.builtin:
            return _("{name} (innebygd)").format(name=self.name)
        return self.name


@dataclass(frozen=True)
class TemplateItemInfo:
    id: str  # the user template item's id; the key for shipped templates
    position: int
    key: str
    group: HazardGroup
    text: str
    guidance: str
    archived: bool = False


@dataclass(frozen=True)
class TemplateDetail:
    info: TemplateInfo
    items: tuple[TemplateItemInfo, ...]

    @property
    def active_items(self) -> tuple[TemplateItemInfo, ...]:
        return tuple(i for i in self.items if not i.archived)


@dataclass(frozen=True)
class FollowUpInfo:
    """An avvik or tiltak made from a finding, with its owner and deadline."""

    kind: str  # "deviation" or "action"
    id: str
    label: str  # "AV-2026-0012" or the action's title
    status_label: str
    owner_name: str | None
    deadline: date | None

    @property
    def kind_label(self) -> str:
        return _("Avvik") if self.kind == "deviation" else _("Tiltak")


@dataclass(frozen=True)
class ItemInfo:
    """One check point of a round (as it ran) or a free finding."""

    id: str
    round_id: str
    position: int
    label: str  # "7" for check point 7, "F1" for the first free finding
    kind: ItemKind
    key: str
    group: HazardGroup | None
    text: str
    guidance: str
    answer: Answer | None
    comment: str
    answered_at: datetime | None
    photos: tuple[AttachmentInfo, ...] = ()
    deviation: FollowUpInfo | None = None
    action: FollowUpInfo | None = None

    @property
    def is_finding(self) -> bool:
        return self.kind is ItemKind.FINDING or self.answer is Answer.NOT_OK

    @property
    def is_answered(self) -> bool:
        return self.kind is ItemKind.FINDING or self.answer is not None

    @property
    def group_label(self) -> str:
        return self.group.label if self.group else _("Fritt funn")


# RoundInfo has a property named `date`; inside it the type is named by this alias.
Day = date


@dataclass(frozen=True)
class RoundInfo:
    """A round as listed: where, when, who, how far, and how it went."""

    id: str
    number: str
    area_id: str
    area_name: str
    planned_date: date
    status: RoundStatus
    template_ref: str
    checklist_name: str
    delegate_id: str | None
    delegate_name: str | None
    leader_id: str | None
    leader_name: str | None
    other_participants: str
    notes: str
    held_on: date | None
    closed_on: date | None
    signed_delegate: str
    signed_leader: str
    counts: RoundCounts = field(default_factory=RoundCounts)
    archived: bool = False
    # Taken to a laptop: nothing on the server writes to it until it is delivered.
    checked_out_by: str = ""
    checked_out_at: datetime | None = None
    checked_out_to: str = ""

    @property
    def is_checked_out(self) -> bool:
        return self.checked_out_at is not None

    @property
    def date(self) -> date:
        """The day it was held, or the day it is planned for."""
        return self.held_on or self.planned_date

    @property
    def title(self) -> str:
        return _("Vernerunde {number} – {area}").format(number=self.number, area=self.area_name)

    @property
    def is_closed(self) -> bool:
        return self.status is RoundStatus.CLOSED

    def is_overdue(self, today: Day) -> bool:
        return self.status is RoundStatus.PLANNED and self.planned_date < today

    @property
    def participants_text(self) -> str:
        parts = []
        if self.delegate_name:
            parts.append(_("{name} (verneombud)").format(name=self.delegate_name))
        if self.leader_name:
            parts.append(_("{name} (leder)").format(name=self.leader_name))
        if self.other_participants.strip():
            parts.append(self.other_participants.strip())
        return ", ".join(parts)


@dataclass(frozen=True)
class AddendumInfo:
    id: str
    text: str
    written_by: str
    written_at: datetime


@dataclass(frozen=True)
class RoundDetail:
    """Everything about one round: the points as run, findings, follow-ups, addenda."""

    info: RoundInfo
    items: tuple[ItemInfo, ...]
    addenda: tuple[AddendumInfo, ...] = ()

    @property
    def check_items(self) -> tuple[ItemInfo, ...]:
        return tuple(i for i in self.items if i.kind is ItemKind.CHECK)

    @property
    def findings(self) -> tuple[ItemInfo, ...]:
        return tuple(i for i in self.items if i.is_finding)

    @property
    def follow_ups(self) -> tuple[FollowUpInfo, ...]:
        out: list[FollowUpInfo] = []
        for item in self.items:
            out.extend(f for f in (item.deviation, item.action) if f is not None)
        return tuple(out)

    @property
    def resume_index(self) -> int:
        """Where to continue: the first unanswered check point (0 when all are answered)."""
        for index, item in enumerate(self.items):
            if not item.is_answered:
                return index
        return 0

    def index_of(self, item_id: str) -> int:
        for index, item in enumerate(self.items):
            if item.id == item_id:
                return index
        raise KeyError(item_id)

    def with_answer(
        self, item_id: str, answer: Answer | None, at: datetime | None = None
    ) -> RoundDetail:
        """The round as it stands once check point `item_id` is answered at `at` (the round
        screen shows it at once while the answer is saved, and reads the stored round
        after)."""

        def answered(item: ItemInfo) -> ItemInfo:
            if item.answer is answer:
                return item
            return replace(item, answer=answer, answered_at=at if answer else None)

        items = tuple(answered(i) if i.id == item_id else i for i in self.items)
        return replace(self, items=items, info=replace(self.info, counts=counts_of(items)))


def counts_of(items: tuple[ItemInfo, ...]) -> RoundCounts:
    """The tally of a round's points and findings (as services/rounds/common.py counts)."""
    checks = [i for i in items if i.kind is ItemKind.CHECK]
    answers = [i.answer for i in checks]
    return RoundCounts(
        points=len(checks),
        answered=sum(1 for a in answers if a is not None),
        ok=answers.count(Answer.OK),
        not_ok=answers.count(Answer.NOT_OK),
        not_relevant=answers.count(Answer.NOT_RELEVANT),
        free_findings=len(items) - len(checks),
    )


@dataclass(frozen=True)
class FindingDefaults:
    """What an avvik or tiltak made from a finding starts with."""

    item_id: str
    round_id: str
    area_id: str
    area_name: str
    round_label: str
    title: str
    description: str
    reporter_name: str
    owner_id: str | None
    occurred_at: datetime
    photo_count: int


@dataclass(frozen=True)
class AreaRoundsSummary:
    area_id: str
    area_name: str
    planned: int  # rounds planned for a day in the year
    done: int  # rounds closed in the year
    findings: int  # not-OK points and free findings in those closed rounds
    archived_area: bool = False


@dataclass(frozen=True)
class RoundsYearSummary:
    """Rounds planned and done per area in one year (for the annual report)."""

    year: int
    areas: tuple[AreaRoundsSummary, ...]

    @property
    def planned(self) -> int:
        return sum(a.planned for a in self.areas)

    @property
    def done(self) -> int:
        return sum(a.done for a in self.areas)

    @property
    def findings(self) -> int:
        return sum(a.findings for a in self.areas)

    def for_area(self, area_id: str) -> AreaRoundsSummary | None:
        return next((a for a in self.areas if a.area_id == area_id), None)
