"""Search under a time budget (search.engine.budget): same answers when it completes, newest first when not."""

from __future__ import annotations

from pathlib import Path

import pytest

from search import searching
from search.engine import budget
from search.library import Library
from search.results import SearchResult

QUERIES = (
    "koizumi",
    "defense",
    "missile OR alliance",
    "koizumi AND missile",
    '"missile defense"',
    "defen*",
    "koizmi~",
    "title:koizumi",
    "date:2025",
    "alliance after:2025-01",
    "hegseth NOT tokyo",
    "nosuchwordanywhere",
)


def same(a: SearchResult, b: SearchResult) -> None:
    assert [(h.id, h.score, h.snippet) for h in a.hits] == [(h.id, h.score, h.snippet) for h in b.hits]
    assert (a.total, a.exact_total, a.suggestion, a.facets) == (b.total, b.exact_total, b.suggestion, b.facets)


@pytest.mark.parametrize("sort", ["relevance", "date", "title"])
@pytest.mark.parametrize("text", QUERIES)
def test_a_small_library_ignores_the_budget(library: Library, text: str, sort: str) -> None:
    same(library.search(text, sort=sort, budget_ms=0), library.search(text, sort=sort))


@pytest.mark.parametrize("sort", ["relevance", "date", "title"])
@pytest.mark.parametrize("text", QUERIES)
def test_sliced_search_that_completes_gives_the_same_hits(
    library: Library, text: str, sort: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = library.search(text, sort=sort, limit=4)
    monkeypatch.setattr(searching, "EXACT_COUNT_UP_TO", 0)
    monkeypatch.setattr(budget, "SLICE_DOCS", 2)
    sliced = library.search(text, sort=sort, limit=4, budget_ms=60_000)
    assert [(h.id, h.score, h.snippet) for h in sliced.hits] == [(h.id, h.score, h.snippet) for h in plain.hits]
    assert sliced.facets == plain.facets
    assert sliced.total >= len(sliced.hits)
    if sliced.exact_total:
        assert sliced.total == plain.total
    assert sliced.suggestion is None


def test_out_of_time_keeps_the_newest_slice(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    everything = library.search("", limit=100, facets=False, snippets=False)
    newest = {h.id for h in everything.hits if h.id}
    with library._lock:
        searcher = library._get_searcher()
        maxdoc = searcher.reader().doc_count_all()
        newest = {searcher.stored_fields(n)["id"] for n in range(maxdoc - 2, maxdoc)}
    monkeypatch.setattr(searching, "EXACT_COUNT_UP_TO", 0)
    monkeypatch.setattr(budget, "SLICE_DOCS", 2)
    partial = library.search("", limit=100, budget_ms=0, facets=False, snippets=False)
    assert {h.id for h in partial.hits} == newest
    assert not partial.exact_total
    assert partial.budgeted
    assert partial.total == everything.total
    assert partial.suggestion is None


def test_results_say_whether_a_budget_shaped_them(library: Library) -> None:
    """Small libraries ignore the budget, so the app knows no exact follow-up search is needed."""
    assert not library.search("alliance", budget_ms=30).budgeted
    assert not library.search("alliance").budgeted


def test_word_queries_out_of_time_keep_the_newest_segment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Word queries are ranked per segment, newest first; a spent budget stops after the newest one,
    says so, and the exact answer follows without a budget."""
    from search import index as index_module

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(24):
        (corpus / f"f{n:02}.txt").write_text(f"Story {n} on deterrence\n\nBody {n} mentions radar.\n", encoding="utf-8")
    monkeypatch.setattr(index_module, "CHUNK_FILES", 4)
    monkeypatch.setattr(index_module, "PROCS", 2)
    lib = Library(tmp_path / "data", [corpus])
    lib.sync(entities=False)
    with lib._lock:
        leaves = lib._get_searcher().leaf_searchers()
    assert len(leaves) > 1
    newest_count = leaves[-1][0].doc_count()
    monkeypatch.setattr(searching, "EXACT_COUNT_UP_TO", 0)
    partial = lib.search("radar", limit=100, budget_ms=0, facets=False)
    exact = lib.search("radar", limit=100, facets=False)
    assert partial.budgeted and not partial.exact_total and partial.suggestion is None
    assert len(partial.hits) == newest_count < len(exact.hits) == exact.total == 24
    assert partial.total >= len(partial.hits)
    assert not exact.budgeted and exact.exact_total
    lib.close()
