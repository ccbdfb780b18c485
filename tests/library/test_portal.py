"""The public portal of the library (issue 5, point 5) and the safe serving of files ("Bad input").

Anyone — signed in or not — sees only published public resources of the network in the address; the stable
page redirects an outdated slug; the Atom feed parses and keeps its entry ids; files are served with the type
found in their content, as attachments, with headers that keep them inert; query counts stay flat."""

from __future__ import annotations

import datetime
import itertools
import xml.etree.ElementTree as ET
from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.http import Http404
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mignet.core.choices import Visibility
from mignet.core.models import GCMObjective
from mignet.library import choices as lc
from mignet.library import search
from mignet.library.downloads import content_disposition, file_response
from mignet.library.models import Resource, ResourceVersion
from mignet.library.portal import entry_id, feed_id

from ..factories import NetworkFactory, OrganisationFactory

ATOM = "{http://www.w3.org/2005/Atom}"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
MAX_QUERIES = 15

_seq = itertools.count(1)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def make_resource(
    network,
    *,
    title=None,
    status=lc.ReviewStatus.PUBLISHED,
    visibility=Visibility.PUBLIC,
    abstract="A short summary for the public.",
    kind=lc.ResourceKind.POLICY_BRIEF,
    language=lc.Language.ENGLISH,
    published_on=None,
    published_at=None,
    authors=(),
    text="",
    with_file=True,
    content_type="application/pdf",
    original_name="brief.pdf",
    content=PDF,
    version_visibility=None,
    link="",
) -> Resource:
    """A resource in any state and visibility (status and published_at are set as the services would)."""
    n = next(_seq)
    resource = Resource.objects.create(
        network=network,
        kind=kind,
        title=title or f"Resource number {n}",
        abstract=abstract,
        language=language,
        visibility=visibility,
        published_on=published_on,
    )
    if authors:
        resource.authors.set(authors)
    if with_file or link:
        version = ResourceVersion(
            network=network,
            resource=resource,
            number=1,
            visibility=version_visibility or visibility,
            original_name=original_name if with_file else "",
            content_type=content_type if with_file else "",
            size=len(content) if with_file else 0,
            text_status=lc.TextStatus.EXTRACTED,
            extracted_text=text,
            link=link,
        )
        if with_file:
            version.file.save(original_name, ContentFile(content), save=False)
        version.save()
    when = None
    if status == lc.ReviewStatus.PUBLISHED:
        when = published_at or timezone.now() - datetime.timedelta(minutes=n)
    Resource.all_objects.filter(pk=resource.pk).update(status=status, published_at=when)
    resource.refresh_from_db()
    search.index_update(resource)
    resource.refresh_from_db()
    return resource


def portal_url(network, name="library", **kwargs) -> str:
    return reverse(f"portal:{name}", kwargs={"network": network.slug, **kwargs})


def download_url(version) -> str:
    return reverse("portal:download", kwargs={"network": version.network.slug, "version_pk": version.pk})


@pytest.fixture
def world(network, users):
    """One resource in every state and visibility, a deleted one, and another network's public one."""
    other_network = NetworkFactory(slug="elsewhere")
    made = {
        "public": make_resource(network, title="Public labour migration brief", text="remittances corridor"),
        "draft": make_resource(network, title="Draft note", status=lc.ReviewStatus.DRAFT),
        "in_review": make_resource(network, title="Paper under review", status=lc.ReviewStatus.IN_REVIEW),
        "returned": make_resource(network, title="Returned paper", status=lc.ReviewStatus.RETURNED),
        "network": make_resource(
            network, title="Members-only plan", visibility=Visibility.NETWORK, text="remittances"
        ),
        "internal": make_resource(
            network, title="UN-only analysis", visibility=Visibility.INTERNAL, text="remittances"
        ),
        "deleted": make_resource(network, title="Withdrawn brief", text="remittances"),
        "foreign": make_resource(other_network, title="Brief of another network", text="remittances"),
    }
    Resource.all_objects.filter(pk=made["deleted"].pk).update(deleted_at=timezone.now())
    return made


HIDDEN = ("draft", "in_review", "returned", "network", "internal", "deleted", "foreign")


