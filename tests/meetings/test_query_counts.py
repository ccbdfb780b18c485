"""Query counts of the meetings app's pages and API hold as rows grow (DESIGN.md house rule 9).

Each test counts the SQL queries of one page or endpoint with a few rows, adds several times more rows
of every kind the page shows (agenda items, attendance, member organisations with positions and their
history, decisions, minutes revisions, action points from meetings and decisions, matters arising,
meetings in every quarter, representatives…), counts again, and expects the same number. Timings belong
to `make bench`.
"""

from __future__ import annotations

import datetime
import importlib.util
import itertools
from dataclasses import dataclass, field

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mignet.meetings import choices as mc
from mignet.meetings import services
from mignet.meetings.models import Attendance, ChairSelection, Decision, Meeting, Minutes
from mignet.network import choices as nc
from mignet.network.models import Body, Network, Organisation

from ..factories import (
    ActionPointFactory,
    AgendaItemFactory,
    ChairTermFactory,
    DecisionFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    RepresentativeFactory,
)

FEW, MORE = 2, 15  # units of rows before and after growing

MAX_QUERIES = 15  # DESIGN.md section 7

HAS_API = importlib.util.find_spec("mignet.meetings.api.views") is not None


@dataclass
class World:
    network: Network
    plenary: Body
    twg: Body
    unhcr: Organisation
    users: dict
    meeting: Meeting  # the TWG's next meeting: everything below grows on its page
    earlier: Meeting  # an earlier TWG meeting whose open action points are matters arising
    decision: Decision  # the TWG's chair selection, taken in `meeting`, with every member's position
    minutes: Minutes  # the minutes of `earlier`, in several revisions
    targets: dict = field(default_factory=dict)
    counter: itertools.count = field(default_factory=lambda: itertools.count(1))


@pytest.fixture
def world(network, plenary, twg, unhcr, iom, consortium, person, users) -> World:
    now = timezone.now()
    for org in (unhcr, iom, consortium):
        membership = MembershipFactory(
            network=network,
            body=twg,
            organisation=org,
            status=nc.MembershipStatus.ACTIVE,
            start_date=datetime.date(2020, 1, 1),
        )
        RepresentativeFactory(network=network, membership=membership, person=PersonFactory(network=network))
    earlier = MeetingFactory(
        network=network,
        body=twg,
        title="",  # its name comes from the body and the date
        starts_at=now - datetime.timedelta(days=60),
        ends_at=now - datetime.timedelta(days=60) + datetime.timedelta(hours=2),
    )
    meeting = MeetingFactory(network=network, body=twg, title="TWG meeting")
    decision = DecisionFactory(
        network=network,
        body=twg,
        meeting=meeting,
        method=mc.DecisionMethod.CONSENSUS,
        subject=mc.DecisionSubject.SELECT_CHAIRS,
        target_body=twg,
        title="Co-chairs of the TWG",
        deadline=None,
    )
    # The previous term (UNHCR selected again: a rotation conflict on the page).
    ChairTermFactory(
        network=network,
        body=twg,
        organisation=unhcr,
        person=person,
        start_date=timezone.localdate() - datetime.timedelta(days=300),
        end_date=timezone.localdate() + datetime.timedelta(days=65),
    )
    for org in (unhcr, consortium):
        ChairSelection.objects.create(network=network, decision=decision, organisation=org)
    minutes = Minutes.objects.create(
        network=network, meeting=earlier, text="# Minutes\n\nThe members met.", revision=1
    )
    w = World(
        network=network,
        plenary=plenary,
        twg=twg,
        unhcr=unhcr,
        users=users,
        meeting=meeting,
        earlier=earlier,
        decision=decision,
        minutes=minutes,
    )
    w.targets = {
        "meetings": meeting,
        "meetings:earlier": earlier,
        "agenda-items": AgendaItemFactory(meeting=meeting, presenter=unhcr, minutes_allotted=10),
        "attendance": _attendance(w, person, unhcr),
        "minutes": minutes,
        "decisions": decision,
        "action-points": ActionPointFactory(
            meeting=earlier, decision=decision, owner_organisation=unhcr, owner_person=person
        ),
    }
    grow(w, FEW)
    return w


