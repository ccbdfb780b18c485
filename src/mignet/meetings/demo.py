"""Demo meetings of the Bangladesh Network since its first meeting (7 July 2019), marked `is_demo`.

Quarterly Network meetings with agendas, attendance, minutes and the decisions approving them; one quarter
missed in the last two years (its meeting was cancelled) and the next meeting scheduled; the decisions that
established the demo TWGs; co-chair selections matching the chair terms `network/demo.py` creates (with the
reason recorded wherever a term broke the rotation rule); a joint statement adopted by silence procedure; a
written consultation open until next week; a proposal to abolish a body that was not adopted; action points
open, overdue and done.

History is written as rows with their historical dates (no e-mail, no effect applied twice): the TWGs and
chair terms already exist, so the decisions record what happened. Dates are relative to today where they
must be current. `load()` is idempotent: meetings and decisions are found by body and title, and rows
belonging to a meeting or decision are created only with it.
"""

from __future__ import annotations

import datetime
import random
import zoneinfo

from django.db import transaction
from django.utils import timezone

from mignet.accounts.models import User
from mignet.core.choices import Visibility
from mignet.network import choices as nc
from mignet.network.demo import ACCOUNTS
from mignet.network.models import Body, ChairTerm, Organisation, Person, Representative

from . import choices as c
from .effects import rotation_conflicts
from .models import ActionPoint, AgendaItem, Attendance, ChairSelection, Decision, Meeting, Minutes, Position
from .rules import decision_outcome
from .selectors import body_member_ids

DAY = datetime.timedelta(days=1)
FIRST_MEETING = datetime.date(2019, 7, 7)
IOM_OFFICE = "IOM Bangladesh Country Office, Gulshan, Dhaka (conference room)"
RCO_OFFICE = "UN Resident Coordinator's Office, Dhaka (meeting room 2)"
TEAMS = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_unnm-bd-demo-{key}%40thread.v2/0"

