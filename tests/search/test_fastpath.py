"""The array ranking (search.engine.fastpath) must give exactly what Whoosh gives: same documents, same order,
same scores, same count, in one segment, two and several, with and without deleted documents, and with a filter."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from whoosh.filedb.filestore import FileStorage
from whoosh.query import And, AndMaybe, AndNot, DateRange, Every, Not, Or, Phrase, Query, Term, TermRange
from whoosh.scoring import BM25F, TF_IDF
from whoosh.searching import Searcher

from search.engine import blocks, dated_between, doc_frequency, fastpath, values_for_documents
from search.engine.termcache import PostingsCache, ReaderMemo
from search.schema import build_schema

WORDS = ["alliance", "japan", "treaty", "guam", "okinawa", "missile", "radar", "tokyo", "navy", "summit"]


# (segments, delete every n-th document or 0): one segment, two, several, each with and without deletions
# where it matters. Whoosh's own search and the arrays must agree on every layout a library can have.
LAYOUTS = [(1, 0), (1, 7), (2, 9), (3, 9), (6, 5)]
DOCUMENTS = 360


@pytest.fixture(scope="module", params=LAYOUTS, ids=[f"{n}seg-del{d}" for n, d in LAYOUTS])
def searcher(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Searcher]:
    """Random short articles (so many scores tie) in `segments` segments, some documents deleted."""
    segments, every = request.param
    folder: Path = tmp_path_factory.mktemp("fastpath")
    ix = FileStorage(str(folder)).create_index(build_schema())
    rng = random.Random(7)
    number = 0
    for _segment in range(segments):
        writer = ix.writer()
        for _ in range(DOCUMENTS // segments):
            title = " ".join(rng.choices(WORDS, k=rng.randint(1, 3)))
            body = " ".join(rng.choices([*WORDS, "the", "report", "said"], k=rng.randint(3, 40)))
            source = rng.choice(["A", "B"])
            fields = {"id": f"d{number}", "title": title, "body": body, "body_f": body, "source": source}
            if rng.random() < 0.8:  # some undated; few distinct dates, so many ties
                fields["published"] = dt.datetime(2020 + rng.randint(0, 3), rng.randint(1, 4), 1)
            writer.add_document(**fields)
            number += 1
        writer.commit(merge=False)
    if every:
        writer = ix.writer()
        for n in range(0, number, every):
            writer.delete_by_term("id", f"d{n}")
        writer.commit(merge=False)
    with ix.searcher() as opened:
        assert len(opened.leaf_searchers()) == segments
        assert opened.reader().has_deletions() == bool(every)
        yield opened


def whoosh_top(searcher: Searcher, query: Query, limit: int, allowed: set[int] | None = None):  # type: ignore[no-untyped-def]
    """Whoosh's ranking of every match, cut to `limit`. (With a small limit Whoosh itself can return
    the wrong top documents for AND with NOT: its collector replaces matchers part-way, even with
    optimize=False. The array ranking has no such shortcut.)

    Ties are ordered by document number at 9 decimals: Whoosh adds an OR's clause scores in the order its
    matcher tree happens to have in each segment (the tree is rebuilt as clauses run out), so two documents
    with the same clauses can differ in the last bit of the float and come back in either order."""
    results = searcher.search(query, limit=None, filter=allowed, optimize=False)
    ranked = sorted(((round(hit.score, 9), hit.docnum) for hit in results), key=lambda x: (-x[0], x[1]))
    return ranked[:limit], len(results)


def fast_top(searcher: Searcher, query: Query, limit: int, allowed: set[int] | None = None):  # type: ignore[no-untyped-def]
    ranked = fastpath.rank(searcher, query, limit=limit, allowed=allowed)
    assert ranked is not None
    return [(round(score, 9), docnum) for score, docnum in ranked.top], ranked.total


def terms(field: str) -> st.SearchStrategy[Query]:
    return st.builds(
        Term, st.just(field), st.sampled_from([*WORDS, "absent"]), boost=st.sampled_from([1.0, 1.0, 2.0, 0.5])
    )


LEAVES = st.one_of(terms("body"), terms("title"), st.builds(lambda w: Term("source", w), st.sampled_from(["a", "b"])))
def scores_by_definition(searcher: Searcher, query: Query) -> dict[int, float]:
    """The ranking's definition, from Whoosh's score of each term or phrase alone: OR and AND add up their
    clauses' scores, NOT removes documents (and, as in Whoosh, adds 1.0), ANDMAYBE adds its optional
    clause where it matches."""
    if isinstance(query, (Term, Phrase)):
        return {hit.docnum: hit.score for hit in searcher.search(query, limit=None, optimize=False)}
    if isinstance(query, Or):
        total: dict[int, float] = {}
        for part in query.subqueries:
            for doc, score in scores_by_definition(searcher, part).items():
                total[doc] = total.get(doc, 0.0) + score
        return total
    if isinstance(query, And):
        parts = [scores_by_definition(searcher, q) for q in query.subqueries if not isinstance(q, Not)]
        docs = set.intersection(*(set(p) for p in parts))
        found = {doc: sum(p[doc] for p in parts) for doc in docs}
        for q in query.subqueries:
            if isinstance(q, Not):
                excluded = scores_by_definition(searcher, q.query)
                found = {doc: score + 1.0 for doc, score in found.items() if doc not in excluded}
        return found
    assert isinstance(query, AndMaybe)
    found, extra = scores_by_definition(searcher, query.a), scores_by_definition(searcher, query.b)
    return {doc: score + extra.get(doc, 0.0) for doc, score in found.items()}


def defined_top(searcher: Searcher, query: Query, limit: int):  # type: ignore[no-untyped-def]
    found = scores_by_definition(searcher, query)
    ranked = sorted(((round(score, 9), doc) for doc, score in found.items()), key=lambda x: (-x[0], x[1]))
    return ranked[:limit], len(found)


PHRASES = st.builds(
    lambda field, words, slop, boost: Phrase(field, words, slop=slop, boost=boost),
    st.sampled_from(["body", "title"]),
    st.lists(st.sampled_from([*WORDS, "absent"]), min_size=2, max_size=3),
    st.sampled_from([1, 1, 2, 4]),
    st.sampled_from([1.0, 2.0]),
)
OR_OF_TERMS = st.lists(st.one_of(LEAVES, PHRASES), min_size=1, max_size=4).map(Or)
# What the query parser builds: words (an OR over title and body), AND between them, NOT as a clause
# of the AND, OR between groups.
PARSED = st.recursive(
    OR_OF_TERMS,
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3).map(Or),
        st.tuples(st.lists(inner, min_size=1, max_size=2), st.lists(inner, max_size=2)).map(
            lambda parts: And([*parts[0], *(Not(q) for q in parts[1])])
        ),
    ),
    max_leaves=5,
)
# Any nesting, ANDMAYBE included: Whoosh's own matchers get some of these wrong (an ANDMAYBE inside an
# AND loses its optional score on some documents), so they are checked against the definition.
NESTED = st.recursive(
    st.one_of(LEAVES, PHRASES),
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=3).map(Or),
        st.tuples(st.lists(inner, min_size=1, max_size=2), st.lists(inner, max_size=2)).map(
            lambda parts: And([*parts[0], *(Not(q) for q in parts[1])])
        ),
        st.tuples(inner, inner).map(lambda ab: AndMaybe(ab[0], ab[1])),
    ),
    max_leaves=6,
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=PARSED, limit=st.sampled_from([1, 5, 20, 400]))
# Found by this test: at 3 and 6 segments Whoosh's sums of tied documents differ in the last bit.
@example(
    query=And([
        Or([Term("source", "a"), Term("source", "b")]),
        Or([Term("title", "japan"), Term("source", "a"), Term("title", "guam")]),
        Not(Or([Term("body", "alliance")])),
    ]),
    limit=400,
)
def test_same_hits_scores_order_and_count_as_whoosh(searcher: Searcher, query: Query, limit: int) -> None:
    assert fast_top(searcher, query, limit) == whoosh_top(searcher, query, limit)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=NESTED, limit=st.sampled_from([1, 5, 20, 400]))
def test_any_nesting_ranks_by_the_definition(searcher: Searcher, query: Query, limit: int) -> None:
    assert fast_top(searcher, query, limit) == defined_top(searcher, query, limit)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=PARSED, seed=st.integers(0, 1000))
def test_same_as_whoosh_inside_a_filter(searcher: Searcher, query: Query, seed: int) -> None:
    allowed = set(random.Random(seed).sample(range(searcher.doc_count_all()), 100))
    assert fast_top(searcher, query, 20, allowed) == whoosh_top(searcher, query, 20, allowed)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=PARSED, limit=st.sampled_from([1, 5, 20, 400]))
def test_newest_first_by_the_definition(searcher: Searcher, query: Query, limit: int) -> None:
    """Sorted by date: newest first, undated last, later-indexed first on equal dates; scores kept."""
    found = scores_by_definition(searcher, query)

    def date(doc: int) -> dt.datetime:
        return searcher.stored_fields(doc).get("published") or dt.datetime.min

    expected = sorted(found, key=lambda doc: (date(doc), doc), reverse=True)[:limit]
    ranked = fastpath.rank(searcher, query, limit=limit, newest=True)
    assert ranked is not None
    assert [doc for _, doc in ranked.top] == expected
    assert [round(score, 9) for score, _ in ranked.top] == [round(found[doc], 9) for doc in expected]
    assert ranked.total == len(found)


def test_body_words_are_ranked_from_the_scoring_copy(searcher: Searcher) -> None:
    """The copy holds the body's words with the same counts and lengths, so scores are Whoosh's own."""
    reader = searcher.leaf_searchers()[0][0].reader()
    assert ("body_f", b"japan") in reader
    body = reader.postings("body", b"japan")
    copy = reader.postings("body_f", b"japan")
    assert list(body.all_ids()) == list(copy.all_ids())
    ranked = fastpath.rank(searcher, Term("body", "japan"), limit=5)
    assert ranked is not None and ranked.positions is None  # snippets read positions apart
    assert [(round(s, 9), d) for s, d in ranked.top] == whoosh_top(searcher, Term("body", "japan"), 5)[0]


def test_other_queries_are_left_to_whoosh(searcher: Searcher) -> None:
    assert not fastpath.supported(Every())
    assert not fastpath.supported(Or([Term("body", "japan"), TermRange("title", "a", "c")]))
    assert fastpath.rank(searcher, Every(), limit=10) is None
    assert not fastpath.supported(AndNot(Term("body", "japan"), Term("body", "guam")))  # the parser never makes it
    assert fastpath.supported(And([Term("body", "japan"), Not(Phrase("body", ["guam", "navy"]))]))


def test_only_whoosh_bm25f_is_ranked_with_arrays(searcher: Searcher) -> None:
    """Another weighting (or a BM25F subclass, which may score differently) is declined, not mis-scored."""

    class TunedBM25F(BM25F):
        pass

    query = Term("body", "japan")
    assert fastpath.supports_weighting(BM25F()) and fastpath.ranks(searcher, query)
    assert fastpath.rank(searcher, query, limit=5) is not None
    for weighting in (TF_IDF(), TunedBM25F(B=0.2)):
        assert not fastpath.supports_weighting(weighting)
        other = Searcher(searcher.reader(), weighting=weighting)
        assert not fastpath.ranks(other, query)
        assert fastpath.rank(other, query, limit=5) is None


def test_a_spent_budget_ranks_the_newest_segment_only(searcher: Searcher) -> None:
    if len(searcher.leaf_searchers()) < 2:
        pytest.skip("one segment: the newest is the whole index")
    query = Or([Term("body", "japan"), Term("body", "guam")])
    full = fastpath.rank(searcher, query, limit=400)
    spent = fastpath.rank(searcher, query, limit=400, budget_s=0.0)
    ample = fastpath.rank(searcher, query, limit=400, budget_s=60.0)
    assert full is not None and spent is not None and ample is not None
    assert full.complete and ample.complete and ample.top == full.top
    newest_offset = searcher.leaf_searchers()[-1][1]
    assert not spent.complete
    assert spent.top and all(doc >= newest_offset for _, doc in spent.top)
    assert spent.top == [(score, doc) for score, doc in full.top if doc >= newest_offset]
    assert spent.total == len(spent.top) < full.total


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(word=st.sampled_from([*WORDS, "absent"]), seed=st.integers(0, 1000))
def test_values_of_chosen_documents_are_the_matchers(searcher: Searcher, word: str, seed: int) -> None:
    """Snippets read only the blocks holding their documents: the same values a matcher walk gives."""
    for leaf, _offset in searcher.leaf_searchers():
        reader = leaf.reader()
        live = [doc for doc in range(reader.doc_count_all()) if not reader.is_deleted(doc)]  # hits are live
        chosen = random.Random(seed).sample(live, 25)
        walked = {}
        if ("body", word.encode()) in reader:
            matcher = fastpath.segment_postings(reader, "body", word)
            while matcher.is_active():
                walked[matcher.id()] = matcher.value()
                matcher.next()
        expected = {doc: walked[doc] for doc in chosen if doc in walked}
        assert values_for_documents(reader, "body", word.encode(), chosen) == expected


def test_values_read_once_are_not_read_again(searcher: Searcher, monkeypatch: pytest.MonkeyPatch) -> None:
    """A hit's values are kept per reader: showing the same hits again decodes no block."""
    read: list[list[int]] = []
    original = blocks._read_values

    def counted(terms, directory, wanted):  # type: ignore[no-untyped-def]
        read.append(list(wanted))
        return original(terms, directory, wanted)

    monkeypatch.setattr(blocks, "_read_values", counted)
    monkeypatch.setattr(blocks, "_VALUES", ReaderMemo(blocks.VALUES_PER_READER))
    reader = searcher.leaf_searchers()[0][0].reader()
    chosen = [doc for doc in range(0, reader.doc_count_all(), 3) if not reader.is_deleted(doc)]
    first = values_for_documents(reader, "body", b"summit", chosen)
    again = values_for_documents(reader, "body", b"summit", chosen)
    assert first and again == first
    missing = next(doc for doc in range(reader.doc_count_all()) if doc not in chosen)
    more = values_for_documents(reader, "body", b"summit", [*chosen, missing])
    assert more is not None and {k: v for k, v in more.items() if k != missing} == first
    assert read == [chosen, [], [missing]]


