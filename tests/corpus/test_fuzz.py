"""Hypothesis: the cleaner, the decoder and every reader never raise on arbitrary text or bytes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.build import Context
from corpus.clean import clean_text
from corpus.readers import READERS, read_bytes
from corpus.safety import sanitize

CTX = Context(origin="fuzz", identity="fuzz", mtime=1_700_000_000.0)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PIECES = st.sampled_from([
    "\n", "\n\n", "By Jane Doe", "- AFP", "3 min read", "Key Points:", "  • point", "Reader Comments", "P",
    "Priya S", "Washington, Jan 17", "(Image Credit: X)", '"quoted - Someone"', "Copyright © 2020 X - Y",
    "<p>", "</p>", "<rss>", "<item>", "{", "}", "---", "title: x", "# ", "[bold]", "\x1b[31m", "\x00", "May",
    "January 32, 2025", "Feb 29", "in 2022", "fiscal 2099", "31 September 2024",
])
TEXTISH = st.lists(st.one_of(st.text(max_size=40), PIECES), max_size=30).map("".join)


@FAST
@given(TEXTISH)
def test_cleaner_never_raises(text: str) -> None:
    page = clean_text(sanitize(text))
    assert isinstance(page.paragraphs, list)


@FAST
@given(TEXTISH)
def test_every_reader_never_raises(text: str) -> None:
    clean = sanitize(text)
    for read in READERS.values():
        articles, _ = read(clean, CTX)
        for article in articles:
            assert article.id and isinstance(article.title, str)
            for mention in article.dates:
                assert article.body[mention.start : mention.end] == mention.text


@FAST
@given(st.binary(max_size=2000))
def test_read_bytes_never_raises(data: bytes) -> None:
    articles, problems = read_bytes(data, CTX)
    assert articles or problems


@FAST
@given(st.text(max_size=200))
def test_sanitize_leaves_no_controls_and_is_idempotent(text: str) -> None:
    clean = sanitize(text)
    assert not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in clean)
    assert sanitize(clean) == clean


DATEISH = st.lists(
    st.one_of(
        st.text(max_size=12),
        st.sampled_from([" ", "-", ",", "in ", "since ", "fiscal ", "FY ", "Mon", "Tuesday, ", "of ", "th", "st"]),
        st.sampled_from(["Jan", "January", "JANUARY", "Sept", "May", "mar", "Dec.", "17", "3", "31", "2025", "1999"]),
        st.sampled_from(["2024-02-29", "2024-13-01", "per cent", "%", " of ", "-2025", "x2025"]),
    ),
    max_size=25,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(DATEISH)
def test_the_quick_date_test_never_hides_a_candidate(text: str) -> None:
    """find_candidates skips text its cheap pre-test rejects; that must never lose a date."""
    from corpus.datepatterns import _CANDIDATE, find_candidates

    assert [(c.start, c.end) for c in find_candidates(text)] == [
        (m.start(k), m.end(k)) for m in _CANDIDATE.finditer(text) for k in ("year", "day", "month") if m.group(k)
    ]
