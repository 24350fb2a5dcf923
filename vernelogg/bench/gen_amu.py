"""Ten years of AMU: meetings several times a year with attendance, numbered cases (the
opening case, the standing items filled from the data, cases with decisions), the
decisions' tiltak, approved minutes with their follow-up table, and the next meeting
planned ahead."""

from __future__ import annotations

import json
import uuid
from datetime import date, timedelta

from sqlalchemy import select, update

from vernelogg.bench.gen_records import action_row
from vernelogg.bench.world import World, holder_on
from vernelogg.bench.writer import Writer, stamps
from vernelogg.demo.amu import ANNUAL_CASE, CASES, PLAN_CASE, Case
from vernelogg.domain.actions import ActionSource
from vernelogg.domain.amu import (
    Capacity,
    ItemKind,
    MeetingStatus,
    Presence,
    case_number_text,
)
from vernelogg.domain.formatting import fmt_date
from vernelogg.domain.roles import Role
from vernelogg.store.models import (
    Action,
    AmuAgendaItem,
    AmuAttendance,
    AmuDecision,
    AmuMeeting,
    table_of,
)

MONTHS = {
    3: (3, 6, 9, 12),
    4: (3, 6, 9, 12),
    5: (2, 4, 6, 9, 11),
    6: (1, 3, 5, 6, 9, 11),
}
PLACES = ["Kommunestyresalen, rådhuset", "Møterom Fjellet, rådhuset", "Teams"]


def meeting_dates(first: date, today: date, per_year: int) -> tuple[list[date], date]:
    """Second Thursdays of the meeting months from `first` on: the past ones, and the next."""
    months = MONTHS.get(per_year, MONTHS[4])
    days = []
    for year in range(first.year, today.year + 2):
        for month in months:
            start = date(year, month, 1)
            days.append(start + timedelta(days=(3 - start.weekday()) % 7 + 7))
    past = [d for d in days if first <= d <= today]
    ahead = next(d for d in days if d > today)
    return past, ahead


