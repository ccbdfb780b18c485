"""Impediment pages and API as each role meets them: the list with its filters, raising one (a chair for
their body only), the detail page's dated step timeline and the escalate form offering only the next
allowed steps; the API with its nested steps and escalate action; flat query counts as rows grow."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mignet.core.models import GovernmentBody
from mignet.plans import choices as c
from mignet.plans.models import Impediment
from mignet.plans.services.impediments import impediment_create, impediment_escalate

Stage = c.ImpedimentStage


def url(name, network, **kwargs):
    return reverse(f"plans:{name}", kwargs={"network": network.slug, **kwargs})


def make(users, network, twg, title="Visa processing delays", **data):
    return impediment_create(
        actor=users["chair"],
        network=network,
        data={"title": title, "category": c.ImpedimentCategory.ACCESS, "raised_by_body": twg, **data},
    )


def test_list_filters_by_stage_and_open(users, network, twg, client_for):
    raised = make(users, network, twg, "Still in the TWG")
    up = impediment_escalate(
        actor=users["chair"], instance=make(users, network, twg, "With the Network"), note="Up"
    )
    done = make(users, network, twg, "Sorted out")
    impediment_escalate(actor=users["chair"], instance=done, to_stage=Stage.RESOLVED, note="Fixed")
    client = client_for("viewer")
    html = client.get(url("impediment-list", network), {"stage": "network"}).content.decode()
    assert up.title in html and raised.title not in html
    html = client.get(url("impediment-list", network), {"open": "true"}).content.decode()
    assert up.title in html and raised.title in html and "Sorted out" not in html


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("viewer", 403),
        ("partner", 403),
        ("member", 200),
        ("chair", 200),
        ("secretariat", 200),
    ],
)
def test_who_opens_the_raise_form(network, client_for, role, status):
    assert client_for(role).get(url("impediment-create", network)).status_code == status


def test_a_chair_raises_from_the_form_against_an_activity(network, twg, plenary, client_for, unhcr_activity):
    client = client_for("chair")
    form = client.get(url("impediment-create", network)).content.decode()
    assert f">{twg}</option>" in form and f">{plenary}</option>" not in form  # only the body they chair
    assert f"{unhcr_activity.code} {unhcr_activity.title}" in form
    response = client.post(
        url("impediment-create", network),
        {
            "title": "Work permits",
            "category": "access",
            "severity": "high",
            "raised_by_body": twg.pk,
            "activities": [unhcr_activity.pk],
        },
    )
    imp = Impediment.objects.get(title="Work permits")
    assert response.status_code == 302 and response["Location"] == imp.get_absolute_url()
    assert list(imp.activities.all()) == [unhcr_activity] and imp.steps.count() == 1
    bad = client.post(
        url("impediment-create", network), {"title": "No one", "category": "access", "severity": "high"}
    )
    assert bad.status_code == 400 and "Say which body or organisation raises it." in bad.content.decode()


def test_detail_timeline_and_the_escalate_form(users, network, twg, client_for):
    imp = make(users, network, twg)
    chair = client_for("chair")
    page = chair.get(imp.get_absolute_url()).content.decode()
    assert url("impediment-escalate", network, pk=imp.pk) in page
    form = chair.get(url("impediment-escalate", network, pk=imp.pk)).content.decode()
    assert 'value="network"' in form and 'value="resolved"' in form and 'value="government"' not in form
    assert client_for("member").get(url("impediment-escalate", network, pk=imp.pk)).status_code == 403
    assert client_for("viewer").get(imp.get_absolute_url()).status_code == 200
    missing = chair.post(url("impediment-escalate", network, pk=imp.pk), {"to_stage": "network", "note": ""})
    assert missing.status_code == 400 and "Say why the Network should take it up." in missing.content.decode()
    done = chair.post(
        url("impediment-escalate", network, pk=imp.pk), {"to_stage": "network", "note": "Beyond us."}
    )
    assert done.status_code == 302
    imp.refresh_from_db()
    assert imp.stage == Stage.NETWORK
    assert (
        chair.get(url("impediment-escalate", network, pk=imp.pk)).status_code == 403
    )  # the secretariat's now
    secretariat = client_for("secretariat")
    form = secretariat.get(url("impediment-escalate", network, pk=imp.pk)).content.decode()
    assert 'value="government"' in form and 'value="network"' not in form
    nobody = secretariat.post(url("impediment-escalate", network, pk=imp.pk), {"to_stage": "government"})
    assert nobody.status_code == 400 and "Government body" in nobody.content.decode()
    page = client_for("viewer").get(imp.get_absolute_url()).content.decode()
    assert (
        "Beyond us." in page
        and "Escalated to the Network" in page
        and (users["chair"].full_name or "chair@example.org") in page
    )


def test_api_lists_reads_steps_and_escalates(users, network, twg, client_for):
    imp = make(users, network, twg)
    api = "/api/v1/impediments/"
    data = client_for("viewer").get(f"{api}{imp.pk}/").json()
    assert [s["to_stage"] for s in data["steps"]] == ["raised"] and data["next_stages"] == []
    assert client_for("viewer").post(f"{api}{imp.pk}/escalate/", {"note": "x"}).status_code == 403
    chair = client_for("chair")
    assert (
        chair.post(f"{api}{imp.pk}/escalate/", {"note": ""}, content_type="application/json").status_code
        == 400
    )
    answer = chair.post(
        f"{api}{imp.pk}/escalate/", {"note": "Over to the Network"}, content_type="application/json"
    )
    assert answer.status_code == 200 and answer.json()["stage"] == "network"
    assert answer.json()["steps"][-1]["by"] == "chair@example.org"
    ministry = GovernmentBody.objects.order_by("pk").first()
    gov = client_for("secretariat").post(
        f"{api}{imp.pk}/escalate/",
        {"to_stage": "government", "government_body": ministry.pk},
        content_type="application/json",
    )
    assert gov.status_code == 200 and gov.json()["government_body"] == ministry.pk
    created = chair.post(
        api,
        {
            "network": network.slug,
            "title": "Data gaps",
            "category": "data",
            "severity": "low",
            "raised_by_body": twg.pk,
        },
        content_type="application/json",
    )
    assert created.status_code == 201 and created.json()["stage"] == "raised"
    assert (
        client_for("partner")
        .post(
            api,
            {"network": network.slug, "title": "X", "category": "data", "raised_by_body": twg.pk},
            content_type="application/json",
        )
        .status_code
        == 403
    )


def _count(client, path, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path, params or {})
    assert response.status_code == 200
    return len(ctx)


def test_query_counts_hold_as_rows_grow(users, network, twg, client_for, unhcr_activity, iom_activity):
    def grow(n):
        for i in range(n):
            imp = make(users, network, twg, f"Impediment {i}")
            imp.activities.set([unhcr_activity, iom_activity])
            impediment_escalate(actor=users["chair"], instance=imp, note="Up")

    grow(2)
    target = Impediment.objects.order_by("pk").first()
    pages = {
        "list": (url("impediment-list", network), None),
        "filtered": (
            url("impediment-list", network),
            {"stage": "network", "open": "true", "q": "Impediment"},
        ),
        "detail": (target.get_absolute_url(), None),
        "api": ("/api/v1/impediments/", None),
    }
    client = client_for("secretariat")
    for path, params in pages.values():
        client.get(path, params or {})  # warm the session
    few = {k: _count(client, *v) for k, v in pages.items()}
    grow(8)
    impediment_escalate(  # the page's impediment gains a step too
        actor=users["secretariat"],
        instance=Impediment.objects.get(pk=target.pk),
        to_stage=Stage.GOVERNMENT,
        government_body=GovernmentBody.objects.order_by("pk").first(),
    )
    more = {k: _count(client, *v) for k, v in pages.items()}
    assert more == few
    assert max(more.values()) <= 15
