"""A field's words, kept per open reader, for fuzzy expansion and did-you-mean.

Whoosh's `terms_within` runs a pure-Python edit-distance automaton over the lexicon on every call
(25-50 ms per word on the BBC corpus, more for a word it does not know). Reading the sorted word
list once per reader (~25 ms for the BBC body field) and measuring distances with RapidFuzz's C++
Damerau-Levenshtein over the words sharing a prefix costs well under a millisecond per word after
that. Readers are snapshots, so a list read from one never goes stale; it is dropped with the reader.
"""

from __future__ import annotations

import bisect
import threading
import weakref
from typing import Any

from whoosh.reading import IndexReader

_cache: weakref.WeakKeyDictionary[Any, dict[str, list[str]]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def words(reader: IndexReader, field: str) -> list[str]:
    """The field's indexed words, sorted (as the index holds them)."""
    with _lock:
        fields = _cache.setdefault(reader, {})
        found = fields.get(field)
    if found is None:
        schema_field = reader.schema[field]
        found = [schema_field.from_bytes(term) for term in reader.lexicon(field)]
        with _lock:
            fields[field] = found
    return found


def with_prefix(reader: IndexReader, field: str, prefix: str) -> list[str]:
    vocabulary = words(reader, field)
    if not prefix:
        return vocabulary
    start = bisect.bisect_left(vocabulary, prefix)
    end = bisect.bisect_left(vocabulary, prefix + "\U0010ffff", lo=start)
    return vocabulary[start:end]


def within(reader: IndexReader, field: str, word: str, maxdist: int, *, prefix: int = 0) -> list[str]:
    """Words of `field` at most `maxdist` edits (Damerau-Levenshtein) from `word` that share its
    first `prefix` letters; `word` itself included when the field has it."""
    if field not in reader.schema:
        return []
    from rapidfuzz.distance import DamerauLevenshtein  # loaded by the first fuzzy word, not at start-up
    from rapidfuzz.process import extract

    candidates = with_prefix(reader, field, word[:prefix])
    found = extract(word, candidates, scorer=DamerauLevenshtein.distance, score_cutoff=maxdist, limit=None)
    return [choice for choice, _distance, _index in found]
