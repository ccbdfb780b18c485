"""The library's rules through its services, checked as a person would (issue 5).

A new resource is a draft seen only by its author, its authoring organisations' focal points, the chair of
its body and the secretariat; it goes for review only with a file or a link; its author never reviews it;
returning needs a comment; once published it is read as its visibility allows and, when public, on the
portal; only the secretariat edits or withdraws a published resource; versions are numbered and kept and
follow the resource's visibility; a deleted resource's files are not served. Capacity-building requests
move step by step, dated and noted, and only the secretariat matches, links and advances them."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.http import Http404

from mignet.core.choices import Role, Visibility
from mignet.core.models import GCMObjective, GovernmentBody
from mignet.library import choices as lc
from mignet.library import selectors, services
from mignet.library.models import CapacityRequestStep, Resource, ResourceVersion

from ..factories import OrganisationFactory, RoleAssignmentFactory, UserFactory

CSV = b"district,returnees\nSylhet,1200\nCumilla,950\n"
RS = lc.RequestStatus


@pytest.fixture
def people(network, users, iom):
    """The roles of tests/conftest.py plus IOM's focal point (who adds the resources below) and a member
    whose organisation has nothing to do with them."""
    author = UserFactory(email="author@example.org")
    RoleAssignmentFactory(network=network, user=author, role=Role.MEMBER, organisation=iom)
    other = UserFactory(email="other-member@example.org")
    RoleAssignmentFactory(
        network=network,
        user=other,
        role=Role.MEMBER,
        organisation=OrganisationFactory(network=network, name="Another agency", acronym="AA"),
    )
    return {**users, "author": author, "other_member": other}


def _csv(name="returnees.csv", content=CSV):
    return ContentFile(content, name=name)


def _add(people, network, twg, unhcr, *, actor="author", link="https://example.org/brief", **data):
    """A brief by UNHCR for the TWG, added by `actor` (IOM's focal point by default) with a link."""
    return services.resource_create(
        actor=people[actor],
        network=network,
        data={"kind": lc.ResourceKind.POLICY_BRIEF, "title": "Fair recruitment in the Gulf corridor", **data},
        m2m={"authors": [unhcr]},
        link=link,
        note="First edition" if link else "",
    )


def _sees(user, network, resource) -> bool:
    """What a person checks: is it in their library list, and does its page open?"""
    listed = selectors.resource_list(user=user, network=network).filter(pk=resource.pk).exists()
    try:
        selectors.resource_get(user=user, network=network, pk=resource.pk)
    except Http404:
        opens = False
    else:
        opens = True
    assert listed == opens, "the list and the page disagree"
    return listed


@pytest.fixture
def draft(people, network, twg, unhcr):
    return _add(people, network, twg, unhcr, body=twg)


def _in_review(people, resource, actor="author"):
    return services.resource_submit(actor=people[actor], instance=resource)


def _published(people, resource, *, reviewer="chair"):
    _in_review(people, resource)
    return services.resource_publish(actor=people[reviewer], instance=resource)


# --- A new resource is a draft its circle sees


def test_a_new_resource_is_a_draft_with_its_first_version(draft, people):
    assert draft.status == lc.ReviewStatus.DRAFT
    assert draft.created_by == people["author"]
    assert draft.published_at is None
    (version,) = ResourceVersion.objects.filter(resource=draft)
    assert (version.number, version.link, version.note) == (1, "https://example.org/brief", "First edition")
    assert version.uploaded_by == people["author"]


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("author", True),
        ("member", True),  # UNHCR's focal point: UNHCR is an authoring organisation
        ("chair", True),  # chairs the TWG that produced it (and reviews it)
        ("secretariat", True),
        ("other_member", False),
        ("partner", False),
        ("viewer", False),
        ("anonymous", False),
    ],
)
def test_a_draft_is_seen_by_its_author_focal_points_chair_and_secretariat_only(
    draft, people, network, role, sees
):
    assert _sees(people[role], network, draft) is sees


