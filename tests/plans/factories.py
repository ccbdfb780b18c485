"""factory-boy factories of the plans app (shared by every plans test)."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from mignet.core.models import District, GCMObjective
from mignet.plans import choices as c
from mignet.plans import models as m
from tests.factories import BodyFactory, NetworkFactory, OrganisationFactory


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = m.Plan

    network = factory.SubFactory(NetworkFactory)
    body = factory.SubFactory(BodyFactory, network=factory.SelfAttribute("..network"))
    kind = c.PlanKind.WORK_PLAN
    title = factory.Sequence(lambda n: f"Work plan {n}")
    start_date = datetime.date(2026, 1, 1)
    end_date = datetime.date(2026, 12, 31)


class OutcomeFactory(DjangoModelFactory):
    class Meta:
        model = m.Result

    network = factory.SelfAttribute("plan.network")
    plan = factory.SubFactory(PlanFactory)
    level = c.ResultLevel.OUTCOME
    position = factory.Sequence(lambda n: n + 1)
    code = factory.LazyAttribute(lambda o: str(o.position))
    title = factory.Sequence(lambda n: f"Outcome {n}")


class OutputFactory(DjangoModelFactory):
    class Meta:
        model = m.Result

    network = factory.SelfAttribute("plan.network")
    plan = factory.SelfAttribute("parent.plan")
    parent = factory.SubFactory(OutcomeFactory)
    level = c.ResultLevel.OUTPUT
    position = factory.Sequence(lambda n: n + 1)
    code = factory.LazyAttribute(lambda o: f"{o.parent.code}.{o.position}")
    title = factory.Sequence(lambda n: f"Output {n}")


class ActivityFactory(DjangoModelFactory):
    """An activity under an output, tied to GCM objective 6 and to Dhaka unless told otherwise."""

    class Meta:
        model = m.Activity
        skip_postgeneration_save = True

    network = factory.SelfAttribute("plan.network")
    plan = factory.SelfAttribute("output.plan")
    output = factory.SubFactory(OutputFactory)
    position = factory.Sequence(lambda n: n + 1)
    code = factory.LazyAttribute(lambda o: f"{o.output.code}.{o.position}")
    title = factory.Sequence(lambda n: f"Activity {n}")
    lead_organisation = factory.SubFactory(OrganisationFactory, network=factory.SelfAttribute("..network"))
    start_date = factory.LazyAttribute(lambda o: o.plan.start_date)
    end_date = factory.LazyAttribute(lambda o: o.plan.end_date)
    budget_required = Decimal("100000")
    budget_available = Decimal("60000")
    budget_spent = Decimal("20000")

    @factory.post_generation
    def gcm_objectives(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.gcm_objectives.set(extracted or [GCMObjective.objects.get(number=6)])

    @factory.post_generation
    def districts(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.districts.set(extracted if extracted is not None else [District.objects.get(name="Dhaka")])


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = m.Indicator

    network = factory.SelfAttribute("plan.network")
    plan = factory.SelfAttribute("activity.plan")
    activity = factory.SubFactory(ActivityFactory)
    code = factory.Sequence(lambda n: f"I{n}")
    name = factory.Sequence(lambda n: f"Number of people reached {n}")
    unit = "people"
    baseline_value = Decimal("0")
    baseline_year = 2025


class TargetFactory(DjangoModelFactory):
    class Meta:
        model = m.Target

    network = factory.SelfAttribute("indicator.network")
    indicator = factory.SubFactory(IndicatorFactory)
    period = "2026"
    period_end = datetime.date(2026, 12, 31)
    value = Decimal("1000")


class MeasurementFactory(DjangoModelFactory):
    class Meta:
        model = m.Measurement

    network = factory.SelfAttribute("indicator.network")
    indicator = factory.SubFactory(IndicatorFactory)
    period = "2026-Q2"
    period_end = datetime.date(2026, 6, 30)
    value = Decimal("400")
    source = "Programme records"


class ImpedimentFactory(DjangoModelFactory):
    class Meta:
        model = m.Impediment

    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Impediment {n}")
    category = c.ImpedimentCategory.POLICY
    severity = c.Severity.HIGH
    raised_by_body = factory.SubFactory(BodyFactory, network=factory.SelfAttribute("..network"))


class JointPriorityFactory(DjangoModelFactory):
    class Meta:
        model = m.JointPriority

    network = factory.SubFactory(NetworkFactory)
    body = factory.SubFactory(BodyFactory, network=factory.SelfAttribute("..network"))
    kind = c.PriorityKind.RESEARCH
    title = factory.Sequence(lambda n: f"Joint study {n}")
