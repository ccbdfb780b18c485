"""Synthetic meetings for `mignet generate`: per network and body, meetings over the years with agendas,
attendance, minutes, decisions with positions, and action points.

Called by `mignet.network.generate.generate()` once a network's structure is written (`write(builder)`),
from the builder's rows. The Network plenary meets every quarter (a few quarters missed), TWGs monthly in the
last year and a few times a year before, local forums and task forces every few months in recent
years; each body's next meeting is scheduled. Outcomes follow `rules.py`; every row passes `clean()`.
Deterministic for a seed and day, with its own random stream (the network's rows do not change).
"""

from __future__ import annotations

import datetime
import random
import uuid
import zoneinfo
from collections import Counter, defaultdict

from mignet.core.choices import Visibility
from mignet.network import choices as nc
from mignet.network.models import Body, Membership, Organisation, Representative
from mignet.network.services import add_months

from . import choices as c
from .models import ActionPoint, AgendaItem, Attendance, Decision, Meeting, Minutes, Position
from .rules import decision_outcome

ORDER = [Meeting, AgendaItem, Attendance, Minutes, Decision, Position, ActionPoint]
DAY = datetime.timedelta(days=1)
# Chance that a body meets in a given month: (in the last twelve months, before).
MONTHLY = {
    nc.BodyKind.TWG: (0.9, 0.15),
    nc.BodyKind.LOCAL_FORUM: (0.3, 0.0),
    nc.BodyKind.TASK_FORCE: (0.4, 0.0),
}
RECENT_YEARS = 3  # local forums and task forces: meetings of the last three years only
AGENDA = [
    "Update from the members",
    "Work plan: progress and next steps",
    "Joint advocacy messages",
    "Data and evidence: new studies",
    "Coordination with the Government",
    "Resource mobilisation",
    "Protection concerns raised by partners",
    "Preparation of the annual report",
    "Capacity building for local partners",
    "Field visit: findings",
    "Communications and visibility",
    "Regional and global processes",
]
ACTIONS = [
    "Share the draft with the members for comments",
    "Prepare a briefing note for the heads of agency",
    "Circulate the mapping of activities",
    "Follow up with the ministry on the request",
    "Draft the terms of reference of the joint study",
    "Compile the members' inputs for the report",
    "Organise the field visit",
    "Update the contact list of focal points",
]
DECISIONS = [
    ("Adopt the joint advocacy messages", c.DecisionSubject.OTHER),
    ("Endorse the annual work plan", c.DecisionSubject.OTHER),
    ("Agree the dates of the next meetings", c.DecisionSubject.OTHER),
    ("Commission a joint study", c.DecisionSubject.OTHER),
]
OBJECTIONS = [
    "The text does not yet reflect the protection concerns we raised.",
    "We need more time to consult our headquarters.",
    "The proposed timeline is not realistic for the partners in the field.",
]


def _months(start: datetime.date, end: datetime.date):
    day = datetime.date(start.year, start.month, 1)
    while day <= end:
        yield day
        day = add_months(day, 1)


