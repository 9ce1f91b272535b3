"""The appearances column gives the same timeline and quotes as reading the articles themselves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from whoosh import index as whoosh_index

from corpus.model import Article, DateConfidence, DateMention, Entity, EntityType, PublishedDate, Span
from corpus.quotes import extract_quotes
from search import analysis
from search.appearances import (
    QUOTES_LINE,
    appearances,
    decode_quotes,
    decode_rows,
    read_header,
    read_line,
    read_part,
)
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


def test_read_part_finds_only_the_wanted_key() -> None:
    raw = appearances(_article(1))
    head, ito = read_header(raw), read_part(raw, "person:ito")
    assert head is not None and ito is not None
    assert (head.id, head.title, head.source) == ("a1", "Talks 1", "Post")
    assert ito.role == "Defense Minister"
    assert decode_quotes(read_line(raw, QUOTES_LINE))[0][:1] == ("We hold the line,",)
    assert read_part(raw, "person:it") is None
    guam = read_part(raw, "place:guam")  # places are in the column too
    assert guam is not None and [row[4] for row in decode_rows(guam.rows)] == [BODY[1]]
    assert read_header(b"") is None


def test_a_text_holding_a_separator_leaves_the_value_empty() -> None:
    article = _article(1)
    assert appearances(article.with_(title="Talks\x1e1")) == b""


def _index(tmp_path: Path, articles: list[Article]) -> whoosh_index.Index:
    ix = whoosh_index.create_in(str(tmp_path), index_schema())
    writer = ix.writer()
    for article in articles:
        writer.add_document(**article_document(article, article.origin, "0"))
    writer.commit()
    return ix


def test_column_and_articles_agree(tmp_path: Path) -> None:
    articles = [_article(n) for n in (1, 2, 3)]
    # the last one's value is empty (a separator in its title): it is read from the article instead
    articles.append(_article(4).with_(title="Talks\x1f4"))
    with _index(tmp_path, articles).searcher() as searcher:
        for key in ("person:ito", "person:okafor", "place:guam"):
            assert analysis.entity_timeline(searcher, key) == analysis.timeline(articles, key)
            assert analysis.entity_quotes(searcher, key) == analysis.quote_hits(articles, key)
        assert analysis.query_timeline(searcher, None) == analysis.timeline(articles)
        assert analysis.query_quotes(searcher, None) == analysis.quote_hits(articles)
        timeline = analysis.entity_timeline(searcher, "person:ito")
    assert [e.date for e in timeline][:1] == [dt.date(2024, 5, 2)]  # the sentence's own date comes first
    assert timeline[0].date_confidence == "stated" and sum(e.quote is not None for e in timeline) == 4


def test_a_damaged_value_reads_as_missing() -> None:
    raw = appearances(_article(1))
    assert read_header(raw.replace(b"\x1e", b" ", 1)) is None
    assert read_part(raw.replace(b"person:ito\x1fIto Haruki\x1e", b"person:ito\x1fIto Haruki "), "person:ito") is None
