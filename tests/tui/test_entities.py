"""The entity sidebar on the embedded corpus with real entity extraction (built once per module)."""

from __future__ import annotations

from search.library import Library
from tests.tui.tui_helpers import settle
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.reading_view import ReadingView
from tui.widgets.status_bar import Breadcrumb

SIZE = (140, 40)


async def test_sidebar_lists_people_and_enter_filters_by_person(entity_library: Library, build_app) -> None:
    app = build_app(entity_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        sidebar = screen.query_one(EntitySidebar)
        assert screen.article is not None and screen.article.entities
        first = sidebar.get_option_at_index(0)
        assert str(first.prompt) == "People"
        sidebar.focus()
        await pilot.press("down")
        person = sidebar._entities[sidebar.get_option_at_index(sidebar.highlighted).id]
        await pilot.press("m")
        reader = screen.query_one(ReadingView)
        assert reader.border_subtitle == f"mention 1/{person.count}"
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.entity is not None and screen.entity.name == person.name
        assert f"person: {person.name}" in str(screen.query_one(Breadcrumb).content)
        with_entity = {row.id for row in entity_library.articles_with_entity(person.key)}
        assert screen.rows and {row.id for row in screen.rows} <= with_entity
        await pilot.press("escape")
        await settle(app, pilot)
        assert screen.entity is None
        assert len(screen.rows) == entity_library.count()


async def test_first_start_indexes_text_then_fills_in_entities(tmp_path, build_app) -> None:
    """A fresh library: the list comes from the text pass, the sidebar from the background entity pass."""
    library = Library(tmp_path / "fresh")
    app = build_app(library, sync=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot, rounds=6)
        screen = app.screen
        assert len(screen.rows) == 5
        assert library.pending_entities() == 0
        assert screen.article is not None and screen.article.entities
        people = [e for e in screen.article.entities if e.type.value == "person"]
        assert people and all(e.count >= 1 for e in people)
    library.close()


def test_a_date_whose_year_was_guessed_is_marked() -> None:
    import datetime as dt

    from corpus.model import DateConfidence, DateMention
    from tui.widgets.entity_sidebar import _date_label

    day = dt.date(2026, 1, 15)
    guessed = DateMention("January 15", day, "On January 15, ...", 3, 13, DateConfidence.INFERRED)
    stated = DateMention("January 15, 2026", day, "On January 15, 2026", 3, 19, DateConfidence.STATED)
    assert str(_date_label(guessed)).startswith("2026-01-15?")
    assert "?" not in str(_date_label(stated))
