"""Joint-priority pages and API: propose, support from the page, promote into a draft plan (the priority
page then lists the activity), the steps each role is offered, the API actions, flat query counts."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mignet.core.models import GCMObjective
from mignet.plans import choices as c
from mignet.plans.models import Activity, JointPriority
from mignet.plans.services.priorities import priority_create, priority_support


def url(name, network, **kwargs):
    return reverse(f"plans:{name}", kwargs={"network": network.slug, **kwargs})


def make(users, network, twg, title="Joint study on remittance costs"):
    return priority_create(
        actor=users["chair"],
        network=network,
        data={"body": twg, "kind": c.PriorityKind.RESEARCH, "title": title},
        m2m={"gcm_objectives": [GCMObjective.objects.get(number=20)]},
    )


def test_propose_support_and_promote_through_the_pages(users, network, twg, client_for, plan, output, unhcr):
    member = client_for("member")
    created = member.post(
        url("jointpriority-create", network),
        {
            "body": twg.pk,
            "kind": "advocacy",
            "title": "Joint advocacy on fair recruitment",
            "proposed_by": unhcr.pk,
            "gcm_objectives": [GCMObjective.objects.get(number=6).pk],
        },
    )
    priority = JointPriority.objects.get(title="Joint advocacy on fair recruitment")
    assert created.status_code == 302 and priority.proposed_by == unhcr
    page = member.get(priority.get_absolute_url()).content.decode()
    assert url("jointpriority-support", network, pk=priority.pk) in page
    assert url("jointpriority-promote", network, pk=priority.pk) not in page
    assert (
        member.post(
            url("jointpriority-support", network, pk=priority.pk), {"organisation": unhcr.pk}
        ).status_code
        == 302
    )
    assert list(priority.supporters.all()) == [unhcr]
    assert client_for("viewer").get(url("jointpriority-support", network, pk=priority.pk)).status_code == 403
    assert member.get(url("jointpriority-promote", network, pk=priority.pk)).status_code == 403
    chair = client_for("chair")
    form = chair.get(url("jointpriority-promote", network, pk=priority.pk)).content.decode()
    assert plan.title in form and f">{unhcr}</option>" in form
    done = chair.post(
        url("jointpriority-promote", network, pk=priority.pk),
        {"plan": plan.pk, "output": output.pk, "lead_organisation": unhcr.pk},
    )
    activity = Activity.objects.get(joint_priority=priority)
    assert done.status_code == 302 and done["Location"] == activity.get_absolute_url()
    page = client_for("viewer").get(priority.get_absolute_url()).content.decode()
    assert f"{activity.code} {activity.title}" in page and "In a plan" in page


def test_drop_needs_a_reason_on_the_form(users, network, twg, client_for):
    priority = make(users, network, twg)
    chair = client_for("chair")
    missing = chair.post(url("jointpriority-drop", network, pk=priority.pk), {"reason": ""})
    assert missing.status_code == 400 and "Say why it is dropped." in missing.content.decode()
    assert (
        chair.post(
            url("jointpriority-drop", network, pk=priority.pk), {"reason": "Funded elsewhere"}
        ).status_code
        == 302
    )
    assert "Funded elsewhere" in client_for("viewer").get(priority.get_absolute_url()).content.decode()


def test_api_support_promote_and_refusals(users, network, twg, client_for, plan, output, unhcr):
    priority = make(users, network, twg)
    api = f"/api/v1/joint-priorities/{priority.pk}/"
    member = client_for("member")
    supported = member.post(f"{api}support/", {}, content_type="application/json")
    assert supported.status_code == 200 and supported.json()["supporters"] == [unhcr.pk]
    assert (
        client_for("partner").post(f"{api}support/", {}, content_type="application/json").status_code == 403
    )
    body = {"plan": plan.pk, "output": output.pk, "lead_organisation": unhcr.pk}
    assert member.post(f"{api}promote/", body, content_type="application/json").status_code == 403
    promoted = client_for("chair").post(f"{api}promote/", body, content_type="application/json")
    assert promoted.status_code == 201
    data = client_for("viewer").get(api).json()
    assert data["status"] == "promoted" and data["activities"] == [promoted.json()["id"]]
    plan.status = c.PlanStatus.APPROVED
    plan.save()
    again = client_for("secretariat").post(f"{api}promote/", body, content_type="application/json")
    assert again.status_code == 400 and "plan" in again.json()


def _count(client, path, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, params or {})
    assert response.status_code == 200
    return len(ctx)


def test_query_counts_hold_as_rows_grow(users, network, twg, client_for, unhcr, iom):
    def grow(n):
        for i in range(n):
            p = make(users, network, twg, f"Priority {i}")
            priority_support(actor=users["secretariat"], instance=p, organisation=unhcr)
            priority_support(actor=users["secretariat"], instance=p, organisation=iom)

    grow(2)
    target = JointPriority.objects.order_by("pk").first()
    pages = {
        "list": (url("jointpriority-list", network), None),
        "filtered": (
            url("jointpriority-list", network),
            {"status": "proposed", "supporter": unhcr.pk, "q": "Priority"},
        ),
        "detail": (target.get_absolute_url(), None),
        "api": ("/api/v1/joint-priorities/", None),
    }
    client = client_for("member")
    for path, params in pages.values():
        client.get(path, params or {})
    few = {k: _count(client, *v) for k, v in pages.items()}
    grow(8)
    more = {k: _count(client, *v) for k, v in pages.items()}
    assert more == few
    assert max(more.values()) <= 15
