"""AMU meetings and who attends them: plan, edit, mark held, cancel; attendance with
deputies standing in for absent members."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from vernelogg import clock
from vernelogg.domain.amu import (
    CAPACITY_ORDER,
    ROLE_CAPACITY,
    Capacity,
    MeetingStatus,
    Presence,
    Side,
    meeting_title,
    votes_present,
)
from vernelogg.domain.formatting import fmt_date
from vernelogg.i18n import _, pgettext, weekday_name
from vernelogg.services.amu._common import (
    check_editable,
    is_locked,
    load_meeting,
)
from vernelogg.services.amu.committee import committee_on
from vernelogg.services.amu.corrections import record_correction
from vernelogg.services.errors import NotFoundError, ServiceError, ValidationError, Validator
from vernelogg.services.ids import optional_id
from vernelogg.store.database import Database
from vernelogg.store.models import (
    AmuAgendaItem,
    AmuAttendance,
    AmuDecision,
    AmuMeeting,
    Person,
)


@dataclass(frozen=True)
class MeetingInfo:
    id: str
    meeting_date: date
    start_time: str
    end_time: str
    place: str
    status: MeetingStatus
    chair_id: str | None
    chair_name: str | None
    secretary_id: str | None
    secretary_name: str | None
    invitation_note: str
    approved_on: date | None
    approved_by: str
    ordinal: int
    item_count: int
    decision_count: int

    @property
    def title(self) -> str:
        return meeting_title(self.ordinal, self.meeting_date.year)

    @property
    def locked(self) -> bool:
        return self.status is MeetingStatus.APPROVED

    @property
    def time_text(self) -> str:
        if self.start_time and self.end_time:
            return f"{self.start_time}–{self.end_time}"
        return self.start_time

    @property
    def when_text(self) -> str:
        """«torsdag 10.09.2026 kl. 09:00–11:00»."""
        day = _("{weekday} {date}").format(
            weekday=weekday_name(self.meeting_date), date=fmt_date(self.meeting_date)
        )
        if self.time_text:
            return _("{day} kl. {time}").format(day=day, time=self.time_text)
        return day

    @property
    def heading(self) -> str:
        parts = [self.title, self.when_text]
        if self.place:
            parts.append(self.place)
        return " · ".join(parts)


@dataclass(frozen=True)
class AttendanceInfo:
    id: str
    person_id: str
    name: str
    title: str
    capacity: Capacity
    presence: Presence
    stands_in_for_id: str | None
    stands_in_for_name: str | None
    note: str
    is_chair: bool
    is_secretary: bool

    @property
    def role_text(self) -> str:
        text = self.capacity.label
        extra = [
            x
            for x, on in (
                (pgettext("AMU-rolle", "leder"), self.is_chair),
                (_("sekretær"), self.is_secretary),
            )
            if on
        ]
        if extra and self.capacity is not Capacity.SECRETARY:
            text += f" ({', '.join(extra)})"
        return text

    @property
    def presence_text(self) -> str:
        if self.presence is Presence.PRESENT and self.stands_in_for_name:
            return _("Til stede for {name}").format(name=self.stands_in_for_name)
        return self.presence.label


# --- times ---------------------------------------------------------------------------

# The form field of whom a deputy stands in for (a key, not language).
STANDS_IN_FOR = "stands_in_for_id"  # i18n-ignore

_TIME = re.compile(r"^(\d{1,2})(?:[:.]?(\d{2}))?$")


def normalise_time(text: str, field: str, v: Validator) -> str:
    """«9», «0900», «9.00» and «09:00» all become «09:00»; empty stays empty."""
    text = (text or "").strip()
    if not text:
        return ""
    match = _TIME.match(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return f"{hour:02d}:{minute:02d}"
    v.check(field, False, _("Skriv klokkeslett som tt:mm, for eksempel 09:00."))
    return ""


# --- meetings ------------------------------------------------------------------------


def _ordinals(s: Session, years: set[int]) -> dict[uuid.UUID, int]:
    out: dict[uuid.UUID, int] = {}
    if not years:
        return out
    rows = s.execute(
        select(AmuMeeting.id, AmuMeeting.meeting_date)
        .where(AmuMeeting.archived_at.is_(None))
        .order_by(AmuMeeting.meeting_date, AmuMeeting.start_time, AmuMeeting.created_at)
    ).all()
    counters: dict[int, int] = {}
    for mid, day in rows:
        counters[day.year] = counters.get(day.year, 0) + 1
        out[mid] = counters[day.year]
    return out


def meeting_infos(s: Session, meetings: list[AmuMeeting]) -> list[MeetingInfo]:
    ids = [m.id for m in meetings]
    ordinals = _ordinals(s, {m.meeting_date.year for m in meetings})
    # Chairs and secretaries in one query (not one lazy load per meeting).
    people = {m.chair_id for m in meetings} | {m.secretary_id for m in meetings}
    people.discard(None)
    names: dict[uuid.UUID, str] = {}
    if people:
        names = dict(s.execute(select(Person.id, Person.name).where(Person.id.in_(people))).all())
    items: dict[uuid.UUID, int] = {}
    decisions: dict[uuid.UUID, int] = {}
    if ids:
        items = dict(
            s.execute(
                select(AmuAgendaItem.meeting_id, func.count())
                .where(AmuAgendaItem.meeting_id.in_(ids), AmuAgendaItem.archived_at.is_(None))
                .group_by(AmuAgendaItem.meeting_id)
            ).all()
        )
        decisions = dict(
            s.execute(
                select(AmuAgendaItem.meeting_id, func.count())
                .join(AmuDecision, AmuDecision.item_id == AmuAgendaItem.id)
                .where(
                    AmuAgendaItem.meeting_id.in_(ids),
                    AmuAgendaItem.archived_at.is_(None),
                    AmuDecision.archived_at.is_(None),
                )
                .group_by(AmuAgendaItem.meeting_id)
            ).all()
        )
    return [
        MeetingInfo(
            id=str(m.id),
            meeting_date=m.meeting_date,
            start_time=m.start_time,
            end_time=m.end_time,
            place=m.place,
            status=MeetingStatus(m.status),
            chair_id=str(m.chair_id) if m.chair_id else None,
            chair_name=names.get(m.chair_id) if m.chair_id else None,
            secretary_id=str(m.secretary_id) if m.secretary_id else None,
            secretary_name=names.get(m.secretary_id) if m.secretary_id else None,
            invitation_note=m.invitation_note,
            approved_on=m.approved_on,
            approved_by=m.approved_by,
            ordinal=ordinals.get(m.id, 0),
            item_count=items.get(m.id, 0),
            decision_count=decisions.get(m.id, 0),
        )
        for m in meetings
    ]


def meeting_info(s: Session, meeting: AmuMeeting) -> MeetingInfo:
    return meeting_infos(s, [meeting])[0]


def list_meetings(db: Database, *, year: int | None = None) -> list[MeetingInfo]:
    """Meetings, newest first."""
    with db.read() as s:
        query = (
            select(AmuMeeting)
            .where(AmuMeeting.archived_at.is_(None))
            .order_by(AmuMeeting.meeting_date.desc(), AmuMeeting.start_time.desc())
        )
        if year is not None:
            query = query.where(
                AmuMeeting.meeting_date >= date(year, 1, 1),
                AmuMeeting.meeting_date <= date(year, 12, 31),
            )
        return meeting_infos(s, list(s.scalars(query)))


def get_meeting(db: Database, meeting_id: str) -> MeetingInfo:
    with db.read() as s:
        return meeting_info(s, load_meeting(s, meeting_id))


def latest_meeting_id(db: Database, *, with_minutes: bool = False) -> str | None:
    """The newest meeting; with `with_minutes`, the newest one that has been held."""
    with db.read() as s:
        query = select(AmuMeeting.id).where(AmuMeeting.archived_at.is_(None))
        if with_minutes:
            query = query.where(AmuMeeting.status != MeetingStatus.PLANNED.value)
        found = s.scalars(
            query.order_by(AmuMeeting.meeting_date.desc(), AmuMeeting.created_at.desc()).limit(1)
        ).first()
        return str(found) if found else None


def _person(s: Session, person_id: str | None, field: str, missing: str) -> Person | None:
    """The person `person_id` names; `missing` is the message when there is none."""
    if not person_id:
        return None
    person = s.get(Person, optional_id(person_id))
    if person is None:
        raise ValidationError({field: missing})
    return person


def _validate_meeting(
    meeting_date: date | None, start_time: str, end_time: str, place: str
) -> tuple[str, str]:
    v = Validator()
    v.check("meeting_date", meeting_date is not None, _("Velg dato for møtet."))
    start = normalise_time(start_time, "start_time", v)
    end = normalise_time(end_time, "end_time", v)
    if start and end:
        v.check("end_time", end > start, _("Møtet må slutte etter at det begynner."))
    v.check("end_time", not (end and not start), _("Fyll inn når møtet begynner."))
    v.max_length("place", place, 200, _("Stedet"))
    v.raise_if_any()
    return start, end


def create_meeting(
    db: Database,
    *,
    meeting_date: date | None,
    start_time: str = "",
    end_time: str = "",
    place: str = "",
    chair_id: str | None = None,
    secretary_id: str | None = None,
    invitation_note: str = "",
) -> MeetingInfo:
    """Plan a meeting. Chair and secretary default to the committee's on that day, and the
    committee's members, deputies and BHT are put on the attendance list."""
    start, end = _validate_meeting(meeting_date, start_time, end_time, place)
    assert meeting_date is not None
    with db.write() as s:
        committee = committee_on(s, meeting_date)
        chair = _person(s, chair_id, "chair_id", _("Fant ikke møtelederen."))
        secretary = _person(s, secretary_id, "secretary_id", _("Fant ikke sekretæren."))
        meeting = AmuMeeting(
            meeting_date=meeting_date,
            start_time=start,
            end_time=end,
            place=place.strip(),
            status=MeetingStatus.PLANNED.value,
            chair_id=chair.id
            if chair
            else optional_id(committee.chair.person_id if committee.chair else None),
            secretary_id=secretary.id
            if secretary
            else optional_id(committee.secretary.person_id if committee.secretary else None),
            invitation_note=invitation_note.strip(),
        )
        s.add(meeting)
        s.flush()
        sync_attendance(s, meeting)
        s.flush()
        s.refresh(meeting)
        return meeting_info(s, meeting)


