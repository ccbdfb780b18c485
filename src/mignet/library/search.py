"""Full-text search of the library behind one interface: SQLite FTS5 in the embedded default, PostgreSQL
full-text search (GIN) in production; the engine follows `connection.vendor`.

Services keep the index current by calling `index_update` / `index_remove` (never signals: bulk writes skip
them); `reindex()` (`mignet search_reindex`) rebuilds it after bulk loads. `search()` ranks the resources of
the queryset it is given — the policy's — and never looks beyond it: the engine's matches are joined to that
queryset by id. Every search costs the same three queries whatever the number of hits: ranked ids and the
total, the highlighted passages of one page, the page's resources.

SQLite: the FTS5 table `library_resource_fts(title, abstract, body)`, rowid = resource id, created by
migration 0002. PostgreSQL: the column `library_resource.search_vector`, a stored generated tsvector that
migration 0002 adds with a GIN index (not a model field): 'simple' vectors of the title (A), abstract (B) and
text (C) — every word as written: Bangla has no stemmer, so 'simple' keeps its words whole — and the text's
'english' stems (D: "migrants" finds "migration"). The database keeps it current from `search_document`.

The SQL here interpolates only constants and Django-compiled subqueries; what a person types is always a
parameter (hence the S608 exemptions).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

FTS_TABLE = "library_resource_fts"
# Why this tokenizer: `unicode61` with its default categories (L* N* Co) splits Bangla words at every
# vowel sign and virama (categories Mc/Mn), so "নীতি" was indexed as "নীত" and highlighted half-way, and a
# query could match pieces of other words. Adding M* keeps every Bangla word whole, so "অভিবাসন" matches
# the word অভিবাসন and not অভিবাসী; `trigram` would find pieces inside words (ভিবাসন, "men" in "women"),
# cannot find words of fewer than three letters and ranks poorly. `porter` stems English words only (it
# leaves non-ASCII words alone), so "migrants" finds "migrant" — as the 'english' vector does on PostgreSQL.
# remove_diacritics 2: "cafe" finds "café".
FTS_TOKENIZE = "porter unicode61 remove_diacritics 2 categories 'L* N* Co M*'"
# Title above abstract above body (bm25 column weights; ts_rank_cd's A, B, C on PostgreSQL).
BM25_WEIGHTS = (10.0, 4.0, 1.0)
# Marks placed by the engine around matches, then turned into <mark> once the text is escaped. They are
# control characters that `clean()` removes from every indexed text, so a document cannot forge them.
START, STOP = "\x02", "\x03"
SNIPPET_WORDS = 32
HEADLINE_OPTIONS = (
    f"StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=15, ShortWord=2, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)
# Joiners (ZWNJ/ZWJ), soft hyphens and control characters (except tab and newline) are dropped: a word
# typed without a joiner must find the same word written with one, and the highlight marks stay ours.
_DROP = dict.fromkeys(
    [0x200C, 0x200D, 0x00AD, 0xFEFF] + [c for c in range(32) if c not in (9, 10)] + [0x7F], None
)


def clean(text: str) -> str:
    """Text as indexed and as queried: NFC (so য় typed either way is one letter), no joiners or controls."""
    return unicodedata.normalize("NFC", text or "").translate(_DROP)


def _is_word_char(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] in "LNM" or cat == "Co"


def words(text: str) -> list[str]:
    """The words of `text` as the FTS5 tokenizer sees them: runs of letters, digits and marks (L*, N*, M*,
    Co), so a query is built only from words and its punctuation can never be read as FTS5 syntax."""
    out, current = [], []
    for ch in clean(text):
        if _is_word_char(ch):
            current.append(ch)
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


# --- What is indexed


def _parts(resource) -> tuple[str, str, str]:
    latest = resource.versions.filter(deleted_at__isnull=True).order_by("-number").first()
    return clean(resource.title), clean(resource.abstract), clean(latest.extracted_text if latest else "")


def _join(parts) -> str:
    return "\n".join(p for p in parts if p)


def document_for(resource) -> str:
    """The text a resource is found by: title, abstract and the text of its current version."""
    return _join(_parts(resource))


def index_update(resource) -> None:
    """Keep the resource's search document (and the engine's index) current; a deleted one leaves it."""
    from .models import Resource

    if resource.deleted_at is not None:
        index_remove(resource)
        return
    parts = _parts(resource)
    Resource.all_objects.filter(pk=resource.pk).update(search_document=_join(parts))
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [resource.pk])  # noqa: S608
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (rowid, title, abstract, body) VALUES (%s, %s, %s, %s)",  # noqa: S608
                [resource.pk, *parts],
            )


def index_remove(resource) -> None:
    """Drop a deleted resource from the index (restoring it calls `index_update` again)."""
    from .models import Resource

    Resource.all_objects.filter(pk=resource.pk).update(search_document="")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [resource.pk])  # noqa: S608


def reindex(*, batch_size: int = 2000, progress=None) -> int:
    """Rebuild the search documents and the engine's index from titles, abstracts and current versions,
    in batches (after bulk loads such as `mignet generate`). Returns the number of resources indexed."""
    from django.db import transaction
    from django.db.models import OuterRef, Subquery

    from .models import Resource, ResourceVersion

    latest = ResourceVersion.all_objects.filter(resource=OuterRef("pk"), deleted_at__isnull=True).order_by(
        "-number"
    )
    live = Resource.all_objects.filter(deleted_at__isnull=True)
    sqlite = connection.vendor == "sqlite"
    done = 0
    with transaction.atomic():
        Resource.all_objects.filter(deleted_at__isnull=False).exclude(search_document="").update(
            search_document=""
        )
        if sqlite:
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {FTS_TABLE}")  # noqa: S608
        last = 0
        while True:
            rows = list(
                live.filter(pk__gt=last)
                .order_by("pk")
                .annotate(text=Subquery(latest.values("extracted_text")[:1]))
                .values_list("pk", "title", "abstract", "text", "search_document")[:batch_size]
            )
            if not rows:
                break
            last = rows[-1][0]
            indexed, changed = [], []
            for pk, title, abstract, text, current in rows:
                parts = (clean(title), clean(abstract), clean(text or ""))
                indexed.append((pk, *parts))
                if _join(parts) != current:
                    changed.append(Resource(pk=pk, search_document=_join(parts)))
            if changed:
                Resource.all_objects.bulk_update(changed, ["search_document"], batch_size=500)
            if sqlite:
                with connection.cursor() as cursor:
                    cursor.executemany(
                        f"INSERT INTO {FTS_TABLE} (rowid, title, abstract, body) VALUES (%s, %s, %s, %s)",  # noqa: S608
                        indexed,
                    )
            done += len(rows)
            if progress:
                progress(done)
        if sqlite:
            with connection.cursor() as cursor:  # merge the index's segments: faster queries after a load
                cursor.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}) VALUES ('optimize')")  # noqa: S608
        elif connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # fresh statistics, or the planner may bypass the GIN index
                cursor.execute("ANALYZE library_resource")
    return done


# --- Searching


@dataclass
class SearchResult:
    """Ranked hits: `hits` is a list of (resource, snippet_html); `total` counts all matches."""

    hits: list
    total: int


def _marked(text: str) -> SafeString:
    """The engine's passage as safe HTML: escape everything, then turn our sentinels into <mark>."""
    html = escape(text or "").replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 — escaped above; only our own <mark> tags are added


