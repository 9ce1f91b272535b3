"""Pane keys, help, read marks and bookmarks that persist, and the user's keymap."""

from __future__ import annotations

import json
from pathlib import Path

from search.library import Library
from tests.tui.tui_helpers import settle
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.entity_sidebar import EntitySidebar

SIZE = (120, 40)


async def test_e_toggles_the_sidebar_and_the_choice_is_saved(small_library: Library, build_app) -> None:
    app = build_app(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        sidebar = app.screen.query_one(EntitySidebar)
        assert sidebar.display
        await pilot.press("e")
        assert not sidebar.display
        await pilot.press("e")
        assert sidebar.display
    assert app.store.settings.sidebar_visible is True


async def test_sidebar_collapses_on_a_small_terminal(small_library: Library, build_app) -> None:
    app = build_app(small_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert not app.screen.query_one(EntitySidebar).display
        assert app.screen.narrow


async def test_help_opens_with_question_mark_and_closes_with_escape(small_library: Library, build_app) -> None:
    app = build_app(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = "\n".join(f"{k} {d}" for _, rows in app.screen.sections for k, d in rows)
        assert "a search cycles relevance, date, title" in keys and "next search hit" in keys
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_read_marks_and_bookmarks_persist(small_library: Library, build_app, tmp_path: Path) -> None:
    app = build_app(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        first = app.screen.query_one(ArticleList).highlighted_id
        assert first not in app.screen.read_ids, "the article opened at launch is not read at once"
        await pilot.press("u")
        assert first in app.screen.read_ids
        await pilot.press("u")
        assert first not in app.screen.read_ids
        await pilot.press("b")
    saved = json.loads((small_library.data_dir / "userdata.json").read_text())
    assert first in saved["bookmarks"]
    assert first not in saved["read"]

    again = build_app(small_library)
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        assert first in again.screen.bookmarks


async def test_keymap_file_remaps_a_key(small_library: Library, build_app, tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "keymap.json").write_text(json.dumps({"main.entities": "x"}))
    app = build_app(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        sidebar = app.screen.query_one(EntitySidebar)
        await pilot.press("e")
        assert sidebar.display, "e no longer toggles the sidebar"
        await pilot.press("x")
        assert not sidebar.display


async def test_pane_width_keys_resize_and_are_remembered(small_library: Library, build_app) -> None:
    app = build_app(small_library)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        before = app.screen.query_one(ArticleList).outer_size.width
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.screen.query_one(ArticleList).outer_size.width == before + 4
    assert app.store.settings.list_width == before + 4


async def test_theme_choice_is_saved(small_library: Library, build_app) -> None:
    app = build_app(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.theme = "nord"
        await pilot.pause()
    assert app.store.settings.theme == "nord"
    again = build_app(small_library)
    async with again.run_test(size=SIZE) as pilot:
        assert again.theme == "nord"
