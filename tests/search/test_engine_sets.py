"""The table and binary-search set operations give exactly what numpy's sorting ones give, at every
mix of sizes and spreads (dense tables, short against long, sparse lists)."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from search.engine.sets import common_indices, members, union_scores

SORTED_IDS = st.one_of(
    st.sets(st.integers(0, 60), max_size=50),  # dense: a table
    st.sets(st.integers(0, 100_000), max_size=40),  # sparse: numpy's own
    st.sets(st.integers(0, 5000), min_size=200, max_size=400),  # long against a short one: binary search
).map(lambda ids: np.array(sorted(ids), dtype=np.int64))


@given(lists=st.lists(SORTED_IDS, min_size=1, max_size=4), seed=st.integers(0, 99))
def test_union_sums_each_documents_scores(lists: list[np.ndarray], seed: int) -> None:
    rng = np.random.default_rng(seed)
    scores = [rng.random(len(ids)) for ids in lists]
    if not sum(len(ids) for ids in lists):
        return
    ids, summed = union_scores(lists, scores)
    expected: dict[int, float] = {}
    for part, part_scores in zip(lists, scores, strict=True):
        for doc, score in zip(part.tolist(), part_scores.tolist(), strict=True):
            expected[doc] = expected.get(doc, 0.0) + score
    assert ids.tolist() == sorted(expected)
    assert np.allclose(summed, [expected[doc] for doc in sorted(expected)], rtol=0, atol=1e-12)


@given(a=SORTED_IDS, b=SORTED_IDS)
def test_common_indices_are_numpys(a: np.ndarray, b: np.ndarray) -> None:
    _, in_a, in_b = np.intersect1d(a, b, assume_unique=True, return_indices=True)
    found_a, found_b = common_indices(a, b)
    assert found_a.tolist() == in_a.tolist() and found_b.tolist() == in_b.tolist()


@given(ids=SORTED_IDS, of=SORTED_IDS)
def test_members_are_numpys(ids: np.ndarray, of: np.ndarray) -> None:
    assert members(ids, of).tolist() == np.isin(ids, of).tolist()
