"""Indicator progress is computed, never typed: the latest total measured in each target's period against
the target, from the baseline, in the indicator's direction (a pure function, no database)."""

from decimal import Decimal
from types import SimpleNamespace as NS

from hypothesis import given
from hypothesis import strategies as st

from mignet.plans.selectors.records import indicator_progress, progress_percent


def ind(baseline=0, direction="increase"):
    return NS(baseline_value=None if baseline is None else Decimal(baseline), direction=direction)


def target(period, value):
    return NS(period=period, value=Decimal(value), deleted_at=None)


def measure(period, value, pk=1, **groups):
    fields = {"sex": "", "age_group": "", "migrant_status": "", "district_id": None, **groups}
    return NS(period=period, value=Decimal(value), pk=pk, deleted_at=None, **fields)


def test_increase_from_a_baseline():
    rows = indicator_progress(ind(200), [target("2026", 1000)], [measure("2026-Q2", 696)])
    assert (
        rows[0].percent == Decimal("62.0")
        and rows[0].value == Decimal(696)
        and rows[0].measured_period == "2026-Q2"
    )


def test_decrease_towards_a_lower_target():
    rows = indicator_progress(ind(50, "decrease"), [target("2026", 10)], [measure("2026", 30)])
    assert rows[0].percent == Decimal("50.0")


def test_the_latest_total_in_the_period_counts_not_disaggregated_ones_nor_other_periods():
    measurements = [
        measure("2026-Q1", 100, pk=1),
        measure("2026-Q3", 300, pk=2),
        measure("2026-Q4", 999, pk=3, sex="female"),  # disaggregated
        measure("2027-Q1", 5000, pk=4),  # another period
    ]
    rows = indicator_progress(ind(0), [target("2026", 600), target("2026-Q1", 200)], measurements)
    by_period = {r.period: r for r in rows}
    assert by_period["2026"].value == 300 and by_period["2026"].percent == Decimal("50.0")
    assert by_period["2026-Q1"].value == 100 and by_period["2026-Q1"].percent == Decimal("50.0")
    assert [r.period for r in rows] == ["2026-Q1", "2026"]  # by the end of the period


def test_unmeasured_and_moving_away():
    rows = indicator_progress(ind(100), [target("2026", 200)], [])
    assert rows[0].percent is None and rows[0].value is None
    rows = indicator_progress(ind(100), [target("2026", 200)], [measure("2026", 40)])
    assert rows[0].percent == 0  # worse than the baseline: 0, never negative


def test_no_baseline_counts_from_zero_and_a_target_at_the_baseline_is_reached_or_not():
    assert indicator_progress(ind(None), [target("2026", 40)], [measure("2026", 10)])[0].percent == 25
    assert progress_percent(baseline=5, target=5, value=5, direction="increase") == 100
    assert progress_percent(baseline=5, target=5, value=4, direction="increase") == 0


numbers = st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False, allow_infinity=False)


@given(baseline=numbers, goal=numbers, value=numbers, direction=st.sampled_from(["increase", "decrease"]))
def test_progress_is_never_negative_and_is_100_at_the_target(baseline, goal, value, direction):
    percent = progress_percent(baseline=baseline, target=goal, value=value, direction=direction)
    assert percent is not None and percent >= 0
    assert progress_percent(baseline=baseline, target=goal, value=goal, direction=direction) == 100


@given(
    baseline=st.integers(0, 1000),
    step=st.integers(1, 1000),
    a=st.integers(0, 3000),
    b=st.integers(0, 3000),
)
def test_more_is_more_progress_when_higher_is_better(baseline, step, a, b):
    goal = baseline + step
    low, high = sorted((a, b))
    p_low = progress_percent(baseline=baseline, target=goal, value=low, direction="increase")
    p_high = progress_percent(baseline=baseline, target=goal, value=high, direction="increase")
    assert p_low <= p_high
    # and the mirror image for "lower is better"
    q_low = progress_percent(baseline=-baseline, target=-goal, value=-low, direction="decrease")
    assert q_low == p_low


@given(
    periods=st.lists(
        st.sampled_from(["2026", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2025"]), max_size=6
    )
)
def test_one_row_per_target_whatever_is_measured(periods):
    measurements = [measure(p, i * 10, pk=i) for i, p in enumerate(periods)]
    rows = indicator_progress(ind(0), [target("2026", 100), target("2026-Q2", 50)], measurements)
    assert len(rows) == 2
    for r in rows:
        assert (r.value is None) == (r.percent is None)
