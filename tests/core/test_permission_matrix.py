"""Every URL pattern × every role has an expected answer (DESIGN.md section 7).

Roles, in column order: anonymous, viewer, partner, member (UNHCR focal point), chair (of the TWG),
secretariat. Pages that change nothing are asked with GET; POST-only pages with POST. A URL pattern
missing from the table fails `test_every_url_pattern_is_in_the_matrix`, so a new page cannot ship
without a decision about who may open it.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from mignet.core.choices import Visibility
from mignet.network import choices as c
from mignet.network.models import Nomination, Organisation, RoleAssignment, ThematicArea

from ..factories import (
    BodyFactory,
    ChairTermFactory,
    MembershipFactory,
    NominationFactory,
    OrganisationFactory,
    PersonFactory,
    RepresentativeFactory,
    RoleAssignmentFactory,
)

ROLES = ("anonymous", "viewer", "partner", "member", "chair", "secretariat")
LOGIN = 302  # anonymous users are sent to the sign-in page


def row(*codes):
    assert len(codes) == len(ROLES)
    return dict(zip(ROLES, codes, strict=True))


ALL_200 = row(200, 200, 200, 200, 200, 200)
SIGNED_IN = row(LOGIN, 200, 200, 200, 200, 200)
SECRETARIAT_ONLY = row(LOGIN, 403, 403, 403, 403, 200)
INTERNAL_SECRETARIAT = row(
    LOGIN, 404, 404, 403, 403, 200
)  # internal record: partners and viewers do not see it
RESTORE = row(LOGIN, 404, 404, 404, 404, 302)
NOT_ALLOWED_METHOD = row(LOGIN, 405, 405, 405, 405, 405)

# (url name, method, object key) → expected status per role.
HTML = {
    ("home", "get", None): row(200, 302, 302, 302, 302, 302),  # signed-in users go straight to their network
    ("healthz", "get", None): ALL_200,
    ("set_language", "post", None): row(302, 302, 302, 302, 302, 302),
    ("accounts:profile", "get", None): SIGNED_IN,
    ("accounts:token-create", "get", None): NOT_ALLOWED_METHOD,
    ("accounts:token-revoke", "post", "token"): row(
        LOGIN, 404, 404, 404, 404, 302
    ),  # only the token's owner (secretariat)
    ("api-schema", "get", None): ALL_200,
    ("api-docs", "get", None): ALL_200,
    ("network:home", "get", None): SIGNED_IN,
    ("network:about", "get", None): ALL_200,
    ("network:network-update", "get", None): SECRETARIAT_ONLY,
    ("network:network-history", "get", None): SIGNED_IN,
    # Organisations: focal points and partners edit their own (the member's is UNHCR; "organisation" is IOM).
    ("network:organisation-list", "get", None): SIGNED_IN,
    ("network:organisation-create", "get", None): SECRETARIAT_ONLY,
    ("network:organisation-detail", "get", "organisation"): SIGNED_IN,
    ("network:organisation-update", "get", "organisation"): SECRETARIAT_ONLY,
    ("network:organisation-update", "get", "own_organisation"): row(LOGIN, 403, 403, 200, 403, 200),
    ("network:organisation-delete", "get", "organisation"): SECRETARIAT_ONLY,
    ("network:organisation-restore", "post", "deleted_organisation"): RESTORE,
    ("network:organisation-history", "get", "organisation"): SIGNED_IN,
    # People: focal points and partners add and edit their own organisation's people.
    ("network:person-list", "get", None): SIGNED_IN,
    ("network:person-create", "get", None): row(LOGIN, 403, 200, 200, 403, 200),
    ("network:person-detail", "get", "person"): SIGNED_IN,
    ("network:person-update", "get", "person"): SECRETARIAT_ONLY,
    ("network:person-update", "get", "own_person"): row(LOGIN, 403, 403, 200, 403, 200),
    ("network:person-delete", "get", "person"): SECRETARIAT_ONLY,
    ("network:person-restore", "post", "deleted_person"): RESTORE,
    ("network:person-history", "get", "person"): SIGNED_IN,
    ("network:body-list", "get", None): SIGNED_IN,
    ("network:body-create", "get", None): SECRETARIAT_ONLY,
    ("network:body-detail", "get", "body"): SIGNED_IN,
    ("network:body-update", "get", "body"): SECRETARIAT_ONLY,
    ("network:body-delete", "get", "body"): SECRETARIAT_ONLY,
    ("network:body-restore", "post", "deleted_body"): RESTORE,
    ("network:body-history", "get", "body"): SIGNED_IN,
    # Memberships: a chair proposes memberships of the body they chair.
    ("network:membership-list", "get", None): SIGNED_IN,
    ("network:membership-create", "get", None): row(LOGIN, 403, 403, 403, 200, 200),
    ("network:membership-detail", "get", "membership"): SIGNED_IN,
    ("network:membership-update", "get", "membership"): SECRETARIAT_ONLY,
    ("network:membership-delete", "get", "membership"): SECRETARIAT_ONLY,
    ("network:membership-restore", "post", "deleted_membership"): RESTORE,
    ("network:membership-history", "get", "membership"): SIGNED_IN,
    ("network:membership-decide", "get", "membership"): SECRETARIAT_ONLY,
    # Representatives: focal points and partners name their own organisation's representatives.
    ("network:representative-list", "get", None): SIGNED_IN,
    ("network:representative-create", "get", None): row(LOGIN, 403, 200, 200, 403, 200),
    ("network:representative-detail", "get", "representative"): SIGNED_IN,
    ("network:representative-update", "get", "representative"): SECRETARIAT_ONLY,
    ("network:representative-update", "get", "own_representative"): row(LOGIN, 403, 403, 200, 403, 200),
    ("network:representative-delete", "get", "representative"): SECRETARIAT_ONLY,
    ("network:representative-restore", "post", "deleted_representative"): RESTORE,
    ("network:representative-history", "get", "representative"): SIGNED_IN,
    ("network:chairterm-list", "get", None): SIGNED_IN,
    ("network:chairterm-create", "get", None): SECRETARIAT_ONLY,
    ("network:chairterm-detail", "get", "chair_term"): SIGNED_IN,
    ("network:chairterm-update", "get", "chair_term"): SECRETARIAT_ONLY,
    ("network:chairterm-delete", "get", "chair_term"): SECRETARIAT_ONLY,
    ("network:chairterm-restore", "post", "deleted_chair_term"): RESTORE,
    ("network:chairterm-history", "get", "chair_term"): SIGNED_IN,
    # Nominations: the consortium's partner nominates; the secretariat decides.
    ("network:nomination-list", "get", None): SIGNED_IN,
    ("network:nomination-create", "get", None): row(LOGIN, 403, 200, 403, 403, 200),
    ("network:nomination-detail", "get", "nomination"): SIGNED_IN,
    ("network:nomination-update", "get", "nomination"): SECRETARIAT_ONLY,
    ("network:nomination-delete", "get", "nomination"): SECRETARIAT_ONLY,
    ("network:nomination-restore", "post", "deleted_nomination"): RESTORE,
    ("network:nomination-history", "get", "nomination"): SIGNED_IN,
    ("network:nomination-decide", "get", "nomination"): SECRETARIAT_ONLY,
    # Role assignments are internal: the secretariat manages them; others see only their own.
    ("network:roleassignment-list", "get", None): SIGNED_IN,
    ("network:roleassignment-create", "get", None): SECRETARIAT_ONLY,
    ("network:roleassignment-detail", "get", "role_assignment"): row(LOGIN, 404, 404, 404, 404, 200),
    ("network:roleassignment-update", "get", "role_assignment"): row(LOGIN, 404, 404, 404, 404, 200),
    ("network:roleassignment-delete", "get", "role_assignment"): row(LOGIN, 404, 404, 404, 404, 200),
    ("network:roleassignment-restore", "post", "deleted_role_assignment"): RESTORE,
    ("network:roleassignment-history", "get", "role_assignment"): row(LOGIN, 404, 404, 404, 404, 200),
    ("network:terms-list", "get", None): SIGNED_IN,
    ("network:terms-create", "get", None): SECRETARIAT_ONLY,
    ("network:terms-detail", "get", "terms"): SIGNED_IN,
    ("network:terms-update", "get", "terms"): SECRETARIAT_ONLY,
    ("network:terms-delete", "get", "terms"): SECRETARIAT_ONLY,
    ("network:terms-restore", "post", "deleted_terms"): RESTORE,
    ("network:terms-history", "get", "terms"): SIGNED_IN,
    ("network:thematicarea-list", "get", None): SIGNED_IN,
    ("network:thematicarea-create", "get", None): SECRETARIAT_ONLY,
    ("network:thematicarea-detail", "get", "theme"): SIGNED_IN,
    ("network:thematicarea-update", "get", "theme"): SECRETARIAT_ONLY,
    ("network:thematicarea-delete", "get", "theme"): SECRETARIAT_ONLY,
    ("network:thematicarea-restore", "post", "deleted_theme"): RESTORE,
    ("network:thematicarea-history", "get", "theme"): SIGNED_IN,
}

# Meetings: the chair runs the TWG's meetings, minutes and decisions; member focal points propose agenda
# items; focal points and partners record their own organisation's positions and update their own actions.
RUNS_TWG = row(LOGIN, 403, 403, 403, 200, 200)
for model, key in (
    ("meeting", "meeting"),
    ("agendaitem", "agenda_item"),
    ("attendance", "attendance"),
    ("minutes", "minutes"),
    ("decision", "decision"),
    ("actionpoint", "action_point"),
):
    HTML[(f"meetings:{model}-list", "get", None)] = SIGNED_IN
    HTML[(f"meetings:{model}-create", "get", None)] = RUNS_TWG
    HTML[(f"meetings:{model}-detail", "get", key)] = SIGNED_IN
    HTML[(f"meetings:{model}-update", "get", key)] = RUNS_TWG
    HTML[(f"meetings:{model}-delete", "get", key)] = RUNS_TWG
    HTML[(f"meetings:{model}-restore", "post", f"deleted_{key}")] = RESTORE
    HTML[(f"meetings:{model}-history", "get", key)] = SIGNED_IN
HTML[("meetings:agendaitem-create", "get", None)] = row(LOGIN, 403, 403, 200, 200, 200)
HTML[("meetings:agendaitem-update", "get", "own_agenda_item")] = row(LOGIN, 403, 403, 200, 200, 200)
HTML[("meetings:actionpoint-update", "get", "action_point")] = row(LOGIN, 403, 403, 200, 200, 200)
HTML.update(
    {
        ("meetings:meeting-cancel", "get", "meeting"): RUNS_TWG,
        ("meetings:meeting-invite", "get", "meeting"): RUNS_TWG,
        ("meetings:meeting-circulate", "get", "meeting"): RUNS_TWG,
        ("meetings:meeting-register", "get", "meeting"): RUNS_TWG,
        ("meetings:minutes-circulate", "get", "minutes"): RUNS_TWG,
        ("meetings:minutes-correct", "get", "minutes"): RUNS_TWG,
        ("meetings:decision-position", "get", "decision"): row(LOGIN, 403, 200, 200, 200, 200),
        ("meetings:decision-close", "get", "decision"): RUNS_TWG,
        ("meetings:decision-withdraw", "get", "decision"): RUNS_TWG,
        ("meetings:my-actions", "get", None): SIGNED_IN,
        # Exports answer whoever may read the record (the document holds what that reader may see).
        ("meetings:meeting-agenda-docx", "get", "meeting"): SIGNED_IN,
        ("meetings:meeting-agenda-pdf", "get", "meeting"): SIGNED_IN,
        ("meetings:minutes-docx", "get", "minutes"): SIGNED_IN,
        ("meetings:minutes-pdf", "get", "minutes"): SIGNED_IN,
        # Calendar feeds: the key in the address is the credential (a calendar app sends no cookie).
        ("calendar:user-feed", "get", "calendar_key"): ALL_200,
        ("calendar:user-feed", "get", "guessed_key"): row(404, 404, 404, 404, 404, 404),
        ("calendar:body-feed", "get", "calendar_key"): ALL_200,
        ("calendar:body-feed", "get", "revoked_key"): row(404, 404, 404, 404, 404, 404),
    }
)

# Library: a draft is seen by its author (the UNHCR focal point), the chair of the body that produced it
# and the secretariat; published ones as their visibility allows; the public portal by anyone.
ADDS_RESOURCES = row(LOGIN, 403, 200, 200, 200, 200)
DRAFT_READERS = row(LOGIN, 404, 404, 200, 200, 200)
DRAFT_EDITORS = row(LOGIN, 404, 404, 200, 403, 200)
HTML.update(
    {
        ("library:resource-list", "get", None): SIGNED_IN,
        ("library:resource-create", "get", None): ADDS_RESOURCES,
        ("library:resource-detail", "get", "draft_resource"): DRAFT_READERS,
        ("library:resource-detail", "get", "published_resource"): SIGNED_IN,
        ("library:resource-update", "get", "draft_resource"): DRAFT_EDITORS,
        ("library:resource-update", "get", "published_resource"): SECRETARIAT_ONLY,
        ("library:resource-delete", "get", "draft_resource"): DRAFT_EDITORS,
        ("library:resource-restore", "post", "deleted_resource"): RESTORE,
        ("library:resource-history", "get", "draft_resource"): DRAFT_READERS,
        ("library:resource-submit", "get", "draft_resource"): DRAFT_EDITORS,
        ("library:resource-review", "get", "review_resource"): row(LOGIN, 404, 404, 403, 200, 200),
        ("library:resource-unpublish", "get", "published_resource"): SECRETARIAT_ONLY,
        ("library:version-create", "get", "draft_resource"): DRAFT_EDITORS,
        ("library:version-download", "get", "published_version"): SIGNED_IN,
        ("library:version-download", "get", "draft_version"): DRAFT_READERS,
        ("library:capacityrequest-list", "get", None): SIGNED_IN,
        ("library:capacityrequest-create", "get", None): row(LOGIN, 200, 200, 200, 200, 200),
        ("library:capacityrequest-detail", "get", "capacity_request"): SIGNED_IN,
        ("library:capacityrequest-update", "get", "capacity_request"): SECRETARIAT_ONLY,
        ("library:capacityrequest-delete", "get", "capacity_request"): SECRETARIAT_ONLY,
        ("library:capacityrequest-restore", "post", "deleted_capacity_request"): RESTORE,
        ("library:capacityrequest-history", "get", "capacity_request"): SIGNED_IN,
        ("library:capacityrequest-advance", "get", "capacity_request"): SECRETARIAT_ONLY,
        ("portal:library", "get", None): ALL_200,
        ("portal:feed", "get", None): ALL_200,
        ("portal:resource", "get", "public_resource"): ALL_200,
        ("portal:resource", "get", "published_resource"): row(404, 404, 404, 404, 404, 404),
        ("portal:resource-short", "get", "public_resource"): row(301, 301, 301, 301, 301, 301),
        ("portal:download", "get", "public_version"): ALL_200,
        ("portal:download", "get", "published_version"): row(404, 404, 404, 404, 404, 404),
    }
)

# django-allauth's pages: sign-in, reset and two-factor flows (sign-up is closed: accounts are given by the secretariat).
ALLAUTH = {
    ("account_login", "get", None): row(200, 302, 302, 302, 302, 302),
    ("account_logout", "get", None): row(302, 200, 200, 200, 200, 200),
    ("account_inactive", "get", None): ALL_200,
    ("account_signup", "get", None): row(200, 302, 302, 302, 302, 302),  # shows "sign up closed"
    ("account_reauthenticate", "get", None): SIGNED_IN,
    ("account_request_reauthentication_code", "get", None): row(
        LOGIN, 302, 302, 302, 302, 302
    ),  # login codes are off
    ("account_confirm_reauthentication_code", "get", None): row(LOGIN, 302, 302, 302, 302, 302),
    ("account_email", "get", None): SIGNED_IN,
    ("account_email_verification_sent", "get", None): ALL_200,
    ("account_change_password", "get", None): SIGNED_IN,
    ("account_set_password", "get", None): row(
        LOGIN, 302, 302, 302, 302, 302
    ),  # users with a password change it
    ("account_reset_password", "get", None): ALL_200,
    ("account_confirm_login_code", "get", None): row(302, 302, 302, 302, 302, 302),
    ("account_confirm_email", "get", "email_key"): ALL_200,
    ("account_reset_password_from_key_done", "get", None): ALL_200,
    ("account_reset_password_from_key", "get", "reset_key"): ALL_200,
    ("account_reset_password_done", "get", None): ALL_200,
    ("mfa_index", "get", None): SIGNED_IN,
    ("mfa_authenticate", "get", None): row(302, 302, 302, 302, 302, 302),  # only mid-way through a sign-in
    ("mfa_reauthenticate", "get", None): row(
        LOGIN, 302, 302, 302, 302, 302
    ),  # nothing to reauthenticate with
    ("mfa_activate_totp", "get", None): row(
        LOGIN, 302, 302, 302, 302, 302
    ),  # asks for a recent sign-in first
    ("mfa_deactivate_totp", "get", None): row(LOGIN, 404, 404, 404, 404, 404),  # no TOTP to deactivate
    ("mfa_view_recovery_codes", "get", None): row(LOGIN, 404, 404, 404, 404, 404),
    ("mfa_generate_recovery_codes", "get", None): row(LOGIN, 302, 302, 302, 302, 302),
    ("mfa_download_recovery_codes", "get", None): row(LOGIN, 404, 404, 404, 404, 404),
}

API_OBJECT = {
    "organisation": "organisation",
    "person": "person",
    "body": "body",
    "membership": "membership",
    "representative": "representative",
    "chair-term": "chair_term",
    "nomination": "nomination",
    "role-assignment": "role_assignment",
    "terms-of-reference": "terms",
    "thematic-area": "theme",
    "meeting": "meeting",
    "agenda-item": "agenda_item",
    "attendance": "attendance",
    "minutes": "minutes",
    "decision": "decision",
    "action-point": "action_point",
    "capacity-request": "capacity_request",
}
API = {
    ("api-root", "get", None): ALL_200,
    ("network-list", "get", None): ALL_200,
    ("network-detail", "get", "network_slug"): ALL_200,
    ("network-detail", "patch", "network_slug"): row(401, 403, 403, 403, 403, 200),
}
for basename, key in API_OBJECT.items():
    public_list = ALL_200  # lists answer everyone, filtered to what each may read
    API[(f"{basename}-list", "get", None)] = public_list
    API[(f"{basename}-restore", "post", f"deleted_{key}")] = row(401, 404, 404, 404, 404, 200)
    if basename == "role-assignment":  # reading what one may not see answers 404, as if it did not exist
        API[(f"{basename}-detail", "get", key)] = row(404, 404, 404, 404, 404, 200)
        API[(f"{basename}-history", "get", key)] = row(404, 404, 404, 404, 404, 200)
    elif basename in (
        "terms-of-reference",
        "organisation",
        "thematic-area",
    ):  # the ToR, UN members and themes are public
        API[(f"{basename}-detail", "get", key)] = ALL_200  # the ToR is public
        API[(f"{basename}-history", "get", key)] = ALL_200
    else:
        API[(f"{basename}-detail", "get", key)] = row(404, 200, 200, 200, 200, 200)
        API[(f"{basename}-history", "get", key)] = row(404, 200, 200, 200, 200, 200)
API[("organisation-detail", "patch", "organisation")] = row(401, 403, 403, 403, 403, 200)
API[("organisation-detail", "patch", "own_organisation")] = row(401, 403, 403, 200, 403, 200)
API[("organisation-detail", "delete", "spare_organisation")] = row(401, 403, 403, 403, 403, 204)
API[("organisation-list", "post", "new_organisation")] = row(401, 403, 403, 403, 403, 201)
API[("person-list", "post", "new_own_person")] = row(401, 403, 403, 201, 403, 201)
API[("membership-list", "post", "new_twg_membership")] = row(401, 403, 403, 403, 201, 201)
API[("nomination-decide", "post", "nomination")] = row(401, 403, 403, 403, 403, 200)
# Meetings: the TWG's chair runs its meetings, minutes and decisions; "fresh_…" objects are made anew for
# each role, so one role's step (a cancellation) does not change what the next role meets.
RUNS_TWG_API = row(401, 403, 403, 403, 200, 200)
API.update(
    {
        ("meeting-cancel", "post", "fresh_meeting"): RUNS_TWG_API,
        ("meeting-invite", "post", "meeting"): RUNS_TWG_API,
        ("meeting-circulate-agenda", "post", "meeting"): RUNS_TWG_API,
        ("minutes-circulate", "post", "fresh_minutes"): RUNS_TWG_API,
        ("minutes-correct", "post", "fresh_approved_minutes"): row(401, 403, 403, 403, 201, 201),
        ("decision-close", "post", "fresh_decision"): RUNS_TWG_API,
        ("decision-withdraw", "post", "fresh_decision"): RUNS_TWG_API,
        ("decision-positions", "get", "decision"): row(404, 200, 200, 200, 200, 200),
        # A partner speaks for its consortium, a focal point for UNHCR; the viewer for nobody.
        ("decision-positions", "post", "fresh_decision"): row(401, 403, 200, 200, 200, 200),
        ("position-list", "get", None): ALL_200,
        ("position-detail", "get", "position"): row(404, 200, 200, 200, 200, 200),
        ("position-history", "get", "position"): row(404, 200, 200, 200, 200, 200),
        ("meeting-list", "post", "new_twg_meeting"): row(401, 403, 403, 403, 201, 201),
        ("action-point-detail", "patch", "action_point"): row(401, 403, 403, 200, 200, 200),
        # Library
        ("resource-list", "get", None): ALL_200,
        ("resource-detail", "get", "draft_resource"): row(404, 404, 404, 200, 200, 200),
        ("resource-detail", "get", "published_resource"): row(404, 200, 200, 200, 200, 200),
        ("resource-history", "get", "draft_resource"): row(404, 404, 404, 200, 200, 200),
        ("resource-restore", "post", "deleted_resource"): row(401, 404, 404, 404, 404, 200),
        ("resource-versions", "get", "draft_resource"): row(404, 404, 404, 200, 200, 200),
        ("resource-submit", "post", "fresh_draft_resource"): row(401, 404, 404, 200, 403, 200),
        ("resource-return", "post", "fresh_review_resource"): row(401, 404, 404, 403, 200, 200),
        ("resource-publish", "post", "fresh_review_resource"): row(401, 404, 404, 403, 200, 200),
        ("resource-unpublish", "post", "fresh_published_resource"): row(401, 403, 403, 403, 403, 200),
        ("resource-version-list", "get", None): ALL_200,
        ("resource-version-detail", "get", "published_version"): row(404, 200, 200, 200, 200, 200),
        ("resource-version-download", "get", "published_version"): row(404, 200, 200, 200, 200, 200),
        ("capacity-request-advance", "post", "fresh_capacity_request"): row(401, 403, 403, 403, 403, 200),
    }
)
for basename in (
    "gcm-objective",
    "guiding-principle",
    "sdg-target",
    "district",
    "un-entity",
    "human-rights-mechanism",
    "stakeholder-category",
    "government-body",
):
    API[(f"{basename}-list", "get", None)] = ALL_200
    API[(f"{basename}-detail", "get", f"ref:{basename}")] = ALL_200

# Plans (issue 4): its rows, objects and payloads live beside its tests.
from tests.plans import matrix as plans_matrix  # noqa: E402

HTML.update(plans_matrix.HTML)
API.update(plans_matrix.API)

MATRIX = {**HTML, **ALLAUTH, **API}


def all_url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, namespace + (f"{p.namespace}:" if p.namespace else ""))
            elif isinstance(p, URLPattern) and p.name:
                names.add(namespace + p.name)

    walk(get_resolver().url_patterns)
    return {n for n in names if not n.startswith("admin:")}


def test_every_url_pattern_is_in_the_matrix():
    covered = {name for name, _method, _key in MATRIX}
    missing = sorted(all_url_names() - covered)
    assert not missing, f"URL patterns without an expected answer per role: {missing}"


@pytest.fixture
def objects(network, users, iom, unhcr, consortium, twg):
    """One record of each kind in the Bangladesh Network, plus a deleted one of each for restore."""
    from mignet.accounts.services import token_create, token_revoke
    from mignet.core import models as ref
    from mignet.network.models import TermsOfReference

    today = timezone.localdate()
    membership = MembershipFactory(network=network, body=twg, organisation=iom)
    own_membership = MembershipFactory(network=network, body=twg, organisation=unhcr)
    objs = {
        "organisation": iom,
        "own_organisation": unhcr,
        "spare_organisation": OrganisationFactory(
            network=network, name="Spare NGO", kind=c.OrganisationKind.NGO_CSO
        ),
        "person": PersonFactory(network=network, organisation=iom),
        "own_person": PersonFactory(network=network, organisation=unhcr),
        "body": twg,
        "membership": membership,
        "representative": RepresentativeFactory(
            network=network, membership=membership, person=PersonFactory(network=network, organisation=iom)
        ),
        "own_representative": RepresentativeFactory(
            network=network,
            membership=own_membership,
            person=PersonFactory(network=network, organisation=unhcr),
        ),
        "chair_term": ChairTermFactory(
            network=network,
            body=twg,
            organisation=iom,
            start_date=today,
            end_date=today + datetime.timedelta(days=300),
        ),
        "nomination": NominationFactory(
            network=network,
            consortium=consortium,
            body=twg,
            person=PersonFactory(network=network, organisation=consortium),
        ),
        "role_assignment": RoleAssignment.objects.get(user=users["secretariat"]),
        "terms": TermsOfReference.objects.get(network=network),
        "network_slug": network,
        "theme": ThematicArea.objects.filter(network=network).first(),
        "token": token_create(actor=users["secretariat"], name="secretariat's script")[0],
        "calendar_key": token_create(actor=users["member"], name="Outlook", kind="calendar")[1],
        "guessed_key": "not-a-real-calendar-key-0123456789abcdefghij",
        "consortium": consortium,
        "_member": users["member"],
    }
    revoked, revoked_key = token_create(actor=users["member"], name="Old phone", kind="calendar")
    token_revoke(actor=users["member"], token=revoked)
    objs["revoked_key"] = revoked_key
    deleted = {
        "deleted_organisation": OrganisationFactory(network=network),
        "deleted_person": PersonFactory(network=network, organisation=iom),
        "deleted_body": BodyFactory(network=network),
        "deleted_membership": MembershipFactory(network=network, body=twg),
        "deleted_representative": RepresentativeFactory(
            network=network, membership=membership, person=PersonFactory(network=network, organisation=iom)
        ),
        "deleted_chair_term": ChairTermFactory(network=network, body=twg, organisation=iom),
        "deleted_nomination": NominationFactory(
            network=network,
            consortium=consortium,
            body=twg,
            person=PersonFactory(network=network, organisation=consortium),
        ),
        "deleted_role_assignment": RoleAssignmentFactory(
            network=network, user=users["viewer"], role="partner", organisation=consortium
        ),
        "deleted_theme": ThematicArea.objects.create(network=network, name="Old theme"),
        "deleted_terms": TermsOfReference.objects.create(
            network=network, number=2, title="Draft ToR v2", visibility=Visibility.NETWORK
        ),
    }
    objs.update(_meeting_objects(network, twg, iom, unhcr))
    objs.update(_library_objects(network, twg, users, unhcr))
    objs.update(plans_matrix.objects(network, twg, users, unhcr, iom))
    for obj in deleted.values():
        type(obj).all_objects.filter(pk=obj.pk).update(deleted_at=timezone.now())
    objs.update(deleted)
    refs = {
        "gcm-objective": ref.GCMObjective,
        "guiding-principle": ref.GuidingPrinciple,
        "sdg-target": ref.SDGTarget,
        "district": ref.District,
        "un-entity": ref.UNEntity,
        "human-rights-mechanism": ref.HumanRightsMechanism,
        "stakeholder-category": ref.StakeholderCategory,
        "government-body": ref.GovernmentBody,
    }
    for basename, model in refs.items():
        objs[f"ref:{basename}"] = model.objects.first()
    return objs


def _meeting_objects(network, twg, iom, unhcr) -> dict:
    """A TWG meeting with an agenda item, attendance, minutes, a decision and an action point (and deleted ones)."""
    from mignet.meetings.models import Attendance, Minutes

    from ..factories import ActionPointFactory, AgendaItemFactory, DecisionFactory, MeetingFactory

    meeting = MeetingFactory(network=network, body=twg)
    person = PersonFactory(network=network, organisation=iom)
    consortium = Organisation.objects.get(network=network, acronym="CSOA")
    MembershipFactory(network=network, body=twg, organisation=consortium)  # takes part in TWG decisions
    from mignet.meetings.models import Position

    objs = {
        "meeting": meeting,
        "agenda_item": AgendaItemFactory(meeting=meeting, presenter=iom),
        "own_agenda_item": AgendaItemFactory(meeting=meeting, presenter=unhcr),
        "attendance": Attendance.objects.create(
            network=network, meeting=meeting, person=person, organisation=iom
        ),
        "minutes": Minutes.objects.create(network=network, meeting=meeting, text="# Minutes"),
        "decision": DecisionFactory(network=network, body=twg),
        "action_point": ActionPointFactory(meeting=meeting, owner_organisation=unhcr),
    }
    objs["position"] = Position.objects.create(
        network=network, decision=objs["decision"], organisation=unhcr, value="agree"
    )
    other = MeetingFactory(network=network, body=twg)
    deleted = {
        "deleted_meeting": MeetingFactory(network=network, body=twg),
        "deleted_agenda_item": AgendaItemFactory(meeting=meeting),
        "deleted_attendance": Attendance.objects.create(
            network=network, meeting=other, person=person, organisation=iom
        ),
        "deleted_minutes": Minutes.objects.create(network=network, meeting=other, text="Old"),
        "deleted_decision": DecisionFactory(network=network, body=twg),
        "deleted_action_point": ActionPointFactory(meeting=meeting, owner_organisation=iom),
    }
    for obj in deleted.values():
        type(obj).all_objects.filter(pk=obj.pk).update(deleted_at=timezone.now())
    return {**objs, **deleted}


def _resource(network, twg, author_org, *, title, status, visibility="network", by=None):
    from mignet.library.models import Resource

    resource = Resource.objects.create(
        network=network,
        kind="policy_brief",
        title=title,
        body=twg,
        status=status,
        visibility=visibility,
        created_by=by,
        published_at=timezone.now() if status == "published" else None,
    )
    resource.authors.add(author_org)
    return resource


def _version(resource):
    from django.core.files.base import ContentFile

    from mignet.library.models import ResourceVersion

    return ResourceVersion.objects.create(
        network=resource.network,
        resource=resource,
        number=1,
        visibility=resource.visibility,
        file=ContentFile(b"district,returnees\nSylhet,12\n", name="returnees.csv"),
        original_name="returnees.csv",
        content_type="text/csv",
        size=28,
        text_status="extracted",
    )


def _library_objects(network, twg, users, unhcr) -> dict:
    """Resources in each review state (the draft and the one in review added by UNHCR's focal point for the
    TWG), their files, a capacity-building request, and deleted ones."""
    from mignet.library.models import CapacityRequest

    member = users["member"]
    draft = _resource(network, twg, unhcr, title="Draft brief", status="draft", by=member)
    published = _resource(network, twg, unhcr, title="Published brief", status="published", by=member)
    public = _resource(
        network, twg, unhcr, title="Public brief", status="published", visibility="public", by=member
    )
    objs = {
        "draft_resource": draft,
        "draft_version": _version(draft),
        "review_resource": _resource(
            network, twg, unhcr, title="Brief in review", status="in_review", by=member
        ),
        "published_resource": published,
        "published_version": _version(published),
        "public_resource": public,
        "public_version": _version(public),
        "capacity_request": CapacityRequest.objects.create(
            network=network, title="Training on ethical recruitment", requester=unhcr
        ),
        "deleted_resource": _resource(network, twg, unhcr, title="Deleted brief", status="draft", by=member),
        "deleted_capacity_request": CapacityRequest.objects.create(
            network=network, title="Old", requester=unhcr
        ),
    }
    for key in ("deleted_resource", "deleted_capacity_request"):
        type(objs[key]).all_objects.filter(pk=objs[key].pk).update(deleted_at=timezone.now())
    return objs


def _fresh(key: str, objects, network, twg):
    """A new object for each role, for steps that change their object (cancel, close, circulate…)."""
    from mignet.meetings.models import Minutes

    from ..factories import DecisionFactory, MeetingFactory

    if key == "fresh_meeting":
        return MeetingFactory(network=network, body=twg)
    if key == "fresh_minutes":
        return Minutes.objects.create(
            network=network, meeting=MeetingFactory(network=network, body=twg), text="Draft"
        )
    if key == "fresh_approved_minutes":
        return Minutes.objects.create(
            network=network,
            meeting=MeetingFactory(network=network, body=twg),
            text="Approved",
            status="approved",
            approved_at=timezone.now(),
        )
    if key == "fresh_decision":
        return DecisionFactory(network=network, body=twg)
    if key in ("fresh_draft_resource", "fresh_review_resource", "fresh_published_resource"):
        status = {"fresh_draft_resource": "draft", "fresh_review_resource": "in_review"}.get(key, "published")
        resource = _resource(
            network,
            twg,
            objects["own_organisation"],
            title=f"Brief {key}",
            status=status,
            by=objects["_member"],
        )
        _version(resource)
        return resource
    if key == "fresh_capacity_request":
        from mignet.library.models import CapacityRequest

        return CapacityRequest.objects.create(
            network=network, title="Support for returnee data", requester=objects["own_organisation"]
        )
    return plans_matrix.fresh(key, objects, network, twg)


def _kwargs(name: str, key: str | None, objects, network) -> dict:
    kwargs = {}
    if name.startswith(("network:", "meetings:", "library:", "portal:", "plans:")):
        kwargs["network"] = network.slug
    special = plans_matrix.kwargs(name, key, objects)
    if special is not None:
        return {**kwargs, **special}
    if name.startswith("calendar:"):
        kwargs["key"] = objects[key]
        if name == "calendar:body-feed":
            kwargs["body_id"] = objects["body"].pk
        return kwargs
    if key == "network_slug":
        kwargs["slug"] = network.slug
    elif key == "reset_key":
        kwargs.update(uidb36="1", key="set-password")
    elif key == "email_key":
        kwargs["key"] = "not-a-real-key"
    elif key in ("new_organisation", "new_own_person", "new_twg_membership", "new_twg_meeting"):
        pass
    elif name.startswith("portal:") and key is not None:
        kwargs["version_pk" if name == "portal:download" else "pk"] = objects[key].pk
        if name == "portal:resource":
            kwargs["slug"] = objects[key].slug
    elif key is not None:
        kwargs["pk"] = objects[key].pk
    return kwargs


def _payload(key, objects, network, twg, suffix=""):
    if key == "new_organisation":
        return {"network": network.slug, "name": "Refugee Law Clinic", "kind": "academia"}
    if key == "new_own_person":
        return {
            "network": network.slug,
            "full_name": "Rina Das",
            "organisation": objects["own_organisation"].pk,
        }
    if key == "new_twg_membership":
        org = Organisation.objects.create(
            network=network, name=f"Anchal Foundation {suffix}", kind=c.OrganisationKind.NGO_CSO
        )
        return {"network": network.slug, "body": twg.pk, "organisation": org.pk, "start_date": "2026-01-01"}
    if key == "nomination":
        return {"accept": False, "note": "matrix"}
    if key == "fresh_approved_minutes":
        return {"reason": "A name was misspelt."}
    if key == "fresh_review_resource":
        return {"comment": "Please cite the sources of the figures."}
    if key == "fresh_capacity_request":
        return {"status": "triaged", "note": "Matches GCM objective 6."}
    if key == "fresh_decision" and suffix == "position":
        own = {"partner": objects["consortium"], "secretariat": objects["own_organisation"]}
        return {"organisation": own.get(objects["_role"], objects["own_organisation"]).pk, "value": "agree"}
    if key in plans_matrix.PAYLOAD_KEYS:
        return plans_matrix.payload(key, objects, network, twg)
    if key == "new_twg_meeting":
        start = timezone.now() + datetime.timedelta(days=30)
        return {
            "network": network.slug,
            "body": twg.pk,
            "starts_at": start.isoformat(),
            "ends_at": (start + datetime.timedelta(hours=2)).isoformat(),
            "location": "ILO office",
            "invite": False,
        }
    return {}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "method", "key"), sorted(MATRIX, key=lambda k: (k[0], k[1], k[2] or "")), ids=lambda v: str(v)
)
def test_permission_matrix(name, method, key, client_for, objects, network, twg):
    from django.urls import reverse

    expected = MATRIX[(name, method, key)]
    answers = {}
    data = _payload(key, objects, network, twg) if method == "post" else None
    for role in ROLES:
        if key == "new_twg_membership":  # a different organisation each time, so no duplicate is refused
            data = _payload(
                key, objects, network, twg, suffix=role
            )  # the secretariat goes last: its writes succeed and change the data
        if key and key.startswith("fresh_"):
            objects[key] = _fresh(key, objects, network, twg)
        if name == "decision-positions" and method == "post":
            objects["_role"] = role
            data = _payload(key, objects, network, twg, suffix="position")
        client = client_for(role)
        url = reverse(name, kwargs=_kwargs(name, key, objects, network))
        if method == "get":
            response = client.get(url)
        elif method == "patch":
            obj = objects[key]
            obj.refresh_from_db()
            body = {"version": obj.version, "description": f"changed by {role}"}
            response = client.patch(url, body, content_type="application/json")
        elif method == "delete":
            response = client.delete(url)
        elif url.startswith("/api/"):
            response = client.post(url, data, content_type="application/json")
        else:
            response = client.post(url, {"language": "en", "next": "/"})
        answers[role] = response.status_code
    assert answers == expected
    if name == "nomination-decide":
        assert Nomination.objects.get(pk=objects["nomination"].pk).status == c.NominationStatus.DECLINED
