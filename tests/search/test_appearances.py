"""The appearances column gives the same timeline and quotes as reading the articles themselves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from whoosh import index as whoosh_index

from corpus.model import Article, DateConfidence, DateMention, Entity, EntityType, PublishedDate, Span
from corpus.quotes import extract_quotes
from search import analysis
from search.appearances import appearances, read_appearance
from search.documents import article_document, index_schema

BODY = ('"We hold the line," Ito said on Monday.', "On May 2, 2024, Ito visited Guam with Okafor.")


def _article(number: int) -> Article:
    body = "\n\n".join(BODY)
    ito = Entity("Ito Haruki", EntityType.PERSON, "person:ito", "Defense Minister", ("Ito",),
                 (Span(20, 23), Span(body.index("Ito visited"), body.index("Ito visited") + 3)))  # fmt: skip
    okafor = Entity("Ruth Okafor", EntityType.PERSON, "person:okafor", None, (), (Span(len(body) - 7, len(body) - 1),))
    guam = Entity("Guam", EntityType.PLACE, "place:guam", None, (), (Span(body.index("Guam"), body.index("Guam") + 4),))
    start = body.index("May 2, 2024")
    article = Article(
        id=f"a{number}", title=f"Talks {number}", origin=f"/x/{number}.txt", paragraphs=BODY, source="Post",
        published=PublishedDate(dt.date(2024, 6, number), DateConfidence.STATED, "test"),
        entities=(ito, okafor, guam),
        dates=(DateMention("May 2, 2024", dt.date(2024, 5, 2), BODY[1], start, start + 11),),
    )  # fmt: skip
    return article.with_(quotes=extract_quotes(article))


def test_read_appearance_finds_only_the_wanted_key() -> None:
    raw = appearances(_article(1))
    head, mine = read_appearance(raw, "person:ito")
    assert head["id"] == "a1" and mine["role"] == "Defense Minister" and mine["quotes"][0][0] == "We hold the line,"
    assert read_appearance(raw, "person:it") is None and read_appearance(raw, "place:guam") is None
    assert read_appearance(b"", "person:ito") is None


def test_column_and_articles_agree(tmp_path: Path) -> None:
    ix = whoosh_index.create_in(str(tmp_path), index_schema())
    writer = ix.writer()
    articles = [_article(n) for n in (1, 2, 3)]
    for article in articles:
        writer.add_document(**article_document(article, article.origin, "0"))
    writer.commit()
    with ix.searcher() as searcher:
        for key in ("person:ito", "person:okafor", "place:guam"):
            assert analysis.entity_timeline(searcher, key) == analysis.timeline(articles, key)
        assert analysis.entity_quotes(searcher, "person:ito") == analysis.quote_hits(articles, "person:ito")
        timeline = analysis.entity_timeline(searcher, "person:ito")
    assert [e.date for e in timeline][:1] == [dt.date(2024, 5, 2)]  # the sentence's own date comes first
    assert timeline[0].date_confidence == "stated" and sum(e.quote is not None for e in timeline) == 3
