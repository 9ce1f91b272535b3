"""Feed subscriptions: a small JSON file in the data dir, and the folder of item files they fill.

Each subscription keeps what polite polling needs (ETag, Last-Modified, Retry-After, gone) and what
`feeds list` shows. Writes are atomic and taken under a file lock, merged record by record, so a
refresh in the app and a `feeds add` in a shell never lose each other's changes.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from search.errors import SearchError

FEEDS_FOLDER = "feeds"
SUBSCRIPTIONS_FILE = "subscriptions.json"
ITEMS_FOLDER = "items"
LOCK_FILE = "feeds.lock"

STATUS_OK = "ok"
STATUS_NOT_MODIFIED = "not_modified"
STATUS_ERROR = "error"
STATUS_GONE = "gone"
STATUS_NEVER = "never"


@dataclass(frozen=True, slots=True)
class Subscription:
    """One feed. `key` names its items folder and never changes, even when a 301 moves the URL."""

    url: str
    key: str
    name: str | None = None
    title: str | None = None
    status: str = STATUS_NEVER
    last_checked: str | None = None
    last_new: str | None = None
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    retry_until: str | None = None
    full_text: bool = True

    @property
    def label(self) -> str:
        return self.name or self.title or self.url

    def waiting(self, now: dt.datetime | None = None) -> bool:
        """Still inside a server's Retry-After."""
        if not self.retry_until:
            return False
        try:
            until = dt.datetime.fromisoformat(self.retry_until)
        except ValueError:
            return False
        return (now or dt.datetime.now(dt.UTC)) < until


def feed_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:12]


def now_text() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class FeedStore:
    """The subscriptions of one data dir and their item files (`items/<key>/<entry>.json`)."""

    def __init__(self, data_dir: Path) -> None:
        self.folder = Path(data_dir) / FEEDS_FOLDER
        self.items_root = self.folder / ITEMS_FOLDER
        self._path = self.folder / SUBSCRIPTIONS_FILE
        self._thread_lock = threading.RLock()

    # -- reading ----------------------------------------------------------------------------------
    def load(self) -> list[Subscription]:
        try:
            raw = json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            raise SearchError(f"the feed subscriptions ({self._path}) are unreadable: {exc}") from exc
        known = {f.name for f in fields(Subscription)}
        subscriptions = []
        for row in raw if isinstance(raw, list) else []:
            if isinstance(row, dict) and isinstance(row.get("url"), str) and isinstance(row.get("key"), str):
                subscriptions.append(Subscription(**{k: v for k, v in row.items() if k in known}))
        return subscriptions

    def find(self, url_or_name: str) -> Subscription | None:
        wanted = url_or_name.strip()
        subscriptions = self.load()
        for match in (lambda s: s.url == wanted, lambda s: (s.name or "") == wanted,
                      lambda s: (s.title or "") == wanted, lambda s: s.label.casefold() == wanted.casefold()):
            found = [s for s in subscriptions if match(s)]
            if found:
                return found[0]
        return None

    def items_folder(self, key: str) -> Path:
        return self.items_root / key

    def article_count(self, key: str) -> int:
        try:
            with os.scandir(self.items_folder(key)) as listing:
                return sum(1 for entry in listing if entry.name.endswith(".json"))
        except OSError:
            return 0

    # -- writing ----------------------------------------------------------------------------------
    def add(self, subscription: Subscription) -> bool:
        """False when the URL is already subscribed."""
        added = False

        def change(current: list[Subscription]) -> list[Subscription]:
            nonlocal added
            if any(s.url == subscription.url or s.key == subscription.key for s in current):
                return current
            added = True
            return [*current, subscription]

        self._modify(change)
        return added

    def add_many(self, subscriptions: list[Subscription]) -> list[Subscription]:
        """The ones that were new (imports of long OPML lists take one write)."""
        added: list[Subscription] = []

        def change(current: list[Subscription]) -> list[Subscription]:
            urls = {s.url for s in current} | {s.key for s in current}
            for sub in subscriptions:
                if sub.url not in urls and sub.key not in urls:
                    urls.update((sub.url, sub.key))
                    added.append(sub)
            return [*current, *added]

        self._modify(change)
        return added

    def remove(self, subscription: Subscription, *, keep_articles: bool) -> None:
        self._modify(lambda current: [s for s in current if s.key != subscription.key])
        if not keep_articles:
            shutil.rmtree(self.items_folder(subscription.key), ignore_errors=True)

    def save_updates(self, updates: dict[str, Subscription]) -> None:
        """Replace records by key; a feed removed meanwhile stays removed."""
        if updates:
            self._modify(lambda current: [updates.get(s.key, s) for s in current])

    def set(self, subscription: Subscription, **changes: Any) -> Subscription:
        changed = replace(subscription, **changes)
        self.save_updates({subscription.key: changed})
        return changed

    def _modify(self, change: Callable[[list[Subscription]], list[Subscription]]) -> None:
        with self.locked():
            current = self.load()
            updated = change(current)
            if updated is not current:
                _write_json(self._path, [_row(s) for s in updated])

    @contextmanager
    def locked(self) -> Iterator[None]:
        """One writer at a time, across threads and processes."""
        with self._thread_lock:
            self.folder.mkdir(parents=True, exist_ok=True)
            with open(self.folder / LOCK_FILE, "a+") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)


def _row(subscription: Subscription) -> dict[str, Any]:
    return {k: v for k, v in asdict(subscription).items() if v is not None}


def _write_json(path: Path, data: Any, *, indent: int | None = 1) -> None:
    """Whole or not at all, even under kill -9 or a power cut: a temporary file in the same folder,
    fsynced, renamed over. (A refresh's item files go through search.durable, which syncs a batch at once.)"""
    path.parent.mkdir(parents=True, exist_ok=True)
    # A dot name: a temporary file left by kill -9 is never read as a source (hidden files are skipped).
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=indent)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def item_text(record: dict[str, Any]) -> str:
    """One JSON object on one line: the JSON Lines reader reads it like any added file."""
    return json.dumps(record, ensure_ascii=False)


def read_item(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
