"""`mignet generate` for the plans app: the small scale writes plans with valid results trees, activities,
indicators, targets, measurements, reports and impediments in the expected numbers, and approved plans
have an adopted decision; --replace deletes them."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from mignet.meetings import choices as mc
from mignet.meetings.models import Decision
from mignet.network.models import Network
from mignet.plans import choices as c
from mignet.plans import generate
from mignet.plans import models as m

MODELS = [
    m.FrameworkItem,
    m.Plan,
    m.PlanVersion,
    m.Result,
    m.Activity,
    m.Indicator,
    m.Target,
    m.Measurement,
    m.ProgressReport,
    m.ProgressUpdate,
    m.Impediment,
    m.ImpedimentStep,
    m.JointPriority,
]


def run(*args: str) -> str:
    out = StringIO()
    call_command("generate", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_small_scale_creates_valid_plans_rows_in_the_expected_numbers():
    output = run("--scale", "small", "--seed", "3")
    network = Network.objects.get(slug="gen-bd")
    for model in MODELS:
        assert model.objects.filter(network=network).exists(), model.__name__
        assert model.history.filter(network=network).count() == model.objects.filter(network=network).count()
        assert not model.all_objects.filter(is_demo=True).exists()
    for line in ("activities", "measurements", "indicators", "plans links (many-to-many)"):
        assert line in output
    assert m.Activity.objects.count() == generate.ACTIVITIES["small"]
    indicators = m.Indicator.objects.filter(activity__isnull=False).count()
    assert indicators == pytest.approx(3 * generate.ACTIVITIES["small"], rel=0.05)
    assert m.Measurement.objects.count() > 2 * indicators
    # One annual plan a year over ten years and the three-year GCM action plan; closed, then approved.
    plans = m.Plan.objects.filter(network=network)
    assert plans.filter(kind=c.PlanKind.WORK_PLAN).count() == 10
    gcm = plans.get(kind=c.PlanKind.GCM_ACTION_PLAN)
    assert (gcm.end_date.year - gcm.start_date.year) == 2
    year = timezone.localdate().year
    assert plans.get(kind=c.PlanKind.WORK_PLAN, start_date__year=year).status == c.PlanStatus.APPROVED
    assert plans.filter(end_date__year__lt=year).exclude(status=c.PlanStatus.CLOSED).count() == 0
    for plan in plans:
        decision = Decision.objects.get(plan=plan)
        assert decision.subject == mc.DecisionSubject.APPROVE_PLAN
        assert decision.status == mc.DecisionStatus.ADOPTED
        assert plan.versions.get().number == plan.approved_version == 1
    # Every activity has a GCM objective; most have districts; the tags are there.
    activities = m.Activity.objects.filter(network=network)
    assert not activities.filter(gcm_objectives__isnull=True).exists()
    assert activities.filter(districts__isnull=False).distinct().count() > 150
    assert activities.filter(national=True).exists()
    assert set(activities.values_list("status", flat=True)) == set(c.ActivityStatus.values)
    assert {i.stage for i in m.Impediment.objects.filter(network=network)} == set(c.ImpedimentStage.values)
    # Every row passes its model's rules; results trees and codes are well formed.
    for model in MODELS:
        for obj in model.objects.all()[:300]:
            obj.full_clean()
    for plan in m.Plan.objects.all():
        codes = set(m.Result.objects.filter(plan=plan).values_list("code", flat=True))
        assert {"1", "2", "3", "1.1", "1.2", "2.1", "2.2", "3.1", "3.2"} == codes
        activity_codes = list(m.Activity.objects.filter(plan=plan).values_list("code", flat=True))
        assert len(activity_codes) == len(set(activity_codes))
    for measurement in m.Measurement.objects.exclude(sex="")[:200]:
        assert "sex" in measurement.indicator.disaggregation
    for impediment in m.Impediment.objects.prefetch_related("steps"):
        steps = sorted(impediment.steps.all(), key=lambda s: (s.at, s.pk))
        assert steps[0].to_stage == c.ImpedimentStage.RAISED and steps[-1].to_stage == impediment.stage


@pytest.mark.django_db
def test_replace_deletes_the_generated_plans():
    run("--scale", "small", "--seed", "7")
    first = m.Activity.objects.count()
    run("--scale", "small", "--seed", "7", "--replace")
    assert m.Activity.objects.count() == first
    assert m.Plan.objects.filter(network__slug="gen-bd").count() == 11
    assert (
        m.Activity.gcm_objectives.through.objects.count()
        == m.Activity.gcm_objectives.through.objects.filter(activity__in=m.Activity.objects.all()).count()
    )
