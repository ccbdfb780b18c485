"""The plans demo: the approved national GCM action plan with activities across districts, indicators with
measurements, quarterly reports with one agency late, impediments at every stage, a likely duplicate pair,
and a second load that adds nothing."""

from __future__ import annotations

import datetime
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from mignet.meetings import choices as mc
from mignet.meetings.models import Decision
from mignet.network.models import Network
from mignet.plans import choices as c
from mignet.plans import demo
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
    m.DuplicateReview,
]
TIMINGS: dict[str, float] = {}


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker):
    """The whole demo, loaded once for the module inside a transaction rolled back at its end."""
    with (
        django_db_blocker.unblock(),
        override_settings(MIGNET_DEMO_PASSWORD="demo-password-for-tests"),
        transaction.atomic(),
    ):
        call_command("demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def bd(_demo_loaded, db, settings):
    settings.MIGNET_DEMO_PASSWORD = "demo-password-for-tests"
    return Network.objects.get(slug="bd")


@pytest.fixture
def gcm_plan(bd):
    return m.Plan.objects.get(network=bd, title=demo.GCM_PLAN)


def counts() -> dict[str, int]:
    return {model.__name__: model.all_objects.count() for model in MODELS}


def test_every_plans_table_has_demo_rows_and_only_demo_rows(bd):
    for model in MODELS:
        assert model.all_objects.filter(network=bd).exists(), model.__name__
        assert not model.all_objects.filter(network=bd, is_demo=False).exists(), model.__name__


def test_a_second_load_adds_nothing_and_changes_nothing(bd):
    before = counts()
    history = {model.__name__: model.history.count() for model in MODELS if hasattr(model, "history")}
    versions = list(m.Activity.all_objects.order_by("pk").values_list("pk", "version", "status"))
    started = time.monotonic()
    assert demo.load(bd) == 0
    TIMINGS["second"] = time.monotonic() - started
    assert counts() == before
    assert {model.__name__: model.history.count() for model in MODELS if hasattr(model, "history")} == history
    assert list(m.Activity.all_objects.order_by("pk").values_list("pk", "version", "status")) == versions


def test_the_gcm_action_plan_is_approved_by_an_adopted_plenary_decision(bd, gcm_plan):
    assert gcm_plan.kind == c.PlanKind.GCM_ACTION_PLAN
    assert (gcm_plan.start_date, gcm_plan.end_date) == (
        datetime.date(2025, 1, 1),
        datetime.date(2027, 12, 31),
    )
    assert gcm_plan.status == c.PlanStatus.APPROVED
    assert gcm_plan.approved_version == 1
    assert gcm_plan.versions.get().snapshot["activities"]
    decision = Decision.objects.get(plan=gcm_plan)
    assert decision.subject == mc.DecisionSubject.APPROVE_PLAN
    assert decision.status == mc.DecisionStatus.ADOPTED
    assert decision.body == gcm_plan.body and decision.body.kind == "plenary"
    assert decision.meeting is not None and decision.positions.count() >= 5
    assert gcm_plan.approved_at == decision.decided_at
    assert gcm_plan.approved_at.date() < datetime.date(2025, 3, 1)


def test_plans_for_the_network_and_each_twg_in_every_state(bd):
    plans = {p.title: p for p in m.Plan.objects.filter(network=bd)}
    network_plan = plans[demo.NETWORK_PLAN]
    assert network_plan.status == c.PlanStatus.APPROVED
    assert Decision.objects.filter(plan=network_plan, status=mc.DecisionStatus.ADOPTED).exists()
    twg_plans = [p for p in plans.values() if p.body.kind == "twg"]
    assert len(twg_plans) == 3
    assert all(p.start_date == datetime.date(2026, 1, 1) for p in twg_plans)
    assert sorted(p.status for p in twg_plans) == ["draft", "draft", "submitted"]


def test_results_trees_have_outcomes_with_two_outputs_and_coded_activities(gcm_plan):
    outcomes = m.Result.objects.filter(plan=gcm_plan, level=c.ResultLevel.OUTCOME)
    assert [o.code for o in outcomes.order_by("code")] == ["1", "2", "3"]
    for outcome in outcomes:
        assert [o.code for o in outcome.outputs.order_by("code")] == [
            f"{outcome.code}.1",
            f"{outcome.code}.2",
        ]
    assert m.Activity.objects.get(plan=gcm_plan, title__startswith="Support BMET").code == "1.1.1"


def test_activities_by_several_agencies_across_districts_tied_to_every_framework(gcm_plan):
    activities = m.Activity.objects.filter(plan=gcm_plan)
    leads = set(activities.values_list("lead_organisation__acronym", flat=True))
    assert {"IOM", "UNHCR", "ILO", "UN Women", "UNICEF", "UNDP", "UNODC"} <= leads
    assert leads & {"NWF", "WMWA", "BDL"}  # demo NGOs too
    districts = set(activities.values_list("districts__name", flat=True))
    assert {"Cox's Bazar", "Dhaka", "Sylhet", "Khulna", "Jashore", "Satkhira", "Cumilla"} <= districts
    assert activities.filter(national=True).exists()
    assert set(activities.values_list("status", flat=True)) == set(c.ActivityStatus.values)
    for field in ("guiding_principles", "sdg_targets", "thematic_areas"):
        assert activities.filter(**{f"{field}__isnull": False}).exists(), field
    assert activities.filter(unsdcf_outcome__kind=c.FrameworkKind.UNSDCF_OUTCOME).exists()
    assert activities.filter(government_priority__kind=c.FrameworkKind.GOVERNMENT_PRIORITY).exists()
    assert activities.filter(joint_programme=True).exists()
    assert any(a.overspent for a in activities)
    marked = activities.exclude(gender_marker=0)
    assert marked.exists() and all(a.gender_justification for a in marked)
    assert all(a.start_date >= gcm_plan.start_date and a.end_date <= gcm_plan.end_date for a in activities)
    for a in activities:
        a.full_clean()


def test_framework_items_for_unsdcf_outcomes_and_government_priorities(bd):
    items = m.FrameworkItem.objects.filter(network=bd)
    assert items.filter(kind=c.FrameworkKind.UNSDCF_OUTCOME).count() == 5
    assert items.filter(kind=c.FrameworkKind.GOVERNMENT_PRIORITY).count() >= 4
    assert all("demo" in i.source for i in items)


def test_indicators_have_baselines_yearly_targets_and_quarterly_measurements_some_by_sex(gcm_plan):
    indicators = m.Indicator.objects.filter(plan=gcm_plan)
    assert (
        indicators.filter(result__isnull=False).exists()
        and indicators.filter(activity__isnull=False).exists()
    )
    assert all(i.baseline_value is not None and i.baseline_year for i in indicators)
    counselled = indicators.get(name__startswith="Aspiring migrants counselled")
    assert sorted(counselled.targets.values_list("period", flat=True)) == ["2025", "2026", "2027"]
    periods = set(counselled.measurements.values_list("period", flat=True))
    assert {"2025-Q1", "2025-Q4", "2026-Q1", "2026-Q3"} <= periods
    q3 = counselled.measurements.filter(period="2026-Q3")
    assert set(q3.values_list("sex", flat=True)) == {"", "female", "male"}
    total = q3.get(sex="").value
    assert sum(x.value for x in q3.exclude(sex="")) == total
    for row in m.Measurement.objects.filter(indicator__plan=gcm_plan)[:50]:
        row.full_clean()


def test_quarterly_reports_for_2026_with_unodc_late_for_q3(gcm_plan):
    reports = m.ProgressReport.objects.filter(plan=gcm_plan, year=2026)
    assert set(reports.values_list("quarter", flat=True)) == {1, 2, 3}
    assert all(r.status == c.ReportStatus.SUBMITTED for r in reports)
    q2 = set(reports.filter(quarter=2).values_list("organisation__acronym", flat=True))
    q3 = set(reports.filter(quarter=3).values_list("organisation__acronym", flat=True))
    assert "UNODC" in q2 and "UNODC" not in q3
    # Of the organisations leading an activity that ran in 2026-Q3, only UNODC has not reported.
    running = m.Activity.objects.filter(
        plan=gcm_plan, start_date__lte=datetime.date(2026, 9, 30), end_date__gte=datetime.date(2026, 7, 1)
    )
    due = set(running.values_list("lead_organisation__acronym", flat=True))
    assert due - q3 == {"UNODC"}
    assert m.ProgressUpdate.objects.filter(report__in=reports).count() >= reports.count()
    assert m.Measurement.objects.filter(report__in=reports).exists()
    on_time = reports.exclude(organisation__acronym="WMWA")
    assert not any(r.is_late for r in on_time)
    assert reports.get(organisation__acronym="WMWA", quarter=2).is_late


def test_impediments_at_every_stage_with_dated_steps(bd):
    impediments = m.Impediment.objects.filter(network=bd)
    assert set(impediments.values_list("stage", flat=True)) == set(c.ImpedimentStage.values)
    with_government = impediments.filter(stage=c.ImpedimentStage.GOVERNMENT)
    assert {i.government_body.acronym for i in with_government} >= {"BMET"}
    for impediment in impediments:
        steps = list(impediment.steps.order_by("at", "pk"))
        assert steps[0].to_stage == c.ImpedimentStage.RAISED
        assert steps[-1].to_stage == impediment.stage
        assert [s.at for s in steps] == sorted(s.at for s in steps)
        assert impediment.activities.exists()
    resolved = impediments.get(stage=c.ImpedimentStage.RESOLVED)
    assert [s.to_stage for s in resolved.steps.order_by("at")] == [
        "raised",
        "network",
        "government",
        "resolved",
    ]


def test_joint_priorities_one_promoted_into_an_activity(bd):
    priorities = m.JointPriority.objects.filter(network=bd)
    assert priorities.filter(status=c.PriorityStatus.PROPOSED).exists()
    promoted = priorities.get(status=c.PriorityStatus.PROMOTED)
    assert promoted.activities.exists()
    assert promoted.supporters.count() >= 2


def test_a_likely_duplicate_pair_in_coxs_bazar(gcm_plan):
    pair = list(
        m.Activity.objects.filter(plan=gcm_plan, districts__name="Cox's Bazar", gcm_objectives__number=10)
        .filter(title__icontains="awareness")
        .select_related("lead_organisation")
    )
    assert len(pair) == 2
    assert pair[0].lead_organisation != pair[1].lead_organisation
    words = [set(a.title.lower().replace("'", " ").split()) for a in pair]
    assert len(words[0] & words[1]) / len(words[0] | words[1]) > 0.5
    assert not m.DuplicateReview.objects.filter(first__in=pair, second__in=pair).exists()
    assert m.DuplicateReview.objects.filter(verdict=c.DuplicateVerdict.COMPLEMENTARY).exists()
