"""The secretariat edits an organisation and finds the change in its history; a focal point cannot."""

import re

from playwright.sync_api import expect

from mignet.accounts.models import User
from mignet.network.models import Organisation

NEW_PHONE = "+880 2 5566 7788"


def test_secretariat_edits_an_organisation_and_sees_it_in_history(signed_in, accounts, demo_network):
    ilo = Organisation.objects.get(network=demo_network, acronym="ILO")
    before = ilo.phone or "—"
    secretariat = User.objects.get(email=accounts["secretariat"])
    page = signed_in("secretariat")

    page.goto(ilo.get_absolute_url())
    page.get_by_role("link", name="Edit").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Edit")
    page.get_by_label("Phone").fill(NEW_PHONE)
    page.get_by_role("button", name="Save changes").click()

    # Back on the organisation's page, with a message that says it worked.
    expect(page).to_have_url(re.compile(rf"/n/bd/organisations/{ilo.pk}/$"))
    expect(page.get_by_role("status").filter(has_text="saved")).to_contain_text(
        f"Your changes to {ilo} were saved."
    )
    expect(page.locator("dl.record")).to_contain_text(NEW_PHONE)

    page.get_by_role("link", name="History").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"History of {ilo}")
    newest = page.locator("main section.card").first
    expect(newest).to_contain_text("Changed")
    expect(newest).to_contain_text(f"by {secretariat}")
    row = newest.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Phone"))
    expect(row.locator("td.history-before")).to_have_text(before)
    expect(row.locator("td.history-after")).to_have_text(NEW_PHONE)


def test_focal_point_cannot_edit_another_organisation(signed_in, demo_network):
    ilo = Organisation.objects.get(network=demo_network, acronym="ILO")
    page = signed_in("member")  # focal.unhcr@: the focal point of UNHCR

    page.goto(ilo.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text(ilo.name)
    expect(page.get_by_role("link", name="History")).to_be_visible()
    expect(page.get_by_role("link", name="Edit")).to_have_count(0)
    expect(page.get_by_role("link", name="Delete")).to_have_count(0)

    response = page.goto(f"{ilo.get_absolute_url()}edit/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    Organisation.objects.get(pk=ilo.pk)  # still there, unchanged
    assert Organisation.objects.get(pk=ilo.pk).phone == ilo.phone
