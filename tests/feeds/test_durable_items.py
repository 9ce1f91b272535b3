"""Item files survive a power cut: each is on disk before its name appears, and both before the ETag."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import search.durable
from corpus.feeds.http import FetchPolicy
from search.durable import DurableFiles
from search.feed_refresh import refresh_all
from search.feeds import SUBSCRIPTIONS_FILE, FeedStore, Subscription, feed_key
from tests.feeds.samples import long_text, rss2
from tests.feeds.server import FeedServer

POLICY = FetchPolicy(host_delay=0.0)


def _feed(server: FeedServer, path: str, stories: int) -> str:
    server.serve_conditional(
        path,
        rss2(
            "Durable",
            [
                {
                    "title": f"Story {n}",
                    "link": f"http://example.org/{n}",
                    "guid": f"g{n}",
                    "description": long_text(str(n)),
                }
                for n in range(stories)
            ],
        ),
    )
    return server.url(path)


def _items(home: Path) -> list[Path]:
    return sorted((home / "feeds" / "items").rglob("*.json"))


def _leftovers(home: Path) -> list[Path]:
    return [p for p in (home / "feeds").rglob("*") if p.name.endswith(".tmp")]


def test_each_item_is_flushed_before_it_is_named_and_the_etag_after(
    server: FeedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = _feed(server, "/durable", 5)
    store = FeedStore(tmp_path)
    store.add(Subscription(url=url, key=feed_key(url)))
    events: list[tuple[str, str]] = []
    real_sync, real_replace = search.durable._sync, os.replace

    def sync(path: Path, *, folder: bool) -> None:
        events.append(("sync", str(path)))
        real_sync(path, folder=folder)

    def replace(source: str | Path, target: str | Path) -> None:
        events.append(("rename", f"{source}->{target}"))
        real_replace(source, target)

    monkeypatch.setattr(search.durable, "_sync", sync)
    monkeypatch.setattr(os, "replace", replace)
    report = refresh_all(store, POLICY)
    assert report.new_articles == 5
    items = _items(tmp_path)
    assert len(items) == 5
    for item in items:
        rename = next(i for i, (kind, what) in enumerate(events) if kind == "rename" and what.endswith(f"->{item}"))
        temp = events[rename][1].split("->")[0]
        assert ("sync", temp) in events[:rename], f"{item.name} was named before it was on disk"
    last_rename = max(i for i, (kind, what) in enumerate(events) if kind == "rename" and "/items/" in what)
    folder_sync = events.index(("sync", str(items[0].parent)))
    assert folder_sync > last_rename, "the folder's new names were not flushed"
    renames = [(i, what) for i, (kind, what) in enumerate(events) if kind == "rename"]
    etag_saved = next(i for i, what in renames if what.endswith(SUBSCRIPTIONS_FILE))
    assert etag_saved > folder_sync
    assert store.load()[0].etag


def test_a_failed_flush_keeps_no_item_and_no_etag_and_the_next_refresh_gets_them(
    server: FeedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = _feed(server, "/full-disk", 4)
    store = FeedStore(tmp_path)
    store.add(Subscription(url=url, key=feed_key(url)))
    real_sync = search.durable._sync

    def full_disk(path: Path, *, folder: bool) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(search.durable, "_sync", full_disk)
    report = refresh_all(store, POLICY)
    assert report.feeds[0].status == "error" and "No space left" in (report.feeds[0].error or "")
    assert _items(tmp_path) == [] and _leftovers(tmp_path) == []
    assert store.load()[0].etag is None, "the ETag would claim items the disk does not hold"
    monkeypatch.setattr(search.durable, "_sync", real_sync)
    again = refresh_all(store, POLICY)
    assert again.new_articles == 4 and len(_items(tmp_path)) == 4


def test_a_discarded_batch_leaves_nothing_and_a_later_write_wins(tmp_path: Path) -> None:
    batch = DurableFiles()
    batch.write(tmp_path / "a.json", "first")
    batch.write(tmp_path / "b.json", "b")
    assert len(batch) == 2 and sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == []
    batch.discard()
    assert list(tmp_path.iterdir()) == []
    batch.write(tmp_path / "a.json", "first")
    batch.write(tmp_path / "a.json", "second")
    batch.commit()
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == "second"
    assert len(batch) == 0 and batch.age() == 0.0


def test_one_refresh_counts_a_guid_repeated_in_its_feed_once(server: FeedServer, tmp_path: Path) -> None:
    same = {"title": "Twice", "link": "http://example.org/t", "guid": "twice", "description": long_text("t")}
    server.serve("/twice", rss2("Twice", [same, same]))
    store = FeedStore(tmp_path)
    store.add(Subscription(url=server.url("/twice"), key=feed_key(server.url("/twice"))))
    report = refresh_all(store, POLICY)
    assert (report.new_articles, report.feeds[0].updated) == (1, 0)
    assert len(_items(tmp_path)) == 1


def test_a_refresh_sweeps_what_a_killed_refresh_left_but_not_a_batch_in_flight(
    server: FeedServer, tmp_path: Path
) -> None:
    url = _feed(server, "/swept", 2)
    store = FeedStore(tmp_path)
    store.add(Subscription(url=url, key=feed_key(url)))
    folder = store.items_folder(feed_key(url))
    folder.mkdir(parents=True)
    killed = folder / ".abc.json.x1y2.tmp"  # as a kill -9 between write and rename leaves it
    killed.write_text("half", encoding="utf-8")
    two_hours_ago = killed.stat().st_mtime - 7200
    os.utime(killed, (two_hours_ago, two_hours_ago))
    in_flight = folder / ".def.json.z3w4.tmp"  # another process's batch, written a moment ago
    in_flight.write_text("still being written", encoding="utf-8")
    report = refresh_all(store, POLICY)
    assert report.new_articles == 2 and len(_items(tmp_path)) == 2
    assert not killed.exists(), "a stale temporary file stays hidden in the feed's folder for good"
    assert in_flight.exists(), "a live batch's file must not be taken from under it"
