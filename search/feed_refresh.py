"""Refreshing subscriptions: conditional requests on a few threads, items written before state.

Order is what makes an interrupted refresh lose nothing: a feed's item files are written (atomically)
before its new ETag is saved, and the index is brought up to date from the files afterwards. Killed
in between, the next refresh fetches that feed again and finds its entries already stored.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from corpus.feeds.entries import (
    TEXT_FROM_FULL,
    TEXT_FROM_SUMMARY,
    NotAFeed,
    needs_full_text,
    parse_feed,
    record_fingerprint,
    record_key,
    word_count,
)
from corpus.feeds.fulltext import main_text
from corpus.feeds.http import Fetcher, FetchError, FetchPolicy, Response
from search.durable import DurableFiles, remove_stale
from search.feeds import (
    STATUS_ERROR,
    STATUS_GONE,
    STATUS_NOT_MODIFIED,
    STATUS_OK,
    FeedStore,
    Subscription,
    item_text,
    now_text,
    read_item,
)

FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, "
               "text/xml;q=0.8, */*;q=0.1")
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
SAVE_EVERY_SECONDS = 2.0
# Item files are made durable in batches (see search.durable): at most this many, or this old, are
# lost to a kill, and the next refresh fetches them again since the feed's ETag is saved after them.
ITEMS_PER_FLUSH = 500
FLUSH_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    url: str
    status: str
    new: int = 0
    updated: int = 0
    error: str | None = None


@dataclass(frozen=True, slots=True)
class RefreshReport:
    feeds: tuple[FeedOutcome, ...] = ()

    @property
    def new_articles(self) -> int:
        return sum(f.new for f in self.feeds)

    @property
    def changed(self) -> bool:
        return any(f.new or f.updated for f in self.feeds)


@dataclass(frozen=True, slots=True)
class RefreshProgress:
    done: int
    total: int
    outcome: FeedOutcome | None = None


Progress = Callable[[RefreshProgress], None]


def refresh_all(store: FeedStore, policy: FetchPolicy | None = None, *, min_age_minutes: float = 0,
                progress: Progress | None = None) -> RefreshReport:
    """Check every feed that is not gone or waiting out a Retry-After; `min_age_minutes` (the automatic
    refresh) also skips feeds checked more recently than that."""
    subscriptions = store.load()
    now = dt.datetime.now(dt.UTC)
    outcomes: list[FeedOutcome] = []
    due: list[Subscription] = []
    for sub in subscriptions:
        if sub.status == STATUS_GONE:
            outcomes.append(FeedOutcome(sub.url, STATUS_GONE, error=sub.error or "the feed is gone; not polled"))
        elif sub.waiting(now):
            outcomes.append(FeedOutcome(sub.url, sub.status, error=f"skipped: the server asked to wait until "
                                                                   f"{sub.retry_until}"))
        elif min_age_minutes and _checked_within(sub, now, min_age_minutes):
            continue
        else:
            due.append(sub)
    total = len(due)
    if progress:
        progress(RefreshProgress(0, total))
    pending: dict[str, Subscription] = {}
    last_save = time.monotonic()
    with Fetcher(policy) as fetcher:
        pool = ThreadPoolExecutor(max_workers=max(1, fetcher.policy.concurrency), thread_name_prefix="feed")
        try:
            futures = {pool.submit(refresh_one, store, fetcher, sub): sub for sub in due}
            for done, future in enumerate(as_completed(futures), 1):
                updated, outcome, wrote = future.result()
                outcomes.append(outcome)
                pending[updated.key] = updated
                if wrote or time.monotonic() - last_save > SAVE_EVERY_SECONDS:
                    store.save_updates(pending)
                    pending = {}
                    last_save = time.monotonic()
                if progress:
                    progress(RefreshProgress(done, total, outcome))
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            store.save_updates(pending)
    order = {s.url: i for i, s in enumerate(subscriptions)}
    outcomes.sort(key=lambda o: order.get(o.url, len(order)))
    return RefreshReport(tuple(outcomes))


def refresh_one(store: FeedStore, fetcher: Fetcher, sub: Subscription) -> tuple[Subscription, FeedOutcome, bool]:
    """(the updated record, what happened, whether item files were written); never raises."""
    checked = now_text()
    try:
        response = fetcher.get(sub.url, etag=sub.etag, last_modified=sub.last_modified, accept=FEED_ACCEPT)
        return _answer(store, fetcher, replace(sub, last_checked=checked), response)
    except (FetchError, NotAFeed) as exc:
        return _failed(sub, checked, str(exc))
    except Exception as exc:  # one feed's surprise must never stop the others
        return _failed(sub, checked, f"could not be refreshed ({type(exc).__name__}: {str(exc)[:120]})")


def _answer(store: FeedStore, fetcher: Fetcher, sub: Subscription,
            response: Response) -> tuple[Subscription, FeedOutcome, bool]:
    if response.moved_to and response.moved_to != sub.url:
        sub = replace(sub, url=response.moved_to)
    if response.status == 304:
        sub = replace(sub, status=STATUS_NOT_MODIFIED, error=None, retry_until=None)
        return sub, FeedOutcome(sub.url, STATUS_NOT_MODIFIED), False
    if response.status == 410:
        message = "the server says this feed is gone (HTTP 410); it is no longer polled"
        sub = replace(sub, status=STATUS_GONE, error=message)
        return sub, FeedOutcome(sub.url, STATUS_GONE, error=message), False
    if response.status in (429, 503):
        wait = response.retry_after
        until = None
        if wait is not None:
            until = (dt.datetime.now(dt.UTC) + dt.timedelta(seconds=wait)).replace(microsecond=0).isoformat()
        message = f"HTTP {response.status}: the server is busy" + (f"; next try after {until}" if until else "")
        return _failed(replace(sub, retry_until=until), sub.last_checked or now_text(), message)
    if response.status != 200:
        return _failed(sub, sub.last_checked or now_text(), f"HTTP {response.status} from {response.url}")
    parsed = parse_feed(response.body, response.url)
    new, updated = store_items(store, fetcher, sub, parsed.items, parsed.title)
    sub = replace(sub, status=STATUS_OK, error=parsed.warning, title=parsed.title or sub.title,
                  etag=response.etag, last_modified=response.last_modified, retry_until=None,
                  last_new=sub.last_checked if new else sub.last_new)
    return sub, FeedOutcome(sub.url, STATUS_OK, new, updated, parsed.warning), bool(new or updated)


def store_items(store: FeedStore, fetcher: Fetcher, sub: Subscription, records: list[dict[str, Any]],
                feed_title: str | None) -> tuple[int, int]:
    """Write new and changed entries; an entry seen before with the same content costs a file read only."""
    folder = store.items_folder(sub.key)
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale(folder)  # what a killed refresh left behind
    new = updated = 0
    batch = DurableFiles()
    written: dict[Path, str] = {}  # this call's writes, some maybe not renamed into place yet
    try:
        for record in records:
            path = folder / f"{record_key(record['guid'])}.json"
            fingerprint = record_fingerprint(record)
            before = written.get(path)
            if before is None and path.exists():
                before = (read_item(path) or {}).get("fingerprint", "")
            if before == fingerprint:
                continue
            item = {"id": record["guid"], **record, "source": feed_title or sub.label, "feed": sub.url,
                    "fingerprint": fingerprint, "fetched": now_text()}
            if sub.full_text and needs_full_text(record):
                _add_full_text(fetcher, item)
            batch.write(path, item_text(item))
            written[path] = fingerprint
            if len(batch) >= ITEMS_PER_FLUSH or batch.age() > FLUSH_SECONDS:
                batch.commit()
            if before is None:
                new += 1
            else:
                updated += 1
        batch.commit()
    except BaseException:
        batch.discard()
        raise
    return new, updated


def _add_full_text(fetcher: Fetcher, item: dict[str, Any]) -> None:
    """The linked page's main text when it says more than the summary; otherwise the summary, with why."""
    try:
        page = fetcher.get(item["url"], accept=PAGE_ACCEPT)
        if page.status != 200:
            raise FetchError(f"HTTP {page.status}")
        text = _without_heading(main_text(page.body), item.get("title"))
    except FetchError as exc:
        item.update(text_from=TEXT_FROM_SUMMARY, text_note=f"full text not fetched: {exc}")
        return
    except Exception as exc:  # an extractor failure on one page keeps the summary
        item.update(text_from=TEXT_FROM_SUMMARY, text_note=f"full text not extracted ({type(exc).__name__})")
        return
    if word_count(text) > word_count(item.get("text") or ""):
        item.update(text=text, summary=item.get("text"), text_from=TEXT_FROM_FULL, text_note=None)
    else:
        item.update(text_from=TEXT_FROM_SUMMARY, text_note="full text not used: the page had no longer main text")


def _without_heading(text: str, title: str | None) -> str:
    """Pages repeat their headline above the text; the article already has it as its title."""
    first, _, rest = text.partition("\n\n")
    if title and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest
    return text


def _failed(sub: Subscription, checked: str, message: str) -> tuple[Subscription, FeedOutcome, bool]:
    sub = replace(sub, status=STATUS_ERROR, error=message, last_checked=checked)
    return sub, FeedOutcome(sub.url, STATUS_ERROR, error=message), False


def _checked_within(sub: Subscription, now: dt.datetime, minutes: float) -> bool:
    if not sub.last_checked:
        return False
    try:
        last = dt.datetime.fromisoformat(sub.last_checked)
    except ValueError:
        return False
    return (now - last).total_seconds() < minutes * 60


__all__ = ["STATUS_OK", "FeedOutcome", "RefreshProgress", "RefreshReport", "refresh_all", "refresh_one"]
