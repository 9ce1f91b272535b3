"""The postings cache stays within its bound, serves a list only to the reader it came from, and an
entry without posting values never answers a request for them."""

from __future__ import annotations

import gc

import numpy as np

from search.engine.termcache import SMALLEST_CACHED, PostingsCache


class Reader:
    """Stands for a segment reader: the cache only needs it hashable and weakly referenceable."""


def postings(count: int, values: bool = False):  # type: ignore[no-untyped-def]
    ids = np.arange(count, dtype=np.int64)
    return ids, np.ones(count), ([b"x"] * count if values else None)


def test_least_recently_used_lists_go_first_within_the_bound() -> None:
    one = postings(SMALLEST_CACHED)
    size = one[0].nbytes + one[1].nbytes
    cache = PostingsCache(max_bytes=size * 4)  # room for four; a list larger than a quarter is never kept
    reader = Reader()
    for word in (b"a", b"b", b"c", b"d"):
        cache.put(reader, "body", word, postings(SMALLEST_CACHED))
    assert cache.get(reader, "body", b"a", values=False) is not None  # now the most recently used
    cache.put(reader, "body", b"e", postings(SMALLEST_CACHED))
    assert cache.size <= cache.max_bytes
    assert cache.get(reader, "body", b"b", values=False) is None
    assert cache.get(reader, "body", b"a", values=False) is not None
    assert cache.get(Reader(), "body", b"a", values=False) is None


def test_short_lists_and_missing_values_are_not_served() -> None:
    cache = PostingsCache()
    reader = Reader()
    cache.put(reader, "body", b"rare", postings(3))
    assert cache.get(reader, "body", b"rare", values=False) is None
    cache.put(reader, "body", b"common", postings(SMALLEST_CACHED))
    assert cache.get(reader, "body", b"common", values=True) is None
    cache.put(reader, "body", b"common", postings(SMALLEST_CACHED, values=True))
    found = cache.get(reader, "body", b"common", values=True)
    assert found is not None and found[2] is not None


def test_a_closed_readers_lists_are_dropped() -> None:
    cache = PostingsCache()
    reader = Reader()
    cache.put(reader, "body", b"common", postings(SMALLEST_CACHED))
    assert cache.size
    del reader
    gc.collect()
    assert cache.size == 0