# --- Who sees what


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "viewer", "member", "secretariat"])
def test_portal_shows_published_public_items_only_whoever_asks(client_for, network, world, role):
    client = client_for(role)
    response = client.get(portal_url(network))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Public labour migration brief" in page
    for key in HIDDEN:
        assert world[key].title not in page, key


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "secretariat"])
def test_hidden_items_answer_404_on_the_portal(client_for, network, world, role):
    client = client_for(role)
    for key in HIDDEN:
        r = world[key]
        url = reverse("portal:resource", kwargs={"network": network.slug, "pk": r.pk, "slug": r.slug})
        assert client.get(url).status_code == 404, key
        version = ResourceVersion.all_objects.get(resource=r)
        url = reverse("portal:download", kwargs={"network": network.slug, "version_pk": version.pk})
        assert client.get(url).status_code == 404, key


@pytest.mark.django_db
def test_another_networks_portal_shows_only_its_own(client, network, world):
    page = client.get("/p/elsewhere/library/").content.decode()
    assert "Brief of another network" in page
    assert "Public labour migration brief" not in page
    public = world["public"]
    # The same resource through the other network's address: not there.
    url = f"/p/elsewhere/library/{public.pk}-{public.slug}/"
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_unknown_or_deleted_network_answers_404(client, network):
    assert client.get("/p/nowhere/library/").status_code == 404
    assert client.get("/p/nowhere/library/feed.atom").status_code == 404
    gone = NetworkFactory(slug="gone", deleted_at=timezone.now())
    make_resource(gone, title="Left behind")
    assert client.get("/p/gone/library/").status_code == 404
    assert client.get("/p/gone/library/feed.atom").status_code == 404


@pytest.mark.django_db
def test_portal_page_has_no_internal_navigation(client, network, world):
    page = client.get(portal_url(network)).content.decode()
    assert reverse("account_login") in page
    assert reverse("network:organisation-list", kwargs={"network": network.slug}) not in page
    assert network.name in page
    assert 'type="application/atom+xml"' in page


# --- Browse, filter and search


@pytest.mark.django_db
def test_list_is_newest_first_and_paginated(client, network):
    now = timezone.now()
    for i in range(25):
        make_resource(network, title=f"Brief {i:02d}", published_at=now - datetime.timedelta(days=i))
    first = client.get(portal_url(network)).content.decode()
    assert first.index("Brief 00") < first.index("Brief 01")
    assert "Brief 24" not in first
    second = client.get(portal_url(network) + "?page=2").content.decode()
    assert "Brief 24" in second and "Brief 00" not in second


@pytest.mark.django_db
def test_filters_by_type_language_year_objective_and_theme(client, network):
    objective = GCMObjective.objects.order_by("number").first()
    theme = network_theme(network)
    dataset = make_resource(
        network,
        title="Returnee dataset",
        kind=lc.ResourceKind.DATASET,
        language=lc.Language.BANGLA,
        published_on=datetime.date(2021, 5, 1),
    )
    dataset.gcm_objectives.add(objective)
    dataset.thematic_areas.add(theme)
    make_resource(network, title="English brief", published_on=datetime.date(2024, 2, 1))
    base = portal_url(network)
    for query in (
        "kind=dataset",
        "language=bn",
        "year=2021",
        f"gcm_objective={objective.pk}",
        f"thematic_area={theme.pk}",
    ):
        page = client.get(f"{base}?{query}").content.decode()
        assert "Returnee dataset" in page, query
        assert "English brief" not in page, query


def network_theme(network):
    from mignet.network.models import ThematicArea

    return ThematicArea.objects.filter(network=network).order_by(
        "name"
    ).first() or ThematicArea.objects.create(network=network, name="Labour migration")


@pytest.mark.django_db
def test_theme_filter_offers_only_themes_of_public_items(client, network):
    from mignet.network.models import ThematicArea

    shown = ThematicArea.objects.create(network=network, name="Theme on the portal")
    secret = ThematicArea.objects.create(network=network, name="Theme only inside", visibility="internal")
    make_resource(network, title="Tagged public").thematic_areas.add(shown)
    make_resource(network, title="Tagged draft", status=lc.ReviewStatus.DRAFT).thematic_areas.add(secret)
    page = client.get(portal_url(network)).content.decode()
    assert "Theme on the portal" in page
    assert "Theme only inside" not in page


@pytest.mark.django_db
def test_search_finds_a_word_inside_the_file_on_published_public_items_only(client, network, world):
    response = client.get(portal_url(network) + "?q=remittances")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Public labour migration brief" in page
    for key in HIDDEN:
        assert world[key].title not in page, key
    assert 'class="mb-0 search-snippet"' in page  # the matching passage is shown
    nothing = client.get(portal_url(network) + "?q=zzzunfindable").content.decode()
    assert "Public labour migration brief" not in nothing


