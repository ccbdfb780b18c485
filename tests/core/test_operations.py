"""Operations: /healthz, a database that is down, security headers, the `mignet` commands, deploy checks."""

import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.db import connection

from mignet.accounts.models import ApiToken, User


@pytest.mark.django_db
def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def _dead_database_env(tmp_path):
    return {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",  # nothing listens on port 1
        "MIGNET_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "mignet.settings",
    }


def test_with_the_database_down_healthz_and_pages_answer_503_without_a_trace(tmp_path):
    script = (
        "import django, time; django.setup();"
        "from django.test import Client; c = Client(raise_request_exception=False);"
        "t = time.monotonic(); h = c.get('/healthz'); p = c.get('/n/bd/about/'); a = c.get('/api/v1/organisations/');"
        "print(h.status_code, p.status_code, a.status_code, round(time.monotonic() - t, 1));"
        "print(h.content.decode()); print(p.content.decode()[:400]); print(a.content.decode())"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=_dead_database_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = result.stdout.splitlines()
    health, page, api, seconds = lines[0].split()
    assert (health, page, api) == ("503", "503", "503"), result.stdout + result.stderr
    assert float(seconds) < 20
    assert '"status": "unavailable"' in lines[1]
    assert "Traceback" not in result.stdout and "briefly unavailable" in result.stdout


@pytest.mark.django_db
def test_security_headers_on_every_page(client):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_csrf_is_enforced_on_forms(users, network):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(users["secretariat"])
    response = client.post(f"/n/{network.slug}/organisations/new/", {"name": "No token", "kind": "other"})
    assert response.status_code == 403


@pytest.mark.django_db
def test_mignet_token_prints_a_working_token(users, capsys):
    call_command("token", "viewer@example.org")
    key = capsys.readouterr().out.strip()
    assert ApiToken.objects.get(user=users["viewer"]).prefix == key[:8]
    from rest_framework.test import APIClient

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/organisations/").status_code == 200


@pytest.mark.django_db
def test_mignet_token_for_an_unknown_user_fails_clearly():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No active user"):
        call_command("token", "nobody@example.org")


@pytest.mark.django_db
def test_demo_is_idempotent_and_prints_the_sign_ins(settings, capsys, tmp_path):
    settings.MIGNET_DEMO_PASSWORD = "demo-password-for-tests"
    call_command("demo")
    out = capsys.readouterr().out
    for email in (
        "secretariat@demo.mignet.org",
        "focal.unhcr@demo.mignet.org",
        "chair@demo.mignet.org",
        "partner@demo.mignet.org",
        "viewer@demo.mignet.org",
    ):
        assert email in out
    tables = connection.introspection.table_names()
    counts = {
        t: connection.cursor().execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
        for t in tables
        if t.startswith(("network_", "accounts_"))
    }  # noqa: S608
    call_command("demo")
    again = {
        t: connection.cursor().execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
        for t in tables
        if t.startswith(("network_", "accounts_"))
    }  # noqa: S608
    assert again == counts  # a second run creates nothing, and no history row either
    assert User.objects.get(email="chair@demo.mignet.org").check_password("demo-password-for-tests")


def test_deploy_checks_are_clean_with_production_settings(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "MIGNET_PRODUCTION": "1",
        "MIGNET_SECRET_KEY": "x" * 20 + "production-secret-key-for-the-check-0123456789",
        "MIGNET_ALLOWED_HOSTS": "mignet.example.org",
        "MIGNET_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-m", "mignet.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_with_redis_down_pages_still_answer(tmp_path):
    script = (
        "import django; django.setup();"
        "from django.core.management import call_command; call_command('migrate', verbosity=0);"
        "from django.test import Client; c = Client(raise_request_exception=False);"
        "r = c.post('/accounts/login/', {'login': 'nobody@example.org', 'password': 'x'});"
        "print(c.get('/accounts/login/').status_code, r.status_code, c.get('/healthz').status_code)"
    )
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "REDIS_URL": "redis://127.0.0.1:1/0",  # nothing listens there
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MIGNET_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "mignet.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.stdout.split() == ["200", "200", "200"], result.stdout + result.stderr


def test_production_settings_serve_collected_static_files(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "MIGNET_PRODUCTION": "1",
        "MIGNET_SECRET_KEY": "production-secret-key-for-the-test-0123456789-abcdefghijklmnop",
        "MIGNET_ALLOWED_HOSTS": "mignet.example.org",
        "MIGNET_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "mignet.settings",
    }
    subprocess.run(
        [sys.executable, "-m", "mignet.cli", "collectstatic", "--noinput", "-v0"],
        env=env,
        check=True,
        timeout=300,
    )
    script = (
        "import django; django.setup();"
        "from django.core.management import call_command; call_command('migrate', verbosity=0);"
        "from django.test import Client; c = Client(HTTP_HOST='mignet.example.org');"
        "r = c.get('/accounts/login/', secure=True); print(r.status_code);"
        "import re; css = re.search(r'href=\"(/static/vendor/bootstrap/bootstrap\\.min\\.[0-9a-f]+\\.css)\"', r.content.decode());"
        "print(css.group(1) if css else 'no hashed css');"
        "print(r.headers.get('Strict-Transport-Security'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300
    )
    status, css, hsts = result.stdout.split("\n")[:3]
    assert status == "200", result.stdout + result.stderr
    assert css.startswith("/static/vendor/bootstrap/bootstrap.")  # hashed name from the manifest
    assert (tmp_path / "static" / css.removeprefix("/static/")).exists()
    assert "max-age=31536000" in hsts
