"""The first rows of the library list (newest first) without numpy, for the app's first paint.

`fastpath.newest_first` sorts every document once per open reader with numpy; at 100,000 articles
importing numpy and that sort took ~155 ms CPU of a ~1.1 s start, before a single row could show. A
page near the top needs only the `wanted` newest documents: the `published` column read as one block of
bytes into an `array` and a partial sort (`heapq.nlargest`) give 300 in ~30 ms CPU (~17 ms once the
keys are read: they are kept per open reader, as `newest_first`'s order is), in exactly the order
`newest_first` gives (newest date first, undated last, the later-indexed first among equal dates).
"""

from __future__ import annotations

import heapq
import sys
import threading
import weakref
from array import array
from typing import Any

from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from search import fields as f

UNDATED = 2**64 - 1  # what the `published` column holds for an article without a date
_WIDTH = 8


_cache: weakref.WeakKeyDictionary[Any, tuple[list[int], list[int]]] = weakref.WeakKeyDictionary()
_cache_lock = threading.Lock()


def newest_page(searcher: Searcher, wanted: int) -> list[int]:
    """The first `wanted` document numbers of `newest_first(searcher)`'s order."""
    top = searcher.reader()
    with _cache_lock:
        found = _cache.get(top)
    if found is None:
        found = _keys(searcher)
        with _cache_lock:
            _cache[top] = found
    keys, docnums = found
    # Equal keys keep their input order (as `sorted(..., reverse=True)` would): higher document numbers first.
    best = heapq.nlargest(wanted, range(len(keys)), key=keys.__getitem__)
    return [docnums[i] for i in best]


def _keys(searcher: Searcher) -> tuple[list[int], list[int]]:
    """Sort keys (the date, -1 when undated) and document numbers of the live documents, in descending
    document number, read once per open reader (a reader is a snapshot)."""
    keys: list[int] = []
    docnums: list[int] = []
    for leaf, offset in reversed(list(searcher.leaf_searchers())):
        reader = leaf.reader()
        values = _published(reader)
        deleted = reader.deleted_docs_set if reader.has_deletions() else None
        for local in range(len(values) - 1, -1, -1):
            if deleted and local in deleted:
                continue
            value = values[local]
            keys.append(-1 if value == UNDATED else value)
            docnums.append(local + offset)
    return keys, docnums


def _published(reader: IndexReader) -> Any:
    """Each document's raw `published` value (UNDATED where none is stored), as `fastpath` reads it."""
    count = reader.doc_count_all()
    column = reader.column_reader(f.PUBLISHED, translate=False) if reader.has_column(f.PUBLISHED) else None
    if column is None:
        return array("Q", [UNDATED]) * count
    raw = fixed_width_bytes(column, count, _WIDTH)
    if raw is None:
        return [column[docnum] for docnum in range(count)]
    values = array("Q", raw)
    if sys.byteorder == "little":
        values.byteswap()  # stored big-endian
    values.extend([UNDATED] * (count - len(values)))
    return values


def fixed_width_bytes(column: Any, count: int, width: int) -> bytes | None:
    """The stored values of the first `count` documents of a fixed-width column, as one block of bytes
    (shorter when fewer are stored: the rest hold the column's default), when it is Whoosh's plain
    fixed-width reader; None for any other reader, to be read value by value."""
    if getattr(column, "_fixedlen", None) != width or not hasattr(column, "_dbfile"):
        return None
    return column._dbfile.get(column._basepos, min(column._count, count) * width)
