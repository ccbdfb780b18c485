"""The text-similarity measure of the duplication view: identical texts score 1, unrelated ones about 0,
spelling variants and Bangla still match, pairs only within groups and between different owners, the
threshold is respected, and any two texts score the same both ways, between 0 and 1."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mignet.plans.similarity import MAX_GROUP, similar_pairs, similarity

ORIENTATION = "Pre-departure orientation sessions for aspiring migrant workers in Sylhet district"


def test_identical_texts_score_one_and_unrelated_about_zero():
    assert similarity(ORIENTATION, ORIENTATION) == 1.0
    assert similarity(ORIENTATION, "Mangrove restoration and cyclone shelters along the coast") < 0.1


def test_spelling_variants_and_bangla_match():
    assert similarity(ORIENTATION, "Predeparture orientation programme for migrant workers, Sylhet") > 0.35
    assert (
        similarity("অভিবাসী শ্রমিকদের জন্য প্রাক-বহির্গমন প্রশিক্ষণ", "অভিবাসী শ্রমিকের জন্য প্রাক বহির্গমন প্রশিক্ষন") > 0.35
    )


def test_empty_texts_score_zero():
    assert similarity("", "") == 0.0
    assert similarity("", ORIENTATION) == 0.0


TEXTS = [
    ORIENTATION,
    "Pre-departure orientation sessions for aspiring migrant workers in Sylhet",
    "Returnee reintegration counselling and psychosocial support",
    "Reintegration counselling and psychosocial support for returnees",
    "Mangrove restoration along the coast",
]


def test_pairs_are_found_within_groups_and_between_owners_only():
    pairs = similar_pairs(TEXTS, threshold=0.35)
    assert {(p.first, p.second) for p in pairs} == {(0, 1), (2, 3)}
    assert all(p.first < p.second for p in pairs) and pairs == sorted(pairs, key=lambda p: -p.score)
    assert similar_pairs(TEXTS, [[0, 2, 4], [1, 3]], threshold=0.35) == []
    assert [
        (p.first, p.second)
        for p in similar_pairs(TEXTS, [[0, 1], [2, 3]], threshold=0.35, owners=["a", "a", "b", "c"])
    ] == [(2, 3)]


def test_threshold_is_respected():
    for threshold in (0.1, 0.35, 0.6, 0.95):
        pairs = similar_pairs(TEXTS, threshold=threshold)
        assert all(p.score >= threshold for p in pairs)
    assert len(similar_pairs(TEXTS, threshold=0.1)) >= len(similar_pairs(TEXTS, threshold=0.6))


def test_a_pair_in_several_groups_is_listed_once_and_groups_are_capped():
    assert len(similar_pairs(TEXTS, [[0, 1], [0, 1, 4], [1, 0]], threshold=0.35)) == 1
    many = [ORIENTATION] * (MAX_GROUP + 5)
    pairs = similar_pairs(many, threshold=0.5)
    assert max(p.second for p in pairs) == MAX_GROUP - 1


text = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "M", "N", "Zs", "P")), max_size=120)


@settings(max_examples=60, deadline=None)
@given(text, text)
def test_symmetric_and_between_zero_and_one(a, b):
    score = similarity(a, b)
    assert 0.0 <= score <= 1.0
    assert score == similarity(b, a)