@pytest.mark.parametrize("role", ["author", "member", "chair", "secretariat", "other_member", "partner"])
def test_a_draft_in_review_or_returned_stays_in_the_same_circle(draft, people, network, role):
    expected = role in ("author", "member", "chair", "secretariat")
    _in_review(people, draft)
    assert _sees(people[role], network, draft) is expected
    services.resource_return(actor=people["chair"], instance=draft, comment="Cite the 2024 survey.")
    assert _sees(people[role], network, draft) is expected


def test_a_draft_without_a_body_is_not_seen_by_a_chair(people, network, twg, unhcr):
    resource = _add(people, network, twg, unhcr)
    assert not _sees(people["chair"], network, resource)
    assert _sees(people["member"], network, resource)


def test_the_author_chooses_who_reads_it_once_published(people, network, twg, unhcr):
    """The visibility an author chooses takes effect only when a reviewer publishes the resource."""
    resource = _add(people, network, twg, unhcr, visibility=Visibility.PUBLIC, body=twg)
    assert resource.visibility == Visibility.PUBLIC
    for role in ("anonymous", "viewer", "partner", "other_member"):
        assert not _sees(people[role], network, resource)
    assert not selectors.portal_list(network=network).filter(pk=resource.pk).exists()
    _published(people, resource)
    assert _sees(people["anonymous"], network, resource)
    assert selectors.portal_list(network=network).filter(pk=resource.pk).exists()


@pytest.mark.parametrize("role", ["viewer", "anonymous"])
def test_viewers_and_visitors_cannot_add_a_resource(people, network, twg, unhcr, role):
    with pytest.raises(PermissionDenied):
        _add(people, network, twg, unhcr, actor=role)


# --- Review


def test_sending_for_review_needs_a_file_or_a_link(people, network, twg, unhcr):
    resource = _add(people, network, twg, unhcr, link="")
    assert not resource.versions.exists()
    with pytest.raises(ValidationError) as refused:
        services.resource_submit(actor=people["author"], instance=resource)
    assert "Add a file or a link" in str(refused.value)
    resource.refresh_from_db()
    assert resource.status == lc.ReviewStatus.DRAFT
    services.version_upload(actor=people["author"], resource=resource, link="https://example.org/b")
    submitted = services.resource_submit(actor=people["author"], instance=resource)
    assert submitted.status == lc.ReviewStatus.IN_REVIEW
    assert submitted.submitted_at is not None


@pytest.mark.parametrize("role", ["other_member", "partner", "viewer", "chair"])
def test_only_who_may_edit_it_sends_it_for_review(draft, people, role):
    with pytest.raises(PermissionDenied):
        services.resource_submit(actor=people[role], instance=draft)


def test_a_focal_point_of_an_authoring_organisation_sends_it_for_review(draft, people):
    assert (
        services.resource_submit(actor=people["member"], instance=draft).status == lc.ReviewStatus.IN_REVIEW
    )


@pytest.mark.parametrize("author", ["secretariat", "chair"])
def test_the_author_never_reviews_even_as_secretariat_or_chair(people, network, twg, unhcr, author):
    resource = _add(people, network, twg, unhcr, actor=author, body=twg)
    _in_review(people, resource, actor=author)
    with pytest.raises(ValidationError, match="someone else must review"):
        services.resource_publish(actor=people[author], instance=resource)
    with pytest.raises(ValidationError, match="someone else must review"):
        services.resource_return(actor=people[author], instance=resource, comment="Looks fine to me.")
    resource.refresh_from_db()
    assert resource.status == lc.ReviewStatus.IN_REVIEW
    assert resource.reviewed_by is None
    other = "chair" if author == "secretariat" else "secretariat"
    assert services.resource_publish(actor=people[other], instance=resource).reviewed_by == people[other]


