"""Column values read segment by segment: the same values Whoosh's own readers give."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from whoosh import index as whoosh_index
from whoosh.columns import VarBytesColumn, VarBytesListColumn
from whoosh.fields import ID, Schema
from whoosh.util.times import datetime_to_long, long_to_datetime

from search.analysis import _year
from search.schema import KeyList
from search.segment_columns import column_values, list_values


def _schema() -> Schema:
    keys = KeyList(commas=True)
    keys.column_type = VarBytesListColumn()
    return Schema(id=ID(stored=True), keys=keys)


def _index(folder: Path, batches: list[list[list[str]]]) -> whoosh_index.FileIndex:
    """One segment per batch (no merging), so documents span several segments."""
    ix = whoosh_index.create_in(str(folder), _schema())
    number = 0
    for batch in batches:
        writer = ix.writer()
        for keys in batch:
            writer.add_document(id=str(number), keys=",".join(keys) if keys else None)
            number += 1
        writer.commit(merge=False)
    return ix


def test_values_of_documents_across_segments_match_whooshs_reader(tmp_path: Path) -> None:
    long_key = "org:" + "x" * 300  # a length over 127 takes two varint bytes
    many = [f"person:p{n}" for n in range(140)]  # a count over 127 too
    batches = [[["a:1", "b:2"], [], [long_key]], [many, ["c:3"]], [["é:ü", "a:1"]]]
    ix = _index(tmp_path, batches)
    with ix.searcher() as searcher:
        reader = searcher.reader()
        assert len(reader.leaf_readers()) == 3
        whole = reader.column_reader("keys", translate=False)
        docnums = [0, 2, 3, 4, 5]
        raw = list(column_values(reader, "keys", docnums, column=VarBytesColumn()))
        assert [d for d, _ in raw] == docnums
        assert [list_values(value) for _, value in raw] == [whole[d] for d in docnums]
        assert list_values(raw[1][1]) == [long_key.encode()]
        assert len(list_values(raw[2][1])) == 140
        assert list(column_values(reader, "keys", [1, 5])) == [(1, whole[1]), (5, whole[5])]
        assert list(column_values(reader, "keys", [])) == []


def test_a_segment_without_the_column_gives_empty_values(tmp_path: Path) -> None:
    ix = _index(tmp_path, [[["a:1"]], [[]]])  # the second segment never saw a value
    with ix.searcher() as searcher:
        values = dict(column_values(searcher.reader(), "keys", [0, 1], column=VarBytesColumn()))
    assert list_values(values[0]) == [b"a:1"] and list_values(values[1]) == []


@given(st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)))
def test_the_year_of_a_stored_date_is_whooshs(moment: dt.datetime) -> None:
    stored = datetime_to_long(moment)
    assert _year(stored) == long_to_datetime(stored).year == moment.year


def test_a_filler_value_has_no_year() -> None:
    assert _year(-1) is None and _year(None) is None and _year(2**70) is None
