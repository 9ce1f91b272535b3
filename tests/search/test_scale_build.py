"""Bulk builds on several processes give the same index as a serial build; a reader and a writer coexist."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from search import index as index_module
from search.errors import IndexBusyError, IndexUnavailableError
from search.library import Library

ROOT = Path(__file__).resolve().parents[2]


def write_corpus(folder: Path, count: int) -> None:
    """`count` files, every fifth one a copy of an earlier article (content-hash duplicates)."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        source = n - 3 if n % 5 == 4 else n
        (folder / f"f{n:03}.txt").write_text(f"Story {source} on deterrence\n\nBody {source} mentions radar.\n",
                                             encoding="utf-8")


def snapshot(library: Library) -> list[tuple[str, str]]:
    return sorted((a.id, a.title) for a in library.list_articles(sort="title"))


def test_parallel_build_matches_serial_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 23)
    monkeypatch.setattr(index_module, "CHUNK_FILES", 4)
    monkeypatch.setattr(index_module, "PROCS", 1)
    serial = Library(tmp_path / "serial", [corpus])
    serial.sync(entities=False)
    monkeypatch.setattr(index_module, "PROCS", 2)
    parallel = Library(tmp_path / "parallel", [corpus])
    report = parallel.sync(entities=False)
    assert snapshot(parallel) == snapshot(serial)
    assert report.added == parallel.count() == len(snapshot(serial))
    assert parallel.search("deterrence").total == parallel.count()
    segments = list(parallel.store.index_dir.glob("*.seg"))
    assert 1 < len(segments) <= index_module.MAX_SEGMENTS, "a few segments are kept, not merged on one core"
    assert len(list(parallel.store.index_dir.glob("*.toc"))) == 1, "older tables of contents are cleaned"
    assert not list(parallel.store.index_dir.glob("*.worker-tmp"))


def test_large_update_to_existing_index_uses_workers_and_keeps_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 5)
    library = Library(tmp_path / "data", [corpus])
    library.sync(entities=False)
    before = library.count()
    more = tmp_path / "corpus" / "more"
    more.mkdir()
    for n in range(12):
        (more / f"m{n:02}.txt").write_text(f"Added {n} later\n\nNew body {n}.\n", encoding="utf-8")
    monkeypatch.setattr(index_module, "CHUNK_FILES", 3)
    report = library.sync(entities=False)
    assert report.added == 12 and not report.rebuilt
    assert library.count() == before + 12


