"""Agendas and minutes as DOCX and PDF: what a reader checks when they open the file."""

from __future__ import annotations

import datetime
import io
import logging
import unicodedata

import docx
import pytest
from django.urls import reverse
from pypdf import PdfReader

from mignet.core.choices import Visibility
from mignet.meetings import choices as mc
from mignet.meetings import exports
from mignet.meetings.models import Attendance, Minutes
from tests.factories import (
    ActionPointFactory,
    AgendaItemFactory,
    DecisionFactory,
    MeetingFactory,
    PersonFactory,
)

NETWORK_NAME = "UN Network on Migration in Bangladesh"
BANGLA = "সভায় অভিবাসন বিষয়ে আলোচনা হয়েছে।"
AGENDA = ["Adoption of the agenda", "Update from the Labour Migration TWG", "Any other business"]
DECISION_TEXT = "The Network adopts the joint statement on safe and regular labour migration."
MINUTES_TEXT = f"""### Opening

The chair welcomed the members. **Attendance was quorate.**

- The GCM review was presented
- Members asked questions

1. First follow-up
2. Second follow-up

{BANGLA}
"""


@pytest.fixture
def export_meeting(network, plenary, iom, unhcr):
    """A plenary meeting on 30 November 2026 at 10:00 in Dhaka, with agenda, attendance, a decision,
    an action point, and an action point from an earlier meeting still open (a matter arising)."""
    starts = datetime.datetime(2026, 11, 30, 4, 0, tzinfo=datetime.UTC)
    earlier = MeetingFactory(
        network=network,
        body=plenary,
        starts_at=starts - datetime.timedelta(days=90),
        title="Earlier meeting",
    )
    ActionPointFactory(meeting=earlier, owner_organisation=unhcr, title="Circulate the mapping of services")
    meeting = MeetingFactory(
        network=network,
        body=plenary,
        title="Quarterly Network meeting",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        online_link="https://meet.example.org/plenary",
    )
    # Created out of order: the documents follow the agenda's order, not the creation order.
    for position, title in ((3, AGENDA[2]), (1, AGENDA[0]), (2, AGENDA[1])):
        AgendaItemFactory(meeting=meeting, position=position, title=title, presenter=iom, minutes_allotted=15)
    people = {
        "Amina Chowdhury": (unhcr, mc.AttendanceStatus.PRESENT),
        "Rafiq Islam": (iom, mc.AttendanceStatus.PRESENT),
        "Nadia Rahman": (iom, mc.AttendanceStatus.APOLOGIES),
    }
    for name, (org, status) in people.items():
        person = PersonFactory(network=network, organisation=org, full_name=name)
        Attendance.objects.create(
            network=network, meeting=meeting, person=person, organisation=org, status=status
        )
    DecisionFactory(
        network=network,
        body=plenary,
        meeting=meeting,
        method=mc.DecisionMethod.CONSENSUS,
        deadline=None,
        title="Joint statement on labour migration",
        text=DECISION_TEXT,
    )
    ActionPointFactory(meeting=meeting, owner_organisation=iom, title="Publish the joint statement")
    return meeting


def _minutes(meeting, status=mc.MinutesStatus.DRAFT, revision=1, **kwargs) -> Minutes:
    return Minutes.objects.create(
        network=meeting.network,
        meeting=meeting,
        text=MINUTES_TEXT,
        status=status,
        revision=revision,
        **kwargs,
    )


def docx_text(data: bytes) -> tuple[docx.document.Document, str]:
    document = docx.Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [cell.text for row in table.rows for cell in row.cells]
    return document, "\n".join(lines)


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text, with runs of white space (line breaks in table cells) as one space."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def in_order(text: str, items: list[str]) -> bool:
    positions = [text.find(item) for item in items]
    return -1 not in positions and positions == sorted(positions)


def skeleton(text: str) -> str:
    """Bangla letters without their vowel signs and marks, and without spaces."""
    return "".join(
        ch
        for ch in unicodedata.normalize("NFD", text)
        if "\u0980" <= ch <= "\u09ff" and unicodedata.category(ch) not in ("Mn", "Mc")
    )


# --- DOCX


def test_agenda_docx_has_header_title_items_in_order_and_matters_arising(export_meeting, users):
    data = exports.agenda_docx(export_meeting, user=users["secretariat"])
    document, text = docx_text(data)
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    assert NETWORK_NAME in header
    assert "DRAFT" not in header
    title = next(p for p in document.paragraphs if p.style.name == "Title")
    assert title.text.startswith("Agenda: ")
    assert "Monday 30 November 2026, 10:00–12:00 (Asia/Dhaka time)" in text
    assert "https://meet.example.org/plenary" in text
    items = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert [p.runs[0].text for p in items] == AGENDA
    assert "presented by" in items[0].text and "15 min" in items[0].text
    assert "Circulate the mapping of services" in text  # matters arising
    footer = document.sections[0].footer._element.xml
    assert "Generated by Mignet on" in footer and "NUMPAGES" in footer and " PAGE " in footer


