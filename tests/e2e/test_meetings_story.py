"""Issue 3's story, played in the browser by the people who live it.

The secretariat schedules the Network's quarterly meeting and records who came; a decision to establish a
Climate Mobility TWG is put to the members; UNHCR objects, then withdraws its objection; the TWG becomes
active; its co-chairs are selected; an action point is assigned and returns on the next meeting's agenda;
the minutes are exported as Word and PDF and both files carry the decision's text.

Each person has their own browser context: the secretariat (IOM), UNHCR's focal point, UN Women's focal
point (an account made here: the demo has one member account besides the chair) and the chair of the
Labour Migration TWG, who is also ILO's focal point.
"""

from __future__ import annotations

import datetime
import io
import re
import zoneinfo

import pytest
from playwright.sync_api import expect

from .conftest import DEMO_PASSWORD, assert_accessible, sign_in

DHAKA = zoneinfo.ZoneInfo("Asia/Dhaka")
UN_WOMEN_FOCAL = "focal.unwomen@demo.mignet.org"
TWG_NAME = "Climate Mobility TWG"
ESTABLISH_TITLE = "Establish the Climate Mobility TWG"
ESTABLISH_TEXT = (
    "The Network establishes the Climate Mobility TWG to coordinate the work of the UN system on "
    "migration in the context of disasters and climate change."
)
CHAIRS_TITLE = "Co-chairs of the Climate Mobility TWG"
CHAIRS_TEXT = "ILO and UNHCR co-chair the Climate Mobility TWG for one year."
OBJECTION = "The mandate overlaps the Counter-Trafficking TWG; say how the two will work together."
ACTION_TITLE = "Convene the first meeting of the Climate Mobility TWG"


def _day(d: datetime.date) -> str:
    """A date the way the pages write it ("j M Y")."""
    return f"{d.day} {d:%b %Y}"


def _local(dt: datetime.datetime) -> str:
    """A datetime-local value in the network's zone."""
    return dt.astimezone(DHAKA).strftime("%Y-%m-%dT%H:%M")


def _add_year(d: datetime.date) -> datetime.date:
    try:
        return d.replace(year=d.year + 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year + 1, day=28)


@pytest.fixture
def un_women_focal_point(demo_network):
    """A focal point for UN Women (Elena Rossi of the demo), so two members besides UNHCR can speak."""
    from mignet.accounts.models import User
    from mignet.core.choices import Role, Visibility
    from mignet.network.models import Organisation, Person, RoleAssignment

    un_women = Organisation.objects.get(network=demo_network, acronym="UN Women")
    user = User.objects.create_user(email=UN_WOMEN_FOCAL, password=DEMO_PASSWORD, full_name="Elena Rossi")
    Person.all_objects.filter(network=demo_network, full_name="Elena Rossi").update(user=user)
    RoleAssignment.objects.create(
        network=demo_network,
        user=user,
        role=Role.MEMBER,
        organisation=un_women,
        visibility=Visibility.INTERNAL,
    )
    return UN_WOMEN_FOCAL


def _person_page(context_factory, email: str):
    page = context_factory().new_page()
    sign_in(page, email)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    return page


def _flash(page, text: str) -> None:
    expect(page.get_by_role("status").filter(has_text=text).first).to_be_visible()


def _record_position(
    page, decision_title: str, value: str, reason: str = "", organisation: str | None = None
):
    """From the network's home page, open the decision and record this organisation's position."""
    page.goto("/n/bd/")
    page.get_by_role("region", name="Open decisions").get_by_role("link", name=decision_title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(decision_title)
    page.get_by_role("link", name="Record a position").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a position")
    if organisation:  # a chair may speak for any member in the room; a focal point for their own only
        page.get_by_label("For").select_option(label=organisation)
    else:
        expect(page.get_by_label("For").locator("option")).to_have_count(1)
    page.get_by_role("group", name="Position").get_by_label(value, exact=True).check()
    page.get_by_label("Reason").fill(reason)
    page.get_by_role("button", name="Record the position").click()


def _record_value(page, term: str):
    """The value beside a term in the record's facts (dt/dd)."""
    return page.locator("dl.record dt").filter(has_text=term).locator("xpath=following-sibling::dd[1]")


def _member_row(page, organisation_name: str):
    return page.get_by_role("table").get_by_role("row").filter(has_text=organisation_name)


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(data)).pages)


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(parts)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def _download(page, link_name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name, exact=True).click()
    download = info.value
    assert download.failure() is None, download.failure()
    with open(download.path(), "rb") as f:
        return f.read()