@pytest.mark.parametrize("role", ["member", "author", "other_member", "partner", "viewer"])
def test_a_focal_point_or_member_cannot_review(draft, people, role):
    _in_review(people, draft)
    with pytest.raises(PermissionDenied):
        services.resource_publish(actor=people[role], instance=draft)
    with pytest.raises(PermissionDenied):
        services.resource_return(actor=people[role], instance=draft, comment="Please revise.")
    draft.refresh_from_db()
    assert draft.status == lc.ReviewStatus.IN_REVIEW


def test_a_chair_reviews_only_what_their_body_produced(people, network, twg, unhcr):
    resource = _add(people, network, twg, unhcr)  # no body
    _in_review(people, resource)
    with pytest.raises(PermissionDenied):
        services.resource_publish(actor=people["chair"], instance=resource)


def test_only_a_resource_in_review_is_reviewed(draft, people):
    with pytest.raises(ValidationError, match="not waiting for review"):
        services.resource_publish(actor=people["secretariat"], instance=draft)


@pytest.mark.parametrize("comment", ["", "   \n "])
def test_returning_needs_a_comment(draft, people, comment):
    _in_review(people, draft)
    with pytest.raises(ValidationError) as refused:
        services.resource_return(actor=people["chair"], instance=draft, comment=comment)
    assert "comment" in refused.value.message_dict
    draft.refresh_from_db()
    assert draft.status == lc.ReviewStatus.IN_REVIEW


def test_returned_with_comments_then_sent_again_and_published(draft, people):
    _in_review(people, draft)
    returned = services.resource_return(
        actor=people["chair"], instance=draft, comment="  Add the 2024 departure figures.  "
    )
    assert returned.status == lc.ReviewStatus.RETURNED
    assert returned.review_comment == "Add the 2024 departure figures."
    assert returned.reviewed_by == people["chair"]
    services.version_upload(actor=people["author"], resource=draft, upload=_csv(), note="2024 figures")
    _in_review(people, draft)
    published = services.resource_publish(actor=people["chair"], instance=draft, comment="Thank you.")
    assert published.status == lc.ReviewStatus.PUBLISHED
    assert published.published_at is not None
    assert published.review_comment == "Thank you."
    reasons = list(published.history.order_by("history_date").values_list("history_change_reason", flat=True))
    assert reasons[-4:] == [
        "Sent for review",
        "Add the 2024 departure figures.",
        "Sent for review",
        "Published",
    ]


# --- Published: read as its visibility allows; public ones on the portal


READERS = ["author", "member", "chair", "secretariat", "other_member", "partner", "viewer", "anonymous"]


@pytest.mark.parametrize(
    ("visibility", "readers"),
    [
        (Visibility.INTERNAL, {"author", "member", "chair", "secretariat", "other_member"}),
        (Visibility.NETWORK, set(READERS) - {"anonymous"}),
        (Visibility.PUBLIC, set(READERS)),
    ],
)
def test_published_is_read_as_its_visibility_allows(draft, people, network, visibility, readers):
    services.resource_update(
        actor=people["secretariat"], instance=draft, version=draft.version, data={"visibility": visibility}
    )
    _published(people, draft)
    assert {role for role in READERS if _sees(people[role], network, draft)} == readers
    on_portal = selectors.portal_list(network=network).filter(pk=draft.pk).exists()
    assert on_portal is (visibility == Visibility.PUBLIC)


def test_a_public_draft_is_not_on_the_portal_until_published(people, network, twg, unhcr):
    resource = _add(people, network, twg, unhcr, actor="secretariat", visibility=Visibility.PUBLIC, body=twg)
    assert not selectors.portal_list(network=network).filter(pk=resource.pk).exists()
    assert not _sees(people["anonymous"], network, resource)
    _in_review(people, resource, actor="secretariat")
    assert not selectors.portal_list(network=network).filter(pk=resource.pk).exists()
    services.resource_publish(actor=people["chair"], instance=resource)
    assert list(selectors.portal_list(network=network)) == [resource]
    assert selectors.portal_get(network=network, pk=resource.pk) == resource


