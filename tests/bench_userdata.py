"""Figures for the user's data in queries at a modest scale: prints times, asserts nothing.

    python tests/bench_userdata.py [--articles 10000] [--work DIR]

Builds (or reuses) a synthetic library, marks half its articles read and tags a tenth, then times the
id map, `is:unread` alone and with words, `tag:`, an OR with a tag, unread counts, source counts and a
saved search's new count.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from search.library import Library
from search.saved import add_saved, saved_status
from tests.bench import synthetic


def best_ms(action: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--work", type=Path)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-userdata-"))
    corpus = work / "corpus"
    if not corpus.exists():
        synthetic(args.articles, corpus)
    library = Library(work / "data", [corpus])
    if library.needs_sync():
        library.sync(entities=False)
    ids = [row.id for row in library.list_articles()]
    library.userdata.set_read(ids[::2])
    for article_id in ids[::10]:
        library.userdata.set_tags(article_id, ["watch"])
    print(f"articles {library.count():,}; read {len(ids[::2]):,}; tagged {len(ids[::10]):,}")
    library.refresh()
    started = time.perf_counter()
    library.unread_count()
    print(f"id map, first use       {(time.perf_counter() - started) * 1000:8.1f} ms")
    for text in ("is:unread", "is:unread japan", "japan", "tag:watch", "tag:watch OR alliance", "alliance NOT is:read"):
        result = library.search(text, limit=20, facets=False, snippets=False)
        ms = best_ms(lambda t=text: library.search(t, limit=20, facets=False, snippets=False))
        print(f"search {text!r:28} {ms:8.1f} ms  ({result.total:,} found)")
    print(f"unread count             {best_ms(library.unread_count):8.1f} ms")
    print(f"source counts            {best_ms(library.source_counts):8.1f} ms")
    add_saved(library, "bench", "alliance")
    print(f"saved search status      {best_ms(lambda: saved_status(library)):8.1f} ms")
    print(f"mark one read (save)     {best_ms(lambda: library.userdata.set_read([ids[1]])):8.1f} ms")
    library.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
