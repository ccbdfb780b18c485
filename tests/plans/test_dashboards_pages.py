"""The dashboard and duplication pages and the API: readers get 200 with every panel, the charts are SVG
images (inline and as files with the filters), bad filters get a message on the field, the API returns
the same numbers with the same permissions, and the query counts stay flat as activities grow."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from mignet.core.models import District, GCMObjective
from mignet.plans import choices as c
from mignet.plans.models import DuplicateReview, Plan

from .factories import ActivityFactory, IndicatorFactory, MeasurementFactory, TargetFactory

pytestmark = pytest.mark.django_db
MAX_QUERIES = 15


@pytest.fixture
def approved(plan):
    Plan.objects.filter(pk=plan.pk).update(status=c.PlanStatus.APPROVED, approved_version=1)
    return plan


def grow(output, orgs, n):
    """n more activities across organisations, objectives and districts, each with an indicator."""
    districts = list(District.objects.order_by("pk")[:5])
    objectives = list(GCMObjective.objects.order_by("number")[:5])
    for i in range(n):
        a = ActivityFactory(
            output=output,
            lead_organisation=orgs[i % len(orgs)],
            title=f"Orientation {i}",
            description="Pre-departure orientation for migrant workers",
            gcm_objectives=[objectives[i % 5]],
            districts=[districts[i % 5]],
        )
        indicator = IndicatorFactory(activity=a)
        TargetFactory(indicator=indicator)
        MeasurementFactory(indicator=indicator)


def test_readers_see_every_panel(approved, unhcr_activity, iom_activity, client_for, network):
    url = reverse("plans:dashboard", kwargs={"network": network.slug})
    for role in ("viewer", "partner", "member", "chair", "secretariat"):
        page = client_for(role).get(url)
        assert page.status_code == 200, role
    html = page.content.decode()
    for text in (
        "GCM coverage",
        "Gaps: GCM objectives with no activity",
        "Activities by status",
        "Budget: required, available and spent",
        "Activities by district",
        "Sylhet",
        "National (all districts)",
        "Indicator progress against targets",
        "heat-4",
        "data:image/svg+xml;base64,",
        "IOM",
        "UNHCR",
    ):
        assert text in html, text
    assert 'style="' not in html.split("<main", 1)[-1]  # CSP: no inline styles in the page's content
    assert client_for("anonymous").get(url).status_code == 302
    budget = client_for("viewer").get(url, {"measure": "budget"}).content.decode()
    assert "100,000" in budget


def test_chart_files_are_svg_with_the_filters(approved, unhcr_activity, client_for, network):
    client = client_for("viewer")
    for name in ("coverage", "status", "budget"):
        response = client.get(
            reverse("plans:dashboard-chart", kwargs={"network": network.slug, "name": name}), {"year": 2026}
        )
        assert response.status_code == 200 and response["Content-Type"].startswith("image/svg+xml")
        assert "script-src" not in response["Content-Security-Policy"]
        ET.fromstring(response.content)  # noqa: S314 — our own drawing
    assert (
        client.get(
            reverse("plans:dashboard-chart", kwargs={"network": network.slug, "name": "x"})
        ).status_code
        == 404
    )


def test_bad_filters_get_a_message_on_the_field(approved, client_for, network):
    page = client_for("viewer").get(
        reverse("plans:dashboard", kwargs={"network": network.slug}), {"year": "1800", "plan": "999999"}
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="id_year_error"' in html and 'id="id_plan_error"' in html


def test_api_dashboard_matches_the_page(approved, unhcr_activity, iom_activity, users, network):
    api = APIClient()
    url = reverse("plans-dashboard-list")
    api.force_authenticate(users["viewer"])
    data = api.get(url, {"network": network.slug}).json()
    assert data["progress"]["totals"]["count"] == 2
    assert {o["label"] for o in data["coverage"]["organisations"]} == {"IOM", "UNHCR"}
    assert len(data["coverage"]["rows"]) == 23 and data["districts"]["total"] == 64
    assert 6 not in [g["number"] for g in data["gaps"]]
    assert api.get(url).status_code == 400  # no network
    assert api.get(url, {"network": network.slug, "year": "abc"}).status_code == 400
    assert api.get(url, {"network": "nowhere"}).status_code == 404


def test_api_candidates_and_reviews(approved, output, iom, unhcr, users, network):
    text = "Pre-departure orientation sessions for aspiring migrant workers"
    a = ActivityFactory(output=output, lead_organisation=iom, title=text)
    b = ActivityFactory(output=output, lead_organisation=unhcr, title=text + " in Dhaka")
    api = APIClient()
    api.force_authenticate(users["viewer"])
    candidates = api.get(reverse("duplicate-candidate-list"), {"network": network.slug}).json()
    assert [(p["first"]["id"], p["second"]["id"]) for p in candidates] == [(a.pk, b.pk)]
    assert candidates[0]["verdict"] is None and not candidates[0]["can_review"]
    body = {"first": b.pk, "second": a.pk, "verdict": "duplicate", "note": "Same sessions"}
    assert api.post(reverse("duplicate-review-list"), body, format="json").status_code == 403
    api.force_authenticate(users["chair"])
    created = api.post(reverse("duplicate-review-list"), body, format="json")
    assert created.status_code == 201, created.content
    review = created.json()
    assert (review["first"], review["second"], review["reviewed_by"]) == (a.pk, b.pk, "chair@example.org")
    detail = reverse("duplicate-review-detail", kwargs={"pk": review["id"]})
    assert api.patch(detail, {"verdict": "complementary"}, format="json").status_code == 400  # no version
    changed = api.patch(detail, {"verdict": "complementary", "version": review["version"]}, format="json")
    assert changed.status_code == 200 and changed.json()["verdict"] == "complementary"
    assert DuplicateReview.objects.get().verdict == "complementary"
    api.force_authenticate(users["viewer"])
    listed = api.get(reverse("duplicate-review-list"), {"network": network.slug}).json()
    assert [r["id"] for r in listed["results"]] == [review["id"]]
    assert (
        api.get(reverse("duplicate-candidate-list"), {"network": network.slug, "threshold": "5"}).status_code
        == 400
    )


def count(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("role", ["viewer", "secretariat"])
def test_query_counts_stay_flat_as_activities_grow(
    approved, output, iom, unhcr, consortium, client_for, users, network, role
):
    client = client_for(role)
    api = APIClient()
    api.force_authenticate(users[role])
    pages = [
        (client, reverse("plans:dashboard", kwargs={"network": network.slug}), None),
        (
            client,
            reverse("plans:dashboard", kwargs={"network": network.slug}),
            {"measure": "budget", "year": 2026},
        ),
        (client, reverse("plans:duplicates", kwargs={"network": network.slug}), None),
        (
            client,
            reverse("plans:dashboard-chart", kwargs={"network": network.slug, "name": "coverage"}),
            None,
        ),
        (api, reverse("plans-dashboard-list"), {"network": network.slug}),
        (api, reverse("duplicate-candidate-list"), {"network": network.slug}),
        (api, reverse("duplicate-review-list"), {"network": network.slug}),
    ]
    grow(output, [iom, unhcr, consortium], 6)  # already some pairs to compare and flag
    for p in pages:
        count(*p)  # the first request of a session does one-time work
    before = [count(*p) for p in pages]
    grow(output, [iom, unhcr, consortium], 18)
    after = [count(*p) for p in pages]
    assert after == before
    assert max(after) <= MAX_QUERIES, after
