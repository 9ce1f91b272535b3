"""Article summaries of hits already shown, kept per open reader, so a list of 300 rows is not read
from the stored fields again on every keystroke.

Why: the stored fields of a document are one compressed blob holding the whole article; reading and
unpacking 300 of them is most of a keystroke's search on a large library (~0.2 ms each), and the same
rows come back as a word is typed out, when the exact answer follows a budgeted one, and when a query
is refined. A reader is a snapshot, so a summary read from it never goes stale.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import Any

from search.results import ArticleSummary

KEPT_PER_READER = 20_000  # summaries of ~300 bytes: a few MB at most

Summarize = Callable[[dict[str, Any]], ArticleSummary]


class Summaries:
    def __init__(self, kept: int = KEPT_PER_READER) -> None:
        self.kept = kept
        self._by_reader: weakref.WeakKeyDictionary[Any, OrderedDict[tuple[Summarize, int], ArticleSummary]] = (
            weakref.WeakKeyDictionary()
        )
        self._lock = threading.Lock()

    def known(self, reader: Any, summarize: Summarize, docnums: Iterable[int]) -> dict[int, ArticleSummary]:
        with self._lock:
            entries = self._by_reader.get(reader)
            if entries is None:
                return {}
            found = {}
            for docnum in docnums:
                summary = entries.get((summarize, docnum))
                if summary is not None:
                    entries.move_to_end((summarize, docnum))
                    found[docnum] = summary
            return found

    def remember(self, reader: Any, summarize: Summarize, summaries: dict[int, ArticleSummary]) -> None:
        with self._lock:
            entries = self._by_reader.setdefault(reader, OrderedDict())
            for docnum, summary in summaries.items():
                entries[(summarize, docnum)] = summary
            while len(entries) > self.kept:
                entries.popitem(last=False)


SUMMARIES = Summaries()
