"""What the user has done with articles: read marks, bookmarks, tags, notes and saved searches.

It lives in the data dir beside (not inside) the libraries, keyed by article id (a stable hash of
where an article came from), so it survives `index --rebuild`, a schema change and a moved source
folder. Two files, so marking an article read never rewrites the saved searches' seen lists:
`userdata.json` (articles) and `saved_searches.json`. Both are shared with the CLI through
search.jsonstore (locked, atomic, damaged files kept aside). On first use, read marks and bookmarks
are taken over from the app's older `state.json`.

A saved search's "new" count is the number of its matches that were not among its matches when it
was last opened: exact, and unaffected by a rebuild (which re-indexes the same ids).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from search.errors import SearchError
from search.jsonstore import JsonFile

USERDATA_FILE = "userdata.json"
SAVED_FILE = "saved_searches.json"
LOCK_FILE = "userdata.lock"
LEGACY_STATE_FILE = "state.json"
FORMAT_VERSION = 1
MAX_ID = 200
MAX_TAG = 40
MAX_NAME = 80
MAX_NOTE = 100_000
MAX_QUERY = 2000
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_TAG_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Note:
    text: str
    updated: str  # ISO 8601, UTC


@dataclass(frozen=True, slots=True)
class SavedSearch:
    name: str
    query: str
    last_opened: str | None = None  # ISO 8601, UTC; None: never opened
    seen: frozenset[str] = frozenset()


@dataclass
class ArticleMarks:
    read: set[str] = field(default_factory=set)
    bookmarks: set[str] = field(default_factory=set)
    tags: dict[str, set[str]] = field(default_factory=dict)
    notes: dict[str, Note] = field(default_factory=dict)
    # article id -> the text's content hash, so marks follow an article whose file moved (new id)
    hashes: dict[str, str] = field(default_factory=dict)

    def marked_ids(self) -> set[str]:
        return self.read | self.bookmarks | set(self.tags) | set(self.notes)


@dataclass(frozen=True, slots=True)
class UserView:
    """A frozen copy for one query: what `is:`, `tag:` and `note:` resolve against."""

    read: frozenset[str] = frozenset()
    bookmarks: frozenset[str] = frozenset()
    tags: dict[str, frozenset[str]] = field(default_factory=dict)  # tag -> article ids
    notes: dict[str, str] = field(default_factory=dict)  # article id -> note text


def clean_tag(text: str) -> str:
    """Tags are compared as written here: folded case, single dashes for spaces, no controls."""
    tag = _TAG_SPACE.sub("-", _CONTROL.sub("", unicodedata.normalize("NFC", text)).strip()).casefold()
    return tag.strip('-,:"()')[:MAX_TAG]


def _valid_id(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= MAX_ID and not _CONTROL.search(value)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _id_list(raw: Any) -> tuple[set[str], int]:
    if not isinstance(raw, list):
        return set(), 0 if raw is None else 1
    good = {v for v in raw if _valid_id(v)}
    return good, sum(1 for v in raw if not _valid_id(v))


def _parse_marks(raw: Any) -> tuple[ArticleMarks, int]:
    if not isinstance(raw, dict):
        raise ValueError("not a JSON object")
    read, bad_read = _id_list(raw.get("read"))
    bookmarks, bad_marks = _id_list(raw.get("bookmarks"))
    dropped = bad_read + bad_marks
    tags: dict[str, set[str]] = {}
    for article_id, values in (raw.get("tags") or {}).items():
        cleaned = {clean_tag(v) for v in values if isinstance(v, str)} if isinstance(values, list) else set()
        cleaned.discard("")
        if not _valid_id(article_id) or not cleaned:
            dropped += 1
            continue
        tags[article_id] = cleaned
    notes: dict[str, Note] = {}
    for article_id, note in (raw.get("notes") or {}).items():
        text = note.get("text") if isinstance(note, dict) else None
        updated = note.get("updated") if isinstance(note, dict) else None
        if not _valid_id(article_id) or not isinstance(text, str) or len(text) > MAX_NOTE or not text.strip():
            dropped += 1
            continue
        notes[article_id] = Note(text, updated if isinstance(updated, str) else "")
    hashes = {k: v for k, v in (raw.get("hashes") or {}).items() if _valid_id(k) and _valid_id(v)}
    return ArticleMarks(read, bookmarks, tags, notes, hashes), dropped


def _dump_marks(marks: ArticleMarks) -> dict[str, Any]:
    return {
        "version": FORMAT_VERSION,
        "read": sorted(marks.read),
        "bookmarks": sorted(marks.bookmarks),
        "tags": {k: sorted(v) for k, v in sorted(marks.tags.items())},
        "notes": {k: {"text": n.text, "updated": n.updated} for k, n in sorted(marks.notes.items())},
        "hashes": dict(sorted(marks.hashes.items())),
    }


def _parse_saved(raw: Any) -> tuple[list[SavedSearch], int]:
    if not isinstance(raw, dict):
        raise ValueError("not a JSON object")
    found: list[SavedSearch] = []
    dropped = 0
    for item in raw.get("searches") or []:
        name = item.get("name") if isinstance(item, dict) else None
        query = item.get("query") if isinstance(item, dict) else None
        if not isinstance(name, str) or not clean_name(name) or not isinstance(query, str) or len(query) > MAX_QUERY:
            dropped += 1
            continue
        if any(s.name == clean_name(name) for s in found):
            dropped += 1
            continue
        opened = item.get("last_opened")
        seen, bad = _id_list(item.get("seen"))
        dropped += bad
        found.append(SavedSearch(clean_name(name), query, opened if isinstance(opened, str) else None, frozenset(seen)))
    return found, dropped


def _dump_saved(searches: list[SavedSearch]) -> dict[str, Any]:
    return {
        "version": FORMAT_VERSION,
        "searches": [
            {"name": s.name, "query": s.query, "last_opened": s.last_opened, "seen": sorted(s.seen)} for s in searches
        ],
    }


def clean_name(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())[:MAX_NAME]


class UserData:
    """The user's marks and saved searches in `data_dir`; every change is saved at once."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.notices: list[str] = []
        lock = self.data_dir / LOCK_FILE
        self._marks = JsonFile(
            self.data_dir / USERDATA_FILE, _parse_marks, _dump_marks, ArticleMarks, lock, self.notices
        )
        self._saved = JsonFile(self.data_dir / SAVED_FILE, _parse_saved, _dump_saved, list, lock, self.notices)
        self._migrated = False

    # -- reading --------------------------------------------------------------------------------
    def marks(self) -> ArticleMarks:
        """A copy, safe to read while another thread changes the marks."""
        self._migrate()
        with self._marks.thread_lock:
            m = self._marks.value()
            return ArticleMarks(set(m.read), set(m.bookmarks), dict(m.tags), dict(m.notes), dict(m.hashes))

    def view(self) -> UserView:
        marks = self.marks()
        by_tag: dict[str, set[str]] = {}
        for article_id, tags in marks.tags.items():
            for tag in tags:
                by_tag.setdefault(tag, set()).add(article_id)
        return UserView(
            read=frozenset(marks.read),
            bookmarks=frozenset(marks.bookmarks),
            tags={t: frozenset(ids) for t, ids in by_tag.items()},
            notes={k: n.text for k, n in marks.notes.items()},
        )

    def tags_of(self, article_id: str) -> tuple[str, ...]:
        return tuple(sorted(self.marks().tags.get(article_id, ())))

    def note_of(self, article_id: str) -> Note | None:
        return self.marks().notes.get(article_id)

    def all_tags(self) -> list[tuple[str, int]]:
        """Every tag in use with how many articles carry it, most used first."""
        counts: dict[str, int] = {}
        for tags in self.marks().tags.values():
            for tag in tags:
                counts[tag] = counts.get(tag, 0) + 1
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    def stamp(self) -> tuple[object, object]:
        """Changes when either file changes on disk (e.g. the CLI tagged an article while the app runs)."""
        return (self._marks.stamp(), self._saved.stamp())

    def saved_searches(self) -> list[SavedSearch]:
        with self._saved.thread_lock:
            return list(self._saved.value())

    def saved_search(self, name: str) -> SavedSearch:
        wanted = clean_name(name)
        for search in self.saved_searches():
            if search.name.casefold() == wanted.casefold():
                return search
        raise SearchError(f"there is no saved search called {name!r}")

    # -- changing -------------------------------------------------------------------------------
    def set_read(self, article_ids: Iterable[str], read: bool = True) -> None:
        ids = {i for i in article_ids if _valid_id(i)}
        self._migrate()
        self._change(self._marks, lambda m: m.read.update(ids) if read else m.read.difference_update(ids))

    def set_bookmark(self, article_id: str, bookmarked: bool) -> None:
        self._migrate()

        def change(marks: ArticleMarks) -> None:
            (marks.bookmarks.add if bookmarked else marks.bookmarks.discard)(article_id)

        self._change(self._marks, change)

    def set_tags(self, article_id: str, tags: Iterable[str]) -> tuple[str, ...]:
        cleaned = {clean_tag(t) for t in tags} - {""}

        def change(marks: ArticleMarks) -> None:
            if cleaned:
                marks.tags[article_id] = set(cleaned)
            else:
                marks.tags.pop(article_id, None)

        self._migrate()
        self._change(self._marks, change)
        return tuple(sorted(cleaned))

    def set_note(self, article_id: str, text: str) -> None:
        """An empty note removes it; notes longer than MAX_NOTE characters are refused, not cut."""
        if len(text) > MAX_NOTE:
            raise SearchError(f"a note can hold at most {MAX_NOTE:,} characters")

        def change(marks: ArticleMarks) -> None:
            if text.strip():
                marks.notes[article_id] = Note(text, _now())
            else:
                marks.notes.pop(article_id, None)

        self._migrate()
        self._change(self._marks, change)

    def remember_hashes(self, hashes: dict[str, str]) -> None:
        if hashes:
            self._change(self._marks, lambda m: m.hashes.update(hashes))

    def rekey(self, moved: dict[str, str]) -> None:
        """Marks of articles whose id changed (their file moved) carried over to the new ids."""

        def change(marks: ArticleMarks) -> None:
            for old, new in moved.items():
                for ids in (marks.read, marks.bookmarks):
                    if old in ids:
                        ids.discard(old)
                        ids.add(new)
                if old in marks.tags:
                    marks.tags[new] = marks.tags.get(new, set()) | marks.tags.pop(old)
                if old in marks.notes:
                    note = marks.notes.pop(old)
                    marks.notes.setdefault(new, note)
                if old in marks.hashes:
                    marks.hashes[new] = marks.hashes.pop(old)

        if moved:
            self._change(self._marks, change)

    def add_saved(self, name: str, query: str) -> SavedSearch:
        """Save (or replace) a search; its "new" count starts from now (all current matches are seen)."""
        name = clean_name(name)
        if not name:
            raise SearchError("a saved search needs a name")
        if len(query) > MAX_QUERY:
            raise SearchError(f"the query is too long to save (the limit is {MAX_QUERY} characters)")
        created = SavedSearch(name, query.strip(), None, frozenset())

        def change(searches: list[SavedSearch]) -> None:
            searches[:] = [s for s in searches if s.name.casefold() != name.casefold()] + [created]

        self._change(self._saved, change)
        return created

    def remove_saved(self, name: str) -> None:
        found = self.saved_search(name)
        self._change(self._saved, lambda searches: searches.remove(found) if found in searches else None)

    def rename_saved(self, old: str, new: str) -> None:
        found = self.saved_search(old)
        new = clean_name(new)
        if not new:
            raise SearchError("a saved search needs a name")
        if new.casefold() != found.name.casefold() and any(
            s.name.casefold() == new.casefold() for s in self.saved_searches()
        ):
            raise SearchError(f"there is already a saved search called {new!r}")

        def change(searches: list[SavedSearch]) -> None:
            searches[:] = [
                SavedSearch(new, s.query, s.last_opened, s.seen) if s.name == found.name else s for s in searches
            ]

        self._change(self._saved, change)

    def mark_opened(self, name: str, matching_ids: Iterable[str]) -> None:
        """The search was opened and showed these matches: none of them counts as new any more."""
        found = self.saved_search(name)
        seen = frozenset(matching_ids)

        def change(searches: list[SavedSearch]) -> None:
            searches[:] = [SavedSearch(s.name, s.query, _now(), seen) if s.name == found.name else s for s in searches]

        self._change(self._saved, change)

    # -- internals ------------------------------------------------------------------------------
    def _change(self, file: JsonFile[Any], change: Any) -> None:
        try:
            file.update(change)
        except OSError as exc:
            raise SearchError(f"could not save {file.path}: {exc.strerror or exc}") from exc

    def _migrate(self) -> None:
        """Read marks and bookmarks from the app's older state.json, once, when userdata.json is new."""
        if self._migrated:
            return
        self._migrated = True
        if self._marks.exists():
            return
        try:
            raw = json.loads((self.data_dir / LEGACY_STATE_FILE).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return
        if not isinstance(raw, dict):
            return
        read, _ = _id_list(raw.get("read"))
        bookmarks, _ = _id_list(raw.get("bookmarks"))
        if not read and not bookmarks:
            return

        def change(marks: ArticleMarks) -> None:
            marks.read |= read
            marks.bookmarks |= bookmarks

        try:
            self._marks.update(change)
        except (OSError, SearchError) as exc:
            self.notices.append(f"Could not take over read marks from {LEGACY_STATE_FILE}: {exc}")
