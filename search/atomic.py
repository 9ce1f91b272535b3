"""Replacing a small state file whole: written beside it under a name no other process uses, then renamed.

A fixed temporary name (`sources.json.tmp`) let two processes write the same file at once, so one
rename found it gone or moved the other's half-written text into place.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO


def write_atomically(path: Path, text: str) -> None:
    """`path` holds `text` afterwards, or is unchanged: never half a file, whoever else writes."""
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def take_lock(handle: IO[str], wait: float, poll: float = 0.05, on_wait: Callable[[], None] | None = None) -> bool:
    """An exclusive lock on the open file, tried for `wait` seconds; False when another process kept it.
    `on_wait` is called once, when the lock is found taken, so a long wait can be explained."""
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() > deadline:
                return False
            if on_wait is not None:
                on_wait, notify = None, on_wait
                notify()
            time.sleep(poll)
