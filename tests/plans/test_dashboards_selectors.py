"""The dashboard's numbers, as a secretariat officer or a viewer would check them against the activities:
coverage per objective and lead organisation (count and budget), gaps, status and body, budgets, the
district table, indicator progress against targets, and what a viewer may not see left out."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from mignet.core.choices import Visibility
from mignet.core.models import District, GCMObjective
from mignet.network.models import Organisation
from mignet.plans import choices as c
from mignet.plans.models import Plan
from mignet.plans.selectors import dashboards as sel

from .factories import (
    ActivityFactory,
    IndicatorFactory,
    MeasurementFactory,
    OutcomeFactory,
    OutputFactory,
    PlanFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db


def gcm(n):
    return GCMObjective.objects.get(number=n)


def district(name):
    return District.objects.get(name=name)


def approve(plan):
    Plan.objects.filter(pk=plan.pk).update(status=c.PlanStatus.APPROVED, approved_version=1)
    plan.refresh_from_db()
    return plan


@pytest.fixture
def world(network, twg, plenary, iom, unhcr, consortium):
    """An approved TWG plan with five activities by three organisations, and a draft plan (not counted)."""
    plan = approve(PlanFactory(network=network, body=twg, title="TWG 2026"))
    output = OutputFactory(parent=OutcomeFactory(plan=plan))
    acts = {
        "iom6": ActivityFactory(
            output=output,
            lead_organisation=iom,
            gcm_objectives=[gcm(6)],
            districts=[district("Dhaka"), district("Sylhet")],
            budget_required=Decimal("100"),
            budget_available=Decimal("50"),
            budget_spent=Decimal("10"),
            status=c.ActivityStatus.ONGOING,
        ),
        "iom6b": ActivityFactory(
            output=output,
            lead_organisation=iom,
            gcm_objectives=[gcm(6), gcm(21)],
            districts=[district("Dhaka")],
            budget_required=Decimal("200"),
            budget_available=Decimal("100"),
            budget_spent=Decimal("150"),
            status=c.ActivityStatus.DELAYED,
        ),
        "unhcr21": ActivityFactory(
            output=output,
            lead_organisation=unhcr,
            gcm_objectives=[gcm(21)],
            districts=[district("Cox's Bazar")]
            if District.objects.filter(name="Cox's Bazar").exists()
            else [district("Sylhet")],
            budget_required=Decimal("300"),
            budget_available=Decimal("300"),
            budget_spent=Decimal("0"),
            status=c.ActivityStatus.PLANNED,
        ),
        "cso2": ActivityFactory(
            output=output,
            lead_organisation=consortium,
            gcm_objectives=[gcm(2)],
            districts=[],
            national=True,
            body=plenary,
            budget_required=Decimal("50"),
            budget_available=Decimal("0"),
            budget_spent=Decimal("0"),
            status=c.ActivityStatus.COMPLETED,
        ),
    }
    from mignet.plans.models import Activity

    Activity.objects.filter(pk=acts["iom6"].pk).update(percent_complete=40)
    Activity.objects.filter(pk=acts["cso2"].pk).update(percent_complete=100)
    draft = PlanFactory(network=network, body=twg, title="Draft 2026")
    ActivityFactory(
        output=OutputFactory(parent=OutcomeFactory(plan=draft)),
        lead_organisation=iom,
        gcm_objectives=[gcm(1)],
        budget_required=Decimal("999"),
    )
    return {"plan": plan, "draft": draft, **acts}


def dash(user, network, **filters):
    return sel.dashboard(user=user, network=network, filters=sel.DashboardFilters(**filters))


def cell(data, number, org):
    cov = data["coverage"]
    col = [o["id"] for o in cov["organisations"]].index(org.pk)
    row = next(r for r in cov["rows"] if r["number"] == number)
    return row["cells"][col]


def test_coverage_counts_and_budget_per_objective_and_lead_organisation(
    world, users, network, iom, unhcr, consortium
):
    data = dash(users["secretariat"], network)
    assert len(data["coverage"]["rows"]) == 23
    assert [o["label"] for o in data["coverage"]["organisations"]] == sorted(
        [iom.acronym, unhcr.acronym, consortium.acronym], key=str.lower
    )
    assert cell(data, 6, iom) == {**cell(data, 6, iom), "count": 2, "budget": Decimal("300")}
    assert cell(data, 21, iom)["count"] == 1 and cell(data, 21, iom)["budget"] == Decimal("200")
    assert cell(data, 21, unhcr)["count"] == 1 and cell(data, 21, unhcr)["budget"] == Decimal("300")
    assert cell(data, 2, consortium)["count"] == 1
    assert cell(data, 6, unhcr)["count"] == 0 and cell(data, 6, unhcr)["bin"] == 0
    # The busiest cell has the darkest shade; by budget, UNHCR's objective 21 does.
    assert cell(data, 6, iom)["bin"] == 4
    budget = dash(users["secretariat"], network, measure="budget")
    assert budget["coverage"]["measure"] == "budget"
    assert cell(budget, 21, unhcr)["bin"] == 4 and cell(budget, 6, iom)["bin"] == 4
    assert cell(budget, 2, consortium)["bin"] == 1


def test_gaps_are_the_objectives_without_activity(world, users, network):
    gaps = [g["number"] for g in dash(users["secretariat"], network)["gaps"]]
    assert gaps == [n for n in range(1, 24) if n not in (2, 6, 21)]
    assert 1 in gaps  # the draft plan's activity does not count


def test_a_chosen_draft_plan_is_shown(world, users, network):
    data = dash(users["secretariat"], network, plan=world["draft"])
    assert data["progress"]["totals"]["count"] == 1
    assert [g["number"] for g in data["gaps"]] == list(range(2, 24))


def test_status_body_and_budget_totals(world, users, network, twg, plenary):
    data = dash(users["secretariat"], network)
    statuses = {s["value"]: s["count"] for s in data["progress"]["statuses"]}
    assert statuses == {"planned": 1, "ongoing": 1, "completed": 1, "delayed": 1, "cancelled": 0}
    totals = data["progress"]["totals"]
    assert (totals["count"], totals["required"], totals["available"], totals["spent"]) == (
        4,
        Decimal("650"),
        Decimal("450"),
        Decimal("160"),
    )
    assert totals["average_percent"] == 35.0  # (40 + 0 + 0 + 100) / 4
    bodies = {b["name"]: b for b in data["progress"]["bodies"]}
    assert bodies[twg.name]["count"] == 3 and bodies[twg.name]["required"] == Decimal("600")
    assert bodies[twg.name]["spent"] == Decimal("160") and not bodies[twg.name]["overspent"]
    assert bodies[plenary.name]["count"] == 1 and bodies[plenary.name]["statuses"]["completed"] == 1
    assert data["budget"]["totals"]["gap"] == Decimal("200")
    # Filtered by body: the plenary's activity (its own body) only.
    only = dash(users["secretariat"], network, body=plenary)
    assert only["progress"]["totals"]["count"] == 1


def test_year_filter(world, users, network):
    assert dash(users["secretariat"], network, year=2026)["progress"]["totals"]["count"] == 4
    assert dash(users["secretariat"], network, year=2025)["progress"]["totals"]["count"] == 0


def test_district_table_grouped_by_division_with_national(world, users, network):
    table = dash(users["secretariat"], network)["districts"]
    assert table["total"] == 64
    rows = {d["name"]: d for div in table["divisions"] for d in div["districts"]}
    assert rows["Dhaka"]["count"] == 2 and rows["Dhaka"]["budget"] == Decimal("300")
    assert rows["Sylhet"]["count"] >= 1
    assert table["national"] == {"count": 1, "budget": Decimal("50")}
    dhaka_division = next(
        div for div in table["divisions"] if any(d["name"] == "Dhaka" for d in div["districts"])
    )
    assert dhaka_division["count"] == sum(d["count"] for d in dhaka_division["districts"])


def test_indicator_progress_against_target(world, users, network):
    up = IndicatorFactory(activity=world["iom6"], baseline_value=Decimal("100"), name="People oriented")
    TargetFactory(indicator=up, period="2026", value=Decimal("300"))
    MeasurementFactory(
        indicator=up, period="2026-Q1", period_end=datetime.date(2026, 3, 31), value=Decimal("150")
    )
    MeasurementFactory(indicator=up, period="2026-Q2", value=Decimal("200"))
    MeasurementFactory(
        indicator=up,
        period="2026-Q3",
        period_end=datetime.date(2026, 9, 30),
        value=Decimal("900"),
        sex=c.Sex.FEMALE,
    )  # disaggregated: not the total
    down = IndicatorFactory(
        activity=world["iom6b"],
        baseline_value=Decimal("50"),
        direction=c.Direction.DECREASE,
        name="Days to process",
    )
    TargetFactory(indicator=down, period="2026", value=Decimal("10"))
    MeasurementFactory(
        indicator=down, period="2026-Q2", value=Decimal("60")
    )  # worse than baseline: 0, not negative
    no_target = IndicatorFactory(activity=world["iom6b"], name="No target")
    MeasurementFactory(indicator=no_target)
    rows = {r["name"]: r for r in dash(users["secretariat"], network)["indicators"]["rows"]}
    assert set(rows) == {"People oriented", "Days to process"}
    assert rows["People oriented"]["value"] == Decimal("200") and rows["People oriented"][
        "percent"
    ] == Decimal("50.0")
    assert rows["Days to process"]["percent"] == Decimal("0")
    assert dash(users["secretariat"], network, year=2027)["indicators"]["rows"] == []


def test_a_viewer_does_not_count_what_they_may_not_see(world, users, network, iom):
    from mignet.plans.models import Activity

    Activity.objects.filter(pk=world["iom6b"].pk).update(visibility=Visibility.INTERNAL)
    hidden_plan = approve(
        PlanFactory(network=network, body=world["plan"].body, visibility=Visibility.INTERNAL)
    )
    ActivityFactory(
        output=OutputFactory(parent=OutcomeFactory(plan=hidden_plan)),
        lead_organisation=iom,
        gcm_objectives=[gcm(9)],
    )
    viewer = dash(users["viewer"], network)
    member = dash(users["member"], network)
    assert viewer["progress"]["totals"]["count"] == 3
    assert member["progress"]["totals"]["count"] == 5
    assert 9 in [g["number"] for g in viewer["gaps"]] and 9 not in [g["number"] for g in member["gaps"]]
    assert cell(viewer, 6, iom)["count"] == 1
    other = Organisation.objects.exclude(network=network).first()
    assert other is None or all(o["id"] != other.pk for o in viewer["coverage"]["organisations"])
