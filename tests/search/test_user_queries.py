"""`is:`, `tag:` and `note:` in the query language, and saved searches' new counts."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.errors import QueryError
from search.library import Library
from search.saved import add_saved, open_saved, saved_status
from search.userdata import UserData
from tests.search.search_fixture_corpus import TITLES, build_library, found

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    lib = build_library(tmp_path_factory)
    yield lib
    lib.close()


@pytest.fixture
def library(shared: Library) -> Library:
    """The shared index with fresh user data for each test."""
    for name in ("userdata.json", "saved_searches.json"):
        (shared.data_dir / name).unlink(missing_ok=True)
    shared.userdata = UserData(shared.data_dir)
    return shared


def ids_of(library: Library, *files: str) -> list[str]:
    wanted = {TITLES[f] for f in files}
    return [r.id for r in library.list_articles() if r.title in wanted]


def names(*files: str) -> set[str]:
    return {TITLES[f] for f in files}


def test_is_read_unread_bookmarked(library: Library) -> None:
    library.userdata.set_read(ids_of(library, "a1.txt", "a2.txt"))
    library.userdata.set_bookmark(ids_of(library, "a3.txt")[0], True)
    everything = found(library, "")
    assert found(library, "is:read") == names("a1.txt", "a2.txt")
    assert found(library, "is:unread") == everything - names("a1.txt", "a2.txt")
    assert found(library, "is:bookmarked") == names("a3.txt")
    assert found(library, "is:unread koizumi") == set()
    assert found(library, "IS:Unread") == found(library, "is:unread")


def test_user_terms_combine_inside_or_not_and_parentheses(library: Library) -> None:
    library.userdata.set_tags(ids_of(library, "a3.txt")[0], ["Follow Up"])
    library.userdata.set_read(ids_of(library, "a1.txt"))
    assert found(library, "tag:follow-up") == names("a3.txt")
    assert found(library, "tag:follow-up OR koizumi") == names("a1.txt", "a2.txt", "a3.txt")
    assert found(library, "koizumi NOT is:read") == names("a2.txt")
    assert found(library, "(is:read OR tag:follow-up) AND NOT tag:follow-up") == names("a1.txt")
    assert found(library, "is:unread date:2025") == found(library, "date:2025") - names("a1.txt")


def test_note_words_are_matched_like_index_words(library: Library) -> None:
    library.userdata.set_note(ids_of(library, "a2.txt")[0], "Ask about the Budgets\nand the defences")
    assert found(library, "note:budget") == names("a2.txt")
    assert found(library, 'note:"defences budget"') == names("a2.txt")
    assert found(library, "note:okinawa") == set()


def test_unknown_values_and_fields_are_query_errors(library: Library) -> None:
    with pytest.raises(QueryError, match="is:"):
        library.search("is:shiny")
    with pytest.raises(QueryError, match="no field called 'colour'"):
        library.search("colour:red")
    with pytest.raises(QueryError, match="needs something after it"):
        library.search("tag: japan")


ID_SETS = st.sets(st.sampled_from(sorted(TITLES)), max_size=6)


@SETTINGS
@given(read=ID_SETS, tagged=ID_SETS, negate=st.booleans(), word=st.sampled_from(["koizumi", "budget", "japan"]))
def test_user_terms_are_exact_set_algebra(library: Library, read: set, tagged: set, negate: bool, word: str) -> None:
    """Whatever is marked, each clause equals the set of ids it names, and combines as sets do."""
    data = library.userdata
    every = {r.id for r in library.list_articles()}
    data.set_read(every, read=False)
    data.set_read(ids_of(library, *read))
    for article_id in every:
        data.set_tags(article_id, ["t"] if article_id in set(ids_of(library, *tagged)) else [])
    by_id = {r.title: r.id for r in library.list_articles()}

    def ids(text: str) -> set[str]:
        return {by_id[t] for t in found(library, text)}

    read_ids, tag_ids = set(ids_of(library, *read)), set(ids_of(library, *tagged))
    assert ids("is:read") == read_ids
    assert ids("is:unread") == every - read_ids
    assert ids("tag:t") == tag_ids
    assert ids(f"{word} OR tag:t") == ids(word) | tag_ids
    assert ids(f"{word} AND is:unread") == ids(word) - read_ids
    op = "NOT" if negate else "AND"
    assert ids(f"({word} {op} tag:t) OR is:read") == (
        (ids(word) - tag_ids if negate else ids(word) & tag_ids) | read_ids
    )


def test_saved_search_counts_new_matches_until_opened(library: Library) -> None:
    saved = add_saved(library, "Koizumi", "koizumi")
    assert saved.total == 2 and saved.new == 0
    # Pretend one match arrived after the search was last opened.
    newcomer = ids_of(library, "a2.txt")[0]
    search = library.userdata.saved_search("Koizumi")
    library.userdata.mark_opened(search.name, search.seen - {newcomer})
    [status] = saved_status(library)
    assert (status.total, status.new, status.new_ids) == (2, 1, {newcomer})
    only_new = library.search(status.query, only_ids=status.new_ids)
    assert [h.id for h in only_new.hits] == [newcomer]
    assert open_saved(library, "koizumi").new == 1
    assert saved_status(library)[0].new == 0


def test_user_data_survives_a_rebuild_and_a_moved_source_folder(library: Library) -> None:
    target = ids_of(library, "a4.txt")[0]
    library.userdata.set_tags(target, ["keep"])
    library.userdata.set_read([target])
    assert library.sources is not None
    library.sync(rebuild=True, entities=False)
    assert found(library, "tag:keep") == names("a4.txt")
    moved = library.sources[0].parent / "moved"
    shutil.copytree(library.sources[0], moved)
    elsewhere = Library(library.data_dir, [moved])
    try:
        elsewhere.sync(entities=False)
        assert target not in {r.id for r in elsewhere.list_articles()}  # ids follow the path
        assert found(elsewhere, "tag:keep is:read") == names("a4.txt")
    finally:
        elsewhere.close()


USER_BITS = st.sampled_from(
    ["is:", "is:unread", "is:read", "is:bookmarked", "is:x", "tag:", "tag:t", 'tag:"a b"', "note:", "note:budget",
     'note:"', "IS:READ", " ", "(", ")", "AND", "OR", "NOT", "koizumi", "date:2025", '"', ":", "*", "~"]
)  # fmt: skip


@SETTINGS
@given(text=st.lists(USER_BITS, max_size=10).map("".join))
def test_user_terms_only_ever_raise_query_errors(library: Library, text: str) -> None:
    library.userdata.set_tags(ids_of(library, "a1.txt")[0], ["t"])
    try:
        result = library.search(text, limit=3)
    except QueryError as exc:
        assert str(exc)
        assert exc.position is None or 0 <= exc.position <= len(text)
        return
    assert result.total >= len(result.hits)
