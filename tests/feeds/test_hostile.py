"""Bad input and hostile servers: a clear line each, nothing lost, other feeds unaffected."""

from __future__ import annotations

import gzip
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.feeds.authors import clean_author
from corpus.feeds.entries import parse_feed
from corpus.feeds.http import FetchPolicy
from corpus.feeds.opml import Outline, read_opml, write_opml
from search.feed_refresh import refresh_all
from search.feed_service import FeedService
from search.feeds import FeedStore, Subscription, feed_key
from search.library import Library
from tests.feeds.samples import long_text, rss2
from tests.feeds.server import FeedServer, Reply

GOOD = rss2("Good", [{"title": "Survivor", "link": "http://example.org/s", "guid": "s", "description": long_text("x")}])


def subscribe(store: FeedStore, *urls: str) -> None:
    store.add_many([Subscription(url=u, key=feed_key(u)) for u in urls])


def test_one_bad_feed_never_blocks_the_others(server: FeedServer, tmp_path: Path) -> None:
    server.serve("/good", GOOD)
    server.serve("/huge", b"<rss>" + b"x" * (3 * 1024 * 1024))
    server.serve("/bomb", gzip.compress(b"<rss>" + b" " * (16 * 1024 * 1024)), Content_Encoding="gzip")
    server.routes["/slow"] = lambda _seen: Reply(200, GOOD.encode(), delay=3.0)
    server.serve("/loop", "", 302, Location="/loop2")
    server.serve("/loop2", "", 302, Location="/loop")
    store = FeedStore(tmp_path)
    subscribe(store, *(server.url(p) for p in ("/huge", "/bomb", "/slow", "/loop", "/good")))
    policy = FetchPolicy(read_timeout=0.5, max_bytes=1024 * 1024, host_delay=0)
    report = refresh_all(store, policy)
    outcomes = {o.url.rsplit("/", 1)[1]: o for o in report.feeds}
    assert outcomes["good"].status == "ok" and outcomes["good"].new == 1
    assert "limit" in outcomes["huge"].error and "limit" in outcomes["bomb"].error
    assert "timed out" in outcomes["slow"].error and "redirect loop" in outcomes["loop"].error
    assert all("\n" not in (o.error or "") for o in report.feeds)


def test_escape_sequences_are_stripped_and_markup_kept_literally(server: FeedServer, tmp_path: Path) -> None:
    evil = "\x1b[31mRed\x1b[0m [bold]loud[/bold] \x07"
    server.serve("/feed", rss2(f"Feed {evil}", [{"title": f"Title {evil}", "link": "http://example.org/e",
                                                 "guid": "e", "author": f"Ken {evil}", "category": f"Cat {evil}",
                                                 "description": f"Body {evil} " + long_text("y")}]))
    store = FeedStore(tmp_path)
    subscribe(store, server.url("/feed"))
    refresh_all(store, FetchPolicy(host_delay=0))
    (item,) = (tmp_path / "feeds" / "items").rglob("*.json")
    text = item.read_text(encoding="utf-8")
    assert "\\u001b" not in text and "\x1b" not in text and "\\u0007" not in text
    assert "[bold]loud[/bold]" in text


def test_entries_without_titles_or_links_and_duplicate_guids() -> None:
    feed = rss2("F", [
        {"description": "No title, no link, only words about the alliance."},
        {"title": "Same guid", "guid": "dup", "description": "first"},
        {"title": "Same guid again", "guid": "dup", "description": "second"},
        {"title": "", "description": ""},
        {"title": "Script link", "link": "javascript:alert(1)", "guid": "js", "description": "z"},
    ]).encode()
    parsed = parse_feed(feed)
    assert [i["title"] for i in parsed.items] == [None, "Same guid", "Script link"]
    assert parsed.duplicates == 1
    assert parsed.items[2]["url"] is None  # never a javascript: link


def test_opml_keeps_http_feeds_and_refuses_other_schemes(tmp_path: Path) -> None:
    opml = tmp_path / "subs.opml"
    outlines = "".join(f'<outline type="rss" text="Feed {n}" xmlUrl="https://example.org/{n}.xml"/>'
                       for n in range(1000))
    outlines += '<outline type="rss" text="local" xmlUrl="file:///etc/passwd"/>'
    outlines += '<outline type="rss" text="js" xmlUrl="javascript:alert(1)"/>'
    opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head>'
                    f"<body>{outlines}</body></opml>", encoding="utf-8")
    service = FeedService(tmp_path / "home")
    report = service.import_opml(opml)
    assert len(report.added) == 1000 and report.refused == ("file:///etc/passwd", "javascript:alert(1)")
    assert service.import_opml(opml).already == 1000
    exported = read_opml(service.export_opml())
    assert len(exported.feeds) == 1000 and exported.feeds[0] == Outline("https://example.org/0.xml", "Feed 0")