@pytest.mark.django_db
def test_search_works_within_filters(client, network, world):
    page = client.get(portal_url(network) + "?q=remittances&kind=dataset").content.decode()
    assert "Public labour migration brief" not in page


# --- The stable, citable page


@pytest.mark.django_db
def test_resource_page_is_citable_and_lists_its_files(client, network, unhcr, world):
    resource = world["public"]
    resource.authors.add(unhcr)
    url = resource.get_public_url()
    assert url == f"/p/{network.slug}/library/{resource.pk}-{resource.slug}/"
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert resource.title in page
    assert "How to cite" in page
    assert f"http://testserver{url}" in page
    assert unhcr.name in page
    version = resource.versions.get()
    assert download_url(version) in page
    assert "PDF" in page


@pytest.mark.django_db
def test_outdated_or_missing_slug_redirects_permanently(client, network, world):
    resource = world["public"]
    wrong = f"/p/{network.slug}/library/{resource.pk}-an-old-title/"
    response = client.get(wrong)
    assert response.status_code == 301
    assert response["Location"] == resource.get_public_url()
    short = client.get(f"/p/{network.slug}/library/{resource.pk}/")
    assert short.status_code == 301
    assert short["Location"] == resource.get_public_url()
    # A new title: the old address still leads to the resource.
    old = resource.get_public_url()
    Resource.all_objects.filter(pk=resource.pk).update(title="A renamed brief")
    renamed = Resource.objects.get(pk=resource.pk)
    moved = client.get(old)
    assert moved.status_code == 301
    assert moved["Location"] == renamed.get_public_url() != old


@pytest.mark.django_db
def test_bangla_title_has_a_working_stable_link(client, network):
    resource = make_resource(network, title="শ্রম অভিবাসন নীতি সংক্ষেপ", language=lc.Language.BANGLA)
    url = resource.get_public_url()
    assert url.endswith(f"/{resource.pk}-resource/")
    response = client.get(url)
    assert response.status_code == 200
    assert "শ্রম অভিবাসন নীতি সংক্ষেপ" in response.content.decode()


# --- The Atom feed


