"""The query language: each operator, field and date form, and the errors people see."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from whoosh.query import Every

from search.errors import QueryError
from search.library import Library
from search.query import parse_query
from tests.search.search_fixture_corpus import TITLES, found

NOW = dt.datetime(2026, 3, 15, 12, 0)


def names(*files: str) -> set[str]:
    return {TITLES[f] for f in files}


# -- operators ---------------------------------------------------------------------------------
def test_words_are_anded_by_default(library: Library) -> None:
    assert found(library, "koizumi tokyo") == names("a1.txt")


def test_or(library: Library) -> None:
    assert found(library, "semiconductors OR Okinawa") == names("a3.txt", "a4.txt")


def test_not(library: Library) -> None:
    assert found(library, "koizumi NOT tokyo") == names("a2.txt")
    assert found(library, "koizumi AND NOT tokyo") == names("a2.txt")


def test_parentheses(library: Library) -> None:
    assert found(library, "(semiconductors OR okinawa) AND budget") == names("a3.txt")


def test_phrase_and_slop(library: Library) -> None:
    assert found(library, '"missile defense"') == names("a1.txt")
    # "ballistic missile and air defense": two words between
    assert found(library, '"missile defense"~3') == names("a1.txt", "a2.txt")


def test_prefix_wildcard(library: Library) -> None:
    assert found(library, "semicond*") == names("a4.txt")
    assert found(library, "okin?wa") == names("a3.txt")


def test_short_wildcards_are_refused_in_words(library: Library) -> None:
    with pytest.raises(QueryError, match="at least 3 letters"):
        library.search("ja*")


def test_fuzzy(library: Library) -> None:
    assert found(library, "hegsith~") >= names("a1.txt", "a6.txt")
    assert found(library, "hegseth~") == found(library, "hegseth")


def test_fuzzy_and_prefix_expand_to_at_most_eight_terms(library: Library) -> None:
    from search.expand import MAX_EXPANSIONS

    searcher = library._get_searcher()
    for text in ("de*", "def*", "defense~"):
        try:
            query = parse_query(text, searcher)
        except QueryError:
            continue
        for field in ("title", "body"):
            assert len([t for f, t in query.iter_all_terms() if f == field]) <= MAX_EXPANSIONS


# -- fields ------------------------------------------------------------------------------------
def test_title_field(library: Library) -> None:
    assert found(library, "title:japan") == names("a4.txt", "a6.txt")


def test_source_field(library: Library) -> None:
    assert found(library, "source:kyodo") == names("a2.txt", "a6.txt")
    assert found(library, 'source:"japan times"') == names("a1.txt", "a3.txt")


def test_entity_fields(library: Library) -> None:
    assert found(library, "person:koizumi") == names("a1.txt", "a2.txt")
    assert found(library, "person:Shinjirō") == names("a1.txt", "a2.txt")
    assert found(library, "org:pentagon") == names("a2.txt")
    assert found(library, "place:okinawa") == names("a3.txt")


def test_field_names_are_case_insensitive(library: Library) -> None:
    assert found(library, "Title:japan") == found(library, "title:japan")


# -- dates -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("date:2025", {"a1.txt", "a2.txt"}),
        ('date:"January 2025"', {"a1.txt"}),
        ("date:January 2025", {"a1.txt"}),
        ("date:2025-06", {"a2.txt"}),
        ("date:2025-06-03", {"a2.txt"}),
        ("date:[2022 to 2023]", {"a3.txt", "a4.txt"}),
        ("date:[2024 to]", {"a1.txt", "a2.txt", "a6.txt"}),
        ("date:[to 2022]", {"a4.txt"}),
        ("before:2023-06", {"a3.txt", "a4.txt"}),
        ("after:2024", {"a1.txt", "a2.txt"}),
        ("since:2024", {"a1.txt", "a2.txt", "a6.txt"}),
        ('since:"December 2024"', {"a1.txt", "a2.txt", "a6.txt"}),
        ("date:>2024", {"a1.txt", "a2.txt"}),
        ("date:<2023", {"a4.txt"}),
        ("japan since January 2025", {"a1.txt"}),
        ("defense since 2024", {"a1.txt", "a2.txt", "a6.txt"}),
        ("(date:2022 OR date:2023) japan", {"a4.txt"}),
        ("koizumi NOT date:2025-01", {"a2.txt"}),
    ],
)
def test_date_forms(library: Library, text: str, expected: set[str]) -> None:
    assert found(library, text) == names(*expected)


def test_relative_dates_use_now(library: Library) -> None:
    searcher = library._get_searcher()
    last_year = parse_query('date:"last year"', searcher, now=NOW)
    assert (last_year.startdate, last_year.enddate.date()) == (dt.datetime(2025, 1, 1), dt.date(2025, 12, 31))
    after = parse_query('after:"last year"', searcher, now=NOW)
    assert after.startdate.date() == dt.date(2025, 12, 31) and after.startexcl
    ago = parse_query('since:"2 weeks ago"', searcher, now=NOW)
    assert ago.startdate.date() == dt.date(2026, 3, 1)


def test_date_only_query_sorted_by_date(library: Library) -> None:
    result = library.search("date:[2022 to 2025]", sort="date")
    dates = [hit.article.published for hit in result.hits]
    assert dates == sorted(dates, reverse=True) and len(dates) == 5


# -- errors ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ('"missile defense', "never closed", 0),
        ("(japan OR korea", "never closed", 0),
        ("japan)", "no matching (", 5),
        ("foo:bar", "no field called 'foo'", 0),
        ("date:someday-ish", "cannot read the date", 5),
        ("date:", "needs something after it", 0),
        ("date:[2023 to 2022]", "ends before it starts", 5),
        ("date:[2022 2023]", "date:[2022 to 2023]", 5),
        ("after:[2022 to 2023]", "takes one date", 6),
    ],
)
def test_errors_say_what_and_where(library: Library, text: str, message: str, position: int) -> None:
    with pytest.raises(QueryError, match=re.escape(message)) as caught:
        library.search(text)
    assert caught.value.position == position


def test_unknown_field_lists_the_fields(library: Library) -> None:
    with pytest.raises(QueryError) as caught:
        library.search("author:smith")
    for field in ("title:", "source:", "person:", "org:", "place:", "date:", "after:", "before:"):
        assert field in str(caught.value)


def test_times_and_links_are_not_fields(library: Library) -> None:
    library.search("10:30 meeting")
    library.search("https://example.com")


def test_empty_query_and_star_list_everything(library: Library) -> None:
    assert library.search("   ").total == len(TITLES)
    assert library.search("*").total == len(TITLES)
    assert parse_query("*", library._get_searcher()).normalize() == Every()
