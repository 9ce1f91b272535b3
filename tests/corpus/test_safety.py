"""Scraped text can never drive the terminal; ordinary brackets survive as text."""

from __future__ import annotations

from pathlib import Path

from corpus.ingest import discover, read_all
from corpus.safety import sanitize

NASTY = (
    "Title \x1b[31mred\x1b[0m [bold]x[/bold]\n\n"
    "Copy \x1b]52;c;ZXZpbA==\x07 this \x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\ now \x9b2J and \x9d0;t\x9c "
    "bell\x07 back\x08 c1\x85 bidi\u202eevil \x1bc reset \x1bP1$r\x1b\\ done [link=x].\n"
)


def test_sanitize_strips_sequences_and_controls() -> None:
    clean = sanitize(NASTY)
    assert not any(ord(c) < 32 and c != "\n" for c in clean)
    assert not any(0x7F <= ord(c) <= 0x9F for c in clean)
    assert "\u202e" not in clean and "52;" not in clean and "http://evil" not in clean
    assert "[bold]x[/bold]" in clean and "[link=x]" in clean


def test_every_format_sanitises(tmp_path: Path) -> None:
    esc = "\\u001b[2J\\u001b]52;c;eA==\\u0007"
    (tmp_path / "a.txt").write_text(NASTY)
    (tmp_path / "b.md").write_text("---\ntitle: T\x1b[1m\n---\n\nBody \x1b]0;x\x07 [bold]\n")
    (tmp_path / "c.jsonl").write_text('{"title": "J' + esc + '", "text": "Body' + esc + '", "source": "S'
                                      + esc + '", "comments": [{"author": "A' + esc + '", "text": "c"}]}\n')
    (tmp_path / "d.html").write_text("<html><title>H\x1b[1m</title><body><p>Para \x1b[31m [bold] "
                                     "text long enough to be kept as the main content.</p></body></html>")
    (tmp_path / "e.xml").write_text("<rss><channel><title>F\x1b[1m</title><item><title>I\x1b]52;c;x\x07</title>"
                                    "<description>D\x9b31m</description></item></channel></rss>")
    sources, _ = discover([tmp_path])
    articles, _ = read_all(sources)
    assert len(articles) == 5
    for article in articles:
        fields = [article.title, article.body, article.source or "", article.byline or "",
                  *article.captions, *(c.author + c.text for c in article.comments)]
        for text in fields:
            assert not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in text), text
    assert any("[bold]" in a.body for a in articles)