def _feed(client, network):
    response = client.get(portal_url(network, "feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)  # noqa: S314 — our own feed, in a test


@pytest.mark.django_db
def test_feed_parses_and_holds_only_public_published_items(client, network, unhcr, iom, world):
    world["public"].authors.set([unhcr, iom])
    root = _feed(client, network)
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}id") == feed_id(network)
    assert root.find(f"{ATOM}link[@rel='self']").get("href").endswith(portal_url(network, "feed"))
    entries = root.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles == ["Public labour migration brief"]
    entry = entries[0]
    public = world["public"]
    assert entry.findtext(f"{ATOM}id") == entry_id(public)
    assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")
    link = entry.find(f"{ATOM}link")
    assert link.get("href") == f"http://testserver{public.get_public_url()}"
    assert entry.findtext(f"{ATOM}summary") == "A short summary for the public."
    assert entry.findtext(f"{ATOM}published")
    assert entry.findtext(f"{ATOM}updated")
    authors = {a.findtext(f"{ATOM}name") for a in entry.findall(f"{ATOM}author")}
    assert authors == {unhcr.name, iom.name}


@pytest.mark.django_db
def test_feed_entry_ids_never_change(client, network, world):
    public = world["public"]
    before = _feed(client, network).find(f"{ATOM}entry").findtext(f"{ATOM}id")
    Resource.all_objects.filter(pk=public.pk).update(title="A new title", updated_at=timezone.now())
    entry = _feed(client, network).find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "A new title"
    assert entry.findtext(f"{ATOM}id") == before
    make_resource(
        network, title="The newest brief", published_at=timezone.now() + datetime.timedelta(minutes=1)
    )
    entries = _feed(client, network).findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["The newest brief", "A new title"]
    assert entries[1].findtext(f"{ATOM}id") == before
    assert entries[0].findtext(f"{ATOM}id") != before


@pytest.mark.django_db
def test_feed_holds_the_fifty_latest(client, network):
    now = timezone.now()
    for i in range(52):
        make_resource(network, title=f"Item {i:02d}", published_at=now - datetime.timedelta(hours=i))
    titles = [e.findtext(f"{ATOM}title") for e in _feed(client, network).findall(f"{ATOM}entry")]
    assert len(titles) == 50
    assert titles[0] == "Item 00" and "Item 50" not in titles


# --- Hostile text is inert everywhere


@pytest.mark.django_db
def test_html_in_title_and_abstract_is_escaped_on_every_page_and_in_the_feed(client, network):
    resource = make_resource(network, title=f"Brief {HOSTILE}", abstract=f"Abstract {HOSTILE}", text="needle")
    pages = [
        portal_url(network),
        portal_url(network) + "?q=needle",
        portal_url(network) + "?q=Brief",
        resource.get_public_url(),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert "<script>" not in page, url
        assert "<img src=x" not in page, url
        assert "&lt;script&gt;" in page, url
    raw = client.get(portal_url(network, "feed")).content.decode()
    assert "<script>" not in raw and "<img src=x" not in raw
    entry = ET.fromstring(raw).find(f"{ATOM}entry")  # noqa: S314 — our own feed, in a test
    # The title is Atom text: a reader shows the characters as they are, it does not read markup.
    assert entry.find(f"{ATOM}title").get("type") in (None, "text")
    assert entry.findtext(f"{ATOM}title") == f"Brief {HOSTILE}"
    # The summary is declared HTML, so its markup arrives escaped: a reader shows it as text.
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    assert "<script>" not in summary.text and "&lt;script&gt;" in summary.text


@pytest.mark.django_db
def test_a_hostile_search_query_is_escaped(client, network, world):
    page = client.get(portal_url(network), {"q": HOSTILE}).content.decode()
    assert "<script>" not in page and "<img src=x" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [{"q": '"unbalanced AND (NEAR *'}, {"year": "abc"}, {"page": "999"}, {"page": "x"}, {"kind": "nonsense"}],
)
def test_odd_input_never_errors(client, network, world, query):
    assert client.get(portal_url(network), query).status_code == 200


# --- Downloads


@pytest.mark.django_db
def test_download_of_a_public_file_is_an_inert_attachment(client, network):
    resource = make_resource(
        network, title="Brief", content_type="application/pdf", original_name="brief.pdf"
    )
    version = resource.versions.get()
    response = client.get(download_url(version))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="brief.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["Content-Length"] == str(len(PDF))


@pytest.mark.django_db
def test_download_uses_the_sniffed_type_not_the_senders_name(client, network):
    """A file sent as page.html but found to be a PDF is served and saved as a PDF."""
    resource = make_resource(network, original_name="page.html", content_type="application/pdf")
    response = client.get(download_url(resource.versions.get()))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="page.pdf"'


@pytest.mark.django_db
def test_download_of_a_bangla_named_file_has_an_ascii_name_and_the_exact_name(client, network):
    name = "নীতি সংক্ষেপ ২০২৪.pdf"
    resource = make_resource(network, original_name=name)
    disposition = client.get(download_url(resource.versions.get()))["Content-Disposition"]
    assert disposition.startswith('attachment; filename="')
    disposition.encode("ascii")  # the header itself is plain ASCII
    ascii_part = disposition.split('filename="', 1)[1].split('"', 1)[0]
    assert ascii_part.endswith(".pdf")
    assert "filename*=UTF-8''" in disposition
    assert unquote(disposition.split("filename*=UTF-8''", 1)[1]) == name


@pytest.mark.django_db
@pytest.mark.parametrize(
    "case",
    [
        "draft",
        "in_review",
        "network",
        "internal",
        "deleted_resource",
        "deleted_version",
        "version_not_public",
    ],
)
def test_download_of_a_non_public_version_answers_404_on_the_portal(client_for, network, case):
    kwargs = {
        "draft": {"status": lc.ReviewStatus.DRAFT},
        "in_review": {"status": lc.ReviewStatus.IN_REVIEW},
        "network": {"visibility": Visibility.NETWORK},
        "internal": {"visibility": Visibility.INTERNAL},
        "version_not_public": {"version_visibility": Visibility.NETWORK},
    }.get(case, {})
    resource = make_resource(network, **kwargs)
    version = ResourceVersion.all_objects.get(resource=resource)
    if case == "deleted_resource":
        Resource.all_objects.filter(pk=resource.pk).update(deleted_at=timezone.now())
    if case == "deleted_version":
        ResourceVersion.all_objects.filter(pk=version.pk).update(deleted_at=timezone.now())
    for role in ("anonymous", "secretariat"):
        assert client_for(role).get(download_url(version)).status_code == 404, role


@pytest.mark.django_db
def test_download_through_another_networks_address_answers_404(client, network):
    version = make_resource(network).versions.get()
    NetworkFactory(slug="elsewhere")
    url = reverse("portal:download", kwargs={"network": "elsewhere", "version_pk": version.pk})
    assert client.get(url).status_code == 404
    assert client.get(download_url(version)).status_code == 200


@pytest.mark.django_db
def test_a_link_version_redirects_only_to_a_web_address(client, network):
    good = make_resource(network, with_file=False, link="https://example.org/brief")
    response = client.get(download_url(good.versions.get()))
    assert response.status_code == 302
    assert response["Location"] == "https://example.org/brief"
    bad = make_resource(network, with_file=False, link="https://example.org/x")
    ResourceVersion.all_objects.filter(resource=bad).update(link="javascript:alert(1)")
    assert client.get(download_url(bad.versions.get())).status_code == 404


@pytest.mark.django_db
def test_file_response_for_non_public_files_is_private_and_attachment(network):
    resource = make_resource(
        network, visibility=Visibility.NETWORK, content_type="image/png", original_name="a.png"
    )
    version = ResourceVersion.objects.select_related("resource").get(resource=resource)
    response = file_response(version)
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    response.close()
    inline = file_response(version, inline_ok=True)
    assert inline["Content-Disposition"] == 'inline; filename="a.png"'
    inline.close()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content_type",
    ["text/html", "image/svg+xml", "application/xhtml+xml", "text/csv", "application/octet-stream", ""],
)
def test_active_or_unknown_content_is_never_inline(network, content_type):
    resource = make_resource(network, content_type=content_type, original_name="x.html")
    version = ResourceVersion.objects.select_related("resource").get(resource=resource)
    response = file_response(version, inline_ok=True)
    assert response["Content-Disposition"].startswith("attachment;")
    assert not response["Content-Disposition"].endswith('.html"')
    assert response["Content-Type"] == (content_type or "application/octet-stream")
    response.close()


