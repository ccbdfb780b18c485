"""Fixtures of the meetings tests: a plenary meeting next week, a TWG with members, an open decision."""

import datetime

import pytest
from django.utils import timezone

from mignet.meetings import choices as mc
from mignet.network import choices as nc
from mignet.network.models import Membership
from tests.factories import DecisionFactory, MeetingFactory, MembershipFactory, RepresentativeFactory


@pytest.fixture
def plenary_members(plenary):
    """The seeded plenary's member organisations (UN agencies), by acronym."""
    rows = Membership.objects.filter(body=plenary, status=nc.MembershipStatus.ACTIVE).select_related(
        "organisation"
    )
    return {m.organisation.acronym: m.organisation for m in rows}


@pytest.fixture
def meeting(network, plenary):
    """A regular plenary meeting a week from now, at IOM's office."""
    return MeetingFactory(network=network, body=plenary, title="Quarterly Network meeting")


@pytest.fixture
def twg_members(network, twg, unhcr, iom, consortium):
    """UNHCR, IOM and the CSO consortium are members of the TWG, each with a principal representative."""
    for org in (unhcr, iom, consortium):
        membership = MembershipFactory(
            network=network,
            body=twg,
            organisation=org,
            status=nc.MembershipStatus.ACTIVE,
            start_date=datetime.date(2020, 1, 1),
        )
        RepresentativeFactory(
            network=network, membership=membership, person__email=f"rep@{org.acronym.lower()}.example.org"
        )
    return {"UNHCR": unhcr, "IOM": iom, "CSOA": consortium}


@pytest.fixture
def written_decision(network, twg, twg_members):
    """A written consultation of the TWG, open for ten more days."""
    return DecisionFactory(
        network=network,
        body=twg,
        method=mc.DecisionMethod.WRITTEN,
        deadline=timezone.now() + datetime.timedelta(days=10),
    )