def test_reader_keeps_working_while_another_process_syncs(tmp_path: Path) -> None:
    """One process adds files and syncs in a loop; this one searches and lists meanwhile. No timing:
    whatever interleaving happens, every read succeeds or says 'busy/unavailable' in words, and the
    final index holds every file exactly once."""
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 6)
    data = tmp_path / "data"
    reader = Library(data, [corpus])
    reader.sync(entities=False)
    rounds = 6
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from search import index
        from search.library import Library
        index.CHUNK_FILES = 2
        corpus = Path({str(corpus)!r})
        library = Library(Path({str(data)!r}), [corpus])
        for r in range({rounds}):
            for n in range(4):
                (corpus / f"w{{r}}_{{n}}.txt").write_text(f"Written {{r}} {{n}}\\n\\nradar text {{r}} {{n}}.\\n")
            library.sync(entities=False, rebuild=(r == 3))
        print("WRITER DONE", flush=True)
        """
    )
    writer = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    reads = 0
    while writer.poll() is None or reads < 20:
        try:
            reader.refresh()
            assert reader.search("radar").total >= 1
            rows = reader.list_articles(sort="date", limit=50)
            assert rows
            reader.article(rows[0].id)
        except (IndexBusyError, IndexUnavailableError):
            pass  # a plain message is allowed mid-swap; corruption or a crash is not
        reads += 1
        if reads > 5000:
            break
    out, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err
    assert "WRITER DONE" in out
    final = Library(data, [corpus])
    assert not final.needs_sync()
    titles = [a.title for a in final.list_articles(sort="title")]
    assert len(titles) == len(set(titles)) == 6 - 1 + rounds * 4  # one duplicate in the first six


def test_source_folder_moved_away_keeps_what_was_indexed_reported(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 3)
    library = Library(tmp_path / "data", [corpus])
    library.sync(entities=False)
    corpus.rename(tmp_path / "elsewhere")
    report = library.sync(entities=False)
    assert any("corpus" in p.origin for p in report.problems)
    assert library.search("radar").total >= 0  # still opens: the rows of a vanished folder may go


def test_damaged_meta_is_a_rebuild_not_a_crash(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 3)
    library = Library(tmp_path / "data", [corpus])
    library.sync(entities=False)
    (library.store.index_dir / "meta.json").write_text("\x00\x01", encoding="utf-8")
    assert library.needs_sync()
    report = library.sync(entities=False)
    assert report.rebuilt and library.count() == 3


def test_full_disk_on_write_is_a_plain_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 2)
    library = Library(tmp_path / "data", [corpus])
    library.sync(entities=False)

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(index_module.IndexStore, "_optimize", lambda self, ix, report: full())
    with pytest.raises(IndexUnavailableError, match="No space left"):
        library.sync(entities=False, rebuild=True)
    library.refresh()
    assert library.count() == 2, "the previous index still answers"


def test_merge_gives_what_whoosh_optimize_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from whoosh import index as whoosh_index

    from search.engine.merge import merge_to_one_segment
    from search.query import parse_query

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 14)
    (corpus / "f003.txt").unlink()
    monkeypatch.setattr(index_module, "CHUNK_FILES", 3)
    monkeypatch.setattr(index_module, "PROCS", 1)
    monkeypatch.setattr(index_module.IndexStore, "_optimize", lambda self, ix, report: None)
    library = Library(tmp_path / "data", [corpus])
    library.sync(entities=False)
    (corpus / "f005.txt").write_text("Story 5 changed\n\nradar again.\n", encoding="utf-8")
    library.sync(entities=False)  # a deletion inside an older segment
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    shutil.copytree(library.store.index_dir, ours)
    shutil.copytree(library.store.index_dir, theirs)
    assert len(whoosh_index.open_dir(str(ours))._segments()) > 1
    merge_to_one_segment(whoosh_index.open_dir(str(ours)), lock_wait=1)
    whoosh_index.open_dir(str(theirs)).optimize()
    with whoosh_index.open_dir(str(ours)).searcher() as a, whoosh_index.open_dir(str(theirs)).searcher() as b:
        assert len(whoosh_index.open_dir(str(ours))._segments()) == 1
        assert a.doc_count_all() == b.doc_count_all() == a.doc_count()
        for text in ("radar", "story", '"body 7"', "deterr*", "radr~", "title:changed"):
            hits_a = [(h["id"], round(h.score, 6)) for h in a.search(parse_query(text, a), limit=None)]
            hits_b = [(h["id"], round(h.score, 6)) for h in b.search(parse_query(text, b), limit=None)]
            assert hits_a == hits_b, text
        assert sorted(map(str, a.all_stored_fields())) == sorted(map(str, b.all_stored_fields()))


def test_reader_mid_swap_reads_the_old_index_and_leaves_folders_alone(tmp_path: Path) -> None:
    import fcntl
    import os

    corpus = tmp_path / "corpus"
    write_corpus(corpus, 3)
    library = Library(tmp_path / "data", [corpus])
    library.sync(entities=False)
    library.close()
    store = library.store
    os.replace(store.index_dir, store._old_dir)  # the instant between the two renames of a swap
    with open(library.root / "sync.lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # the swapping process still holds the library lock
        reader = Library(tmp_path / "data", [corpus])
        assert reader.search("radar").total >= 1
        assert not store.index_dir.exists(), "a reader never moves folders under a running sync"
    reader.close()
    assert Library(tmp_path / "data", [corpus]).count() >= 1  # a swap killed there is repaired later
    assert store.index_dir.exists() and not store._old_dir.exists()


@pytest.mark.parametrize("files", [1_500, 48_950, 60_000, 100_000, 250_000])
def test_chunks_bound_worker_memory_and_segments(monkeypatch: pytest.MonkeyPatch, files: int) -> None:
    """Chunks stay within MAX_CHUNK_FILES until that would leave more than MAX_SEGMENTS segments; they
    come in whole rounds of workers, so both finish together."""
    monkeypatch.setattr(index_module, "PROCS", 2)
    size = index_module._chunk_size(files)
    chunks = -(-files // size)
    assert chunks <= max(index_module.MAX_SEGMENTS, 2)
    if files <= index_module.MAX_SEGMENTS * index_module.MAX_CHUNK_FILES:
        assert size <= max(index_module.MAX_CHUNK_FILES, index_module.CHUNK_FILES)
    if size > index_module.CHUNK_FILES:
        assert chunks % 2 == 0
