"""Properties: the query path only ever raises QueryError, and snippet spans point at real words."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh.highlight import PinpointFragmenter, highlight

from search.errors import QueryError
from search.library import Library
from search.query import parse_query
from search.results import SearchResult, Snippet
from search.schema import text_analyzer
from search.snippets import SNIPPET_CHARS, SpanFormatter

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
QUERY_BITS = st.sampled_from(
    ['"', "(", ")", "[", "]", ":", "*", "?", "~", "^", "-", "+", " ", "AND", "OR", "NOT", "to", "title:", "date:",
     "after:", "since ", "person:", "foo:", "2025", "January", "last year", "koizumi", "defen", "Shinjirō", "'"]
)  # fmt: skip
QUERIES = st.one_of(st.text(max_size=60), st.lists(QUERY_BITS, max_size=12).map("".join))


@SETTINGS
@given(text=QUERIES)
def test_parse_query_raises_only_query_errors(library: Library, text: str) -> None:
    try:
        parse_query(text, library._get_searcher())
    except QueryError as exc:
        assert str(exc)
        assert exc.position is None or 0 <= exc.position <= len(text)


@SETTINGS
@given(text=QUERIES)
def test_search_returns_a_result_or_a_query_error(library: Library, text: str) -> None:
    try:
        result = library.search(text, limit=5)
    except QueryError:
        return
    assert isinstance(result, SearchResult)
    assert len(result.hits) <= 5 and result.total >= len(result.hits)
    for hit in result.hits:
        for span in hit.snippet.spans:
            assert 0 <= span.start < span.end <= len(hit.snippet.text)


WORDS = st.sampled_from(
    ["Japan's", "alliance", "Shinjirō", "Koizumi", "defence", "defenses", "U.S.", "command-and-control", "the",
     "missile", "\n\n", "—", "talks,", "(Tokyo)", "2025", "naïve"]
)  # fmt: skip


@SETTINGS
@given(words=st.lists(WORDS, min_size=1, max_size=120), target=WORDS)
def test_snippet_spans_are_exactly_the_matched_words(words: list[str], target: str) -> None:
    body = " ".join(words)
    analyzer = text_analyzer()
    terms = {t.text for t in analyzer(target)}
    if not terms:
        return
    fragmenter = PinpointFragmenter(maxchars=SNIPPET_CHARS, surround=60, autotrim=True)
    snippet = highlight(body, terms, analyzer, fragmenter, SpanFormatter(), top=2)
    assert isinstance(snippet, Snippet)
    for span in snippet.spans:
        word = snippet.text[span.start : span.end]
        assert [t.text for t in analyzer(word)] and all(t.text in terms for t in analyzer(word)), word
