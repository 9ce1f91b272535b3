"""Keys typed faster than the app settles land where slow typing would (nothing lost, nothing run)."""

from __future__ import annotations

from textual import events
from textual.app import App

from search.library import Library
from tests.tui.tui_helpers import settle
from tui.screens.main import MainScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.search_box import SearchBox

SIZE = (80, 24)
NAMED = {"/": "slash", " ": "space", ":": "colon"}


def burst(app: App[None], keys: list[str]) -> None:
    """Post keys all at once, as a terminal delivers fast typing (Pilot.press would wait after each)."""
    for key in keys:
        if len(key) == 1:
            app.post_message(events.Key(NAMED.get(key, key), key))
        else:
            app.post_message(events.Key(key, "\r" if key == "enter" else None))


async def test_search_typed_right_after_a_tag_loses_nothing(small_library: Library, build_app) -> None:
    app = build_app(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        tagged = screen.query_one(ArticleList).highlighted_id
        burst(app, ["t", *"watch", "enter", "/", *"tag:watch OR is:unread"])
        await settle(app, pilot)
        assert app.screen is screen
        assert screen.query_one(SearchBox).input.value == "tag:watch OR is:unread"
        assert screen.tags_by_id.get(tagged) == ("watch",)


async def test_letters_typed_right_after_slash_are_not_commands(small_library: Library, build_app) -> None:
    app = build_app(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        burst(app, ["/", *"tea sake"])
        await settle(app, pilot)
        assert app.screen is screen  # `t` (tags) and `a` (note) did not open their dialogs
        assert screen.query_one(SearchBox).input.value == "tea sake"
        assert screen.sort == "date" and screen.store.settings.sort == "date"  # `s` did not sort
