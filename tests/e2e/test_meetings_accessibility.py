"""axe-core on every page of the meetings issue, on a laptop (1280×800) and a phone (390×844).

A fixture builds a small history through the services (a meeting held two days ago with its agenda,
attendance, draft minutes, decisions open, adopted and under written consultation, action points; the
next meeting), so each page has something to show. Each case opens one page as the role that uses it,
does what that person does before looking (submit an empty form, say), then runs axe at both widths.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import assert_accessible, sign_in

LAPTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
VIEWPORTS = {"laptop": LAPTOP, "phone": PHONE}


@pytest.fixture
def world(demo_network, accounts):
    """Meetings, minutes, decisions and action points of the plenary, made the way the pages make them."""
    from django.utils import timezone

    from mignet.accounts.models import User
    from mignet.meetings import services
    from mignet.network.models import Body, Organisation, Person

    net = demo_network
    secretariat = User.objects.get(email=accounts["secretariat"])
    plenary = Body.objects.get(network=net, kind="plenary")
    labour = Body.objects.get(network=net, name="Labour Migration TWG")
    org = {o.acronym: o for o in Organisation.objects.filter(network=net)}
    person = {p.full_name: p for p in Person.objects.filter(network=net)}
    now = timezone.now().replace(second=0, microsecond=0)

    held = services.meeting_schedule(
        actor=secretariat,
        network=net,
        invite=False,
        data={
            "body": plenary,
            "kind": "regular",
            "title": "Quarterly meeting of the Network",
            "starts_at": now - datetime.timedelta(days=2),
            "ends_at": now - datetime.timedelta(days=2) + datetime.timedelta(hours=2),
            "location": "UN House, Dhaka",
            "online_link": "https://teams.example.org/meet/network",
            "notes": "Please confirm attendance by **Monday**.",
        },
    )
    item = services.agenda_item_create(
        actor=secretariat,
        network=net,
        data={
            "meeting": held,
            "title": "Updates from the TWGs",
            "presenter": org["ILO"],
            "minutes_allotted": 20,
        },
    )
    services.agenda_item_create(
        actor=secretariat, network=net, data={"meeting": held, "title": "Any other business"}
    )
    services.attendance_record(
        actor=secretariat,
        meeting=held,
        rows=[
            {
                "person": person["Farhana Rahman"],
                "organisation": org["IOM"],
                "status": "present",
                "level": "",
            },
            {
                "person": person["Maria Lindqvist"],
                "organisation": org["UNHCR"],
                "status": "present",
                "level": "",
            },
            {
                "person": person["Ahmed Siddiqui"],
                "organisation": org["OHCHR"],
                "status": "present",
                "level": "",
            },
            {
                "person": person["Jonas Weber"],
                "organisation": org["UNICEF"],
                "status": "apologies",
                "level": "",
            },
        ],
    )
    minutes = services.minutes_create(
        actor=secretariat,
        network=net,
        data={"meeting": held, "text": "## Decisions\n\n- The workplan priorities were adopted.\n"},
    )
    open_decision = services.decision_propose(
        actor=secretariat,
        network=net,
        data={
            "body": plenary,
            "method": "consensus",
            "meeting": held,
            "subject": "adopt_statement",
            "title": "Joint statement on fair recruitment",
            "text": "The Network calls for an end to recruitment fees charged to migrant workers.",
        },
    )
    services.position_record(
        actor=secretariat,
        decision=open_decision,
        organisation=org["UNHCR"],
        value="object",
        reason="Refugees should be mentioned.",
    )
    services.position_record(
        actor=secretariat, decision=open_decision, organisation=org["ILO"], value="agree"
    )
    adopted = services.decision_propose(
        actor=secretariat,
        network=net,
        data={
            "body": plenary,
            "method": "consensus",
            "meeting": held,
            "subject": "other",
            "title": "Adopt the workplan priorities",
            "text": "The Network adopts the three workplan priorities presented by the secretariat.",
        },
    )
    for acronym in ("UNHCR", "ILO"):
        services.position_record(
            actor=secretariat, decision=adopted, organisation=org[acronym], value="agree"
        )
    services.decision_close(actor=secretariat, instance=adopted)
    chairs = services.decision_propose(
        actor=secretariat,
        network=net,
        data={
            "body": plenary,
            "method": "written",
            "deadline": now + datetime.timedelta(days=10),
            "subject": "select_chairs",
            "target_body": labour,
            "title": "Next co-chairs of the Labour Migration TWG",
            "text": "ILO and UNDP co-chair the Labour Migration TWG for the coming year.",
            "override_reason": "ILO hosts the TWG's secretariat this year.",
        },
        chairs=[
            {"organisation": org["ILO"], "person": person["Tanvir Hossain"]},
            {"organisation": org["UNDP"]},
        ],
    )
    overdue = services.action_point_create(
        actor=secretariat,
        network=net,
        data={
            "meeting": held,
            "title": "Circulate the draft workplan",
            "owner_organisation": org["ILO"],
            "owner_person": person["Tanvir Hossain"],
            "due_date": timezone.localdate() - datetime.timedelta(days=1),
        },
    )
    services.action_point_create(
        actor=secretariat,
        network=net,
        data={
            "decision": adopted,
            "title": "Book the venue for the retreat",
            "owner_organisation": org["UNHCR"],
            "due_date": timezone.localdate() + datetime.timedelta(days=20),
            "status": "done",
        },
    )
    upcoming = services.meeting_schedule(
        actor=secretariat,
        network=net,
        invite=False,
        data={
            "body": plenary,
            "kind": "regular",
            "title": "Next quarterly meeting of the Network",
            "starts_at": now + datetime.timedelta(days=60),
            "ends_at": now + datetime.timedelta(days=60, hours=2),
            "location": "UN House, Dhaka",
        },
    )
    return {
        "held": held,
        "upcoming": upcoming,
        "item": item,
        "attendance": held.attendances.order_by("pk").first(),
        "minutes": minutes,
        "open": open_decision,
        "adopted": adopted,
        "chairs": chairs,
        "action": overdue,
        "plenary": plenary,
        "labour": labour,
    }


def _url(name: str, key: str | None = None, query: str = ""):
    """A path on the demo network: `name` with the pk of world[key], if any."""

    def build(world):
        kwargs = {"network": "bd"}
        if key:
            kwargs["pk"] = world[key].pk
        return reverse(name, kwargs=kwargs) + query

    return build


def _submit_empty(page) -> None:
    page.locator("main form[method=post]").last.locator("button[type=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()


def _object_without_reason(page) -> None:
    page.get_by_label("Object", exact=True).check()
    page.get_by_role("button", name="Record the position").click()
    expect(page.locator(".error-summary")).to_contain_text("An objection needs a reason")


def _meeting_backwards(page) -> None:
    page.get_by_label("Body").select_option(label="Network plenary")
    page.get_by_label("Title").fill("Backwards")
    page.get_by_label("Starts").fill("2030-01-10T10:00")
    page.get_by_label("Ends").fill("2030-01-10T09:00")
    page.get_by_label("Place").fill("UN House")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator(".field-error")).to_contain_text("The meeting must end after it starts.")


def case(name, role, path, action=None):
    return pytest.param(role, path, action, id=name)


CASES = [
    # Lists
    case("meetings-list", "secretariat", _url("meetings:meeting-list")),
    case("meetings-list-upcoming", "viewer", _url("meetings:meeting-list", query="?upcoming=true")),
    case("agenda-items-list", "secretariat", _url("meetings:agendaitem-list")),
    case("attendance-list", "secretariat", _url("meetings:attendance-list")),
    case("minutes-list", "secretariat", _url("meetings:minutes-list")),
    case("decisions-list", "member", _url("meetings:decision-list")),
    case("action-points-list", "secretariat", _url("meetings:actionpoint-list")),
    # Records
    case("meeting-detail", "secretariat", _url("meetings:meeting-detail", "held")),
    case("meeting-detail-upcoming", "secretariat", _url("meetings:meeting-detail", "upcoming")),
    case("meeting-detail-as-member", "member", _url("meetings:meeting-detail", "held")),
    case("meeting-history", "secretariat", _url("meetings:meeting-history", "held")),
    case("agenda-item-detail", "secretariat", _url("meetings:agendaitem-detail", "item")),
    case("attendance-detail", "secretariat", _url("meetings:attendance-detail", "attendance")),
    case("minutes-detail", "secretariat", _url("meetings:minutes-detail", "minutes")),
    case("decision-open", "secretariat", _url("meetings:decision-detail", "open")),
    case("decision-open-as-member", "member", _url("meetings:decision-detail", "open")),
    case("decision-adopted", "viewer", _url("meetings:decision-detail", "adopted")),
    case("decision-chair-selection", "secretariat", _url("meetings:decision-detail", "chairs")),
    case("action-point-detail", "chair", _url("meetings:actionpoint-detail", "action")),
    # Forms
    case("meeting-new", "secretariat", _url("meetings:meeting-create")),
    case("meeting-new-with-errors", "secretariat", _url("meetings:meeting-create"), _submit_empty),
    case("meeting-ends-before-start", "secretariat", _url("meetings:meeting-create"), _meeting_backwards),
    case("meeting-edit", "secretariat", _url("meetings:meeting-update", "upcoming")),
    case("agenda-item-new", "secretariat", _url("meetings:agendaitem-create")),
    case("agenda-item-new-with-errors", "secretariat", _url("meetings:agendaitem-create"), _submit_empty),
    case("attendance-new", "secretariat", _url("meetings:attendance-create")),
    case("attendance-register", "secretariat", _url("meetings:meeting-register", "held")),
    case("minutes-new", "secretariat", _url("meetings:minutes-create")),
    case("minutes-edit", "secretariat", _url("meetings:minutes-update", "minutes")),
    case("decision-propose", "secretariat", _url("meetings:decision-create")),
    case("decision-propose-with-errors", "secretariat", _url("meetings:decision-create"), _submit_empty),
    case("action-point-new", "secretariat", _url("meetings:actionpoint-create")),
    case("action-point-new-with-errors", "secretariat", _url("meetings:actionpoint-create"), _submit_empty),
    case("action-point-edit-by-owner", "chair", _url("meetings:actionpoint-update", "action")),
    case("position", "member", _url("meetings:decision-position", "open")),
    case(
        "position-objection-without-reason",
        "member",
        _url("meetings:decision-position", "open"),
        _object_without_reason,
    ),
    # One step on a record: the confirmation pages
    case("meeting-invite", "secretariat", _url("meetings:meeting-invite", "upcoming")),
    case("meeting-cancel", "secretariat", _url("meetings:meeting-cancel", "upcoming")),
    case("agenda-circulate", "secretariat", _url("meetings:meeting-circulate", "held")),
    case("minutes-circulate", "secretariat", _url("meetings:minutes-circulate", "minutes")),
    case("decision-close", "secretariat", _url("meetings:decision-close", "open")),
    case("decision-withdraw", "secretariat", _url("meetings:decision-withdraw", "open")),
    # My actions, the home page with its cadence panel, bodies
    case("my-actions", "chair", _url("meetings:my-actions")),
    case("my-actions-empty", "viewer", _url("meetings:my-actions")),
    case("home", "secretariat", _url("network:home")),
    case("home-as-member", "member", _url("network:home")),
    case("body-plenary", "secretariat", _url("network:body-detail", "plenary")),
    case("body-twg", "chair", _url("network:body-detail", "labour")),
]


@pytest.mark.parametrize(("role", "path", "action"), CASES)
def test_meetings_page_has_no_serious_accessibility_violation(
    context_factory, accounts, world, role, path, action
):
    url = path(world)
    for width, options in VIEWPORTS.items():
        page = context_factory(**options).new_page()
        sign_in(page, accounts[role])
        response = page.goto(url)
        assert response is not None and response.status == 200, (width, url, response and response.status)
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        if action:
            action(page)
        assert_accessible(page)
        no_sideways_scroll = "document.documentElement.scrollWidth <= window.innerWidth"
        assert page.evaluate(no_sideways_scroll), f"{url} scrolls sideways at the {width} width"
