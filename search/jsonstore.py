"""Small JSON files that several processes share (the app and the CLI): locked, atomic, never lost.

A change is read-modify-write under an exclusive `flock`, so the CLI adding a saved search while the
app marks an article read loses neither. Writes go to a uniquely named temporary file and replace the
target with `os.replace`. A file that cannot be read is renamed aside (`NAME.damaged-TIMESTAMP`) and
the caller gets defaults plus a notice, so the next save never overwrites it silently.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Generic, TypeVar

from search.atomic import take_lock
from search.errors import SearchError

LOCK_WAIT_SECONDS = 10.0
T = TypeVar("T")
# Reads a file's JSON into a value; returns it and how many entries it had to leave out.
Parse = Callable[[Any], tuple[T, int]]


class JsonFile(Generic[T]):
    """One JSON file held in memory, reloaded when another process changed it (size or mtime)."""

    def __init__(
        self,
        path: Path,
        parse: Parse[T],
        dump: Callable[[T], Any],
        default: Callable[[], T],
        lock_path: Path,
        notices: list[str],
    ) -> None:
        self.path = path
        self._parse, self._dump, self._default = parse, dump, default
        self._lock_path = lock_path
        self._notices = notices
        self._stamp: tuple[int, int] | None = None
        self._value: T | None = None
        # Threads of one process (the app's UI and its workers) share the value: changes and copies
        # are made under this lock; other processes are kept apart by the file lock.
        self.thread_lock = threading.RLock()

    def value(self) -> T:
        """The live value: read it under `thread_lock` (or take a copy there) if another thread may change it."""
        with self.thread_lock:
            self._reload_if_changed()
            assert self._value is not None
            return self._value

    def stamp(self) -> tuple[int, int] | None:
        """The file's (mtime, size) now: a change means another process (or thread) saved it."""
        return self._current_stamp()

    def exists(self) -> bool:
        return self.path.exists()

    def update(self, change: Callable[[T], None]) -> T:
        """Apply `change` to the newest copy on disk and write it back, all under the lock."""
        with self.thread_lock, self.locked():
            self._reload_if_changed()
            assert self._value is not None
            change(self._value)
            self._write(self._value)
            return self._value

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        try:
            self._lock_path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(self._lock_path, "a+")  # noqa: SIM115 - held for the whole block
        except OSError as exc:
            raise SearchError(f"cannot write in {self._lock_path.parent}: {exc.strerror or exc}") from exc
        try:
            if not take_lock(handle, LOCK_WAIT_SECONDS, poll=0.02):
                raise SearchError(f"{self.path.name} stays locked by another alliance-reader")
            yield
        finally:
            handle.close()  # closing releases the lock

    def _current_stamp(self) -> tuple[int, int] | None:
        try:
            info = self.path.stat()
        except OSError:
            return None
        return (info.st_mtime_ns, info.st_size)

    def _reload_if_changed(self) -> None:
        stamp = self._current_stamp()
        if self._value is not None and stamp == self._stamp:
            return
        self._value = self._load()
        self._stamp = self._current_stamp()

    def _load(self) -> T:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return self._default()
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            self._keep_aside(f"could not be read ({exc.__class__.__name__})", move=True)
            return self._default()
        try:
            value, dropped = self._parse(raw)
        except (TypeError, ValueError, AttributeError) as exc:
            self._keep_aside(f"does not have the expected shape ({exc})", move=True)
            return self._default()
        if dropped:
            self._keep_aside(f"had {dropped} entr{'y' if dropped == 1 else 'ies'} that were not valid", move=False)
        return value

    def _keep_aside(self, why: str, *, move: bool) -> None:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{os.getpid()}")
        try:
            (os.replace if move else shutil.copyfile)(self.path, aside)
        except OSError:
            aside = self.path
        kept = "" if aside == self.path else f"; the file was kept as {aside.name}"
        what = "defaults are used" if move else "they were left out"
        self._notices.append(f"{self.path} {why}: {what}{kept}.")

    def _write(self, value: T) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self._dump(value), handle, ensure_ascii=False, indent=1)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, self.path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        self._stamp = self._current_stamp()
