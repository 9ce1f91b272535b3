"""The indexes that keep the entity rules near-linear on long texts give what the plain scans gave."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hypothesis import given
from hypothesis import strategies as st

from corpus.entities.rules import _word_uses
from corpus.entities.spans import SpanIndex
from corpus.entities.text import line_bounds

_PIECES = ["Ab", "Bessent", "O", "Brien", "O'Brien", "Kim", "Kimura", "Jean-Paul", "Paul", "Éa", "Lee's",
           " ", "'", "’", "-", ".", ",", "\n", "s", "1", "_"]
_NAME = re.compile(r"[^\W\d_][\w'’-]*")


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join),
       st.sets(st.sampled_from([p for p in _PIECES if len(p) > 2 and _NAME.fullmatch(p)]), min_size=1))
def test_word_uses_match_one_alternating_regex(body: str, words: set[str]) -> None:
    alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    pattern = re.compile(r"(?<![\w.-])(?:" + alternatives + r")(?![\w-])")
    assert list(_word_uses(body, frozenset(words))) == [m.span() for m in pattern.finditer(body)]


@dataclass
class _Span:
    start: int
    end: int


_SPANS = st.lists(st.tuples(st.integers(0, 2000), st.integers(0, 300)).map(lambda p: _Span(p[0], p[0] + p[1])),
                  max_size=30)


@given(_SPANS, st.lists(st.tuples(st.integers(0, 2300), st.integers(1, 300), st.booleans()), max_size=20))
def test_span_index_matches_a_plain_scan(spans: list[_Span], queries: list[tuple[int, int, bool]]) -> None:
    index, plain = SpanIndex(spans), list(spans)
    for start, length, replace in queries:
        end = start + length
        expected = [s for s in plain if s.start < end and start < s.end]
        assert index.overlapping(start, end) == expected
        if replace:
            index.remove(expected)
            plain = [s for s in plain if all(s is not e for e in expected)]
            added = _Span(start, end)
            index.add(added)
            plain.append(added)
    assert index.items() == plain


@given(st.text(alphabet="ab\n", max_size=30), st.data())
def test_line_bounds(body: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(body)))
    start, end = body.rfind("\n", 0, pos) + 1, body.find("\n", pos)
    assert line_bounds(body, pos) == (start, end if end >= 0 else len(body))
