"""axe-core on every page of the library issue, on a laptop (1280×800) and a phone (390×844).

A fixture builds the library through the services, as the pages would: a policy brief of the Labour
Migration TWG in each review state (draft, in review, returned with comments, published and public with two
versions, its PDF made with WeasyPrint), and capacity-building requests received and triaged. Each case
opens one page as the role that uses it (no one signed in for the public portal), does what that person
does before looking (submit an empty form, upload a renamed program), then runs axe at both widths.
"""

from __future__ import annotations

import datetime
import functools

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import assert_accessible, sign_in

LAPTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
VIEWPORTS = {"laptop": LAPTOP, "phone": PHONE}
WORD = "Kafalaremittance"  # only inside the published brief's PDF


@functools.cache
def _pdf(version: int) -> bytes:
    from weasyprint import HTML

    return HTML(
        string=f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Brief</title></head>
        <body><h1>Remittances in Sylhet</h1><p>Version {version}. Households rely on the {WORD} channel:
        money sent through informal brokers, outside the banks, at a cost of up to twelve per cent.</p>
        </body></html>"""
    ).write_pdf()


def _program() -> bytes:
    """A Windows program (DOS header with binary bytes, then the PE signature)."""
    dos = bytearray(128)
    dos[0:2] = b"MZ"
    dos[0x3C:0x40] = (128).to_bytes(4, "little")
    return bytes(dos) + b"PE\x00\x00" + b"\x00" * 256


@pytest.fixture
def world(demo_network, accounts):
    """Resources in every review state and capacity-building requests, made the way the pages make them."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from mignet.accounts.models import User
    from mignet.core.models import GCMObjective, GovernmentBody
    from mignet.library import choices as lc
    from mignet.library import services
    from mignet.network.models import Body, Organisation, ThematicArea

    net = demo_network
    user = {role: User.objects.get(email=email) for role, email in accounts.items()}
    labour = Body.objects.get(network=net, name="Labour Migration TWG")
    org = {o.acronym: o for o in Organisation.objects.filter(network=net)}
    objectives = list(GCMObjective.objects.filter(number__in=[6, 20]))
    themes = list(ThematicArea.objects.filter(network=net, name="Labour migration"))

    def add(title, *, upload=None, link="", **data):
        return services.resource_create(
            actor=user["member"],
            network=net,
            data={"kind": lc.ResourceKind.POLICY_BRIEF, "title": title, "body": labour, **data},
            m2m={"authors": [org["UNHCR"]], "gcm_objectives": objectives, "thematic_areas": themes},
            upload=upload,
            link=link,
            note="First edition",
        )

    def refresh(resource):
        resource.refresh_from_db()
        return resource

    draft = add(
        "Fair recruitment in the Gulf corridor",
        abstract="What recruitment fees cost migrant workers, and how to end them.",
        link="https://example.org/fair-recruitment",
    )
    in_review = add(
        "Skills recognition for returning migrant workers",
        abstract="How returnees' skills can be recognised at home.",
        upload=SimpleUploadedFile("skills.pdf", _pdf(1), content_type="application/pdf"),
    )
    services.resource_submit(actor=user["member"], instance=in_review)
    returned = add("Social protection for migrant workers' families", link="https://example.org/social")
    services.resource_submit(actor=user["member"], instance=returned)
    services.resource_return(
        actor=user["chair"],
        instance=refresh(returned),
        comment="Please add the 2025 BMET figures and cite your sources.",
    )
    published = add(
        "Remittances and the welfare of migrant workers' families in Sylhet",
        abstract="How families receive and use remittances, and how to make sending money home cheaper.",
        upload=SimpleUploadedFile("remittances-brief.pdf", _pdf(1), content_type="application/pdf"),
    )
    services.resource_update(
        actor=user["secretariat"],
        instance=refresh(published),
        version=published.version,
        data={"visibility": "public"},
    )
    services.version_upload(
        actor=user["member"],
        resource=refresh(published),
        upload=SimpleUploadedFile("remittances-brief-v2.pdf", _pdf(2), content_type="application/pdf"),
        note="Figures updated with the 2025 BMET data",
    )
    services.resource_submit(actor=user["member"], instance=refresh(published))
    services.resource_publish(actor=user["chair"], instance=refresh(published))

    received = services.capacity_request_create(
        actor=user["viewer"],
        network=net,
        data={
            "title": "Training district officers on safe migration counselling",
            "description": "Two-day training for **district employment officers** in Sylhet and Cumilla.",
            "government_body": GovernmentBody.objects.get(country="BD", acronym="BMET"),
            "contact": "Md. Abdul Karim",
            "contact_email": "karim@example.org",
            "urgency": lc.Urgency.HIGH,
            "needed_by": datetime.date.today() + datetime.timedelta(days=90),
        },
        m2m={"gcm_objectives": objectives},
    )
    triaged = services.capacity_request_create(
        actor=user["secretariat"],
        network=net,
        data={"title": "Data on returnees by district", "requester": org["MoEWOE"]},
        m2m={"supporting_organisations": [org["IOM"], org["ILO"]], "resources": [published]},
    )
    services.capacity_request_advance(
        actor=user["secretariat"], instance=triaged, status=lc.RequestStatus.TRIAGED, note="For the TWG."
    )
    return {
        "draft": refresh(draft),
        "in_review": refresh(in_review),
        "returned": refresh(returned),
        "published": refresh(published),
        "received": received,
        "triaged": refresh(triaged),
    }


def _url(name: str, key: str | None = None, query: str = "", *, portal: bool = False):
    """A path on the demo network: `name` with the pk of world[key], if any (the portal's citable page
    takes the resource's slug too)."""

    def build(world):
        if portal and name == "portal:resource":
            return world[key].get_public_url() + query
        kwargs = {"network": "bd"}
        if key:
            kwargs["pk"] = world[key].pk
        return reverse(name, kwargs=kwargs) + query

    return build


def _submit_empty(page) -> None:
    page.locator("main form[method=post]").last.locator("button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()


def _upload_a_program(page) -> None:
    main = page.get_by_role("main")
    main.get_by_label("Type").select_option(label="Policy brief")
    main.get_by_label("Title").fill("Brief")
    page.locator("#id_upload").set_input_files(
        {"name": "brief.pdf", "mimeType": "application/pdf", "buffer": _program()}
    )
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator(".field-error")).to_contain_text("program")


def _return_without_comment(page) -> None:
    page.get_by_label("Return to the authors with comments", exact=True).check()
    page.get_by_role("button", name="Record my review").click()
    expect(page.locator(".field-error")).to_contain_text("Say what needs to change")


def _decline_without_reason(page) -> None:
    page.get_by_label("Declined", exact=True).check()
    page.get_by_role("button", name="Save the step").click()
    expect(page.locator(".field-error")).to_contain_text("Say why it is declined")


def _highlighted(page) -> None:
    expect(page.locator("main mark").first).to_have_text(WORD)


def _waiting_for_review(page) -> None:
    expect(page.get_by_role("region", name="1 resource waits for your review")).to_be_visible()


def _search_typed(page) -> None:
    """The search box as a person uses it (htmx swaps the results in and updates the address)."""
    page.get_by_label("Search titles, abstracts and the text of the files").fill(WORD)
    page.get_by_role("button", name="Search", exact=True).click()
    _highlighted(page)


def case(name, role, path, action=None):
    return pytest.param(role, path, action, id=name)


RESOURCE_LIST = "library:resource-list"
CR = "library:capacityrequest"
CASES = [
    # The library and its full-text search
    case("library", "member", _url(RESOURCE_LIST)),
    case("library-review-queue", "chair", _url(RESOURCE_LIST), _waiting_for_review),
    case("library-as-viewer", "viewer", _url(RESOURCE_LIST)),
    case("library-deleted", "secretariat", _url(RESOURCE_LIST, query="?deleted=1")),
    case("library-search", "member", _url(RESOURCE_LIST, query=f"?q={WORD.lower()}"), _highlighted),
    case("library-search-typed", "viewer", _url(RESOURCE_LIST), _search_typed),
    case("library-search-filtered", "secretariat", _url(RESOURCE_LIST, query="?q=migrant&language=en")),
    case("library-search-nothing", "member", _url(RESOURCE_LIST, query="?q=zzyzxquux")),
    # A resource in each state, as the person who looks at it then
    case("resource-draft", "member", _url("library:resource-detail", "draft")),
    case("resource-in-review-as-author", "member", _url("library:resource-detail", "in_review")),
    case("resource-in-review-as-reviewer", "chair", _url("library:resource-detail", "in_review")),
    case("resource-returned", "member", _url("library:resource-detail", "returned")),
    case("resource-published", "viewer", _url("library:resource-detail", "published")),
    case("resource-published-as-secretariat", "secretariat", _url("library:resource-detail", "published")),
    case("resource-history", "secretariat", _url("library:resource-history", "published")),
    # Forms
    case("resource-new", "member", _url("library:resource-create")),
    case("resource-new-with-errors", "member", _url("library:resource-create"), _submit_empty),
    case("resource-new-renamed-program", "member", _url("library:resource-create"), _upload_a_program),
    case("resource-new-as-secretariat", "secretariat", _url("library:resource-create")),
    case("resource-edit", "member", _url("library:resource-update", "draft")),
    case("resource-edit-as-secretariat", "secretariat", _url("library:resource-update", "in_review")),
    case("version-new", "member", _url("library:version-create", "returned")),
    case("version-new-with-errors", "member", _url("library:version-create", "returned"), _submit_empty),
    case("review", "chair", _url("library:resource-review", "in_review")),
    case("review-with-errors", "chair", _url("library:resource-review", "in_review"), _submit_empty),
    case(
        "review-return-without-comment",
        "chair",
        _url("library:resource-review", "in_review"),
        _return_without_comment,
    ),
    # One step on a resource: the confirmation pages
    case("resource-submit", "member", _url("library:resource-submit", "draft")),
    case("resource-unpublish", "secretariat", _url("library:resource-unpublish", "published")),
    case("resource-delete", "member", _url("library:resource-delete", "draft")),
    # Capacity-building requests
    case("capacity-requests", "secretariat", _url(f"{CR}-list")),
    case("capacity-requests-as-viewer", "viewer", _url(f"{CR}-list")),
    case("capacity-request-received", "secretariat", _url(f"{CR}-detail", "received")),
    case("capacity-request-triaged", "viewer", _url(f"{CR}-detail", "triaged")),
    case("capacity-request-new", "viewer", _url(f"{CR}-create")),
    case("capacity-request-new-with-errors", "viewer", _url(f"{CR}-create"), _submit_empty),
    case("capacity-request-new-as-secretariat", "secretariat", _url(f"{CR}-create")),
    case("capacity-request-edit", "secretariat", _url(f"{CR}-update", "triaged")),
    case("capacity-request-advance", "secretariat", _url(f"{CR}-advance", "received")),
    case(
        "capacity-request-decline-without-reason",
        "secretariat",
        _url(f"{CR}-advance", "received"),
        _decline_without_reason,
    ),
    # The public portal, nobody signed in
    case("portal", None, _url("portal:library")),
    case("portal-search", None, _url("portal:library", query=f"?q={WORD}"), _highlighted),
    case("portal-search-nothing", None, _url("portal:library", query="?q=zzyzxquux")),
    case("portal-filtered", None, _url("portal:library", query="?kind=policy_brief&language=en")),
    case("portal-resource", None, _url("portal:resource", "published", portal=True)),
    case("portal-as-member", "member", _url("portal:library")),
]


@pytest.mark.parametrize(("role", "path", "action"), CASES)
def test_library_page_has_no_serious_accessibility_violation(
    context_factory, accounts, world, role, path, action
):
    url = path(world)
    for width, options in VIEWPORTS.items():
        page = context_factory(**options).new_page()
        if role:
            sign_in(page, accounts[role])
        response = page.goto(url)
        assert response is not None and response.status == 200, (width, url, response and response.status)
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        if action:
            action(page)
        assert_accessible(page)
        no_sideways_scroll = "document.documentElement.scrollWidth <= window.innerWidth"
        assert page.evaluate(no_sideways_scroll), f"{url} scrolls sideways at the {width} width"
