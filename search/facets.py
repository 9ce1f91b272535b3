"""Facet counts for a result set (source, year, people, organisations, places), from index columns.

Counted from the engine's per-segment arrays over every match (`from_counts`); the newest-first slices
of a time-budgeted search still group their hits in Whoosh (`groupedby=`, `read_facets`). Either way no
stored article is loaded. Entity keys keep their type prefix ("person:…"), so a facet value can be
passed straight to `Library.articles_with_entity`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from whoosh import sorting
from whoosh.util.times import long_to_datetime

from corpus.model import EntityType
from search import fields as f

if TYPE_CHECKING:
    from search.engine import FacetCounts

FACET_LIMIT = 10
_MISSING_DATE = 2**64 - 1  # what the `published` column holds for an article without a date
Facets = dict[str, tuple[tuple[str, int], ...]]


def facet_groups() -> dict[str, sorting.FacetType]:
    return {
        f.SOURCE: sorting.FieldFacet(f.SOURCE),
        f.YEAR: YearFacet(),
        f.ENTITY: sorting.FieldFacet(f.ENTITY, allow_overlap=True),
    }


class YearFacet(sorting.FacetType):
    """Groups by the year in the `published` column; articles without a date fall out."""

    def categorizer(self, global_searcher: Any) -> sorting.Categorizer:
        return _YearCategorizer(global_searcher, f.PUBLISHED)


class _YearCategorizer(sorting.ColumnCategorizer):
    def key_to_name(self, key: Any) -> int | None:
        try:
            return long_to_datetime(key).year
        except (OverflowError, ValueError, TypeError):
            return None  # the column's filler value for articles without a date


def newest_first() -> sorting.FacetType:
    """Sort key for "newest first" with undated articles last (their column value is the maximum)."""
    return sorting.TranslateFacet(_undated_lowest, sorting.FieldFacet(f.PUBLISHED))


def _undated_lowest(key: Any) -> Any:
    return -1 if key == _MISSING_DATE else key


def read_facets(results: Any) -> Facets:
    """Counts per facet, biggest first (years newest first), at most FACET_LIMIT values each."""
    facets: Facets = {}
    sources = Counter({_text(k): n for k, n in _counts(results, f.SOURCE).items() if _text(k)})
    facets["source"] = _top(sources)
    years: Counter[str] = Counter()
    for key, n in _counts(results, f.YEAR).items():
        if isinstance(key, int) and key > 1:
            years[str(key)] += n
    facets["year"] = tuple(sorted(years.items(), reverse=True))
    facets.update(_by_type((_text(key), n) for key, n in _counts(results, f.ENTITY).items()))
    return facets


def from_counts(counts: FacetCounts) -> Facets:
    """The same facets as `read_facets`, from the engine's counts over every match."""
    facets: Facets = {}
    facets["source"] = _top(Counter({name: n for name, n in counts.sources.items() if name}))
    facets["year"] = tuple(sorted(((str(year), n) for year, n in counts.years.items() if year > 1), reverse=True))
    facets.update(_by_type(counts.entities.items()))
    return facets


def _by_type(counts: Iterable[tuple[str, int]]) -> Facets:
    """Entity keys ("person:…") split into one facet per entity type, biggest first."""
    by_type: dict[str, Counter[str]] = {t.value: Counter() for t in EntityType}
    for key, n in counts:
        kind = key.split(":", 1)[0]
        if kind in by_type:
            by_type[kind][key] += n
    return {kind: _top(counter) for kind, counter in by_type.items()}


def _counts(results: Any, name: str) -> Mapping[Any, int]:
    try:
        groups = results.groups(name)
    except KeyError:
        return {}
    return {key: (value if isinstance(value, int) else len(value)) for key, value in groups.items()}


def _text(key: object) -> str:
    if isinstance(key, bytes):
        return key.decode("utf-8", "replace")
    return "" if key is None else str(key)


def _top(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:FACET_LIMIT])