@pytest.mark.parametrize("role", ["author", "member", "chair"])
def test_editing_a_published_resource_is_the_secretariats_only(draft, people, role):
    _published(people, draft)
    draft.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.resource_update(
            actor=people[role], instance=draft, version=draft.version, data={"title": "A new title"}
        )
    with pytest.raises(PermissionDenied):
        services.version_upload(actor=people[role], resource=draft, link="https://example.org/v2")
    with pytest.raises(PermissionDenied):
        services.resource_delete(actor=people[role], instance=draft)
    draft.refresh_from_db()
    assert draft.title == "Fair recruitment in the Gulf corridor"
    assert draft.versions.count() == 1
    changed = services.resource_update(
        actor=people["secretariat"], instance=draft, version=draft.version, data={"title": "A new title"}
    )
    assert changed.title == "A new title"
    assert changed.status == lc.ReviewStatus.PUBLISHED


def test_an_author_edits_a_draft_until_it_is_published(draft, people):
    changed = services.resource_update(
        actor=people["author"], instance=draft, version=draft.version, data={"title": "Fair recruitment"}
    )
    assert changed.title == "Fair recruitment"
    with pytest.raises(PermissionDenied):
        services.resource_update(
            actor=people["other_member"], instance=changed, version=changed.version, data={"title": "Mine"}
        )


def test_unpublishing_is_the_secretariats_and_takes_it_off_the_portal(people, network, twg, unhcr):
    resource = _add(people, network, twg, unhcr, actor="secretariat", visibility=Visibility.PUBLIC, body=twg)
    _in_review(people, resource, actor="secretariat")
    services.resource_publish(actor=people["chair"], instance=resource)
    assert selectors.portal_list(network=network).filter(pk=resource.pk).exists()
    for role in ("author", "member", "chair"):
        with pytest.raises(PermissionDenied):
            services.resource_unpublish(actor=people[role], instance=resource)
    withdrawn = services.resource_unpublish(
        actor=people["secretariat"], instance=resource, reason="Wrong figures in table 2"
    )
    assert withdrawn.status == lc.ReviewStatus.DRAFT
    assert withdrawn.published_at is None
    assert not selectors.portal_list(network=network).filter(pk=resource.pk).exists()
    with pytest.raises(Http404):
        selectors.portal_get(network=network, pk=resource.pk)
    assert not _sees(people["anonymous"], network, resource)
    assert not _sees(people["other_member"], network, resource)
    assert _sees(people["chair"], network, resource)
    assert withdrawn.history.first().history_change_reason == "Wrong figures in table 2"
    with pytest.raises(ValidationError, match="not published"):
        services.resource_unpublish(actor=people["secretariat"], instance=resource)


# --- Versions


def test_new_versions_are_numbered_and_earlier_ones_kept(people, network, twg, unhcr):
    resource = services.resource_create(
        actor=people["author"],
        network=network,
        data={"kind": lc.ResourceKind.DATASET, "title": "Returnees by district"},
        m2m={"authors": [unhcr]},
        upload=_csv(),
        note="First count",
    )
    services.version_upload(
        actor=people["member"], resource=resource, link="https://example.org/returnees", note="Online"
    )
    services.version_upload(
        actor=people["author"],
        resource=resource,
        upload=_csv("returnees-2025.csv", CSV + b"Khulna,400\n"),
        note="Khulna added",
    )
    detail = selectors.resource_detail(user=people["author"], obj=resource)
    versions = detail["versions"]
    assert [v.number for v in versions] == [3, 2, 1]
    assert detail["current_version"].number == 3
    assert [v.note for v in versions] == ["Khulna added", "Online", "First count"]
    assert [v.uploaded_by for v in versions] == [people["author"], people["member"], people["author"]]
    first, third = versions[2], versions[0]
    assert (first.original_name, first.size, first.content_type) == ("returnees.csv", len(CSV), "text/csv")
    # The first file is still there, still served, and unchanged.
    served = selectors.version_get(user=people["member"], network=network, pk=first.pk)
    with served.file.open("rb") as handle:
        assert handle.read() == CSV
    assert third.file.name != first.file.name
    assert "/v1/" in first.file.name and "/v3/" in third.file.name


