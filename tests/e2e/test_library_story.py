"""Issue 5's story, played in the browser: a brief goes from a TWG member's desk to the public portal.

UNHCR's focal point (Maria Lindqvist; UNHCR is made a member of the Labour Migration TWG here) adds a
policy brief produced by that TWG, with its PDF, to be public once published, and sends it for review. The
TWG's chair (Tanvir Hossain, ILO) returns it with a comment; the focal point reads it, uploads version 2
saying what changed and sends it again; the chair publishes it. The brief is then found by a word that appears only inside the PDF — in the
library, with the passage highlighted, and by an anonymous visitor on the public portal, who opens its page
and downloads the file; the Atom feed lists it. The PDFs are made here with WeasyPrint.

And the bad input: a program renamed brief.pdf is refused beside the file field, and nothing is stored.
"""

from __future__ import annotations

import datetime
import io
import re
import xml.etree.ElementTree as ET

import pytest
from playwright.sync_api import expect

from .conftest import sign_in

# Appears only inside the PDFs: never in the title, the abstract or anything else the library holds.
WORD = "Kafalaremittance"
TITLE = "Remittances and the welfare of migrant workers' families in Sylhet"
ABSTRACT = (
    "How families of migrant workers in Sylhet receive and use remittances, and what the Government and "
    "the UN can do to make sending money home cheaper and safer."
)
COMMENT = "Please add the 2025 BMET figures for Sylhet and cite the source of the remittance costs."
WHAT_CHANGED = "Figures updated with the 2025 BMET data; sources cited"
ATOM = "{http://www.w3.org/2005/Atom}"


def _brief_pdf(version: int) -> bytes:
    """A one-page policy brief, as an author would export it; the distinctive word is in its body only."""
    from weasyprint import HTML

    figures = (
        "In 2025 BMET recorded 61 200 departures from Sylhet (source: BMET, 2025)."
        if version > 1
        else "Departures from Sylhet rose again last year."
    )
    html = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Brief</title>
    <style>@page {{ size: A4; margin: 2cm }} body {{ font-family: sans-serif; font-size: 11pt }}</style></head>
    <body>
      <h1>Policy brief: remittances in Sylhet</h1>
      <p>Labour Migration TWG · UN Network on Migration in Bangladesh · version {version}</p>
      <p>Many households rely on what local agents call the {WORD} channel: money sent through informal
      brokers alongside the worker's sponsor, outside the banks, at a cost of up to twelve per cent.</p>
      <p>{figures}</p>
      <h2>Recommendations</h2>
      <ol><li>Lower the cost of formal transfers.</li><li>Reach families with financial literacy.</li></ol>
    </body></html>"""
    return HTML(string=html).write_pdf()


def _program() -> bytes:
    """A Windows program (DOS header, stub, PE signature): what a renamed executable really is."""
    dos = bytearray(64)
    dos[0:2] = b"MZ"
    dos[2:4] = b"\x90\x00"
    dos[0x3C:0x40] = (128).to_bytes(4, "little")
    stub = b"\x0e\x1f\xba\x0e\x00\xb4\x09\xcd\x21\xb8\x01\x4c\xcd\x21This program cannot be run in DOS mode."
    body = bytes(dos) + stub
    return body + b"\x00" * (128 - len(body)) + b"PE\x00\x00" + b"\x00" * 256


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    text = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text.replace("\u00ad", ""))


@pytest.fixture
def unhcr_in_labour_twg(demo_network):
    """UNHCR joins the Labour Migration TWG (the demo has it in the Counter-Trafficking TWG only)."""
    from mignet.network import choices as nc
    from mignet.network.models import Body, Membership, Organisation

    Membership.objects.create(
        network=demo_network,
        body=Body.objects.get(network=demo_network, name="Labour Migration TWG"),
        organisation=Organisation.objects.get(network=demo_network, acronym="UNHCR"),
        start_date=datetime.date.today() - datetime.timedelta(days=30),
        status=nc.MembershipStatus.ACTIVE,
        kind=nc.MembershipKind.MEMBER,
    )


def _person_page(context_factory, email: str):
    page = context_factory().new_page()
    sign_in(page, email)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return page


def _flash(page, text: str) -> None:
    expect(page.get_by_role("status").filter(has_text=text).first).to_be_visible()


def _open_library(page) -> None:
    nav = page.get_by_role("navigation", name="Main")
    nav.get_by_role("button", name="Library").click()
    nav.get_by_role("link", name="Resources").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Library")


def _versions_row(page, number: int):
    return (
        page.get_by_role("table")
        .get_by_role("row")
        .filter(has=page.get_by_role("cell", name=re.compile(rf"^v{number}\b")))
    )


def _record_value(page, term: str):
    """The value beside a term in the record's facts (dt/dd)."""
    return page.locator("dl.record dt").filter(has_text=term).locator("xpath=following-sibling::dd[1]")


