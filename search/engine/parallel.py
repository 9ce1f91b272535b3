"""Bulk indexing on every core: each worker process reads a chunk of files and writes a whole segment.

The engine does not know what a file is: the caller hands it a picklable "files -> documents" function
(`ReadFiles`, e.g. `search.documents.documents_from_files`), which each worker calls on its chunk.

Why: on two cores the pure-Python work (reading and cleaning files, tokenising, stemming, writing
postings) is split about evenly between reading and indexing, and a single Whoosh writer keeps one
core busy. Whoosh's own `procs=2` only parallelises the tokenising, so reading stays serial.

Here each chunk becomes one finished segment in a worker; the parent, which holds the index's write
lock throughout, appends it to the table of contents (a new generation) as soon as it arrives, in
chunk order. So every finished chunk is committed (a killed build resumes after it), duplicates are
settled in the same order a serial build would settle them (later copies are marked deleted inside
their segment). Chunks are large (see SEGMENTS_PER_WORKER in search.index), so the few segments a
build leaves are kept as they are rather than merged on one core; workers report the files they have
read through a shared counter, so progress moves while a chunk is under way.

Workers are started with "spawn": the app runs indexing from a thread, and forking a threaded
process can deadlock.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import multiprocessing
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh.codec.base import Segment
from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, FileIndex

from search.engine.segment_writer import BulkSegmentWriter
from search.errors import IndexBusyError
from search.spawning import spawn_context

# Postings memory per worker before it spills to a temporary run on disk (Whoosh's default is 128).
WORKER_POOL_MB = 256  # only for what takes Whoosh's own route (see search.engine.segment_writer)


@dataclass(frozen=True, slots=True)
class IndexedDoc:
    docnum: int
    content_hash: str
    source_identity: str


@dataclass(frozen=True, slots=True)
class ReadDocument:
    """One document a `ReadFiles` function made from a file: Whoosh fields, and what settles duplicates."""

    fields: dict[str, Any]
    content_hash: str
    source_identity: str


# (files, content hashes seen so far in this chunk, problems to append to) -> documents to index.
ReadFiles = Callable[[Sequence[Any], set[str], list[Any]], list[ReadDocument]]


@dataclass(frozen=True, slots=True)
class ChunkResult:
    """One worker's finished, not yet committed segment, and what is in it."""

    segment: Segment | None
    docs: tuple[IndexedDoc, ...]
    problems: tuple[Any, ...]
    files: int


WORKER_TEMP_SUFFIX = ".worker-tmp"
# Files a worker reads between updates of the shared progress counter.
PROGRESS_FILES = 100

_worker_index: FileIndex | None = None
_worker_files_read: Any = None  # a shared multiprocessing Value: files read by all workers
_worker_read_files: ReadFiles | None = None


class _WorkerStorage(FileStorage):
    """Whoosh names a writer's temporary folder after the index, and a writer that finishes deletes it:
    two workers would delete each other's temporary files. Each worker gets its own folder."""

    def temp_storage(self, name: str | None = None) -> FileStorage:
        return super().temp_storage(f"{os.getpid()}{WORKER_TEMP_SUFFIX}")


def _init_worker(index_dir: str, files_read: Any, read_files: ReadFiles) -> None:
    global _worker_index, _worker_files_read, _worker_read_files
    _worker_index = _WorkerStorage(index_dir).open_index()
    _worker_files_read = files_read
    _worker_read_files = read_files


def remove_worker_leftovers(folder: Path) -> None:
    """Temporary folders of workers killed mid-chunk (their unfinished segments go with `optimize`)."""
    for leftover in folder.glob(f"*{WORKER_TEMP_SUFFIX}"):
        shutil.rmtree(leftover, ignore_errors=True)


