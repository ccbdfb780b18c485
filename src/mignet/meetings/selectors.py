"""Reads of the meetings app. Each starts from the policy's restricted queryset, then shapes the query."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from mignet.core.policy import can, principal
from mignet.core.selectors import record_get, scoped
from mignet.network import choices as nc
from mignet.network.models import Body, Membership

from . import choices as c
from .models import ActionPoint, AgendaItem, Attendance, ChairSelection, Decision, Meeting, Minutes, Position

# --- Members


def body_member_ids(body: Body, on: datetime.date | None = None) -> set[int]:
    """Organisations that are full members of `body` on a day (observers do not take part in decisions)."""
    on = on or timezone.localdate()
    return set(
        Membership.objects.filter(
            body=body,
            status=nc.MembershipStatus.ACTIVE,
            kind=nc.MembershipKind.MEMBER,
            start_date__lte=on,
        )
        .exclude(end_date__lt=on)
        .values_list("organisation_id", flat=True)
    )


# --- Lists and single records


def meeting_list(*, user, network=None) -> QuerySet[Meeting]:
    return scoped(Meeting.objects.select_related("network", "body"), user=user, network=network)


def meeting_get(*, user, network, pk, include_deleted=False) -> Meeting:
    return record_get(
        Meeting.all_objects.select_related("network", "body__network"),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


def agenda_item_list(*, user, network=None) -> QuerySet[AgendaItem]:
    return scoped(
        AgendaItem.objects.select_related("network", "meeting__body", "meeting__network", "presenter"),
        user=user,
        network=network,
    )


def agenda_item_get(*, user, network, pk, include_deleted=False) -> AgendaItem:
    return record_get(
        AgendaItem.all_objects.select_related("network", "meeting__body", "meeting__network", "presenter"),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


def attendance_list(*, user, network=None) -> QuerySet[Attendance]:
    return scoped(
        Attendance.objects.select_related(
            "network", "meeting__body", "meeting__network", "person", "organisation"
        ),
        user=user,
        network=network,
    )


def attendance_get(*, user, network, pk, include_deleted=False) -> Attendance:
    return record_get(
        Attendance.all_objects.select_related(
            "network", "meeting__body", "meeting__network", "person", "organisation"
        ),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


def minutes_list(*, user, network=None) -> QuerySet[Minutes]:
    return scoped(Minutes.objects.select_related("network", "meeting__body"), user=user, network=network)


def minutes_get(*, user, network, pk, include_deleted=False) -> Minutes:
    return record_get(
        Minutes.all_objects.select_related("network", "meeting__body", "meeting__network", "corrects"),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


def decision_list(*, user, network=None) -> QuerySet[Decision]:
    return scoped(
        Decision.objects.select_related("network", "body", "meeting", "target_body"),
        user=user,
        network=network,
    )


def decision_get(*, user, network, pk, include_deleted=False) -> Decision:
    return record_get(
        Decision.all_objects.select_related(
            "network",
            "body__network",
            "meeting__body",
            "meeting__network",
            "target_body__network",
            "minutes__meeting__body",
            "minutes__network",
        ),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


def position_list(*, user, network=None) -> QuerySet[Position]:
    return scoped(
        Position.objects.select_related("network", "decision__body", "organisation", "recorded_by"),
        user=user,
        network=network,
    )


def action_point_list(*, user, network=None) -> QuerySet[ActionPoint]:
    return scoped(
        ActionPoint.objects.select_related(
            "network", "body", "meeting__body", "decision", "owner_organisation", "owner_person"
        ),
        user=user,
        network=network,
    )


def action_point_get(*, user, network, pk, include_deleted=False) -> ActionPoint:
    return record_get(
        ActionPoint.all_objects.select_related(
            "network", "body__network", "meeting__body", "decision", "owner_organisation", "owner_person"
        ),
        user=user,
        network=network,
        pk=pk,
        include_deleted=include_deleted,
    )


# --- Agenda: matters arising


def matters_arising(*, user, meeting: Meeting) -> list[ActionPoint]:
    """Action points of the body still open when this meeting starts, from earlier meetings or decisions.

    For a past meeting this is what was open then (an action closed after the meeting still shows)."""
    day = timezone.localdate(meeting.starts_at)
    return list(
        action_point_list(user=user, network=meeting.network)
        .filter(body_id=meeting.body_id, created_at__lt=meeting.starts_at)
        .filter(Q(completed_on__isnull=True) | Q(completed_on__gte=day))
        .exclude(status=c.ActionStatus.DROPPED, completed_on__isnull=True)
        .exclude(meeting_id=meeting.pk)
        .order_by("due_date", "pk")
    )


def network_impediments(*, user, meeting: Meeting) -> list:
    """On a plenary meeting's agenda: impediments escalated to the Network and still with it when the
    meeting starts (read from the plans app; empty for other bodies' meetings)."""
    from mignet.plans.selectors.impediments import impediments_for_meeting

    return impediments_for_meeting(meeting, user=user)


# --- What each record page shows beside the record itself (constant queries)


def _readable_resources(user):
    """Library documents attached to agenda items, as far as the user may read them."""
    from mignet.library.selectors import resource_list

    return resource_list(user=user).order_by("title")


@dataclass
class AttendanceRow:
    attendance: Attendance
    below_level: bool


def meeting_detail(*, user, obj: Meeting) -> dict:
    """Agenda, matters arising, attendance against the body's required level, minutes, decisions, actions."""

    def level_rank(level: str) -> int:
        return nc.LEVEL_RANK.get(level, 0)

    required = obj.body.required_level
    attendances = list(
        attendance_list(user=user, network=obj.network)
        .filter(meeting=obj)
        .order_by("status", "organisation__name", "person__full_name")
    )
    rows = [
        AttendanceRow(
            a,
            a.status == c.AttendanceStatus.PRESENT
            and bool(a.level)
            and level_rank(a.level) < level_rank(required),
        )
        for a in attendances
    ]
    minutes = list(minutes_list(user=user, network=obj.network).filter(meeting=obj).order_by("-revision"))
    return {
        "agenda_items": list(
            agenda_item_list(user=user, network=obj.network)
            .filter(meeting=obj)
            .prefetch_related(Prefetch("resources", queryset=_readable_resources(user), to_attr="documents"))
            .order_by("position", "pk")
        ),
        "matters_arising": matters_arising(user=user, meeting=obj),
        "is_plenary": obj.body.kind == nc.BodyKind.PLENARY,
        "network_impediments": network_impediments(user=user, meeting=obj),
        "attendance_rows": rows,
        "present_count": sum(1 for a in attendances if a.status == c.AttendanceStatus.PRESENT),
        "minutes": minutes,
        "current_minutes": minutes[0] if minutes else None,
        "decisions": list(
            decision_list(user=user, network=obj.network).filter(meeting=obj).order_by("created_at")
        ),
        "action_points": list(action_point_list(user=user, network=obj.network).filter(meeting=obj)),
        "can_add_minutes": not minutes and can(user, "add", model=Minutes, network=obj.network),
        "can_record_attendance": can(user, "change", obj) and not obj.is_cancelled,
        "can_add_agenda_item": can(user, "add", model=AgendaItem, network=obj.network)
        and not obj.is_cancelled,
        "can_add_decision": can(user, "add", model=Decision, network=obj.network),
        "can_add_action": can(user, "add", model=ActionPoint, network=obj.network),
    }


@dataclass
class MemberPosition:
    organisation: object
    position: Position | None
    can_record: bool


def decision_detail(*, user, obj: Decision) -> dict:
    """Each member's position (or none yet), where the decision stands by its rule, and what it changes."""
    from mignet.network.models import Organisation

    from .effects import rotation_conflicts
    from .services import decision_tally

    member_ids = body_member_ids(obj.body)
    positions = {
        p.organisation_id: p for p in position_list(user=user, network=obj.network).filter(decision=obj)
    }
    organisations = Organisation.objects.filter(pk__in=member_ids | set(positions)).order_by("name")
    p = principal(user)
    own = p.organisation_ids(obj.network_id, "member", "partner")
    chair = obj.body_id in p.chaired_body_ids(obj.network_id) or p.is_secretariat(obj.network_id)
    rows = [
        MemberPosition(
            org, positions.get(org.pk), obj.is_open and org.pk in member_ids and (chair or org.pk in own)
        )
        for org in organisations
    ]
    selections = list(
        ChairSelection.objects.filter(decision=obj, deleted_at__isnull=True).select_related(
            "organisation", "person"
        )
    )
    conflicts = []
    if obj.subject == c.DecisionSubject.SELECT_CHAIRS and obj.target_body_id and obj.is_open:
        conflicts = rotation_conflicts(obj, [s.organisation_id for s in selections])
    history = list(
        Position.history.filter(decision_id=obj.pk)
        .select_related("history_user")
        .order_by("-history_date")[:200]
    )
    org_names = {org.pk: org for org in organisations}
    return {
        "member_rows": rows,
        "tally": decision_tally(obj),
        "chair_selections": selections,
        "rotation_conflicts": conflicts,
        "position_history": [(h, org_names.get(h.organisation_id)) for h in history],
        "action_points": list(action_point_list(user=user, network=obj.network).filter(decision=obj)),
        "can_close": obj.is_open and can(user, "change", obj) and obj.method != c.DecisionMethod.SILENCE,
        "can_withdraw": obj.is_open and can(user, "change", obj),
        "can_record_position": any(r.can_record for r in rows),
    }


def minutes_detail(*, user, obj: Minutes) -> dict:
    """The revisions of these minutes and the decisions that approve them."""
    return {
        "revisions": list(
            minutes_list(user=user, network=obj.network)
            .filter(meeting_id=obj.meeting_id)
            .order_by("-revision")
        ),
        "approval_decisions": list(decision_list(user=user, network=obj.network).filter(minutes=obj)),
        "is_superseded": Minutes.objects.filter(corrects=obj).exists(),
    }


# --- My actions


def action_points_mine(*, user, network) -> dict:
    """The action points the user owns (by person) or their organisation owns, open first."""
    p = principal(user)
    own_orgs = p.organisation_ids(network.pk)
    qs = action_point_list(user=user, network=network).filter(
        Q(owner_person__user=user) | Q(owner_organisation_id__in=own_orgs)
    )
    today = timezone.localdate()
    open_qs = qs.filter(status__in=c.OPEN_ACTION_STATUSES).order_by("due_date", "pk")
    return {
        "overdue": list(open_qs.filter(due_date__lt=today)),
        "open": list(open_qs.filter(due_date__gte=today)),
        "closed": list(qs.exclude(status__in=c.OPEN_ACTION_STATUSES).order_by("-completed_on", "-pk")[:50]),
    }


# --- Cadence: the Network meets at least once per calendar quarter


@dataclass
class Quarter:
    year: int
    number: int
    start: datetime.date
    end: datetime.date
    state: str  # met, missed, scheduled, due, alert, future
    meetings: list = field(default_factory=list)

    @property
    def label(self) -> str:
        from django.utils.translation import gettext

        return gettext("Q%(n)d %(year)d") % {"n": self.number, "year": self.year}


def _quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _quarter_bounds(year: int, number: int) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(year, 3 * (number - 1) + 1, 1)
    nxt = datetime.date(year + (number == 4), (3 * number) % 12 + 1, 1)
    return start, nxt - datetime.timedelta(days=1)


def meeting_cadence(*, user, network, quarters: int = 8, today: datetime.date | None = None) -> list[Quarter]:
    """The last `quarters` calendar quarters and the current one, for the Network plenary: met, missed,
    scheduled, or due — and `alert` when the current quarter has no meeting 30 days before it ends."""
    now = timezone.now()
    if today is None:
        today = timezone.localdate(now)
    elif today != timezone.localdate(now):
        # As the quarters stood at the end of `today`: a meeting after that day is not yet held.
        now = timezone.make_aware(
            datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
        )
    year, number = _quarter_of(today)
    keys = []
    for _ in range(quarters + 1):
        keys.append((year, number))
        year, number = (year, number - 1) if number > 1 else (year - 1, 4)
    keys.reverse()
    first_start, _ = _quarter_bounds(*keys[0])
    meetings = list(
        meeting_list(user=user, network=network)
        .filter(body__kind=nc.BodyKind.PLENARY, status=c.MeetingStatus.SCHEDULED)
        .filter(starts_at__date__gte=first_start - datetime.timedelta(days=1))
        .order_by("starts_at")
    )
    by_quarter: dict[tuple[int, int], list[Meeting]] = {}
    for m in meetings:
        by_quarter.setdefault(_quarter_of(timezone.localdate(m.starts_at)), []).append(m)
    alert_days = settings.MIGNET_CADENCE_ALERT_DAYS
    result = []
    for key in keys:
        start, end = _quarter_bounds(*key)
        in_quarter = by_quarter.get(key, [])
        held = [m for m in in_quarter if m.starts_at <= now]
        if held:
            state = "met"
        elif end < today:
            state = "missed"
        elif in_quarter:
            state = "scheduled"
        elif (end - today).days <= alert_days:
            state = "alert"
        else:
            state = "due"
        result.append(Quarter(key[0], key[1], start, end, state, in_quarter))
    return result


def upcoming_meetings(*, user, network, limit: int = 5) -> list[Meeting]:
    """The next meetings the user may see, soonest first."""
    return list(
        meeting_list(user=user, network=network)
        .filter(ends_at__gte=timezone.now(), status=c.MeetingStatus.SCHEDULED)
        .order_by("starts_at")[:limit]
    )


def open_decisions(*, user, network, limit: int = 10) -> list[Decision]:
    """Decisions still open for positions, the nearest deadline first."""
    return list(
        decision_list(user=user, network=network)
        .filter(status=c.DecisionStatus.OPEN)
        .order_by("deadline", "created_at")[:limit]
    )


def body_meetings(*, user, body: Body) -> dict:
    """For a body's page: its next and recent meetings, open decisions, current co-chairs and rotation rule."""
    now = timezone.now()
    qs = meeting_list(user=user, network=body.network).filter(body=body)
    return {
        "next_meetings": list(qs.filter(ends_at__gte=now).order_by("starts_at")[:3]),
        "recent_meetings": list(qs.filter(ends_at__lt=now).order_by("-starts_at")[:5]),
        "body_decisions": list(
            decision_list(user=user, network=body.network)
            .filter(Q(body=body) | Q(target_body=body))
            .order_by("-created_at")[:10]
        ),
        "open_action_count": action_point_list(user=user, network=body.network)
        .filter(body=body, status__in=c.OPEN_ACTION_STATUSES)
        .count(),
    }


def home_panels(*, user, network) -> dict:
    """What the network's home page shows from this app: cadence by quarter, next meetings, open decisions."""
    cadence = meeting_cadence(user=user, network=network)
    current = cadence[-1] if cadence else None
    return {
        "cadence": cadence,
        "cadence_alert": current if current is not None and current.state == "alert" else None,
        "upcoming_meetings": upcoming_meetings(user=user, network=network),
        "open_decisions": open_decisions(user=user, network=network, limit=5),
    }
