"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

Chromium is /usr/bin/chromium (Playwright's own browser download is not used). Where it is absent
the tests are skipped with a visible reason, except under CI=true, where that is a failure.
Each test gets a fresh browser context on a database holding the Bangladesh demo.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("MIGNET_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DEMO_PASSWORD = "e2e-demo-password-42"  # noqa: S105 - a test-only password
TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is not installed: browser tests need Debian's Chromium (apt-get install chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(django_db_setup) -> Iterator:
    """One headless Chromium per test module, started once the test database exists.

    Module scope, not session: Playwright's sync API runs an event loop in this thread for as long as
    it is started, and Django treats ORM calls under a running loop as "async unsafe". So the loop runs,
    and DJANGO_ALLOW_ASYNC_UNSAFE is set, only while browser tests run; the tests that follow them
    (and `check --deploy`, which refuses that variable) see neither.
    """
    _require_chromium()
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def demo_network(browser, transactional_db, settings):
    """The Bangladesh demo (seed + demo data + the five demo accounts) in a committed database.

    A transactional test empties the database when it ends, reference data included, so it is loaded
    again here (idempotent) rather than trusted to be there. A fast password hasher saves seconds per
    test; hashing is not what these tests are about.
    """
    from mignet.core import refdata
    from mignet.network import demo

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    refdata.load()
    return demo.load(DEMO_PASSWORD)


@pytest.fixture
def context_factory(browser, live_server):
    """new_context(**options) → a fresh browser context on the live server; closed after the test."""
    contexts = []

    def new_context(**options):
        options.setdefault("base_url", live_server.url)
        options.setdefault("locale", "en-GB")
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield new_context
    for context in contexts:
        context.close()


@pytest.fixture
def page(context_factory, demo_network):
    """A page in a fresh context, not signed in, with the demo loaded."""
    return context_factory().new_page()


@pytest.fixture
def accounts():
    from mignet.network import demo

    return demo.ACCOUNTS


def sign_in(page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the real login form, the way a person does."""
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("domcontentloaded")


@pytest.fixture
def signed_in(page, accounts):
    """signed_in("secretariat") → the page, signed in as that demo account."""

    def as_role(role: str):
        sign_in(page, accounts[role])
        return page

    return as_role


SERIOUS = {"serious", "critical"}


def serious_violations(page) -> list[dict]:
    """Run axe-core on the page as it is now; keep the violations a person cannot work around."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [v for v in results.response["violations"] if v.get("impact") in SERIOUS]


def describe_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} serious/critical accessibility violation(s) on {url}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} — {v['helpUrl']}")
        for node in v["nodes"][:8]:
            lines.append(
                f"    {' '.join(map(str, node.get('target', [])))}: {node.get('failureSummary', '')!s}".rstrip()
            )
            lines.append(f"      {node.get('html', '')[:200]}")
    return "\n".join(lines)


def assert_accessible(page) -> None:
    violations = serious_violations(page)
    assert not violations, describe_violations(page.url, violations)
