"""The plans API: the same rules and permissions as the pages, through /api/v1/ — plans and their steps,
activities with their frameworks, indicators, targets and measurements; stale versions answer 409; list
query counts do not grow with rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from mignet.core.models import District, GCMObjective
from mignet.plans import choices as c
from mignet.plans.models import Activity

from .factories import ActivityFactory, IndicatorFactory, MeasurementFactory, TargetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(users):
    def make(role):
        client = APIClient()
        if users[role] is not None:
            client.force_login(users[role])
        return client

    return make


def activity_body(network, output, lead, **extra):
    return {
        "network": network.slug,
        "output": output.pk,
        "title": "Awareness sessions in Khulna",
        "lead_organisation": lead.pk,
        "gcm_objectives": [GCMObjective.objects.get(number=3).pk],
        "districts": [District.objects.get(name="Khulna").pk],
        "start_date": "2026-02-01",
        "end_date": "2026-06-30",
        "budget_required": "25000.00",
        **extra,
    }


def test_a_focal_point_adds_an_activity_led_by_their_organisation_only(api, network, output, unhcr, iom):
    member = api("member")
    answer = member.post("/api/v1/activities/", activity_body(network, output, unhcr), format="json")
    assert answer.status_code == 201, answer.json()
    data = answer.json()
    assert data["code"] == "1.1.1" and data["plan"] == output.plan_id
    assert data["gcm_objectives"] == [GCMObjective.objects.get(number=3).pk]
    assert (
        member.post("/api/v1/activities/", activity_body(network, output, iom), format="json").status_code
        == 403
    )
    assert Activity.objects.count() == 1


def test_bad_activity_input_answers_400_on_the_field(api, network, output, unhcr):
    sec = api("secretariat")
    cases = [
        ({"gcm_objectives": []}, "gcm_objectives"),
        ({"start_date": "2025-01-01"}, "start_date"),
        ({"budget_required": "-5"}, "budget_required"),
        ({"budget_required": "lots"}, "budget_required"),
        ({"gender_marker": 2}, "gender_justification"),
    ]
    for extra, field in cases:
        answer = sec.post(
            "/api/v1/activities/", activity_body(network, output, unhcr, **extra), format="json"
        )
        assert answer.status_code == 400, (extra, answer.content)
        assert field in answer.json().get("errors", answer.json()) or field in str(answer.json()), (
            field,
            answer.json(),
        )
    assert not Activity.objects.exists()


def test_update_needs_the_current_version(api, unhcr_activity):
    member = api("member")
    address = f"/api/v1/activities/{unhcr_activity.pk}/"
    ok = member.patch(address, {"title": "Renamed", "version": unhcr_activity.version}, format="json")
    assert ok.status_code == 200 and ok.json()["title"] == "Renamed"
    stale = member.patch(address, {"title": "Again", "version": unhcr_activity.version}, format="json")
    assert stale.status_code == 409


def test_a_focal_point_cannot_change_another_organisations_activity(api, iom_activity):
    answer = api("member").patch(
        f"/api/v1/activities/{iom_activity.pk}/",
        {"title": "x", "version": iom_activity.version},
        format="json",
    )
    assert answer.status_code == 403


def test_plan_steps_and_versions(api, network, twg, plan, unhcr_activity):
    chair = api("chair")
    assert api("viewer").post(f"/api/v1/plans/{plan.pk}/submit/").status_code == 403
    answer = chair.post(f"/api/v1/plans/{plan.pk}/submit/")
    assert answer.status_code == 200 and answer.json()["status"] == c.PlanStatus.SUBMITTED
    assert chair.post(f"/api/v1/plans/{plan.pk}/submit/").status_code == 400  # not twice
    assert chair.post(f"/api/v1/plans/{plan.pk}/withdraw/").json()["status"] == c.PlanStatus.DRAFT
    assert chair.post(f"/api/v1/plans/{plan.pk}/revise/").status_code == 400  # not approved
    assert chair.get(f"/api/v1/plans/{plan.pk}/versions/").json() == []
    created = chair.post(
        "/api/v1/plans/",
        {
            "network": network.slug,
            "body": twg.pk,
            "title": "2027",
            "start_date": "2027-01-01",
            "end_date": "2027-12-31",
        },
        format="json",
    )
    assert created.status_code == 201 and created.json()["status"] == "draft"
    assert (
        api("member")
        .post(
            "/api/v1/plans/",
            {
                "network": network.slug,
                "body": twg.pk,
                "title": "x",
                "start_date": "2027-01-01",
                "end_date": "2027-12-31",
            },
            format="json",
        )
        .status_code
        == 403
    )


def test_indicators_targets_and_measurements(api, network, unhcr_activity):
    member = api("member")
    indicator = member.post(
        "/api/v1/indicators/",
        {
            "network": network.slug,
            "activity": unhcr_activity.pk,
            "name": "People reached",
            "unit": "people",
            "disaggregation": ["sex"],
        },
        format="json",
    )
    assert indicator.status_code == 201, indicator.json()
    pk = indicator.json()["id"]
    assert indicator.json()["plan"] == unhcr_activity.plan_id
    target = api("chair").post(
        "/api/v1/targets/",
        {"network": network.slug, "indicator": pk, "period": "2026", "value": "100"},
        format="json",
    )
    assert target.status_code == 201, target.json()
    bad = member.post(
        "/api/v1/measurements/",
        {"network": network.slug, "indicator": pk, "period": "2026-Q2", "value": "5", "age_group": "18-24"},
        format="json",
    )
    assert bad.status_code == 400 and "age_group" in str(bad.json())
    ok = member.post(
        "/api/v1/measurements/",
        {"network": network.slug, "indicator": pk, "period": "2026-Q2", "value": "5", "sex": "female"},
        format="json",
    )
    assert ok.status_code == 201, ok.json()
    assert api("viewer").get(f"/api/v1/measurements/?indicator={pk}").json()["count"] == 1


def test_anonymous_sees_nothing_and_a_viewer_reads(api, plan, unhcr_activity):
    anonymous = api("anonymous").get("/api/v1/activities/")  # only public rows; these are the network's
    assert anonymous.status_code in (401, 403) or anonymous.json()["count"] == 0
    listing = api("viewer").get(f"/api/v1/activities/?plan={plan.pk}")
    assert listing.status_code == 200 and listing.json()["count"] == 1


def test_the_activity_filters_are_those_of_the_list(api, unhcr_activity, iom_activity, unhcr):
    viewer = api("viewer")
    sylhet = District.objects.get(name="Sylhet")
    assert [r["id"] for r in viewer.get(f"/api/v1/activities/?district={sylhet.pk}").json()["results"]] == [
        unhcr_activity.pk
    ]
    assert [r["id"] for r in viewer.get("/api/v1/activities/?gcm_objective=21").json()["results"]] == [
        iom_activity.pk
    ]
    assert viewer.get(f"/api/v1/activities/?lead_organisation={unhcr.pk}").json()["count"] == 1


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/plans/",
        "/api/v1/activities/",
        "/api/v1/indicators/",
        "/api/v1/results/",
        "/api/v1/targets/",
        "/api/v1/measurements/",
        "/api/v1/framework-items/",
    ],
)
def test_list_query_counts_do_not_grow(api, address, output, unhcr):
    client = api("member")

    def grow(n):
        for _ in range(n):
            a = ActivityFactory(output=output, lead_organisation=unhcr)
            i = IndicatorFactory(activity=a)
            TargetFactory(indicator=i, period=f"2026-Q{a.pk % 4 + 1}")
            MeasurementFactory(indicator=i)

    grow(2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(address).status_code == 200
    grow(8)
    with CaptureQueriesContext(connection) as more:
        assert client.get(address).status_code == 200
    assert len(more) == len(few) <= 15