# Agenda items by quarter (title, presenter acronym, minutes). General items fill the rest.
EVENTS = {
    (2019, 3): [
        ("Terms of Reference of the Network and establishment of the Technical Working Groups", "IOM", 40),
        ("The GCM and the UN Sustainable Development Cooperation Framework: entry points", "UN RCO", 30),
    ],
    (2020, 2): [("COVID-19 and returning migrant workers: a joint UN response", "IOM", 35)],
    (2020, 3): [("Migrant workers stranded in the Gulf: joint advocacy messages", "ILO", 30)],
    (2021, 1): [("Proposal to establish a TWG on Migration, Diaspora and Development", "UNDP", 30)],
    (2022, 2): [("International Migration Review Forum 2022: outcomes and follow-up", "IOM", 25)],
    (2022, 3): [
        ("Migration Compact Taskforce launched on 6 July 2022: how the Network supports it", "IOM", 25)
    ],
    (2023, 1): [
        ("Visit of the Special Rapporteur on the human rights of migrants, 20–31 January 2023", "OHCHR", 40)
    ],
    (2023, 4): [
        (
            "Universal Periodic Review, fourth cycle (13 November 2023): recommendations on migration",
            "OHCHR",
            25,
        )
    ],
    (2024, 4): [
        ("National consultation on the GCM, 22 December 2024, ahead of the regional review", "IOM", 25)
    ],
    (2025, 1): [("Asia-Pacific regional review of the GCM (February 2025): debrief", "IOM", 25)],
}
GENERAL = [
    ("Labour Migration TWG: progress report", "ILO", 20),
    ("Counter-Trafficking TWG: progress report", "UNODC", 20),
    ("Women migrant workers: gender-responsive migration governance", "UN Women", 20),
    ("Update on the national GCM action plan", "IOM", 25),
    ("Children on the move: child protection referral pathways", "UNICEF", 15),
    ("Follow-up of the Committee on Migrant Workers' concluding observations", "OHCHR", 20),
    ("Fair recruitment and the ILO definition of recruitment fees", "ILO", 20),
    ("Climate change and mobility: evidence and joint programming", "UNDP", 20),
    ("Protection at sea and onward movements from Cox's Bazar", "UNHCR", 20),
    ("Reintegration of returnee migrants", "IOM", 20),
    ("UNSDCF results group: migration indicators", "UN RCO", 15),
    ("প্রবাসী কল্যাণ ও বৈদেশিক কর্মসংস্থান মন্ত্রণালয়ের হালনাগাদ তথ্য", "MoEWOE", 20),
]
MIGRANTS_DAY = ("আন্তর্জাতিক অভিবাসী দিবস: যৌথ কার্যক্রমের পরিকল্পনা", "IOM", 15)
BANGLA_MINUTES = (
    "সভায় সিদ্ধান্ত হয় যে নেটওয়ার্ক আন্তর্জাতিক অভিবাসী দিবস উপলক্ষে একটি যৌথ বিবৃতি প্রকাশ করবে "
    "এবং সচিবালয় খসড়া বিবৃতিটি সদস্যদের কাছে পাঠাবে।"
)
# Follow-ups (title, owner acronym), picked by the meeting's seed.
ACTIONS = [
    ("Circulate the draft joint advocacy messages to heads of agency", "IOM"),
    ("Share the TWG work plan and its timeline with the Network", "ILO"),
    ("Map protection referrals for people moving onwards by sea from Cox's Bazar", "UNHCR"),
    ("Compile the agencies' inputs to the national GCM action plan", "IOM"),
    ("Brief the UNCT on the Network's priorities", "UN RCO"),
    ("Prepare a note on women migrant workers' access to justice", "UN Women"),
    ("Share the data on trafficking cases from the district committees", "UNODC"),
    ("Send UNHCR's comments on the draft policy brief on statelessness", "UNHCR"),
    ("Propose indicators on child migrants for the UNSDCF results group", "UNICEF"),
    ("Draft the Network's letter to MoEWOE on recruitment fees", "ILO"),
    ("Update the mapping of agencies' migration projects", "IOM"),
    ("Share the findings of the returnee survey", "IOM"),
    ("Nominate a focal point for the human rights mechanisms follow-up", "OHCHR"),
    ("Circulate the terms of reference of the joint research on climate mobility", "UNDP"),
    ("Brief the Network on refugee and host community social cohesion work", "UNHCR"),
    ("Share the training materials on gender-responsive pre-departure orientation", "UN Women"),
    ("Prepare the Network's input to the UNCT annual results report", "UN RCO"),
    ("Share the draft standard operating procedures for child victims of trafficking", "UNICEF"),
    ("Organise a briefing for district officials on the counter-trafficking law", "UNODC"),
    ("Circulate the list of UNHCR's protection partners in Cox's Bazar", "UNHCR"),
]
# Why a selection departed from the rotation rule, by TWG and term (first term is 0).
OVERRIDES = {
    ("lm", 1): "IOM stays on for a second term to carry the COVID-19 returnee response it leads; no other "
    "member was able to co-chair this year. Agreed by the members as an exception to the rotation rule.",
    ("lm", 2): "UN Women continues for one more term to complete the gender review of the TWG work plan it "
    "started; the members agreed to this exception.",
    (
        "lm",
        3,
    ): "ILO co-chairs again, beside the Women Migrant Workers' Association as the first civil-society "
    "co-chair, to support the hand-over; an exception agreed by the members.",
    ("ct", 1): "IOM continues to carry the district counter-trafficking committees' reporting through the "
    "Rohingya response; the members agreed to this exception to the rotation rule.",
    ("ct", 3): "UNODC co-chairs again because the national action plan against trafficking is under review; "
    "the members agreed to this exception.",
    ("md", 1): "IOM continues for the TWG's second year, while the diaspora mapping it leads is finished; an "
    "exception agreed by the members.",
    ("md", 3): "UNDP co-chairs again with IOM while the diaspora investment study it leads is completed; the "
    "members agreed to this exception to the rotation rule.",
    ("md", 2): "The Bangladeshi Diaspora Link continues for a second year so that the diaspora voice stays "
    "in the co-chairs; the members agreed to this exception.",
}


