"""Facet counts over every match from per-segment arrays, instead of Whoosh's grouping collector.

Why: Whoosh's `groupedby` calls a categorizer for each matching document in Python (~3 µs each, and an
entity list decoded per hit): 300-700 ms for a common word at 100k articles. Here each segment's facet
values are read once into arrays (a source number per document, a year per document, and the entity
keys of each document as a CSR-like pair of arrays), kept while the segment reader lives, and a query's
counts are `bincount`s over the matching document numbers. The values are the ones Whoosh's grouping
reads: the `source` column as written, the year of the `published` column (undated articles count in
no year), and the keys of the `entity` field.

Names are numbered once per open searcher across its segments, so counting never walks names in Python.
A few matches in a segment whose arrays are not read yet are counted from their own column values
instead (a one-off command such as `alliance-reader search rareword` then reads a few values, not a
whole column).
"""

from __future__ import annotations

import threading
import weakref
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from search import fields as f
from search.engine.fastpath import _date_keys, _deleted, _postings

_MICROSECONDS_A_DAY = 86_400_000_000
_YEAR_ONE = np.datetime64("0001-01-01", "D")  # the `published` column counts microseconds from here
NO_YEAR = 0  # the year slot of an undated article (no facet value)
# Up to this many matches in a segment whose arrays are not read yet, their values are read one by one.
FEW_MATCHES = 2000

Matched = Sequence[tuple[IndexReader, np.ndarray]]  # (segment reader, its matching live document numbers)


@dataclass(frozen=True, slots=True)
class FacetCounts:
    """Raw counts over a result set: names with their number of matching articles (zero counts left out)."""

    sources: dict[str, int]
    years: dict[int, int]
    entities: dict[str, int]


@dataclass(frozen=True, slots=True)
class _Segment:
    source: np.ndarray  # per document: index into `source_names` (0 is "no source")
    source_names: list[str]
    year: np.ndarray  # per document: the year, or NO_YEAR
    entity_doc: np.ndarray  # per (document, entity key) pair: the document
    entity_key: np.ndarray  # per pair: index into `entity_names`
    entity_names: list[str]


@dataclass(frozen=True, slots=True)
class _Names:
    """One numbering of a searcher's source and entity names across its segments."""

    sources: list[str]
    entities: list[str]
    source_map: dict[int, np.ndarray]  # id(segment reader) -> local source index to global
    entity_map: dict[int, np.ndarray]


_segments: weakref.WeakKeyDictionary[Any, _Segment] = weakref.WeakKeyDictionary()
_names: weakref.WeakKeyDictionary[Any, _Names] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def facet_counts(searcher: Searcher, matched: Matched) -> FacetCounts:
    """Counts of sources, years and entity keys over the matching documents of each segment."""
    few: list[tuple[IndexReader, np.ndarray]] = []
    many: list[tuple[IndexReader, np.ndarray]] = []
    for reader, local in matched:
        if len(local):
            (few if len(local) <= FEW_MATCHES and not _is_read(reader) else many).append((reader, local))
    counted = _many(searcher, many) if many else FacetCounts({}, {}, {})
    if not few:
        return counted
    sources, years, entities = Counter(counted.sources), Counter(counted.years), Counter(counted.entities)
    for reader, local in few:
        _count_one_by_one(reader, local, sources, years, entities)
    return FacetCounts(dict(sources), dict(years), dict(entities))


def _is_read(reader: IndexReader) -> bool:
    with _lock:
        return reader in _segments


def _count_one_by_one(
    reader: IndexReader, local: np.ndarray, sources: Counter[str], years: Counter[int], entities: Counter[str]
) -> None:
    docnums = local.tolist()
    if reader.has_column(f.SOURCE):
        column = reader.column_reader(f.SOURCE, translate=False)
        sources.update(name for name in (_source_name(column[d]) for d in docnums) if name)
    years.update(int(y) for y in _years_of(_date_keys(reader)[local]) if y != NO_YEAR)
    if reader.has_column(f.ENTITY):
        column = reader.column_reader(f.ENTITY, translate=False)
        for docnum in docnums:  # a key counts once per article, as the field's postings hold it
            entities.update({key.decode("utf-8", "replace") for key in column[docnum] if key})


def _source_name(value: bytes) -> str:
    return value.strip().decode("utf-8", "replace")


def _many(searcher: Searcher, matched: Matched) -> FacetCounts:
    names = _numbering(searcher)
    source_parts: list[np.ndarray] = []
    entity_parts: list[np.ndarray] = []
    year_parts: list[np.ndarray] = []
    for reader, local in matched:
        segment = _segment(reader)
        source_parts.append(names.source_map[id(reader)][segment.source[local]])
        year_parts.append(segment.year[local])
        if len(segment.entity_doc):
            chosen = np.zeros(len(segment.year), dtype=bool)
            chosen[local] = True
            keys = segment.entity_key[chosen[segment.entity_doc]]
            entity_parts.append(names.entity_map[id(reader)][keys])
    return FacetCounts(
        sources=_named(source_parts, names.sources, skip=0),
        years=_years(year_parts),
        entities=_named(entity_parts, names.entities),
    )


