"""What waits for the first rows: the cyclic garbage collector (paused while the app starts) and the
imports of a first search."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from search.library import Library
from tests.tui.tui_helpers import settle
from tui import startup
from tui.widgets.article_list import ArticleList

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def collection_restored() -> Iterator[None]:
    yield
    startup.resume_collection()
    gc.enable()


async def test_collection_resumes_after_the_first_rows(small_library: Library, build_app) -> None:
    startup.pause_collection()
    assert not gc.isenabled()
    app = build_app(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.screen.query_one(ArticleList).option_count == 4
        assert gc.isenabled()
        assert not startup.collection_paused()


async def test_collection_resumes_without_rows_at_the_latest(tmp_path, build_app, monkeypatch) -> None:
    """A first launch has no rows until its index is built: collection does not wait for them."""
    from tui.screens import main

    monkeypatch.setattr(main, "AFTER_FIRST_ROWS_AT_THE_LATEST_S", 0.05)
    monkeypatch.setattr(Library, "exists", lambda self: False)  # no rows: the list waits for a build
    monkeypatch.setattr(main.MainScreen, "run_sync", lambda self: None)
    startup.pause_collection()
    app = build_app(Library(tmp_path / "empty-data"), sync=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.2)
        assert app.screen.query_one(ArticleList).option_count == 0
        assert gc.isenabled()


def test_a_collector_someone_else_turned_off_stays_off() -> None:
    gc.disable()
    startup.pause_collection()
    startup.resume_collection()
    assert not gc.isenabled()


async def test_the_first_search_is_prepared_after_the_first_rows(small_library: Library, build_app,
                                                                monkeypatch) -> None:
    rows_when_prepared: list[int] = []
    app = build_app(small_library)

    def prepare(library: Library) -> None:
        rows_when_prepared.append(len(app.screen.rows))

    monkeypatch.setattr(Library, "prepare_search", prepare)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert rows_when_prepared == [4]
