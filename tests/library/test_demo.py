"""The library demo: real files checked by content and searchable, every review state and request stage,
papers on the next Network meeting's agenda; loading it twice adds nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from mignet.accounts.models import User
from mignet.library import choices as c
from mignet.library import selectors
from mignet.library.demo.content import FILE_ONLY_WORDS, REQUESTS, RESOURCES
from mignet.library.models import CapacityRequest, CapacityRequestStep, Resource, ResourceVersion
from mignet.meetings import choices as mc
from mignet.meetings.models import AgendaItem, Meeting
from mignet.network import choices as nc
from mignet.network.demo import ACCOUNTS
from mignet.network.models import Network

MODELS = [Resource, ResourceVersion, CapacityRequest, CapacityRequestStep]
FILE_TYPES = {
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "text/csv",
}


def load_demo() -> None:
    call_command("demo", stdout=StringIO())


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for the module (files in a temporary media folder) inside a transaction that
    is rolled back at its end; each test runs in a savepoint within it."""
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MIGNET_DEMO_PASSWORD="demo-password-for-tests", MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        load_demo()
        yield media
        transaction.set_rollback(True)


@pytest.fixture
def bd(_demo_loaded, db, settings):
    settings.MIGNET_DEMO_PASSWORD = "demo-password-for-tests"
    settings.MEDIA_ROOT = _demo_loaded  # where the demo's files were written (not this test's own folder)
    return Network.objects.get(slug="bd")


@pytest.fixture
def secretariat(bd):
    return User.objects.get(email=ACCOUNTS["secretariat"])


def counts() -> dict[str, tuple[int, int]]:
    return {m.__name__: (m.all_objects.count(), m.history.count()) for m in MODELS}


def test_the_demo_loads_twice_without_adding_or_changing_anything(bd):
    before = counts()
    assert all(n for n, _ in before.values())
    assert not any(m.all_objects.filter(is_demo=False).exists() for m in MODELS)
    updated = {
        m.__name__: list(m.all_objects.order_by("pk").values_list("updated_at", flat=True)) for m in MODELS
    }
    agenda = sorted(AgendaItem.resources.through.objects.values_list("agendaitem_id", "resource_id"))
    load_demo()
    assert counts() == before
    assert {
        m.__name__: list(m.all_objects.order_by("pk").values_list("updated_at", flat=True)) for m in MODELS
    } == updated
    assert sorted(AgendaItem.resources.through.objects.values_list("agendaitem_id", "resource_id")) == agenda
    assert Resource.objects.filter(network=bd).count() == len(RESOURCES)
    assert CapacityRequest.objects.filter(network=bd).count() == len(REQUESTS)


def test_resources_have_real_files_recognised_by_content_with_their_text_extracted(bd):
    versions = ResourceVersion.objects.filter(network=bd).exclude(file="")
    files = versions.filter(content_type__in=FILE_TYPES, text_status=c.TextStatus.EXTRACTED)
    assert files.values("resource").distinct().count() >= 25
    assert set(files.values_list("content_type", flat=True)) == FILE_TYPES
    for version in files:
        assert version.size > 0 and len(version.sha256) == 64
        assert version.extracted_text.strip(), version
        with version.file.open("rb") as handle:
            head = handle.read(4)
        if version.content_type == "application/pdf":
            assert head == b"%PDF", version
        elif "openxmlformats" in version.content_type:
            assert head == b"PK\x03\x04", version
    assert versions.filter(content_type="application/pdf", page_count__gte=2).exists()
    # One resource has two versions; the new one says what changed and the first stays downloadable.
    paper = Resource.objects.get(network=bd, title__startswith="Towards fair and ethical labour migration")
    v2, v1 = paper.versions.order_by("-number")
    assert (v2.number, v1.number) == (2, 1) and v2.note and v1.file
    assert v1.created_at < v2.created_at
    # A link is kept too, with nothing to extract.
    assert ResourceVersion.objects.filter(network=bd, file="", link__startswith="https://").exists()


