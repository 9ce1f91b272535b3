"""Column values of many documents, read one segment at a time through a reader kept per segment.

Whoosh's reader over a whole index finds each document's segment by bisection on every value, and
makes a segment's column reader anew on each call: for a variable-length column in a segment of
fewer than 32,768 documents that means a pass in Python over every document's length to rebuild the
offsets. An entity's timeline reads thousands of values, so here a segment's column reader is made
once per open segment reader (kept weakly, so a new searcher after an index update starts afresh)
and a sorted list of documents is read segment by segment.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from typing import Any
from weakref import WeakKeyDictionary

from whoosh.columns import Column

_cache: WeakKeyDictionary[Any, dict[str, Any]] = WeakKeyDictionary()
_lock = threading.Lock()
_MISSING = object()


def leaves(reader: Any) -> list[tuple[Any, int]]:
    return reader.leaf_readers() if hasattr(reader, "leaf_readers") else [(reader, 0)]


def segment_column(leaf: Any, field: str, column: Column | None = None) -> Any | None:
    """The segment's column reader for `field`, untranslated, reading it as `column` when given (e.g.
    a list column's bytes as VarBytesColumn); None when the segment has no such column."""
    name = field if column is None else f"{field} as {type(column).__name__}"
    with _lock:
        columns = _cache.setdefault(leaf, {})
        found = columns.get(name, _MISSING)
    if found is _MISSING:
        found = leaf.column_reader(field, column, translate=False) if leaf.has_column(field) else None
        with _lock:
            columns[name] = found
    return found


def column_values(
    reader: Any, field: str, docnums: Sequence[int], column: Column | None = None
) -> Iterator[tuple[int, bytes | Any]]:
    """(docnum, column value) for each of `docnums` (sorted ascending); the value is b"" where a
    segment lacks the column."""
    parts = leaves(reader)
    first = 0
    for index, (leaf, offset) in enumerate(parts):
        last = bisect_left(docnums, parts[index + 1][1], first) if index + 1 < len(parts) else len(docnums)
        if last > first:
            found = segment_column(leaf, field, column)
            if found is None:
                yield from ((docnum, b"") for docnum in docnums[first:last])
            else:
                get = found.__getitem__
                yield from ((docnum, get(docnum - offset)) for docnum in docnums[first:last])
        first = last


def list_values(raw: bytes) -> list[bytes]:
    """The values a VarBytesListColumn stored: a varint count, then each value's varint length and bytes."""
    values: list[bytes] = []
    if not raw:
        return values
    count, at = _varint(raw, 0)
    for _ in range(count):
        length = raw[at]
        if length < 0x80:
            at += 1
        else:
            length, at = _varint(raw, at)
        values.append(raw[at : at + length])
        at += length
    return values


def _varint(raw: bytes, at: int) -> tuple[int, int]:
    """An unsigned varint (seven bits a byte, low first, high bit set on all but the last) and where
    the next value starts."""
    value = shift = 0
    while True:
        byte = raw[at]
        at += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, at
        shift += 7
