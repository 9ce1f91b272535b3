"""A first launch from an empty data dir: typing in the search box is never taken as commands."""

from __future__ import annotations

from pathlib import Path

from search.library import Library
from tests.tui.tui_helpers import settle
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.search_box import SearchInput

SIZE = (120, 36)


async def test_typing_after_the_first_results_stays_in_the_search_box(tmp_path: Path, build_app) -> None:
    library = Library(tmp_path / "empty-data")
    app = build_app(library, sync=True)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot, rounds=6)
            screen = app.screen
            sort, sidebar = screen.sort, screen.query_one(EntitySidebar).display
            await pilot.press("slash", *"japan")
            await settle(app, pilot)
            assert isinstance(app.focused, SearchInput)
            await pilot.press(*" sea")
            await settle(app, pilot)
            assert isinstance(app.focused, SearchInput)
            assert app.focused.value == "japan sea"
            assert (screen.sort, screen.query_one(EntitySidebar).display) == (sort, sidebar)
            # A query that cannot be read, then ctrl+u: still the user's input.
            await pilot.press(*" date:>bogus")
            await settle(app, pilot)
            await pilot.press("ctrl+u")
            await settle(app, pilot)
            assert isinstance(app.focused, SearchInput)
            await pilot.press(*"guam")
            await settle(app, pilot)
            assert isinstance(app.focused, SearchInput) and app.focused.value == "guam"
        assert app.store.settings.sort == sort
    finally:
        library.close()
