"""Entities across the whole library, kept beside the index so listing them never reads every article."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from corpus.model import Article
from search.results import EntitySummary


@dataclass
class _Record:
    name: str
    type: str
    aliases: set[str] = field(default_factory=set)
    roles: dict[str, str] = field(default_factory=dict)
    mentions: dict[str, int] = field(default_factory=dict)


class EntityRegistry:
    """key -> display name, type, aliases, per-article roles and mention counts."""

    def __init__(self, records: dict[str, _Record] | None = None) -> None:
        self._records = records or {}

    @classmethod
    def load(cls, path: Path) -> EntityRegistry:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        records = {
            key: _Record(r["name"], r["type"], set(r["aliases"]), dict(r["roles"]), dict(r["mentions"]))
            for key, r in raw.items()
        }
        return cls(records)

    def save(self, path: Path) -> None:
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
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)

    def add(self, article: Article) -> None:
        for entity in article.entities:
            record = self._records.setdefault(entity.key, _Record(entity.name, entity.type.value))
            if len(entity.name) > len(record.name):
                record.aliases.add(record.name)
                record.name = entity.name
            record.aliases.update(a for a in (entity.name, *entity.aliases) if a != record.name)
            if entity.role:
                record.roles[article.id] = entity.role
            record.mentions[article.id] = record.mentions.get(article.id, 0) + max(entity.count, 1)

    def forget(self, article_id: str) -> None:
        for key in list(self._records):
            record = self._records[key]
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
