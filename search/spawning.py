"""Worker processes started from inside the app.

Python starts its resource tracker on the first "spawn" pool and hands it `sys.stderr.fileno()`. Under
Textual, `sys.stderr` is a capture object whose `fileno()` is -1, so every pool the app started failed
with "bad value(s) in fds_to_keep": entity extraction of any sizeable library and the parallel build of
a large one ended in "The library could not be indexed". The tracker is therefore started here with the
real standard error first; once it runs, later pools reuse it.
"""

from __future__ import annotations

import os
import sys
from multiprocessing import get_context, resource_tracker
from multiprocessing.context import SpawnContext

# Worker processes for a build or an entity pass: two at most (each holds a segment or spaCy in memory).
WORKERS = max(1, min(2, os.cpu_count() or 1))


def spawn_context() -> SpawnContext:
    """The "spawn" context, with the resource tracker running (see the module's note)."""
    _start_resource_tracker()
    return get_context("spawn")


def _start_resource_tracker() -> None:
    saved = sys.stderr
    try:
        if _fileno(saved) < 0 and sys.__stderr__ is not None and _fileno(sys.__stderr__) >= 0:
            sys.stderr = sys.__stderr__
        resource_tracker.ensure_running()
    finally:
        sys.stderr = saved


def _fileno(stream: object) -> int:
    try:
        return int(stream.fileno())  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return -1
