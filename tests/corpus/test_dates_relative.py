"""Dates a reader can trust: relative dates, month-only dates, bare years, date lines, year-less datelines."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus import dates
from corpus.build import Context, build_article
from corpus.clean import clean_text
from corpus.codec import article_from_dict, article_to_dict
from corpus.ingest import SourceFile, read_source
from corpus.model import Article, DateConfidence

# A Thursday.
PUBLISHED = dt.date(2023, 11, 16)


def _stated(*paragraphs: str) -> dict[str, tuple[str, bool]]:
    anchor = dates.Anchor(PUBLISHED, "the stated publication date, 16 Nov 2023", True)
    return {m.text: (m.shown, m.relative) for m in dates.mentions(paragraphs, anchor)}


def _article(text: str, mtime: float | None = None) -> Article:
    article = build_article(clean_text(text), Context("t.txt", "t", mtime), "text")
    assert article is not None
    return article


def test_weekdays_count_back_unless_the_clause_looks_ahead() -> None:
    found = _stated("Coast guard vessels shadowed the ships on Tuesday and will stay until the weekend, "
                    "officials said, adding that the envoys will meet on Saturday.")
    assert found["on Tuesday"] == ("2023-11-14", True)
    assert found["on Saturday"] == ("2023-11-18", True)


def test_last_and_next_weekday_and_yesterday() -> None:
    found = _stated("The frigate left port last Friday. Yesterday a second ship followed, and a third sails "
                    "next Monday.")
    assert found["last Friday"] == ("2023-11-10", True)
    assert found["Yesterday"] == ("2023-11-15", True)
    assert found["next Monday"] == ("2023-11-20", True)


def test_months_weeks_and_years_keep_their_precision() -> None:
    found = _stated("The talks resume next month, the pact was signed last year and a review ends this week. "
                    "Three weeks ago the minister resigned.")
    assert found["next month"] == ("2023-12", True)
    assert found["last year"] == ("2022", True)
    assert found["Three weeks ago"] == ("2023-10-26", True)
    assert "this week" in found


def test_month_only_mentions_are_found_past_or_ahead() -> None:
    found = _stated("The drill ran in August, and the navy is set to return in February.")
    assert found["in August"] == ("2023-08", True)
    assert found["in February"] == ("2024-02", True)


def test_a_day_after_counts_from_the_date_before_it() -> None:
    found = _stated("Missiles were fired on Sunday. The summit opened a day after, in a tense mood.")
    assert found["on Sunday"] == ("2023-11-12", True)
    assert found["a day after"] == ("2023-11-13", True)


def test_relative_dates_need_the_articles_own_date() -> None:
    anchor = dates.Anchor(PUBLISHED, "the file's modification time", False)
    assert dates.mentions(("The fleet sailed last Friday and returns next month.",), anchor) == ()


def test_bare_year_stays_a_year_and_mentions_say_why() -> None:
    article = _article("Budget grows\n\nOSAKA, June 2, 2021 - Spending rose in 2019 and fell on June 1.\n")
    shown = {m.text: m for m in article.dates}
    assert shown["2019"].shown == "2019" and shown["2019"].precision == "year"
    assert shown["June 1"].confidence is DateConfidence.INFERRED and "no year given" in shown["June 1"].reason
    again = article_from_dict(article_to_dict(article))
    assert again.dates == article.dates


def test_a_date_under_the_byline_is_the_stated_publication_date() -> None:
    article = _article("Port visit ends\n\nBy Sam Ito\n14 February 2024\n\nThe carrier left the harbour on "
                       "Monday after a five-day stay.\n\nIt heads south next.\n")
    assert article.published.date == dt.date(2024, 2, 14)
    assert article.published.confidence is DateConfidence.STATED
    assert not any("14 February 2024" in p for p in article.paragraphs)
    assert {m.text: m.shown for m in article.dates}["on Monday"] == "2024-02-12"


@pytest.mark.parametrize("line", ["Updated: Wednesday, May 8, 2024 09:15 GMT", "Published 8 May 2024"])
def test_date_line_forms(line: str) -> None:
    article = _article(f"Talks stall\n\nBy Ana Cruz\n{line}\n\nNegotiators left without a deal.\n")
    assert article.published.date == dt.date(2024, 5, 8)


def test_a_sentence_with_a_date_is_not_a_date_line() -> None:
    article = _article("Talks stall\n\nNegotiators met on May 8, 2024 and left without a deal.\n")
    assert article.published.confidence is not DateConfidence.STATED


def test_yearless_dateline_is_not_before_an_event_reported_as_past(tmp_path: Path) -> None:
    text = ("Mayor sworn in\n\nCEBU, Feb. 9 (AP) - The governor, who took office in July 2021, opened a new "
            "port.\n\nShe spoke for an hour.\n")
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    os.utime(path, (dt.datetime(2023, 8, 1).timestamp(),) * 2)
    published = read_source(SourceFile(path, "story", "sig"))[0][0].published
    assert published.date == dt.date(2022, 2, 9)
    assert published.confidence is DateConfidence.INFERRED and "July 2021" in published.reason


def test_yearless_dateline_uses_the_latest_full_date_as_floor() -> None:
    article = _article("Ships collide\n\nSEOUL, Jan 4 (Reuters) - The collision followed a near miss on "
                       "December 20, 2022, the ministry said.\n", dt.datetime(2024, 6, 1).timestamp())
    assert article.published.date == dt.date(2023, 1, 4)


def test_a_day_after_with_its_event_in_the_same_sentence_names_the_day_before() -> None:
    found = _stated("Talks resumed on Tuesday, a day after the two navies collided.")
    assert found["on Tuesday"] == ("2023-11-14", True)
    assert found["a day after"] == ("2023-11-13", True)


def test_a_weekday_in_a_name_is_no_date() -> None:
    found = _stated("He told the Friday Review that Saturday's vote matters, and wrote on a Monday in the Tuesday "
                    "Herald.")
    assert set(found) == {"Saturday"}


_PIECES = st.sampled_from([
    " on Monday", " last Friday", " next month", " a day after", " two weeks ago", " in May", " yesterday",
    " the Sunday Times", " Feb. 3", " March 5, 2024", " in 2021", ". ", ", ", " will ", " said ", "\n\n",
    " Defense Minister Gen Nakatani", " Secretary Austin", " former Prime Minister Abe", " (JCG)",
])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(max_size=20), _PIECES), max_size=25).map("".join))
def test_date_mentions_never_raise_and_point_into_the_body(text: str) -> None:
    paragraphs = tuple(p for p in text.split("\n\n") if p.strip())
    article = build_article(clean_text(text), Context("f", "f"), "text")
    for anchor in (dates.Anchor(PUBLISHED, "x", True), dates.Anchor(PUBLISHED, "x", False)):
        body = "\n\n".join(paragraphs)
        for m in dates.mentions(paragraphs, anchor):
            assert body[m.start:m.end] == m.text and m.precision in ("day", "week", "month", "year")
    if article is not None:
        for m in article.dates:
            assert article.body[m.start:m.end] == m.text


_RELATIVE_WORDS = [
    "last", "next", "this", "on", "since", "by", "in", "early", "mid-", "earlier this", "past", "coming", "a", "two",
    "10", "Monday", "Sunday", "Friday,", "yesterday", "Tomorrow", "week", "weeks", "month", "year", "years",
    "day", "days", "ago", "later", "before", "May", "June", "December", "2023", "will", "met", "the", "talks",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_RELATIVE_WORDS), st.text(max_size=6)), max_size=25).map(" ".join))
def test_relative_keyword_shortcut_finds_what_the_pattern_finds(sentence: str) -> None:
    """`relative.find` skips sentences without any word every relative date holds; with the shortcut
    off (every sentence "holds" the empty word) it must find exactly the same dates."""
    from corpus import relative

    found = relative.find(sentence, 3, PUBLISHED)
    keywords = relative._KEYWORDS
    try:
        relative._KEYWORDS = ("",)
        assert relative.find(sentence, 3, PUBLISHED) == found
    finally:
        relative._KEYWORDS = keywords
