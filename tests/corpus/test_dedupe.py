"""Near-duplicate grouping: copies of one story are grouped, different stories are not."""

from __future__ import annotations

import pytest

from corpus import dedupe
from corpus.dedupe import jaccard, near_duplicate_groups, shingles
from corpus.model import Article

STORY = ("The United States and Japan reaffirmed the central role of their alliance in maintaining peace "
         "and stability in the Indo-Pacific this week, as officials met in Washington to discuss defence, "
         "diplomacy and economic cooperation across the region and beyond. ") * 3


def _article(key: str, body: str) -> Article:
    return Article(id=key, title=key, origin=key, paragraphs=(body,))


def test_copies_grouped_others_not(seeds: dict[str, Article]) -> None:
    copy = STORY.replace("this week", "on Friday") + " Reporting by a second agency."
    articles = [_article("a", STORY), *seeds.values(), _article("b", copy)]
    assert near_duplicate_groups(articles) == [("a", "b")]


def test_seeds_are_all_distinct(seeds: dict[str, Article]) -> None:
    assert near_duplicate_groups(list(seeds.values())) == []


def test_jaccard_basics() -> None:
    assert jaccard(shingles(STORY), shingles(STORY)) == 1.0
    assert jaccard(shingles("a b c"), frozenset()) == 0.0
    assert shingles("") == frozenset()


def test_cheap_on_many_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    """Banding keeps the exact comparisons near zero for unrelated stories, instead of one per pair
    (124,750 for 500 articles): counted, not timed."""
    articles = [_article(str(i), f"Story number {i} " + " ".join(f"w{i}x{j}" for j in range(150)))
                for i in range(500)]
    compared = []

    def counting(a: frozenset[int], b: frozenset[int]) -> float:
        compared.append(1)
        return jaccard(a, b)

    monkeypatch.setattr(dedupe, "jaccard", counting)
    assert near_duplicate_groups(articles) == []
    assert len(compared) < 500
