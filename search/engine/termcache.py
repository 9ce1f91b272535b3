"""Decoded posting lists kept between queries, per segment reader, bounded in bytes.

Why: decoding a common word's postings (pickled, compressed blocks of 128) is most of what an exact
query costs at 100k articles, and the same words come back again and again: the keystroke path asks
for the exact ranking right after its budgeted answer, a refined query keeps most of its words, and
the did-you-mean check ranks words the search just ranked. A segment reader is a snapshot, so what
was decoded from it never goes stale; entries of a closed reader are dropped with it.
"""

from __future__ import annotations

import itertools
import threading
import weakref
from collections import OrderedDict
from typing import Any

import numpy as np

CACHE_BYTES = 32 * 2**20  # decoded postings held at most (the reader's whole RSS target is 300 MB at 100k)
VALUE_OVERHEAD = 40  # bytes a stored posting value (a bytes object) costs beyond its length
SMALLEST_CACHED = 256  # shorter lists decode in microseconds: not worth an entry

Postings = tuple[np.ndarray, np.ndarray, "list[Any] | None"]  # document numbers, weights, values
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
        if len(ids) < SMALLEST_CACHED:
            return
        size = ids.nbytes + weights.nbytes
        if values is not None:
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