def test_a_phrase_decodes_its_candidates_first_and_every_posting_when_another_needs_more(
    searcher: Searcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Positions kept per segment: the first phrase decodes only the postings of documents holding all
    its words, the same phrase again decodes nothing, and a phrase needing other postings of a word
    decodes all of them once. Every answer is Whoosh's."""
    cache = PostingsCache()
    monkeypatch.setattr(fastpath, "POSTINGS", cache)
    reader = searcher.leaf_searchers()[0][0].reader()
    slot = "body" + fastpath.POSITIONS_SLOT

    def covered(word: str) -> int | None:
        """How many postings of the word have positions kept (0: all of them), None when none."""
        found = cache.get(reader, slot, word.encode(), values=False)
        return None if found is None else len(found[0])

    phrases = [["japan", "radar"], ["japan", "radar"], ["tokyo", "japan"], ["japan", "radar"]]
    seen = []
    for words in phrases:
        query = Phrase("body", words)
        assert fast_top(searcher, query, 50) == whoosh_top(searcher, query, 50)
        seen.append(covered("japan"))
    postings = len(list(fastpath.segment_postings(reader, "body", "japan").all_ids()))
    assert seen[0] is not None and 0 < seen[0] < postings  # candidates only
    assert seen[1] == seen[0]  # asked again: nothing more decoded
    assert seen[2] == seen[3] == 0  # another phrase needed more: every posting, kept


def test_document_frequencies_are_whooshs(searcher: Searcher) -> None:
    """Counted from each segment's kept term info: Whoosh's own count, deleted documents included."""
    top = searcher.reader()
    for field in ("body", "title", "source", "nofield"):
        for word in [*WORDS, "absent", "A"]:
            for reader in (top, top.leaf_readers()[-1][0]):
                expected = reader.doc_frequency(field, word) if field in reader.schema else 0
                assert doc_frequency(reader, field, word) == expected == doc_frequency(reader, field, word)


DAYS = st.one_of(st.none(), st.builds(dt.datetime, st.integers(2019, 2024), st.integers(1, 12), st.integers(1, 28)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=DAYS, end=DAYS, startexcl=st.booleans(), endexcl=st.booleans())
def test_date_ranges_from_the_arrays_are_whooshs(
    searcher: Searcher, start: dt.datetime | None, end: dt.datetime | None, startexcl: bool, endexcl: bool
) -> None:
    query = DateRange("published", start, end, startexcl=startexcl, endexcl=endexcl)
    expected = set(searcher.docs_for_query(query))
    assert dated_between(searcher, query.start, query.end, startexcl=startexcl, endexcl=endexcl) == expected