def test_quarterly_meeting_decides_a_new_twg_and_follows_up(
    context_factory, accounts, demo_network, un_women_focal_point
):
    from mignet.network.models import Organisation

    names = {
        o.acronym: o.name
        for o in Organisation.objects.filter(network=demo_network, acronym__in=["ILO", "UNHCR", "UN Women"])
    }
    now = datetime.datetime.now(DHAKA)
    today = now.date()
    # The meeting is in session: it started at the last full hour and runs for two more.
    starts = now.replace(minute=0, second=0, microsecond=0)
    ends = starts + datetime.timedelta(hours=2)

    secretariat = _person_page(context_factory, accounts["secretariat"])
    unhcr = _person_page(context_factory, accounts["member"])
    un_women = _person_page(context_factory, un_women_focal_point)
    chair = _person_page(
        context_factory, accounts["chair"]
    )  # chairs the Labour Migration TWG; ILO's focal point

    # --- The secretariat proposes the new TWG on the Bodies page: it starts "proposed".
    s = secretariat
    s.get_by_role("navigation", name="Main").get_by_role("link", name="Bodies").click()
    s.get_by_role("link", name="Add body").click()
    s.get_by_label("Name", exact=True).fill("Climate Mobility Technical Working Group")
    s.get_by_label("Short name").fill(TWG_NAME)
    s.get_by_label("Kind").select_option(label="Technical Working Group")
    s.get_by_label("Mandate").fill("Coordinate the UN's work on disaster displacement and climate mobility.")
    s.get_by_role("button", name="Add", exact=True).click()
    expect(s.get_by_role("heading", level=1)).to_contain_text("Climate Mobility Technical Working Group")
    expect(s.get_by_role("status").filter(has_text="Proposed")).to_contain_text(
        "Proposed: this body works once a decision establishes it."
    )
    expect(s.get_by_role("link", name="Schedule a meeting")).to_have_count(0)
    twg_url = s.url

    # Its first members join (they will co-chair it).
    for acronym in ("ILO", "UNHCR"):
        s.goto(twg_url)
        s.get_by_role("link", name="Add a member").click()
        s.get_by_label("Organisation").select_option(label=acronym)
        s.get_by_label("From", exact=True).fill(today.isoformat())
        s.get_by_role("button", name="Add", exact=True).click()
        _flash(s, "was added")
    s.goto(twg_url)
    members = s.get_by_role("table")
    expect(members).to_contain_text(names["ILO"])
    expect(members).to_contain_text(names["UNHCR"])

    # --- The secretariat schedules the quarterly meeting of the plenary from its page.
    s.get_by_role("navigation", name="Main").get_by_role("link", name="Bodies").click()
    s.get_by_role("link", name="UN Network on Migration in Bangladesh (plenary)").click()
    s.get_by_role("link", name="Schedule a meeting").click()
    expect(s.get_by_role("heading", level=1)).to_contain_text("meeting")
    expect(s.get_by_label("Body")).to_have_value(re.compile(r"\d+"))
    s.get_by_label("Kind").select_option(label="Regular")
    s.get_by_label("Title").fill("Quarterly meeting of the Network")
    s.get_by_label("Starts").fill(_local(starts))
    s.get_by_label("Ends").fill(_local(ends))
    s.get_by_label("Place").fill("UN House, Dhaka")
    s.get_by_role("button", name="Add", exact=True).click()
    expect(s.get_by_role("heading", level=1)).to_have_text("Quarterly meeting of the Network")
    _flash(s, "was added")
    when = _record_value(s, "When")
    expect(when).to_contain_text(f"{starts:%H:%M}–{ends:%H:%M}")
    expect(when).to_contain_text("(Asia/Dhaka)")
    expect(_record_value(s, "Kind")).to_have_text("Regular")
    meeting_url = s.url

    # Its agenda.
    for title, presenter, minutes in (
        ("Proposal: a TWG on climate mobility", "IOM", "30"),
        ("Updates from the TWGs", "ILO", "20"),
    ):
        s.get_by_role("link", name="Add an item").click()
        s.get_by_label("Title").fill(title)
        s.get_by_label("Presented by").select_option(label=presenter)
        s.get_by_label("Minutes allotted").fill(minutes)
        s.get_by_role("button", name="Add", exact=True).click()
        _flash(s, "was added")
        s.goto(meeting_url)
    agenda = s.locator("ol.agenda")
    expect(agenda.get_by_role("listitem")).to_have_count(2)
    expect(agenda.get_by_role("listitem").first).to_contain_text("Proposal: a TWG on climate mobility")
    expect(agenda.get_by_role("listitem").first).to_contain_text("30 min")

    # --- Attendance, on the register.
    s.get_by_role("link", name="Record attendance").click()
    expect(s.get_by_role("heading", level=1)).to_have_text("Record attendance")
    for person, status in (
        ("Farhana Rahman", "Present"),
        ("Maria Lindqvist", "Present"),
        ("Tanvir Hossain", "Present"),
        ("Elena Rossi", "Present"),
        ("Ahmed Siddiqui", "Present"),
        ("Jonas Weber", "Apologies"),
        ("Arif Chowdhury", "Absent"),
    ):
        s.get_by_label(f"Attendance of {person}").select_option(label=status)
    s.get_by_role("button", name="Save attendance").click()
    expect(s).to_have_url(meeting_url)
    _flash(s, "The attendance was saved.")
    expect(s.get_by_text("5 present")).to_be_visible()
    attendance = s.get_by_role("table")
    expect(attendance.get_by_role("row").filter(has_text="Jonas Weber")).to_contain_text("Apologies")
    expect(attendance.get_by_role("row").filter(has_text="Arif Chowdhury")).to_contain_text("Absent")
    # OHCHR sends an officer: below the plenary's required level, and the page says so.
    expect(attendance.get_by_role("row").filter(has_text="Ahmed Siddiqui")).to_contain_text("below required")
    expect(attendance.get_by_role("row").filter(has_text="Maria Lindqvist")).not_to_contain_text(
        "below required"
    )

    # --- A decision to establish the TWG is put to the members, in the meeting.
    s.get_by_role("link", name="Propose a decision").click()
    expect(s.get_by_role("heading", level=1)).to_have_text("Propose a decision")
    expect(s.get_by_role("group", name="Method").get_by_label("Consensus in a meeting")).to_be_checked()
    s.get_by_label("Subject").select_option(label="Establish a body")
    s.get_by_label("Body concerned").select_option(label=TWG_NAME)
    s.get_by_label("Title", exact=True).fill(ESTABLISH_TITLE)
    s.get_by_label("Text of the decision").fill(ESTABLISH_TEXT)
    s.get_by_role("button", name="Put it to the members").click()
    expect(s.get_by_role("heading", level=1)).to_have_text(ESTABLISH_TITLE)
    _flash(s, "The decision was put to the members.")
    expect(s.get_by_role("status").filter(has_text="Open for positions")).to_contain_text(
        "Consensus is reached when at least one member agrees and none objects."
    )
    establish_url = s.url

    # --- UNHCR objects; an objection without a reason is refused beside the field first.
    _record_position(unhcr, ESTABLISH_TITLE, "Object")
    reason_group = unhcr.locator(".is-invalid-group").filter(has=unhcr.get_by_label("Reason"))
    expect(reason_group).to_contain_text("An objection needs a reason")
    expect(unhcr.locator(".error-summary")).to_contain_text("An objection needs a reason")
    unhcr.get_by_label("Object", exact=True).check()
    unhcr.get_by_label("Reason").fill(OBJECTION)
    unhcr.get_by_role("button", name="Record the position").click()
    expect(unhcr.get_by_role("heading", level=1)).to_have_text(ESTABLISH_TITLE)
    _flash(unhcr, "The position of UNHCR was recorded.")
    row = _member_row(unhcr, names["UNHCR"])
    expect(row).to_contain_text("Object")
    expect(row).to_contain_text(OBJECTION)
    expect(row).to_contain_text("Maria Lindqvist")

    # UN Women and ILO agree.
    _record_position(un_women, ESTABLISH_TITLE, "Agree")
    _flash(un_women, "The position of UN Women was recorded.")
    expect(_member_row(un_women, names["UN Women"])).to_contain_text("Agree")
    _record_position(chair, ESTABLISH_TITLE, "Agree", organisation="ILO")
    _flash(chair, "The position of ILO was recorded.")
    expect(_member_row(chair, names["ILO"])).to_contain_text("Agree")

    # The secretariat sees the objection standing in the way.
    s.goto(establish_url)
    expect(_record_value(s, "Positions")).to_have_text("2 agree · 0 stand aside · 1 object · 6 no response")

    # UNHCR is reassured in the meeting and withdraws its objection: it now agrees.
    unhcr.goto(establish_url)
    _member_row(unhcr, names["UNHCR"]).get_by_role("link", name=re.compile("^change")).click()
    expect(unhcr.get_by_label("For")).to_have_value(re.compile(r"\d+"))
    unhcr.get_by_label("Agree", exact=True).check()
    unhcr.get_by_label("Reason").fill("")
    unhcr.get_by_role("button", name="Record the position").click()
    _flash(unhcr, "The position of UNHCR was recorded.")
    expect(_member_row(unhcr, names["UNHCR"])).to_contain_text("Agree")
    expect(_member_row(unhcr, names["UNHCR"])).not_to_contain_text("Object")
    history = unhcr.get_by_role("heading", name="Every position recorded, latest first").locator(
        "xpath=following-sibling::ul[1]"
    )
    expect(history.get_by_role("listitem").filter(has_text=names["UNHCR"])).to_have_count(2)
    expect(history).to_contain_text(OBJECTION)

    # --- The secretariat closes the item: adopted, and the TWG is active.
    s.goto(establish_url)
    expect(_record_value(s, "Positions")).to_have_text("3 agree · 0 stand aside · 0 object · 6 no response")
    s.get_by_role("link", name="Close and record the outcome").click()
    s.get_by_role("button", name="Close the decision").click()
    expect(s.get_by_role("heading", level=1)).to_have_text(ESTABLISH_TITLE)
    adopted = s.get_by_role("status").filter(has_text="Adopted on")
    expect(adopted).to_contain_text(f"Adopted on {_day(today)}.")
    expect(adopted).to_contain_text("Adopted by consensus: 3 members agreed and none objected.")
    expect(s.get_by_role("link", name="Record a position")).to_have_count(0)

    s.goto(twg_url)
    expect(s.get_by_text("Proposed: this body works once a decision establishes it.")).to_have_count(0)
    expect(_record_value(s, "Established")).to_have_text(_day(today))
    expect(s.get_by_role("link", name="Schedule a meeting")).to_be_visible()
    expect(s.get_by_role("listitem").filter(has_text=ESTABLISH_TITLE)).to_contain_text("Adopted")

    # --- Co-chairs are selected by consensus in the same meeting.
    s.goto(meeting_url)
    s.get_by_role("link", name="Propose a decision").click()
    s.get_by_label("Subject").select_option(label="Select chairs")
    s.get_by_label("Body concerned").select_option(label=TWG_NAME)
    s.get_by_label("Title", exact=True).fill(CHAIRS_TITLE)
    s.get_by_label("Text of the decision").fill(CHAIRS_TEXT)
    s.get_by_label("Chair 1: organisation").select_option(label="ILO")
    s.get_by_label("Chair 1: person").select_option(label="Tanvir Hossain")
    s.get_by_label("Chair 2: organisation").select_option(label="UNHCR")
    s.get_by_label("Chair 2: person").select_option(label="Maria Lindqvist")
    s.get_by_role("button", name="Put it to the members").click()
    expect(s.get_by_role("heading", level=1)).to_have_text(CHAIRS_TITLE)
    chairs_url = s.url
    selected = s.get_by_role("heading", name="Chairs selected").locator("xpath=following-sibling::ul[1]")
    expect(selected).to_contain_text("ILO (Tanvir Hossain) — Co-chair")
    expect(selected).to_contain_text("UNHCR (Maria Lindqvist) — Co-chair")

    _record_position(unhcr, CHAIRS_TITLE, "Agree")
    _flash(unhcr, "The position of UNHCR was recorded.")
    _record_position(chair, CHAIRS_TITLE, "Agree", organisation="ILO")
    _flash(chair, "The position of ILO was recorded.")
    _record_position(un_women, CHAIRS_TITLE, "Stand aside")
    _flash(un_women, "The position of UN Women was recorded.")

    s.goto(chairs_url)
    s.get_by_role("link", name="Close and record the outcome").click()
    s.get_by_role("button", name="Close the decision").click()
    expect(s.get_by_role("status").filter(has_text="Adopted on")).to_contain_text(
        "Adopted by consensus: 2 members agreed and none objected."
    )

    term_end = _add_year(today) - datetime.timedelta(days=1)
    s.goto(twg_url)
    terms = s.get_by_role("heading", name="Chair terms").locator("xpath=following-sibling::ul[1]")
    for acronym, person in (("ILO", "Tanvir Hossain"), ("UNHCR", "Maria Lindqvist")):
        term = terms.get_by_role("listitem").filter(has_text=acronym)
        expect(term).to_contain_text(f"({person}) — Co-chair, {_day(today)} – {_day(term_end)}")
        expect(term).to_contain_text("in office")

    # --- An action point from the meeting, for ILO.
    due = today + datetime.timedelta(days=30)
    s.goto(meeting_url)
    s.get_by_role("link", name="Add an action point").click()
    s.get_by_label("Action", exact=True).fill(ACTION_TITLE)
    s.get_by_label("Owner organisation").select_option(label="ILO")
    s.get_by_label("Owner (optional)", exact=True).select_option(label="Tanvir Hossain")
    s.get_by_label("Due", exact=True).fill(due.isoformat())
    s.get_by_role("button", name="Add", exact=True).click()
    expect(s.get_by_role("heading", level=1)).to_have_text(ACTION_TITLE)
    _flash(s, "was added")
    s.goto(meeting_url)
    from_meeting = s.get_by_role("heading", name="Action points from this meeting").locator(
        "xpath=../following-sibling::ul[1]"
    )
    expect(from_meeting).to_contain_text(f"{ACTION_TITLE} — ILO, due {_day(due)} · Open")

    # --- The next quarterly meeting: the action point is a matter arising on its agenda.
    next_starts = (starts + datetime.timedelta(days=91)).replace(hour=10)
    s.get_by_role("navigation", name="Main").get_by_role("link", name="Bodies").click()
    s.get_by_role("link", name="UN Network on Migration in Bangladesh (plenary)").click()
    s.get_by_role("link", name="Schedule a meeting").click()
    s.get_by_label("Title").fill("Next quarterly meeting of the Network")
    s.get_by_label("Starts").fill(_local(next_starts))
    s.get_by_label("Ends").fill(_local(next_starts + datetime.timedelta(hours=2)))
    s.get_by_label("Place").fill("UN House, Dhaka")
    s.get_by_role("button", name="Add", exact=True).click()
    expect(s.get_by_role("heading", level=1)).to_have_text("Next quarterly meeting of the Network")
    arising = s.get_by_role("heading", name="Matters arising").locator("xpath=following-sibling::ul[1]")
    expect(arising.get_by_role("listitem").filter(has_text=ACTION_TITLE)).to_contain_text(
        f"{ACTION_TITLE} — ILO, due {_day(due)}"
    )
    expect(arising.get_by_role("link", name=ACTION_TITLE)).to_be_visible()

    # The home page counts this quarter as met and lists the next meeting.
    s.goto("/n/bd/")
    quarter = f"Q{(today.month - 1) // 3 + 1} {today.year}"
    expect(s.locator("ul.cadence").get_by_role("listitem").last).to_have_text(f"{quarter}: met")
    expect(s.get_by_role("region", name="Next meetings")).to_contain_text(
        "Next quarterly meeting of the Network"
    )

    # --- Minutes of the meeting, with the decision's text, exported as Word and PDF.
    s.goto(meeting_url)
    s.get_by_role("link", name="Write the minutes").click()
    s.get_by_label("Minutes", exact=True).fill(
        "## Decisions\n\n"
        f"The Network agreed by consensus: {ESTABLISH_TEXT}\n\n"
        "UNHCR's concern about overlap with the Counter-Trafficking TWG was addressed by the co-chairs.\n"
    )
    s.get_by_role("button", name="Add", exact=True).click()
    expect(s.get_by_role("heading", level=1)).to_contain_text("Minutes of Quarterly meeting of the Network")
    expect(s.get_by_role("status").filter(has_text="Draft")).to_contain_text("Draft: not yet circulated.")
    expect(s.locator("article.minutes")).to_contain_text(ESTABLISH_TEXT)

    word = _download(s, "Word")
    assert word[:2] == b"PK", "the Word export is not a DOCX (zip) file"
    assert ESTABLISH_TEXT in _squash(_docx_text(word))
    pdf = _download(s, "PDF")
    assert pdf[:5] == b"%PDF-", "the PDF export is not a PDF"
    assert _squash(ESTABLISH_TEXT) in _squash(_pdf_text(pdf))

    # --- The action point's owner finds it on "My actions".
    chair.goto("/n/bd/")
    chair.get_by_role("navigation", name="Main").get_by_role("button", name="Meetings", exact=True).click()
    chair.get_by_role("link", name="My actions").click()
    expect(chair.get_by_role("heading", level=1)).to_have_text("My actions")
    open_section = chair.get_by_role("heading", name=re.compile(r"^Open")).locator(
        "xpath=following-sibling::*[1]"
    )
    mine = open_section.get_by_role("row").filter(has_text=ACTION_TITLE)
    expect(mine).to_contain_text("ILO — Tanvir Hossain")
    expect(mine).to_contain_text(_day(due))
    expect(mine).to_contain_text("Open")
    assert_accessible(chair)

    # UNHCR owns nothing here.
    unhcr.goto("/n/bd/my-actions/")
    expect(unhcr.get_by_role("row").filter(has_text=ACTION_TITLE)).to_have_count(0)


