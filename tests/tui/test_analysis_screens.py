"""Timeline, entity profile and export screens, driven by keys on the embedded corpus with entities."""

from __future__ import annotations

from pathlib import Path

import rispy
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select

from search.library import Library
from tests.tui.tui_helpers import settle, static_text
from tui.screens.export import ExportScreen
from tui.screens.main import MainScreen
from tui.screens.profile import ProfileScreen
from tui.screens.timeline import TimelineScreen
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.reading_view import ReadingView

SIZE = (140, 40)


async def _focus_person(app: App[None], pilot: Pilot[None], name: str) -> None:
    sidebar = app.screen.query_one(EntitySidebar)
    sidebar.focus()
    target = next(oid for oid, e in sidebar._entities.items() if e.name == name)
    sidebar.highlighted = sidebar.get_option_index(target)
    await pilot.pause()


async def _open_article_with(app: App[None], pilot: Pilot[None], library: Library, key: str) -> None:
    article_id = library.articles_with_entity(key)[0].id
    app.screen.jump_to_article(article_id)
    await settle(app, pilot)


async def test_timeline_from_the_sidebar_opens_the_article_at_the_sentence(entity_library: Library, build_app) -> None:
    app = build_app(entity_library)
    hegseth = entity_library.find_entity("Hegseth")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await _open_article_with(app, pilot, entity_library, hegseth.key)
        await _focus_person(app, pilot, hegseth.name)
        await pilot.press("T")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, TimelineScreen)
        options = screen.query_one(OptionList)
        headers = [
            str(options.get_option_at_index(i).prompt)
            for i in range(options.option_count)
            if options.get_option_at_index(i).disabled
        ]
        assert headers and headers[-1] in {"Undated", *headers}
        dated = [e for e in screen.entries if e.date]
        assert [e.date for e in dated] == sorted(e.date for e in dated)
        assert all("Hegseth" in e.sentence for e in screen.entries)
        # pick the first quoted sentence, then Enter
        wanted = next(i for i, e in enumerate(screen.entries) if e.quote)
        options.highlighted = options.get_option_index(str(wanted))
        entry = screen.entries[wanted]
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.article is not None and app.screen.article.id == entry.article_id
        reader = app.screen.query_one(ReadingView)
        assert reader.border_subtitle == "mention 1/1"


async def test_timeline_escape_returns_to_where_you_were(entity_library: Library, build_app) -> None:
    app = build_app(entity_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        before = app.screen.article.id if app.screen.article else None
        await pilot.press("slash", *"alliance", "enter")
        await settle(app, pilot)
        await pilot.press("T")
        await settle(app, pilot)
        assert isinstance(app.screen, TimelineScreen) and app.screen.entries
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert before is None or app.screen.article is not None


async def test_profile_shows_roles_co_mentions_and_quotes(entity_library: Library, build_app) -> None:
    app = build_app(entity_library)
    hegseth = entity_library.find_entity("Hegseth")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await _open_article_with(app, pilot, entity_library, hegseth.key)
        await _focus_person(app, pilot, hegseth.name)
        await pilot.press("p")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ProfileScreen)
        head = static_text(screen, "#profile-head")
        assert "Pete Hegseth" in head and f"{len(hegseth.articles)} articles" in head
        roles = static_text(screen, "#profile-roles")
        assert "Secretary of War" in roles
        assert "Koizumi" in static_text(screen, "#profile-with") or "Nakatani" in static_text(screen, "#profile-with")
        assert "a really important step" in static_text(screen, "#profile-quotes")
        await pilot.press("T")
        await settle(app, pilot)
        assert isinstance(app.screen, TimelineScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, ProfileScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)


async def test_export_the_list_to_a_file(entity_library: Library, build_app, tmp_path: Path) -> None:
    app = build_app(entity_library)
    target = tmp_path / "out.ris"
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.screen.query_one("#list").focus()
        await pilot.press("x")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        dialog.query_one(Select).value = "ris"
        await pilot.pause()
        dialog.query_one(Input).value = str(target)
        dialog.query_one(Input).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
    entries = rispy.loads(target.read_text(encoding="utf-8"))
    assert len(entries) == entity_library.count() and all(e["type_of_reference"] == "NEWS" for e in entries)


async def test_export_to_an_unwritable_path_is_a_message(entity_library: Library, build_app, tmp_path: Path) -> None:
    app = build_app(entity_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.screen.query_one("#list").focus()
        await pilot.press("x")
        await settle(app, pilot)
        app.screen.query_one(Input).value = str(tmp_path / "missing" / "dir" / "out.md")
        app.screen.query_one(Input).focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, MainScreen)
        assert any("Could not write" in str(n.message) for n in app._notifications)


async def test_quotes_are_marked_in_the_reading_view(entity_library: Library, build_app) -> None:
    app = build_app(entity_library)
    hegseth = entity_library.find_entity("Hegseth")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await _open_article_with(app, pilot, entity_library, hegseth.key)
        reader = app.screen.query_one(ReadingView)
        quote_style = reader.get_visual_style("reading-view--quote")
        article = app.screen.article
        assert article is not None and article.quotes
        rendered = [w.content for w in reader.query("#reader-body > .paragraph").results()]
        assert any(any(span.style == quote_style for span in c.spans) for c in rendered)


async def test_palette_opens_an_entitys_timeline(entity_library: Library, build_app) -> None:
    app = build_app(entity_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await settle(app, pilot)
        await pilot.press(*"Timeline: Pete Heg")
        await settle(app, pilot)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, TimelineScreen)
        assert app.screen.label == "Pete Hegseth" and app.screen.entries


async def test_timeline_lines_fit_the_list_at_80_columns(small_library: Library, build_app) -> None:
    """A wrapped sentence stays under its indent: no line is wider than the list once its scrollbar shows."""
    from search.analysis import TimelineEntry

    sentence = (
        "Hegseth welcomed Japan's decision last year to increase defence spending, calling it "
        '"a really important step" that the United States welcomed, officials said on Friday in Tokyo'
    )
    rows = small_library.list_articles()
    entries = [TimelineEntry(None, "stated", r.id, r.title, r.source, sentence, "q", 0, 9) for r in rows] * 6
    app = build_app(small_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = TimelineScreen(small_library, entity_key=None, query="", label="test")
        await app.push_screen(screen)
        await pilot.pause()
        screen.show_entries(entries)
        await pilot.pause()
        options = screen.query_one(OptionList)
        assert options.show_vertical_scrollbar
        room = options.scrollable_content_region.width
        prompts = [options.get_option_at_index(i).prompt for i in range(options.option_count)]
        assert max(line.cell_length for prompt in prompts for line in prompt.split()) <= room


def test_profile_roles_say_a_single_day_or_no_date_once() -> None:
    import datetime as dt

    from search.analysis import Profile, RoleSpan
    from search.results import EntitySummary
    from tui.screens.profile import profile_content

    day, later = dt.date(2025, 2, 7), dt.date(2026, 1, 17)
    entity = EntitySummary("person:x", "X", "person", (), (), ("a", "b"), 3)
    roles = (RoleSpan("Minister", day, day, 1), RoleSpan("Envoy", None, None, 1), RoleSpan("Aide", day, later, 2))
    sections = dict(profile_content(Profile(entity, roles, (), ())))
    text = next(str(body) for name, body in sections.items() if "Minister" in str(body))
    assert "2025-02-07  Minister" in text and "2025-02-07 – 2025-02-07" not in text
    assert "undated  Envoy" in text and "undated – undated" not in text
    assert "2025-02-07 – 2026-01-17  Aide" in text