def test_written_opml_is_standard_opml_2() -> None:
    data = write_opml([Outline("https://example.org/a.xml", "A & B <News>")])
    assert data.startswith(b"<?xml") and b'<opml version="2.0">' in data
    assert read_opml(data).feeds == (Outline("https://example.org/a.xml", "A & B <News>"),)


def test_author_forms() -> None:
    assert clean_author("editor@example.org (Ken Mori)") == "Ken Mori"
    assert clean_author("Ken Mori <editor@example.org>") == "Ken Mori"
    assert clean_author("editor@example.org") is None
    assert clean_author("Aiko Sato") == "Aiko Sato"


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_parsing_never_raises_anything_but_not_a_feed(data: bytes) -> None:
    from corpus.feeds.entries import NotAFeed

    try:
        parse_feed(b"<rss version='2.0'><channel><item><title>" + data + b"</title></item></channel></rss>")
        parse_feed(data)
    except NotAFeed:
        pass


def test_an_interrupted_refresh_loses_nothing_and_resumes(server: FeedServer, tmp_path: Path) -> None:
    for n in range(4):
        server.serve(f"/f{n}", rss2(f"F{n}", [{"title": f"Story {n}", "link": f"http://example.org/{n}",
                                               "guid": f"g{n}", "description": long_text(str(n))}]))
    store = FeedStore(tmp_path)
    subscribe(store, *(server.url(f"/f{n}") for n in range(4)))

    def stop_after_first(step: object) -> None:
        if getattr(step, "done", 0) == 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        refresh_all(store, FetchPolicy(host_delay=0, concurrency=1), progress=stop_after_first)
    stored_before = len(list((tmp_path / "feeds" / "items").rglob("*.json")))
    assert stored_before >= 1
    report = refresh_all(store, FetchPolicy(host_delay=0))
    assert len(list((tmp_path / "feeds" / "items").rglob("*.json"))) == 4
    assert report.new_articles == 4 - stored_before
    assert {s.status for s in store.load()} == {"ok"}


def test_a_refresh_killed_with_sigkill_loses_nothing(server: FeedServer, tmp_path: Path) -> None:
    for n in range(6):
        reply = Reply(200, rss2(f"F{n}", [{"title": f"Story {n}", "link": f"http://example.org/{n}", "guid": f"g{n}",
                                           "description": long_text(str(n))}]).encode(), delay=0.5 if n >= 2 else 0)
        server.routes[f"/f{n}"] = lambda _seen, reply=reply: reply
    home = tmp_path / "data"
    subscribe(FeedStore(home), *(server.url(f"/f{n}") for n in range(6)))
    script = ("import sys; from pathlib import Path; from corpus.feeds.http import FetchPolicy; "
              "from search.feed_refresh import refresh_all; from search.feeds import FeedStore; "
              "refresh_all(FeedStore(Path(sys.argv[1])), FetchPolicy(host_delay=0, concurrency=1))")
    root = Path(__file__).resolve().parents[2]
    child = subprocess.Popen([sys.executable, "-c", script, str(home)], cwd=root)
    deadline = time.monotonic() + 30
    while server.count("/f3") == 0 and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.02)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL
    stored = len(list((home / "feeds" / "items").rglob("*.json")))
    assert 2 <= stored < 6  # killed part way
    report = refresh_all(FeedStore(home), FetchPolicy(host_delay=0))
    assert len(list((home / "feeds" / "items").rglob("*.json"))) == 6
    assert report.new_articles == 6 - stored
    library = Library(home)
    sync = library.sync(entities=False)
    titles = {row.title for row in library.list_articles()}
    library.close()
    assert not sync.problems
    assert {f"Story {n}" for n in range(6)} <= titles


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda t: f"<opml><body>{t}</body></opml>".encode()))
def test_reading_any_opml_never_raises(data: bytes) -> None:
    listed = read_opml(data)
    assert all(o.url.startswith(("http://", "https://")) for o in listed.feeds)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=120))
def test_author_cleaning_never_raises_and_drops_addresses(raw: str) -> None:
    name = clean_author(raw)
    assert name is None or (name.strip() == name and "\n" not in name and "\x1b" not in name)
