"""Background e-mail through Celery: eager without a broker; a real Redis broker and worker when configured."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.core import mail
from django.core.mail import EmailMessage

from mignet.core.notify import email_enqueue


@pytest.mark.django_db(transaction=True)
def test_mail_is_sent_after_the_transaction_commits(settings):
    from django.db import transaction

    with transaction.atomic():
        email_enqueue(EmailMessage("Network meeting", "Agenda attached.", to=["focal@example.org"]))
        assert mail.outbox == []  # nothing leaves before the data is saved
    assert [m.subject for m in mail.outbox] == ["Network meeting"]


@pytest.mark.django_db(transaction=True)
def test_mail_still_goes_when_the_broker_is_down():
    from mignet.celery import app

    saved = {"task_always_eager": app.conf.task_always_eager, "broker_url": app.conf.broker_url}
    app.conf.update(task_always_eager=False, broker_url="redis://127.0.0.1:1/0")  # nothing listens there
    app._pool = app.amqp._producer_pool = None  # connect afresh, to the dead broker
    try:
        started = time.monotonic()
        email_enqueue(EmailMessage("Reminder", "Body", to=["a@example.org"]))
        assert time.monotonic() - started < 30  # gives up on the broker quickly rather than hanging the page
    finally:
        app.conf.update(**saved)
        app._pool = app.amqp._producer_pool = None
    assert [m.subject for m in mail.outbox] == ["Reminder"]


def _redis_available() -> bool:
    try:
        return redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


@pytest.mark.skipif(
    not _redis_available() and os.environ.get("CI") != "true", reason="no Redis server on 127.0.0.1:6379"
)
def test_a_real_worker_sends_mail_queued_on_redis(tmp_path: Path):
    broker = "redis://127.0.0.1:6379/14"
    redis.Redis.from_url(broker).flushdb()
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "CELERY_BROKER_URL": broker,
        "MIGNET_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "MIGNET_EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "MIGNET_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_SETTINGS_MODULE": "mignet.settings",
    }
    send = (
        "import django; django.setup();"
        "from mignet.core.tasks import email_send;"
        "email_send.delay(subject='Quarterly meeting', body='See you', to=['chair@example.org'])"
    )
    subprocess.run([sys.executable, "-c", send], env=env, check=True, timeout=60)
    assert redis.Redis.from_url(broker).llen("celery") == 1  # queued on the real broker
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "mignet",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--loglevel=WARNING",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not list((tmp_path / "mail").glob("*.log")):
            time.sleep(0.5)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    files = list((tmp_path / "mail").glob("*.log"))
    assert files, "the worker did not send the e-mail"
    assert "Subject: Quarterly meeting" in files[0].read_text()
