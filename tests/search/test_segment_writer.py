"""The bulk segment writer must write exactly the files Whoosh's own `SegmentWriter` writes: same
postings, blocks, term table, lengths, stored fields and columns, so every reader of the index (ours
and Whoosh's) sees the same index whichever writer built it."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.fields import ID, KEYWORD, TEXT, Schema
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import SegmentWriter

from corpus.ingest import discover, embedded_corpus_dir, read_source
from search.documents import index_schema, source_document
from search.engine.segment_writer import BulkSegmentWriter

_VOCABULARY = [
    "alliance", "japan", "defense", "treaty", "okinawa", "missile", "base", "tokyo", "washington", "summit", "trade",
    "the", "of",
]  # fmt: skip


def _segment_files(folder: Path, segment: Any) -> dict[str, bytes]:
    segid = segment.segment_id()
    return {
        path.name.replace(segid, "SEG"): path.read_bytes()
        for path in folder.iterdir()
        if segid in path.name
    }


def _write(
    folder: Path, schema: Schema, documents: list[dict[str, Any]], writer_class: type, seen: list[Any] | None = None
) -> dict[str, bytes]:
    folder.mkdir()
    ix = FileStorage(str(folder)).create_index(schema)
    writer = writer_class(ix, _lk=False, compound=False)  # a compound file holds the random file names
    for document in documents:
        writer.add_document(**document)
    if seen is not None:
        seen.append(writer)
    segment = writer._finalize_segment()
    writer._finish()
    return _segment_files(folder, segment)


def _synthetic(count: int, seed: int) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    documents = []
    for n in range(count):
        words = rng.choices(_VOCABULARY, k=rng.randint(0, 60))
        document: dict[str, Any] = {"id": str(n), "body": " ".join(words)}
        if rng.random() < 0.7:
            document["title"] = " ".join(rng.choices(_VOCABULARY, k=rng.randint(1, 5)))
        if rng.random() < 0.5:
            document["tags"] = ",".join(rng.sample(_VOCABULARY, k=rng.randint(1, 3)))
        documents.append(document)
    return documents


def _plain_schema() -> Schema:
    return Schema(id=ID(stored=True, unique=True), title=TEXT(stored=True, field_boost=2.0), body=TEXT(chars=True),
                  tags=KEYWORD(commas=True, scorable=True))  # fmt: skip


def test_same_files_as_whoosh_across_many_blocks(tmp_path: Path) -> None:
    documents = _synthetic(700, seed=3)  # common words span several 128-posting blocks
    ours = _write(tmp_path / "ours", _plain_schema(), documents, BulkSegmentWriter)
    whoosh = _write(tmp_path / "whoosh", _plain_schema(), documents, SegmentWriter)
    assert ours.keys() == whoosh.keys()
    assert ours == whoosh


def test_same_files_as_whoosh_on_the_real_schema(tmp_path: Path) -> None:
    documents = _seed_documents() * 30  # the body's common words pass a block
    ours = _write(tmp_path / "ours", index_schema(), documents, BulkSegmentWriter)
    whoosh = _write(tmp_path / "whoosh", index_schema(), documents, SegmentWriter)
    assert ours == whoosh


def _seed_documents() -> list[dict[str, Any]]:
    sources, _ = discover([embedded_corpus_dir()])
    documents = []
    for source in sources:
        articles, _ = read_source(source)
        documents += [source_document(article, source) for article in articles]
    return documents


def test_scoring_copy_written_from_the_body_and_on_its_own(tmp_path: Path) -> None:
    """`body_f` mirrors `body` when given the same value: written from the body's postings, until a
    document gives it something else (then every document so far gets its own postings again)."""
    documents = [dict(document) for document in _seed_documents() * 40]
    for n, document in enumerate(documents):
        if n % 50 == 7:
            document["body_f"] = document["body"] + " extra words"
        if n % 61 == 3:
            document["body"] = document["body_f"] = ""
    writers: list[Any] = []
    mirrored = _write(tmp_path / "mirrored", index_schema(), documents[:6], BulkSegmentWriter, writers)
    assert len(writers[0]._mirrored["body_f"]) == 6  # every document took the mirror path
    assert mirrored == _write(tmp_path / "mirrored_whoosh", index_schema(), documents[:6], SegmentWriter)
    ours = _write(tmp_path / "ours", index_schema(), documents, BulkSegmentWriter, writers)
    assert "body_f" not in writers[1]._mirrored  # document 7 ended mirroring for the segment
    assert ours == _write(tmp_path / "whoosh", index_schema(), documents, SegmentWriter)


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=300), st.integers(min_value=0, max_value=10**6))
def test_same_files_for_any_collection(tmp_path_factory: Any, count: int, seed: int) -> None:
    folder = tmp_path_factory.mktemp("w")
    documents = _synthetic(count, seed)
    assert _write(folder / "a", _plain_schema(), documents, BulkSegmentWriter) == _write(
        folder / "b", _plain_schema(), documents, SegmentWriter
    )
