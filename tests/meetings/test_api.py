"""The meetings API: the same rules and permissions as the pages, through /api/v1/ (issue 3, point 9).

Meetings, agenda items, attendance, minutes, decisions, positions and action points: create, read,
update with `version`, delete, restore and history; the extra actions; positions only from members,
each organisation speaking for itself; structural effects of adopted decisions; flat query counts."""

from __future__ import annotations

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from mignet.meetings import choices as mc
from mignet.meetings.models import ActionPoint, Decision, Meeting, Minutes, Position
from mignet.network import choices as nc
from mignet.network.models import ChairTerm

from ..factories import (
    ActionPointFactory,
    AgendaItemFactory,
    BodyFactory,
    ChairTermFactory,
    DecisionFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)


@pytest.fixture
def api(users):
    """api("member") → an API client signed in as that role (anonymous: not signed in)."""

    def make(role: str) -> APIClient:
        client = APIClient()
        if users[role] is not None:
            client.force_login(users[role])
        return client

    return make


def _iso(dt: datetime.datetime) -> str:
    return dt.isoformat()


# --- Meetings: create, read, update (version), delete, restore, history


@pytest.mark.django_db
def test_meeting_create_read_update_delete_restore_and_history(api, network, plenary):
    secretariat = api("secretariat")
    starts = timezone.now().replace(microsecond=0) + datetime.timedelta(days=20)
    created = secretariat.post(
        "/api/v1/meetings/",
        {
            "network": network.slug,
            "body": plenary.pk,
            "kind": "regular",
            "starts_at": _iso(starts),
            "ends_at": _iso(starts + datetime.timedelta(hours=2)),
            "location": "IOM Dhaka office",
            "invite": False,
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    data = created.data
    assert data["status"] == "scheduled" and data["invitations_sent_at"] is None and "invite" not in data
    # Stored in UTC, shown in the network's zone with its offset.
    assert data["starts_at"].endswith("+06:00")
    assert datetime.datetime.fromisoformat(data["starts_at"]) == starts
    assert Meeting.objects.get(pk=data["id"]).starts_at == starts

    url = f"/api/v1/meetings/{data['id']}/"
    assert secretariat.get(url).data["location"] == "IOM Dhaka office"
    moved = secretariat.patch(url, {"version": data["version"], "location": "UN House"}, format="json")
    assert moved.status_code == 200, moved.content
    assert moved.data["version"] == data["version"] + 1
    assert moved.data["sequence"] == data["sequence"] + 1  # a new place is a calendar update

    stale = secretariat.patch(url, {"version": data["version"], "location": "Elsewhere"}, format="json")
    assert stale.status_code == 409
    assert stale.data["code"] == "concurrent_edit" and stale.data["current_version"] == data["version"] + 1
    missing = secretariat.patch(url, {"location": "Elsewhere"}, format="json")
    assert missing.status_code == 400 and "version" in missing.data
    assert Meeting.objects.get(pk=data["id"]).location == "UN House"

    history = secretariat.get(f"{url}history/").data
    assert history[0]["who"] == "secretariat@example.org"
    assert any(ch["after"] == "UN House" for ch in history[0]["changes"])

    assert secretariat.delete(url).status_code == 204
    assert secretariat.get(url).status_code == 404
    restored = secretariat.post(f"{url}restore/")
    assert restored.status_code == 200 and restored.data["id"] == data["id"]
    assert secretariat.get(url).status_code == 200


@pytest.mark.django_db
def test_meeting_bad_input_gets_field_messages_and_nothing_is_written(api, network, plenary):
    starts = timezone.now() + datetime.timedelta(days=3)
    before = Meeting.objects.count()
    response = api("secretariat").post(
        "/api/v1/meetings/",
        {
            "network": network.slug,
            "body": plenary.pk,
            "starts_at": _iso(starts),
            "ends_at": _iso(starts - datetime.timedelta(hours=1)),
            "location": "UN House",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.data == {"ends_at": ["The meeting must end after it starts."]}
    assert Meeting.objects.count() == before


@pytest.mark.django_db
def test_meeting_actions_cancel_invite_and_circulate_agenda(api, meeting):
    secretariat, url = api("secretariat"), f"/api/v1/meetings/{meeting.pk}/"
    empty = secretariat.post(f"{url}circulate-agenda/")
    assert empty.status_code == 400
    assert "no items" in empty.data["non_field_errors"][0]
    AgendaItemFactory(meeting=meeting, title="Matters arising")
    circulated = secretariat.post(f"{url}circulate-agenda/")
    assert circulated.status_code == 200 and circulated.data["agenda_circulated_at"]
    assert api("viewer").post(f"{url}invite/").status_code == 403
    invited = secretariat.post(f"{url}invite/")
    assert invited.status_code == 200 and invited.data["invitations_sent_at"]

    cancelled = secretariat.post(f"{url}cancel/", {"reason": "Eid holidays"}, format="json")
    assert cancelled.status_code == 200
    assert cancelled.data["status"] == "cancelled" and cancelled.data["cancel_reason"] == "Eid holidays"
    assert cancelled.data["sequence"] == invited.data["sequence"] + 1
    again = secretariat.post(f"{url}cancel/", {}, format="json")
    assert again.status_code == 400 and again.data == {
        "non_field_errors": ["This meeting is already cancelled."]
    }


@pytest.mark.django_db
def test_minutes_circulate_and_correct(api, network, meeting):
    secretariat = api("secretariat")
    created = secretariat.post(
        "/api/v1/minutes/",
        {"network": network.slug, "meeting": meeting.pk, "text": "# Minutes\n\nThe Network met."},
        format="json",
    )
    assert created.status_code == 201, created.content
    url = f"/api/v1/minutes/{created.data['id']}/"
    circulated = secretariat.post(f"{url}circulate/")
    assert circulated.status_code == 200 and circulated.data["status"] == "circulated"
    not_yet = secretariat.post(f"{url}correct/", {"reason": "Typo"}, format="json")
    assert not_yet.status_code == 400  # only approved minutes are corrected
    Minutes.objects.filter(pk=created.data["id"]).update(status=mc.MinutesStatus.APPROVED)
    no_reason = secretariat.post(f"{url}correct/", {}, format="json")
    assert no_reason.status_code == 400 and no_reason.data == {"reason": ["Say what needs correcting."]}
    corrected = secretariat.post(f"{url}correct/", {"reason": "Wrong date in item 2"}, format="json")
    assert corrected.status_code == 201
    assert corrected.data["revision"] == 2 and corrected.data["corrects"] == created.data["id"]
    assert corrected.data["status"] == "draft"


# --- Positions: each organisation speaks for itself, only members take part


def _positions_url(decision) -> str:
    return f"/api/v1/decisions/{decision.pk}/positions/"


@pytest.mark.django_db
def test_focal_point_records_own_organisations_position(api, written_decision, unhcr):
    response = api("member").post(
        _positions_url(written_decision), {"organisation": unhcr.pk, "value": "agree"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.data["value"] == "agree" and response.data["recorded_by"] == "member@example.org"
    assert Position.objects.get(decision=written_decision, organisation=unhcr).value == "agree"


@pytest.mark.django_db
def test_partner_cannot_record_a_position_for_another_organisation(api, written_decision, iom, consortium):
    partner = api("partner")
    refused = partner.post(
        _positions_url(written_decision), {"organisation": iom.pk, "value": "object"}, format="json"
    )
    assert refused.status_code == 403
    assert not Position.objects.filter(decision=written_decision).exists()
    own = partner.post(
        _positions_url(written_decision),
        {"organisation": consortium.pk, "value": "stand_aside"},
        format="json",
    )
    assert own.status_code == 200


@pytest.mark.django_db
def test_viewer_and_anonymous_cannot_record_positions(api, written_decision, unhcr):
    body = {"organisation": unhcr.pk, "value": "agree"}
    assert api("viewer").post(_positions_url(written_decision), body, format="json").status_code == 403
    assert api("anonymous").post(_positions_url(written_decision), body, format="json").status_code == 401


@pytest.mark.django_db
def test_non_member_organisation_takes_no_part(api, network, unhcr, iom, users):
    """UNHCR's focal point may speak for UNHCR, but UNHCR is not a member of this task force."""
    task_force = BodyFactory(network=network, name="Returns task force", kind=nc.BodyKind.TASK_FORCE)
    MembershipFactory(network=network, body=task_force, organisation=iom)
    decision = DecisionFactory(body=task_force)
    response = api("member").post(
        _positions_url(decision), {"organisation": unhcr.pk, "value": "agree"}, format="json"
    )
    assert response.status_code == 400
    assert response.data == {
        "organisation": [f"{unhcr} is not a member of {task_force}; only members take part in its decisions."]
    }
    assert not Position.objects.filter(decision=decision).exists()


@pytest.mark.django_db
def test_second_position_replaces_the_first_and_history_keeps_both(api, written_decision, unhcr, iom):
    member, url = api("member"), _positions_url(written_decision)
    assert member.post(url, {"organisation": unhcr.pk, "value": "agree"}, format="json").status_code == 200
    no_reason = member.post(url, {"organisation": unhcr.pk, "value": "object"}, format="json")
    assert no_reason.status_code == 400
    assert no_reason.data == {"reason": ["An objection needs a reason, so the others can address it."]}
    objected = member.post(
        url,
        {"organisation": unhcr.pk, "value": "object", "reason": "The budget is not agreed."},
        format="json",
    )
    assert objected.status_code == 200
    position = Position.objects.get(decision=written_decision, organisation=unhcr)
    assert position.value == "object" and objected.data["id"] == position.pk
    assert Position.objects.filter(decision=written_decision).count() == 1

    history = member.get(f"/api/v1/positions/{position.pk}/history/").data
    assert len(history) == 2
    assert any(ch["before"] == "Agree" and ch["after"] == "Object" for ch in history[0]["changes"])

    rows = {r["organisation_acronym"]: r for r in member.get(url).data}
    assert set(rows) == {"UNHCR", "IOM", "CSOA"}  # every member, with its position or none
    assert rows["UNHCR"]["value"] == "object" and rows["UNHCR"]["reason"] == "The budget is not agreed."
    assert rows["UNHCR"]["recorded_by"] == "member@example.org" and rows["UNHCR"]["can_record"]
    assert rows["IOM"]["value"] is None and not rows["IOM"]["can_record"]
    assert rows["UNHCR"]["recorded_at"].endswith("+06:00")

    tally = member.get(f"/api/v1/decisions/{written_decision.pk}/").data["tally"]
    assert tally["status"] == "open"
    assert (tally["agree"], tally["object"], tally["no_response"]) == (0, 1, 2)
    assert api("anonymous").get(url).status_code == 404  # the decision is not public


@pytest.mark.django_db
def test_position_after_the_deadline_is_refused(api, written_decision, unhcr):
    Decision.objects.filter(pk=written_decision.pk).update(
        deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    response = api("member").post(
        _positions_url(written_decision), {"organisation": unhcr.pk, "value": "agree"}, format="json"
    )
    assert response.status_code == 400
    assert "positions are no longer accepted" in response.data["non_field_errors"][0]
    assert not Position.objects.filter(decision=written_decision).exists()


@pytest.mark.django_db
def test_written_consultation_is_adopted_when_every_member_has_answered(api, written_decision, users):
    chair = api("chair")  # the TWG's chair records positions in the room
    for org in written_decision.body.memberships.values_list("organisation_id", flat=True):
        assert (
            chair.post(
                _positions_url(written_decision), {"organisation": org, "value": "agree"}, format="json"
            ).status_code
            == 200
        )
    decision = chair.get(f"/api/v1/decisions/{written_decision.pk}/").data
    assert decision["status"] == "adopted" and decision["decided_at"]
    assert decision["tally"]["agree"] == 3


# --- Consensus decisions and their structural effect


def _establish(api_client, network, meeting, new_twg):
    return api_client.post(
        "/api/v1/decisions/",
        {
            "network": network.slug,
            "meeting": meeting.pk,
            "method": "consensus",
            "subject": "establish_body",
            "title": "Establish the Returns TWG",
            "text": "The Network establishes the TWG on returns and reintegration.",
            "target_body": new_twg.pk,
        },
        format="json",
    )


@pytest.fixture
def proposed_twg(network, plenary):
    return BodyFactory(
        network=network,
        name="Returns TWG",
        parent=plenary,
        status=nc.BodyStatus.PROPOSED,
        established_on=None,
    )


@pytest.mark.django_db
def test_closing_a_consensus_decision_establishes_the_twg(api, network, meeting, proposed_twg, unhcr):
    secretariat = api("secretariat")
    created = _establish(secretariat, network, meeting, proposed_twg)
    assert created.status_code == 201, created.content
    assert created.data["body"] == meeting.body_id and created.data["status"] == "open"
    url = f"/api/v1/decisions/{created.data['id']}/"
    assert created.data["tally"]["status"] == "open"
    assert (
        api("member")
        .post(f"{url}positions/", {"organisation": unhcr.pk, "value": "agree"}, format="json")
        .status_code
        == 200
    )
    assert api("viewer").post(f"{url}close/").status_code == 403
    closed = secretariat.post(f"{url}close/")
    assert closed.status_code == 200, closed.content
    assert closed.data["status"] == "adopted" and closed.data["outcome"].startswith("Adopted by consensus")
    proposed_twg.refresh_from_db()
    assert proposed_twg.status == nc.BodyStatus.ACTIVE
    # Effects are dated by the network's day (Asia/Dhaka), whatever the clock's zone.
    assert proposed_twg.established_on == timezone.localdate(timezone=zoneinfo.ZoneInfo(network.time_zone))
    late = api("member").post(
        f"{url}positions/", {"organisation": unhcr.pk, "value": "object", "reason": "x"}, format="json"
    )
    assert late.status_code == 400  # closed
    body = secretariat.get(f"/api/v1/bodies/{proposed_twg.pk}/").data
    assert body["status"] == "active"


@pytest.mark.django_db
def test_an_objection_blocks_consensus_and_nothing_changes(api, network, meeting, proposed_twg, unhcr, iom):
    secretariat = api("secretariat")
    url = f"/api/v1/decisions/{_establish(secretariat, network, meeting, proposed_twg).data['id']}/"
    secretariat.post(f"{url}positions/", {"organisation": iom.pk, "value": "agree"}, format="json")
    api("member").post(
        f"{url}positions/",
        {"organisation": unhcr.pk, "value": "object", "reason": "Mandate overlaps"},
        format="json",
    )
    closed = secretariat.post(f"{url}close/")
    assert closed.status_code == 200
    assert closed.data["status"] == "not_adopted"
    assert closed.data["outcome"] == "No consensus: 1 member objected."
    proposed_twg.refresh_from_db()
    assert proposed_twg.status == nc.BodyStatus.PROPOSED
    again = secretariat.post(f"{url}close/")
    assert again.status_code == 400 and again.data == {
        "non_field_errors": ["This decision is already closed."]
    }


@pytest.mark.django_db
def test_withdraw_a_decision(api, written_decision):
    url = f"/api/v1/decisions/{written_decision.pk}/"
    withdrawn = api("chair").post(f"{url}withdraw/", {"reason": "Superseded"}, format="json")
    assert withdrawn.status_code == 200
    assert withdrawn.data["status"] == "withdrawn" and withdrawn.data["outcome"] == "Superseded"


# --- Chair selection and the rotation rule


@pytest.mark.django_db
def test_chair_selection_breaking_rotation_needs_an_override_reason(
    api, network, twg, twg_members, unhcr, iom
):
    today = timezone.localdate()
    ChairTermFactory(
        network=network,
        body=twg,
        organisation=unhcr,
        start_date=today - datetime.timedelta(days=365),
        end_date=today - datetime.timedelta(days=1),
    )
    person = PersonFactory(network=network, organisation=unhcr)
    payload = {
        "network": network.slug,
        "body": twg.pk,
        "method": "written",
        "deadline": _iso(timezone.now() + datetime.timedelta(days=10)),
        "subject": "select_chairs",
        "title": "Co-chairs of the TWG",
        "text": "UNHCR and IOM co-chair the TWG for one year.",
        "target_body": twg.pk,
        "chairs": [
            {"organisation": unhcr.pk, "person": person.pk},
            {"organisation": iom.pk, "role": "co_chair"},
        ],
    }
    secretariat = api("secretariat")
    refused = secretariat.post("/api/v1/decisions/", payload, format="json")
    assert refused.status_code == 400
    assert list(refused.data) == ["override_reason"]
    assert "chaired the previous term" in refused.data["override_reason"][0]
    assert not Decision.objects.filter(subject=mc.DecisionSubject.SELECT_CHAIRS).exists()

    accepted = secretariat.post(
        "/api/v1/decisions/",
        {**payload, "override_reason": "No other member could take on the role this year."},
        format="json",
    )
    assert accepted.status_code == 201, accepted.content
    assert accepted.data["chairs"] == [
        {"organisation": unhcr.pk, "person": person.pk, "role": "co_chair"},
        {"organisation": iom.pk, "person": None, "role": "co_chair"},
    ]
    url = f"/api/v1/decisions/{accepted.data['id']}/"
    changed = secretariat.patch(url, {"version": accepted.data["version"], "chairs": []}, format="json")
    assert changed.status_code == 400 and "chairs" in changed.data
    # Every member agrees: the written consultation is adopted and the chair terms begin.
    for org in twg_members.values():
        secretariat.post(f"{url}positions/", {"organisation": org.pk, "value": "agree"}, format="json")
    assert secretariat.get(url).data["status"] == "adopted"
    network_day = timezone.localdate(timezone=zoneinfo.ZoneInfo(twg.network.time_zone))
    assert ChairTerm.objects.filter(body=twg, start_date=network_day).count() == 2


@pytest.mark.django_db
def test_chairs_come_from_the_bodys_members(api, network, twg, twg_members):
    outsider = OrganisationFactory(network=network, name="Outsider NGO")
    response = api("secretariat").post(
        "/api/v1/decisions/",
        {
            "network": network.slug,
            "body": twg.pk,
            "method": "written",
            "subject": "select_chairs",
            "title": "Co-chairs",
            "text": "…",
            "target_body": twg.pk,
            "chairs": [{"organisation": outsider.pk}],
        },
        format="json",
    )
    assert response.status_code == 400 and "chairs" in response.data


# --- Action points


@pytest.mark.django_db
def test_owner_focal_point_may_change_an_action_points_status_a_viewer_may_not(api, network, twg, unhcr, iom):
    meeting = MeetingFactory(network=network, body=twg)
    action = ActionPointFactory(meeting=meeting, owner_organisation=unhcr)
    url = f"/api/v1/action-points/{action.pk}/"
    assert (
        api("viewer").patch(url, {"version": action.version, "status": "done"}, format="json").status_code
        == 403
    )
    assert (
        api("partner").patch(url, {"version": action.version, "status": "done"}, format="json").status_code
        == 403
    )
    updated = api("member").patch(url, {"version": action.version, "status": "in_progress"}, format="json")
    assert updated.status_code == 200 and updated.data["status"] == "in_progress"
    done = api("member").patch(url, {"version": updated.data["version"], "status": "done"}, format="json")
    assert done.status_code == 200 and done.data["completed_on"] == timezone.localdate().isoformat()
    others = ActionPointFactory(meeting=meeting, owner_organisation=iom)
    assert (
        api("member")
        .patch(
            f"/api/v1/action-points/{others.pk}/",
            {"version": others.version, "status": "done"},
            format="json",
        )
        .status_code
        == 403
    )


@pytest.mark.django_db
def test_action_points_are_created_from_a_meeting_and_filtered_overdue(api, network, twg, unhcr):
    meeting = MeetingFactory(network=network, body=twg)
    created = api("chair").post(
        "/api/v1/action-points/",
        {
            "network": network.slug,
            "meeting": meeting.pk,
            "title": "Share the mapping of services",
            "owner_organisation": unhcr.pk,
            "due_date": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.data["body"] == twg.pk and created.data["is_overdue"] is False
    late = ActionPointFactory(meeting=meeting, owner_organisation=unhcr)
    ActionPoint.objects.filter(pk=late.pk).update(due_date=timezone.localdate() - datetime.timedelta(days=1))
    overdue = api("viewer").get("/api/v1/action-points/", {"overdue": "true"}).data
    assert [row["id"] for row in overdue["results"]] == [late.pk]
    assert overdue["results"][0]["is_overdue"] is True
    assert api("viewer").get("/api/v1/action-points/", {"overdue": "false"}).data["count"] == 1


@pytest.mark.django_db
def test_meeting_list_filters(api, network, plenary, twg):
    soon = MeetingFactory(network=network, body=plenary, title="Q3 Network meeting")
    past = MeetingFactory(
        network=network,
        body=twg,
        starts_at=timezone.now() - datetime.timedelta(days=40),
        ends_at=timezone.now() - datetime.timedelta(days=40) + datetime.timedelta(hours=2),
    )
    viewer = api("viewer")

    def ids(**params):
        return {row["id"] for row in viewer.get("/api/v1/meetings/", params).data["results"]}

    assert ids(upcoming="true") == {soon.pk}
    assert ids(upcoming="false") == {past.pk}
    assert ids(body=twg.pk) == {past.pk}
    assert ids(q="Q3 Network") == {soon.pk}
    assert ids(**{"from": timezone.localdate().isoformat()}) == {soon.pk}
    assert ids(to=timezone.localdate().isoformat()) == {past.pk}


# --- Every collection: anonymous and viewer, as the policy says


@pytest.fixture
def records(network, twg, twg_members, unhcr, person):
    """One record of each collection, visible to the network (not public), and a deleted one of each."""
    meeting = MeetingFactory(network=network, body=twg)
    decision = DecisionFactory(body=twg)
    made = {
        "meetings": meeting,
        "agenda-items": AgendaItemFactory(meeting=meeting),
        "attendance": meeting.attendances.create(network=network, person=person, organisation=unhcr),
        "minutes": Minutes.objects.create(network=network, meeting=meeting, text="Minutes"),
        "decisions": decision,
        "positions": Position.objects.create(
            network=network, decision=decision, organisation=unhcr, value="agree"
        ),
        "action-points": ActionPointFactory(meeting=meeting, owner_organisation=unhcr),
    }
    return made


COLLECTIONS = ["meetings", "agenda-items", "attendance", "minutes", "decisions", "positions", "action-points"]
WRITABLE = [c for c in COLLECTIONS if c != "positions"]


@pytest.mark.django_db
@pytest.mark.parametrize("collection", COLLECTIONS)
def test_every_collection_answers_anonymous_and_viewer_as_the_policy_says(api, records, collection):
    obj = records[collection]
    base, item = f"/api/v1/{collection}/", f"/api/v1/{collection}/{obj.pk}/"
    anonymous, viewer = api("anonymous"), api("viewer")
    # Lists answer everyone, filtered to what each may read; the records are for the network only.
    assert anonymous.get(base).status_code == 200 and anonymous.get(base).data["count"] == 0
    assert viewer.get(base).status_code == 200 and viewer.get(base).data["count"] == 1
    assert anonymous.get(item).status_code == 404
    assert anonymous.get(f"{item}history/").status_code == 404
    assert viewer.get(item).status_code == 200
    assert viewer.get(f"{item}history/").status_code == 200
    if collection not in WRITABLE:
        assert viewer.post(base, {}, format="json").status_code == 405
        assert viewer.delete(item).status_code == 405
        return
    assert anonymous.post(base, {}, format="json").status_code == 401
    assert anonymous.patch(item, {"version": obj.version}, format="json").status_code == 401
    assert anonymous.delete(item).status_code == 401
    assert viewer.patch(item, {"version": obj.version}, format="json").status_code == 403
    assert viewer.delete(item).status_code == 403
    obj.refresh_from_db()
    assert obj.deleted_at is None
    type(obj).objects.filter(pk=obj.pk).update(deleted_at=timezone.now())
    assert viewer.post(f"{item}restore/").status_code == 404
    assert anonymous.post(f"{item}restore/").status_code == 401
    assert api("secretariat").post(f"{item}restore/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("collection", WRITABLE)
def test_viewer_cannot_create_in_any_collection(api, network, records, twg, unhcr, person, collection):
    meeting, decision = records["meetings"], records["decisions"]
    payloads = {
        "meetings": {
            "body": twg.pk,
            "starts_at": _iso(timezone.now() + datetime.timedelta(days=9)),
            "ends_at": _iso(timezone.now() + datetime.timedelta(days=9, hours=1)),
            "location": "UN House",
        },
        "agenda-items": {"meeting": meeting.pk, "title": "Any other business"},
        "attendance": {
            "meeting": meeting.pk,
            "person": PersonFactory(network=network, organisation=unhcr).pk,
            "organisation": unhcr.pk,
        },
        "minutes": {"meeting": MeetingFactory(network=network, body=twg).pk, "text": "Minutes"},
        "decisions": {"body": twg.pk, "method": "written", "title": "T", "text": "Text"},
        "action-points": {
            "decision": decision.pk,
            "title": "Follow up",
            "owner_organisation": unhcr.pk,
            "due_date": timezone.localdate().isoformat(),
        },
    }
    payload = {"network": network.slug, **payloads[collection]}
    assert api("viewer").post(f"/api/v1/{collection}/", payload, format="json").status_code == 403
    created = api("secretariat").post(f"/api/v1/{collection}/", payload, format="json")
    assert created.status_code == 201, created.content


@pytest.mark.django_db
def test_openapi_schema_lists_the_meetings_collections(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for collection in COLLECTIONS:
        assert f"/api/v1/{collection}/" in schema["paths"]
    for path in (
        "/api/v1/meetings/{id}/cancel/",
        "/api/v1/meetings/{id}/invite/",
        "/api/v1/meetings/{id}/circulate-agenda/",
        "/api/v1/minutes/{id}/circulate/",
        "/api/v1/minutes/{id}/correct/",
        "/api/v1/decisions/{id}/close/",
        "/api/v1/decisions/{id}/withdraw/",
        "/api/v1/decisions/{id}/positions/",
    ):
        assert "post" in schema["paths"][path]
    assert "get" in schema["paths"]["/api/v1/decisions/{id}/positions/"]


# --- Query counts of the lists hold as rows grow (house rule 9)

MAX_QUERIES = 15


def _grow(network, twg, unhcr, person, n: int) -> None:
    """n more rows of every collection, each linked to the records its representation shows."""
    for _ in range(n):
        meeting = MeetingFactory(network=network, body=twg)
        AgendaItemFactory(meeting=meeting, presenter=unhcr)
        meeting.attendances.create(
            network=network, person=PersonFactory(network=network, organisation=unhcr), organisation=unhcr
        )
        Minutes.objects.create(network=network, meeting=meeting, text="Minutes")
        decision = DecisionFactory(body=twg, meeting=meeting)
        decision.chair_selections.create(network=network, organisation=unhcr, person=person)
        Position.objects.create(network=network, decision=decision, organisation=unhcr, value="agree")
        ActionPointFactory(meeting=meeting, decision=decision, owner_organisation=unhcr, owner_person=person)


def _count(client, url: str) -> int:
    client.get(url)  # warm caches so both counts see the same state
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("collection", COLLECTIONS)
@pytest.mark.parametrize("role", ["secretariat", "partner"])
def test_list_queries_do_not_grow(
    api, network, twg, unhcr, person, collection, role, django_assert_max_num_queries
):
    client, url = api(role), f"/api/v1/{collection}/"
    _grow(network, twg, unhcr, person, 2)
    few = _count(client, url)
    _grow(network, twg, unhcr, person, 10)
    more = _count(client, url)
    assert more == few, f"{url} as {role}: {few} queries with 2 rows, {more} with 12"
    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(url).data["count"] == 12