@pytest.mark.django_db
def test_missing_file_answers_404(network):
    resource = make_resource(network)
    version = ResourceVersion.objects.select_related("resource").get(resource=resource)
    version.file.storage.delete(version.file.name)
    with pytest.raises(Http404):
        file_response(version)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ('evil"; name=x.pdf', 'attachment; filename="evil_ name_x.pdf"'),
        ("..\\..\\etc\\passwd", 'attachment; filename="passwd.pdf"'),
        ("line\r\nbreak.pdf", 'attachment; filename="linebreak.pdf"'),
        ("", 'attachment; filename="file.pdf"'),
    ],
)
def test_content_disposition_names_are_safe(name, expected):
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    assert content_disposition(name, "application/pdf") == expected


# --- Query counts hold as rows grow (DESIGN.md house rule 9)


def _grow(network, units: int, authors) -> None:
    objective = GCMObjective.objects.order_by("number").first()
    theme = network_theme(network)
    for _ in range(units):
        r = make_resource(network, authors=authors, text="corridor")
        r.gcm_objectives.add(objective)
        r.thematic_areas.add(theme)
        make_resource(network, status=lc.ReviewStatus.DRAFT, authors=authors)
        make_resource(network, visibility=Visibility.NETWORK, authors=authors)
        ResourceVersion.objects.create(
            network=network,
            resource=r,
            number=2,
            visibility=Visibility.PUBLIC,
            link="https://example.org/v2",
            text_status=lc.TextStatus.NO_TEXT,
        )


def _count(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["list", "filtered", "search", "detail", "feed"])
def test_portal_query_counts_do_not_grow(network, page):
    authors = [OrganisationFactory(network=network) for _ in range(3)]
    target = make_resource(network, authors=authors, text="corridor")
    target.gcm_objectives.add(*GCMObjective.objects.order_by("number")[:3])
    _grow(network, 1, authors)
    url = {
        "list": portal_url(network),
        "filtered": portal_url(network) + f"?kind=policy_brief&year={timezone.now().year}&language=en",
        "search": portal_url(network) + "?q=corridor",
        "detail": target.get_public_url(),
        "feed": portal_url(network, "feed"),
    }[page]
    client = Client()
    few = _count(client, url)
    _grow(network, 5, authors + [OrganisationFactory(network=network)])
    more = _count(client, url)
    assert more == few, f"{url}: {few} queries with few rows, {more} with more"
    assert more <= MAX_QUERIES
