"""Plans on the Bangladesh demo, made through the services the way the pages make them (issue 4's browser tests).

- The Labour Migration TWG's work plan for this year, approved by a silence procedure of the TWG: outcome 1,
  output 1.1, activity 1.1.1 led by UNHCR (the `member` account's organisation) with an indicator and a
  target, and activity 1.1.2 led by IOM, so like 1.1.1 (same district, same GCM objective, nearly the same
  words) that the duplication view flags the pair.
- The Network's work plan for next year, still a draft: what the secretariat exports, edits and imports.
- The Network plenary's next meeting, four weeks from now: where impediments escalated to the Network show.
- An impediment raised by the Labour Migration TWG about that plan's activity (still at the TWG).
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest

YEAR_TITLE = "Labour Migration TWG work plan {year}"
NETWORK_PLAN_TITLE = "Network work plan {year}"
UNHCR_ACTIVITY = "Pre-departure orientation for women migrant workers in Sylhet"
IOM_ACTIVITY = "Pre-departure orientation sessions for women migrant workers in Sylhet"
INDICATOR = "Number of women migrant workers oriented before departure"
NETWORK_ACTIVITY = "Joint advocacy on fair recruitment costs"
IMPEDIMENT = "Recruitment agencies refuse to share departure lists"
NEXT_MEETING = "Quarterly meeting of the Network"


def current_quarter(today: datetime.date | None = None) -> tuple[int, int]:
    today = today or datetime.date.today()
    return today.year, (today.month - 1) // 3 + 1


def _approve(plan, *, secretariat, body):
    """Approve a submitted plan the way the Network does: a silence procedure of its body, nobody objects."""
    from django.utils import timezone

    from mignet.meetings import services as meetings
    from mignet.meetings.models import Decision

    decision = meetings.decision_propose(
        actor=secretariat,
        network=plan.network,
        data={
            "body": body,
            "method": "silence",
            "deadline": timezone.now() + datetime.timedelta(hours=1),
            "subject": "approve_plan",
            "plan": plan,
            "title": f"Approve the {plan.title}",
            "text": f"The {body} approves its work plan.",
        },
    )
    past = timezone.now() - datetime.timedelta(minutes=5)
    Decision.objects.filter(pk=decision.pk).update(deadline=past)
    decision.refresh_from_db()
    meetings.decision_settle(instance=decision, actor=secretariat)
    plan.refresh_from_db()
    assert plan.status == "approved", (plan.status, Decision.objects.get(pk=decision.pk).outcome)
    return plan


@pytest.fixture(name="plans_world")
def plans_world_fixture(demo_network, accounts):
    """The plans, meeting and impediment described above; a dict of the records by name."""
    from django.utils import timezone

    from mignet.accounts.models import User
    from mignet.core.models import District, GCMObjective
    from mignet.meetings import services as meetings
    from mignet.network.models import Body, Organisation
    from mignet.plans import models as m
    from mignet.plans.services import plans as services

    net = demo_network
    user = {role: User.objects.get(email=email) for role, email in accounts.items()}
    sec = user["secretariat"]
    org = {o.acronym: o for o in Organisation.objects.filter(network=net)}
    lm = Body.objects.get(network=net, name="Labour Migration TWG")
    plenary = Body.objects.get(network=net, kind="plenary")
    objective6 = GCMObjective.objects.get(number=6)
    sylhet = District.objects.get(name="Sylhet")
    dhaka = District.objects.get(name="Dhaka")
    year = timezone.localdate().year

    # --- The TWG's plan for this year, approved.
    plan = services.plan_create(
        actor=sec,
        network=net,
        data={
            "body": lm,
            "title": YEAR_TITLE.format(year=year),
            "start_date": datetime.date(year, 1, 1),
            "end_date": datetime.date(year, 12, 31),
        },
    )
    outcome = services.result_create(
        actor=sec,
        network=net,
        data={
            "plan": plan,
            "level": "outcome",
            "title": "Migrant workers leave Bangladesh safely and informed",
        },
    )
    output = services.result_create(
        actor=sec,
        network=net,
        data={
            "plan": plan,
            "parent": outcome,
            "level": "output",
            "title": "Women migrant workers receive pre-departure orientation",
        },
    )

    def activity(title, lead, description, district=sylhet, the_plan=plan, the_output=output):
        return services.activity_create(
            actor=sec,
            network=net,
            data={
                "output": the_output,
                "title": title,
                "description": description,
                "lead_organisation": lead,
                "start_date": the_plan.start_date,
                "end_date": the_plan.end_date,
                "budget_required": Decimal("120000"),
                "budget_available": Decimal("80000"),
                "budget_spent": Decimal("10000"),
                "status": "planned",
            },
            m2m={"gcm_objectives": [objective6], "districts": [district]},
        )

    unhcr_activity = activity(
        UNHCR_ACTIVITY,
        org["UNHCR"],
        "Pre-departure orientation sessions for women migrant workers leaving Sylhet for the Gulf, "
        "on their rights, safe recruitment and where to find help.",
    )
    iom_activity = activity(
        IOM_ACTIVITY,
        org["IOM"],
        "Orientation sessions before departure for women migrant workers leaving Sylhet for the Gulf, "
        "on their rights, safe recruitment and where to get help.",
    )
    indicator = services.indicator_create(
        actor=sec,
        network=net,
        data={
            "activity": unhcr_activity,
            "code": "1.1.1a",
            "name": INDICATOR,
            "unit": "people",
            "baseline_value": Decimal("0"),
            "baseline_year": year - 1,
        },
    )
    services.target_create(
        actor=sec,
        network=net,
        data={"indicator": indicator, "period": str(year), "value": Decimal("1200")},
    )
    plan = services.plan_submit(actor=sec, instance=plan)
    plan = _approve(plan, secretariat=sec, body=lm)

    # --- The Network's plan for next year, a draft.
    draft = services.plan_create(
        actor=sec,
        network=net,
        data={
            "body": plenary,
            "title": NETWORK_PLAN_TITLE.format(year=year + 1),
            "start_date": datetime.date(year + 1, 1, 1),
            "end_date": datetime.date(year + 1, 12, 31),
        },
    )
    draft_outcome = services.result_create(
        actor=sec,
        network=net,
        data={"plan": draft, "level": "outcome", "title": "Recruitment in Bangladesh is fair and ethical"},
    )
    draft_output = services.result_create(
        actor=sec,
        network=net,
        data={
            "plan": draft,
            "parent": draft_outcome,
            "level": "output",
            "title": "The Government has evidence on recruitment costs",
        },
    )
    network_activity = activity(
        NETWORK_ACTIVITY,
        org["ILO"],
        "Joint advocacy with the Ministry on the costs migrant workers pay to recruiters.",
        district=dhaka,
        the_plan=draft,
        the_output=draft_output,
    )

    # --- The plenary's next meeting.
    starts = (timezone.now() + datetime.timedelta(days=28)).replace(minute=0, second=0, microsecond=0)
    meeting = meetings.meeting_schedule(
        actor=sec,
        network=net,
        data={
            "body": plenary,
            "title": NEXT_MEETING,
            "starts_at": starts,
            "ends_at": starts + datetime.timedelta(hours=2),
            "location": "UN House, Dhaka",
        },
        invite=False,
    )

    # --- An impediment the TWG raised (still with the TWG).
    impediment = _raise_impediment(
        actor=user["chair"],
        network=net,
        data={
            "title": IMPEDIMENT,
            "description": "Without the lists the sessions cannot reach women before they leave.",
            "category": "data",
            "severity": "high",
            "raised_by_body": lm,
        },
        activities=[unhcr_activity],
    )
    return {
        "network": net,
        "users": user,
        "plan": m.Plan.objects.get(pk=plan.pk),
        "outcome": outcome,
        "output": output,
        "unhcr_activity": m.Activity.objects.get(pk=unhcr_activity.pk),
        "iom_activity": m.Activity.objects.get(pk=iom_activity.pk),
        "indicator": indicator,
        "draft": m.Plan.objects.get(pk=draft.pk),
        "network_activity": network_activity,
        "meeting": meeting,
        "impediment": impediment,
        "lm": lm,
        "plenary": plenary,
    }


def _raise_impediment(*, actor, network, data, activities):
    """Through the impediments service when it exists; otherwise the row and its first step, as it would."""
    try:
        from mignet.plans.services import impediments as service
    except ImportError:  # pragma: no cover - the area is being built
        service = None
    create = getattr(service, "impediment_create", None) or getattr(service, "impediment_raise", None)
    if create is not None:
        return create(actor=actor, network=network, data=data, m2m={"activities": activities})
    from django.utils import timezone

    from mignet.plans.models import Impediment, ImpedimentStep

    impediment = Impediment.objects.create(network=network, stage_changed_at=timezone.now(), **data)
    impediment.activities.set(activities)
    ImpedimentStep.objects.create(
        network=network,
        impediment=impediment,
        to_stage="raised",
        note="Raised by the TWG",
        at=timezone.now(),
        by=actor,
    )
    return impediment


# --- The Excel round trip


def download(page, link_name) -> bytes:
    """Click a link that downloads a file; the file's bytes."""
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    done = info.value
    assert done.failure() is None, done.failure()
    with open(done.path(), "rb") as f:
        return f.read()


