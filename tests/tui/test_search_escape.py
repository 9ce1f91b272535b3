"""Esc in the search box never loses a typed query by one stray key: the first leaves the box keeping the
query and its results, the next drops the query (which stays in the history), the next the source filter."""

from __future__ import annotations

from search.library import Library
from tests.tui.tui_helpers import settle
from tui.widgets.article_list import ArticleList
from tui.widgets.search_box import SearchBox
from tui.widgets.status_bar import Breadcrumb

SIZE = (120, 36)


async def test_first_escape_leaves_the_box_keeping_the_query(small_library: Library, build_app) -> None:
    app = build_app(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        box = screen.query_one(SearchBox)
        await pilot.press("slash", *"runways")
        await settle(app, pilot)
        assert [row.title for row in screen.rows] == ["Guam base upgrades announced"]
        await pilot.press("escape")
        await settle(app, pilot)
        assert screen.query_one(ArticleList).has_focus
        assert box.input.value == "runways" and screen.query_text == "runways"
        assert [row.title for row in screen.rows] == ["Guam base upgrades announced"]
        assert "query: runways" in str(screen.query_one(Breadcrumb).content)
        await pilot.press("escape")
        await settle(app, pilot)
        assert box.input.value == "" and screen.query_text == ""
        assert len(screen.rows) == 4


async def test_a_dropped_query_comes_back_with_up(small_library: Library, build_app) -> None:
    app = build_app(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        box = app.screen.query_one(SearchBox)
        await pilot.press("slash", *"tokyo trade", "escape", "escape")
        await settle(app, pilot)
        assert box.input.value == "" and len(app.screen.rows) == 4
        await pilot.press("slash", "up")
        assert box.input.value == "tokyo trade"
    assert "tokyo trade" in app.store.state.history


async def test_escape_before_the_search_ran_keeps_what_was_typed(small_library: Library, build_app) -> None:
    app = build_app(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"guam", "escape")  # quicker than the search-as-you-type delay
        await settle(app, pilot)
        screen = app.screen
        assert screen.query_one(SearchBox).input.value == "guam" and screen.query_text == "guam"
        assert [row.title for row in screen.rows] == ["Guam base upgrades announced"]


async def test_escape_steps_back_through_query_then_source_filter(small_library: Library, build_app) -> None:
    app = build_app(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await pilot.press("S")
        await settle(app, pilot)
        await pilot.press("enter")  # the only source entry: the articles that name no outlet
        await settle(app, pilot)
        assert screen.entity is not None
        await pilot.press("slash", *"tokyo")
        await settle(app, pilot)
        narrowed = len(screen.rows)
        assert 0 < narrowed < 4
        await pilot.press("escape")
        await settle(app, pilot)
        assert screen.query_text == "tokyo" and screen.entity is not None and len(screen.rows) == narrowed
        await pilot.press("escape")
        await settle(app, pilot)
        assert screen.query_text == "" and screen.entity is not None and len(screen.rows) == 4
        await pilot.press("escape")
        await settle(app, pilot)
        assert screen.entity is None and len(screen.rows) == 4
