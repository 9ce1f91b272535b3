"""Overlap queries over an article's candidate mentions in near-constant time.

The rules that add names the model missed ask, for every match in the body, which candidates it
overlaps, then replace them. Scanning the whole list per match made a long article quadratic; this
index buckets candidates by position and keeps insertion order, so results equal the plain scan's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, Protocol, TypeVar


class _Spanned(Protocol):
    start: int
    end: int


T = TypeVar("T", bound=_Spanned)
WIDTH = 256  # characters per bucket: a few mentions each in prose


class SpanIndex(Generic[T]):
    """A list of spans in insertion order, with overlap lookup and removal."""

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._items: dict[int, T] = {}
        self._keys_of: dict[int, list[int]] = {}
        self._buckets: dict[int, list[int]] = {}
        self._next = 0
        for item in items:
            self.add(item)

    def add(self, item: T) -> None:
        key, self._next = self._next, self._next + 1
        self._items[key] = item
        self._keys_of.setdefault(id(item), []).append(key)
        for b in _buckets(item.start, item.end):
            self._buckets.setdefault(b, []).append(key)

    def overlapping(self, start: int, end: int) -> list[T]:
        """Items with item.start < end and start < item.end, in insertion order."""
        keys = {k for b in _buckets(start, end) for k in self._buckets.get(b, ())
                if k in self._items and self._items[k].start < end and start < self._items[k].end}
        return [self._items[k] for k in sorted(keys)]

    def remove(self, items: Iterable[T]) -> None:
        for item in items:
            for key in self._keys_of.pop(id(item), ()):
                del self._items[key]

    def items(self) -> list[T]:
        return list(self._items.values())


def _buckets(start: int, end: int) -> range:
    return range(start // WIDTH, max(start, end - 1) // WIDTH + 1)