def fts5_query(q: str) -> str:
    """An FTS5 query built from the words of `q`, every word double-quoted (so nothing the user types is
    FTS5 syntax), with web-search habits: "a phrase", `or` between alternatives, `-word` to exclude.
    Empty when `q` has no words."""
    terms: list[list[str]] = []  # AND of (OR of phrases)
    excluded: list[str] = []
    join_next = False
    for match in re.finditer(r'(-?)"([^"]*)"?|(\S+)', clean(q)):
        negate, quoted, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None and bare.lower() == "or" and terms:
            join_next = True
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negate, bare = "-", bare[1:]
        found = words(quoted if quoted is not None else bare)
        if not found:
            continue
        phrase = '"' + " ".join(found) + '"'
        if negate:
            excluded.append(phrase)
        elif join_next:
            terms[-1].append(phrase)
        else:
            terms.append([phrase])
        join_next = False
    if not terms:
        return ""
    expr = " AND ".join("(" + " OR ".join(alts) + ")" for alts in terms)
    if excluded:
        expr = f"({expr}) NOT ({' OR '.join(excluded)})"
    return expr


def _ids_sql(queryset) -> tuple[str, tuple]:
    return queryset.order_by().values("pk").query.sql_with_params()


def _page(queryset, ids: list[int]) -> dict:
    return {r.pk: r for r in queryset.filter(pk__in=ids)}


