"""Fixtures of the plans tests: the TWG's 2026 work plan with one outcome, one output and activities led
by UNHCR (the `member` user's organisation) and IOM."""

import pytest

from mignet.core.models import District, GCMObjective

from .factories import ActivityFactory, OutcomeFactory, OutputFactory, PlanFactory


@pytest.fixture
def plan(network, twg):
    return PlanFactory(network=network, body=twg, title="Labour Migration TWG work plan 2026")


@pytest.fixture
def outcome(plan):
    return OutcomeFactory(plan=plan, position=1, code="1", title="Safer labour migration")


@pytest.fixture
def output(outcome):
    return OutputFactory(parent=outcome, position=1, code="1.1", title="Pre-departure orientation improved")


@pytest.fixture
def unhcr_activity(output, unhcr):
    return ActivityFactory(
        output=output,
        lead_organisation=unhcr,
        title="Orientation sessions in Sylhet",
        districts=[District.objects.get(name="Sylhet")],
    )


@pytest.fixture
def iom_activity(output, iom):
    return ActivityFactory(
        output=output,
        lead_organisation=iom,
        title="Returnee reintegration counselling",
        gcm_objectives=[GCMObjective.objects.get(number=21)],
    )
