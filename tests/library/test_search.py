"""Full-text search of the library (SQLite FTS5 / PostgreSQL): words in English and Bangla, the text inside
files, ranking, filters, what each user may see, hostile queries and deleted resources."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mignet.core.choices import Visibility
from mignet.library import choices as c
from mignet.library import search, selectors, services
from mignet.library.models import Resource, ResourceVersion

pytestmark = pytest.mark.django_db

BANGLA_TEXT = "জাতীয় অভিবাসন নীতি। শ্রম অভিবাসীদের অধিকার সুরক্ষা এবং নিরাপদ অভিবাসন নিশ্চিত করা।"


def add(
    actor,
    network,
    title,
    *,
    abstract="",
    text="",
    published=True,
    kind=c.ResourceKind.POLICY_BRIEF,
    language=c.Language.ENGLISH,
    visibility=Visibility.NETWORK,
):
    """A resource with one version whose text was extracted, published unless asked otherwise."""
    resource = services.resource_create(
        actor=actor,
        network=network,
        data={
            "kind": kind,
            "title": title,
            "abstract": abstract,
            "language": language,
            "visibility": visibility,
        },
        link="https://example.org/document",
    )
    ResourceVersion.all_objects.filter(resource=resource).update(
        extracted_text=text, text_status=c.TextStatus.EXTRACTED
    )
    if published:
        Resource.all_objects.filter(pk=resource.pk).update(status=c.ReviewStatus.PUBLISHED)
    resource.refresh_from_db()
    search.index_update(resource)
    return resource


def find(user, network, q, **kwargs):
    return selectors.resource_search(user=user, network=network, q=q, **kwargs)


@pytest.fixture
def sec(users):
    return users["secretariat"]


def test_english_and_bangla_words_are_found(sec, network):
    english = add(sec, network, "Safe labour migration", abstract="Recruitment fees and decent work.")
    bangla = add(sec, network, "অভিবাসন নীতি", text=BANGLA_TEXT, language=c.Language.BANGLA)
    assert [r for r, _ in find(sec, network, "recruitment").hits] == [english]
    result = find(sec, network, "অভিবাসন")
    assert [r for r, _ in result.hits] == [bangla]
    # A whole word, not a piece of another: অভিবাসী is a different word from অভিবাসন.
    assert find(sec, network, "অভিবাসীদের").total == 1
    assert find(sec, network, "ভিবাসন").total == 0
    # Written with a joiner or a decomposed য়, the same words are found.
    assert find(sec, network, "জাতীয\u09bc").total == 1
    assert find(sec, network, "অভি\u200cবাসন").total == 1


def test_a_word_only_inside_the_file_is_found_and_highlighted(sec, network):
    resource = add(
        sec,
        network,
        "Annual report",
        abstract="What the Network did.",
        text="Chapter two. The remittance corridors between Dhaka and the Gulf grew last year.",
    )
    result = find(sec, network, "remittance")
    assert result.total == 1
    ((hit, snippet),) = result.hits
    assert hit == resource
    assert "<mark>remittance</mark>" in snippet
    bangla = add(sec, network, "Bangla summary", text=BANGLA_TEXT)
    ((hit, snippet),) = find(sec, network, "নিরাপদ").hits
    assert hit == bangla and "<mark>নিরাপদ</mark>" in snippet


def test_title_match_ranks_above_body_only_match(sec, network):
    body_only = add(sec, network, "Annual report", text="A long text that mentions trafficking once.")
    in_title = add(sec, network, "Counter-trafficking action plan", text="Steps and responsibilities.")
    in_abstract = add(sec, network, "Action plan", abstract="Against trafficking in persons.")
    result = find(sec, network, "trafficking")
    assert [r for r, _ in result.hits] == [in_title, in_abstract, body_only]
    assert result.total == 3


def test_stemmed_english_words_are_found(sec, network):
    resource = add(sec, network, "Policy paper", text="Migrants and their families.")
    assert [r for r, _ in find(sec, network, "migrant").hits] == [resource]


def test_filters_combine_with_the_words(sec, network):
    brief = add(sec, network, "Brief on returnees", kind=c.ResourceKind.POLICY_BRIEF)
    add(sec, network, "Study of returnees", kind=c.ResourceKind.RESEARCH)
    add(sec, network, "Brief on something else", kind=c.ResourceKind.POLICY_BRIEF)
    narrowed = selectors.resource_list(user=sec, network=network).filter(kind=c.ResourceKind.POLICY_BRIEF)
    result = find(sec, network, "returnees", queryset=narrowed)
    assert [r for r, _ in result.hits] == [brief]
    assert result.total == 1


def test_a_draft_is_not_found_by_a_viewer(sec, users, network):
    add(sec, network, "Draft brief on reintegration", published=False)
    published = add(sec, network, "Published brief on reintegration")
    assert find(sec, network, "reintegration").total == 2
    result = find(users["viewer"], network, "reintegration")
    assert [r for r, _ in result.hits] == [published]
    assert result.total == 1
    assert find(None, network, "reintegration").total == 0  # anonymous: not public


HOSTILE = [
    '"',
    '""',
    "*",
    "-",
    "NEAR(",
    "NEAR(a b",
    "') OR 1=1 --",
    "a AND OR NOT",
    "<script>alert(1)</script>",
    "title:x",
    "^x",
    "x*",
    "(((",
    "}{",
    "\x00\x02\x03",
    "a" * 600,
    "\u200d",
    "ক\u09cd",
    "OR",
    "-x",
]


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_queries_never_error_and_snippets_stay_inert(sec, network, q):
    add(
        sec,
        network,
        "<script>alert('x')</script> script",
        text="<b>bold</b> and <script>evil()</script> script x",
    )
    result = find(sec, network, q)
    assert result.total >= len(result.hits)
    for _, snippet in result.hits:
        assert "<script" not in snippet and "<b>" not in snippet


def test_document_html_is_escaped_in_snippets(sec, network):
    add(sec, network, "Note", text='<img src=x onerror="alert(1)"> the script tag <script>evil()</script>')
    ((_, snippet),) = find(sec, network, "script").hits
    assert "<img" not in snippet and "<script" not in snippet
    assert "<mark>script</mark>" in snippet
    # Only our marks are tags: the document's own are escaped (SQLite) or left out (PostgreSQL's ts_headline).
    assert "<" not in snippet.replace("<mark>", "").replace("</mark>", "")
    ((_, snippet),) = find(sec, network, "<script>").hits  # the query's HTML is only its words
    assert "<script" not in snippet


def test_deleted_resources_disappear_and_come_back_when_restored(sec, network):
    resource = add(sec, network, "Guidance on consular services")
    assert find(sec, network, "consular").total == 1
    services.resource_delete(actor=sec, instance=resource)
    assert find(sec, network, "consular").total == 0
    services.resource_restore(actor=sec, instance=Resource.all_objects.get(pk=resource.pk))
    assert find(sec, network, "consular").total == 1


def test_pages_and_query_count_do_not_grow_with_hits(sec, network):
    for i in range(12):
        add(sec, network, f"Bulletin {i}", text="diaspora engagement " * (i + 1))
    with CaptureQueriesContext(connection) as small:
        find(sec, network, "diaspora", limit=2)
    with CaptureQueriesContext(connection) as large:
        result = find(sec, network, "diaspora", limit=10)
    assert len(large) == len(small)
    assert result.total == 12 and len(result.hits) == 10
    rest = find(sec, network, "diaspora", limit=10, offset=10)
    assert rest.total == 12 and len(rest.hits) == 2
    assert {r.pk for r, _ in rest.hits}.isdisjoint({r.pk for r, _ in result.hits})
    beyond = find(sec, network, "diaspora", limit=10, offset=50)
    assert beyond.total == 12 and beyond.hits == []


def test_reindex_rebuilds_from_the_current_versions(sec, network):
    resource = add(sec, network, "Old title")
    Resource.all_objects.filter(pk=resource.pk).update(title="Cross-border labour mobility")  # a bulk write
    if connection.vendor == "sqlite":  # PostgreSQL's stored vector reads the title column itself
        assert find(sec, network, "mobility").total == 0
    assert search.reindex(batch_size=1) >= 1
    assert find(sec, network, "mobility").total == 1
    assert find(sec, network, "old").total == 0
