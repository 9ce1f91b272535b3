"""Building and updating the Whoosh index from source files, safely.

A full build goes into `index.building/` and is swapped in only when complete, committing in chunks
so an interrupted build resumes where it stopped while the previous index still opens. Updates are
incremental: each document carries `file_key` (identity + mtime + size), so finding what changed
reads only the index's term list, never the stored articles.

Text first, entities after: `sync` indexes text only (documents marked `ner: pending`), so search works
minutes before entity extraction (~13 articles/s per core) could finish; `enrich` then rewrites the
pending documents with their entities, a chunk per commit, newest articles first, resumable.
Large updates are read and indexed on every core (`search.engine.parallel`), then merged into one segment.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import fcntl
import functools
import json
import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from whoosh import index as whoosh_index
from whoosh.index import FileIndex, LockError
from whoosh.query import Term

from corpus.errors import Problem
from corpus.model import Article
from search import fields as f
from search.atomic import take_lock, write_atomically
from search.documents import (
    DOCUMENT_VERSION,
    NER_DONE,
    NER_PENDING,
    documents_from_files,
    enriched_document,
    file_key,
    index_schema,
    source_document,
    stored_article,
)
from search.engine import apply_patches  # noqa: F401  # the Whoosh patches, before any index opens
from search.entity_registry import EntityRegistry
from search.errors import (
    INDEX_DAMAGE,
    REPAIR_COMMAND,
    IndexBusyError,
    IndexUnavailableError,
    SearchError,
    damage_name,
    damaged_index,
)
from search.results import SyncProgress, SyncReport
from search.schema import SCHEMA_VERSION
from search.spawning import WORKERS

if TYPE_CHECKING:
    from corpus.ingest import SourceFile
    from search.engine import ChunkResult, IndexedDoc

P = ParamSpec("P")
R = TypeVar("R")
ProgressCallback = Callable[[SyncProgress], None]
EntityExtractor = Callable[[Sequence[Article]], list[Article]]

# Files per commit. A killed build loses at most one chunk per worker.
CHUNK_FILES = 1000
# A bulk build on several cores writes this many segments per worker and keeps them: merging them
# into one is single-core, pure-Python work that took 45% of a 47k-article build, and a handful of
# segments searches about as fast as one (measured with tests/bench.py; see issue #5's note).
SEGMENTS_PER_WORKER = 2
# A worker holds its chunk's postings in memory until the segment is written (~15 KB an article, plus
# ~9 KB while writing). Larger builds use more chunks (so more segments, in pairs so both workers end
# together) rather than more memory, up to MAX_SEGMENTS; only past 8 x 12,500 files do chunks grow.
MAX_CHUNK_FILES = 12_500
# Large indexes are only merged once they hold more segments than this.
MAX_SEGMENTS = 8
# Articles per entity-extraction commit: ~10 s of spaCy on news articles, so little is redone after a kill.
ENRICH_BATCH = 100
PROCS = WORKERS
LOCK_WAIT_SECONDS = 5.0


def _chunk_size(files: int) -> int:
    """Files per worker chunk (each becomes one kept segment) for a bulk build of `files`."""
    size = -(-files // (PROCS * SEGMENTS_PER_WORKER))
    if size > MAX_CHUNK_FILES:
        chunks = min(MAX_SEGMENTS, PROCS * -(-files // (PROCS * MAX_CHUNK_FILES)))
        size = -(-files // chunks)
    return max(CHUNK_FILES, size)


@dataclass(frozen=True, slots=True)
class _Plan:
    new: list[SourceFile]
    changed: list[SourceFile]
    removed: list[str]
    unchanged: int


class IndexStore:
    """One library's index folder: `index/`, `index.building/`, `meta.json`, `entities.json`."""

    # How long an update waits for another process's, and what to call when it starts waiting.
    lock_wait: float = LOCK_WAIT_SECONDS
    on_lock_wait: Callable[[], None] | None = None

    def __init__(self, root: Path) -> None:
        self.root = root
        self.index_dir = root / "index"
        self.building_dir = root / "index.building"
        self._old_dir = root / "index.old"
        self._damage_marker = root / "index.damaged"

    # -- opening ------------------------------------------------------------------------------
    def exists(self) -> bool:
        self._recover_interrupted_swap()
        return _has_index(self.index_dir)

    def _readable_dir(self) -> Path:
        """`index/`, or `index.old/` in the instant another process is swapping a rebuilt index in."""
        if not self.exists() and _has_index(self._old_dir):
            return self._old_dir
        return self.index_dir

    def schema_version(self, folder: Path | None = None) -> int | None:
        meta = _read_json((folder or self.index_dir) / "meta.json")
        return meta.get("schema_version") if isinstance(meta, dict) else None

    def open(self) -> FileIndex:
        """The current index; raises IndexUnavailableError with a plain message when it is damaged."""
        folder = self._readable_dir()
        if not _has_index(folder):
            raise IndexUnavailableError("the library has no index yet: run `alliance-reader index`")
        try:
            ix = whoosh_index.open_dir(str(folder))
            ix.doc_count()
        except Exception as exc:
            raise damaged_index(exc) from exc
        return ix

    def generation(self) -> tuple[int, int] | None:
        """Changes whenever a commit or a swapped-in rebuild changes the index: the index folder's inode
        and its newest table-of-contents number. Costs one folder listing, so a UI can poll it."""
        try:
            folder = self.index_dir.stat().st_ino
            tocs = [entry.name for entry in os.scandir(self.index_dir) if entry.name.endswith(".toc")]
        except OSError:
            return None
        numbers = [int(n.rsplit("_", 1)[-1][:-4]) for n in tocs if n.rsplit("_", 1)[-1][:-4].isdigit()]
        return (folder, max(numbers, default=0))

    def registry(self) -> EntityRegistry:
        """The entity registry, rebuilt from the index first when it is missing or damaged."""
        registry = EntityRegistry.load(self.index_dir / "entities.json")
        if registry.health and self._repair_registry(registry.health, []):
            registry = EntityRegistry.load(self.index_dir / "entities.json")
        return registry

    def _repair_registry(self, health: str | None, problems: list[Problem]) -> bool:
        """Rebuild `entities.json` from the articles' stored entities (the index is the record of what
        was found) when it is missing or damaged; returns whether it did."""
        path = self.index_dir / "entities.json"
        if health is None or not self.is_current():
            return False
        try:
            with self._lock():
                registry = EntityRegistry()
                with self.open().searcher() as searcher:
                    done = list(searcher.docs_for_query(Term(f.NER, NER_DONE)))
                    if health == "missing" and not done:
                        return False  # no entities found yet: nothing was lost
                    for docnum in done:
                        registry.add(stored_article(searcher.stored_fields(docnum)))
                registry.save(path)
        except (OSError, IndexBusyError) as exc:
            raise IndexUnavailableError(f"the entity list is {health} and cannot be rebuilt now ({exc}): run "
                                        f"`{REPAIR_COMMAND}`") from exc
        problems.append(Problem(str(path), f"the entity list was {health}; rebuilt it from {len(done):,} "
                                           "indexed article(s)"))
        return True

    def is_current(self) -> bool:
        return self.exists() and self._format_is_current(self.index_dir)

    def _format_is_current(self, folder: Path) -> bool:
        meta = _read_json(folder / "meta.json")
        return (
            isinstance(meta, dict)
            and meta.get("schema_version") == SCHEMA_VERSION
            and meta.get("document_version") == DOCUMENT_VERSION
        )

    def pending_entities(self) -> int:
        """How many indexed articles still wait for entity extraction (0 when there is no index)."""
        if not self.is_current():
            return 0
        ix = self.open()
        with ix.searcher() as searcher:
            return sum(1 for _ in searcher.docs_for_query(Term(f.NER, NER_PENDING)))

    # -- updating -----------------------------------------------------------------------------
    def sync(
        self,
        sources: Sequence[Path] | None,
        *,
        extra: Sequence[Path] | Callable[[], Sequence[Path]] = (),
        rebuild: bool = False,
        extract: EntityExtractor | None = None,
        progress: ProgressCallback | None = None,
    ) -> SyncReport:
        """Bring the index's text in line with the sources (plus `extra` ones, read under the lock when
        given as a function, so a source another process has just added is never taken for removed);
        safe to interrupt at any point. With `extract`, entities are found afterwards (`enrich`);
        without, documents stay pending.

        Repairs what it finds damaged: an unreadable index part makes it rebuild the index, a damaged
        or missing entity registry is rebuilt from the index; both are reported as problems. A full
        disk during a fresh build removes the half-written build, so the space comes back."""
        try:
            report = self._sync(sources, extra, rebuild, extract, progress)
        except (SearchError, OSError) as exc:  # SearchError first: ArticleNotFoundError is a KeyError
            if not _disk_full(exc):
                raise
            with self._lock():
                partial = self.building_dir.exists()
                shutil.rmtree(self.building_dir, ignore_errors=True)
            message = str(exc) if isinstance(exc, SearchError) else f"the disk is full ({exc.strerror or exc})"
            if partial:
                message += "; the half-written build was removed to free its space"
            raise IndexUnavailableError(message) from exc
        except INDEX_DAMAGE as exc:
            if rebuild:
                raise damaged_index(exc) from exc
            self.mark_damaged(exc)
            report = self._sync(sources, extra, False, extract, progress)
        if report.reason.startswith("the index was damaged"):
            damage = Problem(str(self.index_dir), f"{report.reason}; rebuilt it from the sources")
            return dataclasses.replace(report, problems=(damage, *report.problems))
        return report

    def _sync(
        self,
        sources: Sequence[Path] | None,
        extra: Sequence[Path] | Callable[[], Sequence[Path]],
        rebuild: bool,
        extract: EntityExtractor | None,
        progress: ProgressCallback | None,
    ) -> SyncReport:
        from search.engine import segment_count  # engine modules load on first use: not to open and list

        report = _progress(progress)
        with self._lock():
            self._recover_interrupted_swap(locked=True)
            report(SyncProgress("scanning sources", 0, 0))
            files, problems = _discover_all(sources, extra() if callable(extra) else extra)
            reason = self._rebuild_reason(rebuild)
            target = self.building_dir if reason else self.index_dir
            if reason and not self._can_resume(rebuild):
                shutil.rmtree(self.building_dir, ignore_errors=True)
            ix = self._open_or_create(target)
            plan = _plan(ix, files)
            # A removed or changed original may leave a known copy as the only one: read them all again.
            duplicates = set() if plan.removed or plan.changed else _read_duplicates(target)
            plan = _skip_known_copies(plan, duplicates)
            counts, found_duplicates = self._apply(ix, plan, problems, target / "entities.json", report)
            current = {_file_key(source) for source in files}
            _write_duplicates(target, (duplicates & current) | found_duplicates)
            if reason:
                # Swapped in before any merge, so the text is searchable as soon as it is indexed. A
                # merge killed half-way is redone by the next sync.
                self._write_meta(target, len(files))
                self._swap_in_building()
                self._optimize(whoosh_index.open_dir(str(self.index_dir)), report)
            elif plan.new or plan.changed or plan.removed or segment_count(ix) > MAX_SEGMENTS:
                self._optimize(ix, report)
        if not reason:
            self._repair_registry(EntityRegistry.quick_health(self.index_dir / "entities.json"), problems)
        if extract is not None:
            self.enrich(extract, progress=progress, problems=problems)
        report(SyncProgress("done", 1, 1))
        return SyncReport(
            added=counts[0],
            updated=counts[1],
            removed=len(plan.removed),
            unchanged=plan.unchanged,
            rebuilt=bool(reason),
            problems=tuple(problems),
            reason=reason,
        )

    def mark_damaged(self, exc: BaseException) -> None:
        """Remember that reading the index failed, so the next sync rebuilds it (a sync reads only the
        term list, not every stored article, and would not notice on its own)."""
        with contextlib.suppress(OSError):
            _write_json(self._damage_marker, {"error": damage_name(exc)})

    def _rebuild_reason(self, forced: bool) -> str:
        if forced:
            return "rebuild requested"
        damage = _read_json(self._damage_marker)
        if damage is not None:
            return f"the index was damaged ({damage.get('error') if isinstance(damage, dict) else 'unreadable'})"
        if not self.exists():
            return "first build" if not self.index_dir.exists() else "the index was missing or incomplete"
        if not self._format_is_current(self.index_dir):
            return "the index format changed"
        try:
            self.open()
        except IndexUnavailableError as exc:
            return f"the index was damaged ({damage_name(exc.__cause__)})" if exc.__cause__ else str(exc)
        return ""

    def _can_resume(self, forced: bool) -> bool:
        """A build left half-done by a killed process is continued, unless the user asked for fresh."""
        if forced and not _read_json(self.building_dir / "meta.json"):
            return False
        return (
            self.building_dir.is_dir()
            and _has_index(self.building_dir)
            and self._format_is_current(self.building_dir)
        )

    def _open_or_create(self, folder: Path) -> FileIndex:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if _has_index(folder):
                try:
                    return whoosh_index.open_dir(str(folder))
                except Exception:
                    if folder != self.building_dir:
                        raise
                    shutil.rmtree(folder)  # a damaged half-build is cheaper to redo than to trust
                    folder.mkdir(parents=True)
            ix = whoosh_index.create_in(str(folder), index_schema())
            _write_json(folder / "meta.json", self._meta(complete=False))
            return ix
        except OSError as exc:
            raise IndexUnavailableError(f"cannot write the index in {folder}: {exc.strerror or exc}") from exc

    def _apply(
        self,
        ix: FileIndex,
        plan: _Plan,
        problems: list[Problem],
        registry_path: Path,
        report: ProgressCallback,
    ) -> tuple[tuple[int, int], set[str]]:
        """Delete what went away or changed, then add what is new or changed; returns (added, updated)
        and the keys of files read without a problem that held only copies of articles already indexed.

        New text carries no entities, so the entity registry is only read when something is deleted."""
        from search.engine import build_in_parallel, chunked

        with ix.searcher() as searcher:
            known_hashes = {t.decode() for t in searcher.lexicon(f.CONTENT_HASH)}
        if plan.removed or plan.changed:
            registry = EntityRegistry.load(registry_path)
            with self._writer(ix) as writer, ix.searcher() as searcher:
                for identity in [*plan.removed, *(s.identity for s in plan.changed)]:
                    for stored in searcher.documents(**{f.FILE_ID: identity}):
                        registry.forget(stored["id"])
                        known_hashes.discard(stored[f.CONTENT_HASH])
                    writer.delete_by_term(f.FILE_ID, identity)
                registry.flush(registry_path)  # before the commit: a replayed forget is harmless
            registry.compact(registry_path)
        todo = [*plan.changed, *plan.new]
        changed_ids = {s.identity for s in plan.changed}
        counts = [0, 0]
        indexed: set[str] = set()

        def count(source_identity: str) -> None:
            counts[source_identity not in changed_ids] += 1
            indexed.add(source_identity)

        def duplicates_only() -> set[str]:
            bad = {problem.origin for problem in problems}
            return {_file_key(s) for s in todo if s.identity not in indexed and s.origin not in bad}

        if len(todo) > CHUNK_FILES and PROCS > 1:

            def on_chunk(result: ChunkResult, kept: list[IndexedDoc]) -> None:
                problems.extend(result.problems)
                for doc in kept:
                    count(doc.source_identity)

            def on_progress(files_read: int) -> None:
                report(SyncProgress("indexing", min(files_read, len(todo)), len(todo)))

            report(SyncProgress("indexing", 0, len(todo)))
            size = _chunk_size(len(todo))
            build_in_parallel(ix, chunked(todo, size), procs=PROCS, known_hashes=known_hashes,
                              read_files=documents_from_files, on_chunk=on_chunk, on_progress=on_progress,
                              lock_wait=LOCK_WAIT_SECONDS)
            report(SyncProgress("indexing", len(todo), len(todo)))
            return (counts[1], counts[0]), duplicates_only()
        for start in range(0, len(todo), CHUNK_FILES):
            chunk = todo[start : start + CHUNK_FILES]
            report(SyncProgress("reading", start, len(todo)))
            batch = list(_new_articles(chunk, known_hashes, problems))
            documents = [source_document(article, source) for source, article in batch]  # step by step: see parallel
            report(SyncProgress("indexing", start, len(todo)))
            with self._writer(ix) as writer:
                for (source, _article), document in zip(batch, documents, strict=True):
                    writer.add_document(**document)
                    count(source.identity)
            report(SyncProgress("indexing", start + len(chunk), len(todo)))
        return (counts[1], counts[0]), duplicates_only()

    # -- entities -----------------------------------------------------------------------------
    def enrich(
        self,
        extract: EntityExtractor,
        *,
        progress: ProgressCallback | None = None,
        batch: int | None = None,
        limit: int | None = None,
        problems: list[Problem] | None = None,
    ) -> int:
        """Find entities for articles indexed without them, newest first; returns how many were done.

        Each batch is one commit under the library lock, taken per batch so another process can sync
        in between; killed mid-way, the next call carries on with what is still pending. An article
        the extractor fails on is marked done without entities and reported in `problems`; the
        others keep theirs.
        """
        problems = [] if problems is None else problems
        report = _progress(progress)
        batch = batch or ENRICH_BATCH
        if not self.is_current():
            return 0
        total = self.pending_entities()
        if limit is not None:
            total = min(total, limit)
        done = 0
        registry_path = self.index_dir / "entities.json"
        registry = EntityRegistry.load(registry_path)
        seen = registry.file_state(registry_path)
        report(SyncProgress("finding entities", 0, total))
        while done < total:
            with self._lock():
                ix = self.open()
                with ix.searcher() as searcher:
                    hits = searcher.search(Term(f.NER, NER_PENDING), limit=min(batch, total - done),
                                           sortedby=f.PUBLISHED, reverse=True)
                    stored = [hit.fields() for hit in hits]
                if not stored:
                    break
                articles = [stored_article(s) for s in stored]
                enriched = _extract_each(extract, articles, problems)
                if registry.file_state(registry_path) != seen:  # another process synced in between
                    registry = EntityRegistry.load(registry_path)
                for article in enriched:
                    registry.add(article)
                registry.flush(registry_path)  # before the commit: a replayed journal line is harmless
                seen = registry.file_state(registry_path)
                with self._writer(ix) as writer:
                    for fields, article in zip(stored, enriched, strict=True):
                        writer.update_document(**enriched_document(fields, article))
            done += len(stored)
            report(SyncProgress("finding entities", done, total))
        if done:
            with self._lock():
                self._optimize(self.open(), report)
                if registry.file_state(registry_path) != seen:
                    registry = EntityRegistry.load(registry_path)
                registry.save(registry_path)
        return done

    def _optimize(self, ix: FileIndex, report: ProgressCallback) -> None:
        """Few segments: many small ones slow searches (11 segments made a fuzzy query take 7 s in
        Whoosh's own search and highlighter). Up to MAX_SEGMENTS are kept whatever the size: words and
        phrases are ranked per segment with arrays (fastpath.py), and merging costs ~2-5 ms an article
        on one core (11 s for the 2,124 BBC articles, 105 s for 47k), more than it saves. Whoosh's own
        commits already fold small segments together."""
        from search.engine import clean_unused_files, merge_to_one_segment, needs_merge, remove_worker_leftovers

        if needs_merge(ix, max_segments=MAX_SEGMENTS):
            report(SyncProgress("optimising", 0, 1))
            merge_to_one_segment(ix, lock_wait=LOCK_WAIT_SECONDS)
        else:
            clean_unused_files(ix)
        remove_worker_leftovers(Path(ix.storage.folder))

    @contextmanager
    def _writer(self, ix: FileIndex) -> Iterator[object]:
        from search.engine import BulkSegmentWriter

        try:
            writer = BulkSegmentWriter(ix, timeout=LOCK_WAIT_SECONDS)  # what ix.writer() makes, faster
        except LockError as exc:
            raise IndexBusyError("another alliance-reader is writing this index; try again shortly") from exc
        try:
            yield writer
        except BaseException:
            writer.cancel()
            raise
        writer.commit()

    def _write_meta(self, folder: Path, sources: int) -> None:
        _write_json(folder / "meta.json", self._meta(complete=True) | {"sources": sources})

    @staticmethod
    def _meta(*, complete: bool) -> dict[str, object]:
        return {"schema_version": SCHEMA_VERSION, "document_version": DOCUMENT_VERSION, "complete": complete}

    def _swap_in_building(self) -> None:
        shutil.rmtree(self._old_dir, ignore_errors=True)
        if self.index_dir.exists():
            os.replace(self.index_dir, self._old_dir)
        os.replace(self.building_dir, self.index_dir)
        shutil.rmtree(self._old_dir, ignore_errors=True)
        self._damage_marker.unlink(missing_ok=True)

    def _recover_interrupted_swap(self, *, locked: bool = False) -> None:
        """Put the old index back after a swap killed half-way; never while another process syncs (its
        swap is merely in progress, and moving folders under it would break it)."""
        if self.index_dir.exists() or not self._old_dir.is_dir() or (not locked and self._sync_running()):
            return
        with contextlib.suppress(OSError):  # read-only folder, or another reader won: index.old still reads
            os.replace(self._old_dir, self.index_dir)

    def _sync_running(self) -> bool:
        try:
            with open(self.root / "sync.lock", "a+") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        except OSError:
            return False
        return False

    def locked(self, wait: float) -> contextlib.AbstractContextManager[None]:
        """The library lock, for other read-modify-writes of its state files (sources.json)."""
        return self._lock(wait)

    @contextmanager
    def _lock(self, wait: float | None = None) -> Iterator[None]:
        """One updater per library at a time; a second one waits briefly, then says so in words."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            handle = open(self.root / "sync.lock", "a+")  # noqa: SIM115 - held for the whole block
        except OSError as exc:
            raise IndexUnavailableError(f"cannot write in {self.root}: {exc.strerror or exc}") from exc
        try:
            if not take_lock(handle, self.lock_wait if wait is None else wait, poll=0.1, on_wait=self.on_lock_wait):
                raise IndexBusyError("another alliance-reader is updating this library; try again when it finishes")
            try:
                yield
            except OSError as exc:  # a full disk or a folder made read-only under us: words, not a trace
                raise IndexUnavailableError(
                    f"could not write the index in {self.root}: {exc.strerror or exc}; the previous index is kept"
                ) from exc
        finally:
            handle.close()


def _plan(ix: FileIndex, files: Sequence[SourceFile]) -> _Plan:
    """What to read: files the index has no document for, or whose signature changed."""
    with ix.searcher() as searcher:
        known_keys = {t.decode() for t in searcher.lexicon(f.FILE_KEY)}
        known_ids = {t.decode() for t in searcher.lexicon("file_id")}
    seen_ids = {s.identity for s in files}
    new: list[SourceFile] = []
    changed: list[SourceFile] = []
    unchanged = 0
    for source in files:
        if _file_key(source) in known_keys:
            unchanged += 1
        elif source.identity in known_ids:
            changed.append(source)
        else:
            new.append(source)
    return _Plan(new, changed, sorted(known_ids - seen_ids), unchanged)


def _skip_known_copies(plan: _Plan, duplicates: set[str]) -> _Plan:
    """A file that only held copies of indexed articles has no document, so it always looks new; the
    keys of such files (`duplicates`) count as unchanged instead."""
    new = [source for source in plan.new if _file_key(source) not in duplicates]
    return _Plan(new, plan.changed, plan.removed, plan.unchanged + len(plan.new) - len(new))


DUPLICATES_FILE = "duplicates.json"


def _read_duplicates(folder: Path) -> set[str]:
    found = _read_json(folder / DUPLICATES_FILE)
    return {key for key in found if isinstance(key, str)} if isinstance(found, list) else set()


def _write_duplicates(folder: Path, keys: set[str]) -> None:
    with contextlib.suppress(OSError):  # only a cache: without it the copies are read again next time
        _write_json(folder / DUPLICATES_FILE, sorted(keys))


def _has_index(folder: Path) -> bool:
    """Whether a Whoosh table of contents is there; whether it is sound is `IndexStore.open`'s question."""
    return folder.is_dir() and any(folder.glob("_MAIN_*.toc"))


