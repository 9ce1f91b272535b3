"""The postings cache stays within its bound (short lists included), serves a list only to the reader it
came from, and an entry without posting values never answers a request for them; looked-up terms are
kept per reader."""

from __future__ import annotations

import gc

import numpy as np

from search.engine.termcache import ENTRY_OVERHEAD, MISSING, PostingsCache, ReaderMemo, term_info

LONG = 256  # postings in a list of the tests


class Reader:
    """Stands for a segment reader: the cache only needs it hashable and weakly referenceable."""


def postings(count: int, values: bool = False):  # type: ignore[no-untyped-def]
    ids = np.arange(count, dtype=np.int64)
    return ids, np.ones(count), ([b"x"] * count if values else None)


def test_least_recently_used_lists_go_first_within_the_bound() -> None:
    one = postings(LONG)
    size = ENTRY_OVERHEAD + one[0].nbytes + one[1].nbytes
    cache = PostingsCache(max_bytes=size * 4)  # room for four; a list larger than a quarter is never kept
    reader = Reader()
    for word in (b"a", b"b", b"c", b"d"):
        cache.put(reader, "body", word, postings(LONG))
    assert cache.get(reader, "body", b"a", values=False) is not None  # now the most recently used
    cache.put(reader, "body", b"e", postings(LONG))
    assert cache.size <= cache.max_bytes
    assert cache.get(reader, "body", b"b", values=False) is None
    assert cache.get(reader, "body", b"a", values=False) is not None
    assert cache.get(Reader(), "body", b"a", values=False) is None


def test_short_lists_are_kept_and_counted_with_their_overhead() -> None:
    cache = PostingsCache(max_bytes=ENTRY_OVERHEAD * 40)
    reader = Reader()
    cache.put(reader, "body", b"rare", postings(3))
    found = cache.get(reader, "body", b"rare", values=False)
    assert found is not None and list(found[0]) == [0, 1, 2]
    for number in range(100):  # a hundred tiny lists cost more than the bound allows
        cache.put(reader, "title", b"w%d" % number, postings(1))
    assert cache.size <= cache.max_bytes
    assert cache.get(reader, "body", b"rare", values=False) is None  # the oldest went first


def test_missing_values_are_not_served() -> None:
    cache = PostingsCache()
    reader = Reader()
    cache.put(reader, "body", b"common", postings(LONG))
    assert cache.get(reader, "body", b"common", values=True) is None
    cache.put(reader, "body", b"common", postings(LONG, values=True))
    found = cache.get(reader, "body", b"common", values=True)
    assert found is not None and found[2] is not None


def test_a_closed_readers_lists_are_dropped() -> None:
    cache = PostingsCache()
    reader = Reader()
    cache.put(reader, "body", b"common", postings(LONG))
    assert cache.size
    del reader
    gc.collect()
    assert cache.size == 0


class Segment:
    """Stands for a segment reader with two terms; counts its (slow) term lookups."""

    def __init__(self) -> None:
        self.lookups = 0

    def term_info(self, field: str, text: bytes) -> str:
        self.lookups += 1
        if (field, text) in {("body", b"radar"), ("title", b"radar")}:
            return f"info of {field}:{text.decode()}"
        raise KeyError(text)


def test_a_term_is_looked_up_once_per_reader_present_or_not() -> None:
    segment = Segment()
    assert term_info(segment, "body", b"radar") == "info of body:radar"
    assert term_info(segment, "body", b"radar") == "info of body:radar"
    assert term_info(segment, "body", b"sonar") is None
    assert term_info(segment, "body", b"sonar") is None
    assert segment.lookups == 2
    other = Segment()
    assert term_info(other, "title", b"radar") == "info of title:radar"
    assert other.lookups == 1


def test_a_readers_memo_is_bounded_and_dropped_with_it() -> None:
    memo = ReaderMemo(per_reader=2)
    reader = Reader()
    memo.put(reader, "a", 1)
    memo.put(reader, "b", 2)
    memo.put(reader, "c", 3)  # over the bound: started afresh
    assert memo.get(reader, "a") is MISSING and memo.get(reader, "c") == 3
    del reader
    gc.collect()
    assert not len(memo._by_reader)