class _Meetings:
    def __init__(self, w: Writer, world: World) -> None:
        self.w, self.world = w, world
        self.meetings: list[dict] = []
        self.attendance: list[dict] = []
        self.items: list[dict] = []
        self.decisions: list[dict] = []
        self.actions: list[dict] = []
        self.seq: dict[int, int] = {}
        self.pool = 0

    def number(self, year: int) -> tuple[int, str]:
        self.seq[year] = self.seq.get(year, 0) + 1
        return self.seq[year], case_number_text(self.seq[year], year)

    def add_meeting(self, day: date, status: MeetingStatus) -> dict:
        w, world = self.w, self.world
        chair = holder_on(world.committee.get(Role.AMU_CHAIR.value, []), day)
        secretary = holder_on(world.committee.get(Role.AMU_SECRETARY.value, []), day)
        approved_on = day + timedelta(days=w.rng.randint(6, 16))
        if status is MeetingStatus.APPROVED and approved_on > w.today:
            status = MeetingStatus.HELD
        approved = status is MeetingStatus.APPROVED
        meeting = {
            "id": w.uid(),
            "meeting_date": day,
            "start_time": "09:00",
            "end_time": "11:30",
            "place": w.pick(PLACES),
            "status": status.value,
            "chair_id": chair,
            "secretary_id": secretary,
            "invitation_note": "",
            "approved_on": approved_on if approved else None,
            "approved_by": (
                f"{world.names.get(chair, '')} (leder) og {world.names.get(secretary, '')} "
                "(sekretær)"
                if approved and chair and secretary
                else ""
            ),
            "approved_at": w.moment(approved_on, 12, 0) if approved else None,
            "follow_up_snapshot": None,
            "archived_at": None,
            **stamps(w.moment(day - timedelta(days=21), 9, 0)),
        }
        self.meetings.append(meeting)
        self._attendance(meeting, planned=status is MeetingStatus.PLANNED)
        return meeting

    def _attendance(self, meeting: dict, *, planned: bool) -> None:
        w, world, day = self.w, self.world, meeting["meeting_date"]
        wanted: dict[uuid.UUID, Capacity] = {}
        for role, capacity in (
            (Role.AMU_EMPLOYER, Capacity.EMPLOYER),
            (Role.AMU_EMPLOYEE, Capacity.EMPLOYEE),
            (Role.AMU_DEPUTY_EMPLOYER, Capacity.DEPUTY_EMPLOYER),
            (Role.AMU_DEPUTY_EMPLOYEE, Capacity.DEPUTY_EMPLOYEE),
            (Role.OHS_REPRESENTATIVE, Capacity.OHS),
            (Role.AMU_SECRETARY, Capacity.SECRETARY),
        ):
            for person in world.committee_on(role.value, day):
                wanted.setdefault(person, capacity)
        if meeting["chair_id"] and meeting["chair_id"] not in wanted:
            wanted[meeting["chair_id"]] = Capacity.GUEST
        free = {
            side: [p for p, c in wanted.items() if c.is_deputy and c.side is side]
            for side in (Capacity.EMPLOYER.side, Capacity.EMPLOYEE.side)
        }
        rows = []
        stand_in: dict[uuid.UUID, uuid.UUID] = {}
        presence: dict[uuid.UUID, Presence] = {}
        for person, capacity in wanted.items():
            if planned:
                presence[person] = Presence.NOT_CALLED if capacity.is_deputy else Presence.INVITED
            elif capacity.is_deputy:
                presence.setdefault(person, Presence.NOT_CALLED)
            elif (capacity.is_member and person != meeting["chair_id"] and w.chance(0.15)) or (
                capacity is Capacity.OHS and w.chance(0.3)
            ):
                presence[person] = Presence.ABSENT
                deputies = free.get(capacity.side) or []
                if capacity.is_member and deputies and w.chance(0.7):
                    deputy = deputies.pop(0)
                    presence[deputy] = Presence.PRESENT
                    stand_in[deputy] = person
            else:
                presence[person] = Presence.PRESENT
        for person, capacity in wanted.items():
            rows.append(
                {
                    "id": w.uid(),
                    "meeting_id": meeting["id"],
                    "person_id": person,
                    "capacity": capacity.value,
                    "presence": presence[person].value,
                    "stands_in_for_id": stand_in.get(person),
                    "note": "",
                    "archived_at": None,
                    **stamps(meeting["created_at"]),
                }
            )
        self.attendance += rows

    def add_item(self, meeting: dict, position: int, title: str, kind: ItemKind, **fields) -> dict:
        year = meeting["meeting_date"].year
        seq, number = self.number(year)
        item = {
            "id": self.w.uid(),
            "meeting_id": meeting["id"],
            "number": number,
            "year": year,
            "seq": seq,
            "position": position,
            "title": title,
            "kind": kind.value,
            "standing_key": None,
            "standing_snapshot": None,
            "presenter_id": None,
            "background": "",
            "discussion": "",
            "archived_at": None,
            **stamps(meeting["created_at"]),
        }
        item.update(fields)
        self.items.append(item)
        return item

    def add_decision(
        self,
        meeting: dict,
        item: dict,
        position: int,
        text: str,
        owner: uuid.UUID | None,
        deadline: date | None,
        area_id: uuid.UUID | None,
    ) -> None:
        w, day = self.w, meeting["meeting_date"]
        decision = {
            "id": w.uid(),
            "item_id": item["id"],
            "position": position,
            "text": text,
            "owner_id": owner,
            "deadline": deadline,
            "area_id": area_id,
            "action_id": None,
            "archived_at": None,
            **stamps(meeting["created_at"]),
        }
        if owner is not None and meeting["status"] != MeetingStatus.PLANNED.value:
            first = " ".join(text.split())
            action = action_row(
                w,
                title=first if len(first) <= 300 else first[:299] + "…",
                area_id=area_id,
                owner_id=owner,
                created=w.moment(day, 12, 0),
                deadline=deadline,
                source=ActionSource.AMU,
                source_id=decision["id"],
                source_label=item["number"],
                description=f"Vedtak i AMU {fmt_date(day)}, {item['number']} «{item['title']}»:\n{text}",
            )
            self.actions.append(action)
            decision["action_id"] = action["id"]
        self.decisions.append(decision)

    def add_case(self, meeting: dict, position: int, case) -> None:
        w, world, day = self.w, self.world, meeting["meeting_date"]
        title, kind, background, discussion, decisions = case
        employer = world.committee_on(Role.AMU_EMPLOYER.value, day) or world.people
        held = meeting["status"] != MeetingStatus.PLANNED.value
        item = self.add_item(
            meeting,
            position,
            title,
            kind,
            background=background,
            discussion=discussion if held else "",
            presenter_id=w.pick(employer),
        )
        for n, (text, owner_key, days, area_key) in enumerate(decisions, start=1):
            area = w.pick(world.areas) if area_key else None
            owner = None
            if owner_key:
                owner = (holder_on(area.leaders, day) if area else None) or w.pick(employer)
            self.add_decision(
                meeting,
                item,
                n,
                text,
                owner,
                day + timedelta(days=days) if days else None,
                area.id if area else None,
            )

    def fill_meeting(self, meeting: dict, standing: list) -> None:
        first = (
            len(
                [m for m in self.meetings if m["meeting_date"].year == meeting["meeting_date"].year]
            )
            == 1
        )
        opening = self.add_item(
            meeting, 1, "Godkjenning av innkalling og saksliste", ItemKind.DECISION
        )
        text = "Innkalling og saksliste ble godkjent."
        if len(self.meetings) > 1:
            text += " Protokollen fra forrige møte er godkjent."
        self.add_decision(meeting, opening, 1, text, None, None, None)
        position = 2
        for entry in standing:
            self.add_item(
                meeting,
                position,
                entry.title,
                ItemKind.STANDING,
                standing_key=entry.key,
                standing_snapshot=entry.to_json(),
            )
            position += 1
        cases: list[Case] = []
        if first and meeting["meeting_date"].month <= 3:
            cases.append(ANNUAL_CASE)
        for _ in range(self.w.rng.randint(2, 4)):
            cases.append(CASES[self.pool % len(CASES)])
            self.pool += 1
        if meeting["meeting_date"].month >= 11:
            cases.append(PLAN_CASE)
        for case in cases:
            self.add_case(meeting, position, case)
            position += 1


