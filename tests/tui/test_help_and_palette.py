"""One declaration per action: the palette, the help and the bindings all come from tui.actions."""

from __future__ import annotations

import json
from pathlib import Path

from textual.binding import Binding
from textual.command import CommandPalette
from textual.containers import VerticalScroll
from textual.widgets import OptionList

from search.library import Library
from tests.tui.tui_helpers import settle
from tui.actions import all_commands, binding_ids
from tui.app import AllianceReader
from tui.screens.collections import CollectionsScreen
from tui.screens.error import ErrorScreen
from tui.screens.export import ExportScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.screens.profile import ProfileScreen
from tui.screens.timeline import TimelineScreen
from tui.screens.user_dialogs import ConfirmScreen, NoteScreen, PromptScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.reading_view import ReadingView
from tui.widgets.search_box import SearchInput


def test_every_binding_is_declared_once_with_an_id() -> None:
    owners = (
        AllianceReader, MainScreen, ArticleList, ReadingView, EntitySidebar, SearchInput, HelpScreen, ErrorScreen,
        TimelineScreen, ProfileScreen, CollectionsScreen, ExportScreen, PromptScreen, NoteScreen, ConfirmScreen,
    )  # fmt: skip
    ids = [b.id for owner in owners for b in owner.BINDINGS if isinstance(b, Binding)]
    assert None not in ids
    assert len(ids) == len(set(ids))
    assert set(ids) == binding_ids()


async def _palette_hits(app: AllianceReader, pilot, words: str) -> list[str]:
    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*words)
    for _ in range(5):
        await pilot.pause(0.1)
    options = app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_the_palette_offers_bookmark_with_its_key_and_runs_it(small_library: Library, build_app) -> None:
    app = build_app(small_library)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        first = app.screen.query_one(ArticleList).highlighted_id
        prompts = await _palette_hits(app, pilot, "bookmark")
        assert prompts and "Bookmark" in prompts[0]
        assert "b ·" in prompts[0]
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert first in app.screen.bookmarks


async def test_the_palette_lists_every_declared_action(small_library: Library, build_app) -> None:
    app = build_app(small_library)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        prompts = "\n".join(await _palette_hits(app, pilot, ""))
        for command in all_commands():
            if command.bound and command.palette:
                assert command.label in prompts, command.id


async def test_the_palette_shows_the_key_the_user_chose(small_library: Library, build_app, tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "keymap.json").write_text(json.dumps({"main.sort": "o"}))
    app = build_app(small_library)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        prompts = await _palette_hits(app, pilot, "sort")
        assert any(p.startswith("Sort") and "o · Order:" in p for p in prompts)


async def test_help_scrolls_at_once_and_lists_every_key(small_library: Library, build_app) -> None:
    app = build_app(small_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(f"{k} {d}" for _, rows in app.screen.sections for k, d in rows)
        for key in ("tab ", "shift+tab", "enter", "^p", "/ ", "?, f1"):
            assert key in text, key
        for command in all_commands():
            assert command.help in text
        dialog = app.screen.query_one("#help-dialog", VerticalScroll)
        assert dialog.max_scroll_y > 0
        await pilot.press("j")
        await pilot.pause()
        assert dialog.scroll_y == 1
        await pilot.press("pagedown")
        await pilot.pause()
        assert dialog.scroll_y > 2
        await pilot.press("end")
        await pilot.pause()
        assert dialog.scroll_y == dialog.max_scroll_y
        await pilot.press("k")
        await pilot.pause()
        assert dialog.scroll_y == dialog.max_scroll_y - 1
        await pilot.press("home")
        await pilot.pause()
        assert dialog.scroll_y == 0
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


def test_the_readme_keys_table_is_the_declared_one() -> None:
    from tui.actions import readme_table

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert readme_table() in readme, "regenerate the README's Keys table with `python -m tui.actions`"
