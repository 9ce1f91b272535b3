"""Feeds in the app: `r` refreshes in the background, an optional timer refreshes every N minutes,
`o` opens the article's link in the browser and `y` copies it.

Nothing here runs at start-up: the app opens and works offline, and the network is touched only when
the user asks or the timer (off by default) fires.
"""

from __future__ import annotations

import webbrowser
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message

from search.errors import SearchError
from search.feed_refresh import RefreshProgress, RefreshReport
from tui.widgets.article_list import ArticleList
from tui.widgets.status_bar import SyncStatus

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

REFRESH_PHASE = "refreshing feeds"


class FeedsProgressed(Message):
    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total

    def can_replace(self, message: Message) -> bool:  # a burst of fast feeds costs one repaint
        return isinstance(message, FeedsProgressed)


class FeedsRefreshed(Message):
    def __init__(self, report: RefreshReport) -> None:
        super().__init__()
        self.report = report


class FeedWork:
    """Mixin for MainScreen (typed as `self: MainScreen`). Handlers use `on_*` names: `@on` is only
    collected from message-pump classes, not from mixins."""

    def start_feed_timer(self: MainScreen) -> None:
        minutes = self.store.settings.feed_refresh_minutes
        if isinstance(minutes, int | float) and minutes > 0:
            self.set_interval(minutes * 60, lambda: self.refresh_feeds(automatic=minutes), name="feed-refresh")

    def action_refresh_feeds(self: MainScreen) -> None:
        if self.library.sources is not None:
            self.notify("Feeds fill the default library; this run reads --corpus.", markup=False, timeout=4)
            return
        try:
            subscribed = bool(self.library.feeds.subscriptions())
        except SearchError as exc:  # a damaged subscriptions file: say so, keep the app running
            self.notify(str(exc), severity="error", markup=False, timeout=6)
            return
        if not subscribed:
            self.notify("No feeds yet: subscribe with `alliance-reader feeds add URL`.", markup=False, timeout=4)
            return
        self.refresh_feeds()

    @work(thread=True, exclusive=True, exit_on_error=False, group="feeds")
    def refresh_feeds(self: MainScreen, automatic: float = 0) -> None:
        """Fetch into item files; the index worker then reads them, so search keeps working meanwhile."""

        def progress(step: RefreshProgress) -> None:
            self.post_message(FeedsProgressed(step.done, step.total))

        report = self.library.feeds.refresh(automatic_minutes=automatic, progress=progress)
        self.post_message(FeedsRefreshed(report))

    def on_feeds_progressed(self: MainScreen, event: FeedsProgressed) -> None:
        self.query_one(SyncStatus).progress = (REFRESH_PHASE, event.done, event.total)

    def on_feeds_refreshed(self: MainScreen, event: FeedsRefreshed) -> None:
        self.query_one(SyncStatus).progress = None
        report = event.report
        failed = [o for o in report.feeds if o.status in ("error", "gone")]
        words = f"Feeds refreshed: {report.new_articles} new article{'s' if report.new_articles != 1 else ''}"
        if failed:
            words += f"; {len(failed)} feed{'s' if len(failed) != 1 else ''} failed ({failed[0].error})"
        self.notify(words, markup=False, severity="warning" if failed else "information", timeout=5)
        if report.changed:
            self.run_sync()

    def _current_link(self: MainScreen) -> str | None:
        highlighted = self.query_one(ArticleList).highlighted_id
        for row in self.rows:
            if row.id == highlighted:
                return row.url
        return self.article.url if self.article is not None else None

    def action_open_link(self: MainScreen) -> None:
        url = self._current_link()
        if not url:
            self.notify("This article has no link.", severity="warning", markup=False, timeout=3)
            return
        try:
            opened = webbrowser.open(url)
        except Exception as exc:  # a broken browser setting must not end the app
            opened = False
            self.notify(f"Could not open the browser: {exc}", severity="error", markup=False)
            return
        self.notify(f"Opened {url}" if opened else f"No browser could open {url}", markup=False, timeout=3,
                    severity="information" if opened else "warning")

    def action_copy_link(self: MainScreen) -> None:
        url = self._current_link()
        if not url:
            self.notify("This article has no link.", severity="warning", markup=False, timeout=3)
            return
        self.app.copy_to_clipboard(url)
        self.notify(f"Copied {url}", markup=False, timeout=3)
