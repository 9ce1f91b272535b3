"""Phrase matching over many documents at once: positions decoded in one pickle load, words in order
checked with array searches.

Why: a phrase of two common words ("prime minister") has thousands of documents holding both words at
100k articles; decoding each posting's positions and comparing them in Python cost ~10 µs a document,
which made phrases the slowest queries of the mix. Whoosh stores each posting's positions as a small
pickle (Whoosh's `Positions` and `Characters` formats: a 4-byte count, then a protocol-2 pickle of
the deltas); the pickles of all candidate postings are joined into one list and loaded at C speed.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from itertools import chain
from typing import Any

import numpy as np
from whoosh.formats import Characters, Positions

_HEADER = b"\x80\x02"  # pickle protocol 2
_COUNT_BYTES = 4
_STOP = ord(".")  # the pickle's last byte, when the writer kept it
_ROW_SHIFT = 32  # a key is (row << 32) | position: positions stay far below 2**32


def positions_by_row(values: Sequence[bytes], fmt: Any) -> tuple[np.ndarray, np.ndarray] | None:
    """(row, position) of every occurrence in these posting values (row i is `values[i]`), in row
    then position order; None when the format or the bytes are not the ones this reads."""
    if isinstance(fmt, Characters):
        width = 3  # (position delta, start delta, length)
    elif isinstance(fmt, Positions):
        width = 1
    else:
        return None
    try:
        lists = pickle.loads(_HEADER + b"(" + _pickled_lists(values) + b"l.")
    except Exception:  # not the pickles expected: the caller decodes one by one
        return None
    if len(lists) != len(values):
        return None
    counts = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    total = int(counts.sum())
    if width == 3:
        flat = np.fromiter(chain.from_iterable(chain.from_iterable(lists)), dtype=np.int64, count=3 * total)
        deltas = flat[0::3]
    else:
        deltas = np.fromiter(chain.from_iterable(lists), dtype=np.int64, count=total)
    summed = np.cumsum(deltas)
    before = np.concatenate(([0], summed))[np.cumsum(counts) - counts]  # the running sum where each row starts
    positions = summed - np.repeat(before, counts)
    rows = np.repeat(np.arange(len(values), dtype=np.int64), counts)
    return rows, positions


def _pickled_lists(values: Sequence[bytes]) -> bytes:
    """The values joined with each one's count and pickle header (and its STOP, when kept) cut out:
    the items of one pickled list. Done on the joined bytes with numpy, not value by value in Python
    (~1 µs a value: 55k values for a common word at 100k articles). ValueError when a value is not a
    count and a protocol-2 pickle."""
    start = _COUNT_BYTES + len(_HEADER)
    lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    if not len(values):
        return b""
    joined = np.frombuffer(b"".join(values), dtype=np.uint8)
    ends = np.cumsum(lengths)
    starts = ends - lengths
    if lengths.min() < start or not (
        (joined[starts + _COUNT_BYTES] == _HEADER[0]) & (joined[starts + _COUNT_BYTES + 1] == _HEADER[1])
    ).all():
        raise ValueError("not a count and a protocol-2 pickle")
    keep = np.ones(len(joined), dtype=bool)
    keep[(starts[:, None] + np.arange(start)).ravel()] = False
    last = ends - 1
    keep[last[joined[last] == _STOP]] = False
    return joined[keep].tobytes()


def rows_with_phrase(words: Sequence[tuple[np.ndarray, np.ndarray]], slop: int) -> np.ndarray:
    """Rows where the words occur in order, each within `slop` positions after the one before (1: right
    after), as Whoosh's phrase matcher requires; `words` holds each word's (rows, positions)."""
    rows, positions = words[0]
    ends = (rows << _ROW_SHIFT) | positions
    for rows, positions in words[1:]:
        if not len(ends):
            break
        keys = (rows << _ROW_SHIFT) | positions
        # the nearest earlier end of the same row decides: some end lies within slop before the key
        nearest = np.searchsorted(ends, keys, side="left") - 1
        found = nearest >= 0
        gap = keys - ends[np.maximum(nearest, 0)]
        ends = keys[found & (gap >= 1) & (gap <= slop)]
    rows = ends >> _ROW_SHIFT  # sorted, as the keys are: distinct rows without np.unique's hashing
    if len(rows) > 1:
        rows = rows[np.concatenate(([True], rows[1:] != rows[:-1]))]
    return rows


def positions_table(values: Sequence[bytes], fmt: Any) -> tuple[np.ndarray, np.ndarray] | None:
    """Every posting's positions as (offsets, positions): posting i's are positions[offsets[i]:offsets[i + 1]].
    Kept per term, so a phrase asked again takes its candidates' positions without decoding anything."""
    found = positions_by_row(values, fmt)
    if found is None:
        return None
    rows, positions = found
    offsets = np.zeros(len(values) + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=len(values)), out=offsets[1:])
    return offsets, positions


def gather(table: tuple[np.ndarray, np.ndarray], postings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(row, position) of every occurrence in the given postings (row i is `postings[i]`)."""
    offsets, positions = table
    starts = offsets[postings]
    counts = offsets[postings + 1] - starts
    total = int(counts.sum())
    rows = np.repeat(np.arange(len(postings), dtype=np.int64), counts)
    within = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    return rows, positions[np.repeat(starts, counts) + within]
