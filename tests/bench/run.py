"""`make bench`: timings and SQL query counts of every page and API endpoint of the network app, per scale.

For each scale in BENCH_SCALES (default "small,national"; add "global" on request) this uses its own
database — var/bench/<scale>.sqlite3, or, when DATABASE_URL names a PostgreSQL database, a database
called <name>_bench_<scale> on the same server (created when missing) — migrates it, fills it with
`mignet generate --scale <scale> --seed BENCH_SEED` (reused when it already holds that scale and seed),
then measures in-process with django.test.Client, signed in as the secretariat of the `gen-bd` network
(the home page also as a partner): BENCH_WARMUP (3) warm-up requests, one request counted with
CaptureQueriesContext, then BENCH_RUNS (30) timed requests per case.

The meetings app is measured the same way: its list pages (plain and filtered), the busiest meeting of
`gen-bd` (most attendance, then agenda items) with its agenda item, attendance, minutes and register, the
decision with the most positions and its position form, an action point, "My actions" of the user whose
organisation owns the most action points, the create and edit forms, and its API collections. A record a
case needs but the data lacks (say, generated before the meetings generator existed: such a database is
generated again) is reported in the table as an error naming it, never skipped.

The library likewise: its list (plain and filtered) and full-text search page, the published resource with
the most versions with its edit, new-version and review forms, the capacity-building requests (list, form,
the request with the most steps, its edit and next-step forms), the public portal as a visitor (list,
search, a resource, the Atom feed) and its API collections (resources, with a ranked search; versions;
capacity-building requests).

The plans app: the plan list and the page of the plan with the most activities, the activity list (plain
and filtered by status and GCM objective) and the activity with the most indicators, the dashboard, the
impediments (list, the one with the most steps), the quarterly reports (overview list, the report with the
most lines), the joint priorities, the duplicates view and the API collections (plans, activities plain
and filtered, indicators, measurements, impediments, progress reports). These pages are being built: a
case whose URL name does not exist yet is left out with a printed note (NoReverseMatch), never an error.

It prints a table (case × scale: median ms, p95 ms, queries), flags what misses DESIGN.md's targets,
and writes var/bench/latest.json as {"scales": {"<scale>": {"rows": N, "cases": {"<case>": {"median_ms": x,
"p95_ms": y, "queries": q}}}}} — merged with the scales of earlier runs on the same database engine with
the same cases; var/bench/latest-meta.json records each scale's engine, seed, time and load average.
`rows` counts the network app's rows (networks, organisations, people, bodies, memberships,
representatives, chair terms, nominations, role assignments, ToR versions and objectives, themes) and the
meetings app's (meetings, agenda items, attendance, minutes, decisions, positions, action points).

BENCH_FRESH=1 rebuilds the databases from nothing; BENCH_DROP=1 drops the PostgreSQL bench databases
(deletes the SQLite files) after measuring. Timings live here only; tests never assert on time.
"""

from __future__ import annotations

import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

SEED = int(os.environ.get("BENCH_SEED", "1"))
RUNS = int(os.environ.get("BENCH_RUNS", "30"))
WARMUP = int(os.environ.get("BENCH_WARMUP", "3"))
NETWORK = "gen-bd"
VAR = Path(os.environ.get("MIGNET_VAR_DIR", Path.cwd() / "var")).resolve() / "bench"

# DESIGN.md section 7.
TARGET_MS = {"dashboard": 150, "page": 50, "api": 50, "write": 100}
MAX_QUERIES = 15

# (URL segment, model name, search term) of each record type's pages.
SEGMENTS = [
    ("organisations", "Organisation", "migrant"),
    ("people", "Person", "rahman"),
    ("bodies", "Body", "twg"),
    ("memberships", "Membership", "unicef"),
    ("representatives", "Representative", "khan"),
    ("chair-terms", "ChairTerm", "labour"),
    ("nominations", "Nomination", "alliance"),
    ("roles", "RoleAssignment", "bench"),
    ("terms-of-reference", "TermsOfReference", "objectives"),
    ("thematic-areas", "ThematicArea", "migration"),
]
# The meetings app's pages: (URL segment, target key, filter query string) of each record type.
MEETING_SEGMENTS = [
    ("meetings", "Meeting", "upcoming=true&kind=regular"),
    ("agenda-items", "AgendaItem", "q=update"),
    ("attendance", "Attendance", "status=present"),
    ("minutes", "Minutes", "status=approved"),
    ("decisions", "Decision", "status=adopted&method=consensus"),
    ("action-points", "ActionPoint", "overdue=true"),
]
MEETINGS_API = [
    "meetings",
    "agenda-items",
    "attendance",
    "minutes",
    "decisions",
    "positions",
    "action-points",
]
LIBRARY_API = ["resources", "resource-versions", "capacity-requests"]
API = [
    "networks",
    "organisations",
    "people",
    "bodies",
    "memberships",
    "representatives",
    "chair-terms",
    "nominations",
    "role-assignments",
    "terms-of-reference",
    "thematic-areas",
]


