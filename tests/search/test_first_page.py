"""The first page of a library without the engine's arrays: the same order, and numpy never loaded.

The app's start paints the list's first rows before anything else; that page is read without numpy
(`search.engine.newest_page`), so these tests hold it to the engine's full order, and check in a fresh
interpreter what opening and listing a library imports.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import search.engine as engine
from search import lookups
from search.library import Library

ROOT = Path(__file__).resolve().parents[2]
# Several articles per day (ties broken by index order), undated ones, in three syncs: three segments.
BATCHES = (
    {"a.md": "2024-03-05", "b.md": "2024-03-05", "c.md": None, "d.md": "2021-07-01", "e.md": "2026-01-02"},
    {"f.md": "2024-03-05", "g.md": None, "h.md": "2026-01-02", "i.md": "1999-12-31"},
    {"j.md": "2024-03-05", "k.md": None, "l.md": "2030-05-05"},
)


def _write(folder: Path, name: str, day: str | None) -> None:
    date = f"date: {day}\n" if day else ""
    words = f"Report {name} on the alliance"
    (folder / name).write_text(f"---\ntitle: {words}\n{date}---\n\n{words}, filed as {name}.\n", encoding="utf-8")


@pytest.fixture
def library(tmp_path: Path) -> Library:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lib = Library(tmp_path / "data", [corpus])
    for batch in BATCHES:
        for name, day in batch.items():
            _write(corpus, name, day)
        lib.sync(entities=False)
    (corpus / "b.md").unlink()  # a deleted document inside a segment
    (corpus / "h.md").unlink()
    lib.sync(entities=False)
    return lib


def test_first_rows_without_numpy_are_the_engines_order(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    with library.store.open().searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) > 1, "the fixture should span several segments"
        assert searcher.doc_count() < searcher.doc_count_all(), "the fixture should hold deletions"
        full = engine.newest_first(searcher).tolist()
        for wanted in range(1, len(full) + 3):
            assert engine.newest_page(searcher, wanted) == full[:wanted]
    rows = [row.id for row in library.list_articles(sort="date", limit=300)]
    monkeypatch.setattr(lookups, "ROWS_WITHOUT_NUMPY", 0)  # the engine's full array sort instead
    assert [row.id for row in library.list_articles(sort="date", limit=300)] == rows
    monkeypatch.undo()
    assert [row.id for row in library.list_articles(sort="date", offset=3, limit=4)] == rows[3:7]


def test_small_index_order_is_newest_first_undated_last(library: Library) -> None:
    rows = library.list_articles(sort="date", limit=300)
    titles = [row.title.split()[1] for row in rows]
    assert titles[:2] == ["l.md", "e.md"]
    assert titles[2:5] == ["j.md", "f.md", "a.md"], "equal dates: the later indexed first"
    assert set(titles[-3:]) == {"c.md", "g.md", "k.md"}, "undated last"
    assert "b.md" not in titles and "h.md" not in titles


def test_opening_and_listing_a_library_loads_no_numpy(library: Library) -> None:
    """What the app needs for its first rows: its modules, the library open, a page and the count."""
    code = """
import json, sys
from pathlib import Path
import tui.cli, tui.app
from search.library import Library
lib = Library(Path(sys.argv[1]), [Path(sys.argv[2])])
rows = lib.list_articles(sort="date", limit=300)
from whoosh.filedb.structfile import BufferFile
from search.engine import whoosh_fixes
print(json.dumps({
    "rows": len(rows), "count": lib.count(),
    "numpy": "numpy" in sys.modules,
    "query": sorted(m for m in ("search.query", "search.searching", "whoosh.qparser") if m in sys.modules),
    "engine": sorted(m for m in sys.modules if m.startswith("search.engine.")),
    "patched": BufferFile.__init__ is whoosh_fixes._init,
}))
lib.prepare_search()  # what the app does once the rows are painted
print(json.dumps(sorted(m for m in ("numpy", "search.query", "search.searching", "search.engine.fastpath",
                                     "corpus.dedupe") if m in sys.modules)))
"""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    corpus = library.sources[0] if library.sources else None
    done = subprocess.run([sys.executable, "-c", code, str(library.data_dir), str(corpus)], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True)
    listed, prepared = done.stdout.splitlines()
    found = json.loads(listed)
    assert found["rows"] == found["count"] == 10
    assert found["numpy"] is False
    assert found["query"] == [], "the query parser and the search path load with the first search"
    # the patches, the first rows and the query-side modules built on Whoosh alone; no arrays, writers or pools
    alone = {"whoosh_fixes", "newest", "budget", "matchers"}
    assert set(found["engine"]) <= {f"search.engine.{name}" for name in alone}
    assert found["patched"] is True, "Whoosh's patches must be in place before an index opens"
    expected = ["corpus.dedupe", "numpy", "search.engine.fastpath", "search.query", "search.searching"]
    assert json.loads(prepared) == expected, "prepare_search loads what a first search needs"


def test_the_engine_door_resolves_every_name_lazily() -> None:
    for name in engine.__all__:
        assert getattr(engine, name) is not None
        assert name in dir(engine)
    with pytest.raises(AttributeError):
        engine.no_such_name  # noqa: B018


def test_the_office_table_is_read_by_the_sync_not_by_opening(tmp_path: Path, small_corpus: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening a library only names the user's office-holder file; a bad one is still reported by sync."""
    from corpus import offices

    monkeypatch.delenv(offices.ENV_FILE, raising=False)
    config = tmp_path / "config"
    config.mkdir()
    (config / offices.OFFICES_FILE).write_text('{"offices": {"x": {"titles": ["chief"], '
                                               '"holders": [{"name": "Ann Lee", "start": "soon"}]}}}')
    reads: list[str] = []
    monkeypatch.setattr(offices, "load_table", lambda path: reads.append(str(path)) or offices.builtin_table())
    lib = Library(tmp_path / "data", [small_corpus], aliases_file=config / "aliases.toml")
    assert os.environ[offices.ENV_FILE] == str(config / offices.OFFICES_FILE)
    assert reads == []
    monkeypatch.undo()
    monkeypatch.setenv(offices.ENV_FILE, str(config / offices.OFFICES_FILE))
    report = lib.sync(entities=False)
    assert any("not a YYYY-MM-DD date" in problem.message for problem in report.problems)
    lib.close()