def update_meeting(
    db: Database,
    meeting_id: str,
    *,
    meeting_date: date | None,
    start_time: str,
    end_time: str,
    place: str,
    chair_id: str | None,
    secretary_id: str | None,
    invitation_note: str = "",
    reason: str | None = None,
) -> MeetingInfo:
    """Change when and where. On approved minutes only with a reason (a correction)."""
    start, end = _validate_meeting(meeting_date, start_time, end_time, place)
    assert meeting_date is not None
    with db.write() as s:
        meeting = load_meeting(s, meeting_id)
        correcting = check_editable(meeting, reason)
        if meeting_date.year != meeting.meeting_date.year and s.scalar(
            select(func.count()).where(
                AmuAgendaItem.meeting_id == meeting.id, AmuAgendaItem.archived_at.is_(None)
            )
        ):
            raise ValidationError(
                {
                    "meeting_date": _(
                        "Sakene er nummerert for {year}. Møtet kan ikke flyttes til et annet "
                        "år; lag et nytt møte og flytt sakene."
                    ).format(year=meeting.meeting_date.year)
                }
            )
        chair = _person(s, chair_id, "chair_id", _("Fant ikke møtelederen."))
        secretary = _person(s, secretary_id, "secretary_id", _("Fant ikke sekretæren."))
        changes = [
            (_("Møtedato"), fmt_date(meeting.meeting_date), fmt_date(meeting_date)),
            (_("Tid"), _span(meeting.start_time, meeting.end_time), _span(start, end)),
            (_("Sted"), meeting.place, place.strip()),
            (
                _("Møteleder"),
                meeting.chair.name if meeting.chair else "",
                chair.name if chair else "",
            ),
            (
                _("Sekretær"),
                meeting.secretary.name if meeting.secretary else "",
                secretary.name if secretary else "",
            ),
        ]
        meeting.meeting_date = meeting_date
        meeting.start_time, meeting.end_time = start, end
        meeting.place = place.strip()
        meeting.chair_id = chair.id if chair else None
        meeting.secretary_id = secretary.id if secretary else None
        if not is_locked(meeting):
            meeting.invitation_note = invitation_note.strip()
        if correcting:
            for target, old, new in changes:
                if old != new:
                    record_correction(s, meeting, target, old, new, reason or "")
        if meeting.status == MeetingStatus.PLANNED.value:
            sync_attendance(s, meeting)
        s.flush()
        s.refresh(meeting)
        return meeting_info(s, meeting)