# --- Parent: one worker process per scale, each with its own database --------------------------------------


def _database_url(scale: str) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://", "pgsql://")):
        parts = urlsplit(url)
        name = parts.path.lstrip("/") or "mignet"
        return urlunsplit(parts._replace(path=f"/{name}_bench_{scale}"))
    return f"sqlite:///{VAR / f'{scale}.sqlite3'}"


def _pg(url: str, sql: str) -> None:
    """Run CREATE/DROP DATABASE through the server's `postgres` database."""
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql)


def _pg_exists(url: str) -> bool:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def _prepare(url: str) -> None:
    fresh = os.environ.get("BENCH_FRESH") == "1"
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    name = urlsplit(url).path.lstrip("/")
    exists = _pg_exists(url)
    if exists and fresh:
        _pg(url, f'DROP DATABASE "{name}"')
        exists = False
    if not exists:
        _pg(url, f'CREATE DATABASE "{name}"')


def _drop(url: str) -> None:
    if url.startswith("sqlite"):
        path = Path(url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        _pg(url, f'DROP DATABASE IF EXISTS "{urlsplit(url).path.lstrip("/")}"')


def main() -> int:
    scales = [s.strip() for s in os.environ.get("BENCH_SCALES", "small,national").split(",") if s.strip()]
    VAR.mkdir(parents=True, exist_ok=True)
    measured: dict[str, dict] = {}
    engine = "PostgreSQL" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    for scale in scales:
        url = _database_url(scale)
        _prepare(url)
        print(f"== {scale}: {engine} database {url.rsplit('@', 1)[-1]}", flush=True)
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
            out = Path(handle.name)
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "mignet.settings"}
        started = time.monotonic()
        done = subprocess.run(  # noqa: S603 — our own interpreter and module
            [sys.executable, "-m", "tests.bench.run", "--worker", scale, str(out)], env=env, check=False
        )
        if done.returncode != 0:
            print(f"The {scale} bench failed (exit {done.returncode}).", file=sys.stderr)
            return done.returncode
        measured[scale] = json.loads(out.read_text())
        out.unlink()
        print(f"   {scale} measured in {time.monotonic() - started:.0f} s", flush=True)
        if os.environ.get("BENCH_DROP") == "1":
            _drop(url)
    latest, meta_path = VAR / "latest.json", VAR / "latest-meta.json"
    merged, meta = _read(latest), _read(meta_path)
    names = set(next(iter(measured.values()))["cases"])
    # Earlier scales stay when they measured the same cases (the file promises the same names at every
    # scale) on the same database engine; latest-meta.json says which engine and when.
    merged["scales"] = {
        s: v
        for s, v in merged.get("scales", {}).items()
        if s not in measured
        and set(v["cases"]) == names
        and meta.get("scales", {}).get(s, {}).get("engine") == engine
    }
    meta["scales"] = {s: v for s, v in meta.get("scales", {}).items() if s in merged["scales"]}
    for scale in measured:
        meta["scales"][scale] = {
            "engine": engine,
            "seed": SEED,
            "runs": RUNS,
            "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "load_average": [round(x, 2) for x in os.getloadavg()],
        }
    for scale, result in measured.items():
        merged["scales"][scale] = {
            "rows": result["rows"],
            "cases": {
                k: {"median_ms": v["median_ms"], "p95_ms": v["p95_ms"], "queries": v["queries"]}
                for k, v in result["cases"].items()
            },
        }
    order = {s: i for i, s in enumerate(("small", "national", "global"))}
    merged["scales"] = dict(sorted(merged["scales"].items(), key=lambda kv: order.get(kv[0], 9)))
    latest.write_text(json.dumps(merged, indent=2) + "\n")
    meta_path.write_text(json.dumps(meta, indent=2) + "\n")
    errors = {s: r.get("errors", {}) for s, r in measured.items()}
    print(render_table(merged, measured=set(measured), errors=errors, engine=engine))
    print(f"Wrote {latest}")
    return 0