class _Loader:
    def __init__(self, network):
        self.network = network
        self.tz = zoneinfo.ZoneInfo(network.time_zone or "Asia/Dhaka")
        self.now = timezone.now()
        self.today = timezone.localdate(self.now, self.tz)
        self.actor = User.objects.filter(email=ACCOUNTS["secretariat"]).first()
        self.orgs = {o.acronym: o for o in Organisation.objects.filter(network=network).exclude(acronym="")}
        self.plenary = Body.objects.get(network=network, kind=nc.BodyKind.PLENARY)
        bodies = {b.short_name: b for b in Body.objects.filter(network=network, kind=nc.BodyKind.TWG)}
        self.twgs = {
            key: bodies[name]
            for key, name in (
                ("lm", "Labour Migration TWG"),
                ("ct", "Counter-Trafficking TWG"),
                ("md", "Diaspora & Development TWG"),
            )
            if name in bodies
        }
        # Who records each organisation's position: its focal point's account, else the secretariat.
        self.focal = {
            p.organisation_id: p.user
            for p in Person.objects.filter(network=network, user__isnull=False).select_related("user")
        }
        self.created = 0
        self.action_n = 0

    # --- helpers

    def at(self, day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=self.tz)

    def add(self, model, when: datetime.datetime, **fields):
        """A demo row created at `when`, checked by the model's rules, with its "created" history entry dated then.

        (Only `clean()`: a full_clean per row would triple the load time; tests run full_clean on every row.)"""
        obj = model(network=self.network, is_demo=True, created_at=when, **fields)
        obj.clean()
        obj._history_user = self.actor
        obj._history_date = min(when, self.now)
        obj.save()
        self.created += 1
        return obj

    def change(self, obj, when: datetime.datetime, reason: str, **fields):
        """A later change of a demo row (closing, approval, cancellation), with its history entry dated then."""
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.version += 1
        obj._history_user = self.actor
        obj._history_date = min(when, self.now)
        obj._change_reason = reason[:100] or None
        obj.save()
        return obj

    def reps(self, body: Body, day: datetime.date) -> list[tuple[Person, Organisation, str]]:
        """The representatives of the body's member organisations on a day: person, organisation, level."""
        rows = (
            Representative.objects.filter(membership__body=body, start_date__lte=day)
            .filter(membership__status=nc.MembershipStatus.ACTIVE, membership__start_date__lte=day)
            .exclude(end_date__lt=day)
            .select_related("person", "membership__organisation")
            .order_by("membership__organisation__name", "role", "pk")
        )
        seen, out = set(), []
        for r in rows:
            org = r.membership.organisation
            if org.pk in seen or r.person.organisation_id != org.pk:
                continue  # one person per organisation; people representing another organisation go by their own
            seen.add(org.pk)
            out.append((r.person, org, r.level))
        return out

    # --- meetings

    def meeting(
        self, body, title, starts, *, minutes=150, kind=c.MeetingKind.REGULAR, place="", link="", notes=""
    ):
        """The meeting of `body` with this title, and whether it was created now."""
        existing = Meeting.all_objects.filter(network=self.network, body=body, title=title).first()
        if existing is not None:
            return existing, False
        scheduled = starts - datetime.timedelta(days=21)
        past = starts < self.now
        meeting = self.add(
            Meeting,
            min(scheduled, self.now - datetime.timedelta(days=3)),
            body=body,
            kind=kind,
            title=title,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(minutes=minutes),
            location=place,
            online_link=link,
            notes=notes,
            visibility=Visibility.NETWORK,
            invitations_sent_at=scheduled if past else None,
            agenda_circulated_at=starts - datetime.timedelta(days=7) if past else None,
        )
        return meeting, True

    def agenda(self, meeting, items) -> None:
        for position, (title, presenter, allotted) in enumerate(items, start=1):
            self.add(
                AgendaItem,
                meeting.created_at,
                meeting=meeting,
                position=position,
                title=title,
                presenter=self.orgs.get(presenter) if presenter else None,
                minutes_allotted=allotted,
                visibility=meeting.visibility,
            )

    def attendance(self, meeting, rng: random.Random) -> list[Organisation]:
        """Record who came; returns the organisations present."""
        day = timezone.localdate(meeting.starts_at, self.tz)
        present = []
        for person, org, level in self.reps(meeting.body, day):
            status = rng.choices(
                [c.AttendanceStatus.PRESENT, c.AttendanceStatus.APOLOGIES, c.AttendanceStatus.ABSENT],
                [8, 2, 1],
            )[0]
            note = ""
            if status == c.AttendanceStatus.APOLOGIES:
                note = rng.choice(["On mission to Cox's Bazar", "Clash with a UNCT meeting", "On leave"])
            self.add(
                Attendance,
                meeting.ends_at,
                meeting=meeting,
                person=person,
                organisation=org,
                status=status,
                level=level,
                note=note,
                visibility=meeting.visibility,
            )
            if status == c.AttendanceStatus.PRESENT:
                present.append(org)
        secretariat = Person.objects.filter(network=self.network, user=self.actor).first()
        if meeting.body_id == self.plenary.pk and secretariat is not None:
            self.add(
                Attendance,
                meeting.ends_at,
                meeting=meeting,
                person=secretariat,
                organisation=secretariat.organisation,
                status=c.AttendanceStatus.PRESENT,
                note="Secretariat (minutes)",
                visibility=meeting.visibility,
            )
        return present

    def minutes(self, meeting, items, present, *, status, extra="") -> Minutes:
        names = ", ".join(sorted(o.acronym for o in present)) or "—"
        parts = [
            f"# Minutes: {meeting.title}",
            f"**Date:** {timezone.localtime(meeting.starts_at, self.tz):%d %B %Y, %H:%M} (Dhaka time)  ",
            f"**Present:** {names}",
        ]
        for n, (title, presenter, _allotted) in enumerate(items, start=1):
            parts.append(f"## {n}. {title}")
            who = f"{presenter} presented the item" if presenter else "The chair opened the item"
            parts.append(f"{who}. Members discussed it and agreed on the follow-up listed below.")
            if title == MIGRANTS_DAY[0]:
                parts.append(BANGLA_MINUTES)
        if extra:
            parts.append(extra)
        circulated = meeting.ends_at + datetime.timedelta(days=8)
        return self.add(
            Minutes,
            meeting.ends_at + datetime.timedelta(days=2),
            meeting=meeting,
            text="\n\n".join(parts),
            status=status,
            circulated_at=min(circulated, self.now) if status != c.MinutesStatus.DRAFT else None,
            visibility=meeting.visibility,
        )

    # --- decisions

    def decision(self, body, title, *, method, subject, text, when, decided_at=None, positions=(), **fields):
        """A decision with its positions; closed at `decided_at` by its rule unless it is still open."""
        existing = Decision.all_objects.filter(network=self.network, body=body, title=title).first()
        if existing is not None:
            return existing, False
        decision = self.add(
            Decision,
            when,
            body=body,
            title=title,
            method=method,
            subject=subject,
            text=text,
            visibility=fields.pop("visibility", Visibility.NETWORK),
            **fields,
        )
        for org, value, reason in positions:
            user = self.focal.get(org.pk, self.actor)
            self.add(
                Position,
                when,
                decision=decision,
                organisation=org,
                value=value,
                reason=reason,
                recorded_by=user,
                recorded_at=when,
            )
        if decided_at is not None:
            members = body_member_ids(body, timezone.localdate(decided_at, self.tz))
            outcome = decision_outcome(
                method=method,
                positions={org.pk: value for org, value, _ in positions},
                members=members,
                now=decided_at,
                deadline=decision.deadline,
                closing=True,
            )
            self.change(
                decision,
                decided_at,
                outcome.explanation,
                status=outcome.status,
                decided_at=decided_at,
                outcome=outcome.explanation,
            )
        return decision, True

    def agree(self, orgs, *, aside=()) -> list:
        return [
            (o, c.PositionValue.STAND_ASIDE if o.acronym in aside else c.PositionValue.AGREE, "")
            for o in orgs
        ]

    def approve_minutes(
        self, minutes: Minutes, *, at: Meeting | None = None, voters=(), silence_from=None
    ) -> None:
        """Approve minutes at a later meeting (consensus, by those present) or by silence procedure."""
        meeting = minutes.meeting
        title = f"Approve the minutes of {meeting.title}"
        if at is not None:
            when = at.starts_at + datetime.timedelta(minutes=10)
            self.decision(
                meeting.body,
                title,
                method=c.DecisionMethod.CONSENSUS,
                subject=c.DecisionSubject.APPROVE_MINUTES,
                text=f"The members approve the minutes of {meeting.title} as circulated.",
                when=when,
                decided_at=when,
                meeting=at,
                minutes=minutes,
                positions=self.agree(voters),
            )
        else:
            start = silence_from
            when = start + datetime.timedelta(days=10)
            closed = when <= self.now
            self.decision(
                meeting.body,
                title,
                method=c.DecisionMethod.SILENCE,
                subject=c.DecisionSubject.APPROVE_MINUTES,
                text=f"The minutes of {meeting.title} are approved unless a member objects by the deadline.",
                when=start,
                decided_at=when if closed else None,
                deadline=when,
                minutes=minutes,
            )
            if not closed:
                return  # still under silence procedure
            at_time = when
        approved = at.starts_at + datetime.timedelta(minutes=10) if at is not None else at_time
        self.change(
            minutes,
            approved,
            f"Approved by decision: {title}",
            status=c.MinutesStatus.APPROVED,
            approved_at=approved,
            circulated_at=min(minutes.circulated_at, approved),
        )

    # --- action points

    def actions(self, meeting, rng: random.Random, *, n: int, recent: bool = False) -> None:
        picks = [ACTIONS[(self.action_n + i) % len(ACTIONS)] for i in range(n)]
        self.action_n += n
        for title, acronym in picks:
            org = self.orgs.get(acronym)
            if org is None:
                continue
            due = timezone.localdate(meeting.starts_at, self.tz) + datetime.timedelta(
                days=rng.randint(30, 75)
            )
            status, completed = c.ActionStatus.OPEN, None
            if not recent and due < self.today - datetime.timedelta(days=30):
                status = rng.choices([c.ActionStatus.DONE, c.ActionStatus.DROPPED], [9, 1])[0]
                completed = due + datetime.timedelta(days=rng.randint(-20, 10))
            elif rng.random() < 0.5:
                status = c.ActionStatus.IN_PROGRESS
            owner = Person.objects.filter(network=self.network, organisation=org).order_by("pk").first()
            point = self.add(
                ActionPoint,
                meeting.ends_at,
                body=meeting.body,
                meeting=meeting,
                title=title,
                owner_organisation=org,
                owner_person=owner,
                due_date=due,
                status=c.ActionStatus.OPEN if completed else status,
                visibility=meeting.visibility,
            )
            if completed:
                self.change(point, self.at(completed, 12), "", status=status, completed_on=completed)