def _span(start: str, end: str) -> str:
    return f"{start}–{end}" if start and end else start


def mark_held(db: Database, meeting_id: str, today: date | None = None) -> MeetingInfo:
    """The meeting took place: its decisions become actions in the action plan."""
    from vernelogg.services.amu.agenda import sync_meeting_actions

    today = today or clock.today()
    with db.write() as s:
        meeting = load_meeting(s, meeting_id)
        if meeting.status != MeetingStatus.PLANNED.value:
            raise ServiceError(_("Møtet er allerede markert som holdt."))
        if meeting.meeting_date > today:
            raise ServiceError(
                _("Møtet er ikke holdt ennå: møtedatoen er {date}.").format(
                    date=fmt_date(meeting.meeting_date)
                )
            )
        meeting.status = MeetingStatus.HELD.value
        sync_meeting_actions(s, meeting)
        s.flush()
        return meeting_info(s, meeting)


def cancel_meeting(db: Database, meeting_id: str) -> None:
    """Call off a planned meeting (archived; its case numbers are not reused)."""
    with db.write() as s:
        meeting = load_meeting(s, meeting_id)
        if meeting.status != MeetingStatus.PLANNED.value:
            raise ServiceError(_("Et møte som er holdt, kan ikke avlyses."))
        has_decisions = s.scalar(
            select(func.count())
            .select_from(AmuDecision)
            .join(AmuAgendaItem, AmuAgendaItem.id == AmuDecision.item_id)
            .where(
                AmuAgendaItem.meeting_id == meeting.id,
                AmuAgendaItem.archived_at.is_(None),
                AmuDecision.archived_at.is_(None),
            )
        )
        if has_decisions:
            raise ServiceError(
                _(
                    "Møtet har forslag til vedtak. Flytt sakene til et annet møte eller fjern "
                    "vedtakene før møtet avlyses."
                )
            )
        now = clock.now()
        meeting.archived_at = now
        for item in s.scalars(
            select(AmuAgendaItem).where(
                AmuAgendaItem.meeting_id == meeting.id, AmuAgendaItem.archived_at.is_(None)
            )
        ):
            item.archived_at = now


