"""Fuzzy and did-you-mean candidates come from the words sharing their prefix, read once per reader and
prefix: the same words as a walk of the whole lexicon, without reading it."""

from __future__ import annotations

import random

import pytest
from rapidfuzz.distance import DamerauLevenshtein
from whoosh.filedb.filestore import FileStorage
from whoosh.index import Index
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from search.schema import build_schema
from search.vocabulary import within

LETTERS = "abcdeé"


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """Three segments of random short words (accents included), so the lexicon is merged across them."""
    ix = FileStorage(str(tmp_path_factory.mktemp("vocabulary"))).create_index(build_schema())
    rng = random.Random(3)
    for segment in range(3):
        writer = ix.writer()
        for number in range(60):
            body = " ".join("".join(rng.choices(LETTERS, k=rng.randint(3, 6))) for _ in range(8))
            writer.add_document(id=f"d{segment}-{number}", title=body[:12], body=body, body_f=body)
        writer.commit(merge=False)
    return ix


@pytest.fixture(scope="module")
def searcher(index: Index) -> Searcher:
    return index.searcher()


def by_walking_the_lexicon(searcher: Searcher, field: str, word: str, prefix: int) -> list[str]:
    words = [term.decode("utf-8") for term in searcher.reader().lexicon(field)]
    return sorted(w for w in words if w.startswith(word[:prefix]) and DamerauLevenshtein.distance(word, w) <= 2)


@pytest.mark.parametrize("word", ["abc", "ébad", "cade", "aaaa", "zzz", "eé"])
@pytest.mark.parametrize("prefix", [0, 1, 2])
def test_the_same_words_as_the_whole_lexicon(searcher: Searcher, word: str, prefix: int) -> None:
    for field in ("body", "title"):
        assert sorted(within(searcher.reader(), field, word, 2, prefix=prefix)) == by_walking_the_lexicon(
            searcher, field, word, prefix
        )


def test_a_prefix_reads_only_its_words(index: Index, searcher: Searcher, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each segment's words of the prefix are read once, for later words and longer prefixes too."""
    reader = index.reader()  # nothing read from it yet
    asked: list[str] = []

    def counted(leaf: IndexReader):  # type: ignore[no-untyped-def]
        original = leaf.expand_prefix

        def expand(field: str, prefix: str):  # type: ignore[no-untyped-def]
            asked.append(prefix)
            return original(field, prefix)

        return expand

    for leaf, _offset in reader.leaf_readers():
        monkeypatch.setattr(leaf, "expand_prefix", counted(leaf))
        monkeypatch.setattr(leaf, "lexicon", lambda field: pytest.fail("the whole lexicon was read"))
    first = within(reader, "body", "dbca", 2, prefix=1)
    again = within(reader, "body", "dbce", 2, prefix=1)
    narrower = within(reader, "body", "dbca", 2, prefix=2)
    assert first and again and narrower
    assert asked == ["d"] * len(reader.leaf_readers())  # each segment read once, for all three
    assert sorted(narrower) == by_walking_the_lexicon(searcher, "body", "dbca", 2)
