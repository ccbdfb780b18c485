"""The library API: the same rules and permissions as the pages, through /api/v1/ (issue 5).

Resources with a link or a file (multipart, checked by content), versions, review (never by the author),
visibility of drafts, ranked search with a highlighted passage, capacity-building requests moved only by
the secretariat, and list query counts that do not grow with the rows."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from mignet.core.models import GCMObjective, GovernmentBody
from mignet.library import choices as lc
from mignet.library import search, services
from mignet.library.models import CapacityRequest, Resource, ResourceVersion

RESOURCES = "/api/v1/resources/"
REQUESTS = "/api/v1/capacity-requests/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def api(users):
    """api("member") → an API client signed in as that role (anonymous: not signed in)."""

    def make(role: str) -> APIClient:
        client = APIClient()
        if users[role] is not None:
            client.force_login(users[role])
        return client

    return make


def _pdf(words: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=f"<html><body><h1>Brief</h1><p>{words}</p></body></html>").write_pdf()


def _link_resource(api, role, network, **extra):
    payload = {
        "network": network.slug,
        "kind": "policy_brief",
        "title": "Safe labour migration corridors",
        "abstract": "What recruitment reform needs.",
        "link": "https://example.org/brief",
        "note": "First edition",
        **extra,
    }
    response = api(role).post(RESOURCES, payload, format="json")
    assert response.status_code == 201, response.content
    return response.data


def _make(network, actor, n, **data):
    """n resources with a link each, through the services (for query counts)."""
    for i in range(n):
        services.resource_create(
            actor=actor,
            network=network,
            data={"kind": lc.ResourceKind.DATASET, "title": f"Remittance dataset {i}", **data},
            m2m={"gcm_objectives": list(GCMObjective.objects.all()[:2])},
            link=f"https://example.org/data/{i}",
            note="Upload",
        )


# --- Create: a link, a real PDF (multipart), a renamed executable


@pytest.mark.django_db
def test_create_with_a_link_is_a_draft_with_version_one(api, network, unhcr, users):
    data = _link_resource(api, "member", network, authors=[unhcr.pk])
    assert data["status"] == "draft" and data["created_by"] == "member@example.org"
    assert data["authors"] == [unhcr.pk] and data["version_count"] == 1
    current = data["current_version"]
    assert current["number"] == 1 and current["link"] == "https://example.org/brief"
    assert current["note"] == "First edition" and current["download_url"] is None
    assert current["uploaded_by"] == "member@example.org"
    assert "file" not in data and "link" not in data and data["snippet"] is None

    # Edited with `version`; a file or link on update is refused (new versions go to versions/).
    url = f"{RESOURCES}{data['id']}/"
    member = api("member")
    edited = member.patch(url, {"version": data["version"], "title": "Safer corridors"}, format="json")
    assert edited.status_code == 200 and edited.data["title"] == "Safer corridors"
    refused = member.patch(
        url, {"version": edited.data["version"], "link": "https://example.org/v2"}, format="json"
    )
    assert refused.status_code == 400 and "file" in refused.data
    assert member.get(f"{url}history/").status_code == 200
    assert member.delete(url).status_code == 204
    assert member.get(url).status_code == 404
    assert member.post(f"{url}restore/").status_code == 404  # the secretariat restores
    assert api("secretariat").post(f"{url}restore/").status_code == 200


@pytest.mark.django_db
def test_viewer_cannot_add_a_resource(api, network):
    before = Resource.all_objects.count()
    response = api("viewer").post(
        RESOURCES,
        {"network": network.slug, "kind": "tool", "title": "x", "link": "https://example.org"},
        format="json",
    )
    assert response.status_code == 403
    assert api("anonymous").post(RESOURCES, {}, format="json").status_code in (401, 403)
    assert Resource.all_objects.count() == before


@pytest.mark.django_db
def test_create_with_a_pdf_by_multipart(api, network, unhcr):
    pdf = _pdf("Quarterly outlook on overseas employment.")
    response = api("member").post(
        RESOURCES,
        {
            "network": network.slug,
            "kind": "policy_paper",
            "title": "Overseas employment outlook",
            "authors": [unhcr.pk],
            "file": SimpleUploadedFile("outlook.pdf", pdf, content_type="application/pdf"),
            "note": "Final draft",
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    current = response.data["current_version"]
    assert current["number"] == 1 and current["content_type"] == "application/pdf"
    assert current["size"] == len(pdf) and current["original_name"] == "outlook.pdf"
    assert current["download_url"].endswith(f"/api/v1/resource-versions/{current['id']}/download/")
    version = ResourceVersion.objects.get(pk=current["id"])
    assert version.file.read() == pdf

    # The download checks permission on every request and keeps the file inert.
    download = api("member").get(current["download_url"], HTTP_ACCEPT="application/pdf")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Cache-Control"] == "private, no-store"
    assert api("viewer").get(current["download_url"]).status_code == 404
    assert api("anonymous").get(current["download_url"]).status_code == 404


@pytest.mark.django_db
def test_renamed_executable_is_refused_and_nothing_is_stored(api, network, tmp_path):
    executable = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200 + b"PE\x00\x00"
    before = (Resource.all_objects.count(), ResourceVersion.all_objects.count())
    response = api("member").post(
        RESOURCES,
        {
            "network": network.slug,
            "kind": "policy_brief",
            "title": "Looks like a brief",
            "file": SimpleUploadedFile("brief.pdf", executable, content_type="application/pdf"),
        },
        format="multipart",
    )
    assert response.status_code == 400, response.content
    assert list(response.data) == ["file"] and response.data["file"][0]
    assert (Resource.all_objects.count(), ResourceVersion.all_objects.count()) == before
    media = tmp_path / "media"
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


# --- Versions


@pytest.mark.django_db
def test_second_upload_makes_version_two_and_version_one_stays(api, network, unhcr):
    data = _link_resource(api, "member", network, authors=[unhcr.pk])
    url = f"{RESOURCES}{data['id']}/versions/"
    member = api("member")
    pdf = _pdf("Second edition with new figures.")
    second = member.post(
        url,
        {
            "file": SimpleUploadedFile("brief-v2.pdf", pdf, content_type="application/pdf"),
            "note": "New figures",
        },
        format="multipart",
    )
    assert second.status_code == 201, second.content
    assert second.data["number"] == 2 and second.data["note"] == "New figures"
    assert second.data["uploaded_by"] == "member@example.org" and second.data["download_url"]

    listed = member.get(url)
    assert listed.status_code == 200
    assert [(v["number"], v["note"]) for v in listed.data] == [(2, "New figures"), (1, "First edition")]
    assert member.get(f"{RESOURCES}{data['id']}/").data["current_version"]["number"] == 2
    # The read-only collection of versions, filtered by resource.
    versions = member.get("/api/v1/resource-versions/", {"resource": data["id"]})
    assert versions.status_code == 200 and versions.data["count"] == 2
    one = member.get(f"/api/v1/resource-versions/{second.data['id']}/")
    assert one.status_code == 200 and one.data["number"] == 2

    # Neither a file nor a link; both; someone who may not edit it; a refused file.
    assert member.post(url, {"note": "nothing"}, format="multipart").status_code == 400
    both = member.post(
        url,
        {"file": SimpleUploadedFile("b.pdf", pdf, content_type="application/pdf"), "link": "https://x.org"},
        format="multipart",
    )
    assert both.status_code == 400 and "link" in both.data
    assert api("partner").post(url, {"link": "https://x.org"}, format="json").status_code == 404
    exe = SimpleUploadedFile("v3.pdf", b"MZ\x90\x00" + b"\x00" * 300, content_type="application/pdf")
    refused = member.post(url, {"file": exe}, format="multipart")
    assert refused.status_code == 400 and "file" in refused.data
    assert ResourceVersion.objects.filter(resource_id=data["id"]).count() == 2


# --- Review


@pytest.mark.django_db
def test_review_flow_never_by_the_author(api, network, twg, unhcr):
    # The chair of the TWG adds a brief the TWG produced, with UNHCR among its authors.
    data = _link_resource(api, "chair", network, body=twg.pk, authors=[unhcr.pk])
    url = f"{RESOURCES}{data['id']}/"
    chair, secretariat = api("chair"), api("secretariat")

    submitted = chair.post(f"{url}submit/")
    assert submitted.status_code == 200 and submitted.data["status"] == "in_review"
    assert submitted.data["submitted_at"]

    # The chair reviews the TWG's work, but not what they added themselves.
    own = chair.post(f"{url}publish/", {}, format="json")
    assert own.status_code == 400
    assert own.data["non_field_errors"] == ["You added this resource, so someone else must review it."]
    # The UNHCR focal point sees it (an authoring organisation) but does not review.
    assert api("member").post(f"{url}publish/", {}, format="json").status_code == 403
    assert api("viewer").post(f"{url}publish/", {}, format="json").status_code == 404

    blank = secretariat.post(f"{url}return/", {"comment": "  "}, format="json")
    assert blank.status_code == 400 and "comment" in blank.data
    returned = secretariat.post(f"{url}return/", {"comment": "Cite the 2024 survey."}, format="json")
    assert returned.status_code == 200, returned.content
    assert (
        returned.data["status"] == "returned" and returned.data["review_comment"] == "Cite the 2024 survey."
    )
    assert returned.data["reviewed_by"] == "secretariat@example.org"

    assert chair.post(f"{url}submit/").data["status"] == "in_review"
    published = secretariat.post(f"{url}publish/", {}, format="json")
    assert published.status_code == 200 and published.data["status"] == "published"
    assert published.data["published_at"]
    # Published: the viewer now reads it; the chair can no longer edit it; the secretariat unpublishes.
    assert api("viewer").get(url).status_code == 200
    assert chair.post(f"{url}submit/").status_code == 403
    assert chair.post(f"{url}unpublish/", {}, format="json").status_code == 403
    withdrawn = secretariat.post(f"{url}unpublish/", {"reason": "Wrong file"}, format="json")
    assert withdrawn.status_code == 200 and withdrawn.data["status"] == "draft"


@pytest.mark.django_db
def test_submit_needs_a_file_or_a_link(api, network):
    created = api("member").post(
        RESOURCES, {"network": network.slug, "kind": "tool", "title": "Checklist"}, format="json"
    )
    assert created.status_code == 201 and created.data["current_version"] is None
    response = api("member").post(f"{RESOURCES}{created.data['id']}/submit/")
    assert response.status_code == 400
    assert response.data["non_field_errors"] == ["Add a file or a link before sending it for review."]


# --- Visibility of drafts


@pytest.mark.django_db
def test_a_draft_is_seen_by_its_authors_and_the_secretariat_only(api, network, consortium):
    data = _link_resource(api, "partner", network, authors=[consortium.pk], title="CSO shadow report")
    url = f"{RESOURCES}{data['id']}/"
    expected = {
        "anonymous": 404,
        "viewer": 404,
        "member": 404,
        "chair": 404,
        "partner": 200,
        "secretariat": 200,
    }
    assert {role: api(role).get(url).status_code for role in expected} == expected
    assert api("viewer").get(f"{url}versions/").status_code == 404
    version_id = data["current_version"]["id"]
    assert api("member").get(f"/api/v1/resource-versions/{version_id}/").status_code == 404
    for role, code in expected.items():
        ids = [r["id"] for r in api(role).get(RESOURCES).data["results"]]
        assert (data["id"] in ids) == (code == 200), role


# --- Search


@pytest.mark.django_db
def test_search_finds_a_word_inside_the_text_and_returns_a_snippet(api, network, unhcr, users):
    data = _link_resource(api, "member", network, authors=[unhcr.pk], title="Reintegration brief")
    other = _link_resource(api, "member", network, authors=[unhcr.pk], title="Another brief")
    # The text inside the file, as extraction leaves it (the PDF end to end: test_search_inside_a_pdf).
    version = ResourceVersion.objects.get(resource_id=data["id"])
    version.extracted_text = "Returnees in Sylhet describe the hundi networks used for savings."
    version.text_status = lc.TextStatus.EXTRACTED
    version.save()
    search.index_update(Resource.objects.get(pk=data["id"]))

    found = api("member").get(RESOURCES, {"search": "hundi"})
    assert found.status_code == 200, found.content
    assert found.data["count"] == 1 and [r["id"] for r in found.data["results"]] == [data["id"]]
    snippet = found.data["results"][0]["snippet"]
    assert "<mark>" in snippet and "hundi" in snippet.lower()
    # Within the other filters, and only what the user may read.
    assert api("member").get(RESOURCES, {"search": "hundi", "kind": "dataset"}).data["count"] == 0
    assert api("viewer").get(RESOURCES, {"search": "hundi"}).data["count"] == 0
    assert api("member").get(RESOURCES, {"search": "brief"}).data["count"] == 2
    paged = api("member").get(RESOURCES, {"search": "brief", "page_size": 1})
    assert paged.data["count"] == 2 and len(paged.data["results"]) == 1 and paged.data["next"]
    second = api("member").get(paged.data["next"])
    assert second.status_code == 200 and second.data["previous"] and not second.data["next"]
    assert {paged.data["results"][0]["id"], second.data["results"][0]["id"]} == {data["id"], other["id"]}
    assert api("member").get(RESOURCES, {"search": "brief", "page": 9}).status_code == 404


@pytest.mark.django_db
def test_search_inside_a_pdf(api, network, unhcr, django_capture_on_commit_callbacks):
    pdf = _pdf("The survey of returnees found that kafala sponsorship shaped their debts.")
    with django_capture_on_commit_callbacks(execute=True):
        response = api("member").post(
            RESOURCES,
            {
                "network": network.slug,
                "kind": "research",
                "title": "Returnee debts",
                "authors": [unhcr.pk],
                "file": SimpleUploadedFile("debts.pdf", pdf, content_type="application/pdf"),
            },
            format="multipart",
        )
    assert response.status_code == 201, response.content
    found = api("member").get(RESOURCES, {"search": "kafala"})
    assert [r["id"] for r in found.data["results"]] == [response.data["id"]]
    assert "<mark>" in found.data["results"][0]["snippet"]
    version = api("member").get(f"{RESOURCES}{response.data['id']}/versions/").data[0]
    assert version["text_status"] == "extracted" and version["page_count"] == 1


# --- Filters


@pytest.mark.django_db
def test_list_filters(api, network, unhcr, twg, users):
    objective = GCMObjective.objects.order_by("number").first()
    _make(network, users["member"], 2)
    services.resource_create(
        actor=users["member"],
        network=network,
        data={"kind": lc.ResourceKind.POLICY_BRIEF, "title": "Brief", "body": twg, "language": "bn"},
        m2m={"authors": [unhcr]},
        link="https://example.org/b",
    )
    member = api("member")

    def ids(**params):
        response = member.get(RESOURCES, params)
        assert response.status_code == 200, response.content
        return response.data["count"]

    assert ids() == 3
    assert ids(kind="dataset") == 2 and ids(language="bn") == 1 and ids(body=twg.pk) == 1
    assert ids(organisation=unhcr.pk) == 1 and ids(gcm_objective=objective.pk) == 2
    assert ids(q="remittance") == 2 and ids(status="draft") == 3 and ids(status="published") == 0
    assert member.get(RESOURCES, {"kind": "nonsense"}).status_code == 400


# --- Capacity-building requests


@pytest.mark.django_db
def test_capacity_request_by_a_viewer_advanced_only_by_the_secretariat(api, network, iom, unhcr):
    government = GovernmentBody.objects.order_by("pk").first()
    objective = GCMObjective.objects.order_by("number").first()
    created = api("viewer").post(
        REQUESTS,
        {
            "network": network.slug,
            "title": "Training for labour attachés on ethical recruitment",
            "government_body": government.pk,
            "gcm_objectives": [objective.pk],
            "urgency": "high",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    data = created.data
    assert data["status"] == "received" and data["next_statuses"] == ["triaged", "declined"]
    assert [step["status"] for step in data["steps"]] == ["received"]
    url = f"{REQUESTS}{data['id']}/"

    # Nobody but the secretariat moves it or edits it.
    for role in ("viewer", "member", "chair", "partner"):
        assert api(role).post(f"{url}advance/", {"status": "triaged"}, format="json").status_code == 403
    assert (
        api("viewer").patch(url, {"version": data["version"], "title": "x"}, format="json").status_code == 403
    )

    secretariat = api("secretariat")
    triaged = secretariat.post(f"{url}advance/", {"status": "triaged", "note": "For IOM"}, format="json")
    assert triaged.status_code == 200, triaged.content
    assert triaged.data["status"] == "triaged"
    assert triaged.data["steps"][-1]["note"] == "For IOM" and triaged.data["steps"][-1]["by"]
    # A step that is not next, matching with no supporting organisation, declining without a reason.
    wrong = secretariat.post(f"{url}advance/", {"status": "delivered"}, format="json")
    assert wrong.status_code == 400 and "status" in wrong.data
    assert secretariat.post(f"{url}advance/", {"status": "matched"}, format="json").status_code == 400
    assert secretariat.post(f"{url}advance/", {"status": "declined"}, format="json").data.keys() == {"note"}
    assert secretariat.post(f"{url}advance/", {"status": "bogus"}, format="json").status_code == 400

    # Supporting organisations and resulting resources are writable.
    resource = _link_resource(api, "member", network, authors=[unhcr.pk])
    current = secretariat.get(url).data
    updated = secretariat.patch(
        url,
        {"version": current["version"], "supporting_organisations": [iom.pk], "resources": [resource["id"]]},
        format="json",
    )
    assert updated.status_code == 200, updated.content
    assert updated.data["supporting_organisations"] == [iom.pk] and updated.data["resources"] == [
        resource["id"]
    ]
    matched = secretariat.post(f"{url}advance/", {"status": "matched"}, format="json")
    assert matched.status_code == 200 and matched.data["status"] == "matched"
    # The viewer reads it, without the draft resource it cannot see.
    seen = api("viewer").get(url)
    assert seen.status_code == 200 and seen.data["resources"] == []
    assert CapacityRequest.objects.get(pk=data["id"]).steps.count() == 3


@pytest.mark.django_db
def test_capacity_request_needs_a_requester(api, network):
    response = api("viewer").post(REQUESTS, {"network": network.slug, "title": "Help"}, format="json")
    assert response.status_code == 400 and "requester" in response.data
    assert api("anonymous").get(REQUESTS).status_code == 200


# --- Query counts


def _count(client, url, params=None):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries), response


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["member", "secretariat"])
def test_list_queries_do_not_grow_with_rows(api, network, users, unhcr, iom, role):
    government = GovernmentBody.objects.order_by("pk").first()

    def add(n):
        _make(network, users["member"], n, abstract="Migrant remittances by district.")
        for i in range(n):
            request = services.capacity_request_create(
                actor=users["secretariat"],  # the secretariat matches supporters
                network=network,
                data={"title": f"Support {i}", "government_body": government, "requester": unhcr},
                m2m={"supporting_organisations": [iom]},
            )
            request.resources.set(Resource.objects.all()[:2])

    client = api(role)
    add(2)
    small = [_count(client, url, params)[0] for url, params in _LISTS]
    add(10)
    large = [_count(client, url, params) for url, params in _LISTS]
    assert [r.data["count"] for _n, r in large] == [12, 12, 12, 12]
    assert [n for n, _r in large] == small


_LISTS = [
    (RESOURCES, None),
    (RESOURCES, {"search": "remittances"}),
    (REQUESTS, None),
    ("/api/v1/resource-versions/", None),
]
