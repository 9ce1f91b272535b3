"""Analysis, snippets, reader highlights, did-you-mean, facets, totals and date sorting."""

from __future__ import annotations

import pytest

from search import searching
from search.library import Library
from tests.search.search_fixture_corpus import TITLES, found, titles


def article_for(library: Library, file: str):  # type: ignore[no-untyped-def]
    hit = next(a for a in library.list_articles() if a.title == TITLES[file])
    return library.article(hit.id)


# -- analysis ----------------------------------------------------------------------------------
def test_stemming(library: Library) -> None:
    assert TITLES["a2.txt"] in found(library, "defenses")  # body says "defense" and "defenses"
    assert found(library, "debating") == {TITLES["a3.txt"]}


def test_accents_fold_both_ways(library: Library) -> None:
    both = {TITLES["a1.txt"], TITLES["a2.txt"]}  # a1 writes "Shinjirō", a2 "Shinjiro"
    assert found(library, "Shinjiro") == both
    assert found(library, "Shinjirō") == both


def test_possessives(library: Library) -> None:
    assert found(library, "Japan's") == found(library, "japan")
    assert TITLES["a6.txt"] in found(library, "hegseth")  # body: "Hegseth's call"


def test_hyphenated_compound_found_by_phrase(library: Library) -> None:
    assert found(library, '"command and control"') == {TITLES["a1.txt"], TITLES["a3.txt"]}
    assert found(library, "command-and-control") == {TITLES["a1.txt"], TITLES["a3.txt"]}


def test_british_and_american_spellings_meet(library: Library) -> None:
    assert found(library, "defense budget") == found(library, "defence budget") == {TITLES["a3.txt"]}


def test_dotted_acronyms(library: Library) -> None:
    assert found(library, "US") >= {TITLES["a2.txt"], TITLES["a3.txt"]}  # "U.S." and "US"
    assert found(library, "U.S.") == found(library, "US")


# -- snippets and highlights -------------------------------------------------------------------
def test_snippet_spans_are_exact(library: Library) -> None:
    result = library.search("koizumi OR defense")
    assert result.hits
    for hit in result.hits:
        for span in hit.snippet.spans:
            word = hit.snippet.text[span.start : span.end].lower()
            assert word.startswith(("koizumi", "defens", "defenc")), word
        assert "<" not in hit.snippet.text and "[" not in hit.snippet.text


def test_match_spans_follow_analysis(library: Library) -> None:
    article = article_for(library, "a1.txt")
    words = [article.body[s.start : s.end] for s in library.match_spans("shinjiro defenses", article)]
    assert words == ["Defence", "Shinjirō", "defense", "defense"]


def test_match_spans_cover_phrases_expansions_and_skip_excluded(library: Library) -> None:
    article = article_for(library, "a1.txt")
    body = article.body
    spans = library.match_spans('"command and control" hegs* NOT china', article)
    assert [body[s.start : s.end] for s in spans] == ["Hegseth", "Hegseth", "command", "control"]
    assert library.match_spans("hegsith~", article) == library.match_spans("hegseth", article)
    assert library.match_spans("", article) == ()


# -- did you mean ------------------------------------------------------------------------------
def test_suggestion_for_an_unknown_word(library: Library) -> None:
    result = library.search("Hegseh")
    assert result.total == 0
    assert result.suggestion == "hegseth"
    assert library.suggestions("Hegseh") == "hegseth"


def test_suggestion_keeps_the_rest_of_the_query(library: Library) -> None:
    assert library.search("koizumi AND missle").suggestion == "koizumi AND missile"


def test_no_suggestion_for_known_words_or_when_it_would_find_nothing(library: Library) -> None:
    assert library.search("koizumi").suggestion is None
    assert library.search("zzyzx").suggestion is None
    assert library.search("Hegseh date:2022").suggestion is None  # hegseth is never in 2022


