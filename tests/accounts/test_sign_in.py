"""Signing in: e-mail and password, lockout after repeated failures, TOTP two-factor, sessions, audit log."""

import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.test import Client

from ..conftest import PASSWORD


def sign_in(client: Client, email: str, password: str = PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


@pytest.mark.django_db
def test_sign_in_with_email_and_password_lands_on_the_network_home(users, network):
    client = Client()
    response = sign_in(client, "viewer@example.org")
    assert response.status_code == 302
    assert client.get(response["Location"]).url == f"/n/{network.slug}/"


@pytest.mark.django_db
def test_wrong_password_is_refused_with_a_message_and_logged(users, caplog):
    with caplog.at_level("WARNING", logger="mignet.security"):
        response = sign_in(Client(), "viewer@example.org", "wrong password")
    assert response.status_code == 200
    assert "The email address and/or password you specified are not correct." in response.content.decode()
    assert "sign-in failed user=viewer@example.org" in caplog.text


@pytest.mark.django_db
def test_repeated_failures_lock_the_account_even_for_the_right_password(users, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "viewer@example.org", "guess")
    locked = sign_in(client, "viewer@example.org")
    assert locked.status_code in (403, 429)
    assert "Too many failed sign-in attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_session_key_rotates_at_sign_in_and_ends_at_sign_out(users):
    client = Client()
    client.get("/accounts/login/")
    client.session.save()
    before = client.session.session_key
    sign_in(client, "member@example.org")
    assert client.session.session_key != before
    assert client.get("/accounts/profile/").status_code == 200
    client.post("/accounts/logout/")
    assert client.get("/accounts/profile/").status_code == 302


@pytest.mark.django_db
def test_deactivated_user_is_signed_out_on_the_next_request(users):
    client = Client()
    sign_in(client, "member@example.org")
    users["member"].is_active = False
    users["member"].save()
    assert client.get("/accounts/profile/").status_code == 302


@pytest.mark.django_db
def test_totp_two_factor_is_asked_after_the_password(users, network):
    secret = generate_totp_secret()
    TOTP.activate(users["member"], secret)
    client = Client()
    response = sign_in(client, "member@example.org")
    assert response.url == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    bad = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert bad.status_code == 200 and "_auth_user_id" not in client.session
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    assert client.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
    assert client.get(f"/n/{network.slug}/").status_code == 200


@pytest.mark.django_db
def test_a_network_can_require_two_factor_for_a_role(users, network):
    network.mfa_required_roles = ["secretariat"]
    network.save()
    client = Client()
    sign_in(client, "secretariat@example.org")
    assert client.get(f"/n/{network.slug}/").url == "/accounts/2fa/totp/activate/?required=1"
    other = Client()
    sign_in(other, "viewer@example.org")  # roles not listed are not asked
    assert other.get(f"/n/{network.slug}/").status_code == 200
    TOTP.activate(users["secretariat"], generate_totp_secret())
    assert client.get(f"/n/{network.slug}/").status_code == 200


@pytest.mark.django_db
def test_sign_up_is_closed(client):
    response = client.post(
        "/accounts/signup/",
        {"email": "stranger@example.org", "password1": "A-long-passw0rd!", "password2": "A-long-passw0rd!"},
    )
    assert "Sign Up Closed" in response.content.decode()
    from mignet.accounts.models import User

    assert not User.objects.filter(email="stranger@example.org").exists()


@pytest.mark.django_db
def test_behind_a_proxy_lockout_and_log_use_the_clients_address(users, settings, caplog):
    settings.MIGNET_PROXY_COUNT = 1
    # The attacker forges an entry; nginx appends the address it really saw.
    attacker = Client(HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.9", REMOTE_ADDR="10.0.0.2")
    with caplog.at_level("WARNING", logger="mignet.security"):
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(attacker, "viewer@example.org", "guess")
    assert "ip=203.0.113.9" in caplog.text
    assert sign_in(attacker, "viewer@example.org").status_code in (403, 429)
    # The real user, arriving through the same proxy from another address, can still sign in.
    owner = Client(HTTP_X_FORWARDED_FOR="198.51.100.7", REMOTE_ADDR="10.0.0.2")
    assert sign_in(owner, "viewer@example.org").status_code == 302
