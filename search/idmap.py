"""Article ids to document numbers and back, read once per open index reader.

User data is keyed by article id; queries and filters need document numbers. Reading them from the
`id` field's term infos (an id is in one live document, whose number the term info holds) takes
~20 ms per 1,000 articles, where opening each id's postings took ~15 times longer. Kept per reader
(weakly), so a new searcher after an index update starts afresh.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from search import fields as f

ID_FIELD = f.ID
_cache: WeakKeyDictionary[Any, IdMap] = WeakKeyDictionary()
_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class IdMap:
    by_id: dict[str, int]
    by_docnum: dict[int, str]


def id_map(reader: Any) -> IdMap:
    with _lock:
        found = _cache.get(reader)
    if found is not None:
        return found
    leaves = reader.leaf_readers() if hasattr(reader, "leaf_readers") else [(reader, 0)]
    by_id: dict[str, int] = {}
    for leaf, offset in leaves:
        part = _leaf_map(leaf) if leaf is not reader else _read_leaf(leaf)
        for article_id, docnum in part.items():
            by_id[article_id] = docnum + offset
    found = IdMap(by_id, {docnum: article_id for article_id, docnum in by_id.items()})
    with _lock:
        _cache[reader] = found
    return found


def _leaf_map(leaf: Any) -> dict[str, int]:
    return id_map(leaf).by_id


def _read_leaf(leaf: Any) -> dict[str, int]:
    deletions = leaf.has_deletions()
    found: dict[str, int] = {}
    for term, info in leaf.iter_field(ID_FIELD):
        article_id = term.decode("utf-8") if isinstance(term, bytes) else str(term)
        if info.doc_frequency() == 1 and not (deletions and leaf.is_deleted(info.min_id())):
            found[article_id] = info.min_id()
        elif info.doc_frequency() > 1:  # an older copy not yet merged away: the postings skip deleted ones
            live = list(leaf.postings(ID_FIELD, term).all_ids())
            if live:
                found[article_id] = live[-1]
    return found
