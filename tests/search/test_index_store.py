"""The index survives what happens to real processes: kills, corruption, a second writer, bad folders."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from corpus import ingest as ingest_module
from search import index as index_module
from search.errors import IndexBusyError, IndexUnavailableError
from search.library import Library
from search.schema import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]


def write_articles(folder: Path, count: int, start: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(start, start + count):
        (folder / f"a{n:03}.txt").write_text(
            f"Article number {n} about Guam\n\nParagraph {n} mentions Okinawa and word{n}.\n", encoding="utf-8"
        )


def titles(library: Library) -> list[str]:
    return sorted(a.title for a in library.list_articles(sort="title"))


def test_interrupted_build_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 12)
    data = tmp_path / "data"
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        import search.engine as engine
        from search import index
        from search.library import Library
        index.CHUNK_FILES = 3
        index.SEGMENTS_PER_WORKER = 4  # chunks of 3 files
        build = engine.build_in_parallel  # the index takes it from the engine's door when it builds
        def killed_after_two_commits(*args, on_chunk, **kwargs):
            committed = []
            def chunk_done(result, kept):
                on_chunk(result, kept)
                committed.append(result)
                if len(committed) == 2:
                    os.kill(os.getpid(), signal.SIGKILL)
            return build(*args, on_chunk=chunk_done, **kwargs)
        engine.build_in_parallel = killed_after_two_commits
        Library(Path({str(data)!r}), [Path({str(corpus)!r})]).sync(entities=False)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == -signal.SIGKILL, done.stderr
    library = Library(data, [corpus])
    assert library.needs_sync()
    report = library.sync(entities=False)
    assert report.rebuilt
    assert report.added == 6, "the six committed before the kill are kept, not read again"
    assert titles(library) == sorted(f"Article number {n} about Guam" for n in range(12))


def test_previous_index_still_opens_while_a_rebuild_is_half_done(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 4)
    library = Library(tmp_path / "data", [corpus])
    library.sync(entities=False)
    building = library.store.building_dir
    building.mkdir()
    (building / "junk").write_text("half a build", encoding="utf-8")
    library.refresh()
    assert library.count() == 4


def test_corrupt_index_is_reported_then_rebuilt(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 3)
    library = Library(tmp_path / "data", [corpus])
    library.sync(entities=False)
    library.close()
    for toc in library.store.index_dir.glob("*.toc"):
        toc.write_bytes(b"\x00garbage")
    with pytest.raises(IndexUnavailableError, match="damaged"):
        library.count()
    report = library.sync(entities=False)
    assert report.rebuilt and "damaged" in report.reason
    assert library.count() == 3


def test_schema_change_triggers_rebuild(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 2)
    library = Library(tmp_path / "data", [corpus])
    library.sync(entities=False)
    meta = library.store.index_dir / "meta.json"
    meta.write_text(json.dumps({"schema_version": SCHEMA_VERSION - 1}), encoding="utf-8")
    assert library.needs_sync()
    report = library.sync(entities=False)
    assert report.rebuilt and report.reason == "the index format changed"
    assert library.count() == 2


def test_second_writer_waits_then_reports_busy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 2)
    library = Library(tmp_path / "data", [corpus])
    library.sync(entities=False)
    monkeypatch.setattr(index_module, "LOCK_WAIT_SECONDS", 0.2)
    with open(library.root / "sync.lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(IndexBusyError, match="another alliance-reader"):
            library.sync(entities=False)
    assert library.count() == 2


def test_unwritable_data_dir_is_a_plain_message(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    library = Library(blocker / "data", [tmp_path])
    with pytest.raises(IndexUnavailableError, match="cannot write"):
        library.sync(entities=False)


def test_missing_source_folder_is_a_problem_and_keeps_the_rest(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 2)
    library = Library(tmp_path / "data", [corpus, tmp_path / "moved-away"])
    report = library.sync(entities=False)
    assert library.count() == 2
    assert any("moved-away" in p.origin for p in report.problems)


def test_unchanged_sources_are_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 3)
    library = Library(tmp_path / "data", [corpus])
    library.sync(entities=False)
    reads: list[str] = []
    original = ingest_module.read_source
    monkeypatch.setattr(ingest_module, "read_source", lambda s: reads.append(s.origin) or original(s))
    os.utime(corpus / "a001.txt", ns=(1, 1))
    report = library.sync(entities=False)
    assert report.updated == 1 and report.unchanged == 2
    assert reads == [str((corpus / "a001.txt").resolve())]


def test_a_file_holding_only_a_copy_is_not_read_again_until_its_original_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import corpus.ingest

    corpus_dir = tmp_path / "corpus"
    write_articles(corpus_dir, 3)
    (corpus_dir / "copy.txt").write_text((corpus_dir / "a001.txt").read_text(encoding="utf-8"), encoding="utf-8")
    library = Library(tmp_path / "data", [corpus_dir])
    library.sync(entities=False)
    assert library.count() == 3

    read: list[str] = []
    real = corpus.ingest.read_source
    monkeypatch.setattr(corpus.ingest, "read_source", lambda source: read.append(source.path.name) or real(source))
    report = library.sync(entities=False)
    assert (report.added, report.unchanged, read) == (0, 4, [])

    (corpus_dir / "a001.txt").unlink()
    report = library.sync(entities=False)
    assert report.removed == 1 and report.added == 1 and "copy.txt" in read
    assert library.count() == 3
    assert "Article number 1 about Guam" in titles(library)


def test_cleaning_drops_segments_whose_documents_are_all_deleted(tmp_path: Path) -> None:
    from whoosh.fields import ID, Schema
    from whoosh.filedb.filestore import FileStorage

    from search.engine.merge import clean_unused_files

    ix = FileStorage(str(tmp_path)).create_index(Schema(id=ID(stored=True, unique=True)))
    for batch in (["a", "b"], ["c", "d"]):
        writer = ix.writer()
        for key in batch:
            writer.add_document(id=key)
        writer.commit(merge=False)
    writer = ix.writer()
    writer.delete_by_term("id", "c")
    writer.delete_by_term("id", "d")
    writer.commit(merge=False)
    assert len(ix._segments()) == 2
    clean_unused_files(ix)
    reopened = FileStorage(str(tmp_path)).open_index()
    assert len(reopened._segments()) == 1
    with reopened.searcher() as searcher:
        assert sorted(doc["id"] for doc in searcher.all_stored_fields()) == ["a", "b"]
    assert len(list(tmp_path.glob("*.toc"))) == 1
