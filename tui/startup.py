"""The app's start: Python's cyclic garbage collector paused until the first rows are painted.

Loading Textual and building the first screen allocate ~a million objects that nearly all live for the
whole run (modules, classes, styles, widgets); the collector walked them again and again while they
were made: ~65 ms of collections (121 of them) in ~425 ms of imports and the first page of the seeds.
Nothing collectable piles up in that second, so collection waits for the first rows, and at the latest
a few seconds (a first launch builds its index before it has rows).
"""

from __future__ import annotations

import gc

_paused = False


def pause_collection() -> None:
    """Called by the CLI just before it imports and runs the app; a no-op if collection is off already."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume_collection() -> None:
    """Collection as usual again (only if `pause_collection` turned it off); idempotent."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()


def collection_paused() -> bool:
    return _paused