# --- Bad input


def test_a_meeting_that_ends_before_it_starts_is_refused_beside_the_field(signed_in, demo_network):
    from mignet.meetings.models import Meeting

    page = signed_in("secretariat")
    before = Meeting.objects.count()
    starts = datetime.datetime.now(DHAKA).replace(minute=0, second=0, microsecond=0) + datetime.timedelta(
        days=10
    )
    page.goto("/n/bd/meetings/new/")
    page.get_by_label("Body").select_option(label="Network plenary")
    page.get_by_label("Title").fill("A meeting backwards in time")
    page.get_by_label("Starts").fill(_local(starts))
    page.get_by_label("Ends").fill(_local(starts - datetime.timedelta(hours=1)))
    page.get_by_label("Place").fill("UN House, Dhaka")
    page.get_by_role("button", name="Add", exact=True).click()

    expect(page.locator(".error-summary")).to_contain_text("The meeting must end after it starts.")
    ends = page.get_by_label("Ends")
    expect(ends).to_have_attribute("aria-invalid", "true")
    group = page.locator(".is-invalid-group").filter(has=ends)
    expect(group.locator(".field-error")).to_have_text(re.compile("The meeting must end after it starts."))
    # The message is tied to the field for a screen reader.
    error_id = group.locator(".field-error").locator("xpath=..").get_attribute("id")
    assert error_id and error_id in (ends.get_attribute("aria-describedby") or "").split()
    # What was typed is kept.
    expect(page.get_by_label("Title")).to_have_value("A meeting backwards in time")
    assert Meeting.objects.count() == before
    assert_accessible(page)


