"""The app's own small files: settings and keymap in the config dir, reading state in the data dir.

This is the only place under `tui/` that touches files. Writes go through a temporary file and
`os.replace`, so a crash never leaves half a file; a file that cannot be read gives defaults and a
notice for the user instead of an exception.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from tui.setting_rules import CONTROL, int_range, one_of, plain_text, valid_keymap, validated

SETTINGS_FILE = "settings.json"
KEYMAP_FILE = "keymap.json"
STATE_FILE = "state.json"
HISTORY_LIMIT = 100
SORT_ORDERS = ("date", "relevance", "title")
LIST_WIDTHS = (20, 200)
LIST_WIDTH_AUTO = 0
SIDEBAR_WIDTHS = (18, 60)
HISTORY_ENTRY_LIMIT = 2000  # the query language's own limit
LEGACY_STATE_KEYS = ("read", "bookmarks")
MARK_READ_WHEN = ("open", "enter")


@dataclass
class Settings:
    """Choices the user makes about how the app looks; `sidebar_visible=None` follows the width,
    `list_width=LIST_WIDTH_AUTO` lets the list grow with the terminal until the user sets a width.

    Each field's metadata is its rule for loading (tui.setting_rules); a field without one must at
    least have its default's type.
    """

    theme: str = field(default="textual-dark", metadata=plain_text())
    sort: str = field(default="date", metadata=one_of(*SORT_ORDERS))
    query_sort: str = field(default="relevance", metadata=one_of(*SORT_ORDERS))
    list_width: int = field(default=LIST_WIDTH_AUTO, metadata=int_range(LIST_WIDTH_AUTO, LIST_WIDTHS[1]))
    sidebar_width: int = field(default=30, metadata=int_range(*SIDEBAR_WIDTHS))
    sidebar_visible: bool | None = None
    feed_refresh_minutes: int = field(default=0, metadata=int_range(0, 24 * 60))  # 0 is off
    # When an open article becomes read: "open" (shown in the reader for read_after_seconds, or
    # Enter/scrolling in it) or "enter" (only Enter or scrolling in it).
    mark_read: str = field(default="open", metadata=one_of(*MARK_READ_WHEN))
    read_after_seconds: float = field(default=2.0, metadata=int_range(0, 3600))


@dataclass
class ReadingState:
    """Where the user was: past queries and the last article. Read marks, bookmarks, tags and notes
    are the user's data (search.userdata), shared with the CLI; they were here before and are taken
    over from this file's "read" and "bookmarks" on first use."""

    history: list[str] = field(default_factory=list)
    last_article: str | None = None


class Store:
    """Loads everything once at start-up and saves each part when it changes."""

    def __init__(self, config_dir: Path, data_dir: Path) -> None:
        self.config_dir = Path(config_dir)
        self.data_dir = Path(data_dir)
        self.notices: list[str] = []
        settings_path, keymap_path = self.config_dir / SETTINGS_FILE, self.config_dir / KEYMAP_FILE
        values, notices = validated(Settings, self._load(settings_path), str(settings_path))
        self.settings = Settings(**values)
        self.keymap, keymap_notices = valid_keymap(self._load(keymap_path), str(keymap_path))
        self.notices += notices + keymap_notices
        raw_state = self._load(self.data_dir / STATE_FILE)
        self._legacy = {k: raw_state[k] for k in LEGACY_STATE_KEYS if k in raw_state}
        history = _strings(raw_state.get("history"))
        clean_history = [q for q in history if _plain(q, HISTORY_ENTRY_LIMIT)]
        if len(clean_history) != len(history) or not isinstance(raw_state.get("history", []), list):
            self.notices.append(f"Some past searches in {self.data_dir / STATE_FILE} were not valid and were left out.")
        last = raw_state.get("last_article")
        self.state = ReadingState(
            history=clean_history[-HISTORY_LIMIT:],
            last_article=last if isinstance(last, str) and _plain(last, 200) else None,
        )

    def save_settings(self) -> str | None:
        return _write_json(self.config_dir / SETTINGS_FILE, asdict(self.settings))

    def save_state(self) -> str | None:
        state = self.state
        data = {
            **self._legacy,  # kept until the user data has taken them over (never dropped unread)
            "history": state.history[-HISTORY_LIMIT:],
            "last_article": state.last_article,
        }
        return _write_json(self.data_dir / STATE_FILE, data)

    def remember_query(self, query: str) -> None:
        query = query.strip()
        if not query:
            return
        history = [q for q in self.state.history if q != query]
        history.append(query)
        self.state.history = history[-HISTORY_LIMIT:]

    def _load(self, path: Path) -> dict[str, Any]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            self.notices.append(f"Could not read {path} ({exc.__class__.__name__}); using defaults.")
            return {}
        if not isinstance(data, dict):
            self.notices.append(f"{path} does not hold a JSON object; using defaults.")
            return {}
        return data


def _plain(text: str, limit: int) -> bool:
    """Text fit to show: not empty, not too long, no control or escape characters."""
    return bool(text.strip()) and len(text) <= limit and not CONTROL.search(text)


def _strings(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _write_json(path: Path, data: dict[str, Any]) -> str | None:
    """Write atomically; return a plain-words problem instead of raising, so saving never crashes."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, indent=2, ensure_ascii=False)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        return f"Could not save {path}: {exc.strerror or exc}"
    return None
