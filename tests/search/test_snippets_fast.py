"""Snippets made faster, the same as before: the fragments are exactly the ones Whoosh's highlighter picks
(its PinpointFragmenter with the snippet's settings, BasicFragmentScorer and top_fragments), and the body
a snippet is cut from is the stored article's."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh.highlight import BasicFragmentScorer, Fragment, PinpointFragmenter, top_fragments

from corpus.model import Article, Entity, EntityType, Quote, Span
from search.documents import article_document, stored_article
from search.searching import stored_body
from search.snippets import SNIPPET_CHARS, SNIPPET_FRAGMENTS, SURROUND, _Match, best_fragments

WORDS = st.sampled_from(["alliance", "talks", "the", "of", "Okinawa", "missile", "a", "radar", "\n\n", "—", "x" * 70])


def whoosh_fragments(text: str, tokens: list[_Match]) -> list[Fragment]:
    fragmenter = PinpointFragmenter(maxchars=SNIPPET_CHARS, surround=SURROUND, autotrim=True)
    fragments = fragmenter.fragment_matches(text, tokens)
    return top_fragments(fragments, SNIPPET_FRAGMENTS, BasicFragmentScorer(), lambda f: f.startchar, minscore=1)


def described(fragments: list[Fragment]) -> list[tuple[int, int, list[int]]]:
    return [(f.startchar, f.endchar, [t.startchar for t in f.matches]) for f in fragments]


def tokens_of(words: list[str], chosen: set[int], separator: str) -> tuple[str, list[_Match]]:
    """The text of `words` joined by `separator`, and a match for each chosen word (its own text)."""
    tokens: list[_Match] = []
    offset = 0
    for index, word in enumerate(words):
        if index in chosen and word.strip():
            tokens.append(_Match(word.lower(), index, offset, offset + len(word)))
        offset += len(word) + len(separator)
    return separator.join(words), tokens


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    words=st.lists(WORDS, min_size=1, max_size=200),
    chosen=st.sets(st.integers(0, 199), max_size=60),
    separator=st.sampled_from([" ", "  ", "\n", ", "]),
)
def test_the_same_fragments_as_whoosh(words: list[str], chosen: set[int], separator: str) -> None:
    text, tokens = tokens_of(words, chosen, separator)
    assert described(best_fragments(text, tokens)) == described(whoosh_fragments(text, tokens))


def test_tied_fragments_with_the_same_start_in_whooshs_order() -> None:
    """Two one-match fragments trimmed to the same start: Whoosh's heap shows the later one first."""
    text, tokens = tokens_of(["alliance"] * 6 + ["x" * 70], {1, 6}, " ")
    assert described(best_fragments(text, tokens)) == described(whoosh_fragments(text, tokens))
    assert described(best_fragments(text, tokens)) == [(9, 124, [54]), (9, 53, [9])]


def test_ties_and_the_character_limit_as_whoosh() -> None:
    """Equal scores everywhere (one match per fragment, all the same word), and matches past Whoosh's
    32,768-character limit, which it never shows."""
    words = ["radar", *(["filler"] * 60)] * 120
    text, tokens = tokens_of(words, set(range(0, len(words), 61)) | {len(words) - 61}, " ")
    assert len(text) > 2**15
    assert described(best_fragments(text, tokens)) == described(whoosh_fragments(text, tokens))


@pytest.mark.parametrize("paragraphs", [(), ("One line.",), ("First.", "Second, with “quotes”.", "", "Naïve — third.")])
def test_the_body_is_the_stored_articles(paragraphs: tuple[str, ...]) -> None:
    entity = Entity("Shinjirō Koizumi", EntityType.PERSON, "koizumi", mentions=(Span(0, 5),))
    article = Article(
        id="a1", title="Talks", origin="a.txt", paragraphs=paragraphs, entities=(entity,),
        quotes=(Quote("Second", 7, 13),),
    )  # fmt: skip
    stored = article_document(article, "a.txt", "sig")
    assert stored_body(stored) == stored_article(stored).body == article.body
