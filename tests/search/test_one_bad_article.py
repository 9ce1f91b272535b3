"""One article must never break the library's entity pass: long texts go in pieces, failures stay local."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from corpus.entities import extract_entities, nlp
from corpus.model import Article
from search.library import Library

VISIT = "Defence Minister Shinjiro Koizumi visited Okinawa on Monday. Koizumi met officials in Tokyo.\n\n"


def test_text_over_the_model_limit_is_read_in_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    model = nlp.load_ner()
    monkeypatch.setattr(model, "max_length", 20_000)  # spaCy's E088 check, at a size a test can afford
    monkeypatch.setattr(nlp, "PIECE", 5_000)
    body = (VISIT + "Filler text about nothing in particular. " * 60 + "\n\n") * 20
    assert len(body) > model.max_length
    (found,) = extract_entities([Article(id="long", title="Long", origin="t", paragraphs=(body,))])
    koizumi = [e for e in found if e.name == "Shinjiro Koizumi"]
    assert koizumi and koizumi[0].count >= 20
    for entity in found:
        for mention in entity.mentions:
            assert body[mention.start:mention.end].split()[-1] in entity.name + " " + " ".join(entity.aliases)


def _library(tmp_path: Path) -> Library:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(3):
        (corpus / f"a{n}.txt").write_text(f"Visit number {n}\n\n{VISIT}Story {n} goes on.\n")
    return Library(tmp_path / "data", [corpus])


def test_an_article_the_extractor_fails_on_costs_only_its_own_entities(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = _library(tmp_path)
    real = library._entity_workers()

    def fragile(articles: Sequence[Article]) -> list[Article]:
        if any("number 1" in a.title for a in articles):
            raise ValueError("[E088] Text of length 1000001 exceeds maximum")
        return real(articles)

    monkeypatch.setattr(library, "_entity_workers", lambda: fragile)
    try:
        report = library.sync()
        problems = [str(p) for p in report.problems]
        assert len(problems) == 1 and "a1.txt" in problems[0] and "entities could not be found" in problems[0]
        names = {e.name for e in library.entities()}
        assert "Shinjiro Koizumi" in names
        assert library.pending_entities() == 0
    finally:
        library.close()


def test_a_text_past_the_cap_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp, "MAX_TEXT", 2_000)
    library = _library(tmp_path)
    (tmp_path / "corpus" / "long.txt").write_text("A long one\n\n" + VISIT * 40)
    try:
        problems = [str(p) for p in library.sync().problems]
        assert any("long.txt" in p and "first 2,000 characters only" in p for p in problems), problems
        assert "Shinjiro Koizumi" in {e.name for e in library.entities()}
    finally:
        library.close()
