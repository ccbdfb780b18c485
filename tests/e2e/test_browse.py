"""Browsing the directory: the organisations list, the htmx search box, an organisation's page."""

import re

from playwright.sync_api import expect

from mignet.network.models import Membership, Organisation


def test_search_organisations_and_open_one(signed_in, demo_network):
    page = signed_in("viewer")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Organisations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisations")
    table = page.locator("#record-table")
    total = Organisation.objects.filter(network=demo_network).count()
    expect(table).to_contain_text(f"{total} results")
    expect(table.get_by_role("link", name="International Labour Organization")).to_be_visible()

    # Typing in the search box filters the table in place (htmx), without a page load.
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("searchbox", name="Search").fill("Shurokkha")
    expect(table).to_contain_text("1 result")
    expect(table.get_by_role("link", name="Shurokkha Anti-Trafficking Network (demo)")).to_be_visible()
    expect(table.get_by_role("link", name="International Labour Organization")).to_have_count(0)
    assert page.evaluate("window.__sameDocument") is True
    expect(page).to_have_url(re.compile(r"[?&]q=Shurokkha"))

    table.get_by_role("link", name="Shurokkha Anti-Trafficking Network (demo)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Shurokkha Anti-Trafficking Network (demo)")
    memberships = page.locator("table", has=page.get_by_role("columnheader", name="Body"))
    satn = Organisation.objects.get(network=demo_network, acronym="SATN")
    expected = list(Membership.objects.filter(organisation=satn).select_related("body"))
    assert expected, "the demo gives SATN memberships"
    for membership in expected:
        expect(memberships.get_by_role("link", name=str(membership.body), exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="History")).to_be_visible()
