"""Scraped text never becomes markup or terminal codes, and problems become words, never tracebacks."""

from __future__ import annotations

from pathlib import Path

from search.library import Library
from tests.tui.tui_helpers import settle, static_text
from tui.screens.error import ErrorScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.search_box import SearchBox

SIZE = (120, 40)


async def test_markup_looking_text_renders_literally(small_library: Library, build_app) -> None:
    app = build_app(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"markup", "enter")
        await settle(app, pilot)
        screen = app.screen
        assert screen.article is not None and screen.article.title.startswith("Markup-looking")
        body = static_text(screen, "#reader-body .paragraph")
        assert "[bold]not markup[/]" in body
        assert "[link]" in body
        assert "\x1b" not in body
        row = screen.query_one(ArticleList).get_option_at_index(0).prompt
        assert "Markup-looking text stays text" in str(row)


async def test_a_bad_query_shows_an_inline_error(small_library: Library, build_app) -> None:
    app = build_app(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash")
        box = app.screen.query_one(SearchBox)
        box.set_query("alliance " * 300)
        await pilot.press("enter")
        await settle(app, pilot)
        assert "too long" in box.error
        assert "too long" in static_text(app.screen, "#search-note")
        assert len(app.screen.rows) == 4, "the list keeps its last good contents"


async def test_a_corrupt_settings_file_gives_defaults(small_library: Library, build_app, tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.json").write_text("{not json")
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "state.json").write_text("[1, 2]")
    app = build_app(small_library)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        assert app.store.settings.sort == "date"
        assert len(app.store.notices) == 2
        assert len(app.screen.rows) == 4


async def test_an_index_that_cannot_be_built_shows_a_dialog(tmp_path: Path, build_app) -> None:
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the data folder should be")
    app = build_app(Library(blocker), sync=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, ErrorScreen)
        assert "Traceback" not in app.screen.problem
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ErrorScreen)


def test_date_words_never_show_a_guess_as_fact() -> None:
    import datetime as dt

    from corpus.model import Article, DateConfidence, PublishedDate
    from tui.widgets.article_text import date_words, meta_line

    def article(published: PublishedDate) -> Article:
        return Article(id="x", title="t", origin="o", published=published)

    day = dt.date(2026, 1, 17)
    assert date_words(article(PublishedDate(day, DateConfidence.STATED, "dateline gives 17 Jan 2026"))) == (
        "17 Jan 2026, date stated"
    )
    dateline = PublishedDate(day, DateConfidence.INFERRED, "dateline 'Jan 17' has no year; year 2026 inferred")
    assert date_words(article(dateline)) == "17 Jan 2026, year inferred"
    assert "has no year" in str(meta_line(article(dateline)))
    from_text = PublishedDate(day, DateConfidence.INFERRED, "approximated by the latest full date the text mentions")
    assert date_words(article(from_text)) == "about 17 Jan 2026, approximate date"
    assert date_words(article(PublishedDate())) == "date unknown"
    window = PublishedDate(None, DateConfidence.INFERRED, "written between Aug 2022 and Sep 2023, from who held "
                           "office", (dt.date(2022, 8, 10), dt.date(2023, 9, 13)))
    assert date_words(article(window)) == "Aug 2022 – Sep 2023, by who held office"  # a window, never a day
    assert "from who held office" in str(meta_line(article(window)))
