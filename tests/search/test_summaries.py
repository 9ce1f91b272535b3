"""Summaries kept between searches never outlive the index they were read from, and stay bounded."""

from __future__ import annotations

from pathlib import Path

from search.library import Library
from search.results import ArticleSummary
from search.summaries import Summaries


def test_a_changed_article_shows_its_new_title(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Radar talks begin\n\nThe radar talks began in Tokyo.\n", encoding="utf-8")
    library = Library(tmp_path / "data", [corpus])
    library.sync(entities=False)
    before = library.search("radar", limit=300, snippets=False, facets=False)
    again = library.search("radar", limit=300, snippets=False, facets=False)
    assert [h.article.title for h in before.hits] == [h.article.title for h in again.hits] == ["Radar talks begin"]
    (corpus / "a.txt").write_text("Radar talks end\n\nThe radar talks ended in Tokyo.\n", encoding="utf-8")
    library.sync(entities=False)
    after = library.search("radar", limit=300, snippets=False, facets=False)
    assert [h.article.title for h in after.hits] == ["Radar talks end"]
    library.close()


class Reader:
    """Stands for an index reader: only needs to be hashable and weakly referenceable."""


def summary(n: int) -> ArticleSummary:
    return ArticleSummary(id=str(n), title=f"t{n}", source=None, published=None, date_confidence="unknown", origin="")


def test_only_the_most_recent_are_kept() -> None:
    kept = Summaries(kept=3)
    reader = Reader()

    def make(fields: dict[str, object]) -> ArticleSummary:
        return summary(0)

    kept.remember(reader, make, {n: summary(n) for n in range(5)})
    assert sorted(kept.known(reader, make, range(5))) == [2, 3, 4]
    assert kept.known(Reader(), make, range(5)) == {}
