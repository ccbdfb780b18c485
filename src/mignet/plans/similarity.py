"""Text similarity of activities, for the duplication view: pure functions, texts in, scored pairs out.

Each text is vectorised twice with TF-IDF (sublinear term frequency, fitted once on all the texts given):
by words and word pairs, and by character n-grams of 3–5 inside word boundaries, so that Bangla (whose
vowel signs split "words") and spelling variants ("programme"/"program") still match. The score of a pair
is the mean of the two cosine similarities (only over the representations both texts have), in [0, 1].
Pairs are compared only inside candidate groups (e.g. one GCM objective in one district), each capped in
size, so the work grows with the groups, not with the square of all activities."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

MAX_GROUP = 400  # activities compared in one group at most (the first ones given)
# Words of two letters or more; Bangla letters and their vowel signs (U+0980–U+09FF) count as letters.
WORD_PATTERN = r"(?u)[\w\u0980-\u09ff]{2,}"


@dataclass(frozen=True)
class ScoredPair:
    """Two texts by their positions (`first` < `second`) and how similar they are, from 0 to 1."""

    first: int
    second: int
    score: float


@dataclass
class Vectors:
    """The TF-IDF rows of the texts: by words and by character n-grams (either may be None if empty)."""

    word: object | None
    char: object | None
    size: int


def _tfidf(texts: Sequence[str], **options):
    try:
        return TfidfVectorizer(sublinear_tf=True, lowercase=True, dtype=np.float64, **options).fit_transform(
            texts
        )
    except ValueError:  # no term at all in any text
        return None


def vectorise(texts: Sequence[str]) -> Vectors:
    """Fit both TF-IDF representations on `texts` (rows are L2-normalised, so a dot product is a cosine)."""
    texts = [t or "" for t in texts]
    return Vectors(
        word=_tfidf(texts, analyzer="word", ngram_range=(1, 2), token_pattern=WORD_PATTERN),
        char=_tfidf(texts, analyzer="char_wb", ngram_range=(3, 5)),
        size=len(texts),
    )


def _cosines(matrix, rows: list[int]) -> tuple[np.ndarray, np.ndarray]:
    part = matrix[rows]
    cos = (part @ part.T).toarray()
    present = np.asarray(part.getnnz(axis=1) > 0, dtype=np.float64)
    return cos, np.outer(present, present)


def group_scores(vectors: Vectors, rows: Sequence[int]) -> np.ndarray:
    """The square matrix of scores between the texts at `rows` (symmetric, 1 on the diagonal for any
    text with terms), computed in one sparse product per representation."""
    rows = list(rows)
    total = np.zeros((len(rows), len(rows)))
    count = np.zeros((len(rows), len(rows)))
    for matrix in (vectors.word, vectors.char):
        if matrix is None:
            continue
        cos, both = _cosines(matrix, rows)
        total += cos * both
        count += both
    scores = np.divide(total, count, out=np.zeros_like(total), where=count > 0)
    scores = (scores + scores.T) / 2  # exact symmetry despite summation order
    return np.clip(np.round(scores, 6), 0.0, 1.0)


def similar_pairs(
    texts: Sequence[str],
    groups: Iterable[Sequence[int]] | None = None,
    *,
    threshold: float,
    owners: Sequence[Hashable] | None = None,
    max_group: int = MAX_GROUP,
) -> list[ScoredPair]:
    """Pairs of texts scoring `threshold` or more, compared inside each group of positions (all the texts
    form one group when `groups` is None). With `owners`, pairs of the same owner are left out. A pair in
    several groups is listed once. Sorted by score, highest first."""
    if not texts:
        return []
    vectors = vectorise(texts)
    if groups is None:
        groups = [range(len(texts))]
    best: dict[tuple[int, int], float] = {}
    for group in groups:
        rows = sorted({i for i in group if 0 <= i < len(texts)})[:max_group]
        if len(rows) < 2:
            continue
        scores = group_scores(vectors, rows)
        ii, jj = np.nonzero(np.triu(scores >= threshold, k=1))
        for a, b in zip(ii.tolist(), jj.tolist(), strict=True):
            i, j = rows[a], rows[b]
            if owners is not None and owners[i] == owners[j]:
                continue
            score = float(scores[a, b])
            if score > best.get((i, j), -1.0):
                best[(i, j)] = score
    pairs = [ScoredPair(i, j, s) for (i, j), s in best.items()]
    return sorted(pairs, key=lambda p: (-p.score, p.first, p.second))


def similarity(a: str, b: str) -> float:
    """The score of two texts on their own (fitted on just these two)."""
    return float(group_scores(vectorise([a, b]), [0, 1])[0, 1])
