"""Query counts of the progress pages hold as activities, organisations and reports grow (house rule 9)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mignet.plans import choices as c
from mignet.plans.services import progress as svc
from tests.factories import OrganisationFactory

from .factories import ActivityFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


def _count(client, url, data=None):
    client.get(url, data or {})  # warm: what is cached once per process is not counted
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, data or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_pages_flat_as_rows_grow(plan, output, unhcr, users, client_for):
    plan.status = c.PlanStatus.APPROVED
    plan.approved_version = 1
    plan.save()
    net = plan.network.slug

    def grow(n):
        acts = []
        for _ in range(n):
            a = ActivityFactory(output=output, lead_organisation=unhcr)
            IndicatorFactory(activity=a)
            IndicatorFactory(activity=a)
            ActivityFactory(output=output, lead_organisation=OrganisationFactory(network=plan.network))
            acts.append(a)
        return acts

    def report(acts):
        r = svc.report_save(
            actor=users["member"],
            plan=plan,
            organisation=unhcr,
            year=2026,
            quarter=2,
            lines=[
                svc.LineInput(
                    a,
                    "ongoing",
                    5,
                    Decimal("1"),
                    measurements=[svc.MeasurementInput(i, Decimal("3")) for i in a.indicators.all()],
                )
                for a in acts
            ],
        )
        return r

    pages = {
        "overview": (
            reverse("plans:progressreport-list", kwargs={"network": net}),
            {"plan": plan.pk, "period": "2026-Q2"},
        ),
        "form": (
            reverse(
                "plans:progressreport-form",
                kwargs={"network": net, "plan_pk": plan.pk, "year": 2026, "quarter": 2},
            ),
            None,
        ),
        "mine": (reverse("plans:progressreport-mine", kwargs={"network": net}), None),
    }
    acts = grow(2)
    r = report(acts)
    pages["detail"] = (r.get_absolute_url(), None)
    roles = {"overview": "secretariat", "form": "member", "mine": "member", "detail": "viewer"}
    clients = {role: client_for(role) for role in set(roles.values())}
    few = {name: _count(clients[roles[name]], url, data) for name, (url, data) in pages.items()}
    acts += grow(8)
    report(acts)
    more = {name: _count(clients[roles[name]], url, data) for name, (url, data) in pages.items()}
    assert few == more
    assert max(more.values()) <= 15, more
