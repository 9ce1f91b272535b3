"""SVG snapshots at 80x24, 120x36 and 200x50: fixed size, data in tmp_path, no clock on screen.

Regenerate deliberately (after a Textual bump or a design change) with `pytest --snapshot-update`.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from search.library import Library
from tests.tui.tui_helpers import settle

SIZES = [(80, 24), (120, 36), (200, 50)]
SIZE_IDS = ["80x24", "120x36", "200x50"]


async def _search_alliance(pilot: Pilot[None]) -> None:
    """A query whose results show snippets with the hits marked."""
    await settle(pilot.app, pilot)
    await pilot.press("slash", *"alliance", "enter")
    await settle(pilot.app, pilot)


async def _idle(pilot: Pilot[None]) -> None:
    await settle(pilot.app, pilot)


async def _help(pilot: Pilot[None]) -> None:
    await settle(pilot.app, pilot)
    await pilot.press("question_mark")
    await settle(pilot.app, pilot)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_start_screen(snap_compare, small_library: Library, build_app, size: tuple[int, int]) -> None:
    assert snap_compare(build_app(small_library), terminal_size=size, run_before=_idle)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_search_results(snap_compare, small_library: Library, build_app, size: tuple[int, int]) -> None:
    assert snap_compare(build_app(small_library), terminal_size=size, run_before=_search_alliance)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_help(snap_compare, small_library: Library, build_app, size: tuple[int, int]) -> None:
    assert snap_compare(build_app(small_library), terminal_size=size, run_before=_help)
