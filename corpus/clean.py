"""Turning the lines of a scraped page into a clean article: chrome out, parts sorted into fields.

One pass over the lines with a small state machine (body, key points, comments, footer) and general
patterns from `corpus.chrome`, so the same rules clean any page built like the seeds. Pull quotes and a
dateline opening the first paragraph are found afterwards, when the whole body is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corpus import chrome
from corpus.comments import parse_comments, starts_comment
from corpus.dateline import Dateline, parse_date_line, parse_line, parse_prefix
from corpus.datepatterns import Candidate
from corpus.headline import derive_title, looks_like_headline
from corpus.model import Comment, normalise_for_hash
from corpus.pullquotes import split_pull_quotes

_BLANK_LINES = re.compile(r"\n\s*\n")
# Dropping more than this share of a page's characters as chrome is reported. Ordinary pages lose far
# less: at most 13% on the seed pages (share prompts, related links, footers), nothing on 2,225 BBC
# articles; a page that loses most of its text was cleaned wrongly or was mostly chrome.
REPORTED_SHARE = 0.4
_REPORTED_MIN = 80  # characters: a tiny page's one footer line is no news
_MAX_HEADING_WORDS = 14


@dataclass(slots=True)
class Page:
    """What the cleaner found; readers add metadata they know better (front matter, feeds)."""

    title: str = ""
    paragraphs: list[str] = field(default_factory=list)
    source: str | None = None
    byline: str | None = None
    dateline: Dateline | None = None
    date_line: Candidate | None = None  # a date on a line of its own above the first paragraph
    categories: tuple[str, ...] = ()
    key_points: list[str] = field(default_factory=list)
    pull_quotes: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    read_chars: int = 0  # characters in the lines the cleaner was given
    dropped_chars: int = 0  # ... and in the lines it dropped as chrome (menus, share prompts, footers)


def split_lines(text: str) -> list[str]:
    """Non-empty lines; a hard-wrapped block (every line but the last 50-100 chars) becomes one line."""
    lines: list[str] = []
    for block in _BLANK_LINES.split(text):
        rows = [r.strip() for r in block.split("\n")]
        rows = [r for r in rows if r]
        wrapped = len(rows) > 1 and all(50 <= len(r) <= 100 for r in rows[:-1])
        if wrapped and not any(chrome.BULLET.match(r) for r in rows):
            lines.append(" ".join(rows))
        else:
            lines.extend(rows)
    return lines


def clean_lines(lines: list[str], title: str | None = None) -> Page:
    """Sort lines into a Page. With `title=None` the first line is the headline if it looks like one."""
    page = Page(title=title or "", read_chars=sum(map(len, lines)))
    if title is None and lines and looks_like_headline(lines[0]):
        page.title, lines = lines[0], lines[1:]
    title_key = normalise_for_hash(page.title)
    state, comment_lines = "body", []
    for index, line in enumerate(lines):
        if state == "comments":
            if chrome.is_footer(line) or chrome.COMMENTS_END.match(line):
                state = "footer"
            else:
                comment_lines.append(line)
                continue
        if state == "keypoints":
            bullet = chrome.BULLET.match(line)
            if bullet:
                page.key_points.append(bullet.group("text").strip())
                continue
            state = "body"
        if starts_comment(lines, index) or chrome.COMMENTS_HEADING.match(line):
            state = "comments"
            if starts_comment(lines, index):
                comment_lines.append(line)
            continue
        if state == "footer" or (chrome.is_footer(line) and page.paragraphs):
            state = "footer"
            page.source = page.source or chrome.footer_source(line)
            page.dropped_chars += len(line)
            continue
        _body_line(page, line, title_key)
        if line.split() and chrome.KEY_POINTS_HEADING.match(line) and len(line.split()) <= _MAX_HEADING_WORDS:
            state = "keypoints"
    page.comments = parse_comments(comment_lines)
    _finish(page)
    return page


def dropped_note(page: Page) -> str | None:
    """A problem line when cleaning dropped a large share of the page, so text is never lost silently."""
    if page.dropped_chars <= max(_REPORTED_MIN, REPORTED_SHARE * page.read_chars):
        return None
    return (f"read, but cleaning dropped {page.dropped_chars:,} of {page.read_chars:,} characters "
            f"({page.dropped_chars / page.read_chars:.0%}) as page chrome (menus, share prompts, footers)")


def _body_line(page: Page, line: str, title_key: str) -> None:
    """File one line of the article area under the right field, or drop it as chrome."""
    credit = chrome.CREDIT.match(line) or chrome.SOURCE_LINE.match(line)
    categories = chrome.CATEGORIES.match(line) or chrome.CATEGORIES_LABEL.match(line)
    byline = chrome.byline_name(line)
    if title_key and normalise_for_hash(line) == title_key:
        return
    if chrome.is_drop(line):
        page.dropped_chars += len(line)
        return
    if chrome.KEY_POINTS_HEADING.match(line) and len(line.split()) <= _MAX_HEADING_WORDS:
        return
    if chrome.is_footer(line):
        page.source = page.source or chrome.footer_source(line)
        page.dropped_chars += len(line)
    elif credit:
        page.source = page.source or credit.group("source").strip()
    elif categories and not page.categories:
        page.categories = chrome.split_categories(categories.group("cats"))
    elif byline and not page.byline:
        page.byline = byline
    elif page.dateline is None and (dateline := parse_line(line)):
        page.dateline = dateline
    elif not page.paragraphs and page.date_line is None and (date_line := parse_date_line(line)):
        page.date_line = date_line
    elif chrome.CAPTION.search(line):
        page.captions.append(line)
    else:
        page.paragraphs.append(line)


def _finish(page: Page) -> None:
    page.paragraphs, page.pull_quotes = split_pull_quotes(page.paragraphs)
    if page.dateline is None:
        for index, paragraph in enumerate(page.paragraphs[:3]):
            found = parse_prefix(paragraph)
            if found:
                page.dateline = found
                page.paragraphs[index] = found.rest
                break
    if page.dateline and page.dateline.source and not page.source:
        page.source = page.dateline.source
    if not page.title and page.paragraphs:
        page.title = derive_title(page.paragraphs[0])


def clean_text(text: str, title: str | None = None) -> Page:
    """Clean already-sanitised text (see `corpus.safety`)."""
    return clean_lines(split_lines(text), title)
