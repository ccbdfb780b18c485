"""`mignet generate`: synthetic networks for benchmarks — what it creates, determinism, refusal and --replace."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from mignet.accounts.models import User
from mignet.core.choices import Role
from mignet.network import choices as c
from mignet.network import generate, seed
from mignet.network.models import (
    Body,
    ChairTerm,
    Membership,
    Network,
    Nomination,
    Organisation,
    Person,
    Representative,
    RoleAssignment,
    TermsOfReference,
    ThematicArea,
    ToRObjective,
)

MODELS = [
    ThematicArea,
    Organisation,
    Person,
    Body,
    Membership,
    Representative,
    ChairTerm,
    Nomination,
    RoleAssignment,
    TermsOfReference,
    ToRObjective,
]


def run(*args: str) -> str:
    out = StringIO()
    call_command("generate", *args, stdout=out)
    return out.getvalue()


def fingerprint() -> dict[str, list]:
    """Everything generated, by natural values (primary keys differ between runs)."""
    return {
        "networks": list(
            Network.objects.order_by("slug").values_list("slug", "name", "time_zone", "established_on")
        ),
        "organisations": list(
            Organisation.objects.order_by("network__slug", "name").values_list(
                "network__slug", "name", "acronym", "kind", "visibility", "consortium__name", "created_at"
            )
        ),
        "people": list(
            Person.objects.order_by("email").values_list(
                "email", "full_name", "position", "organisation__name"
            )
        ),
        "memberships": sorted(
            Membership.objects.values_list(
                "body__name", "organisation__name", "kind", "status", "start_date", "end_date", "visibility"
            ),
            key=str,
        ),
        "representatives": sorted(
            Representative.objects.values_list(
                "membership__body__name", "person__email", "role", "level", "start_date", "end_date"
            ),
            key=str,
        ),
        "chair_terms": sorted(
            ChairTerm.objects.values_list("body__name", "organisation__name", "person__email", "start_date"),
            key=str,
        ),
        "nominations": sorted(
            Nomination.objects.values_list("body__name", "person__email", "status", "nominated_on"), key=str
        ),
        "roles": sorted(
            RoleAssignment.objects.values_list("user__email", "role", "organisation__name", "body__name")
        ),
    }


@pytest.mark.django_db
def test_small_scale_creates_every_kind_of_row():
    output = run("--scale", "small", "--seed", "3")
    network = Network.objects.get(slug="gen-bd")
    assert network.level == c.NetworkLevel.NATIONAL and network.country == "BD"
    assert network.coordinator.acronym == "IOM"
    for model in MODELS:
        assert model.objects.filter(network=network).exists(), model.__name__
    assert 40 <= Organisation.objects.filter(network=network).count() <= 60
    assert 150 <= Person.objects.filter(network=network).count() <= 250
    kinds = set(Body.objects.filter(network=network).values_list("kind", flat=True))
    assert {c.BodyKind.PLENARY, c.BodyKind.TWG} <= kinds
    # Ten years of structure: chair terms every year, memberships and representatives that ended.
    years = {d.year for d in ChairTerm.objects.filter(network=network).values_list("start_date", flat=True)}
    assert len(years) >= 8
    assert Membership.objects.filter(network=network, end_date__isnull=False).exists()
    assert Representative.objects.filter(network=network, end_date__isnull=False).exists()
    # Not demo data, invented addresses only.
    for model in MODELS:
        assert not model.all_objects.filter(is_demo=True).exists()
    assert not Person.objects.exclude(email__endswith="@example.org").exists()
    assert not User.objects.exclude(email__endswith="@example.org").exists()
    # One user per role, for measuring pages as each.
    for role in Role.values:
        user = User.objects.get(email=f"bench-{role}-gen-bd@example.org")
        assert RoleAssignment.objects.filter(network=network, user=user, role=role).exists()
        assert not user.has_usable_password()
    # Every row has its "created" history entry.
    for model in MODELS:
        assert model.history.filter(network=network).count() == model.objects.filter(network=network).count()
    assert "organisations" in output and "bench-secretariat-gen-bd@example.org" in output
    assert generate.batch_info() == ("small", 3)


@pytest.mark.django_db
def test_generated_rows_pass_model_validation():
    run("--scale", "small", "--seed", "5")
    for model in [Network, *MODELS]:
        for obj in model.objects.all():
            obj.full_clean()


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_data_and_another_seed_other_data():
    run("--scale", "small", "--seed", "7")
    first = fingerprint()
    run("--scale", "small", "--seed", "7", "--replace")
    assert fingerprint() == first
    run("--scale", "small", "--seed", "8", "--replace")
    other = fingerprint()
    assert other["organisations"] != first["organisations"]
    assert other["networks"] != first["networks"] or other["people"] != first["people"]


@pytest.mark.django_db
def test_a_database_with_networks_is_refused_without_replace():
    run("--scale", "small")
    before = {m.__name__: m.all_objects.count() for m in MODELS}
    users = User.objects.count()
    with pytest.raises(CommandError, match="already holds 1 network.*--replace"):
        run("--scale", "small")
    assert {m.__name__: m.all_objects.count() for m in MODELS} == before
    assert User.objects.count() == users


@pytest.mark.django_db
def test_replace_deletes_what_was_generated_and_keeps_other_networks():
    bd = seed.load()
    kept = {m.__name__: m.all_objects.filter(network=bd).count() for m in MODELS}
    with pytest.raises(CommandError, match="already holds"):
        run("--scale", "small")
    run("--scale", "small", "--replace")
    run("--scale", "small", "--seed", "2", "--replace")
    assert set(Network.objects.values_list("slug", flat=True)) == {"bd", "gen-bd"}
    assert {m.__name__: m.all_objects.filter(network=bd).count() for m in MODELS} == kept
    assert User.objects.filter(email__startswith="bench-secretariat-").count() == 1
    assert generate.batch_info() == ("small", 2)
    generated = Network.objects.get(slug="gen-bd")
    for model in MODELS:
        assert (
            model.history.filter(network=generated).count() == model.objects.filter(network=generated).count()
        )


def test_the_global_scale_spreads_80_networks_over_levels_countries_and_time_zones():
    specs = generate.network_specs("global", 1)
    assert len(specs) == 80
    levels = [s.level for s in specs]
    assert levels.count(c.NetworkLevel.GLOBAL) == 1
    assert levels.count(c.NetworkLevel.REGIONAL) == 5
    assert len({s.slug for s in specs}) == 80
    assert len({s.time_zone for s in specs}) > 50
    assert len({s.country for s in specs if s.country}) == 74
    national = next(s for s in generate.network_specs("national", 1))
    assert next(s for s in specs if s.slug == "gen-bd") == national
    total = sum(s.organisations for s in specs)
    assert 40 * national.organisations <= total <= 80 * national.organisations
    assert generate.network_specs("global", 1) == specs