def _read(path: Path) -> dict:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {"scales": {}}
    return data if isinstance(data.get("scales"), dict) else {"scales": {}}


def kind_of(case: str) -> str:
    if case.startswith("write/"):
        return "write"
    if case.startswith("api/"):
        return "api"
    if case.split("@")[0] in ("home", "about", "plans/dashboard"):
        return "dashboard"
    return "page"


def render_table(data: dict, *, measured: set[str], errors: dict, engine: str) -> str:
    scales = list(data["scales"])
    cases = list(next(iter(data["scales"].values()))["cases"]) if scales else []
    width = max([len(c) for c in cases] + [20])
    col = 24
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        "",
        f"Server time in ms (median / p95) and SQL queries per request — {engine}, {RUNS} runs after {WARMUP} warm-ups.",
        f"Machine: {os.cpu_count()} CPUs, load average now {load} (timings are wall-clock: other work inflates them).",
        "Targets (DESIGN.md §7): p95 ≤ 50 ms for pages and API, ≤ 150 ms for dashboards (home, about), "
        f"≤ 100 ms for writes; ≤ {MAX_QUERIES} queries; no more queries as rows grow.",
        "! = over a target   ↑ = more queries than at the smallest scale   E = unexpected status",
        "",
        f"{'case':<{width}} "
        + " ".join(f"{s + ('' if s in measured else ' (earlier)'):>{col}}" for s in scales),
        f"{'rows':<{width}} " + " ".join(f"{data['scales'][s]['rows']:>{col},}" for s in scales),
        "-" * (width + (col + 1) * len(scales)),
    ]
    over = []
    first = scales[0] if scales else None
    for case in cases:
        cells = []
        for s in scales:
            r = data["scales"][s]["cases"][case]
            flags = ""
            if r["p95_ms"] > TARGET_MS[kind_of(case)]:
                flags += "!"
            if r["queries"] > MAX_QUERIES:
                flags += "!"
            if r["queries"] > data["scales"][first]["cases"][case]["queries"]:
                flags += "↑"
            if case in errors.get(s, {}):
                flags += "E"
            if flags:
                over.append(f"{case} @ {s}")
            cell = f"{r['median_ms']:.1f} / {r['p95_ms']:.1f} / {r['queries']}{flags}"
            cells.append(f"{cell:>{col}}")
        lines.append(f"{case:<{width}} " + " ".join(cells))
    lines.append("")
    lines.append(f"{len(over)} case×scale over a target." if over else "Every case meets its targets.")
    for s, errs in errors.items():
        for case, status in errs.items():
            said = f"answered {status}" if isinstance(status, int) else status
            lines.append(f"E {case} @ {s}: {said}")
    return "\n".join(lines)


# --- Worker: one scale, in-process ----------------------------------------------------------------------------


def worker(scale: str, out: Path) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from mignet.meetings.models import Meeting
    from mignet.network import generate

    call_command("migrate", verbosity=0)
    # Data generated before the meetings generator existed has no meetings: generate it again.
    stale = (
        importlib.util.find_spec("mignet.meetings.generate") is not None
        and not Meeting.all_objects.filter(network__slug=NETWORK).exists()
    )
    # Likewise data generated before the plans generator existed.
    if importlib.util.find_spec("mignet.plans.generate") is not None:
        from mignet.plans.models import Plan

        stale = stale or not Plan.all_objects.filter(network__slug=NETWORK).exists()
    if generate.batch_info() != (scale, SEED) or stale:
        started = time.monotonic()
        print(f"   generating {scale} (seed {SEED})…", flush=True)
        counts = generate.generate(scale=scale, seed=SEED, replace=True)
        print(f"   generated {sum(counts.values()):,} rows in {time.monotonic() - started:.0f} s", flush=True)
    else:
        print(f"   reusing the {scale} data (seed {SEED})", flush=True)
    rows = sum(v for k, v in generate.row_counts().items() if k != "users") + _meetings_rows() + _plans_rows()
    cases, errors = measure()
    out.write_text(json.dumps({"rows": rows, "cases": cases, "errors": errors}))


