"""Calendar feeds: a valid key gives the user's meetings and deadlines; a revoked or guessed key, or a body
the user may not see, gives 404 and changes nothing; the key opens nothing but the feed."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from mignet.accounts.models import ApiToken, ApiTokenKind
from mignet.accounts.services import token_create, token_revoke
from mignet.core.choices import Visibility
from mignet.meetings import choices as mc
from mignet.meetings.feeds import feed_url, feed_url_for_body

from ..factories import (
    ActionPointFactory,
    BodyFactory,
    DecisionFactory,
    MeetingFactory,
    NetworkFactory,
    PersonFactory,
    RepresentativeFactory,
)

INVALID = (
    "This calendar address is not valid. It may have been revoked. Get a new one from your profile page."
)


@pytest.fixture
def anonymous():
    return Client()


def calendar_key(user) -> str:
    return token_create(actor=user, name="Outlook", kind=ApiTokenKind.CALENDAR)[1]


def uids(response) -> set[str]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"]
    cal = Calendar.from_ical(response.content)
    return {str(e["UID"]) for e in cal.walk("VEVENT")}


@pytest.fixture
def world(network, plenary, twg, twg_members, unhcr, users, meeting):
    """The member (UNHCR focal point) represents UNHCR in the TWG; a TWG meeting, an open TWG decision, a
    UNHCR action point; a meeting of another body; and a secretariat-only body with its own meeting."""
    member = users["member"]
    person = PersonFactory(network=network, organisation=unhcr, user=member, email=member.email)
    membership = twg.memberships.get(organisation=unhcr)
    RepresentativeFactory(network=network, membership=membership, person=person)
    twg_meeting = MeetingFactory(network=network, body=twg, title="TWG meeting")
    decision = DecisionFactory(body=twg, method=mc.DecisionMethod.SILENCE, title="Silence on the ToR")
    action = ActionPointFactory(meeting=twg_meeting, owner_organisation=unhcr, title="Draft the ToR")
    other_body = BodyFactory(network=network, name="Task force on data", parent=plenary)
    other_meeting = MeetingFactory(network=network, body=other_body, title="Data task force meeting")
    hidden_body = BodyFactory(
        network=network, name="Secretariat retreat", parent=plenary, visibility=Visibility.INTERNAL
    )
    return {
        "twg_meeting": twg_meeting,
        "decision": decision,
        "action": action,
        "other_meeting": other_meeting,
        "plenary_meeting": meeting,
        "hidden_body": hidden_body,
    }


def test_private_feed_of_a_representative(anonymous, users, world):
    key = calendar_key(users["member"])
    got = uids(anonymous.get(reverse("calendar:user-feed", kwargs={"key": key})))
    assert world["twg_meeting"].ics_uid in got
    assert f"decision-{world['decision'].pk}-deadline@mignet" in got
    assert f"action-point-{world['action'].pk}@mignet" in got
    assert world["other_meeting"].ics_uid not in got  # not a body they take part in
    token = ApiToken.objects.get(user=users["member"], kind=ApiTokenKind.CALENDAR)
    assert token.last_used_at is not None


def test_private_feed_of_the_secretariat_has_every_meeting(anonymous, users, world):
    got = uids(
        anonymous.get(reverse("calendar:user-feed", kwargs={"key": calendar_key(users["secretariat"])}))
    )
    for name in ("twg_meeting", "other_meeting", "plenary_meeting"):
        assert world[name].ics_uid in got


def test_private_feed_of_a_chair(anonymous, users, world):
    got = uids(anonymous.get(reverse("calendar:user-feed", kwargs={"key": calendar_key(users["chair"])})))
    assert world["twg_meeting"].ics_uid in got
    assert world["plenary_meeting"].ics_uid not in got


def test_cancelled_meeting_stays_in_the_feed_as_cancelled(anonymous, users, world):
    meeting = world["twg_meeting"]
    meeting.status = mc.MeetingStatus.CANCELLED
    meeting.sequence = 1
    meeting.save()
    response = anonymous.get(reverse("calendar:user-feed", kwargs={"key": calendar_key(users["member"])}))
    cal = Calendar.from_ical(response.content)
    event = next(e for e in cal.walk("VEVENT") if str(e["UID"]) == meeting.ics_uid)
    assert (str(event["STATUS"]), int(event["SEQUENCE"])) == ("CANCELLED", 1)


def test_revoked_key_answers_404_and_changes_nothing(anonymous, users, world):
    key = calendar_key(users["member"])
    token = ApiToken.objects.get(user=users["member"], kind=ApiTokenKind.CALENDAR)
    token_revoke(actor=users["member"], token=token)
    response = anonymous.get(reverse("calendar:user-feed", kwargs={"key": key}))
    assert response.status_code == 404
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == INVALID
    token.refresh_from_db()
    assert token.last_used_at is None


def test_guessed_key_and_api_key_answer_404(anonymous, users, world):
    guessed = ApiToken.new_key()
    for key in (
        guessed,
        token_create(actor=users["member"], name="script")[1],
    ):  # an API token is not a feed key
        response = anonymous.get(reverse("calendar:user-feed", kwargs={"key": key}))
        assert (response.status_code, response.content.decode()) == (404, INVALID)
        response = anonymous.get(
            reverse("calendar:body-feed", kwargs={"key": key, "body_id": world["twg_meeting"].body_id})
        )
        assert response.status_code == 404
    assert not ApiToken.objects.filter(last_used_at__isnull=False).exists()


def test_calendar_key_is_not_an_api_key(anonymous, users, world):
    key = calendar_key(users["member"])
    response = anonymous.get("/api/v1/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code in (401, 403)


def test_body_feed(anonymous, users, world, twg):
    key = calendar_key(users["viewer"])
    got = uids(anonymous.get(reverse("calendar:body-feed", kwargs={"key": key, "body_id": twg.pk})))
    assert got == {world["twg_meeting"].ics_uid, f"decision-{world['decision'].pk}-deadline@mignet"}


def test_body_feed_of_a_body_the_user_cannot_see_is_404(anonymous, users, world):
    hidden = world["hidden_body"]
    url = reverse("calendar:body-feed", kwargs={"key": calendar_key(users["viewer"]), "body_id": hidden.pk})
    response = anonymous.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    # The secretariat sees the internal body, so its feed answers.
    url = reverse(
        "calendar:body-feed", kwargs={"key": calendar_key(users["secretariat"]), "body_id": hidden.pk}
    )
    assert uids(anonymous.get(url)) == set()
    # A body of another network the user has no role in.
    foreign = BodyFactory(
        network=NetworkFactory(visibility=Visibility.INTERNAL), visibility=Visibility.NETWORK
    )
    url = reverse("calendar:body-feed", kwargs={"key": calendar_key(users["member"]), "body_id": foreign.pk})
    assert anonymous.get(url).status_code == 404


def test_hidden_records_stay_out_of_the_feed(anonymous, users, world):
    """A partner does not see internal meetings, even of a body their organisation is a member of."""
    internal = MeetingFactory(
        network=world["twg_meeting"].network,
        body=world["twg_meeting"].body,
        title="Internal prep",
        visibility=Visibility.INTERNAL,
    )
    key = calendar_key(users["partner"])
    got = uids(anonymous.get(reverse("calendar:body-feed", kwargs={"key": key, "body_id": internal.body_id})))
    assert world["twg_meeting"].ics_uid in got
    assert internal.ics_uid not in got


def test_the_key_opens_nothing_else(anonymous, users, world, network):
    key = calendar_key(users["secretariat"])
    assert anonymous.get(reverse("calendar:user-feed", kwargs={"key": key})).status_code == 200
    response = anonymous.get(reverse("network:home", kwargs={"network": network.slug}))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = anonymous.get(f"/n/{network.slug}/?key={key}")
    assert response.status_code == 302
    assert "_auth_user_id" not in anonymous.session


def test_feed_urls_are_absolute(users, twg, settings):
    settings.MIGNET_BASE_URL = "https://mignet.example.org"
    assert feed_url("abc") == "https://mignet.example.org/calendar/abc.ics"
    assert feed_url_for_body("abc", twg) == f"https://mignet.example.org/calendar/abc/bodies/{twg.pk}.ics"


def test_profile_creates_a_calendar_address_shown_once(client_for, users, twg):
    client = client_for("member")
    response = client.post(reverse("accounts:token-create"), {"kind": "calendar"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=users["member"], kind=ApiTokenKind.CALENDAR)
    assert token.name == "Calendar feed"
    url = response.context["new_feed"]["url"]
    assert url.startswith("http://testserver/calendar/") and url.endswith(".ics")
    assert url in response.content.decode()
    assert Client().get(url.removeprefix("http://testserver")).status_code == 200
    # Shown once: the profile page does not show it again.
    again = client.get(reverse("accounts:profile")).content.decode()
    assert url not in again and token.prefix in again
    # With a body: its address too.
    response = client.post(reverse("accounts:token-create"), {"kind": "calendar", "body": twg.pk})
    assert response.context["new_feed"]["body_url"].endswith(f"/bodies/{twg.pk}.ics")
    assert ApiToken.objects.filter(user=users["member"], kind=ApiTokenKind.CALENDAR).count() == 2


def test_old_meetings_are_left_out(anonymous, users, world):
    old = world["twg_meeting"]
    old.starts_at = timezone.now() - datetime.timedelta(days=500)
    old.ends_at = old.starts_at + datetime.timedelta(hours=2)
    old.save()
    got = uids(anonymous.get(reverse("calendar:user-feed", kwargs={"key": calendar_key(users["member"])})))
    assert old.ics_uid not in got


def test_feed_queries_stay_flat(anonymous, users, world, twg, django_assert_max_num_queries):
    key = calendar_key(users["member"])
    url = reverse("calendar:user-feed", kwargs={"key": key})
    anonymous.get(url)
    for n in range(10):
        meeting = MeetingFactory(network=twg.network, body=twg, title=f"TWG meeting {n}")
        meeting.agenda_items.create(network=twg.network, position=1, title="Welcome")
        DecisionFactory(body=twg, method=mc.DecisionMethod.SILENCE)
        ActionPointFactory(meeting=meeting, owner_organisation=world["action"].owner_organisation)
    with django_assert_max_num_queries(12):
        assert len(uids(anonymous.get(url))) >= 33