def test_a_version_needs_a_file_or_a_link_not_both(draft, people):
    with pytest.raises(ValidationError) as refused:
        services.version_upload(actor=people["author"], resource=draft)
    assert "file" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.version_upload(
            actor=people["author"], resource=draft, upload=_csv(), link="https://example.org/x"
        )
    assert "link" in refused.value.message_dict
    assert draft.versions.count() == 1


def test_a_refused_file_makes_no_version(draft, people):
    with pytest.raises(ValidationError) as refused:
        services.version_upload(
            actor=people["author"], resource=draft, upload=_csv("brief.csv", b"MZ\x90\x00\x03binary")
        )
    assert "file" in refused.value.message_dict
    assert [v.number for v in draft.versions.all()] == [1]


def test_changing_the_visibility_moves_the_versions_with_it(people, network, twg, unhcr):
    resource = services.resource_create(
        actor=people["author"],
        network=network,
        data={"kind": lc.ResourceKind.DATASET, "title": "Returnees by district"},
        upload=_csv(),
    )
    services.version_upload(actor=people["author"], resource=resource, link="https://example.org/v2")
    assert set(ResourceVersion.all_objects.values_list("visibility", flat=True)) == {Visibility.NETWORK}
    for visibility in (Visibility.PUBLIC, Visibility.INTERNAL):
        resource.refresh_from_db()
        services.resource_update(
            actor=people["secretariat"],
            instance=resource,
            version=resource.version,
            data={"visibility": visibility},
        )
        assert list(
            ResourceVersion.all_objects.filter(resource=resource).values_list("visibility", flat=True)
        ) == [visibility, visibility]
    # New versions take the resource's level too.
    resource.refresh_from_db()
    v3 = services.version_upload(
        actor=people["secretariat"], resource=resource, link="https://example.org/v3"
    )
    assert v3.visibility == Visibility.INTERNAL


@pytest.mark.parametrize("visibility", [Visibility.INTERNAL, Visibility.PUBLIC])
def test_an_author_uploads_a_new_version_whatever_the_visibility(draft, people, visibility):
    """The version takes the resource's level from the service; the uploader does not choose it (the
    reserved-field check used to refuse every upload but the secretariat's once it left `network`)."""
    services.resource_update(
        actor=people["secretariat"], instance=draft, version=draft.version, data={"visibility": visibility}
    )
    v2 = services.version_upload(actor=people["author"], resource=draft, link="https://example.org/v2")
    assert (v2.number, v2.visibility) == (2, visibility)


def test_a_deleted_resources_files_are_not_served(people, network, twg, unhcr):
    resource = services.resource_create(
        actor=people["author"],
        network=network,
        data={"kind": lc.ResourceKind.DATASET, "title": "Returnees by district"},
        m2m={"authors": [unhcr]},
        upload=_csv(),
    )
    version = resource.versions.get()
    for role in ("author", "member", "secretariat"):
        assert selectors.version_get(user=people[role], network=network, pk=version.pk) == version
    with pytest.raises(Http404):
        selectors.version_get(user=people["other_member"], network=network, pk=version.pk)
    services.resource_delete(actor=people["author"], instance=resource, reason="Duplicate")
    for role in ("author", "member", "secretariat"):
        with pytest.raises(Http404):
            selectors.version_get(user=people[role], network=network, pk=version.pk)
        assert not _sees(people[role], network, resource)
    # Restored by the secretariat, its files are served again.
    services.resource_restore(actor=people["secretariat"], instance=resource)
    assert selectors.version_get(user=people["author"], network=network, pk=version.pk) == version


# --- Capacity-building requests


@pytest.fixture
def ministry(db):
    return GovernmentBody.objects.order_by("pk").first()


