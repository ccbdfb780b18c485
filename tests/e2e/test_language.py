"""Switching the interface to Bangla with the navbar's language selector."""

import re

from django.utils import translation
from playwright.sync_api import expect


def test_switch_to_bangla(signed_in):
    page = signed_in("viewer")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Organisations")).to_be_visible()

    page.get_by_label("Language").select_option("bn")
    page.wait_for_load_state("domcontentloaded")

    with translation.override("bn"):
        organisations_bn = translation.gettext("Organisations")
    assert organisations_bn != "Organisations", "the Bangla catalogue has no translation of 'Organisations'"
    expect(page.locator("html")).to_have_attribute("lang", "bn")
    expect(page).to_have_url(re.compile(r"/n/bd/$"))
    expect(page.locator("#mainnav").get_by_role("link", name=organisations_bn)).to_be_visible()
    # The choice sticks: the next page is in Bangla too.
    page.locator("#mainnav").get_by_role("link", name=organisations_bn).click()
    expect(page.locator("html")).to_have_attribute("lang", "bn")
    expect(page).to_have_url(re.compile(r"/n/bd/organisations/$"))
