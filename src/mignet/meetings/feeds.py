"""Calendar feeds: a private address per user (a revocable `calendar` token in the URL) that calendar
applications subscribe to. The key stands in for signing in to this one feed and nothing else; every
row is read through the meetings selectors, so the feed shows only what its owner may see."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import login_not_required
from django.db.models import Prefetch, Q
from django.http import Http404, HttpResponse, HttpResponseNotFound
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from mignet.accounts.models import ApiTokenKind
from mignet.accounts.services import token_authenticate
from mignet.core.policy import principal
from mignet.network.models import ChairTerm, Representative
from mignet.network.selectors import body_list

from . import choices as c
from . import ics
from .selectors import action_point_list, agenda_item_list, decision_list, meeting_list

PAST_DAYS = 365  # how far back a feed lists meetings


def _absolute(path: str, request=None) -> str:
    return request.build_absolute_uri(path) if request is not None else ics.base_url() + path


def feed_url(key: str, request=None) -> str:
    """The absolute address of the private feed of the token `key` (on the request's host when given)."""
    return _absolute(reverse("calendar:user-feed", kwargs={"key": key}), request)


def feed_url_for_body(key: str, body, request=None) -> str:
    """The absolute address of one body's feed, read with the token `key`."""
    return _absolute(reverse("calendar:body-feed", kwargs={"key": key, "body_id": body.pk}), request)


# --- What a feed holds (reads through the meetings selectors, which start from the policy)


def _meetings(user, condition: Q):
    since = timezone.now() - datetime.timedelta(days=PAST_DAYS)
    agenda = (
        agenda_item_list(user=user)
        .select_related(None)
        .select_related("presenter")
        .order_by("position", "pk")
    )
    return (
        meeting_list(user=user)
        .filter(condition, ends_at__gte=since)
        .select_related("network", "body")
        .prefetch_related(Prefetch("agenda_items", queryset=agenda, to_attr="feed_agenda"))
        .order_by("starts_at", "pk")
    )


def _deadlines(user, condition: Q):
    return (
        decision_list(user=user)
        .filter(condition, status=c.DecisionStatus.OPEN, deadline__isnull=False)
        .select_related("network", "body")
        .order_by("deadline", "pk")
    )


def user_feed(user) -> dict:
    """Meetings of the bodies the user represents an organisation in or chairs (every meeting of the
    networks where they are secretariat), those bodies' open decisions' deadlines, and the user's own
    open action points (theirs by name or their organisation's)."""
    p = principal(user)
    today = timezone.localdate()
    represented = (
        Representative.objects.filter(
            person__user=user,
            person__deleted_at__isnull=True,
            membership__deleted_at__isnull=True,
            start_date__lte=today,
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .values("membership__body_id")
    )
    chaired_terms = ChairTerm.objects.filter(
        person__user=user, start_date__lte=today, end_date__gte=today
    ).values("body_id")
    networks = p.network_ids()
    chaired = {b for n in networks for b in p.chaired_body_ids(n)}
    secretariat = [n for n in networks if p.is_secretariat(n)]
    own_orgs = {o for n in networks for o in p.organisation_ids(n)}
    bodies = (
        Q(body_id__in=represented)
        | Q(body_id__in=chaired_terms)
        | Q(body_id__in=chaired)
        | Q(network_id__in=secretariat)
    )
    action_points = (
        action_point_list(user=user)
        .filter(status__in=c.OPEN_ACTION_STATUSES)
        .filter(Q(owner_person__user=user) | Q(owner_organisation_id__in=own_orgs))
        .order_by("due_date", "pk")
    )
    return {
        "name": _("Mignet: %(name)s") % {"name": user},
        "meetings": _meetings(user, bodies),
        "decisions": _deadlines(user, bodies),
        "action_points": action_points,
    }


def body_feed(user, body_id: int) -> dict:
    """One body's meetings and its open decisions' deadlines; Http404 if the user may not see the body."""
    body = body_list(user=user).filter(pk=body_id).select_related("network").first()
    if body is None:
        raise Http404
    return {
        "name": f"{body} ({body.network})",
        "meetings": _meetings(user, Q(body=body)),
        "decisions": _deadlines(user, Q(body=body)),
        "action_points": (),
    }


# --- Views


def _invalid_key() -> HttpResponse:
    return HttpResponseNotFound(
        _(
            "This calendar address is not valid. It may have been revoked. "
            "Get a new one from your profile page."
        ),
        content_type="text/plain; charset=utf-8",
    )


def _calendar_response(user, build) -> HttpResponse:
    with translation.override(user.language or None):
        items = build()
        content = ics.feed_ics(**items)
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    response["Content-Disposition"] = 'inline; filename="mignet.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response


@login_not_required
@require_safe
def user_feed_view(request, key: str):
    """The private feed of the calendar token `key` (404 with a plain sentence if it is not valid)."""
    user = token_authenticate(key, kind=ApiTokenKind.CALENDAR)
    if user is None:
        return _invalid_key()
    return _calendar_response(user, lambda: user_feed(user))


@login_not_required
@require_safe
def body_feed_view(request, key: str, body_id: int):
    """One body's feed, read as the owner of the calendar token `key`."""
    user = token_authenticate(key, kind=ApiTokenKind.CALENDAR)
    if user is None:
        return _invalid_key()
    try:
        return _calendar_response(user, lambda: body_feed(user, body_id))
    except Http404:
        return HttpResponseNotFound(
            _("This body does not exist, or this calendar address does not give access to it."),
            content_type="text/plain; charset=utf-8",
        )
