"""The pages of plans and their content, as each role sees them: who reads, who changes, what a form says
when the input is wrong, and what the plan, activity and indicator pages show."""

from decimal import Decimal

import pytest
from django.urls import reverse

from mignet.core.models import SDGTarget

from .factories import IndicatorFactory, MeasurementFactory, TargetFactory

pytestmark = pytest.mark.django_db


def url(name, network, **kwargs):
    return reverse(f"plans:{name}", kwargs={"network": network.slug, **kwargs})


def test_plan_page_shows_the_results_tree_with_indicators_and_budget(
    client_for, network, plan, unhcr_activity, iom_activity
):
    indicator = IndicatorFactory(
        activity=unhcr_activity, name="People oriented before departure", baseline_value=0
    )
    TargetFactory(indicator=indicator, period="2026", value=Decimal("1000"))
    MeasurementFactory(indicator=indicator, period="2026-Q2", value=Decimal("620"))
    response = client_for("viewer").get(plan.get_absolute_url())
    assert response.status_code == 200
    text = response.content.decode()
    assert "Outcome</a> — Safer labour migration" in text or "Safer labour migration" in text
    assert "1.1.1" in text or unhcr_activity.code in text
    assert "People oriented before departure" in text
    assert "62 % of target" in text
    assert "200,000" in text  # two activities of 100 000 USD required


@pytest.mark.parametrize("role", ["viewer", "partner", "member", "chair", "secretariat"])
def test_every_page_opens_for_members_of_the_network(client_for, role, network, plan, unhcr_activity):
    indicator = IndicatorFactory(activity=unhcr_activity)
    target = TargetFactory(indicator=indicator)
    m = MeasurementFactory(indicator=indicator)
    client = client_for(role)
    for address in [
        url("plan-list", network),
        plan.get_absolute_url(),
        url("activity-list", network),
        unhcr_activity.get_absolute_url(),
        unhcr_activity.output.get_absolute_url(),
        indicator.get_absolute_url(),
        url("target-detail", network, pk=target.pk),
        url("measurement-detail", network, pk=m.pk),
        url("frameworks", network),
        url("framework-gcm", network, number=6),
        url("framework-principle", network, number=1),
        url("framework-sdg", network, code=SDGTarget.objects.first().code),
        url("frameworkitem-list", network),
        url("result-list", network),
        url("indicator-list", network),
    ]:
        assert client.get(address).status_code == 200, address