def _attendance(w: World, person, organisation) -> Attendance:
    return Attendance.objects.create(
        network=w.network,
        meeting=w.meeting,
        person=person,
        organisation=organisation,
        status=mc.AttendanceStatus.PRESENT,
        level=nc.ParticipationLevel.OFFICER,
    )


def grow(w: World, units: int) -> None:
    """Add `units` × (a member organisation of the TWG with a representative and a position recorded twice,
    an agenda item, an attendance, a decision and action points of the meeting, an open action point of
    the earlier meeting, a minutes revision, plenary meetings past and future, an open decision, another
    network's meeting) — rows every page of the app lists or links."""
    net, now, today = w.network, timezone.now(), timezone.localdate()
    secretariat = w.users["secretariat"]
    for _ in range(units):
        i = next(w.counter)
        org = OrganisationFactory(network=net, kind=nc.OrganisationKind.NGO_CSO)
        staff = PersonFactory(network=net, organisation=org, full_name=f"Person {i}")
        membership = MembershipFactory(
            network=net,
            body=w.twg,
            organisation=org,
            status=nc.MembershipStatus.ACTIVE,
            start_date=datetime.date(2020, 1, 1),
        )
        RepresentativeFactory(
            network=net, membership=membership, person=staff, start_date=datetime.date(2020, 1, 1)
        )
        # A position, then a change of mind: two history entries.
        services.position_record(
            actor=secretariat, decision=w.decision, organisation=org, value="object", reason="Not yet"
        )
        services.position_record(actor=secretariat, decision=w.decision, organisation=org, value="agree")
        AgendaItemFactory(meeting=w.meeting, presenter=org, minutes_allotted=15)
        Attendance.objects.create(
            network=net,
            meeting=w.meeting,
            person=staff,
            organisation=org,
            status=mc.AttendanceStatus.PRESENT if i % 3 else mc.AttendanceStatus.APOLOGIES,
            level=nc.ParticipationLevel.OFFICER,
        )
        DecisionFactory(
            network=net, body=w.twg, meeting=w.meeting, method=mc.DecisionMethod.CONSENSUS, deadline=None
        )
        # Action points: from the meeting, from the decision, open and overdue from the earlier meeting
        # (matters arising), one done; UNHCR owns several (My actions of its focal point).
        ActionPointFactory(meeting=w.meeting, owner_organisation=org, owner_person=staff)
        ActionPointFactory(
            meeting=None, body=w.twg, network=net, decision=w.decision, owner_organisation=w.unhcr
        )
        ActionPointFactory(
            meeting=w.earlier,
            owner_organisation=w.unhcr,
            owner_person=staff,
            due_date=today - datetime.timedelta(days=i),
        )
        ActionPointFactory(
            meeting=w.earlier,
            owner_organisation=w.unhcr,
            status=mc.ActionStatus.DONE,
            completed_on=today - datetime.timedelta(days=i),
        )
        Minutes.objects.create(network=net, meeting=w.earlier, revision=i + 1, text=f"Revision {i + 1}")
        # Plenary meetings: one in a past quarter (cadence) and one coming (home page, body page).
        past = now - datetime.timedelta(days=40 * i)
        for start in (past, now + datetime.timedelta(days=3 + i)):
            m = MeetingFactory(
                network=net,
                body=w.plenary,
                title="",
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=2),
            )
            Minutes.objects.create(network=net, meeting=m, text="Minutes")
        MeetingFactory(network=net, body=w.twg, starts_at=now + datetime.timedelta(days=30 + i))
        DecisionFactory(network=net, body=w.plenary, method=mc.DecisionMethod.SILENCE)
        MeetingFactory()  # another network's meeting


