"""The XLSX and CSV exports read a fixed number of queries however many rows the plan has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .factories import ActivityFactory, IndicatorFactory, MeasurementFactory, TargetFactory

pytestmark = pytest.mark.django_db


def _grow(output, n):
    for _ in range(n):
        activity = ActivityFactory(output=output)
        indicator = IndicatorFactory(activity=activity)
        TargetFactory(indicator=indicator)
        MeasurementFactory(indicator=indicator)


@pytest.mark.parametrize("name", ["plan-export-xlsx", "plan-export-csv"])
def test_export_query_count_is_flat(client_for, plan, output, name):
    client = client_for("secretariat")
    url = reverse(f"plans:{name}", kwargs={"network": plan.network.slug, "pk": plan.pk})
    _grow(output, 2)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(output, 8)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small) <= 30