def _meetings_rows() -> int:
    """Rows of the meetings app's tables (all networks); `row_counts()` may already include them."""
    from mignet.meetings import models as mm
    from mignet.network import generate

    counted = set(generate.row_counts())
    models = [mm.Meeting, mm.AgendaItem, mm.Attendance, mm.Minutes, mm.Decision, mm.Position, mm.ActionPoint]
    return sum(m.all_objects.count() for m in models if str(m._meta.verbose_name_plural) not in counted)


def _client(email: str):
    from django.test import Client, override_settings

    from mignet.accounts.models import User

    client = Client()
    # django-axes would log this sign-in with the address "-", which PostgreSQL's inet column refuses.
    with override_settings(AXES_ENABLED=False):
        client.force_login(User.objects.get(email=email), backend="django.contrib.auth.backends.ModelBackend")
    return client


def _targets() -> dict:
    """The records whose pages are measured: the same rule picks them at every scale."""
    from django.db.models import Count

    from mignet.network import models as m

    network = m.Network.objects.get(slug=NETWORK)
    body = (
        m.Body.objects.filter(network=network, kind="twg")
        .annotate(n=Count("memberships"))
        .order_by("-n", "pk")
        .first()
    )
    membership = (
        m.Membership.objects.filter(network=network)
        .annotate(n=Count("representatives"))
        .order_by("-n", "pk")
        .first()
    )
    return {
        "network": network,
        "Organisation": network.coordinator,
        "Person": m.Person.objects.filter(network=network)
        .annotate(n=Count("representations"))
        .order_by("-n", "pk")
        .first(),
        "Body": body,
        "Membership": membership,
        "Representative": membership.representatives.order_by("-start_date", "pk").first(),
        "ChairTerm": m.ChairTerm.objects.filter(body=body).order_by("-start_date", "pk").first(),
        "Nomination": m.Nomination.objects.filter(network=network).order_by("-nominated_on", "pk").first(),
        "RoleAssignment": m.RoleAssignment.objects.get(
            network=network, user__email=f"bench-member-{NETWORK}@example.org"
        ),
        "TermsOfReference": m.TermsOfReference.objects.filter(network=network).order_by("-number").first(),
        "ThematicArea": m.ThematicArea.objects.filter(network=network)
        .annotate(n=Count("bodies"))
        .order_by("-n", "pk")
        .first(),
        **_meeting_targets(network),
    }


def _meeting_targets(network) -> dict:
    """The meetings app's records to visit: the busiest meeting (most attendance, then agenda items) and
    its records, the decision with the most positions, and the user whose organisation owns the most
    action points. A value is None when the data has no such record (the case then reports it)."""
    from django.db.models import Count, OuterRef, Subquery

    from mignet.meetings import models as mm
    from mignet.network.models import RoleAssignment

    def count_of(model, field):
        rows = model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field)
        return Subquery(rows.annotate(n=Count("pk")).values("n")[:1])

    meeting = (
        mm.Meeting.objects.filter(network=network)
        .annotate(n_attendance=count_of(mm.Attendance, "meeting"), n_items=count_of(mm.AgendaItem, "meeting"))
        .order_by("-n_attendance", "-n_items", "pk")
        .first()
    )
    in_meeting = {"meeting": meeting} if meeting else {"pk__in": []}
    decision = (
        mm.Decision.objects.filter(network=network)
        .annotate(n=count_of(mm.Position, "decision"))
        .order_by("-n", "-created_at", "pk")
        .first()
    )
    owners = dict(
        mm.ActionPoint.objects.filter(network=network)
        .order_by()
        .values_list("owner_organisation")
        .annotate(n=Count("pk"))
    )
    grants = (
        RoleAssignment.objects.filter(network=network, organisation__isnull=False, user__is_active=True)
        .select_related("user")
        .order_by("user__email")
    )
    actor = max(grants, key=lambda g: owners.get(g.organisation_id, 0), default=None)
    return {
        "Meeting": meeting,
        "AgendaItem": mm.AgendaItem.objects.filter(**in_meeting).order_by("position", "pk").first(),
        "Attendance": mm.Attendance.objects.filter(**in_meeting).order_by("pk").first(),
        "Minutes": mm.Minutes.objects.filter(network=network)
        .order_by("-revision", "-meeting__starts_at", "pk")
        .first(),
        "Decision": decision,
        "ActionPoint": mm.ActionPoint.objects.filter(network=network, meeting=meeting).order_by("pk").first()
        or mm.ActionPoint.objects.filter(network=network).order_by("due_date", "pk").first(),
        "actions_user": actor.user.email if actor and owners.get(actor.organisation_id) else None,
    }


