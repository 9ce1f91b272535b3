"""An undated article's office-holder window reaches the list row from the stored document alone."""

from __future__ import annotations

import datetime as dt
import json

from corpus.codec import article_to_dict
from corpus.model import Article, DateConfidence, PublishedDate
from search import fields as f
from search.datewindow import stored_window


def _stored(article: Article) -> dict[str, object]:
    return {f.DOC: json.dumps(article_to_dict(article), ensure_ascii=False)}


def test_the_window_is_read_from_the_stored_document() -> None:
    published = PublishedDate(None, DateConfidence.INFERRED, "from who held office",
                              (dt.date(2022, 8, 10), dt.date(2023, 9, 13)))
    article = Article(id="a", title="t", origin="o", paragraphs=("Talks went on.",), published=published)
    assert stored_window(_stored(article)) == (dt.date(2022, 8, 10), dt.date(2023, 9, 13))


def test_an_open_window_and_no_window() -> None:
    published = PublishedDate(None, DateConfidence.INFERRED, "r", (dt.date(2025, 1, 20), None))
    article = Article(id="a", title="t", origin="o", paragraphs=("x",), published=published)
    assert stored_window(_stored(article)) == (dt.date(2025, 1, 20), None)
    assert stored_window(_stored(Article(id="b", title="t", origin="o", paragraphs=("x",)))) is None
    assert stored_window({}) is None


def test_the_key_inside_a_paragraph_is_not_taken_for_the_window() -> None:
    text = 'A log line read "date_window": ["1999-01-01", "1999-02-01"] and nothing else.'
    article = Article(id="a", title="t", origin="o", paragraphs=(text,))
    assert stored_window(_stored(article)) is None