def _fill_the_brief(page) -> None:
    form = page.get_by_role("main")
    form.get_by_label("Type").select_option(label="Policy brief")
    form.get_by_label("Title").fill(TITLE)
    form.get_by_label("Abstract").fill(ABSTRACT)
    form.get_by_label("Language").select_option(label="English")
    form.get_by_label("Authoring organisations").select_option(label="UNHCR")
    form.get_by_label("Produced by").select_option(label="Labour Migration TWG")
    form.get_by_label("Visibility").select_option(label="Public")  # takes effect once published


def _review(page, decision: str, comment: str = "") -> None:
    """From the library's list, open the resource waiting for this reviewer and record the review."""
    _open_library(page)
    queue = page.get_by_role("region", name=re.compile("waits? for your review"))
    expect(queue).to_contain_text("1 resource waits for your review")
    queue.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Review: {TITLE}")
    # The reviewer sees who will read it: publishing puts it on the public portal.
    expect(page.get_by_role("main")).to_contain_text(
        "Visibility: Public — publishing it puts it on the public portal."
    )
    page.get_by_role("group", name="Your review").get_by_label(decision, exact=True).check()
    if comment:
        page.get_by_role("textbox", name=re.compile("^Comments")).fill(comment)
    page.get_by_role("button", name="Record my review").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)


