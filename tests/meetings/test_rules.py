"""The outcome rules of a decision (`rules.decision_outcome`): consensus, silence procedure, written
consultation — generated member sets, positions and deadlines, plus worked examples with their explanation."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mignet.meetings.choices import DecisionMethod, DecisionStatus, PositionValue
from mignet.meetings.rules import decision_outcome

NOW = datetime.datetime(2026, 3, 15, 10, 0, tzinfo=datetime.UTC)
ADOPTED, NOT_ADOPTED, OPEN = DecisionStatus.ADOPTED, DecisionStatus.NOT_ADOPTED, DecisionStatus.OPEN
AGREE, ASIDE, OBJECT = PositionValue.AGREE, PositionValue.STAND_ASIDE, PositionValue.OBJECT

values = st.sampled_from([AGREE, ASIDE, OBJECT])
members_st = st.sets(st.integers(min_value=1, max_value=40), max_size=12)
# Deadlines from a week before `now` to a week after, including exactly `now`; or none at all.
deadlines = st.one_of(
    st.none(),
    st.just(NOW),
    st.integers(min_value=-7 * 24 * 60, max_value=7 * 24 * 60).map(
        lambda m: NOW + datetime.timedelta(minutes=m)
    ),
)


@st.composite
def cases(draw):
    """Members, positions of some members, positions of some non-members, a deadline and `closing`."""
    members = draw(members_st)
    answering = draw(st.sets(st.sampled_from(sorted(members)))) if members else set()
    positions = {org: draw(values) for org in answering}
    outsiders = draw(st.dictionaries(st.integers(min_value=100, max_value=140), values, max_size=5))
    deadline = draw(deadlines)
    closing = draw(st.booleans())
    return members, positions, outsiders, deadline, closing


def outcome(method, members, positions, deadline=None, closing=False, now=NOW):
    return decision_outcome(
        method=method, positions=positions, members=members, now=now, deadline=deadline, closing=closing
    )


def passed(deadline) -> bool:
    return deadline is not None and deadline <= NOW


def tally(members, positions):
    counted = [v for org, v in positions.items() if org in members]
    return counted.count(AGREE), counted.count(ASIDE), counted.count(OBJECT), len(members) - len(counted)


# --- Properties every method shares


@settings(max_examples=300, deadline=None)
@given(case=cases(), method=st.sampled_from(DecisionMethod.values))
def test_counts_cover_every_member_once_and_ignore_non_members(case, method):
    members, positions, outsiders, deadline, closing = case
    result = outcome(method, members, {**outsiders, **positions}, deadline, closing)
    assert result.agree + result.stand_aside + result.object + result.no_response == len(members)
    assert (result.agree, result.stand_aside, result.object, result.no_response) == tally(members, positions)
    # What non-members say changes nothing: not the status, not the explanation, not the counts.
    assert result == outcome(method, members, positions, deadline, closing)


@settings(max_examples=200, deadline=None)
@given(case=cases(), method=st.sampled_from(DecisionMethod.values))
def test_a_body_without_members_never_adopts(case, method):
    _, _, outsiders, deadline, closing = case
    result = outcome(method, set(), outsiders, deadline, closing)
    assert result.status != ADOPTED
    assert result.no_response == result.agree == result.object == result.stand_aside == 0
    if closing or passed(deadline):
        assert result.status == NOT_ADOPTED
        assert "no member organisations" in result.explanation


@settings(max_examples=200, deadline=None)
@given(case=cases(), method=st.sampled_from(DecisionMethod.values))
def test_final_means_not_open(case, method):
    members, positions, outsiders, deadline, closing = case
    result = outcome(method, members, {**outsiders, **positions}, deadline, closing)
    assert result.final == (result.status != OPEN)
    assert result.explanation


# --- Consensus


@settings(max_examples=300, deadline=None)
@given(case=cases())
def test_consensus_is_adopted_iff_closed_with_an_agreement_and_no_objection(case):
    members, positions, outsiders, deadline, closing = case
    result = outcome(DecisionMethod.CONSENSUS, members, {**outsiders, **positions}, deadline, closing)
    agree, _, objections, _ = tally(members, positions)
    decided = closing or passed(deadline)
    if not decided:
        assert result.status == OPEN
    elif agree >= 1 and objections == 0:
        assert result.status == ADOPTED
    else:
        assert result.status == NOT_ADOPTED


def test_consensus_examples_and_their_explanations():
    members = {1, 2, 3}
    still_open = outcome(DecisionMethod.CONSENSUS, members, {1: AGREE, 2: AGREE, 3: AGREE})
    assert still_open.status == OPEN  # the chair has not closed the item yet
    assert still_open.explanation == "Consensus is reached when at least one member agrees and none objects."

    adopted = outcome(DecisionMethod.CONSENSUS, members, {1: AGREE, 2: ASIDE}, closing=True)
    assert adopted.status == ADOPTED
    assert adopted.explanation == "Adopted by consensus: 1 member agreed and none objected."
    assert (adopted.agree, adopted.stand_aside, adopted.object, adopted.no_response) == (1, 1, 0, 1)

    two = outcome(DecisionMethod.CONSENSUS, members, {1: AGREE, 2: AGREE}, closing=True)
    assert two.explanation == "Adopted by consensus: 2 members agreed and none objected."

    objected = outcome(DecisionMethod.CONSENSUS, members, {1: AGREE, 2: AGREE, 3: OBJECT}, closing=True)
    assert objected.status == NOT_ADOPTED
    assert objected.explanation == "No consensus: 1 member objected."

    everyone_aside = outcome(DecisionMethod.CONSENSUS, members, {1: ASIDE, 2: ASIDE, 3: ASIDE}, closing=True)
    assert everyone_aside.status == NOT_ADOPTED
    assert everyone_aside.explanation == "No consensus: no member agreed."

    # A non-member's objection does not block consensus.
    outsider = outcome(DecisionMethod.CONSENSUS, members, {1: AGREE, 99: OBJECT}, closing=True)
    assert outsider.status == ADOPTED and outsider.object == 0


# --- Silence procedure


@settings(max_examples=300, deadline=None)
@given(case=cases())
def test_silence_is_open_before_the_deadline_and_adopted_at_it_unless_someone_objected(case):
    members, positions, outsiders, deadline, closing = case
    result = outcome(DecisionMethod.SILENCE, members, {**outsiders, **positions}, deadline, closing)
    _, _, objections, _ = tally(members, positions)
    if not passed(deadline):
        # Closing early does not cut a silence procedure short.
        if members or not closing:
            assert result.status == OPEN
        else:
            assert result.status == NOT_ADOPTED
    elif not members or objections:
        assert result.status == NOT_ADOPTED
    else:
        assert result.status == ADOPTED


def test_silence_examples_and_their_explanations():
    members = {1, 2, 3}
    deadline = NOW
    before = NOW - datetime.timedelta(seconds=1)
    quiet = outcome(DecisionMethod.SILENCE, members, {}, deadline, now=before)
    assert quiet.status == OPEN
    assert quiet.explanation == "Adopted at the deadline unless a member objects before then."

    broken = outcome(DecisionMethod.SILENCE, members, {2: OBJECT}, deadline, now=before)
    assert broken.status == OPEN
    assert broken.explanation.startswith("Silence is broken by an objection.")

    at_deadline = outcome(DecisionMethod.SILENCE, members, {}, deadline)
    assert at_deadline.status == ADOPTED  # exactly at the deadline
    assert (
        at_deadline.explanation == "Adopted under the silence procedure: no member objected by the deadline."
    )
    assert at_deadline.no_response == 3

    objected = outcome(DecisionMethod.SILENCE, members, {1: AGREE, 2: OBJECT, 3: OBJECT}, deadline)
    assert objected.status == NOT_ADOPTED
    assert objected.explanation == "Not adopted: 2 members broke silence with an objection."

    # Standing aside does not break silence.
    aside = outcome(DecisionMethod.SILENCE, members, {1: ASIDE}, deadline)
    assert aside.status == ADOPTED


# --- Written consultation


@settings(max_examples=300, deadline=None)
@given(case=cases())
def test_written_consultation_is_adopted_once_everyone_answered_without_objection(case):
    members, positions, outsiders, deadline, closing = case
    result = outcome(DecisionMethod.WRITTEN, members, {**outsiders, **positions}, deadline, closing)
    _, _, objections, missing = tally(members, positions)
    if members and missing == 0 and objections == 0:
        assert result.status == ADOPTED
    elif closing or passed(deadline):
        assert result.status == NOT_ADOPTED
    else:
        assert result.status == OPEN


def test_written_consultation_examples_and_their_explanations():
    members = {1, 2, 3}
    later = NOW + datetime.timedelta(days=3)
    waiting = outcome(DecisionMethod.WRITTEN, members, {1: AGREE, 2: AGREE}, later)
    assert waiting.status == OPEN
    assert waiting.explanation == "Adopted when every member has answered and none objects."

    # The last answer adopts it at once, well before the deadline.
    done = outcome(DecisionMethod.WRITTEN, members, {1: AGREE, 2: AGREE, 3: ASIDE}, later)
    assert done.status == ADOPTED
    assert done.explanation == "Adopted by written consultation: every member answered and none objected."

    # An objection keeps it open until the deadline, then it is not adopted.
    objection = outcome(DecisionMethod.WRITTEN, members, {1: AGREE, 2: AGREE, 3: OBJECT}, later)
    assert objection.status == OPEN
    closed = outcome(DecisionMethod.WRITTEN, members, {1: AGREE, 2: AGREE, 3: OBJECT}, NOW)
    assert closed.status == NOT_ADOPTED
    assert closed.explanation == "Not adopted: 1 member objected."

    silent = outcome(DecisionMethod.WRITTEN, members, {1: AGREE}, NOW - datetime.timedelta(minutes=1))
    assert silent.status == NOT_ADOPTED
    assert silent.explanation == "Not adopted: 2 members did not answer."

    closed_early = outcome(DecisionMethod.WRITTEN, members, {1: AGREE, 2: AGREE}, later, closing=True)
    assert closed_early.status == NOT_ADOPTED
    assert closed_early.explanation == "Not adopted: 1 member did not answer."


def test_unknown_method_is_refused():
    with pytest.raises(ValueError):
        outcome("show_of_hands", {1}, {1: AGREE}, closing=True)
