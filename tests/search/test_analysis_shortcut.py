"""The indexing shortcut (`IndexedWords.occurrences`) must give exactly what Whoosh's analyzer chain
gives, or phrases, snippets and scores would silently drift from what queries expect."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh.formats import Characters, Positions

from search.schema import STOP, IndexedPositions, RecordedCharacters, build_schema

_WORDS = [
    *sorted(STOP)[:40],
    "Japan's", "U.S.", "u.s.a", "defence", "organised", "Shinjirō", "command-and-control", "a", "I",
    "missiles", "running", "x", "3.5", "F-35", "co-operation", "naïve", "İstanbul", "ﬁnance", "ß",
]  # fmt: skip

texts = st.lists(
    st.one_of(st.sampled_from(_WORDS), st.text(min_size=1, max_size=8)),
    max_size=40,
).map(lambda parts: " ".join(parts))


def _fields() -> dict:
    schema = build_schema()
    return {"body": schema["body"], "title": schema["title"]}


@settings(max_examples=300, deadline=None)
@given(texts)
def test_shortcut_matches_the_chain(text: str) -> None:
    fields = _fields()
    body, title = fields["body"], fields["title"]
    assert isinstance(body.format, RecordedCharacters) and isinstance(title.format, IndexedPositions)
    fast_body = list(body.format.word_values(text, body.analyzer, mode="index"))
    chain_body = list(Characters.word_values(body.format, text, body.analyzer, mode="index"))
    assert fast_body == chain_body
    fast_title = list(title.format.word_values(text, title.analyzer, mode="index"))
    chain_title = list(Positions.word_values(title.format, text, title.analyzer, mode="index"))
    assert fast_title == chain_title


def test_shortcut_renumbers_past_stop_words() -> None:
    body = build_schema()["body"]
    found = body.analyzer.occurrences("The defence of Japan's islands")
    assert found == {"defens": [(1, 4, 11)], "japan": [(2, 15, 20)], "island": [(3, 23, 30)]}


def test_other_calls_take_the_chain() -> None:
    body = build_schema()["body"]
    tokens = [t.text for t in body.analyzer("The defence", removestops=False, mode="query")]
    assert tokens == ["the", "defens"]