def sheet_columns(sheet) -> tuple[int, dict[str, int]]:
    """The header row of a template sheet and each header's column number."""
    for row in sheet.iter_rows(min_row=1, max_row=10):
        headers = {str(c.value).strip(): c.column for c in row if c.value not in (None, "")}
        if "ID" in headers and "Title" in headers:
            return row[0].row, headers
    raise AssertionError(f"no header row on sheet {sheet.title}")


def edited_workbook(
    workbook: bytes, *, activity_pk: int, title: str, new_title: str, district: str
) -> tuple[bytes, int]:
    """The exported workbook as a person edits it: the activity `activity_pk` retitled `title`, and a new
    activity `new_title` (IOM, GCM objective 6, in `district`) typed in the first empty row of the
    Activities sheet, under the same output. The file and the new row's number."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(workbook))
    sheet = book["Activities"]
    header_row, col = sheet_columns(sheet)
    rows = [
        r for r in range(header_row + 1, sheet.max_row + 1) if sheet.cell(r, col["ID"]).value == activity_pk
    ]
    assert len(rows) == 1, f"the Activities sheet has {len(rows)} rows with ID {activity_pk}"
    existing = rows[0]
    sheet.cell(existing, col["Title"]).value = title
    new = sheet.max_row + 1

    def same(header):
        return sheet.cell(existing, col[header]).value

    for header, value in (
        ("Output code", same("Output code")),
        ("Title", new_title),
        ("Description", "Dialogues with recruiting agencies and returnees in the districts."),
        ("Lead organisation", "IOM"),
        ("GCM objectives", "6"),
        ("Districts", district),
        ("Start", same("Start")),
        ("End", same("End")),
        ("Budget required (USD)", 50000),
        ("Budget available (USD)", 20000),
        ("Spent (USD)", 0),
        ("Status", same("Status")),
        ("Gender marker", 0),
        ("HR marker", 0),
        ("Joint programme", same("Joint programme")),
    ):
        sheet.cell(new, col[header]).value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), new