def _search_sqlite(queryset, q: str, limit: int, offset: int) -> SearchResult:
    match = fts5_query(q)
    if not match:
        return SearchResult([], 0)
    inner, params = _ids_sql(queryset)
    with connection.cursor() as cursor:
        cursor.execute(
            # bm25() cannot sit beside a window function: rank inside, count all matches outside. `+rowid`
            # keeps the policy's ids out of FTS5's planner, which would run one MATCH per id (0.7 s at 5 000).
            f"SELECT id, rank, COUNT(*) OVER () FROM (SELECT rowid AS id, bm25({FTS_TABLE}, %s, %s, %s) AS rank "  # noqa: S608
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND +rowid IN ({inner})) "
            "ORDER BY rank, id DESC LIMIT %s OFFSET %s",
            [*BM25_WEIGHTS, match, *params, limit, offset],
        )
        ranked = cursor.fetchall()
        if not ranked:
            return SearchResult([], _count_sqlite(match, inner, params) if offset else 0)
        ids = [row[0] for row in ranked]
        cursor.execute(
            f"SELECT rowid, snippet({FTS_TABLE}, -1, %s, %s, '…', %s) FROM {FTS_TABLE} "  # noqa: S608
            f"WHERE {FTS_TABLE} MATCH %s AND rowid IN ({', '.join(['%s'] * len(ids))})",
            [START, STOP, SNIPPET_WORDS, match, *ids],
        )
        snippets = dict(cursor.fetchall())
    objects = _page(queryset, ids)
    hits = [(objects[i], _marked(snippets.get(i, ""))) for i in ids if i in objects]
    return SearchResult(hits, ranked[0][2])


def _count_sqlite(match: str, inner: str, params) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND +rowid IN ({inner})",  # noqa: S608
            [match, *params],
        )
        return cursor.fetchone()[0]


_PG_QUERY = "(websearch_to_tsquery('simple', %s) || websearch_to_tsquery('english', %s))"


def _pg_where(inner: str) -> str:
    return f"r.deleted_at IS NULL AND r.search_vector @@ {_PG_QUERY} AND r.id IN ({inner})"


def _search_postgresql(queryset, q: str, limit: int, offset: int) -> SearchResult:
    q = clean(q)
    if not words(q):
        return SearchResult([], 0)
    inner, params = _ids_sql(queryset)
    with connection.cursor() as cursor:
        # search_vector (migration 0002): title A > abstract B > text C > the text's English stems D.
        cursor.execute(
            f"SELECT r.id, ts_rank_cd(r.search_vector, {_PG_QUERY}) AS rank, COUNT(*) OVER () "  # noqa: S608
            f"FROM library_resource r WHERE {_pg_where(inner)} ORDER BY rank DESC, r.id DESC LIMIT %s OFFSET %s",
            [q, q, q, q, *params, limit, offset],
        )
        ranked = cursor.fetchall()
        if not ranked:
            if not offset:
                return SearchResult([], 0)
            cursor.execute(
                f"SELECT COUNT(*) FROM library_resource r WHERE {_pg_where(inner)}",  # noqa: S608
                [q, q, *params],
            )
            return SearchResult([], cursor.fetchone()[0])
        ids = [row[0] for row in ranked]
        # The 'english' parser and stems mark both the words as typed and their English variants.
        cursor.execute(
            f"SELECT id, ts_headline('english'::regconfig, search_document, {_PG_QUERY}, %s) "  # noqa: S608
            "FROM library_resource WHERE id = ANY(%s)",
            [q, q, HEADLINE_OPTIONS, ids],
        )
        snippets = dict(cursor.fetchall())
    objects = _page(queryset, ids)
    hits = [(objects[i], _marked(snippets.get(i, ""))) for i in ids if i in objects]
    return SearchResult(hits, ranked[0][2])


def _search_fallback(queryset, q: str, limit: int, offset: int) -> SearchResult:
    """Other databases: every word as a substring, newest first (no ranking, no highlighting)."""
    found = words(q)
    if not found:
        return SearchResult([], 0)
    matches = queryset
    for word in found:
        matches = matches.filter(search_document__icontains=word)
    total = matches.count()
    page = matches[offset : offset + limit]
    return SearchResult([(r, escape(r.abstract[:200])) for r in page], total)


def search(queryset, q: str, *, limit: int = 50, offset: int = 0) -> SearchResult:
    """Resources of `queryset` matching `q`, best first, each with its matching passage highlighted
    (safe HTML: the text escaped, the matches in <mark>). Never raises on what a person types."""
    q = (q or "").strip()[:500]
    limit, offset = max(0, int(limit)), max(0, int(offset))
    if not q or not limit:
        return SearchResult([], 0)
    if connection.vendor == "sqlite":
        return _search_sqlite(queryset, q, limit, offset)
    if connection.vendor == "postgresql":
        return _search_postgresql(queryset, q, limit, offset)
    return _search_fallback(queryset, q, limit, offset)