def _url(w: World, name: str) -> str:
    base = f"/n/{w.network.slug}"
    t = w.targets
    pages = {
        "home": f"{base}/",
        "body": f"{base}/bodies/{w.twg.pk}/",
        "plenary": f"{base}/bodies/{w.plenary.pk}/",
        "my-actions": f"{base}/my-actions/",
        "register": f"{base}/meetings/{w.meeting.pk}/attendance/",
        "position": f"{base}/decisions/{w.decision.pk}/position/",
        "earlier-meeting": f"{base}/meetings/{w.earlier.pk}/",
        "meetings:filtered": f"{base}/meetings/?body={w.twg.pk}&upcoming=true&q=meeting",
        "agenda-items:filtered": f"{base}/agenda-items/?meeting={w.meeting.pk}&q=item",
        "attendance:filtered": f"{base}/attendance/?meeting={w.meeting.pk}&status=present",
        "minutes:filtered": f"{base}/minutes/?meeting={w.earlier.pk}&status=draft",
        "decisions:filtered": f"{base}/decisions/?body={w.twg.pk}&method=consensus&status=open",
        "action-points:filtered": f"{base}/action-points/?owner_organisation={w.unhcr.pk}&overdue=true",
        "api:decision-positions": f"/api/v1/decisions/{w.decision.pk}/positions/",
    }
    if name in pages:
        return pages[name]
    if name.startswith("api:"):
        return f"/api/v1/{name.removeprefix('api:')}/"
    segment, _, kind = name.partition(":")
    if kind == "list":
        return f"{base}/{segment}/"
    if kind == "new":
        return f"{base}/{segment}/new/"
    obj = t[segment]
    return f"{base}/{segment}/{obj.pk}/" + ("edit/" if kind == "edit" else "")


def _count(client, url: str) -> int:
    client.get(url)  # warm caches (sessions, content types) so both counts see the same state
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


def _assert_flat(client_for, w: World, role: str, name: str, django_assert_max_num_queries) -> None:
    client = client_for(role)
    url = _url(w, name)
    few = _count(client, url)
    grow(w, MORE - FEW)
    more = _count(client, url)
    assert more == few, f"{url} as {role}: {few} queries with few rows, {more} with {MORE / FEW:.1f}× as many"
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(url)


SEGMENTS = ["meetings", "agenda-items", "attendance", "minutes", "decisions", "action-points"]
PAGES = [
    *[f"{s}:{kind}" for s in SEGMENTS for kind in ("list", "filtered", "detail", "new", "edit")],
    "earlier-meeting",
    "register",
    "position",
    "my-actions",
    "home",
    "body",
    "plenary",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_page_queries_do_not_grow(client_for, world, name, django_assert_max_num_queries):
    _assert_flat(client_for, world, "secretariat", name, django_assert_max_num_queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "home",
        "my-actions",
        "position",
        "body",
        *[f"{s}:list" for s in SEGMENTS],
        "meetings:detail",
        "decisions:detail",
    ],
)
def test_page_queries_do_not_grow_for_a_member(client_for, world, name, django_assert_max_num_queries):
    """UNHCR's focal point: its own action points, its own position to record, what members may read."""
    _assert_flat(client_for, world, "member", name, django_assert_max_num_queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["home", *[f"{s}:list" for s in SEGMENTS], "meetings:detail", "decisions:detail"]
)
def test_page_queries_do_not_grow_for_a_partner(client_for, world, name, django_assert_max_num_queries):
    _assert_flat(client_for, world, "partner", name, django_assert_max_num_queries)


API_LISTS = ["meetings", "agenda-items", "attendance", "minutes", "decisions", "positions", "action-points"]


@pytest.mark.skipif(not HAS_API, reason="the meetings API has not landed")
@pytest.mark.django_db
@pytest.mark.parametrize("name", [*[f"api:{n}" for n in API_LISTS], "api:decision-positions"])
@pytest.mark.parametrize("role", ["secretariat", "member"])
def test_api_queries_do_not_grow(client_for, world, name, role, django_assert_max_num_queries):
    _assert_flat(client_for, world, role, name, django_assert_max_num_queries)
