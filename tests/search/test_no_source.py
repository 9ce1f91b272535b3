"""Articles that name no publication: `no:source` finds exactly them, and the source list counts them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.errors import QueryError
from search.library import Library
from search.saved import source_query


def _write(folder: Path, name: str, title: str, source: str | None, words: str) -> None:
    front = f"---\ntitle: {title}\n" + (f"source: {source}\n" if source is not None else "") + "---\n\n"
    (folder / name).write_text(f"{front}{words}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Library:
    folder = tmp_path_factory.mktemp("mixed")
    _write(folder, "a.md", "Kyodo on bases", "Kyodo", "Okinawa bases and the alliance.")
    _write(folder, "b.md", "Kyodo on trade", "Kyodo", "Tariffs and trade talks.")
    _write(folder, "c.md", "NHK on bases", "NHK", "Okinawa bases again.")
    _write(folder, "d.md", "Unsigned note on bases", None, "Okinawa bases, no outlet named.")
    (folder / "e.txt").write_text("A plain text clipping\n\nTrade talks resumed in Tokyo.\n", encoding="utf-8")
    library = Library(tmp_path_factory.mktemp("data"), [folder])
    library.sync(entities=False)
    yield library
    library.close()


def _titles(library: Library, query: str) -> set[str]:
    return {hit.article.title for hit in library.search(query, limit=50).hits}


def test_no_source_finds_exactly_the_articles_without_one(mixed: Library) -> None:
    assert _titles(mixed, "no:source") == {"Unsigned note on bases", "A plain text clipping"}
    assert _titles(mixed, "No:Source") == _titles(mixed, "no:source")


def test_no_source_combines_like_any_clause(mixed: Library) -> None:
    assert _titles(mixed, "okinawa no:source") == {"Unsigned note on bases"}
    assert _titles(mixed, "NOT no:source") == {"Kyodo on bases", "Kyodo on trade", "NHK on bases"}
    assert _titles(mixed, 'no:source OR source:"NHK"') == {
        "Unsigned note on bases",
        "A plain text clipping",
        "NHK on bases",
    }
    assert mixed.search("no:source").total == 2


def test_no_with_something_else_says_what_it_can_be(mixed: Library) -> None:
    with pytest.raises(QueryError, match="no:source"):
        mixed.search("no:author")
    with pytest.raises(QueryError, match="no:source"):
        mixed.search("bases no:")


def test_source_counts_end_with_the_articles_without_a_source(mixed: Library) -> None:
    counts = mixed.source_counts()
    assert [(c.source, c.total) for c in counts] == [("Kyodo", 2), ("NHK", 1), ("", 2)]
    assert counts[-1].missing and not counts[0].missing


def test_every_article_is_reached_by_exactly_one_source_entry(mixed: Library) -> None:
    everything = mixed.matching_ids("")
    reached = [mixed.matching_ids(count.query) for count in mixed.source_counts()]
    assert sum(len(ids) for ids in reached) == len(everything)
    assert set().union(*reached) == everything
    assert [len(ids) for ids in reached] == [count.total for count in mixed.source_counts()]


def test_unread_counts_cover_the_articles_without_a_source(mixed: Library) -> None:
    unsigned = sorted(mixed.matching_ids("no:source"))
    mixed.userdata.set_read(unsigned[:1], True)
    try:
        assert mixed.source_counts()[-1].unread == 1
    finally:
        mixed.userdata.set_read(unsigned[:1], False)


def test_a_source_named_like_the_clause_is_still_a_source() -> None:
    assert source_query("no:source") == 'source:"no:source"'
    assert source_query("") == "no:source"
    assert source_query('Say "hi"') == 'source:"Say hi"'


def test_the_query_for_a_source_with_a_colon_runs(mixed: Library) -> None:
    assert mixed.search(source_query("no:source")).total == 0


@settings(max_examples=60, deadline=None)
@given(
    value=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12),
    around=st.sampled_from(["{}", "bases {}", "NOT {}", "({} OR trade)", "{} is:unread"]),
)
def test_any_no_clause_searches_or_says_what_is_wrong(mixed: Library, value: str, around: str) -> None:
    text = around.format(f"no:{value}")
    try:
        result = mixed.search(text)
    except QueryError as exc:
        assert str(exc)
        return
    assert result.total <= mixed.count()
