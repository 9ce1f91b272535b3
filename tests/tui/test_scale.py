"""The list pages in rows as you move instead of loading the whole library; the palette jumps to articles."""

from __future__ import annotations

from pathlib import Path

from search.library import Library
from tests.tui.tui_helpers import settle
from tui.screens.library_work import PAGE_SIZE
from tui.widgets.article_list import ArticleList

SIZE = (120, 40)


def test_page_size_keeps_first_paint_small() -> None:
    assert PAGE_SIZE <= 500


async def test_moving_to_the_end_pages_in_more_rows(tmp_path: Path, build_app) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    count = PAGE_SIZE + 20
    for number in range(count):
        (folder / f"{number:04}.txt").write_text(f"Report number {number}\n\nThe alliance report {number} text.\n")
    library = Library(tmp_path / "data", sources=[folder])
    library.sync(entities=False)
    app = build_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        article_list = app.screen.query_one(ArticleList)
        assert article_list.option_count == PAGE_SIZE
        assert f"Articles ({PAGE_SIZE} of {count})" == article_list.border_title
        await pilot.press("G")
        await settle(app, pilot)
        assert article_list.option_count == count
        assert not app.screen.has_more


async def test_palette_jumps_to_an_article_by_title(small_library: Library, build_app) -> None:
    app = build_app(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Trade ministers")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen.article is not None
        assert app.screen.article.title == "Trade ministers meet in Tokyo"
