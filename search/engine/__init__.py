"""The engine room: everything that reaches into Whoosh's internals (codec, matching, writing, filedb).

This package is the door: the rest of `search/` imports only the names below, never its submodules,
and speaks Whoosh's public query, schema and searcher API for everything else. Behind it:
- ranking a parsed query from the postings as arrays (`rank`, `supported`: exactly Whoosh's BM25F
  scores and order), or newest segments first under a time budget (`search_newest_first`);
- facet counts over every match from per-segment arrays (`facet_counts`, see `search.engine.columns`);
- writing segments in bulk (`BulkSegmentWriter`), in worker processes (`build_in_parallel`, handed
  a picklable files -> documents function), and merging them (`merge_to_one_segment`);
- the two patches to Whoosh, applied here, once, when this package is first imported (worker processes
  import it too, through `search.engine.parallel`).
A different engine (a search server behind the same query language) would replace this package.
"""

from __future__ import annotations

from search.engine import whoosh_fixes


def apply_patches() -> None:
    """Patch Whoosh (see `search.engine.whoosh_fixes`); idempotent."""
    whoosh_fixes.apply()


apply_patches()

# The door (imported after the patches are in place).
from search.engine.blocks import values_for_documents  # noqa: E402
from search.engine.budget import Budgeted, facets_view, search_newest_first  # noqa: E402
from search.engine.columns import FacetCounts, Matched, by_segment, facet_counts, live_documents  # noqa: E402
from search.engine.fastpath import (  # noqa: E402
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
from search.engine.matchers import docnum_matcher  # noqa: E402
from search.engine.merge import clean_unused_files, merge_to_one_segment, needs_merge, segment_count  # noqa: E402
from search.engine.parallel import (  # noqa: E402
    ChunkResult,
    IndexedDoc,
    ReadDocument,
    ReadFiles,
    build_in_parallel,
    chunked,
    remove_worker_leftovers,
)
from search.engine.segment_writer import BulkSegmentWriter  # noqa: E402
from search.engine.termcache import doc_frequency  # noqa: E402

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
