"""The REST API: same rules as the pages, tokens, filtering, pagination, versions, OpenAPI schema."""

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from mignet.accounts.services import token_create, token_revoke
from mignet.network.models import Organisation


def token_client(user) -> APIClient:
    client = APIClient()
    _token, key = token_create(actor=user, name="test script")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.mark.django_db
def test_token_lets_a_script_create_read_update_and_delete(users, network):
    api = token_client(users["secretariat"])
    created = api.post(
        "/api/v1/organisations/",
        {
            "network": network.slug,
            "name": "Ovibashi Karmi Unnayan Program (test)",
            "acronym": "OKUP-T",
            "kind": "ngo_cso",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    org_id, version = created.data["id"], created.data["version"]
    assert api.get(f"/api/v1/organisations/{org_id}/").data["acronym"] == "OKUP-T"
    updated = api.patch(
        f"/api/v1/organisations/{org_id}/", {"version": version, "phone": "+880 2 1234"}, format="json"
    )
    assert updated.status_code == 200 and updated.data["version"] == version + 1
    history = api.get(f"/api/v1/organisations/{org_id}/history/").data
    assert history[0]["who"] == "secretariat@example.org"
    assert {"field": "Phone", "before": "—", "after": "+880 2 1234"} in history[0]["changes"]
    assert api.delete(f"/api/v1/organisations/{org_id}/").status_code == 204
    assert api.get(f"/api/v1/organisations/{org_id}/").status_code == 404
    assert api.post(f"/api/v1/organisations/{org_id}/restore/").status_code == 200
    assert Organisation.objects.filter(pk=org_id).exists()


@pytest.mark.django_db
def test_stale_version_answers_409_and_changes_nothing(users, network, unhcr):
    api = token_client(users["secretariat"])
    assert (
        api.patch(
            f"/api/v1/organisations/{unhcr.pk}/", {"version": unhcr.version, "phone": "1"}, format="json"
        ).status_code
        == 200
    )
    stale = api.patch(
        f"/api/v1/organisations/{unhcr.pk}/", {"version": unhcr.version, "phone": "2"}, format="json"
    )
    assert stale.status_code == 409
    assert stale.data["code"] == "concurrent_edit" and stale.data["current_version"] == unhcr.version + 1
    missing = api.patch(f"/api/v1/organisations/{unhcr.pk}/", {"phone": "3"}, format="json")
    assert missing.status_code == 400 and "version" in missing.data
    unhcr.refresh_from_db()
    assert unhcr.phone == "1"


@pytest.mark.django_db
def test_bad_input_gets_field_messages_and_nothing_is_written(users, network, iom):
    api = token_client(users["secretariat"])
    before = Organisation.objects.count()
    response = api.post(
        "/api/v1/organisations/",
        {"network": network.slug, "name": iom.name, "kind": "spaceship", "website": "nope"},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.data) >= {"kind", "website"}
    duplicate = api.post(
        "/api/v1/organisations/",
        {"network": network.slug, "name": iom.name, "kind": "un_entity"},
        format="json",
    )
    assert duplicate.status_code == 400
    assert "already exists" in str(duplicate.data)
    assert Organisation.objects.count() == before


@pytest.mark.django_db
def test_records_of_another_network_cannot_be_linked(users, network, twg):
    from ..factories import NetworkFactory, OrganisationFactory

    foreign = OrganisationFactory(network=NetworkFactory())
    api = token_client(users["secretariat"])
    response = api.post(
        "/api/v1/memberships/",
        {"network": network.slug, "body": twg.pk, "organisation": foreign.pk},
        format="json",
    )
    assert response.status_code == 400 and "organisation" in response.data


@pytest.mark.django_db
def test_focal_point_may_patch_own_organisation_but_not_reserved_fields(users, unhcr, iom):
    api = token_client(users["member"])
    assert (
        api.patch(
            f"/api/v1/organisations/{unhcr.pk}/", {"version": unhcr.version, "phone": "+880 1"}, format="json"
        ).status_code
        == 200
    )
    reserved = api.patch(
        f"/api/v1/organisations/{unhcr.pk}/", {"version": unhcr.version + 1, "kind": "ngo_cso"}, format="json"
    )
    assert reserved.status_code == 400 and reserved.data == {
        "kind": ["Only the secretariat can change this."]
    }
    assert (
        api.patch(
            f"/api/v1/organisations/{iom.pk}/", {"version": iom.version, "phone": "x"}, format="json"
        ).status_code
        == 403
    )


@pytest.mark.django_db
def test_revoked_or_guessed_tokens_are_refused(users):
    client = APIClient()
    token, key = token_create(actor=users["viewer"], name="old")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/organisations/").status_code == 200
    token_revoke(actor=users["viewer"], token=token)
    assert client.get("/api/v1/organisations/").status_code == 401
    client.credentials(HTTP_AUTHORIZATION="Token guessed-token-value")
    assert client.get("/api/v1/organisations/").status_code == 401


@pytest.mark.django_db
def test_lists_filter_search_and_paginate(users, network):
    from ..factories import OrganisationFactory

    for i in range(60):
        OrganisationFactory(network=network, name=f"Migrant Support Group {i:02}", kind="ngo_cso")
    api = token_client(users["viewer"])
    page = api.get("/api/v1/organisations/", {"network": network.slug, "kind": "ngo_cso"}).data
    assert page["count"] == 60 and len(page["results"]) == 50 and page["next"]
    assert api.get("/api/v1/organisations/", {"q": "Group 07"}).data["count"] == 1
    assert api.get("/api/v1/organisations/", {"kind": "un_entity", "page_size": 5}).data["count"] == 9


@pytest.mark.django_db
def test_anonymous_api_reads_public_records_only(network, unhcr):
    from ..factories import OrganisationFactory

    hidden = OrganisationFactory(network=network, name="Internal only", visibility="internal")
    names = {o["name"] for o in APIClient().get("/api/v1/organisations/", {"page_size": 100}).data["results"]}
    assert unhcr.name in names and hidden.name not in names
    assert (
        APIClient()
        .post(
            "/api/v1/organisations/", {"network": network.slug, "name": "x", "kind": "other"}, format="json"
        )
        .status_code
        == 401
    )


@pytest.mark.django_db
def test_nomination_decide_through_the_api(users, network, consortium, twg):
    from ..factories import NominationFactory, PersonFactory

    nomination = NominationFactory(
        network=network,
        consortium=consortium,
        body=twg,
        person=PersonFactory(network=network, organisation=consortium),
    )
    assert (
        token_client(users["partner"])
        .post(f"/api/v1/nominations/{nomination.pk}/decide/", {"accept": True}, format="json")
        .status_code
        == 403
    )
    response = token_client(users["secretariat"]).post(
        f"/api/v1/nominations/{nomination.pk}/decide/", {"accept": True, "note": "ok"}, format="json"
    )
    assert response.status_code == 200 and response.data["status"] == "accepted"


@pytest.mark.django_db
def test_reference_data_is_served(client):
    assert len(client.get("/api/v1/gcm-objectives/").json()) == 23
    assert len(client.get("/api/v1/guiding-principles/").json()) == 10
    districts = client.get("/api/v1/districts/").json()
    assert len(districts) == 64 and any(
        d["name"] == "Cox's Bazar" and d["iso_code"] == "BD-11" for d in districts
    )


@pytest.mark.django_db
def test_openapi_schema_is_valid_and_lists_the_collections(tmp_path, client):
    out = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for collection in (
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
    ):
        assert f"/api/v1/{collection}/" in schema["paths"]
    assert client.get("/api/docs/").status_code == 200
