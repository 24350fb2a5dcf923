"""The AMU annual report (årsrapport, aml. § 7-2): the committee, meetings held, cases by
kind, decisions and whether they were carried out, and the year's key HMS figures from
the standing-item providers (the same registry, with the year as the period)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from vernelogg import clock
from vernelogg.domain.amu import (
    FollowUpState,
    ItemKind,
    MeetingStatus,
    Presence,
    Side,
    follow_up_state,
)
from vernelogg.domain.formatting import fmt_date
from vernelogg.i18n import _
from vernelogg.services.amu.agenda import AgendaItemInfo, items_for_meetings
from vernelogg.services.amu.committee import (
    CommitteeSeat,
    chair_side_in,
    merge_periods,
    seats_between,
)
from vernelogg.services.amu.meetings import (
    MeetingInfo,
    attendance_for_meetings,
    meeting_infos,
    votes,
)
from vernelogg.services.amu.standing import StandingItem, collect_standing_items
from vernelogg.services.errors import ValidationError
from vernelogg.services.organisation import get_organisation
from vernelogg.store.database import Database
from vernelogg.store.models import AmuChairYear, AmuMeeting


@dataclass(frozen=True)
class AnnualMeeting:
    meeting: MeetingInfo
    present: int  # everyone present (incl. BHT, secretary, guests)
    votes: dict[Side, int]
    absent: int
    items: tuple[AgendaItemInfo, ...]


@dataclass(frozen=True)
class AnnualDecision:
    number: str
    meeting_date: date
    item_title: str
    text: str
    owner_name: str | None
    deadline: date | None
    state: FollowUpState | None  # None: no action (no owner), nothing to carry out
    done_date: date | None

    @property
    def state_text(self) -> str:
        if self.state is None:
            return _("Ingen oppfølging")
        if self.state is FollowUpState.DONE and self.done_date:
            return _("Utført {date}").format(date=fmt_date(self.done_date))
        return self.state.label


@dataclass(frozen=True)
class AnnualReport:
    year: int
    organisation: str
    employees: int
    date_from: date
    date_to: date  # the year's end, or today for the running year
    status_on: date  # the day the decisions' follow-up status is given for
    chair_side: Side | None
    chair_note: str
    seats: tuple[CommitteeSeat, ...]
    meetings: tuple[AnnualMeeting, ...]  # held in the year (held or approved)
    planned: tuple[MeetingInfo, ...]  # still planned in the year
    kind_counts: dict[ItemKind, int]
    decisions: tuple[AnnualDecision, ...]
    figures: tuple[StandingItem, ...]

    @property
    def chairs(self) -> list[str]:
        return [s.name for s in self.seats if s.role.value == "amu_chair"]

    @property
    def case_count(self) -> int:
        return sum(len(m.items) for m in self.meetings)

    @property
    def follow_up_count(self) -> int:
        return sum(1 for d in self.decisions if d.state is not None)

    @property
    def carried_out(self) -> int:
        return sum(1 for d in self.decisions if d.state is FollowUpState.DONE)

    @property
    def overdue(self) -> int:
        return sum(1 for d in self.decisions if d.state is FollowUpState.OVERDUE)


def annual_meetings(db: Database, year: int, today: date) -> AnnualReport:
    """The year's AMU meetings, cases and decisions without the standing figures: what the
    annual HMS summary shows of the AMU (it counts the avvik and tiltak itself)."""
    return build_annual_report(db, year, today, with_figures=False)


def build_annual_report(
    db: Database, year: int, today: date | None = None, *, with_figures: bool = True
) -> AnnualReport:
    today = today or clock.today()
    if not 2000 <= year <= today.year:
        raise ValidationError(
            {"year": _("Velg et år fra 2000 til {year}.").format(year=today.year)}
        )
    start, end = date(year, 1, 1), date(year, 12, 31)
    date_to = min(end, today)
    org = get_organisation(db)
    with db.read() as s:
        rows = list(
            s.scalars(
                select(AmuMeeting)
                .where(
                    AmuMeeting.archived_at.is_(None),
                    AmuMeeting.meeting_date >= start,
                    AmuMeeting.meeting_date <= end,
                )
                .order_by(AmuMeeting.meeting_date, AmuMeeting.start_time)
            )
        )
        infos = {i.id: i for i in meeting_infos(s, rows)}
        meetings, planned = [], []
        decisions: list[AnnualDecision] = []
        kinds: Counter[ItemKind] = Counter()
        held = [m for m in rows if m.status != MeetingStatus.PLANNED.value]
        attendances = attendance_for_meetings(s, held)
        agendas = items_for_meetings(s, held)
        for m in rows:
            info = infos[str(m.id)]
            if m.status == MeetingStatus.PLANNED.value:
                planned.append(info)
                continue
            attendance = attendances[m.id]
            items = tuple(agendas[m.id])
            kinds.update(i.kind for i in items)
            meetings.append(
                AnnualMeeting(
                    meeting=info,
                    present=sum(1 for a in attendance if a.presence is Presence.PRESENT),
                    votes=votes(attendance),
                    absent=sum(1 for a in attendance if a.presence is Presence.ABSENT),
                    items=items,
                )
            )
            for item in items:
                for d in item.decisions:
                    state = None
                    if d.action_status is not None:
                        state = follow_up_state(
                            d.action_status, d.deadline, d.action_done_date, today
                        )
                    decisions.append(
                        AnnualDecision(
                            number=item.number,
                            meeting_date=m.meeting_date,
                            item_title=item.title,
                            text=d.text,
                            owner_name=d.owner_name,
                            deadline=d.deadline,
                            state=state,
                            done_date=d.action_done_date,
                        )
                    )
        chair_row = s.scalars(select(AmuChairYear).where(AmuChairYear.year == year)).first()
        figures = collect_standing_items(s, start, date_to) if with_figures else []
        return AnnualReport(
            year=year,
            organisation=org.name if org else "",
            employees=org.employees if org else 0,
            date_from=start,
            date_to=date_to,
            status_on=today,
            chair_side=chair_side_in(s, year),
            chair_note=chair_row.note if chair_row else "",
            seats=tuple(merge_periods(seats_between(s, start, date_to))),
            meetings=tuple(meetings),
            planned=tuple(planned),
            kind_counts=dict(kinds),
            decisions=tuple(decisions),
            figures=tuple(figures),
        )
