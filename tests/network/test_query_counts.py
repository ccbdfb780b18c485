"""Query counts of the network app's pages and API hold as rows grow (DESIGN.md house rule 9).

Each test counts the SQL queries of one page or endpoint with a few rows, adds several times more rows
of every kind the page shows (memberships, representatives, chair terms, nominations, people, bodies,
networks…), counts again, and expects the same number, at most 15. Timings belong to `make bench`.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mignet.core.choices import Role, Visibility
from mignet.network import choices as c
from mignet.network.models import Body, Membership, Network, RoleAssignment, TermsOfReference, ThematicArea

from ..factories import (
    BodyFactory,
    ChairTermFactory,
    MembershipFactory,
    NetworkFactory,
    NominationFactory,
    OrganisationFactory,
    PersonFactory,
    RepresentativeFactory,
    RoleAssignmentFactory,
    UserFactory,
)

MAX_QUERIES = 15
FEW, MORE = 1, 5  # units of rows before and after growing

SEGMENTS = [
    "organisations",
    "people",
    "bodies",
    "memberships",
    "representatives",
    "chair-terms",
    "nominations",
    "roles",
    "terms-of-reference",
    "thematic-areas",
]
SEARCH = {
    "organisations": "organisation",
    "people": "a",
    "bodies": "group",
    "memberships": "organisation",
    "representatives": "a",
    "chair-terms": "organisation",
    "nominations": "a",
    "roles": "example",
    "terms-of-reference": "terms",
    "thematic-areas": "migration",
}
API_LISTS = [
    "networks",
    "organisations",
    "people",
    "bodies",
    "memberships",
    "representatives",
    "chair-terms",
    "nominations",
    "role-assignments",
    "terms-of-reference",
    "thematic-areas",
]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    network: Network
    plenary: Body
    twg: Body
    unhcr: object
    consortium: object
    person: object
    twg_unhcr: Membership
    targets: dict
    counter: itertools.count


@pytest.fixture
def world(network, plenary, twg, unhcr, consortium, person, users) -> World:
    """The seeded network with the conftest users, and one record of each kind whose page is counted."""
    twg_unhcr = MembershipFactory(network=network, body=twg, organisation=unhcr)
    rep = RepresentativeFactory(network=network, membership=twg_unhcr, person=person)
    term = ChairTermFactory(network=network, body=twg, organisation=unhcr, person=person)
    nomination = NominationFactory(
        network=network,
        consortium=consortium,
        body=twg,
        person=PersonFactory(network=network, organisation=consortium),
    )
    w = World(
        network=network,
        plenary=plenary,
        twg=twg,
        unhcr=unhcr,
        consortium=consortium,
        person=person,
        twg_unhcr=twg_unhcr,
        targets={},
        counter=itertools.count(1),
    )
    w.targets = {
        "organisations": unhcr,
        "consortium": consortium,
        "people": person,
        "bodies": twg,
        "memberships": twg_unhcr,
        "representatives": rep,
        "chair-terms": term,
        "nominations": nomination,
        "roles": RoleAssignment.objects.get(network=network, user=users["member"]),
        "terms-of-reference": TermsOfReference.objects.get(network=network, number=1),
        "thematic-areas": ThematicArea.objects.filter(network=network).order_by("name").first(),
    }
    grow(w, FEW)
    return w


def grow(w: World, units: int) -> None:
    """Add `units` × (an organisation with people, a body with members, representatives, chair terms,
    nominations, a role, a ToR version and a network) — rows every page of the app lists or links."""
    net, today = w.network, timezone.localdate()
    themes = list(ThematicArea.objects.filter(network=net).order_by("name")[:2])
    for _ in range(units):
        i = next(w.counter)
        org = OrganisationFactory(network=net, kind=c.OrganisationKind.NGO_CSO, consortium=w.consortium)
        staff = [PersonFactory(network=net, organisation=org, full_name=f"Person {i} {k}") for k in range(2)]
        body = BodyFactory(network=net, parent=w.plenary)
        body.thematic_areas.set(themes)
        BodyFactory(network=net)  # a body without members (governance health)
        MembershipFactory(network=net, body=w.plenary, organisation=org)
        in_twg = MembershipFactory(network=net, body=w.twg, organisation=org)
        unhcr_in_body = MembershipFactory(network=net, body=body, organisation=w.unhcr)
        MembershipFactory(network=net, body=body, organisation=org)
        # Below the level the TWG requires (governance health), Amina in one more body, and a past
        # representative of UNHCR in the TWG.
        RepresentativeFactory(
            network=net, membership=in_twg, person=staff[0], level=c.ParticipationLevel.OFFICER
        )
        RepresentativeFactory(network=net, membership=unhcr_in_body, person=w.person)
        RepresentativeFactory(
            network=net,
            membership=w.twg_unhcr,
            person=PersonFactory(network=net, organisation=w.unhcr),
            start_date=datetime.date(2000 + i, 1, 1),
            end_date=datetime.date(2000 + i, 12, 31),
        )
        ChairTermFactory(
            network=net,
            body=w.twg,
            organisation=w.unhcr,
            person=w.person,
            start_date=datetime.date(2000 + i, 1, 1),
            end_date=datetime.date(2000 + i, 12, 31),
        )
        ChairTermFactory(  # ending soon (governance health) and in office (home page)
            network=net,
            body=body,
            organisation=org,
            person=staff[1],
            start_date=today - datetime.timedelta(days=300),
            end_date=today + datetime.timedelta(days=30),
        )
        NominationFactory(
            network=net,
            consortium=w.consortium,
            body=w.twg,
            person=PersonFactory(network=net, organisation=w.consortium),
        )
        RoleAssignmentFactory(network=net, user=UserFactory(), role=Role.VIEWER)
        terms = TermsOfReference.objects.create(
            network=net, number=i + 1, title=f"Terms of reference {i + 1}", visibility=Visibility.PUBLIC
        )
        terms.objectives.create(network=net, scope=c.ObjectiveScope.NETWORK, number=1, text="Objective")
        NetworkFactory()


def _url(w: World, name: str) -> str:
    base = f"/n/{w.network.slug}"
    if name in ("home", "about", "settings"):
        return {"home": f"{base}/", "about": f"{base}/about/", "settings": f"{base}/settings/"}[name]
    if name.startswith("api:"):
        rest = name.removeprefix("api:")
        if rest == "organisation":
            return f"/api/v1/organisations/{w.unhcr.pk}/"
        return f"/api/v1/{rest}/"
    segment, _, kind = name.partition(":")
    if kind == "list":
        return f"{base}/{segment}/"
    if kind == "search":
        return f"{base}/{segment}/?q={SEARCH[segment]}"
    obj = w.targets[segment]
    segment = "organisations" if segment == "consortium" else segment
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
    assert more == few, f"{url} as {role}: {few} queries with few rows, {more} with {MORE}× as many"
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(url)


PAGES = [
    "home",
    "about",
    "settings",
    *[f"{s}:{kind}" for s in SEGMENTS for kind in ("list", "search", "detail", "edit")],
    "consortium:detail",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_page_queries_do_not_grow(client_for, world, name, django_assert_max_num_queries):
    _assert_flat(client_for, world, "secretariat", name, django_assert_max_num_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["home", *[f"{s}:list" for s in SEGMENTS], "organisations:detail"])
def test_page_queries_do_not_grow_for_a_partner(client_for, world, name, django_assert_max_num_queries):
    _assert_flat(client_for, world, "partner", name, django_assert_max_num_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("name", [*[f"api:{n}" for n in API_LISTS], "api:organisation"])
def test_api_queries_do_not_grow(client_for, world, name, django_assert_max_num_queries):
    _assert_flat(client_for, world, "secretariat", name, django_assert_max_num_queries)