def _standing(w: Writer, past: list[date]) -> dict[date, list]:
    """The standing items (avvik, tiltak, rounds, stops …) each meeting pulled from the
    data: the real providers, over the period since the meeting before."""
    from vernelogg.services.amu.standing import collect_standing_items

    found: dict[date, list] = {}
    with w.db.read() as s:
        previous = None
        for day in past:
            date_from = previous + timedelta(days=1) if previous else date(day.year, 1, 1)
            found[day] = collect_standing_items(s, date_from, day)
            previous = day
    return found


def _snapshots(w: Writer, meeting_ids: list[uuid.UUID]) -> None:
    """Approved minutes keep the follow-up table as it stood (as approving does)."""
    from vernelogg.services.amu.minutes import compute_follow_up

    with w.db.write() as s:
        meetings = s.scalars(select(AmuMeeting).where(AmuMeeting.id.in_(meeting_ids))).all()
        values = {}
        for meeting in meetings:
            rows = compute_follow_up(s, meeting, meeting.meeting_date)
            values[meeting.id] = json.dumps([r.to_dict() for r in rows], ensure_ascii=False)
        s.expunge_all()
    with w.db.engine.begin() as conn:
        for meeting_id, text in values.items():
            conn.execute(
                update(table_of(AmuMeeting))
                .where(table_of(AmuMeeting).c.id == meeting_id)
                .values(follow_up_snapshot=text)
            )


def fill(w: Writer, world: World, per_year: int) -> None:
    past, ahead = meeting_dates(w.start, w.today, per_year)
    standing = _standing(w, past)
    m = _Meetings(w, world)
    for day in past:
        held_recently = day > w.today - timedelta(days=7)
        meeting = m.add_meeting(
            day, MeetingStatus.HELD if held_recently else MeetingStatus.APPROVED
        )
        m.fill_meeting(meeting, standing[day])
    planned = m.add_meeting(ahead, MeetingStatus.PLANNED)
    m.fill_meeting(planned, [])
    with w.db.engine.begin() as conn:
        w.insert(conn, AmuMeeting, m.meetings)
        w.insert(conn, AmuAttendance, m.attendance)
        w.insert(conn, AmuAgendaItem, m.items)
        w.insert(conn, Action, m.actions)
        w.insert(conn, AmuDecision, m.decisions)
    _snapshots(w, [x["id"] for x in m.meetings if x["status"] == MeetingStatus.APPROVED.value])
