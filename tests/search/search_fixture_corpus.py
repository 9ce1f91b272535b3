"""A six-article library for search tests, with dates, sources and entities the tests can rely on.

The .txt reader gives titles and paragraphs; the metadata a richer reader would find is attached by
wrapping `read_source` while the index is built, so the tests do not depend on corpus parsing rules.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from corpus import ingest as ingest_module
from corpus.model import DateConfidence, Entity, EntityType, PublishedDate
from search.library import Library

ARTICLES: dict[str, tuple[str, str | None, str | None, list[tuple[EntityType, str]]]] = {
    # file: (text, published, source, entities)
    "a1.txt": (
        "Hegseth meets Koizumi in Tokyo\n\n"
        "Secretary of War Pete Hegseth met Defence Minister Shinjirō Koizumi in Tokyo. "
        "Hegseth praised Japan's rising defense spending.\n\n"
        "The allies agreed on upgrading command-and-control and on missile defense cooperation.",
        "2025-01-15",
        "The Japan Times",
        [(EntityType.PERSON, "Pete Hegseth"), (EntityType.PERSON, "Shinjiro Koizumi"), (EntityType.PLACE, "Tokyo")],
    ),
    "a2.txt": (
        "Koizumi visits Washington\n\n"
        "Shinjiro Koizumi discussed ballistic missile and air defense with U.S. officials at the Pentagon.\n\n"
        "Both sides said the defenses of the alliance must keep pace.",
        "2025-06-03",
        "Kyodo",
        [(EntityType.PERSON, "Shinjiro Koizumi"), (EntityType.ORG, "Pentagon"), (EntityType.PLACE, "Washington")],
    ),
    "a3.txt": (
        "Alliance budget debate in the Diet\n\n"
        "Lawmakers debated the defence budget and the command and control reforms.\n\n"
        "The opposition asked how US forces in Okinawa would be affected.",
        "2023-03-10",
        "The Japan Times",
        [(EntityType.ORG, "Diet"), (EntityType.PLACE, "Okinawa")],
    ),
    "a4.txt": (
        "Korea and Japan trade talks\n\n"
        "Trade ministers from Korea and Japan met to discuss semiconductors and export controls.",
        "2022-11-20",
        "Nikkei",
        [(EntityType.PLACE, "Korea")],
    ),
    "a5.txt": (
        "Undated note on China\n\nChina watched the exercises closely, a commentary said.",
        None,
        None,
        [],
    ),
    "a6.txt": (
        "Japan defense spending reaches a record\n\n"
        "Japan's cabinet approved record defense spending for the new year.\n\n"
        "Officials cited missile threats and Hegseth's call for burden sharing.",
        "2024-12-01",
        "Kyodo",
        [(EntityType.PERSON, "Pete Hegseth")],
    ),
}

TITLES = {name: text.split("\n", 1)[0] for name, (text, *_rest) in ARTICLES.items()}


def build_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    root = tmp_path_factory.mktemp("search-library")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, (text, *_rest) in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    original = ingest_module.read_source

    def read_with_metadata(source):  # type: ignore[no-untyped-def]
        articles, problems = original(source)
        _text, published, outlet, entities = ARTICLES[Path(source.path).name]
        enriched = []
        for article in articles:
            date = PublishedDate(dt.date.fromisoformat(published), DateConfidence.STATED, "test") if published else None
            found = tuple(Entity(n, t, f"{t.value}:{n.lower()}", mentions=()) for t, n in entities)
            enriched.append(article.with_(published=date or PublishedDate(), source=outlet, entities=found))
        return enriched, problems

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ingest_module, "read_source", read_with_metadata)
        library = Library(root / "data", sources=[corpus])
        library.sync(entities=False)
    return library


def titles(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [hit.article.title for hit in result.hits]


def found(library: Library, text: str) -> set[str]:
    """Titles of what `text` finds, as a set."""
    return set(titles(library.search(text)))
