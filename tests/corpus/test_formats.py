"""Each format, written small into tmp_path and read through the public ingest API."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.ingest import discover, read_all
from corpus.model import Article, DateConfidence


def _read(tmp_path: Path, name: str, content: str | bytes) -> tuple[list[Article], list[str]]:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    sources, problems = discover([path])
    articles, more = read_all(sources)
    return articles, [str(p) for p in [*problems, *more]]


MARKDOWN = """---
title: "Tokyo and Washington deepen ties"
date: 2025-03-04
source: Example Wire
author: Jane Doe
tags: [Japan, Defence]
---
# Ignored heading because front matter wins

The **alliance** was *reaffirmed* on [Tuesday](https://example.com/x) in `Tokyo`. Brackets like [bold] stay.

![A destroyer at sea](ship.jpg)

- first point
- second point

3 min read
"""


def test_markdown_front_matter_and_syntax(tmp_path: Path) -> None:
    (article,), problems = _read(tmp_path, "story.md", MARKDOWN)
    assert not problems
    assert article.title == "Tokyo and Washington deepen ties"
    assert (article.source, article.byline, article.categories) == ("Example Wire", "Jane Doe", ("Japan", "Defence"))
    assert article.published.confidence is DateConfidence.STATED and str(article.published.date) == "2025-03-04"
    assert article.paragraphs[0] == (
        "The alliance was reaffirmed on Tuesday in Tokyo. Brackets like [bold] stay.")
    assert article.captions == ("A destroyer at sea",)
    assert "• first point" in article.paragraphs and "3 min read" not in article.body
    assert article.format == "markdown"


def test_markdown_detected_without_suffix(tmp_path: Path) -> None:
    (article,), _ = _read(tmp_path, "notes.txt", "# A heading title\n\nSome body text here that is long enough.\n")
    assert article.format == "markdown" and article.title == "A heading title"


HTML = """<!doctype html><html><head><title>Tokyo ties | Example News</title>
<meta property="og:site_name" content="Example News"><meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2025-03-04T10:00:00Z"></head>
<body><nav>Home | World</nav><article><h1>Tokyo ties deepen</h1>
<p>The United States and Japan agreed on Tuesday to deepen ties, officials said in Tokyo on March 3, 2025.</p>
<p>"It is a new era," the minister said. [bold] stays as text in this paragraph of the story.</p>
<figure><img src="x.jpg"><figcaption>A ship in port. (Photo: Navy)</figcaption></figure>
<p>Share this article</p>
<p>Talks continue in 2026 with more meetings planned for the spring in Washington and Tokyo.</p></article>
<footer>Copyright © 2025 Example News</footer></body></html>"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    (article,), problems = _read(tmp_path, "page.txt", HTML)
    assert not problems and article.format == "html"
    assert article.title == "Tokyo ties deepen"
    assert (article.source, article.byline) == ("Example News", "Jane Doe")
    assert article.published.confidence is DateConfidence.STATED and str(article.published.date) == "2025-03-04"
    assert "[bold] stays" in article.body and "Home | World" not in article.body
    assert "Share this article" not in article.body
    assert article.captions == ("A ship in port. (Photo: Navy)",)


def test_malformed_html_falls_back(tmp_path: Path) -> None:
    broken = "<html><body><p>Unclosed <b>bold <div>Japan and the US met <<<>>> in Tokyo & Osaka</p"
    articles, problems = _read(tmp_path, "broken.html", broken)
    assert len(articles) == 1 and "Japan and the US met" in articles[0].body
    assert not problems


RSS = """<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Alliance Feed</title>
<item><title>First &amp; foremost</title><guid>a-1</guid><pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Japan and the US &lt;b&gt;met&lt;/b&gt; today.&lt;/p&gt;
&lt;p&gt;Second para.&lt;/p&gt;</description>
<category>Asia</category></item>
<item><title>Second story</title><link>https://example.com/2</link>
<description>Plain summary text.</description></item>
</channel></rss>"""


def test_rss_entries_are_articles(tmp_path: Path) -> None:
    articles, problems = _read(tmp_path, "feed.txt", RSS)
    assert not problems
    first, second = articles
    assert first.title == "First & foremost" and first.paragraphs == ("Japan and the US met today.", "Second para.")
    assert first.source == "Alliance Feed" and first.categories == ("Asia",)
    assert first.published.confidence is DateConfidence.STATED and str(first.published.date) == "2025-03-04"
    assert second.published.confidence is DateConfidence.UNKNOWN and first.id != second.id


ATOM = """<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom news</title>
<entry><id>urn:1</id><title>Atom entry</title><updated>2024-12-01T00:00:00Z</updated>
<content type="html">&lt;p&gt;Body of the atom entry.&lt;/p&gt;</content></entry></feed>"""


def test_atom_feed(tmp_path: Path) -> None:
    (article,), _ = _read(tmp_path, "x.atom", ATOM)
    assert article.title == "Atom entry" and article.body == "Body of the atom entry."
    assert str(article.published.date) == "2024-12-01"


def test_malformed_feed_is_one_problem(tmp_path: Path) -> None:
    articles, problems = _read(tmp_path, "bad.xml", "<?xml version='1.0'?><rss><channel><item><title>x")
    assert len(problems) <= 1
    assert all(a.format == "feed" for a in articles)


def test_jsonl_bad_line_reported_rest_read(tmp_path: Path) -> None:
    rows = [
        json.dumps({"id": "a", "title": "One", "text": "First para.\n\nSecond para.", "source": "Wire",
                    "published": "2025-01-02", "categories": ["Asia"],
                    "comments": [{"author": "Ann", "text": "Nice"}]}),
        "{not json",
        json.dumps({"paragraphs": ["Only paragraphs here, no title given at all in this record."], "url": "u"}),
        json.dumps([1, 2]),
    ]
    articles, problems = _read(tmp_path, "data.jsonl", "\n".join(rows))
    assert [a.title for a in articles] == ["One", "Only paragraphs here, no title given at all in this record"]
    assert articles[0].paragraphs == ("First para.", "Second para.")
    assert articles[0].comments[0].author == "Ann" and articles[0].published.confidence is DateConfidence.STATED
    assert any("line 2" in p for p in problems) and any("line 4" in p for p in problems)


def test_ids_are_stable_and_per_entry(tmp_path: Path) -> None:
    line = json.dumps({"id": "k1", "title": "T", "text": "Body text."})
    first, _ = _read(tmp_path, "a.jsonl", line + "\n" + json.dumps({"id": "k2", "title": "U", "text": "Other."}))
    again, _ = _read(tmp_path, "a.jsonl", line + "\n" + json.dumps({"id": "k2", "title": "U", "text": "Other."}))
    assert [a.id for a in first] == [a.id for a in again] and first[0].id != first[1].id


def test_same_article_twice_is_one(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    for name in ("one.txt", "two.txt"):
        (tmp_path / "d" / name).write_text("Same headline\n\nSame body text, twice.\n")
    sources, _ = discover([tmp_path / "d"])
    articles, _ = read_all(sources)
    assert len(sources) == 2 and len(articles) == 1


_MARKUP = ["*", "**", "_", "__", "~~", "`", "``", "[", "]", "(", ")", "![", "<b>", "</i>", "<", ">", "word", " ", '"t"']


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_MARKUP), st.text(max_size=5)), max_size=20).map("".join))
def test_markdown_inline_skips_only_patterns_that_cannot_match(text: str) -> None:
    """`inline` runs a markup pattern only when its character is in the text; running every pattern
    every time must give the same text."""
    from corpus.readers import markdown as md

    expected = md._LINK.sub(r"\g<text>", md._REF_LINK.sub(r"\g<text>", text))
    expected = md._CODE.sub(r"\1", expected)
    for _ in range(2):
        expected = md._EMPHASIS.sub(lambda m: m.group(2) or m.group(4), expected)
    assert md.inline(text) == md._TAG.sub("", expected)
