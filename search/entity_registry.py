"""Entities across the whole library, kept beside the index so listing them never reads every article.

At 100,000 articles the registry holds millions of (entity, article) pairs, so nothing per article may
cost O(registry): an article -> keys map makes `forget` touch only that article's entities, and changes
are appended to a journal (`entities.json.log`, one JSON line per article) that is folded into
`entities.json` only by `save()` at the end of a sync. `add` replaces what an article had, so
replaying a journal line twice (a chunk re-done after a kill) changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus.model import Article
from search.atomic import write_atomically
from search.results import EntitySummary


@dataclass
class _Record:
    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    roles: dict[str, str] = field(default_factory=dict)
    mentions: dict[str, int] = field(default_factory=dict)


# One entity as one article mentions it: key, name, type, aliases, role, mention count.
_Mention = tuple[str, str, str, list[str], str | None, int]


class EntityRegistry:
    """key -> display name, type, aliases, per-article roles and mention counts."""

    def __init__(self, records: dict[str, _Record] | None = None) -> None:
        self._records = records or {}
        self._by_article: dict[str, set[str]] = {}
        for key, record in self._records.items():
            for article_id in record.mentions:
                self._by_article.setdefault(article_id, set()).add(key)
        self._journal: list[dict[str, Any]] = []
        # None when loaded whole; "missing" or "damaged" tells the index to rebuild it from the articles.
        self.health: str | None = None

    @classmethod
    def load(cls, path: Path) -> EntityRegistry:
        health = None
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            records = {
                key: _Record(r["name"], r["type"], set(r["aliases"]), dict(r["roles"]), dict(r["mentions"]))
                for key, r in raw.items()
            }
        except FileNotFoundError:
            records, health = {}, "missing"
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            records, health = {}, "damaged"
        registry = cls(records)
        registry.health = health
        registry._replay(_journal_path(path))
        return registry

    @staticmethod
    def quick_health(path: Path) -> str | None:
        """What `load().health` would say for a missing, emptied or cut-off file, from a few bytes (a
        sync must not parse a registry of millions of pairs just to check it)."""
        try:
            with path.open("rb") as handle:
                head = handle.read(16).lstrip()
                handle.seek(max(0, path.stat().st_size - 16))
                tail = handle.read().rstrip()
        except FileNotFoundError:
            return "missing"
        except OSError:
            return "damaged"
        return None if head.startswith(b"{") and tail.endswith(b"}") else "damaged"

    def _replay(self, journal: Path) -> None:
        try:
            lines = journal.read_text(encoding="utf-8").splitlines()
        except OSError:
            return
        for line in lines:
            try:
                entry = json.loads(line)
                if entry["op"] == "add":
                    self._apply_add(entry["id"], [tuple(m) for m in entry["entities"]])
                elif entry["op"] == "forget":
                    self._apply_forget(entry["id"])
            except (ValueError, KeyError, TypeError):
                continue  # a line torn by a kill: its chunk was not committed and will be redone
        self._journal.clear()

    def save(self, path: Path) -> None:
        """The whole registry, atomically; the journal it includes is then removed."""
        data = {
            key: {
                "name": r.name,
                "type": r.type,
                "aliases": sorted(r.aliases),
                "roles": r.roles,
                "mentions": r.mentions,
            }
            for key, r in self._records.items()
        }
        write_atomically(path, json.dumps(data, ensure_ascii=False))
        _journal_path(path).unlink(missing_ok=True)
        self._journal.clear()

    def flush(self, path: Path) -> None:
        """Append the changes since the last flush to the journal: O(changes), not O(registry)."""
        if not self._journal:
            return
        with _journal_path(path).open("a", encoding="utf-8") as handle:
            handle.write("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in self._journal))
        self._journal.clear()

    def compact(self, path: Path) -> None:
        """Flush, and fold the journal into the main file once it has grown to a quarter of it."""
        self.flush(path)
        try:
            journal = _journal_path(path).stat().st_size
        except OSError:
            return
        try:
            base = path.stat().st_size
        except OSError:
            base = 0
        if journal > max(base // 4, 1 << 20):
            self.save(path)

    @staticmethod
    def file_state(path: Path) -> tuple[tuple[int, int] | None, ...]:
        """Size and mtime of the file and its journal: tells whether another process changed them."""
        states: list[tuple[int, int] | None] = []
        for item in (path, _journal_path(path)):
            try:
                stat = item.stat()
                states.append((stat.st_size, stat.st_mtime_ns))
            except OSError:
                states.append(None)
        return tuple(states)

    def add(self, article: Article) -> None:
        """Record the article's entities, replacing whatever it had before."""
        mentions: list[_Mention] = [
            (e.key, e.name, e.type.value, list(e.aliases), e.role, max(e.count, 1)) for e in article.entities
        ]
        self._apply_add(article.id, mentions)
        self._journal.append({"op": "add", "id": article.id, "entities": mentions})

    def forget(self, article_id: str) -> None:
        if article_id in self._by_article:
            self._apply_forget(article_id)
            self._journal.append({"op": "forget", "id": article_id})

    def _apply_add(self, article_id: str, mentions: list[_Mention]) -> None:
        self._apply_forget(article_id)
        for key, name, type_, aliases, role, count in mentions:
            record = self._records.setdefault(key, _Record(name, type_))
            if len(name) > len(record.name):
                record.aliases.add(record.name)
                record.name = name
            record.aliases.update(a for a in (name, *aliases) if a != record.name)
            if role:
                record.roles[article_id] = role
            record.mentions[article_id] = record.mentions.get(article_id, 0) + count
            self._by_article.setdefault(article_id, set()).add(key)

    def _apply_forget(self, article_id: str) -> None:
        for key in self._by_article.pop(article_id, ()):
            record = self._records.get(key)
            if record is None:
                continue
            record.mentions.pop(article_id, None)
            record.roles.pop(article_id, None)
            if not record.mentions:
                del self._records[key]

    def get(self, key: str) -> EntitySummary | None:
        record = self._records.get(key)
        return None if record is None else _summary(key, record)

    def summaries(self) -> list[EntitySummary]:
        items = [_summary(k, r) for k, r in self._records.items()]
        return sorted(items, key=lambda e: (-len(e.articles), -e.mentions, e.name.casefold()))


def _journal_path(path: Path) -> Path:
    return path.with_name(path.name + ".log")


def _summary(key: str, record: _Record) -> EntitySummary:
    roles = tuple(dict.fromkeys(record.roles.values()))
    return EntitySummary(
        key=key,
        name=record.name,
        type=record.type,
        aliases=tuple(sorted(record.aliases)),
        roles=roles,
        articles=tuple(sorted(record.mentions)),
        mentions=sum(record.mentions.values()),
    )