def _time(call, expect: set[int]) -> tuple[dict, int | None]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARMUP):
        call()
    with CaptureQueriesContext(connection) as ctx:
        response = call()
    queries = len(ctx.captured_queries)
    status = response.status_code
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, max(0, round(0.95 * len(samples)) - 1))]
    result = {"median_ms": round(statistics.median(samples), 2), "p95_ms": round(p95, 2), "queries": queries}
    return result, (None if status in expect else status)


def measure() -> tuple[dict, dict]:
    import itertools
    import uuid

    t = _targets()
    base = f"/n/{NETWORK}"
    secretariat = _client(f"bench-secretariat-{NETWORK}@example.org")
    partner = _client(f"bench-partner-{NETWORK}@example.org")
    plan: list[tuple[str, object, str]] = [
        ("home", secretariat, f"{base}/"),
        ("home@partner", partner, f"{base}/"),
        ("about", secretariat, f"{base}/about/"),
        ("settings", secretariat, f"{base}/settings/"),
    ]
    for segment, model, q in SEGMENTS:
        pk = t[model].pk
        plan += [
            (f"{segment}/list", secretariat, f"{base}/{segment}/"),
            (f"{segment}/list?q", secretariat, f"{base}/{segment}/?q={q}"),
            (f"{segment}/detail", secretariat, f"{base}/{segment}/{pk}/"),
            (f"{segment}/edit", secretariat, f"{base}/{segment}/{pk}/edit/"),
        ]
    plan.append(
        ("organisations/history", secretariat, f"{base}/organisations/{t['Organisation'].pk}/history/")
    )
    for name in API:
        plan.append((f"api/{name}", secretariat, f"/api/v1/{name}/"))
    plan.append(("api/organisations/detail", secretariat, f"/api/v1/organisations/{t['Organisation'].pk}/"))
    plan += _meetings_plan(t, base, secretariat)
    plan += _library_search_plan(base, secretariat)
    plan += _library_plan(base, secretariat)
    plan += _plans_plan(secretariat)

    cases, errors = {}, {}
    for name, client, url in plan:
        if url is None:  # the record this case visits is missing from the data: say so, loudly
            cases[name] = {"median_ms": 0.0, "p95_ms": 0.0, "queries": 0}
            errors[name] = client
            print(f"   {name:<34} MISSING: {client}", flush=True)
            continue
        result, bad = _time(lambda client=client, url=url: client.get(url), {200})
        cases[name] = result
        if bad:
            errors[name] = bad
        print(
            f"   {name:<34} {result['median_ms']:>8.1f} {result['p95_ms']:>8.1f} {result['queries']:>4}",
            flush=True,
        )

    # Writes: add organisations through the form, then change one through the API with its version.
    writer = _client(f"bench-secretariat-{NETWORK}@example.org")
    tag = uuid.uuid4().hex[:8]
    counter = itertools.count()
    created: list[int] = []

    def post():
        n = next(counter)
        response = writer.post(
            f"{base}/organisations/new/",
            {
                "name": f"Bench write {tag} {n}",
                "acronym": f"BW{n}",
                "kind": "ngo_cso",
                "visibility": "network",
            },
        )
        writer.cookies.pop("messages", None)  # as if the browser had shown the "added" message
        return response

    result, bad = _time(post, {302})
    cases["write/organisation-create"] = result
    if bad:
        errors["write/organisation-create"] = bad
    from mignet.network.models import Organisation

    created = list(
        Organisation.objects.filter(name__startswith=f"Bench write {tag}").values_list("pk", flat=True)
    )
    # The organisation to change: one the form added, or (if the form failed) the coordinator.
    target = Organisation.objects.get(pk=created[0]) if created else t["Organisation"]
    state = {"version": target.version}

    def patch():
        response = writer.patch(
            f"/api/v1/organisations/{target.pk}/",
            data=json.dumps({"version": state["version"], "phone": f"+1 555 {next(counter):04d}"}),
            content_type="application/json",
        )
        if response.status_code == 200:
            state["version"] = response.json()["version"]
        return response

    result, bad = _time(patch, {200})
    cases["write/organisation-patch"] = result
    if bad:
        errors["write/organisation-patch"] = bad
    for name in ("write/organisation-create", "write/organisation-patch"):
        r = cases[name]
        print(f"   {name:<34} {r['median_ms']:>8.1f} {r['p95_ms']:>8.1f} {r['queries']:>4}", flush=True)
    _cleanup(created)
    return cases, errors


