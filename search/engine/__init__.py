"""The engine room: everything that reaches into Whoosh's internals (codec, matching, writing, filedb).

The rest of `search/` speaks Whoosh's public query and schema API and comes here for what needs more:
ranking a parsed query, writing and merging segments, building segments in worker processes. The two
patches to Whoosh are applied here, once, when this package is first imported (worker processes import
it too, through `search.engine.parallel`).
"""

from __future__ import annotations

from search.engine import whoosh_fixes


def apply_patches() -> None:
    """Patch Whoosh (see `search.engine.whoosh_fixes`); idempotent."""
    whoosh_fixes.apply()


apply_patches()
