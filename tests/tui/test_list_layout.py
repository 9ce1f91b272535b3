"""The list shows titles, and under a query why each result matched; the reader keeps a readable measure."""

from __future__ import annotations

import re

import pytest
from textual.content import Content

from search.library import Library
from tests.tui.tui_helpers import settle
from tui.widgets.article_list import ArticleList
from tui.widgets.entity_sidebar import EntitySidebar
from tui.widgets.reading_view import ReadingView


def _row_text(article_list: ArticleList, index: int) -> list[str]:
    prompt = article_list.get_option_at_index(index).prompt
    assert isinstance(prompt, Content)
    return str(prompt).split("\n")


def _visible_title(lines: list[str], width: int) -> str:
    """The title as the row shows it: its lines, cut to the list's width, before the date line."""
    meta = next(i for i, line in enumerate(lines) if re.match(r"  (?:\d|no date|[A-Z][a-z]{2} \d{4})", line))
    return " ".join(line[:width][2:].strip() for line in lines[:meta])


@pytest.mark.parametrize(("size", "wanted"), [((120, 36), 55), ((80, 24), 40)], ids=["120x36", "80x24"])
async def test_titles_are_readable(embedded_library: Library, build_app, size: tuple[int, int], wanted: int) -> None:
    app = build_app(embedded_library)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert screen.query_one(EntitySidebar).display == (size[0] >= 110)
        article_list = screen.query_one(ArticleList)
        width = article_list.scrollable_content_region.width
        assert article_list.option_count == len(screen.rows) > 0
        for index, row in enumerate(screen.rows):
            shown = _visible_title(_row_text(article_list, index), width)
            assert (
                row.title[:wanted].split()
                == shown[: len(row.title[:wanted])].split()[: len(row.title[:wanted].split())]
            ), (
                row.title,
                shown,
            )


@pytest.mark.parametrize("size", [(80, 24), (200, 50)], ids=["80x24", "200x50"])
async def test_an_undated_row_shows_the_months_who_held_office_allow(
    embedded_library: Library, build_app, size: tuple[int, int]
) -> None:
    app = build_app(embedded_library)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        article_list = app.screen.query_one(ArticleList)
        undated = [(i, row) for i, row in enumerate(app.screen.rows) if row.published is None]
        assert undated and all(row.date_window for _, row in undated)
        for index, row in undated:
            start, end = row.date_window
            meta = _row_text(article_list, index)[-1]
            assert meta.startswith(f"  {start:%b %Y} – {end:%b %Y}?"), meta
            assert "no date" not in meta


async def test_a_wide_screen_grows_the_list_and_keeps_the_reader_readable(embedded_library: Library, build_app) -> None:
    app = build_app(embedded_library)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        article_list = app.screen.query_one(ArticleList)
        reader = app.screen.query_one(ReadingView)
        assert article_list.outer_size.width >= 70
        assert reader.content_region.width <= 100


async def test_search_results_show_a_snippet_with_the_hits_marked(small_library: Library, build_app) -> None:
    app = build_app(small_library)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"runways", "enter")
        await settle(app, pilot)
        article_list = app.screen.query_one(ArticleList)
        assert article_list.outer_size.width >= 40
        lines = _row_text(article_list, 0)
        assert lines[0].strip(" ●") == "Guam base upgrades announced"
        snippet = lines[-1]
        assert "runways" in snippet
        prompt = article_list.get_option_at_index(0).prompt
        assert isinstance(prompt, Content)
        start = str(prompt).index("runways", str(prompt).index(snippet))
        marked = [span for span in prompt.spans if span.start <= start and span.end >= start + len("runways")]
        assert any("underline" in str(span.style) or "bold" in str(span.style) for span in marked)


async def test_a_query_is_ranked_by_relevance_and_the_order_is_shown(small_library: Library, build_app) -> None:
    app = build_app(small_library)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert screen.sort == "date"
        await pilot.press("slash", *"alliance", "enter")
        await settle(app, pilot)
        assert screen.order == "relevance"
        assert "by relevance" in screen.query_one(ArticleList).border_subtitle
        assert "by relevance" in " ".join(screen.query_one("#header").crumbs)
        # The article that says "alliance" most comes first, whatever its date.
        assert screen.rows[0].title == "Alliance talks in Washington"
        await pilot.press("s")
        await settle(app, pilot)
        assert screen.order == "date"
        assert "by date" in screen.query_one(ArticleList).border_subtitle
        await pilot.press("escape")
        await settle(app, pilot)
        assert screen.order == "date" and "by date" in screen.query_one(ArticleList).border_subtitle
    assert app.store.settings.query_sort == "date"


async def test_widths_the_user_sets_still_work_and_are_remembered(small_library: Library, build_app) -> None:
    app = build_app(small_library)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(app, pilot)
        article_list = app.screen.query_one(ArticleList)
        before = article_list.outer_size.width
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert article_list.outer_size.width == before - 8
    assert app.store.settings.list_width == before - 8
    again = build_app(small_library)
    async with again.run_test(size=(200, 50)) as pilot:
        await settle(again, pilot)
        assert again.screen.query_one(ArticleList).outer_size.width == before - 8


async def test_rows_far_down_a_long_result_list_get_snippets_too(tmp_path, build_app) -> None:
    from tui.screens.snippet_work import SNIPPET_ROWS

    folder = tmp_path / "many"
    folder.mkdir()
    count = SNIPPET_ROWS + 30
    for number in range(count):
        text = f"Report number {number}\n\nTokyo, March 9, 2024\n\nThe harbour inspection {number} went well.\n"
        (folder / f"r{number:03}.txt").write_text(text, encoding="utf-8")
    library = Library(tmp_path / "many-data", [folder])
    library.sync(entities=False)
    app = build_app(library)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await settle(app, pilot)
            await pilot.press("slash", *"harbour", "enter")
            await settle(app, pilot)
            article_list = app.screen.query_one(ArticleList)
            assert article_list.option_count == count
            assert "harbour" in _row_text(article_list, 0)[-1]
            await pilot.press("G")
            await settle(app, pilot)
            assert "harbour" in _row_text(article_list, count - 1)[-1]
    finally:
        library.close()
