"""Whatever lands in an exported workbook's cells, reading it (and applying it when it reads cleanly)
ends in a preview or a refusal, never a server error."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mignet.plans.services.transfer import ImportRefused, plan_import_apply
from mignet.plans.transfer.export import plan_workbook
from mignet.plans.transfer.importer import Preview, read_workbook
from mignet.plans.transfer.template import SHEETS

from .transfer_helpers import rich_plan

pytestmark = pytest.mark.django_db

# Characters a workbook can hold (XML 1.0 forbids most control characters).
text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60)
values = st.one_of(
    st.none(),
    text,
    st.sampled_from(
        [
            "",
            "1",
            "1.1",
            "1.1.1",
            "#1",
            "2026",
            "2026-Q2",
            "National",
            "IOM",
            "Dhaka",
            "Yes",
            "-1",
            "1e300",
            "nan",
        ]
    ),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(min_value=datetime.date(1900, 3, 1), max_value=datetime.date(2100, 1, 1)),
)
edits = st.lists(
    st.tuples(
        st.sampled_from(SHEETS),
        st.integers(min_value=1, max_value=6),
        st.integers(min_value=0, max_value=30),
        values,
    ),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(changes=edits)
def test_random_cells_never_raise(plan, output, unhcr, iom, consortium, users, changes):
    if not hasattr(plan, "_filled"):
        rich_plan(plan, output, unhcr, iom, consortium)
        plan._filled = plan_workbook(plan)
    wb = openpyxl.load_workbook(io.BytesIO(plan._filled))
    for sheet, row, col, value in changes:
        ws = wb[str(sheet.title)]
        ws.cell(row=row, column=(col % len(sheet.columns)) + 1, value=value)
    buffer = io.BytesIO()
    wb.save(buffer)
    preview = read_workbook(io.BytesIO(buffer.getvalue()), plan=plan)
    assert isinstance(preview, Preview)
    for problem in preview.problems:
        assert str(problem)
    if not preview.errors:
        with transaction.atomic():
            try:
                plan_import_apply(actor=users["secretariat"], plan=plan, source=io.BytesIO(buffer.getvalue()))
            except (ImportRefused, ValidationError):
                pass
            transaction.set_rollback(True)
