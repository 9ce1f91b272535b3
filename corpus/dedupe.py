"""Near-identical copies of one story (wire copy run by several sites) are grouped, never dropped.

Word 5-shingles compared by Jaccard similarity; one-permutation MinHash with banding finds candidate pairs so the cost
stays near linear in the number of articles, and every candidate pair is confirmed with the exact Jaccard.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from corpus.model import Article

SHINGLE_WORDS = 5
THRESHOLD = 0.6
_BANDS, _ROWS = 16, 4
_WORD = re.compile(r"\w+")
# Odd 64-bit multipliers: a shingle's hash is a polynomial in its words' hashes, then mixed (murmur3's
# finaliser) so every bit of the 32 kept depends on every word.
_POLY = np.uint64(0x9E3779B97F4A7C15)
_MIX1, _MIX2 = np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53)


class _WordHashes(dict[str, int]):
    """crc32 of each word, remembered: looked up from C by `map`, ~5x cheaper than hashing again."""

    LIMIT = 200_000

    def __missing__(self, word: str) -> int:
        if len(self) > self.LIMIT:
            self.clear()
        value = self[word] = zlib.crc32(word.encode())
        return value


_word_hashes = _WordHashes()


def _shingle_hashes(text: str) -> np.ndarray:
    """32-bit hashes of the overlapping word 5-grams (casefolded), as an array that may repeat one;
    short texts give one shingle of all their words. Array arithmetic, since every indexed article
    needs its band keys."""
    words = _WORD.findall(text.casefold())
    if not words:
        return np.empty(0, dtype=np.uint64)
    hashes = np.fromiter(map(_word_hashes.__getitem__, words), dtype=np.uint64, count=len(words))
    width = min(SHINGLE_WORDS, len(hashes))
    count = len(hashes) - width + 1
    combined = hashes[:count].copy()
    with np.errstate(over="ignore"):
        for offset in range(1, width):
            combined = combined * _POLY + hashes[offset : offset + count]
        combined ^= combined >> np.uint64(33)
        combined *= _MIX1
        combined ^= combined >> np.uint64(33)
        combined *= _MIX2
        combined ^= combined >> np.uint64(33)
    return combined >> np.uint64(32)


def shingles(text: str) -> frozenset[int]:
    """Hashes of overlapping word 5-grams (casefolded); short texts give one shingle of all words."""
    return frozenset(_shingle_hashes(text).tolist())


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _signature(items: np.ndarray) -> list[int]:
    """One-permutation MinHash: the smallest hash in each of 64 bins, one pass over the shingles."""
    bins = np.full(_BANDS * _ROWS, 1 << 32, dtype=np.uint64)
    np.minimum.at(bins, (items % np.uint64(len(bins))).astype(np.intp), items // np.uint64(len(bins)))
    return bins.tolist()


def _bands(items: np.ndarray) -> list[str]:
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
    items = _shingle_hashes(text)
    return tuple(_bands(items)) if len(items) else ()


def near_duplicate_groups(articles: Sequence[Article], threshold: float = THRESHOLD) -> list[tuple[str, ...]]:
    """Groups (2+ article ids, in input order) whose bodies share at least `threshold` of their shingles."""
    arrays = [_shingle_hashes(a.body or a.title) for a in articles]
    sets = [frozenset(items.tolist()) for items in arrays]
    buckets: dict[str, list[int]] = defaultdict(list)
    for index, items in enumerate(arrays):
        if len(items):
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
