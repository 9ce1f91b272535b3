"""Decoded posting lists and looked-up terms kept between queries, per segment reader, bounded.

Why: decoding a common word's postings (pickled, compressed blocks of 128) is most of what an exact
query costs at 100k articles, and the same words come back again and again: the keystroke path asks
for the exact ranking right after its budgeted answer, a refined query keeps most of its words, and
the did-you-mean check ranks words the search just ranked. Short lists are kept too: at ~95k BBC
articles in 8 segments a title word's list of a few dozen postings still cost ~0.2 ms to find, read
and unpickle, and a query of two words and a title boost reads 16-32 of them. Each lookup of a term
in a segment's hash table costs ~8 µs, and a query makes 100-200 of them (is it there, its info,
its scoring copy, once per segment and field): `term_info` answers those from a dictionary.
A segment reader is a snapshot, so what was read from it never goes stale; entries of a closed reader
are dropped with it.
"""

from __future__ import annotations

import itertools
import threading
import weakref
from collections import OrderedDict
from typing import Any

import numpy as np
from whoosh.reading import TermNotFound

CACHE_BYTES = 32 * 2**20  # decoded postings held at most (the reader's whole RSS target is 300 MB at 100k)
VALUE_OVERHEAD = 40  # bytes a stored posting value (a bytes object) costs beyond its length
ENTRY_OVERHEAD = 600  # bytes an entry costs beyond its arrays (key, tuple, two array headers): counted,
# so that many short lists stay within the bound too
TERMS_PER_READER = 4096  # looked-up terms kept per segment reader (~300 bytes each)

Postings = tuple[np.ndarray, np.ndarray, "list[Any] | np.ndarray | None"]  # document numbers, weights, values
_Key = tuple[int, str, bytes]


class PostingsCache:
    """Least recently used posting lists; an entry with values also answers a request without."""

    def __init__(self, max_bytes: int = CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[_Key, tuple[Postings, int]] = OrderedDict()
        self._size = 0
        self._tokens: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()
        self._numbers = itertools.count()
        self._lock = threading.Lock()

    def get(self, reader: Any, field: str, text: bytes, *, values: bool) -> Postings | None:
        with self._lock:
            token = self._tokens.get(reader)
            if token is None:
                return None
            key = (token, field, text)
            entry = self._entries.get(key)
            if entry is None or (values and entry[0][2] is None):
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def put(self, reader: Any, field: str, text: bytes, postings: Postings) -> None:
        ids, weights, values = postings
        size = ENTRY_OVERHEAD + ids.nbytes + weights.nbytes
        if isinstance(values, np.ndarray):
            size += values.nbytes
        elif values is not None:
            try:  # C speed: a common word at 100k articles has ~55k values
                size += sum(map(len, values)) + VALUE_OVERHEAD * len(values)
            except TypeError:  # not all bytes
                size += sum(len(v) + VALUE_OVERHEAD if isinstance(v, bytes) else VALUE_OVERHEAD for v in values)
        if size > self.max_bytes // 4:
            return
        with self._lock:
            key = (self._token(reader), field, text)
            old = self._entries.pop(key, None)
            if old is not None:
                self._size -= old[1]
            self._entries[key] = (postings, size)
            self._size += size
            while self._size > self.max_bytes and self._entries:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._size -= dropped

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._size = 0

    @property
    def size(self) -> int:
        return self._size

    def _token(self, reader: Any) -> int:
        token = self._tokens.get(reader)
        if token is None:
            token = next(self._numbers)
            self._tokens[reader] = token
            weakref.finalize(reader, self._forget, token)
        return token

    def _forget(self, token: int) -> None:
        with self._lock:
            for key in [k for k in self._entries if k[0] == token]:
                self._size -= self._entries.pop(key)[1]


POSTINGS = PostingsCache()


MISSING = object()  # what ReaderMemo.get returns for a key it does not hold


class ReaderMemo:
    """Small values computed from a segment reader (a term's info, its block directory), kept per
    reader: up to `per_reader` keys each, then that reader's are started afresh."""

    def __init__(self, per_reader: int) -> None:
        self.per_reader = per_reader
        self._by_reader: weakref.WeakKeyDictionary[Any, dict[Any, Any]] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def get(self, reader: Any, key: Any) -> Any:
        """The kept value, or `MISSING`."""
        with self._lock:
            known = self._by_reader.get(reader)
            return MISSING if known is None else known.get(key, MISSING)

    def put(self, reader: Any, key: Any, value: Any) -> None:
        with self._lock:
            known = self._by_reader.setdefault(reader, {})
            if len(known) >= self.per_reader:
                known.clear()
            known[key] = value


_INFOS = ReaderMemo(TERMS_PER_READER)


def term_info(reader: Any, field: str, text: bytes) -> Any | None:
    """The segment reader's TermInfo of a term, or None when the segment does not hold it (or has no
    such field); looked up once per reader and kept."""
    found = _INFOS.get(reader, (field, text))
    if found is not MISSING:
        return found
    try:
        found = reader.term_info(field, text)
    except (KeyError, TermNotFound):
        found = None
    _INFOS.put(reader, (field, text), found)
    return found


def doc_frequency(reader: Any, field: str, text: str | bytes) -> int:
    """How many documents of `reader` (a searcher's reader or one segment's) hold the term, deleted ones
    included, as Whoosh's `doc_frequency` counts them; from each segment's kept term info."""
    if field not in reader.schema:
        return 0
    if isinstance(text, str):
        text = reader.schema[field].to_bytes(text)
    total = 0
    for leaf, _offset in reader.leaf_readers():
        info = term_info(leaf, field, text)
        if info is not None:
            total += info.doc_frequency()
    return total
