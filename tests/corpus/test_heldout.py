"""Pages from other sites built like the seeds: the rules are general, not the seeds' exact strings."""

from __future__ import annotations

from pathlib import Path

from corpus.ingest import discover, read_all
from corpus.model import Article, DateConfidence

WIRE_PAGE = """Tokyo Hosts Quad Talks on Maritime Security

By Hiroshi Tanaka

Key Takeaways:
• Leaders agreed on joint patrols
• New funding for coast guards
• Talks to resume in autumn
5 min read

“A turning point for the region — Foreign Minister Takeshi Iwaya”

Tokyo, March 3, 2025

Foreign ministers of the Quad met in Tokyo on Monday to discuss maritime security in the Indo-Pacific.

Foreign Minister Takeshi Iwaya called the talks “a turning point for the region” and promised more patrols.

A Japan Coast Guard cutter during drills near Yokosuka on February 20. (Photo: Reuters)

The ministers will meet again in New Delhi later this year, officials said.

— AFP

Share on X

Comments (2)

M
Mei L
Good news for everyone in the region.
J
John K
Patrols alone will not keep the peace.

Comments are moderated. Be kind.

Post a comment

Maximum 1000 characters 0/1000
"""

BLOG_PAGE = """Seoul and Tokyo pledge closer ties

Seoul and Tokyo pledge closer ties

Politics, World, Asia 2 Comments on Seoul and Tokyo pledge closer ties

South Korea and Japan pledged on Tuesday to deepen security ties, according to a joint statement.

The two countries will hold annual talks, the statement said.

You may also like

© 2010-2024 Nippon Watch | All rights reserved

Nippon Watch is an independent news site covering Japanese politics.

Back to top
"""


def _read(tmp_path: Path, name: str, text: str) -> Article:
    (tmp_path / name).write_text(text)
    sources, _ = discover([tmp_path / name])
    (article,), problems = read_all(sources)
    assert not problems
    return article


def test_wire_page(tmp_path: Path) -> None:
    a = _read(tmp_path, "wire.txt", WIRE_PAGE)
    assert a.title == "Tokyo Hosts Quad Talks on Maritime Security"
    assert (a.byline, a.source, a.dateline) == ("Hiroshi Tanaka", "AFP", "Tokyo")
    assert len(a.key_points) == 3
    assert a.pull_quotes and "turning point" in a.pull_quotes[0]
    assert [c.author for c in a.comments] == ["Mei L", "John K"]
    assert len(a.captions) == 1 and a.captions[0].endswith("(Photo: Reuters)")
    assert a.published.confidence is DateConfidence.STATED and str(a.published.date) == "2025-03-03"
    assert len(a.paragraphs) == 3
    for chrome in ("min read", "Share", "Comments", "Post a comment", "0/1000", "Key Takeaways", "AFP"):
        assert chrome not in a.body


def test_blog_page(tmp_path: Path) -> None:
    a = _read(tmp_path, "blog.txt", BLOG_PAGE)
    assert a.title == "Seoul and Tokyo pledge closer ties"
    assert a.categories == ("Politics", "World", "Asia")
    assert a.source == "Nippon Watch"
    assert a.paragraphs == (
        "South Korea and Japan pledged on Tuesday to deepen security ties, according to a joint statement.",
        "The two countries will hold annual talks, the statement said.",
    )