def _ask(people, network, ministry, role="viewer", m2m=None, **data):
    return services.capacity_request_create(
        actor=people[role],
        network=network,
        data={
            "title": "Training of labour attachés on complaint handling",
            "government_body": ministry,
            "received_on": datetime.date(2025, 3, 2),
            **data,
        },
        m2m=m2m,
    )


def _steps(request):
    return list(
        CapacityRequestStep.objects.filter(request=request)
        .order_by("on", "pk")
        .values_list("status", "on", "note", "by__email")
    )


def test_a_government_counterpart_may_ask_for_support(people, network, ministry):
    request = _ask(people, network, ministry, m2m={"gcm_objectives": list(GCMObjective.objects.all()[:2])})
    assert request.status == RS.RECEIVED
    assert request.gcm_objectives.count() == 2
    assert _steps(request) == [(RS.RECEIVED, datetime.date(2025, 3, 2), "", "viewer@example.org")]


def test_a_request_says_who_asks(people, network):
    with pytest.raises(ValidationError) as refused:
        services.capacity_request_create(actor=people["viewer"], network=network, data={"title": "Support"})
    assert "requester" in refused.value.message_dict


def test_only_the_secretariat_sets_a_requests_visibility(people, network, ministry):
    with pytest.raises(ValidationError) as refused:
        _ask(people, network, ministry, visibility=Visibility.INTERNAL)
    assert "visibility" in refused.value.message_dict
    assert (
        _ask(people, network, ministry, "secretariat", visibility=Visibility.INTERNAL).visibility
        == "internal"
    )


def test_a_visitor_cannot_ask(people, network, ministry):
    with pytest.raises(PermissionDenied):
        _ask(people, network, ministry, role="anonymous")


def test_every_step_to_delivery_dated_with_notes(people, network, ministry, iom, unhcr):
    request = _ask(people, network, ministry)
    secretariat = people["secretariat"]
    request = services.capacity_request_update(
        actor=secretariat,
        instance=request,
        version=request.version,
        data={},
        m2m={"supporting_organisations": [iom, unhcr]},
    )
    plan = [
        (RS.TRIAGED, datetime.date(2025, 3, 5), "Priority for the Ministry"),
        (RS.MATCHED, datetime.date(2025, 3, 5), "IOM and UNHCR will deliver"),
        (RS.IN_DELIVERY, datetime.date(2025, 4, 1), "First session in Dhaka"),
        (RS.DELIVERED, datetime.date(2025, 5, 20), "Three sessions, 60 attachés"),
    ]
    for status, on, note in plan:
        request = services.capacity_request_advance(
            actor=secretariat, instance=request, status=status, note=note, on=on
        )
        assert request.status == status
    assert _steps(request) == [
        (RS.RECEIVED, datetime.date(2025, 3, 2), "", "viewer@example.org"),
        *[(s, on, note, "secretariat@example.org") for s, on, note in plan],
    ]
    for status in RS.values:  # delivered is the end of the way
        with pytest.raises(ValidationError) as refused:
            services.capacity_request_advance(actor=secretariat, instance=request, status=status, note="x")
        assert "status" in refused.value.message_dict
    # The resulting resources are linked by the secretariat.
    brief = Resource.objects.create(network=network, kind=lc.ResourceKind.TRAINING, title="Training kit")
    request = services.capacity_request_update(
        actor=secretariat, instance=request, version=request.version, data={}, m2m={"resources": [brief]}
    )
    assert list(request.resources.all()) == [brief]


@pytest.mark.parametrize(
    ("path", "step"),
    [
        ([], RS.MATCHED),
        ([], RS.IN_DELIVERY),
        ([], RS.DELIVERED),
        ([], RS.RECEIVED),
        ([RS.TRIAGED], RS.TRIAGED),
        ([RS.TRIAGED], RS.DELIVERED),
        ([RS.DECLINED], RS.TRIAGED),
    ],
)
def test_a_step_not_allowed_from_where_it_stands_is_refused(people, network, ministry, iom, path, step):
    request = _ask(people, network, ministry)
    request.supporting_organisations.set([iom])
    for status in path:
        request = services.capacity_request_advance(
            actor=people["secretariat"], instance=request, status=status, note="Reason"
        )
    with pytest.raises(ValidationError) as refused:
        services.capacity_request_advance(
            actor=people["secretariat"], instance=request, status=step, note="n"
        )
    assert "status" in refused.value.message_dict
    request.refresh_from_db()
    assert request.status == (path[-1] if path else RS.RECEIVED)
    assert len(_steps(request)) == 1 + len(path)


