"""Open impediments escalated to the Network appear on the Network's (plenary) meeting agenda, as of that
meeting: escalated before it starts and not yet raised with the Government nor resolved by then. The page
and the DOCX agenda show them; a TWG's meeting does not carry them."""

from __future__ import annotations

import datetime
import io

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mignet.core.models import GovernmentBody
from mignet.meetings import exports
from mignet.plans import choices as c
from mignet.plans.models import ImpedimentStep
from mignet.plans.selectors.impediments import impediments_for_meeting
from mignet.plans.services.impediments import impediment_create, impediment_escalate
from tests.factories import MeetingFactory

Stage = c.ImpedimentStage
SECTION = "Impediments for the Network to address with the Government"


@pytest.fixture
def raise_one(users, network, twg):
    def make(title, *, escalate=True):
        imp = impediment_create(
            actor=users["chair"],
            network=network,
            data={"title": title, "category": c.ImpedimentCategory.POLICY, "raised_by_body": twg},
        )
        if escalate:
            imp = impediment_escalate(
                actor=users["chair"], instance=imp, note="The TWG cannot solve it alone."
            )
        return imp

    return make


@pytest.fixture
def next_plenary(network, plenary):
    return MeetingFactory(network=network, body=plenary, title="Network plenary, Q3")


def test_escalated_before_the_next_plenary_is_on_its_agenda_resolved_or_not_escalated_is_not(
    raise_one, users, next_plenary
):
    waiting = raise_one("Work permits for returnee counsellors")
    resolved = raise_one("Data sharing agreement")
    impediment_escalate(
        actor=users["secretariat"], instance=resolved, to_stage=Stage.RESOLVED, note="Signed."
    )
    raise_one("Still with the TWG", escalate=False)
    with_government = raise_one("Border access")
    impediment_escalate(
        actor=users["secretariat"],
        instance=with_government,
        to_stage=Stage.GOVERNMENT,
        government_body=GovernmentBody.objects.order_by("pk").first(),
    )
    assert [i.title for i in impediments_for_meeting(next_plenary)] == [waiting.title]


def test_a_past_agenda_stays_true(raise_one, users, network, plenary):
    """Escalated after the meeting: not on it. Escalated before and resolved after: still on it."""
    now = timezone.now()
    past = MeetingFactory(network=network, body=plenary, starts_at=now - datetime.timedelta(days=10))
    before = raise_one("Escalated before the meeting, resolved since")
    ImpedimentStep.objects.filter(impediment=before).update(at=now - datetime.timedelta(days=20))
    impediment_escalate(actor=users["secretariat"], instance=before, to_stage=Stage.RESOLVED, note="Done")
    raise_one("Escalated after the meeting")
    assert [i.title for i in impediments_for_meeting(past)] == [before.title]


def test_a_twg_meeting_does_not_carry_them(raise_one, network, twg):
    raise_one("Work permits")
    assert impediments_for_meeting(MeetingFactory(network=network, body=twg)) == []


def test_the_meeting_page_shows_them_in_one_query(raise_one, client_for, next_plenary):
    url = reverse(
        "meetings:meeting-detail", kwargs={"network": next_plenary.network.slug, "pk": next_plenary.pk}
    )
    client = client_for("member")
    raise_one("Work permits for returnee counsellors")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    for n in range(5):
        raise_one(f"Another impediment {n}")
    with CaptureQueriesContext(connection) as more:
        response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert (
        SECTION in body and "Work permits for returnee counsellors" in body and "Another impediment 4" in body
    )
    assert len(more) == len(few)


def test_the_docx_agenda_contains_them(raise_one, users, next_plenary):
    raise_one("Work permits for returnee counsellors")
    document = docx.Document(io.BytesIO(exports.agenda_docx(next_plenary, user=users["secretariat"])))
    headings = [p.text for p in document.paragraphs]
    assert SECTION in headings
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Work permits for returnee counsellors" in cells
    assert "Labour Migration TWG" in cells


def test_the_pdf_agenda_contains_them(raise_one, users, next_plenary):
    from pypdf import PdfReader

    raise_one("Work permits for returnee counsellors")
    pdf = PdfReader(io.BytesIO(exports.agenda_pdf(next_plenary, user=users["secretariat"])))
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert SECTION in text and "Work permits for returnee counsellors" in text