def test_a_twg_brief_is_reviewed_published_and_found_by_a_word_inside_its_pdf(
    context_factory, accounts, demo_network, unhcr_in_labour_twg
):
    from mignet.library.models import Resource, ResourceVersion

    unhcr = _person_page(context_factory, accounts["member"])
    chair = _person_page(context_factory, accounts["chair"])  # chairs the Labour Migration TWG (ILO)

    # --- The focal point adds the brief; first, by mistake, with a program renamed brief.pdf.
    u = unhcr
    _open_library(u)
    u.get_by_role("link", name="Add a resource").click()
    expect(u.get_by_role("heading", level=1)).to_have_text("Add a resource")
    _fill_the_brief(u)
    u.get_by_label("File", exact=False).first.set_input_files(
        {"name": "brief.pdf", "mimeType": "application/pdf", "buffer": _program()}
    )
    u.get_by_role("button", name="Add", exact=True).click()
    expect(u.get_by_role("heading", level=1)).to_have_text("Add a resource")
    error = u.locator("#group-id_upload .field-error")
    expect(error).to_contain_text("This file is a program or a script, not a document")
    expect(u.locator(".error-summary")).to_contain_text("File:")
    expect(u.locator(".error-summary").get_by_role("link", name=re.compile("^File:"))).to_have_attribute(
        "href", "#id_upload"
    )
    assert not Resource.all_objects.filter(network=demo_network, title=TITLE).exists()
    assert not ResourceVersion.all_objects.filter(network=demo_network).exists()
    # What was typed is still there; only the file has to be chosen again.
    expect(u.get_by_label("Title")).to_have_value(TITLE)

    u.locator("#id_upload").set_input_files(
        {"name": "remittances-brief.pdf", "mimeType": "application/pdf", "buffer": _brief_pdf(1)}
    )
    u.get_by_role("button", name="Add", exact=True).click()
    expect(u.get_by_role("heading", level=1)).to_have_text(TITLE)
    _flash(u, "was added as a draft.")
    expect(u.get_by_role("status").filter(has_text="Draft:")).to_be_visible()
    v1 = _versions_row(u, 1)
    expect(v1).to_contain_text("remittances-brief.pdf")
    expect(v1).to_contain_text("Searchable")  # its text was extracted on upload
    expect(v1).to_contain_text("1 page")
    expect(_record_value(u, "Visibility")).to_have_text("Public")
    resource_url = u.url
    resource = Resource.objects.get(network=demo_network, title=TITLE)
    assert WORD not in f"{resource.title} {resource.abstract}"
    assert WORD in resource.versions.get().extracted_text

    # Sent for review.
    u.get_by_role("link", name="Send for review").click()
    u.get_by_role("button", name="Send for review").click()
    _flash(u, "Sent for review.")
    expect(u.get_by_role("status").filter(has_text="In review since")).to_be_visible()
    expect(u.get_by_role("link", name="Review", exact=True)).to_have_count(0)  # never by its author

    # --- The TWG's chair returns it with a comment.
    _review(chair, "Return to the authors with comments", COMMENT)
    _flash(chair, "Returned to the authors with your comments.")

    # --- The focal point reads the comment, uploads version 2 with what changed, and sends it again.
    u.goto(resource_url)
    returned = u.get_by_role("status").filter(has_text="Returned with comments")
    expect(returned).to_contain_text("Tanvir Hossain")
    expect(returned).to_contain_text(COMMENT)
    u.get_by_role("link", name="Upload a new version").click()
    expect(u.get_by_role("heading", level=1)).to_have_text("Upload a new version")
    u.get_by_label("File", exact=False).first.set_input_files(
        {"name": "remittances-brief-v2.pdf", "mimeType": "application/pdf", "buffer": _brief_pdf(2)}
    )
    u.get_by_label("What changed").fill(WHAT_CHANGED)
    u.get_by_role("button", name="Upload", exact=True).click()
    expect(u.get_by_role("heading", level=1)).to_have_text(TITLE)
    _flash(u, "Version 2 was added.")
    v2 = _versions_row(u, 2)
    expect(v2).to_contain_text("current")
    expect(v2).to_contain_text("remittances-brief-v2.pdf")
    expect(v2).to_contain_text(WHAT_CHANGED)
    expect(v2).to_contain_text("Maria Lindqvist")
    expect(v2).to_contain_text("Searchable")
    expect(_versions_row(u, 1)).to_contain_text("remittances-brief.pdf")  # the first stays downloadable
    u.get_by_role("link", name="Send for review").click()
    u.get_by_role("button", name="Send for review").click()
    _flash(u, "Sent for review.")

    # --- The chair publishes it.
    _review(chair, "Publish")
    _flash(chair, "Published.")
    expect(chair.get_by_role("status").filter(has_text="Published on")).to_contain_text(
        "Anyone can read it on the public portal."
    )

    # --- The focal point finds it in the library by the word inside the PDF, the passage highlighted.
    _open_library(u)
    u.get_by_label("Search titles, abstracts and the text of the files").fill(WORD.lower())
    u.get_by_role("button", name="Search", exact=True).click()
    expect(u.get_by_text(re.compile(r"1 resource found for"))).to_be_visible()
    hit = u.locator("ol.search-results > li")
    expect(hit).to_have_count(1)
    expect(hit.get_by_role("link", name=TITLE)).to_be_visible()
    expect(hit.locator("mark")).to_have_text(WORD)
    expect(hit.locator(".snippet")).to_contain_text("channel")
    expect(hit.locator(".badge")).not_to_contain_text("In review")

    # --- An anonymous visitor finds it on the public portal, opens its page and downloads the file.
    visitor = context_factory().new_page()
    response = visitor.goto("/p/bd/library/")
    assert response is not None and response.status == 200
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Publications")
    expect(visitor.get_by_role("button", name="Sign out")).to_have_count(0)
    visitor.get_by_label("Search titles, abstracts and the text of the files").fill(WORD)
    visitor.get_by_role("button", name="Search", exact=True).click()
    expect(visitor.get_by_role("status").filter(has_text="matches")).to_contain_text(
        f"1 publication matches “{WORD}”"
    )
    item = visitor.locator("main ol.list-group > li")
    expect(item).to_have_count(1)
    expect(item.locator("mark")).to_have_text(WORD)
    item.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    public_url = visitor.url
    assert re.search(rf"/p/bd/library/{resource.pk}-[a-z0-9-]+/$", public_url), public_url
    expect(visitor.locator(".portal-citation")).to_contain_text(public_url)
    with visitor.expect_download() as info:
        visitor.get_by_role("link", name="remittances-brief-v2.pdf").click()
    download = info.value
    assert download.failure() is None, download.failure()
    assert download.suggested_filename == "remittances-brief-v2.pdf"
    with open(download.path(), "rb") as f:
        data = f.read()
    assert data.startswith(b"%PDF-")
    text = _pdf_text(data)
    assert WORD in text
    assert "61 200 departures" in text  # version 2, the published one

    # The Atom feed of new publications lists it, with its citable address.
    feed = visitor.request.get("/p/bd/library/feed.atom")
    assert feed.ok and "atom" in feed.headers["content-type"]
    entries = ET.fromstring(feed.body()).findall(f"{ATOM}entry")  # noqa: S314 — our own feed, in a test
    ours = [e for e in entries if e.findtext(f"{ATOM}title") == TITLE]
    assert len(ours) == 1, [e.findtext(f"{ATOM}title") for e in entries]
    assert ours[0].find(f"{ATOM}link").get("href") == public_url
    unhcr_name = resource.authors.get().name
    assert [a.findtext(f"{ATOM}name") for a in ours[0].findall(f"{ATOM}author")] == [unhcr_name]