def live_documents(searcher: Searcher, allowed: Iterable[int] | None = None) -> list[tuple[IndexReader, np.ndarray]]:
    """Every live document of each segment (only those in `allowed`, global numbers, when given)."""
    wanted = None if allowed is None else np.unique(np.fromiter(allowed, dtype=np.int64))
    found: list[tuple[IndexReader, np.ndarray]] = []
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        count = reader.doc_count_all()
        if wanted is None:
            local = np.arange(count, dtype=np.int64)
        else:
            inside = wanted[(wanted >= offset) & (wanted < offset + count)]
            local = inside - offset
        if reader.has_deletions():
            local = local[~np.isin(local, _deleted(reader), assume_unique=True)]
        found.append((reader, local))
    return found


def by_segment(searcher: Searcher, docnums: Iterable[int]) -> list[tuple[IndexReader, np.ndarray]]:
    """Global document numbers (live ones, e.g. what a Whoosh search matched) split by segment."""
    ids = np.unique(np.fromiter(docnums, dtype=np.int64))
    found: list[tuple[IndexReader, np.ndarray]] = []
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        inside = ids[(ids >= offset) & (ids < offset + reader.doc_count_all())]
        found.append((reader, inside - offset))
    return found


def _named(parts: list[np.ndarray], names: list[str], skip: int | None = None) -> dict[str, int]:
    if not parts:
        return {}
    counts = np.bincount(np.concatenate(parts), minlength=len(names))
    if skip is not None:
        counts[skip] = 0
    return {names[i]: int(counts[i]) for i in np.flatnonzero(counts)}


def _years(parts: list[np.ndarray]) -> dict[int, int]:
    if not parts:
        return {}
    years, counts = np.unique(np.concatenate(parts), return_counts=True)
    return {int(y): int(n) for y, n in zip(years, counts, strict=True) if y != NO_YEAR}


def _numbering(searcher: Searcher) -> _Names:
    top = searcher.reader()
    with _lock:
        found = _names.get(top)
    if found is not None:
        return found
    sources: dict[str, int] = {"": 0}
    entities: dict[str, int] = {}
    source_map: dict[int, np.ndarray] = {}
    entity_map: dict[int, np.ndarray] = {}
    for sub, _offset in searcher.leaf_searchers():
        reader = sub.reader()
        segment = _segment(reader)
        source_map[id(reader)] = np.array(
            [sources.setdefault(name, len(sources)) for name in segment.source_names], dtype=np.int64
        )
        entity_map[id(reader)] = np.array(
            [entities.setdefault(name, len(entities)) for name in segment.entity_names], dtype=np.int64
        )
    found = _Names(list(sources), list(entities), source_map, entity_map)
    with _lock:
        _names[top] = found
    return found


def _segment(reader: IndexReader) -> _Segment:
    with _lock:
        found = _segments.get(reader)
    if found is None:
        count = reader.doc_count_all()
        source, source_names = _source_column(reader, count)
        entity_doc, entity_key, entity_names = _entity_pairs(reader)
        found = _Segment(source, source_names, _year_column(reader), entity_doc, entity_key, entity_names)
        with _lock:
            _segments[reader] = found
    return found


def _source_column(reader: IndexReader, count: int) -> tuple[np.ndarray, list[str]]:
    """The `source` column as numbers into a list of names; name 0 is the empty value (no source)."""
    numbers: dict[bytes, int] = {b"": 0}
    codes = np.zeros(count, dtype=np.int32)
    if reader.has_column(f.SOURCE):
        for docnum, value in enumerate(_column_values(reader.column_reader(f.SOURCE, translate=False), count)):
            if value:
                codes[docnum] = numbers.setdefault(value.strip(), len(numbers))
    return codes, [_source_name(value) for value in numbers]


def _column_values(column: Any, count: int) -> Iterable[bytes]:
    """A variable-length bytes column's values, read in one go when it is Whoosh's plain reader."""
    lengths = getattr(column, "_lengths", None)
    dbfile = getattr(column, "_dbfile", None)
    if lengths is None or dbfile is None or len(lengths) < count:
        return (column[docnum] for docnum in range(count))
    sizes = np.asarray(lengths[:count], dtype=np.int64)
    ends = np.cumsum(sizes)
    data = bytes(dbfile.get(column._basepos, int(ends[-1]))) if count and ends[-1] else b""
    starts = (ends - sizes).tolist()
    return (data[start:end] for start, end in zip(starts, ends.tolist(), strict=True))


def _year_column(reader: IndexReader) -> np.ndarray:
    return _years_of(_date_keys(reader))


def _years_of(keys: np.ndarray) -> np.ndarray:
    """Years of `published` column values (microseconds since 0001-01-01, -1 when undated)."""
    dated = keys >= 0
    days = np.where(dated, keys // _MICROSECONDS_A_DAY, 0)
    years = (_YEAR_ONE + days.astype("timedelta64[D]")).astype("datetime64[Y]").astype(np.int64) + 1970
    return np.where(dated, years, NO_YEAR).astype(np.int32)


def _entity_pairs(reader: IndexReader) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(document, key number) for every entity key each document holds, from the field's postings."""
    names: list[str] = []
    docs: list[np.ndarray] = []
    keys: list[np.ndarray] = []
    if f.ENTITY in reader.schema:
        for text in reader.lexicon(f.ENTITY):
            ids = _postings(reader, f.ENTITY, text)[0]
            if len(ids):
                docs.append(ids.astype(np.int32))
                keys.append(np.full(len(ids), len(names), dtype=np.int32))
                names.append(text.decode("utf-8", "replace"))
    if not docs:
        return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.int32), names
    return np.concatenate(docs), np.concatenate(keys), names
