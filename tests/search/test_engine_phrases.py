"""Positions decoded in one load are Whoosh's own, and the array phrase test agrees with the
one-document-at-a-time definition at every slop."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from whoosh.formats import Characters, Positions

from search.engine.phrases import gather, positions_by_row, positions_table, rows_with_phrase

POSITION_LISTS = st.lists(st.lists(st.integers(0, 400), min_size=1, max_size=8, unique=True).map(sorted), max_size=12)


@given(rows=POSITION_LISTS, characters=st.booleans(), stops=st.lists(st.booleans(), min_size=12, max_size=12))
def test_positions_are_whooshs(rows: list[list[int]], characters: bool, stops: list[bool]) -> None:
    """Also when a writer left out some pickles' final STOP byte (the bulk segment writer does)."""
    fmt = Characters() if characters else Positions()
    if characters:
        values = [fmt.encode([(p, 7 * p, 7 * p + 5) for p in row]) for row in rows]
    else:
        values = [fmt.encode(row) for row in rows]
    stopped = zip(values, stops[: len(values)], strict=True)
    values = [value[:-1] if stop and value.endswith(b".") else value for value, stop in stopped]
    found = positions_by_row(values, fmt)
    assert found is not None
    expected = [(index, p) for index, value in enumerate(values) for p in fmt.decode_as("positions", value)]
    assert list(zip(found[0].tolist(), found[1].tolist(), strict=True)) == expected


def test_other_bytes_are_declined() -> None:
    assert positions_by_row([b"\x00\x00\x00\x01garbage"], Positions()) is None
    assert positions_by_row([Positions().encode([3]), b"\x00\x00"], Positions()) is None


def by_definition(words: list[list[list[int]]], slop: int) -> list[int]:
    kept = []
    for row in range(len(words[0])):
        ends = set(words[0][row])
        for word in words[1:]:
            ends = {p for p in word[row] if any(1 <= p - e <= slop for e in ends)}
        if ends:
            kept.append(row)
    return kept


@given(
    documents=st.integers(1, 8).flatmap(
        lambda n: st.lists(
            st.lists(
                st.lists(st.integers(0, 30), min_size=1, max_size=6, unique=True).map(sorted), min_size=n, max_size=n
            ),
            min_size=2,
            max_size=4,
        )
    ),
    slop=st.sampled_from([1, 1, 2, 3, 10]),
)
def test_phrase_rows_are_the_definitions(documents: list[list[list[int]]], slop: int) -> None:
    words = []
    for word in documents:
        rows = np.array([row for row, positions in enumerate(word) for _ in positions], dtype=np.int64)
        positions = np.array([p for row in word for p in row], dtype=np.int64)
        words.append((rows, positions))
    assert rows_with_phrase(words, slop).tolist() == by_definition(documents, slop)


@given(rows=POSITION_LISTS, data=st.data())
def test_a_kept_table_gives_what_decoding_the_chosen_postings_gives(rows: list[list[int]], data: st.DataObject) -> None:
    fmt = Positions()
    values = [fmt.encode(row) for row in rows]
    table = positions_table(values, fmt)
    assert table is not None
    chosen = sorted(data.draw(st.sets(st.integers(0, max(len(values) - 1, 0)), max_size=len(values))))
    expected = positions_by_row([values[i] for i in chosen], fmt)
    assert expected is not None
    found = gather(table, np.array(chosen, dtype=np.int64))
    assert found[0].tolist() == expected[0].tolist() and found[1].tolist() == expected[1].tolist()
