"""Signing in through the real form, and being refused with a wrong password."""

import re

from playwright.sync_api import expect

from mignet.network.models import Body, Organisation

from .conftest import DEMO_PASSWORD, sign_in

TOR_MEMBERS = ("UN RCO", "UNHCR", "ILO", "UNDP", "IOM", "UN Women", "UNODC", "UNICEF", "OHCHR")


def test_sign_in_lands_on_the_network_home(page, accounts, demo_network):
    page.goto("/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_label("Email").fill(accounts["secretariat"])
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(re.compile(r"/n/bd/$"))
    main = page.locator("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(demo_network.name)
    # The coordinator and secretariat: IOM.
    expect(main).to_contain_text("Coordinator and secretariat:")
    expect(main.get_by_role("link", name="International Organization for Migration").first).to_be_visible()
    # The members, as the ToR lists them.
    members = main.locator("section", has=page.get_by_role("heading", name="Members of the Network"))
    for org in Organisation.objects.filter(network=demo_network, acronym__in=TOR_MEMBERS):
        expect(members.get_by_role("link", name=org.name, exact=True)).to_be_visible()
    expect(members.locator("li", has_text="International Organization for Migration")).to_contain_text(
        "Coordinator"
    )
    # The bodies: plenary, TWGs, local forum.
    bodies = main.locator("section", has=page.get_by_role("heading", name="Bodies", exact=True))
    for body in Body.objects.filter(network=demo_network):
        expect(bodies.get_by_role("link", name=body.name, exact=True)).to_be_visible()
    # The governance health panel reads the ToR's rules against the data.
    health = main.locator("section", has=page.get_by_role("heading", name=re.compile("Governance health")))
    expect(health).to_be_visible()
    expect(health).to_contain_text("Labour Migration TWG")
    # Signed in: the navbar names the person and offers to sign out.
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_wrong_password_shows_an_error_and_does_not_sign_in(page, accounts):
    sign_in(page, accounts["secretariat"], password="not-the-password")

    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("not correct")
    # The e-mail stays filled in; the password does not.
    expect(page.get_by_label("Email")).to_have_value(accounts["secretariat"])
    expect(page.get_by_label("Password", exact=True)).to_have_value("")
    # Still anonymous: the network's pages send the visitor back to the login page.
    page.goto("/n/bd/organisations/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