def test_matched_needs_supporting_organisations(people, network, ministry):
    request = _ask(people, network, ministry)
    request = services.capacity_request_advance(
        actor=people["secretariat"], instance=request, status=RS.TRIAGED
    )
    with pytest.raises(ValidationError) as refused:
        services.capacity_request_advance(actor=people["secretariat"], instance=request, status=RS.MATCHED)
    assert "supporting organisations" in refused.value.message_dict["status"][0]
    request.refresh_from_db()
    assert request.status == RS.TRIAGED


@pytest.mark.parametrize("note", ["", "  "])
def test_declined_needs_a_note(people, network, ministry, note):
    request = _ask(people, network, ministry)
    with pytest.raises(ValidationError) as refused:
        services.capacity_request_advance(
            actor=people["secretariat"], instance=request, status=RS.DECLINED, note=note
        )
    assert "note" in refused.value.message_dict
    declined = services.capacity_request_advance(
        actor=people["secretariat"],
        instance=request,
        status=RS.DECLINED,
        note="Outside the Network's mandate",
    )
    assert declined.status == RS.DECLINED
    assert _steps(declined)[-1][2] == "Outside the Network's mandate"


def test_a_step_cannot_be_dated_before_the_previous_one(people, network, ministry):
    request = _ask(people, network, ministry)  # received on 2 March 2025
    with pytest.raises(ValidationError) as refused:
        services.capacity_request_advance(
            actor=people["secretariat"], instance=request, status=RS.TRIAGED, on=datetime.date(2025, 3, 1)
        )
    assert "on" in refused.value.message_dict
    request = services.capacity_request_advance(
        actor=people["secretariat"], instance=request, status=RS.TRIAGED, on=datetime.date(2025, 3, 10)
    )
    with pytest.raises(ValidationError) as refused:
        services.capacity_request_advance(
            actor=people["secretariat"],
            instance=request,
            status=RS.DECLINED,
            note="No partner",
            on=datetime.date(2025, 3, 9),
        )
    assert "on" in refused.value.message_dict
    assert [s for s, *_ in _steps(request)] == [RS.RECEIVED, RS.TRIAGED]


@pytest.mark.parametrize("field", ["supporting_organisations", "resources"])
@pytest.mark.parametrize("role", ["viewer", "member", "partner", "chair"])
def test_only_the_secretariat_matches_supporters_and_links_resources(
    people, network, ministry, iom, field, role
):
    value = (
        [iom]
        if field == "supporting_organisations"
        else [Resource.objects.create(network=network, kind=lc.ResourceKind.TOOL, title="Toolkit")]
    )
    with pytest.raises(ValidationError) as refused:
        _ask(people, network, ministry, role=role, m2m={field: value})
    assert field in refused.value.message_dict
    request = _ask(people, network, ministry, role=role)
    with pytest.raises(ValidationError) as refused:
        services.capacity_request_update(
            actor=people[role], instance=request, version=request.version, data={}, m2m={field: value}
        )
    assert field in refused.value.message_dict
    assert not getattr(request, field).exists()


@pytest.mark.parametrize("role", ["viewer", "member", "partner", "chair"])
def test_only_the_secretariat_advances_a_request(people, network, ministry, role):
    request = _ask(people, network, ministry, role=role)
    with pytest.raises(PermissionDenied):
        services.capacity_request_advance(actor=people[role], instance=request, status=RS.TRIAGED)
    request.refresh_from_db()
    assert request.status == RS.RECEIVED
    assert len(_steps(request)) == 1
