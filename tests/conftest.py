"""Shared fixtures: the seeded Bangladesh Network, one user per role, clients signed in as each."""

from __future__ import annotations

import pytest
from django.test import Client

from mignet.core.choices import Role
from mignet.network import choices as c
from mignet.network import seed
from mignet.network.models import Body, Organisation

from .factories import BodyFactory, OrganisationFactory, PersonFactory, RoleAssignmentFactory, UserFactory

ROLES = ("anonymous", "viewer", "partner", "member", "chair", "secretariat")
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests create many users; a fast hasher keeps them quick (production keeps Django's default)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a per-test folder, never into var/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Each test gets its own empty in-process shared cache, so another test process sharing a Redis
    server cannot change what a test counts; the default cache is in the database and rolls back.
    (The Redis-backed cache itself is exercised in tests/core/test_operations.py.)"""
    from django.core.cache import caches

    # allauth keeps its per-address sign-in rate limit in the database cache, which outlives each test;
    # the suites sign in from 127.0.0.1 far more often than a person would (lockout is tested via axes).
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": False}
    settings.CACHES = {
        **settings.CACHES,
        "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests-shared"},
    }
    caches["shared"].clear()
    yield
    caches["shared"].clear()


@pytest.fixture
def network(db):
    """The Bangladesh Network as its ToR states it (reference data comes from the data migration)."""
    return seed.load()


@pytest.fixture
def plenary(network):
    return Body.objects.get(network=network, kind=c.BodyKind.PLENARY)


@pytest.fixture
def twg(network, plenary):
    return BodyFactory(network=network, name="Labour Migration TWG", parent=plenary)


@pytest.fixture
def iom(network):
    return Organisation.objects.get(network=network, acronym="IOM")


@pytest.fixture
def unhcr(network):
    return Organisation.objects.get(network=network, acronym="UNHCR")


@pytest.fixture
def consortium(network):
    return OrganisationFactory(
        network=network, name="CSO Alliance", acronym="CSOA", kind=c.OrganisationKind.CSO_CONSORTIUM
    )


@pytest.fixture
def users(network, iom, unhcr, consortium, twg):
    """One user per role in the Bangladesh Network (anonymous is None)."""
    made = {"anonymous": None}
    specs = {
        "secretariat": {"role": Role.SECRETARIAT},
        "member": {"role": Role.MEMBER, "organisation": unhcr},
        "chair": {"role": Role.CHAIR, "body": twg},
        "partner": {"role": Role.PARTNER, "organisation": consortium},
        "viewer": {"role": Role.VIEWER},
    }
    for role, spec in specs.items():
        user = UserFactory(email=f"{role}@example.org")
        RoleAssignmentFactory(network=network, user=user, **spec)
        made[role] = user
    return made


@pytest.fixture
def client_for(users):
    """client_for("member") → a test client signed in as that role (anonymous: not signed in)."""

    def make(role: str) -> Client:
        client = Client()
        if users[role] is not None:
            client.force_login(users[role])
        return client

    return make


@pytest.fixture
def person(network, unhcr):
    return PersonFactory(network=network, organisation=unhcr, full_name="Amina Chowdhury")
