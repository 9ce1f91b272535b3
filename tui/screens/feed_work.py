"""Feeds in the app: `r` refreshes in the background, an optional timer refreshes every N minutes,
`o` opens the article's link in the browser and `y` copies it.

Nothing here runs at start-up: the app opens and works offline, and the network is touched only when
the user asks or the timer (off by default) fires.
"""

from __future__ import annotations

import time
import webbrowser
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message

from search.errors import IndexBusyError, SearchError
from tui.widgets.article_list import ArticleList
from tui.widgets.status_bar import SyncStatus

if TYPE_CHECKING:  # the feed parser and HTTP client load with the first refresh, not at start-up
    from search.feed_refresh import RefreshProgress, RefreshReport
    from tui.screens.main import MainScreen

REFRESH_PHASE = "refreshing feeds"
FILL_EVERY_SECONDS = 4.0  # while a long refresh runs, new items are indexed (text only) this often
IDLE_POLL_SECONDS = 0.5
SECONDS_PER_MINUTE = 60


class FeedsProgressed(Message):
    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total

    def can_replace(self, message: Message) -> bool:  # a burst of fast feeds costs one repaint
        return isinstance(message, FeedsProgressed)


class FeedsRefreshed(Message):
    def __init__(self, report: RefreshReport, *, indexed: bool) -> None:
        super().__init__()
        self.report = report
        self.indexed = indexed  # False: the index was busy, the index worker reads the items instead


class FeedItemsIndexed(Message):
    """New feed items are searchable: the list reloads, so it fills while a refresh goes on."""


class FeedWork:
    """Mixin for MainScreen (typed as `self: MainScreen`). Handlers use `on_*` names: `@on` is only
    collected from message-pump classes, not from mixins."""

    def start_feed_timer(self: MainScreen) -> None:
        minutes = self.store.settings.feed_refresh_minutes
        if isinstance(minutes, int) and not isinstance(minutes, bool) and minutes > 0:
            self.set_interval(minutes * SECONDS_PER_MINUTE, self._automatic_refresh, name="feed-refresh")

    def _automatic_refresh(self: MainScreen) -> None:
        """Skips feeds checked within the interval, and never overlaps a refresh already running."""
        if self.library.sources is None and not any(w.group == "feeds" and w.is_running for w in self.workers):
            self.refresh_feeds(automatic=self.store.settings.feed_refresh_minutes)

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
        """Fetch into item files and index their text every few seconds, so the list fills as items land
        and search keeps working; entities follow in the index worker once the refresh is done."""
        waiting = False
        last_fill = time.monotonic()

        def progress(step: RefreshProgress) -> None:
            nonlocal waiting, last_fill
            self.post_message(FeedsProgressed(step.done, step.total))
            waiting = waiting or bool(step.outcome and (step.outcome.new or step.outcome.updated))
            if waiting and time.monotonic() - last_fill > FILL_EVERY_SECONDS:
                waiting = not self._index_feed_items()
                last_fill = time.monotonic()

        report = self.library.feeds.refresh(automatic_minutes=automatic, progress=progress)
        indexed = self._index_feed_items() if (report.changed or waiting) else True
        self.post_message(FeedsRefreshed(report, indexed=indexed))

    def _index_feed_items(self: MainScreen) -> bool:
        """Text only, in this thread; False when another update holds the index (it reads them later)."""
        try:
            changed = self.library.sync(entities=False).changed
        except IndexBusyError:
            return False
        if changed:
            self.post_message(FeedItemsIndexed())
        return True

    def on_feed_items_indexed(self: MainScreen, _event: FeedItemsIndexed) -> None:
        self.reload()

    def _sync_when_idle(self: MainScreen) -> None:
        """Start the index worker (entities, or items the busy index could not take) once it is free."""
        if any(w.group == "index" and w.is_running for w in self.workers):
            self.set_timer(IDLE_POLL_SECONDS, self._sync_when_idle)
        else:
            self.run_sync()

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
        if report.changed or not event.indexed:
            self._sync_when_idle()

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
