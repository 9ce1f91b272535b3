"""Properties of the `quote:` and `said:` query fields: any mix parses or raises QueryError, never worse."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.errors import QueryError
from search.library import Library
from search.query import parse_query
from search.querycheck import check_query

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
BITS = st.sampled_from(
    ["quote:", "said:", "QUOTE:", "Said:", '"', "(", ")", " ", "AND", "OR", "NOT", "hegseth", "peace", "strength",
     "Shinjirō", "*", "~", "-", "U.S.", "'", ":"]
)  # fmt: skip


@SETTINGS
@given(text=st.lists(BITS, max_size=10).map("".join))
def test_quote_and_said_queries_parse_or_raise_query_error(library: Library, text: str) -> None:
    try:
        parse_query(text, library._get_searcher())
    except QueryError as exc:
        assert str(exc)


@SETTINGS
@given(word=st.from_regex(r"[A-Za-z][a-z]{1,10}", fullmatch=True), field=st.sampled_from(["quote", "said", "QUOTE"]))
def test_field_names_are_known_and_lower_cased(field: str, word: str) -> None:
    assert check_query(f"{field}:{word}") == f"{field.lower()}:{word}"


def test_a_field_with_nothing_after_it_says_so() -> None:
    for text in ("said:", "quote: peace"):
        try:
            check_query(text)
        except QueryError as exc:
            assert "needs something after it" in str(exc)
        else:
            raise AssertionError(text)
