"""Search as you type on a large library: a budgeted first answer may show the newest matches only,
but the list must end up with the exact top rows, in the exact order."""

from __future__ import annotations

from pathlib import Path

import pytest

from search import index as index_module
from search import searching
from search.library import Library
from tests.tui.tui_helpers import settle
from tui.screens import library_work
from tui.widgets.article_list import ArticleList
from tui.widgets.search_box import SearchBox

SIZE = (120, 40)


async def test_the_exact_rows_replace_a_budgeted_answer(
    tmp_path: Path, build_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(24):
        radar = " radar" * (1 + n % 5)  # different scores, so the order is the ranking's, not the files'
        (corpus / f"f{n:02}.txt").write_text(
            f"Story {n} on deterrence\n\nBody {n} mentions{radar}.\n", encoding="utf-8"
        )
    monkeypatch.setattr(index_module, "CHUNK_FILES", 4)  # several segments: a budget stops after the newest
    monkeypatch.setattr(index_module, "PROCS", 2)
    library = Library(tmp_path / "data", [corpus])
    library.sync(entities=False)
    # As on a library of 100k articles whose budget ran out after the newest segment:
    monkeypatch.setattr(searching, "EXACT_COUNT_UP_TO", 0)
    monkeypatch.setattr(library_work, "SEARCH_BUDGET_MS", 0)
    first = library.search("radar", limit=library_work.SEARCH_LIMIT, snippets=False, facets=False, budget_ms=0)
    exact = library.search("radar", limit=library_work.SEARCH_LIMIT, snippets=False, facets=False)
    assert first.needs_exact and len(first.hits) < len(exact.hits) == 24
    app = build_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("/", *"radar")
        await settle(app, pilot)
        screen = app.screen
        assert screen.query_one(SearchBox).input.value == "radar"
        shown = screen.query_one(ArticleList)
        ids = [shown.get_option_at_index(i).id for i in range(shown.option_count)]
        assert ids == [hit.article.id for hit in exact.hits]
    library.close()
