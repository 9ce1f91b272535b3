"""Merging every segment of an index into one, without Whoosh's detour through its sorting pool.

Why: after a bulk build the single merge is the one step that cannot use both cores, and Whoosh's
`optimize()` feeds every posting of every segment through its external-sort pool (pickled to disk and
read back) although each segment's postings are already sorted. Here the segments' postings are
k-way merged straight into the new segment's writer, the way Whoosh's own multiprocessing writer
merges its sub-writers' runs; per-document data (stored fields, lengths, columns) is copied with
Whoosh's own `write_per_doc`. Deleted documents are dropped, as with `optimize()`.
"""

from __future__ import annotations

from collections.abc import Iterator

from whoosh.externalsort import imerge
from whoosh.index import TOC, FileIndex, LockError, clean_files
from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

from search.errors import IndexBusyError

Posting = tuple[str, bytes, int, float, bytes]


# Deleted documents (replaced or duplicate articles) left in segments before a merge is worth it.
MAX_DELETED_SHARE = 0.25


def segment_count(ix: FileIndex) -> int:
    """Segments in the index's current table of contents (Whoosh keeps the list private)."""
    return len(ix._segments())


def needs_merge(ix: FileIndex, *, max_segments: int = 1) -> bool:
    """More segments than `max_segments`, or deleted documents worth dropping (any, for one segment)."""
    segments = ix._segments()
    if len(segments) > max_segments:
        return True
    deleted = sum(segment.deleted_count() for segment in segments)
    if max_segments == 1:
        return deleted > 0
    return deleted > MAX_DELETED_SHARE * max(1, sum(segment.doc_count_all() for segment in segments))


def clean_unused_files(ix: FileIndex) -> None:
    """Drop segments whose every document is deleted (copies of articles indexed earlier), then remove
    older tables of contents and segments no table lists (left by a bulk build's per-chunk commits, or
    by workers killed mid-chunk): a merge's commit would have done both, and none ran."""
    lock = ix.lock("WRITELOCK")
    if not lock.acquire(blocking=False):
        return  # a writer is busy; its commit cleans up
    try:
        toc = TOC.read(ix.storage, ix.indexname)
        live = [segment for segment in toc.segments if segment.deleted_count() < segment.doc_count_all()]
        if len(live) < len(toc.segments):
            toc = TOC(toc.schema, live, toc.generation + 1)
            toc.write(ix.storage, ix.indexname)
        clean_files(ix.storage, ix.indexname, toc.generation, toc.segments)
    finally:
        lock.release()


def merge_to_one_segment(ix: FileIndex, *, lock_wait: float) -> None:
    """Replace all segments by one (a new table-of-contents generation); readers keep their old view."""
    try:
        writer = SegmentWriter(ix, timeout=lock_wait)
    except LockError as exc:
        raise IndexBusyError("another alliance-reader is writing this index; try again shortly") from exc
    readers: list[SegmentReader] = []
    try:
        if not writer.segments:
            writer.cancel()
            return
        schema = writer.schema
        sources: list[Iterator[Posting]] = []
        for segment in writer.segments:
            reader = SegmentReader(ix.storage, schema, segment)
            readers.append(reader)
            basedoc = writer.docnum
            names = set(schema.names()) | {n for n in reader.indexed_field_names() if n in schema}
            docmap = writer.write_per_doc(names, reader)
            sources.append(_renumbered(reader.iter_postings(), basedoc, docmap))
        writer.perdocwriter.close()
        lengths = writer.per_document_reader() if writer.codec.length_stats else None
        writer.fieldwriter.add_postings(schema, lengths, imerge(sources))
        writer.fieldwriter.close()
        if lengths is not None:
            lengths.close()
        writer.pool.cleanup()
        writer._assemble_segment()
        writer._added = True
        writer._commit_toc([writer.get_segment()])
    except BaseException:
        for reader in readers:
            reader.close()
        writer.cancel()
        raise
    for reader in readers:
        reader.close()
    writer._finish()


def _renumbered(postings: Iterator[Posting], base: int, docmap: dict[int, int] | None) -> Iterator[Posting]:
    """Document numbers in the merged segment (Whoosh's `_process_posts` minus a schema check per posting:
    every field in these segments is in the schema, since the index created them)."""
    if docmap is None:
        for field, text, docnum, weight, value in postings:
            yield field, text, base + docnum, weight, value
    else:
        for field, text, docnum, weight, value in postings:
            yield field, text, docmap[docnum], weight, value