# --- attendance ----------------------------------------------------------------------


def sync_attendance(s: Session, meeting: AmuMeeting) -> None:
    """Call the committee as it stands on the meeting day: members, deputies (not called
    until needed), BHT and the secretary. Rows someone has already recorded stay."""
    committee = committee_on(s, meeting.meeting_date)
    wanted: dict[uuid.UUID, Capacity] = {}
    for seat in sorted(
        committee.seats,
        key=lambda x: CAPACITY_ORDER.index(ROLE_CAPACITY.get(x.role, Capacity.GUEST)),
    ):
        capacity = ROLE_CAPACITY.get(seat.role)
        if capacity is not None:
            wanted.setdefault(uuid.UUID(seat.person_id), capacity)
    for person_id in (meeting.chair_id, meeting.secretary_id):
        if person_id is not None and person_id not in wanted:
            wanted[person_id] = (
                Capacity.SECRETARY if person_id == meeting.secretary_id else Capacity.GUEST
            )
    rows = {
        row.person_id: row
        for row in s.scalars(select(AmuAttendance).where(AmuAttendance.meeting_id == meeting.id))
    }
    untouched = (Presence.INVITED.value, Presence.NOT_CALLED.value)
    for person_id, capacity in wanted.items():
        row = rows.get(person_id)
        default = Presence.NOT_CALLED if capacity.is_deputy else Presence.INVITED
        if row is None:
            s.add(
                AmuAttendance(
                    meeting_id=meeting.id,
                    person_id=person_id,
                    capacity=capacity.value,
                    presence=default.value,
                )
            )
        elif row.archived_at is not None:
            row.archived_at = None
            row.capacity, row.presence, row.stands_in_for_id = capacity.value, default.value, None
        elif row.presence in untouched and row.capacity not in (
            Capacity.GUEST.value,
            capacity.value,
        ):
            row.capacity, row.presence = capacity.value, default.value
    for person_id, row in rows.items():
        if (
            person_id not in wanted
            and row.archived_at is None
            and row.capacity != Capacity.GUEST.value
            and row.presence in untouched
        ):
            row.archived_at = clock.now()


