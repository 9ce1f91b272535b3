"""`S` reaches the articles that name no outlet: one more entry in the source list, filtering to them."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static

from search.library import Library
from search.saved import source_query
from tests.tui.tui_helpers import settle
from tui.screens.collections import NO_SOURCE_LABEL, CollectionsScreen
from tui.screens.main import MainScreen
from tui.screens.timeline import TimelineScreen
from tui.widgets.status_bar import Breadcrumb

SIZE = (120, 36)


def _library(tmp_path: Path) -> Library:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name, source in (("a.md", "Kyodo"), ("b.md", "Kyodo"), ("c.md", None), ("d.md", None), ("e.md", None)):
        front = f"source: {source}\n" if source else ""
        (folder / name).write_text(f"---\ntitle: Story {name}\n{front}---\n\nText of {name}.\n", encoding="utf-8")
    library = Library(tmp_path / "data", [folder])
    library.sync(entities=False)
    return library


def _prompts(screen: CollectionsScreen) -> list[str]:
    listing = screen.query_one(OptionList)
    return [str(option.prompt) for option in listing.options]


async def test_the_articles_without_a_source_are_an_entry_of_their_own(tmp_path: Path, build_app) -> None:
    library = _library(tmp_path)
    app = build_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("S")
        await settle(app, pilot)
        assert isinstance(app.screen, CollectionsScreen)
        shown = _prompts(app.screen)
        entry = next(line for line in shown if NO_SOURCE_LABEL in line)
        assert "3 unread" in entry and "3 in all" in entry
        assert shown.index(entry) > next(i for i, line in enumerate(shown) if "Kyodo" in line)
        await pilot.press("j")  # Kyodo is first (most articles), the articles without a source after it
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert sorted(row.title for row in screen.rows) == ["Story c.md", "Story d.md", "Story e.md"]
        assert f"source: {NO_SOURCE_LABEL}" in str(screen.query_one(Breadcrumb).content)
        await pilot.press("escape")
        await settle(app, pilot)
        assert screen.entity is None and len(screen.rows) == 5
    library.close()


async def test_a_query_narrows_within_the_articles_without_a_source(tmp_path: Path, build_app) -> None:
    library = _library(tmp_path)
    app = build_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("S")
        await settle(app, pilot)
        await pilot.press("j", "enter")
        await settle(app, pilot)
        await pilot.press("slash", *"d.md", "enter")
        await settle(app, pilot)
        assert [row.title for row in app.screen.rows] == ["Story d.md"]
    library.close()


async def test_timeline_of_a_source_filter_lists_its_articles(tmp_path: Path, build_app) -> None:
    library = _library(tmp_path)
    app = build_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("S")
        await settle(app, pilot)
        await pilot.press("j", "enter")
        await settle(app, pilot)
        await pilot.press("T")
        await settle(app, pilot)
        assert isinstance(app.screen, TimelineScreen)
        assert app.screen.query_text == source_query("") and app.screen.entity_key is None
        title = str(app.screen.query_one("#timeline-title", Static).render())
        assert title.startswith(f"Timeline: {NO_SOURCE_LABEL}"), title  # the outlet, not its query
        shown = " ".join(str(option.prompt) for option in app.screen.query_one(OptionList).options)
        assert "no entity" not in shown
    library.close()
