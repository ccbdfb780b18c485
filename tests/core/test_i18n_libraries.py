"""Library strings in Bangla: allauth's sign-in, password and two-factor pages, django-tables2's pagination and
Django's own gaps, from the second catalogue src/mignet/locale_libraries/bn (our own catalogue keeps priority)."""

from __future__ import annotations

import gettext
import html
import re
from datetime import datetime
from pathlib import Path

import allauth
import django
import django_countries
import django_filters
import django_tables2
import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import translation
from django.utils.timesince import timesince

import mignet

from ..conftest import PASSWORD
from ..factories import OrganisationFactory
from .test_i18n import parse_po

PO_FILE = Path(mignet.__file__).resolve().parent / "locale_libraries" / "bn" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")
BANGLA = re.compile(r"[\u0980-\u09FF]")


def bangla(text: str) -> str:
    """The Bangla the interface shows for `text`; fails when there is none."""
    with translation.override("bn"):
        translated = translation.gettext(text)
    assert translated != text, f"{text!r} has no Bangla translation"
    assert BANGLA.search(translated), f"{text!r} → {translated!r} is not in Bangla script"
    return translated


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def switch_to_bangla(client: Client, next_url: str = "/") -> Client:
    response = client.post("/i18n/setlang/", {"language": "bn", "next": next_url})
    assert response.status_code == 302
    return client


@pytest.fixture
def anonymous_in_bangla(db) -> Client:
    return switch_to_bangla(Client(), "/accounts/login/")


# --- pages -------------------------------------------------------------------------------------------------


def test_sign_in_page_reads_in_bangla(anonymous_in_bangla):
    response = anonymous_in_bangla.get("/accounts/login/")
    assert response.status_code == 200
    text = page_text(response)
    assert '<html lang="bn">' in text
    # allauth's form: labels, the e-mail placeholder, the checkbox, the reset link under the password
    for english in ("Email", "Email address", "Password", "Remember Me", "Forgot your password?"):
        assert bangla(english) in text, f"the Bangla for {english!r} is not on the sign-in page"
    for english in ("Email address", "Remember Me", "Forgot your password?", ">Password<", ">Email<"):
        assert english not in text, f"{english!r} is still in English on the sign-in page"


def test_failed_sign_in_explains_itself_in_bangla(anonymous_in_bangla, users):
    response = anonymous_in_bangla.post(
        "/accounts/login/", {"login": users["viewer"].email, "password": "not the password"}
    )
    assert response.status_code == 200
    text = page_text(response)
    assert bangla("The email address and/or password you specified are not correct.") in text
    assert "are not correct" not in text


def test_empty_sign_in_shows_the_required_field_message_in_bangla(anonymous_in_bangla):
    text = page_text(anonymous_in_bangla.post("/accounts/login/", {"login": "", "password": ""}))
    assert bangla("This field is required.") in text
    assert "This field is required." not in text


def test_password_reset_pages_and_email_are_in_bangla(
    anonymous_in_bangla, users, django_capture_on_commit_callbacks
):
    response = anonymous_in_bangla.get("/accounts/password/reset/")
    assert response.status_code == 200
    text = page_text(response)
    for english in (
        "Password Reset",
        "Forgotten your password? Enter your email address below, and we'll send you an email allowing you to "
        "reset it.",
        "Reset My Password",
        "Email",
    ):
        assert bangla(english) in text, f"the Bangla for {english!r} is not on the password reset page"
    assert "Forgotten your password?" not in text and "Reset My Password" not in text

    with django_capture_on_commit_callbacks(execute=True):
        response = anonymous_in_bangla.post("/accounts/password/reset/", {"email": users["viewer"].email})
    assert response.status_code == 302
    done = page_text(anonymous_in_bangla.get(response["Location"]))
    assert (
        bangla(
            "We have sent you an email. If you have not received it please check your spam folder. "
            "Otherwise contact us if you do not receive it in a few minutes."
        )
        in done
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert bangla("Password Reset Email") in message.subject
    assert "You're receiving this email" not in message.body
    assert (
        bangla(
            "You're receiving this email because you or someone else has requested a password reset for your "
            "user account.\nIt can be safely ignored if you did not request a password reset. Click the link "
            "below to reset your password."
        )
        in message.body
    )


def test_password_change_page_and_password_rules_are_in_bangla(client_for):
    client = switch_to_bangla(client_for("viewer"))
    text = page_text(client.get("/accounts/password/change/"))
    for english in ("Current Password", "New Password", "New Password (again)", "Forgot your password?"):
        assert bangla(english) in text, f"the Bangla for {english!r} is not on the password change page"
    # Django's password validators explain the rules under the new password (Django's bn lacks them)
    assert bangla("Your password can’t be too similar to your other personal information.") in text
    assert bangla("Your password can’t be entirely numeric.") in text
    assert "Your password can" not in text

    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": "wrong", "password1": "12345678901", "password2": "12345678901"},
    )
    text = page_text(response)
    assert bangla("Please type your current password.") in text
    assert bangla("This password is entirely numeric.") in text
    assert "entirely numeric" not in text


