"""The app notices when another process changes the library under it, and never claims to be up to
date after indexing failed."""

from __future__ import annotations

from pathlib import Path

import pytest

import tui.screens.library_work as library_work
from search.library import Library
from tests.tui.tui_helpers import settle
from tui.screens.error import ErrorScreen
from tui.screens.main import MainScreen
from tui.widgets.status_bar import SyncStatus

SIZE = (120, 40)


async def test_the_app_reloads_when_the_cli_changes_the_library(
    small_library: Library, corpus_dir: Path, tmp_path: Path, build_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_work, "WATCH_SECONDS", 0.05)
    app = build_app(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        before = screen.total
        for n in range(3):
            (corpus_dir / f"new{n}.txt").write_text(
                f"Late report {n}\n\nShips number {n} reached Yokosuka on Friday, the navy said.\n")
        other = Library(tmp_path / "data", sources=[corpus_dir])  # the CLI, in another process
        other.sync(entities=False)
        other.close()
        for _ in range(100):
            await pilot.pause(0.05)
            await app.workers.wait_for_complete()
            if screen.total != before:
                break
        assert screen.total == before + 3
        assert any(row.title.startswith("Late report") for row in screen.rows)


async def test_no_up_to_date_after_an_indexing_error(tmp_path: Path, build_app) -> None:
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the data folder should be")
    app = build_app(Library(blocker), sync=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ErrorScreen)
        await pilot.press("enter")
        await pilot.pause()
        status = str(app.screen.query_one(SyncStatus).content)
        assert "up to date" not in status and "not indexed" in status
