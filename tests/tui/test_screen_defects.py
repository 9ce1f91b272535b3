"""First-launch defects: whole query errors, plurals, the entity hint, Tab through the panes."""

from __future__ import annotations

from textual.widgets import Collapsible, Static

from search.library import Library
from tests.tui.tui_helpers import settle
from tui.messages import SyncFinished
from tui.widgets.article_list import ArticleList
from tui.widgets.article_text import counted
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.reading_view import ReadingView
from tui.widgets.search_box import SearchBox, SearchInput


def test_counts_agree_with_their_nouns() -> None:
    assert counted(1, "hit") == "1 hit"
    assert counted(17, "match") == "17 matches"
    assert counted(0, "entity") == "0 entities"
    assert counted(1, "entity") == "1 entity"
    assert counted(2, "reader comment") == "2 reader comments"


async def test_a_query_error_is_shown_whole_and_the_list_says_it_failed(small_library: Library, build_app) -> None:
    app = build_app(small_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"alliance date:>bogus")
        await settle(app, pilot)
        screen = app.screen
        box = screen.query_one(SearchBox)
        assert box.error and len(box.error) > 60
        note = screen.query_one("#search-note", Static)
        shown = " ".join(line.text.strip() for line in note.render_lines(note.region.reset_offset))
        assert " ".join(box.error.split()) in " ".join(shown.split()), "the message is cut"
        article_list = screen.query_one(ArticleList)
        assert "failed" in str(article_list.border_title).lower()
        assert "Results (" not in str(article_list.border_title)
        assert article_list.option_count == 4, "the last good results stay"
        assert isinstance(app.focused, SearchInput)


async def test_reader_subtitle_counts_hits_and_matches_in_words(small_library: Library, build_app) -> None:
    app = build_app(small_library)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"runways", "enter")
        await settle(app, pilot)
        reader = app.screen.query_one(ReadingView)
        assert reader.border_subtitle == "1 hit"


async def test_entity_terms_say_when_entities_are_still_being_found(small_library: Library, build_app) -> None:
    app = build_app(small_library)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        screen.post_message(SyncFinished("", final=False))
        await pilot.press("slash", *'person:"Nobody Yet"')
        await settle(app, pilot)
        box = screen.query_one(SearchBox)
        assert "still being found" in box.hint
        assert "still being found" in str(screen.query_one("#search-note", Static).content)
        screen.post_message(SyncFinished("", final=True))
        await settle(app, pilot)
        assert box.hint == ""
        screen.post_message(SyncFinished("", final=False))
        await pilot.press("ctrl+u", *"guam")
        await settle(app, pilot)
        assert box.hint == "", "a query without entity terms needs no hint"


async def test_tab_from_the_reader_skips_the_comment_toggle(entity_library: Library, build_app) -> None:
    app = build_app(entity_library)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        article_list = screen.query_one(ArticleList)
        for index in range(article_list.option_count):
            article_list.highlighted = index
            await settle(app, pilot)
            if screen.article is not None and screen.article.comments:
                break
        assert screen.article is not None and screen.article.comments
        reader = screen.query_one(ReadingView)
        reader.focus()
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        assert isinstance(app.focused, EntitySidebar)
        assert reader.scroll_y == 0
        sidebar = app.focused
        assert sidebar.highlighted is not None, "arriving by Tab selects an entity"
        assert not sidebar.get_option_at_index(sidebar.highlighted).disabled
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.entity is not None
        reader.focus()
        await pilot.press("c")
        await pilot.pause()
        assert not reader.query_one("#comments", Collapsible).collapsed