def reads_index(method: Callable[Concatenate[Any, P], R]) -> Callable[Concatenate[Any, P], R]:
    """For Library methods that read the index: a damaged part becomes one message saying what to run,
    and is remembered so that the next sync rebuilds the index by itself."""

    @functools.wraps(method)
    def wrapper(self: Any, *args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(self, *args, **kwargs)
        except SearchError:
            raise
        except INDEX_DAMAGE as exc:
            self.store.mark_damaged(exc)
            raise damaged_index(exc) from exc

    return wrapper


def _disk_full(exc: BaseException | None) -> bool:
    while exc is not None:
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _extract_each(extract: EntityExtractor, articles: Sequence[Article], problems: list[Problem]) -> list[Article]:
    """`extract(articles)`, noting articles read only in part; one bad article costs its own entities."""
    from corpus.entities import nlp  # the entity rules and tables: loaded by the entity pass, not to open an index

    for article in articles:
        if len(article.body) > nlp.MAX_TEXT:
            problems.append(Problem(article.origin, f"entities found in the first {nlp.MAX_TEXT:,} characters only "
                                                    f"(the article has {len(article.body):,})"))
    return _extract_or_split(extract, articles, problems)


def _extract_or_split(extract: EntityExtractor, articles: Sequence[Article], problems: list[Problem]) -> list[Article]:
    from corpus.entities.nlp import ModelError

    try:
        return extract(articles)
    except (SearchError, ModelError):  # the alias file or the model: one by one would fail the same way
        raise
    except Exception as exc:
        if len(articles) > 1:
            return [found for article in articles for found in _extract_or_split(extract, [article], problems)]
        problems.append(Problem(articles[0].origin, f"entities could not be found ({exc.__class__.__name__}: "
                                                    f"{str(exc)[:200]})"))
        return [articles[0].with_(entities=())]


def _new_articles(
    files: Sequence[SourceFile], seen: set[str], problems: list[Problem]
) -> Iterator[tuple[SourceFile, Article]]:
    from corpus.ingest import new_articles  # the readers and cleaners: imported when a sync reads files

    return new_articles(files, seen, problems)


def _discover_all(sources: Sequence[Path] | None, extra: Sequence[Path]) -> tuple[list[SourceFile], list[Problem]]:
    from corpus.ingest import discover  # see _new_articles

    files, problems = discover(sources)
    if extra:
        more, more_problems = discover(extra)
        known = {s.identity for s in files}
        files.extend(s for s in more if s.identity not in known)
        problems.extend(more_problems)
    return files, problems


def _file_key(source: SourceFile) -> str:
    return file_key(source.identity, source.signature)


def _progress(callback: ProgressCallback | None) -> ProgressCallback:
    return callback if callback is not None else (lambda _p: None)


def _read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_json(path: Path, data: object) -> None:
    """Write-then-rename, so a crash never leaves half a file behind."""
    write_atomically(path, json.dumps(data, ensure_ascii=False))
