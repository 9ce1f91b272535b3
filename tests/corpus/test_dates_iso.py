"""A bare ISO day is read without dateparser, and means what dateparser makes of it."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import dates


@settings(max_examples=150, deadline=None)
@given(
    day=st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2199, 12, 31)),
    base=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)),
)
def test_an_iso_day_is_the_day_dateparser_gives(day: dt.date, base: dt.date) -> None:
    text = day.isoformat()
    assert dates.parse_date_text(text, base) == day
    assert dates.parse_date_text(f"  {text}\n", base) == day
    assert dates._parse.__wrapped__(text, base) == day  # dateparser itself, uncached


@settings(max_examples=40, deadline=None)
@given(
    text=st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z", fullmatch=True),
    base=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)),
)
def test_any_iso_shaped_text_reads_as_dateparser_reads_it(text: str, base: dt.date) -> None:
    """Impossible days ("2024-02-30", "2024-13-01") and odd years still go to dateparser."""
    assert dates.parse_date_text(text, base) == dates._parse.__wrapped__(text, base)