def _attendance_rows(s: Session, meeting: AmuMeeting) -> list[AmuAttendance]:
    rows = list(
        s.scalars(
            select(AmuAttendance)
            .where(AmuAttendance.meeting_id == meeting.id, AmuAttendance.archived_at.is_(None))
            .options(joinedload(AmuAttendance.person), joinedload(AmuAttendance.stands_in_for))
        )
    )
    rows.sort(key=lambda r: (CAPACITY_ORDER.index(Capacity(r.capacity)), r.person.name))
    return rows


def attendance_info(row: AmuAttendance, meeting: AmuMeeting) -> AttendanceInfo:
    return AttendanceInfo(
        id=str(row.id),
        person_id=str(row.person_id),
        name=row.person.name,
        title=row.person.title,
        capacity=Capacity(row.capacity),
        presence=Presence(row.presence),
        stands_in_for_id=str(row.stands_in_for_id) if row.stands_in_for_id else None,
        stands_in_for_name=row.stands_in_for.name if row.stands_in_for else None,
        note=row.note,
        is_chair=row.person_id == meeting.chair_id,
        is_secretary=row.person_id == meeting.secretary_id,
    )


def attendance_for_meetings(
    s: Session, meetings: list[AmuMeeting]
) -> dict[uuid.UUID, list[AttendanceInfo]]:
    """The attendance lists of several meetings in one query."""
    by_id = {m.id: m for m in meetings}
    found: dict[uuid.UUID, list[AmuAttendance]] = {m.id: [] for m in meetings}
    if meetings:
        rows = s.scalars(
            select(AmuAttendance)
            .where(AmuAttendance.meeting_id.in_(list(by_id)), AmuAttendance.archived_at.is_(None))
            .options(joinedload(AmuAttendance.person), joinedload(AmuAttendance.stands_in_for))
        )
        for r in rows:
            found[r.meeting_id].append(r)
    result = {}
    for meeting_id, present in found.items():
        present.sort(key=lambda r: (CAPACITY_ORDER.index(Capacity(r.capacity)), r.person.name))
        result[meeting_id] = [attendance_info(r, by_id[meeting_id]) for r in present]
    return result


def attendance_for(s: Session, meeting: AmuMeeting) -> list[AttendanceInfo]:
    return [attendance_info(r, meeting) for r in _attendance_rows(s, meeting)]


def list_attendance(db: Database, meeting_id: str) -> list[AttendanceInfo]:
    with db.read() as s:
        return attendance_for(s, load_meeting(s, meeting_id))


def votes(rows: list[AttendanceInfo]) -> dict[Side, int]:
    """Voting members present per side (a deputy votes only in place of a member)."""
    return votes_present([(r.capacity, r.presence, bool(r.stands_in_for_id)) for r in rows])


def _load_attendance(s: Session, attendance_id: str) -> AmuAttendance:
    row = s.get(AmuAttendance, optional_id(attendance_id))
    if row is None or row.archived_at is not None:
        raise NotFoundError(_("Fant ikke personen på oppmøtelisten."))
    return row


def _presence_text(presence: Presence, stands_in_for: Person | None) -> str:
    if presence is Presence.PRESENT and stands_in_for is not None:
        return _("Til stede for {name}").format(name=stands_in_for.name)
    return presence.label