def test_minutes_docx_converts_markdown_and_shows_attendance_and_decisions(export_meeting, users):
    minutes = _minutes(export_meeting)
    document, text = docx_text(exports.minutes_docx(minutes, user=users["secretariat"]))
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    assert NETWORK_NAME in header and "DRAFT" in header
    # Markdown became Word structure, not raw Markdown.
    assert "###" not in text and "**" not in text
    heading = next(p for p in document.paragraphs if p.text == "Opening")
    assert heading.style.name.startswith("Heading")
    assert any(r.bold and r.text == "Attendance was quorate." for p in document.paragraphs for r in p.runs)
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert "The GCM review was presented" in bullets
    numbered = [p.text for p in document.paragraphs if p.style.name == "List Number"]
    assert numbered[-2:] == ["First follow-up", "Second follow-up"]
    assert BANGLA in text
    # Attendance by organisation, the decision's full text and outcome, the action points.
    assert "Amina Chowdhury" in text and "Rafiq Islam" in text and "Nadia Rahman" in text
    assert in_order(text, ["Present", "Rafiq Islam", "Apologies", "Nadia Rahman", "Absent"])
    assert DECISION_TEXT in text and "Open for positions" in text
    assert "Publish the joint statement" in text
    assert "Status: Draft · revision 1" in text


def test_approved_minutes_docx_carries_no_draft_mark(export_meeting, users):
    minutes = _minutes(export_meeting, status=mc.MinutesStatus.APPROVED)
    document, text = docx_text(exports.minutes_docx(minutes, user=users["secretariat"]))
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    assert NETWORK_NAME in header
    assert "DRAFT" not in header and "DRAFT" not in text


def test_minutes_docx_keeps_tables_links_nested_lists_and_quotes(export_meeting, users):
    minutes = _minutes(export_meeting)
    minutes.text = (
        "# Dropped heading tag\n\n"
        "| Quarter | Met |\n|---|---|\n| Q3 | yes |\n\n"
        "See [the GCM](https://www.un.org/en/migration2022/global-compact-for-migration).\n\n"
        "1. Outer\n    1. Inner\n2. Next\n\n"
        "> Quoted remark\n"
    )
    document, text = docx_text(exports.minutes_docx(minutes, user=users["secretariat"]))
    assert "Dropped heading tag" in text  # the sanitiser drops <h1>, the words stay
    assert any(t.cell(1, 0).text == "Q3" for t in document.tables if len(t.rows) == 2)
    assert "https://www.un.org/en/migration2022/global-compact-for-migration" in [
        rel.target_ref for rel in document.part.rels.values() if rel.is_external
    ]
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles["Outer"] == "List Number" and styles["Inner"] == "List Number 2"
    assert styles["Quoted remark"] == "Quote"


# --- PDF


def test_agenda_pdf_has_header_on_every_page_and_items_in_order(export_meeting, users):
    pages = pdf_pages(exports.agenda_pdf(export_meeting, user=users["secretariat"]))
    text = "\n".join(pages)
    assert all(NETWORK_NAME in page for page in pages)
    assert pages[0].count(NETWORK_NAME) >= 2  # the running header, besides the plenary's name in the title
    assert f"Page 1 of {len(pages)}" in pages[0]
    assert "Generated by Mignet on" in text
    assert in_order(text, AGENDA)
    assert "Circulate the mapping of services" in text
    assert "DRAFT" not in text


