"""Near-identical copies of one story (wire copy run by several sites) are grouped, never dropped.

Word 5-shingles compared by Jaccard similarity; one-permutation MinHash with banding finds candidate pairs so the cost
stays near linear in the number of articles, and every candidate pair is confirmed with the exact Jaccard.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Sequence

from corpus.model import Article

SHINGLE_WORDS = 5
THRESHOLD = 0.6
_BANDS, _ROWS = 16, 4
_WORD = re.compile(r"\w+")


def shingles(text: str) -> frozenset[int]:
    """Hashes of overlapping word 5-grams (casefolded); short texts give one shingle of all words."""
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE_WORDS:
        return frozenset({zlib.crc32(" ".join(words).encode())}) if words else frozenset()
    return frozenset(zlib.crc32(" ".join(words[i : i + SHINGLE_WORDS]).encode())
                     for i in range(len(words) - SHINGLE_WORDS + 1))


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _signature(items: frozenset[int]) -> list[int]:
    """One-permutation MinHash: the smallest hash in each of 64 bins, one pass over the shingles."""
    empty = 1 << 32
    bins = [empty] * (_BANDS * _ROWS)
    for h in items:
        slot, value = h % len(bins), h // len(bins)
        if value < bins[slot]:
            bins[slot] = value
    return bins


def _bands(items: frozenset[int]) -> list[str]:
    """LSH band keys of a shingle set: sets sharing one are candidates (Jaccard ≥ ~0.6 almost always do)."""
    signature = _signature(items)
    keys = []
    for band in range(_BANDS):
        rows = signature[band * _ROWS : (band + 1) * _ROWS]
        if rows[0] >= 1 << 32:
            continue
        packed = b"".join(r.to_bytes(5, "big") for r in rows)
        keys.append(f"{band:02d}{zlib.crc32(packed):08x}")
    return keys


def band_keys(text: str) -> tuple[str, ...]:
    """The keys an index stores so near-duplicates of one article are a lookup, not a scan."""
    items = shingles(text)
    return tuple(_bands(items)) if items else ()


def near_duplicate_groups(articles: Sequence[Article], threshold: float = THRESHOLD) -> list[tuple[str, ...]]:
    """Groups (2+ article ids, in input order) whose bodies share at least `threshold` of their shingles."""
    sets = [shingles(a.body or a.title) for a in articles]
    buckets: dict[str, list[int]] = defaultdict(list)
    for index, items in enumerate(sets):
        if items:
            for key in _bands(items):
                buckets[key].append(index)
    parent = list(range(len(articles)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    checked: set[tuple[int, int]] = set()
    for members in buckets.values():
        for a in members:
            for b in members:
                if a < b and (a, b) not in checked:
                    checked.add((a, b))
                    if jaccard(sets[a], sets[b]) >= threshold:
                        parent[find(b)] = find(a)
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(articles)):
        groups[find(index)].append(index)
    return [tuple(articles[i].id for i in g) for g in groups.values() if len(g) > 1]
