"""Articles survive the trip through the index's stored JSON unchanged, every field included."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from corpus.codec import article_from_dict, article_to_dict
from corpus.ingest import discover, read_all
from corpus.model import (
    Article,
    Comment,
    DateConfidence,
    DateMention,
    Entity,
    EntityType,
    PublishedDate,
    Span,
)


def test_seed_articles_round_trip() -> None:
    articles, problems = read_all(discover(None)[0])
    assert not problems
    for article in articles:
        assert article_from_dict(article_to_dict(article)) == article


texts = st.text(max_size=40)


@given(
    title=texts,
    paragraphs=st.lists(texts, max_size=4),
    confidence=st.sampled_from(list(DateConfidence)),
    mention_confidence=st.sampled_from(list(DateConfidence)),
    day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
)
def test_every_field_round_trips(
    title: str, paragraphs: list[str], confidence: DateConfidence, mention_confidence: DateConfidence, day: dt.date
) -> None:
    article = Article(
        id="x",
        title=title,
        origin="o",
        paragraphs=tuple(paragraphs),
        source="IANS",
        byline="By Someone",
        dateline="Washington",
        published=PublishedDate(day, confidence, "because"),
        categories=("News",),
        key_points=("a",),
        pull_quotes=("q",),
        captions=("c",),
        comments=(Comment("P", "t"),),
        entities=(Entity("Name", EntityType.PERSON, "person:name", "Minister", ("N",), (Span(0, 1),)),),
        dates=(DateMention("Jan 1", day, "s", 0, 5, mention_confidence),),
        format="markdown",
    )
    assert article_from_dict(article_to_dict(article)) == article