def test_sign_out_page_is_in_bangla(client_for):
    client = switch_to_bangla(client_for("viewer"))
    text = page_text(client.get("/accounts/logout/"))
    assert bangla("Are you sure you want to sign out?") in text
    assert bangla("Sign Out") in text
    assert "Are you sure" not in text


def test_two_factor_pages_are_in_bangla(client_for):
    client = switch_to_bangla(client_for("viewer"))
    text = page_text(client.get("/accounts/2fa/"))
    for english in (
        "Two-Factor Authentication",
        "Authenticator App",
        "An authenticator app is not active.",
        "Activate",
    ):
        assert bangla(english) in text, f"the Bangla for {english!r} is not on the two-factor page"

    # Activating asks for the password again first (allauth's reauthentication), then shows the QR code form
    response = client.get("/accounts/2fa/totp/activate/", follow=True)
    assert response.request["PATH_INFO"] == "/accounts/reauthenticate/"
    text = page_text(response)
    for english in (
        "Confirm Access",
        "Please reauthenticate to safeguard your account.",
        "Enter your password:",
    ):
        assert bangla(english) in text, f"the Bangla for {english!r} is not on the reauthentication page"
    response = client.post(
        "/accounts/reauthenticate/?next=/accounts/2fa/totp/activate/", {"password": PASSWORD}, follow=True
    )
    assert response.request["PATH_INFO"] == "/accounts/2fa/totp/activate/"
    text = page_text(response)
    for english in ("Activate Authenticator App", "Authenticator secret", "Authenticator code"):
        assert bangla(english) in text, f"the Bangla for {english!r} is not on the activation page"
    assert "scan the QR code" not in text

    text = page_text(client.post("/accounts/2fa/totp/activate/", {"code": "000000"}))
    assert bangla("Incorrect code.") in text


def test_table_pagination_is_in_bangla(network, client_for):
    OrganisationFactory.create_batch(55, network=network)
    client = switch_to_bangla(client_for("secretariat"))
    first = page_text(client.get(f"/n/{network.slug}/organisations/"))
    second = page_text(client.get(f"/n/{network.slug}/organisations/?page=2"))
    pagination = re.compile(r'<ul class="pagination.*?</ul>', re.S)
    first_nav, second_nav = pagination.search(first).group(0), pagination.search(second).group(0)
    assert bangla("next") in first_nav
    assert bangla("previous") in second_nav
    for nav in (first_nav, second_nav):
        assert not re.search(r"\b(next|previous)\b", re.sub(r"<[^>]+>", " ", nav)), nav


def test_filter_choices_are_in_bangla(network, client_for):
    client = switch_to_bangla(client_for("secretariat"))
    text = page_text(client.get(f"/n/{network.slug}/bodies/"))
    for english in ("Yes", "No"):  # the "Active" filter: django-filter's yes/no choice
        assert f">{bangla(english)}</option>" in text
    assert ">Yes</option>" not in text


def test_time_spans_are_bangla_and_separated_by_a_space():
    """Django's bn catalogue lacks "%(num)d month" etc. and joins the parts with "," and no space."""
    with translation.override("bn"):
        span = timesince(datetime(2026, 1, 1), datetime(2026, 3, 20))
    assert span == "2\xa0মাস, 2\xa0সপ্তাহ"  # Django keeps each part on one line with a no-break space