class _MeetingsBuilder:
    def __init__(self, builder):
        self.b = builder
        self.network = builder.network
        self.today = builder.today
        self.tz = zoneinfo.ZoneInfo(self.network.time_zone)
        self.now = datetime.datetime.combine(self.today, datetime.time(12), tzinfo=datetime.UTC)
        self.rng = random.Random(f"{builder.seed}:{builder.spec.slug}:meetings")
        self.rows: dict[type, list] = defaultdict(list)
        rows = builder.out.rows
        self.reps: dict[int, list[Representative]] = defaultdict(list)
        for rep in rows[Representative]:
            self.reps[id(rep.membership.body)].append(rep)
        self.memberships: dict[int, list[Membership]] = defaultdict(list)
        for m in rows[Membership]:
            self.memberships[id(m.body)].append(m)
        self.people = builder.people  # id(organisation) -> people
        self.bodies: list[Body] = rows[Body]
        self.first_un = [o for o in rows[Organisation] if o.kind == nc.OrganisationKind.UN_ENTITY]

    def add(self, obj):
        self.rows[type(obj)].append(obj)
        return obj

    def at(self, day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=self.tz)

    def past(self, when: datetime.datetime) -> datetime.datetime:
        """A creation time, never later than today."""
        return min(when, self.now)

    # --- who

    def members_on(self, body, day) -> list[Organisation]:
        return [
            m.organisation
            for m in self.memberships[id(body)]
            if m.status == nc.MembershipStatus.ACTIVE
            and m.kind == nc.MembershipKind.MEMBER
            and m.start_date <= day
            and (m.end_date is None or m.end_date >= day)
        ]

    def reps_on(self, body, day) -> list[Representative]:
        seen, out = set(), []
        for r in self.reps[id(body)]:
            current = r.start_date <= day and (r.end_date is None or r.end_date >= day)
            if current and id(r.person) not in seen and r.membership.status == nc.MembershipStatus.ACTIVE:
                seen.add(id(r.person))
                out.append(r)
        return out

    # --- when

    def meeting_days(self, body) -> list[datetime.date]:
        rng = self.rng
        start = body.established_on or self.b.established
        end = body.abolished_on or self.today + datetime.timedelta(days=62)
        days = []
        if body.kind == nc.BodyKind.PLENARY:
            quarter = datetime.date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
            while quarter <= end:
                day = quarter + datetime.timedelta(days=rng.randint(20, 70))
                if start <= day <= end and rng.random() > 0.04:  # now and then a quarter is missed
                    days.append(day)
                quarter = add_months(quarter, 3)
            return days
        recent, before = MONTHLY.get(body.kind, (0.3, 0.0))
        year_ago = self.today - datetime.timedelta(days=365)
        since = start if before else max(start, add_months(self.today, -12 * RECENT_YEARS))
        for month in _months(since, end):
            chance = recent if month >= year_ago else before
            if rng.random() < chance:
                day = month + datetime.timedelta(days=rng.randint(3, 25))
                if start <= day <= end:
                    days.append(day)
        return days

    def run(self) -> dict[type, list]:
        for index, body in enumerate(self.bodies):
            self.body_meetings(body, index)
        self.open_consultation()
        return self.rows

    def body_meetings(self, body, index: int) -> None:
        rng = self.rng
        plenary = body.kind == nc.BodyKind.PLENARY
        previous: tuple[Meeting, Minutes | None] | None = None
        future_seen = False
        for day in self.meeting_days(body):
            while day.weekday() in (5, 6):
                day += DAY
            starts = self.at(day, 10 if plenary else rng.choice([10, 11, 14, 15]), rng.choice([0, 30]))
            if starts > self.now and future_seen:
                break  # one scheduled meeting ahead is enough
            future = starts > self.now
            future_seen = future_seen or future
            online = rng.random() < 0.3
            meeting = self.add(
                Meeting(
                    network=self.network,
                    body=body,
                    kind=c.MeetingKind.REGULAR if rng.random() < 0.92 else c.MeetingKind.EXTRAORDINARY,
                    starts_at=starts,
                    ends_at=starts
                    + datetime.timedelta(minutes=150 if plenary else rng.choice([60, 90, 120])),
                    location=""
                    if online
                    else f"{rng.choice(['Conference room', 'Meeting room 2', 'Board room'])}, "
                    f"{self.first_un[0].acronym if self.first_un else 'UN'} office",
                    online_link=f"https://meet.example.org/{self.network.slug}/{index}/{day:%Y%m%d}"
                    if online or rng.random() < 0.3
                    else "",
                    status=c.MeetingStatus.SCHEDULED,
                    uid=uuid.UUID(int=rng.getrandbits(128), version=4),
                    invitations_sent_at=None if future else starts - datetime.timedelta(days=14),
                    agenda_circulated_at=None if future else starts - datetime.timedelta(days=7),
                    visibility=body.visibility,
                    created_at=self.past(starts - datetime.timedelta(days=rng.randint(14, 40))),
                )
            )
            items = self.agenda(meeting, day, previous is not None)
            if future:
                continue
            present = self.attendance(meeting, body, day)
            if previous is not None and previous[1] is not None:
                self.approve(previous[1], meeting, present)
            minutes = self.add(
                Minutes(
                    network=self.network,
                    meeting=meeting,
                    text="\n\n".join(
                        [f"# Minutes of {body.short_name or body.name}, {day:%d %B %Y}"]
                        + [f"## {n}. {t}\n\nDiscussed; follow-up agreed." for n, t in enumerate(items, 1)]
                    ),
                    status=c.MinutesStatus.CIRCULATED,
                    circulated_at=self.past(meeting.ends_at + datetime.timedelta(days=rng.randint(3, 12))),
                    visibility=meeting.visibility,
                    created_at=self.past(meeting.ends_at + DAY),
                )
            )
            if rng.random() < 0.3:
                self.decide(meeting, body, day, present)
            self.actions(meeting, body, day)
            previous = (meeting, minutes)
        if previous is not None and previous[1] is not None and rng.random() < 0.4:
            previous[1].status, previous[1].circulated_at = c.MinutesStatus.DRAFT, None

    def agenda(self, meeting, day, has_previous: bool) -> list[str]:
        rng = self.rng
        titles = ["Adoption of the agenda and of the previous minutes"] if has_previous else []
        titles += rng.sample(AGENDA, rng.randint(2, 6)) + ["Any other business"]
        titles = titles[:8]
        members = self.members_on(meeting.body, day)
        for position, title in enumerate(titles, start=1):
            self.add(
                AgendaItem(
                    network=self.network,
                    meeting=meeting,
                    position=position,
                    title=title,
                    presenter=rng.choice(members) if members and rng.random() < 0.7 else None,
                    minutes_allotted=rng.choice([10, 15, 20, 30, 45]),
                    visibility=meeting.visibility,
                    created_at=meeting.created_at,
                )
            )
        return titles

    def attendance(self, meeting, body, day) -> list[Organisation]:
        rng = self.rng
        reps = self.reps_on(body, day)
        if not reps:
            return []
        chosen = rng.sample(reps, min(len(reps), rng.randint(5, 20)))
        present = {}
        for rep in chosen:
            status = rng.choices(
                [c.AttendanceStatus.PRESENT, c.AttendanceStatus.APOLOGIES, c.AttendanceStatus.ABSENT],
                [8, 2, 1],
            )[0]
            org = rep.membership.organisation
            self.add(
                Attendance(
                    network=self.network,
                    meeting=meeting,
                    person=rep.person,
                    organisation=org,
                    status=status,
                    level=rep.level,
                    visibility=meeting.visibility,
                    created_at=meeting.ends_at,
                )
            )
            if status == c.AttendanceStatus.PRESENT and rep.membership.kind == nc.MembershipKind.MEMBER:
                present[id(org)] = org
        return list(present.values())

    def positions(self, decision, orgs, values) -> dict[int, str]:
        by_pk = {}
        for org, (value, reason) in zip(orgs, values, strict=False):
            self.add(
                Position(
                    network=self.network,
                    decision=decision,
                    organisation=org,
                    value=value,
                    reason=reason,
                    recorded_at=decision.created_at,
                    visibility=decision.visibility,
                    created_at=decision.created_at,
                )
            )
            by_pk[org.pk] = value
        return by_pk

    def close(self, decision, body, day, positions, when) -> None:
        members = {o.pk for o in self.members_on(body, day)}
        outcome = decision_outcome(
            method=decision.method,
            positions=positions,
            members=members,
            now=when,
            deadline=decision.deadline,
            closing=True,
        )
        decision.status, decision.outcome = outcome.status, outcome.explanation
        decision.decided_at = when if outcome.final else None

    def approve(self, minutes, meeting, present) -> None:
        """The previous meeting's minutes, approved by consensus at this one."""
        if not present:
            return
        when = meeting.starts_at + datetime.timedelta(minutes=10)
        decision = self.add(
            Decision(
                network=self.network,
                body=meeting.body,
                meeting=meeting,
                method=c.DecisionMethod.CONSENSUS,
                subject=c.DecisionSubject.APPROVE_MINUTES,
                title=f"Approve the minutes of {minutes.meeting.starts_at:%d %B %Y}"[:300],
                text="The members approve the minutes as circulated.",
                minutes=minutes,
                visibility=meeting.visibility,
                created_at=when,
            )
        )
        orgs = self.rng.sample(present, min(len(present), self.rng.randint(2, 5)))
        positions = self.positions(decision, orgs, [(c.PositionValue.AGREE, "")] * len(orgs))
        self.close(decision, meeting.body, meeting.starts_at.date(), positions, when)
        if decision.status == c.DecisionStatus.ADOPTED:
            minutes.status, minutes.approved_at = c.MinutesStatus.APPROVED, when
            minutes.circulated_at = min(minutes.circulated_at or when, when)

    def decide(self, meeting, body, day, present) -> None:
        rng = self.rng
        title, subject = rng.choice(DECISIONS)
        when = meeting.starts_at + datetime.timedelta(minutes=rng.randint(30, 100))
        decision = self.add(
            Decision(
                network=self.network,
                body=body,
                meeting=meeting,
                method=c.DecisionMethod.CONSENSUS,
                subject=subject,
                title=f"{title} ({day:%B %Y})",
                text=f"The members agree: {title.lower()}.",
                visibility=meeting.visibility,
                created_at=when,
            )
        )
        orgs = rng.sample(present, min(len(present), rng.randint(3, 10))) if present else []
        values = []
        for _org in orgs:
            x = rng.random()
            if x < 0.06:
                values.append((c.PositionValue.OBJECT, rng.choice(OBJECTIONS)))
            elif x < 0.16:
                values.append((c.PositionValue.STAND_ASIDE, ""))
            else:
                values.append((c.PositionValue.AGREE, ""))
        positions = self.positions(decision, orgs, values)
        self.close(decision, body, day, positions, when)

    def actions(self, meeting, body, day) -> None:
        rng = self.rng
        members = self.members_on(body, day)
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
            if not members:
                return
            org = rng.choice(members)
            people = self.people.get(id(org)) or [None]
            due = day + datetime.timedelta(days=rng.randint(14, 90))
            if due < self.today - datetime.timedelta(days=30):
                status = rng.choices(
                    [c.ActionStatus.DONE, c.ActionStatus.DROPPED, c.ActionStatus.OPEN], [85, 10, 5]
                )[0]
            else:
                status = rng.choice([c.ActionStatus.OPEN, c.ActionStatus.IN_PROGRESS, c.ActionStatus.DONE])
            closed = None
            if status in (c.ActionStatus.DONE, c.ActionStatus.DROPPED):
                closed = min(self.today, due + datetime.timedelta(days=rng.randint(-10, 10)), self.today)
                closed = max(closed, day)
            self.add(
                ActionPoint(
                    network=self.network,
                    body=body,
                    meeting=meeting,
                    title=rng.choice(ACTIONS),
                    owner_organisation=org,
                    owner_person=rng.choice(people),
                    due_date=due,
                    status=status,
                    completed_on=closed,
                    visibility=meeting.visibility,
                    created_at=meeting.ends_at,
                )
            )

    def open_consultation(self) -> None:
        """A written consultation of the plenary, open until next week, and a silence procedure that closed."""
        plenary = next((b for b in self.bodies if b.kind == nc.BodyKind.PLENARY), None)
        if plenary is None:
            return
        members = self.members_on(plenary, self.today)
        rng = self.rng
        for method, title, opened, deadline in (
            (
                c.DecisionMethod.WRITTEN,
                f"Priorities of the work plan for {self.today.year + 1}",
                self.now - datetime.timedelta(days=5),
                self.at(self.today + datetime.timedelta(days=7), 17),
            ),
            (
                c.DecisionMethod.SILENCE,
                f"Joint statement on International Migrants Day {self.today.year - 1}",
                self.at(datetime.date(self.today.year - 1, 12, 8), 9),
                self.at(datetime.date(self.today.year - 1, 12, 14), 17),
            ),
        ):
            decision = self.add(
                Decision(
                    network=self.network,
                    body=plenary,
                    method=method,
                    subject=c.DecisionSubject.OTHER
                    if method == c.DecisionMethod.WRITTEN
                    else c.DecisionSubject.ADOPT_STATEMENT,
                    title=title,
                    text="The members agree the text circulated by the secretariat.",
                    deadline=deadline,
                    visibility=Visibility.PUBLIC
                    if method == c.DecisionMethod.SILENCE
                    else plenary.visibility,
                    created_at=opened,
                )
            )
            orgs = rng.sample(members, max(0, len(members) // 2))
            values = [(c.PositionValue.AGREE, "")] * len(orgs)
            if method == c.DecisionMethod.WRITTEN and orgs:
                values[-1] = (c.PositionValue.OBJECT, rng.choice(OBJECTIONS))
            positions = self.positions(decision, orgs, values)
            if deadline <= self.now:
                self.close(decision, plenary, deadline.date(), positions, deadline)


def write(builder) -> Counter:
    """Generate and write the meetings of the network `builder` has just written; returns row counts."""
    from mignet.network.generate import _bulk

    rows = _MeetingsBuilder(builder).run()
    counts: Counter = Counter()
    for model in ORDER:
        _bulk(model, rows.get(model, []))
        counts[str(model._meta.verbose_name_plural)] += len(rows.get(model, []))
    counts["history entries (meetings)"] = sum(len(v) for v in rows.values())
    return counts
