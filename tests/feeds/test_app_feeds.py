"""The app: `r` refreshes in the background and the list fills; `o` opens and `y` copies the link."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

from corpus.feeds.http import FetchPolicy
from search.feeds import Subscription, feed_key
from search.library import Library
from tests.feeds.samples import long_text, rss2
from tests.feeds.server import FeedServer
from tests.tui.tui_helpers import settle
from tui.factory import make_app
from tui.screens.main import MainScreen
from tui.widgets.article_list import ArticleList

SIZE = (120, 40)


@pytest.fixture
def library(tmp_path: Path, policy: FetchPolicy) -> Library:
    library = Library(tmp_path / "data")
    library.feeds.policy = policy
    library.sync(entities=False)
    yield library
    library.close()


def record_notices(app: App[None]) -> list[str]:
    """Every notification's text, kept past its timeout (a loaded machine can outlast a 5 s toast)."""
    seen: list[str] = []
    original = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        seen.append(str(message))
        original(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    return seen


async def test_r_refreshes_feeds_and_o_y_use_the_link(server: FeedServer, library: Library, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    server.serve("/feed", rss2("Wire", [{"title": "Fresh from the wire [b]x[/b]", "link": "https://example.org/w",
                                         "guid": "w", "pubDate": "Mon, 05 Jan 2099 09:00:00 GMT",
                                         "description": long_text("wire")}]))
    library.feeds.store.add(Subscription(url=server.url("/feed"), key=feed_key(server.url("/feed"))))
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url, *a, **k: opened.append(url) or True)
    app = make_app(library, data_dir=tmp_path / "state", config_dir=tmp_path / "config", sync=False)
    seen = record_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        before = {row.title for row in screen.rows}
        await pilot.press("r")
        await settle(app, pilot, rounds=6)
        titles = [row.title for row in screen.rows]
        assert "Fresh from the wire [b]x[/b]" in titles and "Fresh from the wire [b]x[/b]" not in before
        assert any("1 new article" in n for n in seen)
        article_list = screen.query_one(ArticleList)
        article_list.highlighted = article_list.get_option_index(
            next(row.id for row in screen.rows if row.title.startswith("Fresh")))
        await pilot.press("o")
        assert opened == ["https://example.org/w"]
        await pilot.press("y")
        assert app.clipboard == "https://example.org/w"
        article_list.highlighted = article_list.get_option_index(
            next(row.id for row in screen.rows if not row.title.startswith("Fresh")))
        await pilot.press("o")
        await pilot.press("y")
        assert opened == ["https://example.org/w"]
        assert seen.count("This article has no link.") == 2
    assert server.count("/feed") == 1


async def test_start_up_never_touches_the_network(server: FeedServer, library: Library, tmp_path: Path) -> None:
    library.feeds.store.add(Subscription(url=server.url("/feed"), key=feed_key(server.url("/feed"))))
    app = make_app(library, data_dir=tmp_path / "state", config_dir=tmp_path / "config", sync=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.screen.rows
    assert server.requests == []


async def test_r_without_feeds_or_with_a_damaged_list_says_so(library: Library, tmp_path: Path) -> None:
    app = make_app(library, data_dir=tmp_path / "state", config_dir=tmp_path / "config", sync=False)
    seen = record_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        assert any(n.startswith("No feeds yet") for n in seen)
        library.feeds.store.folder.mkdir(parents=True, exist_ok=True)
        (library.feeds.store.folder / "subscriptions.json").write_text("{not json", encoding="utf-8")
        await pilot.press("r")
        await settle(app, pilot)
        assert any("unreadable" in n for n in seen)
        assert app.is_running


async def test_automatic_refresh_runs_on_its_timer_and_is_off_at_zero(
        server: FeedServer, library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.screens import feed_work

    monkeypatch.setattr(feed_work, "SECONDS_PER_MINUTE", 0.2)  # a "minute" of the setting lasts 0.2 s here
    server.serve("/feed", rss2("Wire", [{"title": "Timed", "link": "https://example.org/t", "guid": "t",
                                         "description": long_text("timed")}]))
    library.feeds.store.add(Subscription(url=server.url("/feed"), key=feed_key(server.url("/feed"))))
    for minutes in (0, 1):
        config = tmp_path / f"config{minutes}"
        config.mkdir()
        (config / "settings.json").write_text(f'{{"feed_refresh_minutes": {minutes}}}', encoding="utf-8")
        app = make_app(library, data_dir=tmp_path / "state", config_dir=config, sync=False)
        async with app.run_test(size=SIZE) as pilot:
            for step in range(100):  # up to 50 "minutes" of the setting, without a key pressed
                await pilot.pause(0.1)
                if server.count("/feed") or (minutes == 0 and step == 10):
                    break
            await settle(app, pilot)
        if minutes == 0:
            assert server.count("/feed") == 0  # off: five intervals passed without a request
        else:
            assert server.count("/feed") >= 1
