"""axe-core on every page of the foundation: no serious or critical violation.

Each case opens one page the way a person reaches it (signed in as the role that uses it),
then runs axe and prints every serious/critical violation it finds.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mignet.network import models as m

from .conftest import assert_accessible, sign_in

RECORDS = {
    "organisations": m.Organisation,
    "people": m.Person,
    "bodies": m.Body,
    "memberships": m.Membership,
    "representatives": m.Representative,
    "chair-terms": m.ChairTerm,
    "nominations": m.Nomination,
    "roles": m.RoleAssignment,
    "terms-of-reference": m.TermsOfReference,
}


def _first(segment: str, network) -> int:
    return RECORDS[segment].objects.filter(network=network).order_by("pk").first().pk


def _submit_empty(page) -> None:
    """Submit the page's main form without filling anything in: the form answers with its errors."""
    page.locator("main form[method=post]").last.locator("button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()


def _wrong_password(page) -> None:
    page.get_by_label("Email").fill("secretariat@demo.mignet.org")
    page.get_by_label("Password", exact=True).fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".error-summary")).to_be_visible()


def _token_without_name(page) -> None:
    page.get_by_role("button", name="Create a token").click()
    expect(page.locator(".field-error")).to_be_visible()


def _new_token(page) -> None:
    page.get_by_label("Name").last.fill("Monthly report script")
    page.get_by_role("button", name="Create a token").click()
    expect(page.locator("#new-token")).to_be_visible()


def case(name, role, path, action=None, status=200):
    """One page: who opens it (None: anonymous), its path (or path(network)), what they do before axe runs."""
    return pytest.param(role, path, action, status, id=name)


def _detail(segment: str, suffix: str = ""):
    return lambda network: f"/n/bd/{segment}/{_first(segment, network)}/{suffix}"


def _in_bangla(page) -> None:
    page.get_by_label("Language").select_option("bn")
    expect(page.locator("html")).to_have_attribute("lang", "bn")


CASES = [
    case("login", None, "/accounts/login/"),
    case("login-with-errors", None, "/accounts/login/", _wrong_password),
    case("password-reset", None, "/accounts/password/reset/"),
    case("about", None, "/n/bd/about/"),
    case("home", "secretariat", "/n/bd/"),
    case("home-in-bangla", "secretariat", "/n/bd/", _in_bangla),
    *[case(f"{segment}-list", "secretariat", f"/n/bd/{segment}/") for segment in RECORDS],
    *[case(f"{segment}-detail", "secretariat", _detail(segment)) for segment in RECORDS],
    case("organisation-edit", "secretariat", _detail("organisations", "edit/")),
    case("organisation-new-with-errors", "secretariat", "/n/bd/organisations/new/", _submit_empty),
    case("membership-new", "secretariat", "/n/bd/memberships/new/"),
    case("organisation-history", "secretariat", _detail("organisations", "history/")),
    case("organisation-delete", "secretariat", _detail("organisations", "delete/")),
    case("profile", "viewer", "/accounts/profile/"),
    case("profile-token-without-name", "viewer", "/accounts/profile/", _token_without_name),
    case("profile-new-token", "viewer", "/accounts/profile/", _new_token),
    case("password-change", "viewer", "/accounts/password/change/"),
    case("password-change-with-errors", "viewer", "/accounts/password/change/", _submit_empty),
    case("two-factor", "viewer", "/accounts/2fa/"),
    case("logout-confirm", "viewer", "/accounts/logout/"),
    case("forbidden", "viewer", "/n/bd/organisations/new/", status=403),
]


@pytest.mark.parametrize(("role", "path", "action", "status"), CASES)
def test_page_has_no_serious_accessibility_violation(
    page, accounts, demo_network, role, path, action, status
):
    if role:
        sign_in(page, accounts[role])
    url = path(demo_network) if callable(path) else path
    response = page.goto(url)
    assert response is not None and response.status == status, (url, response and response.status)
    expect(page.locator("h1")).to_have_count(1)
    if action:
        action(page)
    assert_accessible(page)


def test_totp_activation_and_two_factor_sign_in_are_accessible(page, accounts, demo_network):
    """Activate an authenticator app (allauth MFA), sign out, sign in again with a code."""
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    from .conftest import DEMO_PASSWORD

    def current_code(secret: str) -> str:
        counter = next(iter(yield_hotp_counters_from_time()))
        return format_hotp_value(hotp_value(secret, counter))

    sign_in(page, accounts["viewer"])
    page.goto("/accounts/2fa/totp/activate/")
    if "/reauthenticate/" in page.url:  # allauth may ask for the password again first
        assert_accessible(page)
        page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Activate Authenticator App")
    assert_accessible(page)

    # A wrong code is refused beside the field…
    page.get_by_label("Authenticator code").fill("000000")
    page.get_by_role("button", name="Activate").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_accessible(page)

    # …the right one activates it.
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(current_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Activate Authenticator App")
    assert_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, accounts["viewer"])
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-Factor Authentication")
    assert_accessible(page)
    # The same code cannot be used twice; wait for a fresh one if needed.
    page.get_by_label("Code").fill(current_code(secret))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
