"""The profile page: details, language, and API tokens created and revoked by their owner."""

import pytest
from rest_framework.test import APIClient

from mignet.accounts.models import ApiToken


@pytest.mark.django_db
def test_create_a_token_see_it_once_use_it_then_revoke_it(client_for, users):
    client = client_for("member")
    created = client.post("/accounts/profile/tokens/", {"name": "Excel import script"})
    body = created.content.decode()
    token = ApiToken.objects.get(user=users["member"], name="Excel import script")
    key = body.split('id="new-token"')[1].split(">", 1)[1].split("<", 1)[0].strip()
    assert key.startswith(token.prefix) and ApiToken.hash(key) == token.digest
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/people/").status_code == 200
    listing = client.get("/accounts/profile/").content.decode()
    assert "Excel import script" in listing and key not in listing  # the key is shown only once
    assert client.post(f"/accounts/profile/tokens/{token.pk}/revoke/").status_code == 302
    assert api.get("/api/v1/people/").status_code == 401


@pytest.mark.django_db
def test_a_token_needs_a_name(client_for, users):
    response = client_for("member").post("/accounts/profile/tokens/", {"name": "  "})
    assert response.status_code == 400 and "This field is required." in response.content.decode()
    assert not ApiToken.objects.filter(user=users["member"]).exists()


@pytest.mark.django_db
def test_nobody_revokes_someone_elses_token(client_for, users):
    from mignet.accounts.services import token_create

    token, _key = token_create(actor=users["secretariat"], name="secretariat's")
    assert client_for("member").post(f"/accounts/profile/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.django_db
def test_profile_saves_language_and_time_zone(client_for, users):
    client = client_for("viewer")
    response = client.post(
        "/accounts/profile/",
        {"full_name": "Md. Karim", "language": "bn", "time_zone": "Asia/Dhaka", "notify_by_email": "on"},
    )
    assert response.status_code == 302
    users["viewer"].refresh_from_db()
    assert (users["viewer"].language, users["viewer"].time_zone) == ("bn", "Asia/Dhaka")
    assert client.get("/accounts/profile/").content.decode().count('lang="bn"') >= 1
    bad = client.post("/accounts/profile/", {"full_name": "x", "language": "fr", "time_zone": "Nowhere/City"})
    assert bad.status_code == 400
    users["viewer"].refresh_from_db()
    assert users["viewer"].language == "bn"


@pytest.mark.django_db
def test_language_switch_is_remembered_on_the_profile(client_for, users, network):
    client = client_for("partner")
    client.post("/i18n/setlang/", {"language": "bn", "next": f"/n/{network.slug}/"})
    users["partner"].refresh_from_db()
    assert users["partner"].language == "bn"
    assert '<html lang="bn">' in client.get(f"/n/{network.slug}/").content.decode()


@pytest.mark.django_db
def test_the_profile_language_follows_the_user_to_a_new_device(users, network):
    from django.test import Client

    users["viewer"].language = "bn"
    users["viewer"].save()
    fresh = Client()
    fresh.post(
        "/accounts/login/", {"login": "viewer@example.org", "password": "correct horse battery staple"}
    )
    assert '<html lang="bn">' in fresh.get(f"/n/{network.slug}/").content.decode()
