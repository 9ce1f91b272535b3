"""Facet counts from the engine's per-segment arrays against Whoosh's own grouping (`groupedby`): the same
counts for any query, filter, number of segments and deleted documents."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh.filedb.filestore import FileStorage
from whoosh.query import And, Every, Not, Or, Query, Term
from whoosh.searching import Searcher
from whoosh.sorting import Count

from search import engine
from search import fields as f
from search.engine import columns
from search.facets import facet_groups, from_counts, read_facets
from search.schema import build_schema

WORDS = ["alliance", "japan", "treaty", "guam", "okinawa", "missile", "radar", "tokyo"]
SOURCES = ["Kyodo", "The Japan Times", "  NHK World ", "Asahi", ""]
ENTITIES = [
    "person:pete hegseth",
    "person:shinjiro koizumi",
    "person:fumio kishida",
    "org:diet",
    "org:pentagon",
    "org:u.s. forces japan",
    "place:tokyo",
    "place:okinawa",
    "place:guam",
    "misc:not a facet type",
]


def _build(folder: Path, segments: int, seed: int) -> Searcher:
    ix = FileStorage(str(folder)).create_index(build_schema())
    rng = random.Random(seed)
    number = 0
    for _segment in range(segments):
        writer = ix.writer()
        for _ in range(rng.randint(20, 90)):
            body = " ".join(rng.choices([*WORDS, "the", "said"], k=rng.randint(2, 25)))
            fields = {f.ID: f"d{number}", f.TITLE: rng.choice(WORDS), f.BODY: body, f.BODY_SCORING: body}
            source = rng.choice(SOURCES)
            if source or rng.random() < 0.5:  # some without a source at all, some with an empty one
                fields[f.SOURCE] = source
            if rng.random() < 0.8:  # some undated; years from before 1000 to the future
                year = rng.choice([999, 2019, 2020, 2024, 2025, 2031])
                fields[f.PUBLISHED] = dt.datetime(year, rng.randint(1, 12), 28)
            keys = rng.sample(ENTITIES, rng.randint(0, 5))
            if keys:
                fields[f.ENTITY] = ",".join(keys)
            writer.add_document(**fields)
            number += 1
        writer.commit(merge=False)
    writer = ix.writer()
    for n in range(0, number, rng.randint(3, 11)):
        writer.delete_by_term(f.ID, f"d{n}")
    writer.commit(merge=False)
    return ix.searcher()


@pytest.fixture(scope="module", params=[(1, 0), (2, 0), (5, 0), (2, 10_000), (5, 30)])
def searcher(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Searcher]:
    """(segments, FEW_MATCHES): 0 reads every segment's arrays; 10,000 counts every match from its own
    column values; 30 mixes both."""
    segments, few = request.param
    opened = _build(tmp_path_factory.mktemp("facets"), segments, seed=segments)
    assert len(opened.leaf_searchers()) == segments and opened.reader().has_deletions()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(columns, "FEW_MATCHES", few)
        try:
            yield opened
        finally:
            opened.close()


TERMS = st.builds(lambda w, field: Term(field, w), st.sampled_from(WORDS), st.sampled_from([f.TITLE, f.BODY]))
QUERIES = st.recursive(
    TERMS,
    lambda inner: st.one_of(
        st.lists(inner, min_size=2, max_size=3).map(Or),
        st.lists(inner, min_size=2, max_size=3).map(And),
        st.tuples(inner, inner).map(lambda pair: And([pair[0], Not(pair[1])])),
    ),
    max_leaves=4,
)


def whoosh_facets(searcher: Searcher, query: Query, allowed: set[int] | None) -> dict[str, object]:
    results = searcher.search(query, limit=1, filter=allowed, groupedby=facet_groups(), maptype=Count)
    return read_facets(results)


def filter_of(searcher: Searcher, seed: int | None) -> set[int] | None:
    if seed is None:
        return None
    rng = random.Random(seed)
    return {d for d in range(searcher.doc_count_all()) if rng.random() < 0.4}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=QUERIES, seed=st.one_of(st.none(), st.integers(0, 1000)))
def test_counts_from_the_ranked_matches_are_whooshs(searcher: Searcher, query: Query, seed: int | None) -> None:
    allowed = filter_of(searcher, seed)
    matched: list[object] = []
    ranked = engine.rank(searcher, query, limit=5, allowed=allowed, matches=matched)
    assert ranked is not None
    assert sum(len(ids) for _, ids in matched) == ranked.total
    assert from_counts(engine.facet_counts(searcher, matched)) == whoosh_facets(searcher, query, allowed)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=QUERIES, seed=st.one_of(st.none(), st.integers(0, 1000)))
def test_counts_over_whoosh_matched_documents_are_whooshs(searcher: Searcher, query: Query, seed: int | None) -> None:
    allowed = filter_of(searcher, seed)
    docs = set(searcher.docs_for_query(query))
    matched = engine.by_segment(searcher, docs if allowed is None else docs & allowed)
    assert from_counts(engine.facet_counts(searcher, matched)) == whoosh_facets(searcher, query, allowed)


@pytest.mark.parametrize("seed", [None, 3, 17])
def test_counts_over_every_live_document_are_whooshs(searcher: Searcher, seed: int | None) -> None:
    allowed = filter_of(searcher, seed)
    counted = from_counts(engine.facet_counts(searcher, engine.live_documents(searcher, allowed)))
    assert counted == whoosh_facets(searcher, Every(), allowed)
    assert counted["source"] and counted["year"] and counted["person"]


def test_values_are_what_a_user_sees(searcher: Searcher) -> None:
    """Sources as written (trimmed, none for an empty one), years of dated articles newest first, entity
    keys by type, and nothing for a type the facets do not show."""
    counted = from_counts(engine.facet_counts(searcher, engine.live_documents(searcher)))
    assert {name for name, _ in counted["source"]} <= {"Kyodo", "The Japan Times", "NHK World", "Asahi"}
    assert [year for year, _ in counted["year"]] == sorted((year for year, _ in counted["year"]), reverse=True)
    assert "999" in dict(counted["year"])
    assert all(key.startswith("person:") for key, _ in counted["person"])
    assert set(counted) == {"source", "year", "person", "org", "place"}