@pytest.fixture
def silence_past_deadline(demo_network, accounts):
    """A silence procedure of the plenary whose deadline passed an hour ago (scheduled work not run yet)."""
    from django.utils import timezone

    from mignet.accounts.models import User
    from mignet.meetings import services
    from mignet.meetings.models import Decision
    from mignet.network.models import Body

    plenary = Body.objects.get(network=demo_network, kind="plenary")
    secretariat = User.objects.get(email=accounts["secretariat"])
    decision = services.decision_propose(
        actor=secretariat,
        network=demo_network,
        data={
            "body": plenary,
            "method": "silence",
            "deadline": timezone.now() + datetime.timedelta(hours=1),
            "subject": "adopt_statement",
            "title": "Joint statement on International Migrants Day",
            "text": "The Network calls for safe and regular pathways for migrant workers.",
        },
    )
    deadline = timezone.now() - datetime.timedelta(hours=1)
    Decision.objects.filter(pk=decision.pk).update(deadline=deadline)
    decision.deadline = deadline
    return decision


def test_a_position_after_the_deadline_is_refused_with_a_clear_message(
    signed_in, demo_network, silence_past_deadline
):
    from mignet.meetings.models import Position

    decision = silence_past_deadline
    page = signed_in("member")
    page.goto(decision.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(decision.title)
    page.get_by_role("link", name="Record a position").click()
    page.get_by_label("Object", exact=True).check()
    page.get_by_label("Reason").fill("Too late, but we object.")
    page.get_by_role("button", name="Record the position").click()

    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("The deadline was")
    expect(summary).to_contain_text("positions are no longer accepted")
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a position")
    assert not Position.objects.filter(decision=decision).exists()
    assert_accessible(page)
