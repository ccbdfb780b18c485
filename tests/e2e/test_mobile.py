"""On a phone-width screen the navbar folds behind its toggler and nothing scrolls sideways."""

from playwright.sync_api import expect

from .conftest import sign_in

PHONE = {"width": 390, "height": 844}


def test_phone_width_home_page(context_factory, accounts, demo_network):
    page = context_factory(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2).new_page()
    sign_in(page, accounts["secretariat"])
    expect(page.get_by_role("heading", level=1)).to_have_text(demo_network.name)

    toggler = page.get_by_role("button", name="Menu")
    menu = page.locator("#mainnav")
    organisations = menu.get_by_role("link", name="Organisations")
    expect(toggler).to_be_visible()
    expect(toggler).to_have_attribute("aria-expanded", "false")
    expect(organisations).to_be_hidden()

    no_sideways_scroll = "document.documentElement.scrollWidth <= window.innerWidth"
    assert page.evaluate(no_sideways_scroll), page.evaluate(
        "[document.documentElement.scrollWidth, window.innerWidth]"
    )

    toggler.click()
    expect(toggler).to_have_attribute("aria-expanded", "true")
    expect(organisations).to_be_visible()
    assert page.evaluate(no_sideways_scroll)
    organisations.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisations")
    assert page.evaluate(no_sideways_scroll), "the organisations list scrolls sideways on a phone"
