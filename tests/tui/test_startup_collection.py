"""The cyclic garbage collector is paused while the app starts and back on once the first rows show."""

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
