"""Reminders about quarterly reports go to the focal points of the organisations that have not submitted,
never twice: the secretariat's button (once a day) and `mignet tick` (a week before the due date, and once
past it)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from mignet.core.choices import Role
from mignet.plans import choices as c
from mignet.plans import scheduled
from mignet.plans.services import progress as svc
from tests.factories import RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(plan):
    plan.status = c.PlanStatus.APPROVED
    plan.approved_version = 1
    plan.save()
    return plan


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def iom_focal_point(network, iom):
    user = UserFactory(email="focal@iom.example.org", language="bn")
    RoleAssignmentFactory(network=network, user=user, role=Role.MEMBER, organisation=iom)
    return user


@pytest.fixture
def unhcr_submitted(approved, unhcr, unhcr_activity, users):
    for quarter in (2, 3):
        report = svc.report_save(
            actor=users["member"],
            plan=approved,
            organisation=unhcr,
            year=2026,
            quarter=quarter,
            lines=[svc.LineInput(unhcr_activity, "ongoing", 10 * quarter, Decimal("100"))],
        )
        svc.report_submit(actor=users["member"], instance=report)


def test_button_reminds_only_the_organisations_that_have_not_submitted(
    approved, iom_activity, unhcr_submitted, iom_focal_point, users, client_for, run_on_commit
):
    url = reverse(
        "plans:progressreport-remind",
        kwargs={"network": approved.network.slug, "plan_pk": approved.pk, "year": 2026, "quarter": 2},
    )
    for role in ("viewer", "member", "chair"):
        assert client_for(role).post(url).status_code == 403
    assert mail.outbox == []
    client = client_for("secretariat")
    page = client.get(url)
    assert (
        page.status_code == 200 and "IOM" in page.content.decode() or "International" in page.content.decode()
    )
    with run_on_commit():
        assert client.post(url).status_code == 302
    assert [m.to for m in mail.outbox] == [["focal@iom.example.org"]]
    assert "2026-Q2" in mail.outbox[0].subject
    with run_on_commit():
        client.post(url)  # the same day: nothing twice
    assert len(mail.outbox) == 1


def test_tick_a_week_before_and_after_the_due_date(
    settings, approved, iom_activity, unhcr_submitted, iom_focal_point, users, run_on_commit
):
    settings.MIGNET_PROGRESS_DUE_DAYS = 15
    # Q3 2026 ends 30 September, due 15 October
    quiet = datetime.datetime(2026, 10, 7, 6, tzinfo=datetime.UTC)
    soon = datetime.datetime(2026, 10, 8, 6, tzinfo=datetime.UTC)
    late = datetime.datetime(2026, 10, 16, 6, tzinfo=datetime.UTC)
    with run_on_commit():
        assert scheduled.progress_reminders(quiet) == 0
    with run_on_commit():
        assert scheduled.progress_reminders(soon) == 1
    assert [m.to for m in mail.outbox] == [["focal@iom.example.org"]]  # UNHCR submitted: not reminded
    with run_on_commit():
        assert scheduled.progress_reminders(soon + datetime.timedelta(days=1)) == 0
        assert scheduled.progress_reminders(late) == 1
        assert scheduled.progress_reminders(late + datetime.timedelta(days=3)) == 0
    assert len(mail.outbox) == 2
    assert "Q3" in mail.outbox[1].subject


def test_mignet_tick_runs_the_progress_reminders(approved, iom_activity, iom_focal_point, run_on_commit):
    from mignet.meetings import scheduled as meetings_scheduled

    with run_on_commit():
        done = meetings_scheduled.tick(datetime.datetime(2026, 10, 20, 6, tzinfo=datetime.UTC))
    assert done["progress_reminders"] == 1
