"""Workbooks uploaded for a preview that was never applied are deleted by `mignet tick` after 24 hours."""

import datetime
import os

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from mignet.plans.scheduled import stale_imports_purge


def test_tick_deletes_only_workbooks_older_than_a_day(db):
    old = default_storage.save("imports/old.xlsx", ContentFile(b"PK old"))
    fresh = default_storage.save("imports/fresh.xlsx", ContentFile(b"PK fresh"))
    two_days_ago = (timezone.now() - datetime.timedelta(days=2)).timestamp()
    os.utime(default_storage.path(old), (two_days_ago, two_days_ago))

    assert stale_imports_purge() == 1
    assert not default_storage.exists(old)
    assert default_storage.exists(fresh)
    assert stale_imports_purge() == 0


def test_tick_without_any_import_does_nothing(db):
    assert stale_imports_purge() == 0


def test_tick_keeps_the_workbook_an_import_job_waits_for(plan, users):
    from mignet.plans import choices as c
    from mignet.plans.models import ImportJob

    name = default_storage.save("imports/queued.xlsx", ContentFile(b"PK queued"))
    two_days_ago = (timezone.now() - datetime.timedelta(days=2)).timestamp()
    os.utime(default_storage.path(name), (two_days_ago, two_days_ago))
    job = ImportJob.objects.create(
        network=plan.network, plan=plan, file_name=name, requested_by=users["chair"]
    )
    assert stale_imports_purge() == 0 and default_storage.exists(name)
    ImportJob.objects.filter(pk=job.pk).update(status=c.ImportStatus.FAILED)
    assert stale_imports_purge() == 1 and not default_storage.exists(name)