def test_minutes_pdf_draft_mark_attendance_decision_and_bangla(export_meeting, users):
    data = exports.minutes_pdf(_minutes(export_meeting), user=users["secretariat"])
    pages = pdf_pages(data)
    text = "\n".join(pages)
    assert all(NETWORK_NAME in page and "DRAFT" in page for page in pages)
    assert "Amina Chowdhury" in text and "Nadia Rahman" in text
    assert DECISION_TEXT in text
    assert "Attendance was quorate." in text and "**" not in text
    # Bangla is set in the vendored Noto Sans Bengali and its letters come out in order.
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in PdfReader(io.BytesIO(data)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any(name.endswith("Noto-Sans-Bengali") for name in fonts)
    assert skeleton(BANGLA) in skeleton(text)


def test_approved_minutes_pdf_carries_no_draft_mark(export_meeting, users):
    minutes = _minutes(export_meeting, status=mc.MinutesStatus.APPROVED)
    text = "\n".join(pdf_pages(exports.minutes_pdf(minutes, user=users["secretariat"])))
    assert NETWORK_NAME in text and DECISION_TEXT in " ".join(text.split())
    assert "DRAFT" not in text


def test_pdf_reads_the_vendored_fonts_and_nothing_else(export_meeting, users, caplog, monkeypatch):
    fetched = []
    make_fetcher = exports._fetcher

    def recording_fetcher():
        fetcher = make_fetcher()
        fetch = fetcher.fetch

        def record(url, headers=None):
            fetched.append(url)
            return fetch(url, headers)

        fetcher.fetch = record
        return fetcher

    monkeypatch.setattr(exports, "_fetcher", recording_fetcher)
    with caplog.at_level(logging.WARNING):
        exports.minutes_pdf(_minutes(export_meeting), user=users["secretariat"])
    assert "notdef" not in caplog.text  # every character had a glyph
    assert fetched and all(url.startswith("file://") and url.endswith(".woff2") for url in fetched)
    assert any("noto-sans-bengali" in url for url in fetched)
    fetcher = make_fetcher()
    for url in ("https://tracker.example.org/pixel.png", "file:///etc/passwd"):
        with pytest.raises(ValueError, match="Refused"):
            fetcher.fetch(url)


# --- File names


def test_export_filename_names_date_body_document_and_revision(export_meeting):
    assert exports.export_filename(export_meeting, kind="agenda", extension="pdf") == (
        "2026-11-30-network-plenary-agenda.pdf"
    )
    first = _minutes(export_meeting, status=mc.MinutesStatus.APPROVED)
    second = _minutes(export_meeting, revision=2, corrects=first)
    assert exports.export_filename(export_meeting, kind="minutes", extension="pdf", minutes=second) == (
        "2026-11-30-network-plenary-minutes-rev2.pdf"
    )


# --- Views


@pytest.mark.parametrize(
    ("name", "content_type", "suffix"),
    [
        ("meetings:meeting-agenda-docx", exports.DOCX_TYPE, "agenda.docx"),
        ("meetings:meeting-agenda-pdf", exports.PDF_TYPE, "agenda.pdf"),
        ("meetings:minutes-docx", exports.DOCX_TYPE, "minutes.docx"),
        ("meetings:minutes-pdf", exports.PDF_TYPE, "minutes.pdf"),
    ],
)
def test_views_serve_the_file(export_meeting, client_for, network, name, content_type, suffix):
    minutes = _minutes(export_meeting)
    pk = minutes.pk if name.startswith("meetings:minutes") else export_meeting.pk
    response = client_for("viewer").get(reverse(name, kwargs={"network": network.slug, "pk": pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="2026-11-30-network-plenary-{suffix}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    if suffix.endswith(".pdf"):
        assert NETWORK_NAME in pdf_pages(response.content)[0]
    else:
        assert (
            NETWORK_NAME in docx.Document(io.BytesIO(response.content)).sections[0].header.paragraphs[0].text
        )


@pytest.mark.parametrize(
    "name",
    [
        "meetings:meeting-agenda-docx",
        "meetings:meeting-agenda-pdf",
        "meetings:minutes-docx",
        "meetings:minutes-pdf",
    ],
)
def test_views_answer_404_for_what_the_user_may_not_see(export_meeting, client_for, network, name):
    """An internal meeting is hidden from a viewer: its agenda and its minutes answer 404, like a missing one."""
    export_meeting.visibility = Visibility.INTERNAL
    export_meeting.save()
    minutes = _minutes(export_meeting, visibility=Visibility.INTERNAL)
    pk = minutes.pk if name.startswith("meetings:minutes") else export_meeting.pk
    url = reverse(name, kwargs={"network": network.slug, "pk": pk})
    assert client_for("viewer").get(url).status_code == 404
    assert client_for("member").get(url).status_code == 200
    missing = reverse(name, kwargs={"network": network.slug, "pk": 999999})
    assert client_for("secretariat").get(missing).status_code == 404


def test_minutes_view_answers_404_when_the_meeting_is_hidden(export_meeting, client_for, network):
    """Minutes shared wider than their meeting still carry the meeting's details: 404 without both."""
    export_meeting.visibility = Visibility.INTERNAL
    export_meeting.save()
    minutes = _minutes(export_meeting, visibility=Visibility.NETWORK)
    url = reverse("meetings:minutes-pdf", kwargs={"network": network.slug, "pk": minutes.pk})
    assert client_for("viewer").get(url).status_code == 404


def test_agenda_shows_only_what_the_reader_may_see(export_meeting, users):
    """The policy decides the document: an internal agenda item is left out for a viewer."""
    AgendaItemFactory(
        meeting=export_meeting, position=9, title="Internal budget discussion", visibility=Visibility.INTERNAL
    )
    _, for_viewer = docx_text(exports.agenda_docx(export_meeting, user=users["viewer"]))
    _, for_secretariat = docx_text(exports.agenda_docx(export_meeting, user=users["secretariat"]))
    assert "Internal budget discussion" not in for_viewer
    assert "Internal budget discussion" in for_secretariat