def _meetings_plan(t: dict, base: str, secretariat) -> list[tuple[str, object, str | None]]:
    """The meetings app's cases. A case whose record is missing has url None and, in place of the client,
    what is missing (reported as its error)."""
    plan: list[tuple[str, object, str | None]] = []

    def add(name: str, key: str, url) -> None:
        obj = t.get(key)
        if obj is None:
            plan.append((name, f"no {key} in {NETWORK}: the generator made none", None))
        else:
            plan.append((name, secretariat, url(obj)))

    for segment, model, query in MEETING_SEGMENTS:
        plan += [
            (f"{segment}/list", secretariat, f"{base}/{segment}/"),
            (f"{segment}/list?filter", secretariat, f"{base}/{segment}/?{query}"),
            (f"{segment}/new", secretariat, f"{base}/{segment}/new/"),
        ]
        add(f"{segment}/detail", model, lambda o, s=segment: f"{base}/{s}/{o.pk}/")
        add(f"{segment}/edit", model, lambda o, s=segment: f"{base}/{s}/{o.pk}/edit/")
    add("meetings/attendance-register", "Meeting", lambda o: f"{base}/meetings/{o.pk}/attendance/")
    add("decisions/position", "Decision", lambda o: f"{base}/decisions/{o.pk}/position/")
    plan.append(("my-actions", secretariat, f"{base}/my-actions/"))
    email = t.get("actions_user")
    if email is None:
        plan.append(("my-actions@owner", f"no user in {NETWORK} whose organisation owns action points", None))
    else:
        plan.append(("my-actions@owner", _client(email), f"{base}/my-actions/"))
    for name in MEETINGS_API:
        plan.append((f"api/{name}", secretariat, f"/api/v1/{name}/"))
    add("api/meetings/detail", "Meeting", lambda o: f"/api/v1/meetings/{o.pk}/")
    add("api/decisions/detail", "Decision", lambda o: f"/api/v1/decisions/{o.pk}/")
    add("api/decisions/positions", "Decision", lambda o: f"/api/v1/decisions/{o.pk}/positions/")
    return plan


def _library_search_plan(base: str, secretariat) -> list[tuple[str, object, str | None]]:
    """The library's full-text search page (ranked, highlighted, 20 a page): a word in most resources, a rare
    word (about one in a thousand) and a Bangla word — the words `mignet.library.generate` plants."""
    from urllib.parse import quote

    from mignet.library import generate as library

    words = [("common", "migration"), ("rare", library.RARE_WORD), ("bangla", "অভিবাসন")]
    return [
        (f"search/library?{name}", secretariat, f"{base}/library/?q={quote(word)}") for name, word in words
    ]


def _library_targets(network) -> dict:
    """The library's records to visit: the published resource with the most versions (then tags), one waiting
    for review, a public one for the portal, and the capacity-building request with the most steps. A value is
    None when the data has no such record (the case then reports it)."""
    from django.db.models import Count, OuterRef, Subquery

    from mignet.core.choices import Visibility
    from mignet.library import choices as lc
    from mignet.library import models as lm

    def count_of(model, field):
        rows = model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field)
        return Subquery(rows.annotate(n=Count("pk")).values("n")[:1])

    resources = lm.Resource.objects.filter(network=network)
    published = resources.filter(status=lc.ReviewStatus.PUBLISHED)
    return {
        "Resource": published.annotate(n=count_of(lm.ResourceVersion, "resource"))
        .order_by("-n", "pk")
        .first(),
        "ReviewResource": resources.filter(status=lc.ReviewStatus.IN_REVIEW)
        .order_by("submitted_at", "pk")
        .first(),
        "PortalResource": published.filter(visibility=Visibility.PUBLIC)
        .order_by("-published_at", "-pk")
        .first(),
        "CapacityRequest": lm.CapacityRequest.objects.filter(network=network)
        .annotate(n=count_of(lm.CapacityRequestStep, "request"))
        .order_by("-n", "pk")
        .first(),
    }


