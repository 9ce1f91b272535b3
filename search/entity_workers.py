"""Entity extraction for the index, on both cores when there is enough to do.

spaCy's small model reaches ~9,000 words/s on one core here and ~16,000 with two worker processes
(measured on 300 BBC articles, model load included), so large batches are split across a pool of
"spawn" processes, each loading the model once. Small batches (the seeds, a few new files) stay in
this process: starting workers would cost more than it saves.
"""

from __future__ import annotations

from collections.abc import Sequence
from multiprocessing.pool import Pool
from pathlib import Path
from typing import Any

from corpus.model import Article, Entity
from search.errors import SearchError
from search.spawning import WORKERS, spawn_context

MIN_PARALLEL_BATCH = 40

_worker_aliases: Any = None


def _init_worker(aliases: Any) -> None:
    global _worker_aliases
    _worker_aliases = aliases


def _extract_in_worker(articles: Sequence[Article]) -> list[tuple[Entity, ...]]:
    from corpus.entities import extract_entities

    return extract_entities(articles, aliases=_worker_aliases)


def _with_quotes(article: Article) -> Article:
    """Quotes are found with the entities: their speakers are the article's entities."""
    from corpus.quotes import extract_quotes  # its patterns compile at import: not before the first paint

    return article.with_(quotes=extract_quotes(article))


class EntityWorkers:
    """Callable as `extract(articles) -> articles with entities`; `close()` stops the worker processes."""

    def __init__(self, aliases_file: Path | None, *, procs: int | None = None) -> None:
        self.aliases_file = aliases_file
        self.procs = procs if procs is not None else WORKERS
        self._aliases: Any = None
        self._pool: Pool | None = None

    def _load_aliases(self) -> Any:
        """Read the user's alias file here, once: a malformed one is a plain error, never a worker crash."""
        if self._aliases is None:
            from corpus.entities import load_aliases

            try:
                self._aliases = load_aliases(self.aliases_file)
            except ValueError as exc:
                raise SearchError(str(exc)) from exc
        return self._aliases

    def __call__(self, articles: Sequence[Article]) -> list[Article]:
        aliases = self._load_aliases()
        if self.procs < 2 or len(articles) < MIN_PARALLEL_BATCH:
            from corpus.entities import extract_entities

            found = extract_entities(articles, aliases=aliases)
        else:
            if self._pool is None:
                self._pool = spawn_context().Pool(self.procs, initializer=_init_worker, initargs=(aliases,))
            size = -(-len(articles) // self.procs)
            parts = [list(articles[i : i + size]) for i in range(0, len(articles), size)]
            found = [entities for part in self._pool.map(_extract_in_worker, parts) for entities in part]
        return [_with_quotes(a.with_(entities=e)) for a, e in zip(articles, found, strict=True)]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
