"""The feeds half of the `Library` facade: subscribe, list, import/export OPML, refresh.

Reached as `Library.feeds`; returns plain values (`FeedInfo`, `RefreshReport`). Refreshing writes item
files only; the caller then runs `Library.sync`, which reads the items folder as one of the default
library's sources, so the index is always rebuilt from files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from corpus.feeds.discover import feed_links
from corpus.feeds.entries import NotAFeed, ParsedFeed, parse_feed
from corpus.feeds.http import Fetcher, FetchError, FetchPolicy, check_url
from corpus.feeds.opml import Outline, read_opml, write_opml
from search.errors import SearchError
from search.feed_refresh import FEED_ACCEPT, Progress, RefreshReport, refresh_all
from search.feeds import FeedStore, Subscription, feed_key

MAX_DISCOVERED = 3


@dataclass(frozen=True, slots=True)
class FeedInfo:
    """A row of `feeds list`."""

    url: str
    name: str | None
    title: str | None
    status: str
    last_checked: str | None
    last_new: str | None
    articles: int
    error: str | None
    full_text: bool


@dataclass(frozen=True, slots=True)
class ImportReport:
    added: tuple[str, ...]
    already: int
    refused: tuple[str, ...]


class FeedService:
    def __init__(self, data_dir: Path, policy: FetchPolicy | None = None) -> None:
        self.store = FeedStore(data_dir)
        self.policy = policy or FetchPolicy()

    def items_folder(self) -> Path:
        return self.store.items_root

    def has_items(self) -> bool:
        return self.store.items_root.is_dir()

    def subscriptions(self) -> list[Subscription]:
        return self.store.load()

    def list(self) -> list[FeedInfo]:
        return [
            FeedInfo(s.url, s.name, s.title, s.status, s.last_checked, s.last_new,
                     self.store.article_count(s.key), s.error, s.full_text)
            for s in self.store.load()
        ]

    def subscribe(self, url: str, *, name: str | None = None, full_text: bool = True) -> Subscription:
        """Check that `url` answers with a feed (following a web page's `<link rel="alternate">`), then keep it."""
        try:
            url = check_url(url)
        except FetchError as exc:
            raise SearchError(str(exc)) from None
        if self.store.find(url) is not None:
            raise SearchError(f"already subscribed: {url}")
        with Fetcher(self.policy) as fetcher:
            feed_url, parsed = _find_feed(fetcher, url)
        subscription = Subscription(url=feed_url, key=feed_key(feed_url), name=name or None,
                                    title=parsed.title, full_text=full_text)
        if not self.store.add(subscription):
            raise SearchError(f"already subscribed: {feed_url}")
        return subscription

    def unsubscribe(self, url_or_name: str, *, keep_articles: bool) -> Subscription:
        found = self.store.find(url_or_name)
        if found is None:
            raise SearchError(f"no subscribed feed with the URL or name {url_or_name!r}")
        self.store.remove(found, keep_articles=keep_articles)
        return found

    def set_full_text(self, url_or_name: str, enabled: bool) -> Subscription:
        found = self.store.find(url_or_name)
        if found is None:
            raise SearchError(f"no subscribed feed with the URL or name {url_or_name!r}")
        return self.store.set(found, full_text=enabled)

    def import_opml(self, path: Path) -> ImportReport:
        """Subscribe to every http(s) feed of an OPML file without fetching them (`refresh` does)."""
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise SearchError(f"cannot read {path}: {exc.strerror or exc}") from None
        listed = read_opml(data)
        if listed.problem:
            raise SearchError(f"{path}: {listed.problem}")
        candidates = [Subscription(url=o.url, key=feed_key(o.url), title=o.title) for o in listed.feeds]
        added = self.store.add_many(candidates)
        return ImportReport(tuple(s.url for s in added), len(candidates) - len(added), listed.refused)

    def export_opml(self) -> bytes:
        return write_opml([Outline(s.url, s.name or s.title) for s in self.store.load()])

    def refresh(self, *, automatic_minutes: float = 0, progress: Progress | None = None) -> RefreshReport:
        """Fetch every due feed and store its items; `automatic_minutes` > 0 skips feeds checked that recently."""
        return refresh_all(self.store, self.policy, min_age_minutes=automatic_minutes, progress=progress)


def _find_feed(fetcher: Fetcher, url: str) -> tuple[str, ParsedFeed]:
    try:
        response = fetcher.get(url, accept=FEED_ACCEPT)
    except FetchError as exc:
        raise SearchError(str(exc)) from None
    if response.status != 200:
        raise SearchError(f"HTTP {response.status} from {url}")
    final = response.moved_to or url
    try:
        return final, parse_feed(response.body, response.url)
    except NotAFeed as first:
        page = response.body.decode("utf-8", errors="replace")
        for link in feed_links(page, response.url)[:MAX_DISCOVERED]:
            try:
                found = fetcher.get(link, accept=FEED_ACCEPT)
                if found.status == 200:
                    return found.moved_to or link, parse_feed(found.body, found.url)
            except (FetchError, NotAFeed):
                continue
        raise SearchError(f"{url} is not a feed ({first}) and links no feed") from None
