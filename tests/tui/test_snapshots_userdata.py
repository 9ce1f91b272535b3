"""SVG snapshots of the saved-search section with new counts (80x24 and 120x36)."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from search.library import Library
from search.saved import add_saved
from tests.tui.tui_helpers import settle


def _with_saved_searches(library: Library) -> None:
    """Two saved searches, one with matches that arrived after it was last opened."""
    add_saved(library, "Alliance and Pacific bases", "alliance OR guam OR tokyo")
    add_saved(library, "Trade", "trade")
    seen = library.userdata.saved_search("Alliance and Pacific bases").seen
    library.userdata.mark_opened("Alliance and Pacific bases", sorted(seen)[:1])
    library.userdata.set_read([row.id for row in library.list_articles()][:1])


async def _open_section(pilot: Pilot[None]) -> None:
    await settle(pilot.app, pilot)
    await pilot.press("S")
    await settle(pilot.app, pilot)


@pytest.mark.parametrize("size", [(80, 24), (120, 36), (200, 50)], ids=["80x24", "120x36", "200x50"])
def test_saved_search_section(snap_compare, small_library: Library, build_app, size: tuple[int, int]) -> None:
    _with_saved_searches(small_library)
    assert snap_compare(build_app(small_library), terminal_size=size, run_before=_open_section)
