"""A field's words, kept per open reader, for fuzzy expansion and did-you-mean.

Whoosh's `terms_within` runs a pure-Python edit-distance automaton over the lexicon on every call
(25-50 ms per word on the BBC corpus, more for a word it does not know). Here the words sharing the
fixed prefix (did-you-mean keeps the first letter, fuzzy terms the first two) are read once per reader
and prefix, and distances are measured with RapidFuzz's C++ Damerau-Levenshtein: well under a
millisecond per word after that. Only the prefix's words are read: the whole lexicon of a searcher
over 8 segments is merged term by term in Python (~0.4 s for the title and body fields at ~95k BBC
articles, the first did-you-mean's cost), a first letter's share of it ~1/20 of that. Readers are
snapshots, so a list read from one never goes stale; it is dropped with the reader.
"""

from __future__ import annotations

import bisect
import threading
import weakref
from typing import Any

from whoosh.reading import IndexReader

_cache: weakref.WeakKeyDictionary[Any, dict[tuple[str, str], list[str]]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def with_prefix(reader: IndexReader, field: str, prefix: str) -> list[str]:
    """The field's indexed words starting with `prefix`, sorted (as the index holds them): cut from a
    shorter prefix's words when those were read, else read and kept."""
    with _lock:
        kept = _cache.setdefault(reader, {})
        known = (kept[field, prefix[:n]] for n in range(len(prefix), -1, -1) if (field, prefix[:n]) in kept)
        shorter = next(known, None)
    if shorter is not None:
        start = bisect.bisect_left(shorter, prefix)
        return shorter[start : bisect.bisect_left(shorter, prefix + "\U0010ffff", lo=start)]
    schema_field = reader.schema[field]
    # each segment's words apart, joined in C: Whoosh's merge of the segments' term streams is a heap in Python
    if prefix:
        terms = set().union(*(leaf.expand_prefix(field, prefix) for leaf, _offset in reader.leaf_readers()))
    else:
        terms = set().union(*(leaf.lexicon(field) for leaf, _offset in reader.leaf_readers()))
    found = [schema_field.from_bytes(term) for term in sorted(terms)]
    with _lock:
        kept[field, prefix] = found
    return found


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