# -- facets, totals, sorting -------------------------------------------------------------------
def test_facets_count_the_result_set(library: Library) -> None:
    facets = library.search("defense", limit=1).facets
    # a1, a2, a6 say "defense"; a3's British "defence" is matched too
    assert dict(facets["source"]) == {"Kyodo": 2, "The Japan Times": 2}
    assert facets["year"] == (("2025", 2), ("2024", 1), ("2023", 1))
    assert facets["person"] == (("person:pete hegseth", 2), ("person:shinjiro koizumi", 2))
    assert dict(facets["org"]) == {"org:diet": 1, "org:pentagon": 1}
    assert dict(facets["place"]) == {"place:tokyo": 1, "place:washington": 1, "place:okinawa": 1}


def test_facets_respect_date_filters(library: Library) -> None:
    assert library.facets("date:2025")["year"] == (("2025", 2),)
    assert library.search("china", facets=False).facets == {}


def test_total_is_exact_on_small_indexes(library: Library) -> None:
    result = library.search("japan", limit=1)
    assert len(result.hits) == 1
    assert result.total == 3 and result.exact_total


def test_sort_by_date_newest_first_undated_last(library: Library) -> None:
    result = library.search("japan OR china", sort="date")
    dates = [hit.article.published for hit in result.hits]
    assert dates[-1] is None
    assert dates[:-1] == sorted(dates[:-1], reverse=True)


def test_relevance_puts_title_matches_first(library: Library) -> None:
    assert titles(library.search("washington"))[0] == TITLES["a2.txt"]


@pytest.mark.parametrize("query", ["date:2025", "date:[2020 to 2030]", "before:2024", "date:1990"])
def test_a_query_of_dates_alone_answers_as_a_full_search_does(
    library: Library, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Date clauses alone are answered from the cached filter (no walk over every document); the hits,
    their order, the total and the facets must be what Whoosh's own search gives."""
    quick = library.search(query)
    monkeypatch.setattr(searching, "route", lambda *args, **kwargs: "whoosh")
    full = library.search(query)
    assert [(h.id, h.score) for h in quick.hits] == [(h.id, h.score) for h in full.hits]
    assert (quick.total, quick.exact_total, quick.facets) == (full.total, full.exact_total, full.facets)
    assert [h.snippet for h in quick.hits] == [h.snippet for h in full.hits]


@pytest.mark.parametrize(
    "query", ["japan", "defense AND japan", "japan NOT china", "guam OR okinawa", "hegseth~", "defen*", "title:japan"]
)
def test_quick_ranking_gives_whoosh_hits_and_the_same_snippets(
    library: Library, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Word queries are ranked with arrays (search.engine.fastpath) and their snippets come from the postings
    read for ranking; Whoosh's own search and snippet path give the same."""
    quick = library.search(query)
    monkeypatch.setattr(searching, "route", lambda *args, **kwargs: "whoosh")
    full = library.search(query)
    assert quick.hits, query
    assert [(h.id, round(h.score, 9)) for h in quick.hits] == [(h.id, round(h.score, 9)) for h in full.hits]
    assert [h.snippet for h in quick.hits] == [h.snippet for h in full.hits]
    assert (quick.total, quick.facets) == (full.total, full.facets)


@pytest.mark.parametrize("query", ["japan OR china", "defense", "guam OR okinawa OR hegseth"])
def test_newest_first_from_arrays_matches_whoosh_sorting(
    library: Library, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    quick = library.search(query, sort="date")
    monkeypatch.setattr(searching, "route", lambda *args, **kwargs: "whoosh")
    full = library.search(query, sort="date")
    assert [h.id for h in quick.hits] == [h.id for h in full.hits]
    assert quick.total == full.total
    dates = [h.article.published for h in quick.hits]
    dated = [d for d in dates if d is not None]
    assert dates[: len(dated)] == sorted(dated, reverse=True), "newest first, undated last"