def set_presence(
    db: Database,
    attendance_id: str,
    presence: Presence | str,
    *,
    stands_in_for_id: str | None = None,
    reason: str | None = None,
) -> AttendanceInfo:
    """Record present / absent (forfall), and for a deputy whom they stand in for."""
    presence = Presence(presence)
    with db.write() as s:
        row = _load_attendance(s, attendance_id)
        meeting = load_meeting(s, row.meeting_id)
        correcting = check_editable(meeting, reason)
        capacity = Capacity(row.capacity)
        others = [r for r in _attendance_rows(s, meeting) if r.id != row.id]
        target = None
        if stands_in_for_id:
            if not capacity.is_deputy:
                raise ValidationError({STANDS_IN_FOR: _("Bare en vara kan møte for et medlem.")})
            if presence is not Presence.PRESENT:
                raise ValidationError(
                    {STANDS_IN_FOR: _("En vara som møter for et medlem, er til stede.")}
                )
            target = next((r for r in others if r.person_id == optional_id(stands_in_for_id)), None)
            if (
                target is None
                or not Capacity(target.capacity).is_member
                or Capacity(target.capacity).side is not capacity.side
            ):
                raise ValidationError(
                    {STANDS_IN_FOR: _("Velg et medlem fra samme side som varaen.")}
                )
            if target.presence != Presence.ABSENT.value:
                raise ValidationError(
                    {
                        STANDS_IN_FOR: _(
                            "{name} har ikke meldt forfall. Registrer forfall først."
                        ).format(name=target.person.name)
                    }
                )
            covered = next((r for r in others if r.stands_in_for_id == target.person_id), None)
            if covered is not None:
                raise ValidationError(
                    {
                        STANDS_IN_FOR: _("{name} møter allerede for {member}.").format(
                            name=covered.person.name, member=target.person.name
                        )
                    }
                )
        if capacity.is_member and presence is not Presence.ABSENT:
            covering = next((r for r in others if r.stands_in_for_id == row.person_id), None)
            if covering is not None:
                raise ValidationError(
                    {
                        "presence": _(
                            "{name} møter som vara for {member}. Endre varaen først."
                        ).format(name=covering.person.name, member=row.person.name)
                    }
                )
        old = _presence_text(Presence(row.presence), row.stands_in_for)
        row.presence = presence.value
        row.stands_in_for_id = target.person_id if target is not None else None
        s.flush()
        s.refresh(row)
        new = _presence_text(presence, row.stands_in_for)
        if correcting and old != new:
            target_text = _("Oppmøte: {name}").format(name=row.person.name)
            record_correction(s, meeting, target_text, old, new, reason or "")
        return attendance_info(row, meeting)


def mark_all_present(db: Database, meeting_id: str) -> int:
    """Everyone still only invited is present. Returns how many were changed."""
    with db.write() as s:
        meeting = load_meeting(s, meeting_id)
        check_editable(meeting, None)
        changed = 0
        for row in _attendance_rows(s, meeting):
            if row.presence == Presence.INVITED.value:
                row.presence = Presence.PRESENT.value
                changed += 1
        return changed


def add_guest(
    db: Database, meeting_id: str, person_id: str | None, note: str = ""
) -> AttendanceInfo:
    """Someone without a seat: a leader presenting a case, an HVO who is not a member."""
    if not person_id:
        raise ValidationError({"person_id": _("Velg hvem som skal delta.")})
    with db.write() as s:
        meeting = load_meeting(s, meeting_id)
        check_editable(meeting, None)
        person = _person(s, person_id, "person_id", _("Fant ikke personen."))
        assert person is not None
        row = s.scalars(
            select(AmuAttendance).where(
                AmuAttendance.meeting_id == meeting.id, AmuAttendance.person_id == person.id
            )
        ).first()
        presence = (
            Presence.INVITED if meeting.status == MeetingStatus.PLANNED.value else Presence.PRESENT
        )
        if row is not None and row.archived_at is None:
            raise ValidationError(
                {"person_id": _("{name} står allerede på listen.").format(name=person.name)}
            )
        if row is None:
            row = AmuAttendance(meeting_id=meeting.id, person_id=person.id)
            s.add(row)
        row.archived_at = None
        row.capacity, row.presence, row.stands_in_for_id = (
            Capacity.GUEST.value,
            presence.value,
            None,
        )
        row.note = note.strip()[:200]
        s.flush()
        s.refresh(row)
        return attendance_info(row, meeting)


def remove_guest(db: Database, attendance_id: str) -> None:
    with db.write() as s:
        row = _load_attendance(s, attendance_id)
        meeting = load_meeting(s, row.meeting_id)
        check_editable(meeting, None)
        if row.capacity != Capacity.GUEST.value:
            raise ServiceError(
                _("Medlemmer, vara og BHT tas av listen ved å avslutte vervet i utvalget.")
            )
        row.archived_at = clock.now()