def _library_plan(base: str, secretariat) -> list[tuple[str, object, str | None]]:
    """The library's cases: its list (plain and filtered), the resource page with its edit, new-version and
    review forms, capacity-building requests (list, form, page, edit, next step), the public portal as a
    visitor (list, search, a resource, the feed) and the API collections (with a ranked search)."""
    from django.test import Client

    from mignet.network.models import Network

    network = Network.objects.get(slug=NETWORK)
    t = _library_targets(network)
    portal = f"/p/{NETWORK}/library"
    visitor = Client()
    plan: list[tuple[str, object, str | None]] = []

    def add(name: str, key: str, url) -> None:
        obj = t.get(key)
        if obj is None:
            plan.append((name, f"no {key} in {NETWORK}: the generator made none", None))
        else:
            plan.append((name, secretariat, url(obj)))

    plan += [
        ("library/list", secretariat, f"{base}/library/"),
        (
            "library/list?filter",
            secretariat,
            f"{base}/library/?kind=policy_brief&language=en&status=published",
        ),
        ("library/new", secretariat, f"{base}/library/new/"),
    ]
    add("library/detail", "Resource", lambda o: f"{base}/library/{o.pk}/")
    add("library/edit", "Resource", lambda o: f"{base}/library/{o.pk}/edit/")
    add("library/version-new", "Resource", lambda o: f"{base}/library/{o.pk}/versions/new/")
    add("library/review", "ReviewResource", lambda o: f"{base}/library/{o.pk}/review/")
    plan += [
        ("capacity-requests/list", secretariat, f"{base}/capacity-requests/"),
        (
            "capacity-requests/list?filter",
            secretariat,
            f"{base}/capacity-requests/?status=received&urgency=high",
        ),
        ("capacity-requests/new", secretariat, f"{base}/capacity-requests/new/"),
    ]
    add("capacity-requests/detail", "CapacityRequest", lambda o: f"{base}/capacity-requests/{o.pk}/")
    add("capacity-requests/edit", "CapacityRequest", lambda o: f"{base}/capacity-requests/{o.pk}/edit/")
    add("capacity-requests/advance", "CapacityRequest", lambda o: f"{base}/capacity-requests/{o.pk}/advance/")
    plan += [
        ("portal/library", visitor, f"{portal}/"),
        ("portal/library?q", visitor, f"{portal}/?q=migration"),
        ("portal/feed", visitor, f"{portal}/feed.atom"),
    ]
    resource = t.get("PortalResource")
    if resource is None:
        plan.append(("portal/resource", f"no public published resource in {NETWORK}", None))
    else:
        plan.append(("portal/resource", visitor, resource.get_public_url()))
    for name in LIBRARY_API:
        plan.append((f"api/{name}", secretariat, f"/api/v1/{name}/"))
    plan.append(("api/resources?search", secretariat, "/api/v1/resources/?search=migration"))
    add("api/resources/detail", "Resource", lambda o: f"/api/v1/resources/{o.pk}/")
    return plan


def _plans_rows() -> int:
    """Rows of the plans app's tables (all networks)."""
    from mignet.plans import models as pm

    models = [
        pm.FrameworkItem,
        pm.Plan,
        pm.PlanVersion,
        pm.Result,
        pm.Activity,
        pm.Indicator,
        pm.Target,
        pm.Measurement,
        pm.ProgressReport,
        pm.ProgressUpdate,
        pm.Impediment,
        pm.ImpedimentStep,
        pm.JointPriority,
        pm.DuplicateReview,
    ]
    return sum(m.all_objects.count() for m in models)


