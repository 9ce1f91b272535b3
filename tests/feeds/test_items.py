"""Feed entries as articles: the file reader and the item files agree on links, authors and dates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.build import Context
from corpus.feeds.http import FetchPolicy
from corpus.readers import read_bytes
from search.feed_refresh import refresh_all
from search.feeds import FeedStore, Subscription, feed_key
from search.library import Library
from tests.feeds.samples import long_text, rss2
from tests.feeds.server import FeedServer


def test_a_feed_file_keeps_links_and_clean_author_names() -> None:
    data = rss2("Wire", [{"title": "Linked", "link": "https://example.org/x", "guid": "x",
                          "author": "desk@example.org (Ken Mori)", "description": "Words about the alliance."},
                         {"title": "Scripted", "link": "javascript:alert(1)", "guid": "y",
                          "description": "More words."}]).encode()
    articles, problems = read_bytes(data, Context("wire.xml", "wire.xml"), ".xml")
    assert not problems
    assert [(a.url, a.byline) for a in articles] == [("https://example.org/x", "Ken Mori"), (None, None)]


@pytest.mark.parametrize("value", ["file:///etc/passwd", "javascript:alert(1)", "not a url"])
def test_a_json_record_keeps_only_web_links(value: str) -> None:
    data = json.dumps({"id": "1", "title": "T", "text": "Body words.", "url": value}).encode()
    (article,), _ = read_bytes(data, Context("a.json", "a.json"), ".json")
    assert article.url is None


def test_the_same_story_in_two_feeds_is_one_article(server: FeedServer, tmp_path: Path) -> None:
    story = {"title": "Wire story carried twice", "description": long_text("wire")}
    server.serve("/a", rss2("A", [{**story, "guid": "a-1", "link": "http://example.org/a/1"}]))
    server.serve("/b", rss2("B", [{**story, "guid": "b-9", "link": "http://example.org/b/9"}]))
    library = Library(tmp_path / "data")
    store = FeedStore(tmp_path / "data")
    store.add_many([Subscription(url=server.url(p), key=feed_key(server.url(p))) for p in ("/a", "/b")])
    assert refresh_all(store, FetchPolicy(host_delay=0)).new_articles == 2  # both feeds' items are stored
    library.sync(entities=False)
    titles = [row.title for row in library.list_articles()]
    library.close()
    assert titles.count("Wire story carried twice") == 1


def test_the_source_list_marks_which_outlets_are_feeds(server: FeedServer, tmp_path: Path) -> None:
    server.serve("/wire", rss2("Alliance Wire", [{"title": "From the wire", "guid": "w-1",
                                                  "link": "http://example.org/w/1", "description": long_text("w")}]))
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "a.md").write_text("---\ntitle: Kept by hand\nsource: Desk Notes\n---\n\nText about the alliance.\n")
    data = tmp_path / "data"
    store = FeedStore(data)
    store.add(Subscription(url=server.url("/wire"), key=feed_key(server.url("/wire")), name="my wire"))
    assert refresh_all(store, FetchPolicy(host_delay=0)).new_articles == 1
    library = Library(data)  # the default library: the embedded articles, added folders and feed items
    library.add_sources([folder])
    library.sync(entities=False)
    kinds = {count.source: count.feed for count in library.source_counts()}
    library.close()
    assert kinds["Alliance Wire"] is True and kinds["Desk Notes"] is False
    assert sum(kinds.values()) == 1, "only the feed's outlet is a feed"