def _quarter(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _shift(key: tuple[int, int], n: int) -> tuple[int, int]:
    index = key[0] * 4 + key[1] - 1 + n
    return index // 4, index % 4 + 1


def _quarter_end(key: tuple[int, int]) -> datetime.date:
    year, q = _shift(key, 1)
    return datetime.date(year, 3 * q - 2, 1) - DAY


def _working_day(day: datetime.date) -> datetime.date:
    while day.weekday() in (4, 5):  # Friday and Saturday are the weekend in Bangladesh
        day += DAY
    return day


@transaction.atomic
def load(network) -> int:
    """Add the demo meetings, decisions and action points of `network` (the Bangladesh demo). Returns rows created."""
    loader = _Loader(network)
    _plenary_history(loader)
    _twg_history(loader)
    _current_decisions(loader)
    return loader.created


def _plenary_history(ld: _Loader) -> None:
    """One Network meeting per quarter since July 2019, one quarter missed, the next one scheduled."""
    current = _quarter(ld.today)
    missed = _shift(current, -6)
    key = _quarter(FIRST_MEETING)
    plan = []  # (key, day, kind, title)
    while key <= current:
        rng = random.Random(f"demo-plenary-{key}")
        if key == (2019, 3):
            day, title = FIRST_MEETING, "First meeting of the UN Network on Migration in Bangladesh"
        elif key == (2021, 1):
            day, title = datetime.date(2021, 3, 15), f"Network meeting, Q{key[1]} {key[0]}"
        else:
            month = 3 * key[1] - 2 + 1
            day = _working_day(datetime.date(key[0], month, rng.randint(8, 22)))
            title = f"Network meeting, Q{key[1]} {key[0]}"
        if key == current:
            end = _quarter_end(key)
            day = _working_day(ld.today + datetime.timedelta(days=12))
            if day > end:
                day = _working_day(ld.today + DAY)
            if day > end:  # the last day of a quarter: it met earlier; the next meeting is next quarter
                plan.append((key, _working_day(datetime.date(key[0], 3 * key[1] - 1, 10)), "regular", title))
                key = _shift(key, 1)
                title = f"Network meeting, Q{key[1]} {key[0]}"
                day = _working_day(datetime.date(key[0], 3 * key[1] - 2, 15))
        plan.append((key, day, "cancelled" if key == missed else "regular", title))
        if key == (2023, 1):
            plan.append(
                (
                    key,
                    datetime.date(2023, 1, 10),
                    "extraordinary",
                    "Extraordinary Network meeting: visit of the Special Rapporteur",
                )
            )
        key = _shift(key, 1)
    plan.sort(key=lambda row: row[1])

    held: list[
        tuple[Meeting, list, list]
    ] = []  # meetings created now that took place: meeting, items, present
    for key, day, kind, title in plan:
        rng = random.Random(f"demo-meeting-{title}")
        online = (2020, 2) <= key <= (2021, 2)
        hybrid = not online and ((2021, 3) <= key <= (2022, 1) or rng.random() < 0.3)
        starts = ld.at(day, 10)
        meeting, new = ld.meeting(
            ld.plenary,
            title,
            starts,
            kind=c.MeetingKind.EXTRAORDINARY if kind == "extraordinary" else c.MeetingKind.REGULAR,
            place="" if online else (IOM_OFFICE if rng.random() < 0.6 else RCO_OFFICE),
            link=TEAMS.format(key=f"{key[0]}q{key[1]}{'x' if kind == 'extraordinary' else ''}")
            if online or hybrid
            else "",
            notes="Online only (COVID-19 restrictions)." if online else "",
        )
        if not new:
            continue
        items = _plenary_agenda(key, kind, rng, first=key == (2019, 3), upcoming=starts > ld.now)
        ld.agenda(meeting, items)
        if kind == "cancelled":
            reason = (
                "Most heads of agency were called to the UNCT retreat; no other date was found before the end "
                "of the quarter."
            )
            ld.change(
                meeting,
                starts - datetime.timedelta(days=5),
                reason,
                status=c.MeetingStatus.CANCELLED,
                sequence=1,
                cancel_reason=reason,
            )
            continue
        if starts > ld.now:
            continue
        present = ld.attendance(meeting, rng)
        held.append((meeting, items, present))
        ld.actions(meeting, rng, n=rng.randint(1, 3), recent=starts > ld.now - datetime.timedelta(days=240))
        if key == (2019, 3):
            _establish(ld, meeting, ["lm", "ct"], present)
        if key == (2021, 1):
            _establish(ld, meeting, ["md"], present)

    # Minutes: approved at the next meeting (by silence procedure across the missed quarter); the last
    # meeting's minutes are circulated, awaiting approval at the next one.
    for index, (meeting, items, present) in enumerate(held):
        last = index == len(held) - 1
        extra = ""
        if meeting.title.startswith("First meeting"):
            extra = "## Decisions\n\nThe Network established the Labour Migration TWG and the Counter-Trafficking TWG by consensus."
        minutes = ld.minutes(meeting, items, present, status=c.MinutesStatus.CIRCULATED, extra=extra)
        if last:
            continue
        following = held[index + 1][0]
        gap = _quarter(timezone.localdate(following.starts_at, ld.tz)) > _shift(
            _quarter(timezone.localdate(meeting.starts_at, ld.tz)), 1
        )
        if gap and following.kind == c.MeetingKind.REGULAR:
            ld.approve_minutes(minutes, silence_from=minutes.circulated_at)
        else:
            ld.approve_minutes(minutes, at=following, voters=held[index + 1][2])


def _plenary_agenda(key, kind, rng: random.Random, *, first: bool, upcoming: bool = False) -> list:
    if kind == "extraordinary":
        return [
            ("Programme of the Special Rapporteur's visit and the Network's briefing", "OHCHR", 45),
            ("Key messages on recruitment costs, brokers (dalals) and migrant deaths abroad", "ILO", 30),
            ("Any other business", None, 10),
        ]
    items = (
        [] if first else [("Adoption of the agenda and of the minutes of the previous meeting", "IOM", 10)]
    )
    if not first:
        items.append(("Matters arising and action points", "IOM", 15))
    items += EVENTS.get(key, [])
    if upcoming:
        items += [
            ("Results of the written consultation on the work plan priorities", "IOM", 25),
            ("Labour Migration TWG: co-chairs for the next term", "ILO", 15),
        ]
    general = [g for g in GENERAL if g not in items]
    items += rng.sample(general, 1 if upcoming else max(1, 3 - len(EVENTS.get(key, []))))
    if key[1] == 4:
        items.append(MIGRANTS_DAY)
    items.append(("Any other business", None, 10))
    return items


def _establish(ld: _Loader, meeting, keys, present) -> None:
    """The consensus that established TWGs, recorded as adopted (the TWGs are already active)."""
    for key in keys:
        twg = ld.twgs.get(key)
        if twg is None:
            continue
        day = twg.established_on or timezone.localdate(meeting.starts_at, ld.tz)
        when = max(ld.at(day, 11, 15), meeting.starts_at)
        ld.decision(
            ld.plenary,
            f"Establish the {twg.name}",
            method=c.DecisionMethod.CONSENSUS,
            subject=c.DecisionSubject.ESTABLISH_BODY,
            text=f"The Network establishes the {twg.name}. Mandate: {twg.mandate or 'as set out in the ToR.'} "
            "It is co-chaired by two member organisations selected by consensus for one year, rotating annually.",
            when=when,
            decided_at=when,
            meeting=meeting,
            target_body=twg,
            positions=ld.agree(present),
            visibility=Visibility.PUBLIC,
        )


def _twg_history(ld: _Loader) -> None:
    """Each TWG's annual meeting selects its co-chairs on the day their term starts, as the chair terms show."""
    for key, twg in ld.twgs.items():
        starts = sorted(set(ChairTerm.objects.filter(body=twg).values_list("start_date", flat=True)))
        for index, start in enumerate(starts):
            if start > ld.today:
                continue
            rng = random.Random(f"demo-twg-{key}-{start}")
            title = f"{twg.short_name or twg.name}: annual meeting {start:%B %Y}"
            meeting, new = ld.meeting(
                twg,
                title,
                ld.at(start, 14, 30),
                minutes=120,
                place=IOM_OFFICE,
                link=TEAMS.format(key=f"{key}-{start:%Y%m}"),
            )
            if not new:
                continue
            items = [
                ("Review of the year's work plan", None, 30),
                ("Selection of the co-chairs for the coming year", None, 20),
                ("Priorities for the coming year", None, 40),
                ("Any other business", None, 10),
            ]
            ld.agenda(meeting, items)
            present = ld.attendance(meeting, rng)
            terms = list(
                ChairTerm.objects.filter(body=twg, start_date=start).select_related("organisation", "person")
            )
            names = " and ".join(t.organisation.acronym for t in terms)
            when = meeting.starts_at + datetime.timedelta(minutes=50)
            members = body_member_ids(twg, start)
            probe = Decision(network=ld.network, body=twg, target_body=twg)
            conflicts = rotation_conflicts(probe, [t.organisation_id for t in terms], start)
            reason = OVERRIDES.get((key, index), "") if conflicts else ""
            if conflicts and not reason:
                again = ", ".join(sorted({t.organisation.acronym for t in conflicts}))
                reason = (
                    f"{again} continues for continuity of the TWG's work; an exception agreed by the members."
                )
            decision, _created = ld.decision(
                twg,
                f"Select the co-chairs of the {twg.short_name or twg.name} for {start:%Y}–{start.year + 1}",
                method=c.DecisionMethod.CONSENSUS,
                subject=c.DecisionSubject.SELECT_CHAIRS,
                text=f"The members choose {names} as co-chairs for one year, starting on {start:%d %B %Y}.",
                when=when,
                decided_at=when,
                meeting=meeting,
                target_body=twg,
                override_reason=reason,
                positions=ld.agree(
                    [o for o in present if o.pk in members]
                    or list(Organisation.objects.filter(pk__in=[t.organisation_id for t in terms]))
                ),
            )
            for term in terms:
                ld.add(
                    ChairSelection,
                    when,
                    decision=decision,
                    organisation=term.organisation,
                    person=term.person,
                    role=term.role,
                    visibility=decision.visibility,
                )
            minutes = ld.minutes(meeting, items, present, status=c.MinutesStatus.CIRCULATED)
            ld.approve_minutes(minutes, silence_from=minutes.circulated_at)
            if rng.random() < 0.7:
                ld.actions(meeting, rng, n=1, recent=start > ld.today - datetime.timedelta(days=240))


def _current_decisions(ld: _Loader) -> None:
    """A joint statement by silence procedure, a written consultation open until next week, a proposal to
    abolish a body that was not adopted (with draft minutes), and what is open for the next meetings."""
    orgs, plenary, now = ld.orgs, ld.plenary, ld.now
    # A joint statement for International Migrants Day of last year, adopted under silence procedure.
    year = ld.today.year - 1
    start = ld.at(datetime.date(year, 12, 8), 9)
    deadline = ld.at(datetime.date(year, 12, 14), 17)
    statement, new = ld.decision(
        plenary,
        f"Joint statement of the Network on International Migrants Day {year}",
        method=c.DecisionMethod.SILENCE,
        subject=c.DecisionSubject.ADOPT_STATEMENT,
        text=(
            "On International Migrants Day, the UN Network on Migration in Bangladesh calls for safe, orderly and "
            "regular migration that protects the rights of every migrant worker: lower recruitment costs, "
            "registration of intermediaries, and access to justice and compensation for migrants and their "
            "families. The Network stands ready to support the Government of Bangladesh in implementing the "
            "Global Compact for Safe, Orderly and Regular Migration."
        ),
        when=start,
        decided_at=deadline,
        deadline=deadline,
        positions=ld.agree([orgs[a] for a in ("IOM", "ILO", "UN Women", "UNODC") if a in orgs]),
        visibility=Visibility.PUBLIC,
    )
    if new:
        point = ld.add(
            ActionPoint,
            deadline,
            body=plenary,
            decision=statement,
            title="Publish the joint statement on the Network's page and share it with the media",
            owner_organisation=orgs["IOM"],
            due_date=datetime.date(year, 12, 18),
        )
        done = datetime.date(year, 12, 18)
        ld.change(point, ld.at(done, 12), "", status=c.ActionStatus.DONE, completed_on=done)

    # A written consultation open until next week: most answered, OHCHR objects.
    deadline = ld.at(ld.today + datetime.timedelta(days=7), 17)
    ld.decision(
        plenary,
        f"Priorities of the Network's work plan for {ld.today.year + 1}",
        method=c.DecisionMethod.WRITTEN,
        subject=c.DecisionSubject.OTHER,
        text=(
            f"The members agree the Network's priorities for {ld.today.year + 1}: (1) support to the national GCM "
            "action plan; (2) fair recruitment and lower migration costs; (3) counter-trafficking with the district "
            "committees; (4) climate change and mobility; (5) data on returnees."
        ),
        when=now - datetime.timedelta(days=6),
        deadline=deadline,
        positions=[
            *ld.agree([orgs[a] for a in ("IOM", "ILO", "UN Women", "UNDP") if a in orgs]),
            (orgs["UNHCR"], c.PositionValue.STAND_ASIDE, ""),
            (
                orgs["OHCHR"],
                c.PositionValue.OBJECT,
                "The priorities should include the follow-up of the Special Rapporteur's 2023 recommendations "
                "(A/HRC/53/26/Add.3, para 118) on recruitment fees and the registration of brokers.",
            ),
        ],
    )

    # The Counter-Trafficking TWG's last meeting: a proposal to abolish the Cox's Bazar taskforce liaison.
    ct = ld.twgs.get("ct")
    taskforce = Body.objects.filter(network=ld.network, kind=nc.BodyKind.LOCAL_FORUM, parent=ct).first()
    if ct is not None:
        day = _working_day(ld.today - datetime.timedelta(days=20))
        meeting, new = ld.meeting(
            ct,
            f"Counter-Trafficking TWG meeting, {day:%B %Y}",
            ld.at(day, 14, 30),
            minutes=120,
            place=IOM_OFFICE,
            link=TEAMS.format(key=f"ct-{day:%Y%m}"),
        )
        if new:
            rng = random.Random("demo-ct-recent")
            items = [
                ("District counter-trafficking committees: case data", "UNODC", 30),
                ("Future of the Cox's Bazar taskforce liaison", "IOM", 30),
                ("Any other business", None, 10),
            ]
            ld.agenda(meeting, items)
            present = ld.attendance(meeting, rng)
            if taskforce is not None and taskforce.is_active:
                when = meeting.starts_at + datetime.timedelta(minutes=60)
                members = {o.acronym: o for o in Organisation.objects.filter(pk__in=body_member_ids(ct))}
                ld.decision(
                    ct,
                    f"Abolish the {taskforce.name}",
                    method=c.DecisionMethod.CONSENSUS,
                    subject=c.DecisionSubject.ABOLISH_BODY,
                    text="The TWG ends the liaison with the Cox's Bazar taskforce and takes up its reporting directly.",
                    when=when,
                    decided_at=when,
                    meeting=meeting,
                    target_body=taskforce,
                    positions=[
                        *ld.agree([o for a, o in members.items() if a not in ("UNODC", "UNHCR")]),
                        *(
                            [(members["UNHCR"], c.PositionValue.STAND_ASIDE, "")]
                            if "UNHCR" in members
                            else []
                        ),
                        *(
                            [
                                (
                                    members["UNODC"],
                                    c.PositionValue.OBJECT,
                                    "The taskforce is the TWG's link with the Rohingya response (ToR T5); ending "
                                    "the liaison would cut it.",
                                )
                            ]
                            if "UNODC" in members
                            else []
                        ),
                    ],
                )
            ld.minutes(meeting, items, present, status=c.MinutesStatus.DRAFT)
            ld.actions(meeting, rng, n=1, recent=True)

    # The Labour Migration TWG meets before its co-chairs' term ends.
    lm = ld.twgs.get("lm")
    if lm is not None:
        day = _working_day(ld.today + datetime.timedelta(days=26))
        meeting, new = ld.meeting(
            lm,
            f"Labour Migration TWG meeting, {day:%B %Y}",
            ld.at(day, 14, 30),
            minutes=120,
            place=IOM_OFFICE,
            link=TEAMS.format(key=f"lm-{day:%Y%m}"),
        )
        if new:
            ld.agenda(
                meeting,
                [
                    ("Selection of the co-chairs for the next term", "ILO", 20),
                    ("Fair recruitment: joint brief to MoEWOE", "ILO", 30),
                    ("Women migrant workers' helpline: results", "UN Women", 20),
                    ("Any other business", None, 10),
                ],
            )

    # Open follow-ups for the next Network meeting and for the demo UNHCR focal point ("My actions").
    last = (
        Meeting.objects.filter(
            network=ld.network, body=plenary, status=c.MeetingStatus.SCHEDULED, starts_at__lt=now
        )
        .order_by("-starts_at")
        .first()
    )
    unhcr = orgs.get("UNHCR")
    if last is None or unhcr is None:
        return
    focal = Person.objects.filter(network=ld.network, organisation=unhcr, user__isnull=False).first()
    for title, due, status in (
        (
            "Share UNHCR's analysis of onward movements by sea with the Network",
            ld.today + datetime.timedelta(days=20),
            c.ActionStatus.OPEN,
        ),
        (
            "Send UNHCR's comments on the draft national GCM action plan",
            ld.today - datetime.timedelta(days=12),
            c.ActionStatus.IN_PROGRESS,
        ),
    ):
        if not ActionPoint.all_objects.filter(network=ld.network, title=title).exists():
            ld.add(
                ActionPoint,
                last.ends_at,
                body=plenary,
                meeting=last,
                title=title,
                owner_organisation=unhcr,
                owner_person=focal,
                due_date=due,
                status=status,
            )
