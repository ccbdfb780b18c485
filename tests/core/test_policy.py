"""The permission policy: read levels by role and visibility, network scoping, rules, deny by default."""

import html

import pytest

from mignet.core import policy
from mignet.core.choices import Visibility
from mignet.network.models import Organisation, Person

from ..factories import NetworkFactory, OrganisationFactory, PersonFactory, RoleAssignmentFactory, UserFactory


@pytest.fixture
def rows(network, iom):
    return {
        level: OrganisationFactory(network=network, name=f"{level} org", visibility=level)
        for level in (Visibility.INTERNAL, Visibility.NETWORK, Visibility.PUBLIC)
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("anonymous", {"public"}),
        ("viewer", {"network", "public"}),
        ("partner", {"network", "public"}),
        ("member", {"internal", "network", "public"}),
        ("chair", {"internal", "network", "public"}),
        ("secretariat", {"internal", "network", "public"}),
    ],
)
def test_each_role_reads_the_visibility_levels_design_md_gives_it(role, sees, users, rows):
    from django.contrib.auth.models import AnonymousUser

    user = users[role] or AnonymousUser()
    visible = set(
        policy.restrict(Organisation.objects.filter(pk__in=[o.pk for o in rows.values()]), user).values_list(
            "visibility", flat=True
        )
    )
    assert visible == sees
    for level, org in rows.items():
        assert policy.can(user, "view", org) is (level in sees)


@pytest.mark.django_db
def test_a_role_in_one_network_reads_nothing_internal_of_another(users, network):
    other = NetworkFactory()
    secret = OrganisationFactory(network=other, visibility=Visibility.INTERNAL)
    shared = OrganisationFactory(network=other, visibility=Visibility.NETWORK)
    assert (
        not policy.restrict(Organisation.objects.filter(network=other), users["secretariat"])
        .filter(pk__in=[secret.pk, shared.pk])
        .exists()
    )
    assert not policy.can(users["secretariat"], "change", shared)


@pytest.mark.django_db
def test_secretariat_may_do_everything_in_its_network_and_nothing_elsewhere(users, network, iom):
    other_network_org = OrganisationFactory(network=NetworkFactory())
    assert policy.can(users["secretariat"], "change", iom)
    assert policy.can(users["secretariat"], "delete", iom)
    assert policy.can(users["secretariat"], "add", model=Organisation, network=network)
    assert not policy.can(users["secretariat"], "change", other_network_org)


@pytest.mark.django_db
def test_focal_point_edits_own_organisation_and_its_people_only(users, network, iom, unhcr):
    member = users["member"]
    assert policy.can(member, "change", unhcr)
    assert not policy.can(member, "change", iom)
    assert not policy.can(member, "delete", unhcr)
    assert policy.can(member, "change", PersonFactory(network=network, organisation=unhcr))
    assert not policy.can(member, "change", PersonFactory(network=network, organisation=iom))
    assert policy.can(member, "add", Person(network=network, organisation=unhcr))
    assert not policy.can(member, "add", Person(network=network, organisation=iom))


@pytest.mark.django_db
def test_viewer_and_anonymous_may_change_nothing(users, network, unhcr):
    for role in ("viewer", "anonymous"):
        user = users[role]
        for action in ("add", "change", "delete", "restore"):
            assert not policy.can(user, action, unhcr)


@pytest.mark.django_db
def test_removing_a_role_takes_effect_on_the_next_request(users, network, unhcr):
    from mignet.network.models import RoleAssignment

    RoleAssignment.objects.filter(user=users["member"]).update(deleted_at="2026-01-01T00:00:00Z")
    fresh = type(users["member"]).objects.get(pk=users["member"].pk)  # a new request loads the user again
    assert not policy.can(fresh, "change", unhcr)


@pytest.mark.django_db
def test_inactive_users_hold_no_role(network):
    user = UserFactory(is_active=False)
    RoleAssignmentFactory(network=network, user=user)
    assert policy.principal(user).grants == []


@pytest.mark.django_db
def test_denials_are_logged_with_user_and_action(users, unhcr, iom, caplog):
    with caplog.at_level("WARNING", logger="mignet.security"), pytest.raises(policy.PermissionDenied):
        policy.require(users["member"], "change", iom)
    assert (
        "permission denied user=member@example.org action=change target=network.organisation:" in caplog.text
    )


@pytest.mark.django_db
def test_everyone_reads_their_own_role_but_only_the_secretariat_reads_others(users, network, client_for):
    from mignet.network.models import RoleAssignment

    own = RoleAssignment.objects.get(user=users["partner"])
    theirs = RoleAssignment.objects.get(user=users["member"])
    assert list(policy.restrict(RoleAssignment.objects.all(), users["partner"])) == [own]
    assert policy.can(users["partner"], "view", own) and not policy.can(users["partner"], "view", theirs)
    assert (
        policy.restrict(RoleAssignment.objects.all(), users["secretariat"]).count()
        == RoleAssignment.objects.count()
    )
    page = html.unescape(client_for("partner").get(f"/n/{network.slug}/roles/").content.decode())
    assert str(users["partner"]) in page and str(users["member"]) not in page
