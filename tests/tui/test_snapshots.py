"""SVG snapshots at 80x24 and 160x48: fixed size, data in tmp_path, no clock on screen.

Regenerate deliberately (after a Textual bump or a design change) with `pytest --snapshot-update`.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from search.library import Library
from tests.tui.tui_helpers import settle


async def _search_guam(pilot: Pilot[None]) -> None:
    await settle(pilot.app, pilot)
    await pilot.press("slash", *"guam", "enter")
    await settle(pilot.app, pilot)


async def _idle(pilot: Pilot[None]) -> None:
    await settle(pilot.app, pilot)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_start_screen(snap_compare, small_library: Library, build_app, size: tuple[int, int]) -> None:
    assert snap_compare(build_app(small_library), terminal_size=size, run_before=_idle)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_search_results(snap_compare, small_library: Library, build_app, size: tuple[int, int]) -> None:
    assert snap_compare(build_app(small_library), terminal_size=size, run_before=_search_guam)
