"""Every page of the network app renders for the secretariat on the demo data."""

import pytest

from mignet.network import demo
from mignet.network.models import (
    Body,
    ChairTerm,
    Membership,
    Nomination,
    Organisation,
    Person,
    Representative,
    RoleAssignment,
    TermsOfReference,
    ThematicArea,
)

SEGMENTS = [
    ("organisations", Organisation),
    ("people", Person),
    ("bodies", Body),
    ("memberships", Membership),
    ("representatives", Representative),
    ("chair-terms", ChairTerm),
    ("nominations", Nomination),
    ("roles", RoleAssignment),
    ("terms-of-reference", TermsOfReference),
    ("thematic-areas", ThematicArea),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("segment", "model"), SEGMENTS)
def test_every_record_page_renders_on_the_demo(client, segment, model):
    demo.load("demo-password-123")
    from mignet.accounts.models import User

    client.force_login(User.objects.get(email=demo.ACCOUNTS["secretariat"]))
    obj = model.objects.filter(network__slug="bd").first()
    for url in [
        f"/n/bd/{segment}/",
        f"/n/bd/{segment}/?deleted=1",
        f"/n/bd/{segment}/new/",
        f"/n/bd/{segment}/{obj.pk}/",
        f"/n/bd/{segment}/{obj.pk}/edit/",
        f"/n/bd/{segment}/{obj.pk}/history/",
        f"/n/bd/{segment}/{obj.pk}/delete/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"<h1" in response.content
