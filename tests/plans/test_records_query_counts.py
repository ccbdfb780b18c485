"""Query counts of the plans pages hold as rows grow (house rule 9): the plan page with its results tree,
the activity list (plain and filtered), an activity, an indicator with its targets and measurements,
and the frameworks page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mignet.core.models import District

from .factories import ActivityFactory, IndicatorFactory, MeasurementFactory, OutputFactory, TargetFactory

pytestmark = pytest.mark.django_db
MAX_QUERIES = 15


def grow(outcome, unhcr, iom, indicator, quarters):
    for k in quarters:
        output = OutputFactory(parent=outcome)
        for org in (unhcr, iom):
            a = ActivityFactory(
                output=output, lead_organisation=org, districts=[District.objects.get(name="Sylhet")]
            )
            i = IndicatorFactory(activity=a)
            TargetFactory(indicator=i)
            MeasurementFactory(indicator=i)
        IndicatorFactory(activity=None, result=output, plan=output.plan)
        TargetFactory(indicator=indicator, period=f"2026-Q{k}")
        MeasurementFactory(indicator=indicator, period=f"2026-Q{k}")
        MeasurementFactory(indicator=indicator, period="2026-Q1", sex="female")


@pytest.mark.parametrize("role", ["viewer", "member", "secretariat"])
def test_pages_do_not_grow_with_rows(client_for, role, network, plan, outcome, unhcr_activity, unhcr, iom):
    client = client_for(role)
    indicator = IndicatorFactory(activity=unhcr_activity, disaggregation=["sex"])
    sylhet = District.objects.get(name="Sylhet")
    pages = {
        "plan": plan.get_absolute_url(),
        "activities": reverse("plans:activity-list", kwargs={"network": network.slug}),
        "activities filtered": reverse("plans:activity-list", kwargs={"network": network.slug})
        + f"?plan={plan.pk}&district={sylhet.pk}&gcm_objective=6&q=a",
        "activity": unhcr_activity.get_absolute_url(),
        "activity edit": reverse(
            "plans:activity-update", kwargs={"network": network.slug, "pk": unhcr_activity.pk}
        ),
        "indicator": indicator.get_absolute_url(),
        "frameworks": reverse("plans:frameworks", kwargs={"network": network.slug}),
        "gcm": reverse("plans:framework-gcm", kwargs={"network": network.slug, "number": 6}),
        "result": outcome.get_absolute_url(),
    }
    if role not in ("member", "chair", "secretariat"):
        pages.pop("activity edit")

    def count():
        counts = {}
        for name, address in pages.items():
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(address)
            assert response.status_code == 200, (name, response.status_code)
            counts[name] = len(ctx)
        return counts

    grow(outcome, unhcr, iom, indicator, [1])
    client.get(pages["plan"])  # warm the per-process caches (the demo banner's check)
    few = count()
    grow(outcome, unhcr, iom, indicator, [2, 3, 4])
    more = count()
    assert few == more
    # Flat, but over 15, said here: the activity page reads its six sets of tags and places, its indicators
    # with targets and measurements, impediments and progress updates (16); the edit form its 11 choice
    # lists and the activity's 6 current many-to-many values.
    budget = {"activity": 16, "activity edit": 24}
    for name, n in more.items():
        assert n <= budget.get(name, MAX_QUERIES), (name, n)