def _index_chunk(chunk: Sequence[Any]) -> ChunkResult:
    """Runs in a worker: read, convert, and write one segment (not in the table of contents yet)."""
    assert _worker_index is not None and _worker_read_files is not None
    writer = BulkSegmentWriter(_worker_index, _lk=False, limitmb=WORKER_POOL_MB)
    docs: list[IndexedDoc] = []
    problems: list[Any] = []
    seen: set[str] = set()
    try:
        for start in range(0, len(chunk), PROGRESS_FILES):
            part = chunk[start : start + PROGRESS_FILES]
            # The whole part is read and converted before any of it is indexed (faster: see ReadFiles' callers).
            for document in _worker_read_files(part, seen, problems):
                docs.append(IndexedDoc(writer.docnum, document.content_hash, document.source_identity))
                writer.add_document(**document.fields)
            if _worker_files_read is not None:
                with _worker_files_read.get_lock():
                    _worker_files_read.value += len(part)
        if not docs:
            writer.cancel()
            return ChunkResult(None, (), tuple(problems), len(chunk))
        segment = writer._finalize_segment()
        writer._finish()  # removes the writer's temporary runs; there is no lock to release (_lk=False)
    except BaseException:
        writer.cancel()
        raise
    finally:
        del writer
        _give_back_free_memory()
    return ChunkResult(segment, tuple(docs), tuple(problems), len(chunk))


def _give_back_free_memory() -> None:
    """Return the chunk's freed memory to the system before the next chunk (glibc keeps ~60 MB of it
    otherwise, which the next chunk's peak then sits on). A no-op where there is no `malloc_trim`."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Any:
    """glibc's `malloc_trim`, looked up once (`find_library` runs a helper program)."""
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        return None


def build_in_parallel(
    ix: FileIndex,
    chunks: Iterable[Sequence[Any]],
    *,
    read_files: ReadFiles,
    procs: int,
    known_hashes: set[str],
    on_chunk: Callable[[ChunkResult, list[IndexedDoc]], None],
    lock_wait: float,
    on_progress: Callable[[int], None] | None = None,
) -> None:
    """Index `chunks` of files with `procs` workers, each turning its chunk into documents with `read_files`
    (a module-level function: it is pickled to the workers), committing each chunk as it arrives;
    `on_chunk` gets the kept docs, `on_progress` the number of files read so far (about twice a second,
    chunks being large).

    `known_hashes` is updated in place: a document whose content is already known is marked deleted
    in its segment before the segment is committed, so it never shows in results.
    """
    lock = ix.lock("WRITELOCK")
    if not lock.acquire(blocking=False):
        deadline = time.monotonic() + lock_wait
        while not lock.acquire(blocking=False):
            if time.monotonic() > deadline:
                raise IndexBusyError("another alliance-reader is writing this index; try again shortly") from None
            time.sleep(0.1)
    try:
        context = spawn_context()
        index_dir = str(Path(ix.storage.folder))
        files_read = context.Value("q", 0)
        with context.Pool(procs, initializer=_init_worker, initargs=(index_dir, files_read, read_files)) as pool:
            results = pool.imap(_index_chunk, chunks)
            while True:
                try:
                    result = results.next(timeout=0.5)
                except multiprocessing.TimeoutError:
                    if on_progress is not None:
                        on_progress(files_read.value)
                    continue
                except StopIteration:
                    break
                kept = _settle_duplicates(result, known_hashes)
                if result.segment is not None:
                    _append_segment(ix, result.segment)
                on_chunk(result, kept)
    finally:
        lock.release()


def _settle_duplicates(result: ChunkResult, known_hashes: set[str]) -> list[IndexedDoc]:
    kept: list[IndexedDoc] = []
    for doc in result.docs:
        if doc.content_hash in known_hashes:
            assert result.segment is not None
            result.segment.delete_document(doc.docnum)
        else:
            known_hashes.add(doc.content_hash)
            kept.append(doc)
    return kept


def _append_segment(ix: FileIndex, segment: Segment) -> None:
    """A new table-of-contents generation with one more segment. Old files are not cleaned here:
    other workers' unfinished segments are on disk too; the final optimize cleans up."""
    toc = TOC.read(ix.storage, ix.indexname)
    TOC(toc.schema, [*toc.segments, segment], toc.generation + 1).write(ix.storage, ix.indexname)


def chunked(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
