"""The API of quarterly reports: read by the network, written by the organisation's focal points, with the
services' refusals as 400/403 and the lists flat in queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from mignet.plans import choices as c
from mignet.plans.models import ProgressReport

from .factories import ActivityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(plan):
    plan.status = c.PlanStatus.APPROVED
    plan.approved_version = 1
    plan.save()
    return plan


def api(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_focal_point_reports_through_the_api(approved, unhcr, iom, unhcr_activity, iom_activity, users):
    member = api(users["member"])
    body = {
        "network": approved.network.slug,
        "plan": approved.pk,
        "organisation": unhcr.pk,
        "year": 2026,
        "quarter": 2,
    }
    response = member.post("/api/v1/progress-reports/", body, format="json")
    assert response.status_code == 201, response.content
    report_id = response.json()["id"]
    assert response.json()["status"] == "draft"
    # another organisation's report is refused
    assert (
        member.post("/api/v1/progress-reports/", {**body, "organisation": iom.pk}, format="json").status_code
        == 403
    )
    line = {
        "network": approved.network.slug,
        "report": report_id,
        "activity": unhcr_activity.pk,
        "status": "ongoing",
        "percent_complete": 130,
        "spent_to_date": "100",
    }
    bad = member.post("/api/v1/progress-updates/", line, format="json")
    assert bad.status_code == 400 and "percent_complete" in bad.json()
    other = member.post(
        "/api/v1/progress-updates/",
        {**line, "activity": iom_activity.pk, "percent_complete": 10},
        format="json",
    )
    assert other.status_code == 400 and "activity" in other.json()
    ok = member.post("/api/v1/progress-updates/", {**line, "percent_complete": 70}, format="json")
    assert ok.status_code == 201, ok.content
    update = ok.json()
    changed = member.patch(
        f"/api/v1/progress-updates/{update['id']}/",
        {"percent_complete": 75, "version": update["version"]},
        format="json",
    )
    assert changed.status_code == 200 and changed.json()["percent_complete"] == 75
    submitted = member.post(f"/api/v1/progress-reports/{report_id}/submit/")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    unhcr_activity.refresh_from_db()
    assert unhcr_activity.percent_complete == 75 and unhcr_activity.budget_spent == Decimal("100")
    assert member.post(f"/api/v1/progress-reports/{report_id}/reopen/").status_code == 403
    assert (
        api(users["secretariat"])
        .post(f"/api/v1/progress-reports/{report_id}/reopen/", {"reason": "fix"})
        .status_code
        == 200
    )
    # filters
    listed = api(users["viewer"]).get(
        "/api/v1/progress-reports/", {"plan": approved.pk, "quarter": 2, "status": "draft"}
    )
    assert [r["id"] for r in listed.json()["results"]] == [report_id]
    assert api(users["viewer"]).get("/api/v1/progress-reports/", {"quarter": 3}).json()["results"] == []
    assert api(None).get("/api/v1/progress-reports/").json()["results"] == []


def _count(client, url):
    client.get(url)  # warm: what is cached once per process is not counted
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_api_lists_flat(approved, unhcr, output, users):
    from mignet.plans.services import progress as svc

    def grow(n, quarter):
        acts = [ActivityFactory(output=output, lead_organisation=unhcr) for _ in range(n)]
        return acts

    acts = grow(2, 1)
    report = svc.report_save(
        actor=users["member"],
        plan=approved,
        organisation=unhcr,
        year=2026,
        quarter=1,
        lines=[svc.LineInput(a, "ongoing", 5, Decimal("1")) for a in acts],
    )
    client = api(users["viewer"])
    few = (_count(client, "/api/v1/progress-reports/"), _count(client, "/api/v1/progress-updates/"))
    acts += grow(6, 2)
    for q in (2, 3):
        svc.report_save(
            actor=users["member"],
            plan=approved,
            organisation=unhcr,
            year=2026,
            quarter=q,
            lines=[svc.LineInput(a, "ongoing", 5, Decimal("1")) for a in acts],
        )
    assert ProgressReport.objects.count() == 3 and report.updates.count() == 2
    more = (_count(client, "/api/v1/progress-reports/"), _count(client, "/api/v1/progress-updates/"))
    assert few == more and max(more) <= 15