# --- the catalogue -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def catalogue() -> list[dict]:
    assert PO_FILE.exists(), f"{PO_FILE} is missing"
    return parse_po(PO_FILE)


def test_our_catalogue_comes_first():
    paths = [Path(p) for p in settings.LOCALE_PATHS]
    assert paths.index(PO_FILE.parents[2]) > paths.index(PO_FILE.parents[3] / "locale")


def test_catalogue_header(catalogue):
    header = next(e for e in catalogue if e["msgid"] == "")
    meta = dict(line.split(": ", 1) for line in header["msgstr"][0].splitlines() if ": " in line)
    assert meta["Language"] == "bn"
    assert "charset=UTF-8" in meta["Content-Type"]
    assert meta["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert "fuzzy" not in header["flags"]


def test_no_entry_is_empty_fuzzy_or_obsolete(catalogue):
    entries = [e for e in catalogue if e["msgid"]]
    assert len(entries) > 150, "the catalogue looks truncated"
    empty = [e["msgid"] for e in entries if not e["msgstr"] or not all(s.strip() for s in e["msgstr"])]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    obsolete = [e["msgid"] for e in entries if e["obsolete"]]
    assert not empty, "untranslated entries:\n" + "\n".join(empty)
    assert not fuzzy, "fuzzy entries:\n" + "\n".join(fuzzy)
    assert not obsolete, "obsolete entries (delete them):\n" + "\n".join(obsolete)


def test_translations_are_bangla_with_both_plural_forms_and_the_same_placeholders(catalogue):
    placeholder = re.compile(r"%\(\w+\)[sdr]|%[sdr]|\{\w*\}")
    problems = []
    for e in catalogue:
        if not e["msgid"]:
            continue
        if e["msgid_plural"] and len(e["msgstr"]) != 2:
            problems.append(f"{e['msgid']!r}: needs 2 plural forms")
        wanted = sorted(set(placeholder.findall(e["msgid"] + (e["msgid_plural"] or ""))))
        for text in e["msgstr"]:
            if sorted(set(placeholder.findall(text))) != wanted:
                problems.append(f"{e['msgid']!r} → {text!r}: placeholders changed")
            if re.search(r"[A-Za-z]", e["msgid"]) and not BANGLA.search(text):
                problems.append(f"{e['msgid']!r} → {text!r}: not in Bangla script")
    assert not problems, "\n".join(problems)


def test_every_msgid_is_one_the_libraries_ship(catalogue):
    """A typo, or a string a library upgrade renamed, would never match: each msgid must be in a library's catalogue."""
    sources = [
        Path(django.__file__).parent / "conf" / "locale" / "en",
        Path(django.__file__).parent / "contrib" / "auth" / "locale" / "en",
        Path(allauth.__file__).parent / "locale" / "en",
        Path(django_tables2.__file__).parent / "locale" / "en",
        Path(django_countries.__file__).parent / "locale" / "en",
        *sorted((Path(django_filters.__file__).parent / "locale").glob("*")),
    ]
    known = set()
    for folder in sources:
        for e in parse_po(folder / "LC_MESSAGES" / "django.po"):
            if not e["obsolete"]:
                known.add((e["msgctxt"], e["msgid"], e["msgid_plural"]))
    unknown = [
        e["msgid"]
        for e in catalogue
        if e["msgid"] and (e["msgctxt"], e["msgid"], e["msgid_plural"]) not in known
    ]
    assert not unknown, "msgids no installed library ships:\n" + "\n".join(unknown)


def test_compiled_catalogue_matches_the_po(catalogue):
    assert MO_FILE.exists(), "django.mo is missing: run msgfmt --check -o django.mo django.po"
    with MO_FILE.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    stale = []
    for e in catalogue:
        if not e["msgid"]:
            continue
        key = e["msgid"] if e["msgctxt"] is None else f"{e['msgctxt']}\x04{e['msgid']}"
        got = (
            [compiled.ngettext(key, e["msgid_plural"], n) for n in (1, 2)]
            if e["msgid_plural"]
            else [compiled.gettext(key)]
        )
        if got != e["msgstr"]:
            stale.append(e["msgid"])
    assert not stale, "django.mo is out of date (recompile it) for:\n" + "\n".join(stale)
