"""Cleaning that drops most of a page as chrome says so; ordinary pages get no such line."""

from __future__ import annotations

import pytest

from corpus.build import Context
from corpus.ingest import discover, read_source
from corpus.readers import read_bytes

PARAGRAPH = ("Officials from both governments met in Tokyo on Tuesday to discuss the alliance, the deployment "
             "of new missile defences and the cost of hosting American troops, a source said.")


def _problems(text: str, suffix: str = ".txt") -> list[str]:
    articles, problems = read_bytes(text.encode(), Context("page.txt", "page"), suffix)
    assert articles, problems
    return [p.message for p in problems]


def _dropped(messages: list[str]) -> list[str]:
    return [m for m in messages if "dropped" in m]


def test_ordinary_page_with_some_chrome_gets_no_line() -> None:
    page = "\n\n".join(["Allies meet in Tokyo", "Share this article", *[PARAGRAPH] * 6,
                        "Related articles", "Another story about something else", "© 2025 Example News"])
    assert _dropped(_problems(page)) == []


def test_a_page_cut_short_by_a_footer_line_is_reported() -> None:
    # a copyright-like line early on makes everything after it footer: most of the text is dropped
    page = "\n\n".join(["Allies meet in Tokyo", PARAGRAPH, "Copyright law and the alliance: a long view",
                        *[PARAGRAPH] * 8])
    lines = _dropped(_problems(page))
    assert len(lines) == 1
    assert "as page chrome" in lines[0] and "(8" in lines[0]


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_other_formats_report_it_too(suffix: str) -> None:
    paragraphs = [PARAGRAPH, "Subscribe to our newsletter for more", *[PARAGRAPH] * 6]
    if suffix == ".html":
        page = "<html><body><h1>Allies meet</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</body></html>"
    else:
        page = "# Allies meet\n\n" + "\n\n".join(paragraphs)
    assert len(_dropped(_problems(page, suffix))) == 1


def test_seed_pages_get_no_line() -> None:
    sources, _ = discover(None)
    assert sources
    for source in sources:
        _, problems = read_source(source)
        assert _dropped([p.message for p in problems]) == [], source.origin
