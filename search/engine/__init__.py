"""The engine room: everything that reaches into Whoosh's internals (codec, matching, writing, filedb).

This package is the door: the rest of `search/` imports only the names below, never its submodules,
and speaks Whoosh's public query, schema and searcher API for everything else. Behind it:
- ranking a parsed query from the postings as arrays (`rank`, `supported`: exactly Whoosh's BM25F
  scores and order), or newest segments first under a time budget (`search_newest_first`);
- the first rows of the newest-first list without numpy (`newest_page`), for the app's first paint;
- facet counts over every match from per-segment arrays (`facet_counts`, see `search.engine.columns`);
- writing segments in bulk (`BulkSegmentWriter`), in worker processes (`build_in_parallel`, handed
  a picklable files -> documents function), and merging them (`merge_to_one_segment`);
- the two patches to Whoosh, applied here, once, when this package is first imported (worker processes
  import it too, through `search.engine.parallel`).
A different engine (a search server behind the same query language) would replace this package.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from search.engine import whoosh_fixes


def apply_patches() -> None:
    """Patch Whoosh (see `search.engine.whoosh_fixes`); idempotent."""
    whoosh_fixes.apply()


apply_patches()

# The door. Each name's module is imported when the name is first asked for (PEP 562), not with this
# package: opening an index and listing it need only the patches above, and the ranking, column and
# writing modules bring numpy (~80-120 ms of a ~0.85 s start of the app) and multiprocessing.
_DOOR = {
    "values_for_documents": "blocks",
    "Budgeted": "budget",
    "facets_view": "budget",
    "search_newest_first": "budget",
    "FacetCounts": "columns",
    "Matched": "columns",
    "by_segment": "columns",
    "facet_counts": "columns",
    "live_documents": "columns",
    "Positions": "fastpath",
    "Ranked": "fastpath",
    "dated_between": "fastpath",
    "newest_first": "fastpath",
    "rank": "fastpath",
    "ranks": "fastpath",
    "segment_postings": "fastpath",
    "supported": "fastpath",
    "supports_weighting": "fastpath",
    "docnum_matcher": "matchers",
    "newest_page": "newest",
    "clean_unused_files": "merge",
    "merge_to_one_segment": "merge",
    "needs_merge": "merge",
    "segment_count": "merge",
    "ChunkResult": "parallel",
    "IndexedDoc": "parallel",
    "ReadDocument": "parallel",
    "ReadFiles": "parallel",
    "build_in_parallel": "parallel",
    "chunked": "parallel",
    "remove_worker_leftovers": "parallel",
    "BulkSegmentWriter": "segment_writer",
    "doc_frequency": "termcache",
}


def __getattr__(name: str) -> Any:
    module = _DOOR.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # asked once: later lookups are plain module attributes
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_DOOR])


if TYPE_CHECKING:  # the same names, for type checkers and readers
    from search.engine.blocks import values_for_documents
    from search.engine.budget import Budgeted, facets_view, search_newest_first
    from search.engine.columns import FacetCounts, Matched, by_segment, facet_counts, live_documents
    from search.engine.fastpath import (
        Positions,
        Ranked,
        dated_between,
        newest_first,
        rank,
        ranks,
        segment_postings,
        supported,
        supports_weighting,
    )
    from search.engine.matchers import docnum_matcher
    from search.engine.merge import clean_unused_files, merge_to_one_segment, needs_merge, segment_count
    from search.engine.newest import newest_page
    from search.engine.parallel import (
        ChunkResult,
        IndexedDoc,
        ReadDocument,
        ReadFiles,
        build_in_parallel,
        chunked,
        remove_worker_leftovers,
    )
    from search.engine.segment_writer import BulkSegmentWriter
    from search.engine.termcache import doc_frequency

__all__ = [
    "Budgeted",
    "BulkSegmentWriter",
    "ChunkResult",
    "FacetCounts",
    "IndexedDoc",
    "Matched",
    "Positions",
    "Ranked",
    "ReadDocument",
    "ReadFiles",
    "apply_patches",
    "build_in_parallel",
    "by_segment",
    "chunked",
    "clean_unused_files",
    "dated_between",
    "doc_frequency",
    "docnum_matcher",
    "facet_counts",
    "facets_view",
    "live_documents",
    "merge_to_one_segment",
    "needs_merge",
    "newest_first",
    "newest_page",
    "rank",
    "ranks",
    "remove_worker_leftovers",
    "search_newest_first",
    "segment_count",
    "segment_postings",
    "supported",
    "supports_weighting",
    "values_for_documents",
]
