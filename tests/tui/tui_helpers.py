"""Waiting for the app to settle and reading what the user sees, as plain text."""

from __future__ import annotations

from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import WorkerCancelled

from tui.widgets.search_box import DEBOUNCE_SECONDS


async def settle(app: App[None], pilot: Pilot[None], rounds: int = 3) -> None:
    """Let workers finish and the messages they post be handled (each may start another worker).

    It first waits out the search box's debounce: typed text becomes a search only when that timer fires,
    and on a busy machine every worker could be done before it has.
    """
    await pilot.pause(DEBOUNCE_SECONDS + 0.02)
    for _ in range(rounds):
        await pilot.pause()
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            # A newer request superseded it (exclusive workers); the next round waits for that one.
            await pilot.pause()
    await pilot.pause()


def static_text(screen: Screen[object], selector: str) -> str:
    return "\n".join(str(widget.content) for widget in screen.query(selector).results(Static))