def test_bangla_items_have_bangla_titles_abstracts_and_text(bd):
    bangla = Resource.objects.filter(network=bd, language=c.Language.BANGLA)
    assert bangla.count() >= 4
    for resource in bangla:
        assert any("\u0980" <= ch <= "\u09ff" for ch in resource.title + resource.abstract)
    docx = ResourceVersion.objects.filter(
        resource__in=bangla, content_type__endswith="wordprocessingml.document"
    ).first()
    assert docx is not None
    assert "অভিবাসী" in docx.extracted_text
    assert bangla.filter(versions__content_type="application/pdf").exists()


def test_every_review_state_with_reviews_by_someone_other_than_the_author(bd, secretariat):
    published = Resource.objects.filter(network=bd, status=c.ReviewStatus.PUBLISHED)
    assert published.filter(visibility="public").count() >= 8
    assert published.filter(visibility="network").exists()
    assert published.filter(visibility="internal").exists()
    assert not published.filter(reviewed_by=None).exists()
    for resource in published.exclude(reviewed_by=None):
        assert resource.reviewed_by_id != resource.created_by_id
        assert resource.published_at <= timezone.now()
    # The portal shows the public, published ones with their files.
    portal = list(selectors.portal_list(network=bd))
    assert len(portal) == published.filter(visibility="public").count()
    assert all(r.versions.all() for r in portal)
    # Dates spread over two years.
    years = {r.published_at.year for r in published}
    assert len(years) >= 2
    # The secretariat's review queue holds what the focal point sent.
    queue = selectors.review_queue(user=secretariat, network=bd)
    member = User.objects.get(email=ACCOUNTS["member"])
    assert len(queue) >= 3
    assert sum(1 for r in queue if r.created_by_id == member.pk) >= 3
    returned = Resource.objects.get(network=bd, status=c.ReviewStatus.RETURNED)
    assert returned.review_comment and returned.reviewed_by == secretariat
    assert Resource.objects.filter(network=bd, status=c.ReviewStatus.DRAFT).count() >= 2


@pytest.mark.parametrize("word", FILE_ONLY_WORDS)
def test_a_word_found_only_inside_a_file_finds_its_resource(bd, secretariat, word):
    assert not Resource.objects.filter(title__icontains=word).exists()
    assert not Resource.objects.filter(abstract__icontains=word).exists()
    result = selectors.resource_search(user=secretariat, network=bd, q=word)
    assert result.total >= 1, word
    assert any(
        word.lower() in (r.versions.order_by("-number").first().extracted_text or "").lower()
        for r, _snippet in result.hits
    )


def test_capacity_requests_at_every_stage_with_dated_steps(bd):
    requests = CapacityRequest.objects.filter(network=bd)
    assert set(requests.values_list("status", flat=True)) == set(c.RequestStatus.values)
    for request in requests:
        steps = list(request.steps.order_by("on", "pk"))
        assert steps[0].status == c.RequestStatus.RECEIVED
        assert steps[-1].status == request.status
        assert [s.on for s in steps] == sorted(s.on for s in steps)
        assert all(s.note for s in steps[1:])
        assert request.government_body_id or request.requester_id
    assert requests.filter(government_body__acronym__in=["MoEWOE", "BMET", "MoHA"]).count() == 3
    delivered = requests.get(status=c.RequestStatus.DELIVERED)
    assert delivered.resources.count() >= 1 and delivered.supporting_organisations.exists()


def test_library_papers_are_on_the_next_network_meetings_agenda(bd):
    meeting = (
        Meeting.objects.filter(
            network=bd,
            body__kind=nc.BodyKind.PLENARY,
            status=mc.MeetingStatus.SCHEDULED,
            starts_at__gt=timezone.now(),
        )
        .order_by("starts_at")
        .first()
    )
    papers = Resource.objects.filter(agenda_items__meeting=meeting).distinct()
    assert papers.count() >= 2
    assert not papers.exclude(status=c.ReviewStatus.PUBLISHED).exists()