def _plans_targets(network) -> dict:
    """The plans app's records to visit: the plan with the most activities, the activity with the most
    indicators, the GCM objective with the most activities, the impediment with the most steps, the report
    with the most lines, the indicator with the most measurements. None when the data has none."""
    from django.db.models import Count, OuterRef, Subquery

    from mignet.core.models import GCMObjective
    from mignet.plans import models as pm

    def count_of(model, field):
        rows = model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field)
        return Subquery(rows.annotate(n=Count("pk")).values("n")[:1])

    def busiest(model, child, field):
        return (
            model.objects.filter(network=network)
            .annotate(n=count_of(child, field))
            .order_by("-n", "pk")
            .first()
        )

    through = pm.Activity.gcm_objectives.through
    top_gcm = (
        through.objects.filter(activity__network=network)
        .values("gcmobjective_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "gcmobjective_id")
        .first()
    )
    return {
        "Plan": busiest(pm.Plan, pm.Activity, "plan"),
        "Activity": busiest(pm.Activity, pm.Indicator, "activity"),
        "Indicator": busiest(pm.Indicator, pm.Measurement, "indicator"),
        "Impediment": busiest(pm.Impediment, pm.ImpedimentStep, "impediment"),
        "ProgressReport": busiest(pm.ProgressReport, pm.ProgressUpdate, "report"),
        "JointPriority": pm.JointPriority.objects.filter(network=network).order_by("pk").first(),
        "GCMObjective": GCMObjective.objects.filter(pk=top_gcm["gcmobjective_id"]).first()
        if top_gcm
        else None,
    }


PLANS_PAGES = [
    # (case, URL name, target key or None, query string)
    ("plans/list", "plans:plan-list", None, ""),
    ("plans/detail", "plans:plan-detail", "Plan", ""),
    ("activities/list", "plans:activity-list", None, ""),
    ("activities/list?filter", "plans:activity-list", None, "status=ongoing&gcm_objective={GCMObjective}"),
    ("activities/detail", "plans:activity-detail", "Activity", ""),
    ("indicators/detail", "plans:indicator-detail", "Indicator", ""),
    ("plans/dashboard", "plans:dashboard", None, ""),
    ("plans/duplicates", "plans:duplicates", None, ""),
    ("impediments/list", "plans:impediment-list", None, ""),
    ("impediments/list?filter", "plans:impediment-list", None, "stage=government"),
    ("impediments/detail", "plans:impediment-detail", "Impediment", ""),
    ("progress-reports/list", "plans:progressreport-list", None, ""),
    ("progress-reports/detail", "plans:progressreport-detail", "ProgressReport", ""),
    ("joint-priorities/list", "plans:jointpriority-list", None, ""),
    ("joint-priorities/detail", "plans:jointpriority-detail", "JointPriority", ""),
]
PLANS_API = [
    ("api/plans", "plans", ""),
    ("api/activities", "activities", ""),
    ("api/activities?filter", "activities", "status=ongoing&gcm_objective={GCMObjective}"),
    ("api/indicators", "indicators", ""),
    ("api/measurements", "measurements", ""),
    ("api/impediments", "impediments", ""),
    ("api/progress-reports", "progress-reports", ""),
]


def _plans_plan(secretariat) -> list[tuple[str, object, str | None]]:
    """The plans app's cases. Its pages and endpoints are being built: a URL name or API route that does not
    exist (yet) is left out with a printed note; a record the data lacks is reported as an error."""
    from django.urls import NoReverseMatch, reverse

    from mignet.network.models import Network

    network = Network.objects.get(slug=NETWORK)
    t = _plans_targets(network)
    plan: list[tuple[str, object, str | None]] = []

    def query(q: str) -> str | None:
        if "{GCMObjective}" in q:
            if t["GCMObjective"] is None:
                return None
            q = q.replace("{GCMObjective}", str(t["GCMObjective"].pk))
        return f"?{q}" if q else ""

    for case, name, key, q in PLANS_PAGES:
        kwargs = {"network": NETWORK}
        if key is not None:
            if t.get(key) is None:
                plan.append((case, f"no {key} in {NETWORK}: the generator made none", None))
                continue
            kwargs["pk"] = t[key].pk
        try:
            url = reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            print(f"   {case:<34} skipped: no URL named {name} yet", flush=True)
            continue
        qs = query(q)
        if qs is None:
            plan.append((case, "no GCM objective with activities", None))
        else:
            plan.append((case, secretariat, url + qs))
    try:
        from mignet.plans.api.urls import routes
    except ImportError:
        routes = []
    known = {prefix for prefix, *_rest in routes}
    for case, prefix, q in PLANS_API:
        if prefix not in known:
            print(f"   {case:<34} skipped: no API route /api/v1/{prefix}/ yet", flush=True)
            continue
        qs = query(q)
        if qs is None:
            plan.append((case, "no GCM objective with activities", None))
        else:
            plan.append((case, secretariat, f"/api/v1/{prefix}/{qs}"))
    return plan


def _cleanup(pks: list[int]) -> None:
    """Remove the organisations the write cases added, so a reused database stays as generated."""
    from django.db import transaction

    from mignet.network.models import Organisation

    with transaction.atomic():
        hist = Organisation.history.model
        hist.objects.filter(id__in=pks)._raw_delete(hist.objects.db)
        Organisation.all_objects.filter(pk__in=pks)._raw_delete(Organisation.objects.db)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--worker":
        worker(sys.argv[2], Path(sys.argv[3]))
    else:
        sys.exit(main())
