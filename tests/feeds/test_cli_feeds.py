"""Subscriptions and refresh through the CLI, against a real server on loopback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.feeds.http import FetchPolicy
from search import feed_service
from tests.feeds.samples import article_page, atom, long_text, rss1, rss2
from tests.feeds.server import FeedServer
from tui.cli import main


@pytest.fixture(autouse=True)
def fast_policy(monkeypatch: pytest.MonkeyPatch, policy: FetchPolicy) -> None:
    """The CLI's politeness defaults (1 s between requests to a host) would only slow these tests down."""
    monkeypatch.setattr(feed_service, "FetchPolicy", lambda: policy)


def run(capsys: pytest.CaptureFixture[str], home: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(home), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_json(capsys: pytest.CaptureFixture[str], home: Path, *args: str) -> object:
    code, out, err = run(capsys, home, *args)
    assert code == 0, err
    return json.loads(out)


def test_three_formats_become_articles_with_links(server: FeedServer, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    server.serve("/rss", rss2("Alliance Wire", [{
        "title": "Tokyo and Washington sign [bold]accord[/bold]", "link": "http://example.org/a1", "guid": "a1",
        "author": "editor@example.org (Ken Mori)", "pubDate": "Tue, 13 Jan 2026 09:00:00 GMT",
        "description": long_text("accord"), "category": "Defense"}]))
    server.serve("/atom", atom("Atom Desk", [{
        "id": "urn:atom:1", "title": "Atom item on missile defense", "link": "http://example.org/b1",
        "updated": "2026-02-01T10:00:00Z", "author": "Aiko Sato", "content": long_text("missile")}]))
    server.serve("/rdf", rss1("RDF Desk", [{
        "title": "RSS one item about bases", "link": "http://example.org/c1", "date": "2026-03-05",
        "description": long_text("bases")}]))
    home = tmp_path / "home"
    for path in ("/rss", "/atom", "/rdf"):
        assert run(capsys, home, "feeds", "add", server.url(path))[0] == 0
    report = run_json(capsys, home, "refresh", "--json")
    assert report["new_articles"] == 3
    assert [f["status"] for f in report["feeds"]] == ["ok", "ok", "ok"]
    rows = {row["title"]: row for row in run_json(capsys, home, "list", "--json")}
    accord = rows["Tokyo and Washington sign [bold]accord[/bold]"]
    assert accord["url"] == "http://example.org/a1" and accord["feed"] == server.url("/rss")
    assert accord["source"] == "Alliance Wire" and accord["published"] == "2026-01-13"
    assert accord["date_confidence"] == "stated"
    shown = run_json(capsys, home, "show", accord["id"], "--json")
    assert shown["byline"] == "Ken Mori" and shown["categories"] == ["Defense"]
    assert shown["url"] == "http://example.org/a1" and shown["text_from"] == "feed"
    assert rows["Atom item on missile defense"]["published"] == "2026-02-01"
    assert rows["RSS one item about bases"]["url"] == "http://example.org/c1"
    listed = run_json(capsys, home, "feeds", "list", "--json")
    assert set(listed[0]) == {"url", "name", "title", "status", "last_checked", "last_new", "articles", "error"}
    assert [(f["title"], f["status"], f["articles"]) for f in listed] == [
        ("Alliance Wire", "ok", 1), ("Atom Desk", "ok", 1), ("RDF Desk", "ok", 1)]


def test_second_refresh_is_conditional_and_costs_no_write(server: FeedServer, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    server.serve_conditional("/feed", rss2("Wire", [
        {"title": f"Story {n}", "link": f"http://example.org/{n}", "guid": f"g{n}", "description": long_text(str(n))}
        for n in range(3)]))
    home = tmp_path / "home"
    run(capsys, home, "feeds", "add", server.url("/feed"))
    assert run_json(capsys, home, "refresh", "--json")["new_articles"] == 3
    items = sorted((home / "feeds" / "items").rglob("*.json"))
    stamps = [p.stat().st_mtime_ns for p in items]
    second = run_json(capsys, home, "refresh", "--json")
    assert second == {"feeds": [{"url": server.url("/feed"), "status": "not_modified", "new": 0, "updated": 0,
                                 "error": None}], "new_articles": 0}
    assert server.count("/feed", "if-none-match") == 1
    assert [p.stat().st_mtime_ns for p in items] == stamps
    assert run_json(capsys, home, "feeds", "list", "--json")[0]["status"] == "not_modified"


def test_seen_again_is_not_new_and_a_changed_entry_replaces_its_article(
        server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    first = long_text("first version")
    server.serve("/feed", rss2("Wire", [{"title": "Evolving story", "link": "http://example.org/e", "guid": "e",
                                         "description": first}]))
    run(capsys, home, "feeds", "add", server.url("/feed"))
    assert run_json(capsys, home, "refresh", "--json")["new_articles"] == 1
    assert run_json(capsys, home, "refresh", "--json")["feeds"][0]["new"] == 0
    before = run_json(capsys, home, "list", "--json")
    server.serve("/feed", rss2("Wire", [{"title": "Evolving story", "link": "http://example.org/e", "guid": "e",
                                         "description": first + " A correction was added later."}]))
    outcome = run_json(capsys, home, "refresh", "--json")["feeds"][0]
    assert (outcome["new"], outcome["updated"]) == (0, 1)
    after = run_json(capsys, home, "list", "--json")
    assert len(after) == len(before)
    (old,) = [r["id"] for r in before if r["title"] == "Evolving story"]
    (new,) = [r["id"] for r in after if r["title"] == "Evolving story"]
    assert old == new
    body = " ".join(run_json(capsys, home, "show", new, "--json")["paragraphs"])
    assert "correction was added later" in body


def test_full_text_is_fetched_for_short_summaries_and_failures_keep_the_summary(
        server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    paragraphs = [long_text("page", 80) + f" Paragraph {n} of the full report." for n in range(4)]
    server.serve("/story", article_page("Short one", paragraphs), Content_Type="text/html")
    server.serve("/feed", rss2("Wire", [
        {"title": "Short one", "link": server.url("/story"), "guid": "s", "description": "Only a teaser."},
        {"title": "Broken link", "link": server.url("/missing"), "guid": "m", "description": "Another teaser."}]))
    home = tmp_path / "home"
    run(capsys, home, "feeds", "add", server.url("/feed"))
    run_json(capsys, home, "refresh", "--json")
    rows = {r["title"]: r for r in run_json(capsys, home, "list", "--json")}
    full = run_json(capsys, home, "show", rows["Short one"]["id"], "--json")
    assert full["text_from"] == "full text"
    assert "Paragraph 3 of the full report." in " ".join(full["paragraphs"])
    assert full["paragraphs"][0] != "Short one"  # the page's repeated headline is not body text
    kept = run_json(capsys, home, "show", rows["Broken link"]["id"], "--json")
    assert kept["paragraphs"] == ["Another teaser."]
    assert kept["text_from"].startswith("summary (full text not fetched: HTTP 404")


def test_full_text_off_for_a_feed_never_fetches_pages(server: FeedServer, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    server.serve("/story", article_page("Page", [long_text("page")]))
    server.serve("/feed", rss2("Wire", [{"title": "T", "link": server.url("/story"), "guid": "s",
                                         "description": "Teaser."}]))
    home = tmp_path / "home"
    run(capsys, home, "feeds", "add", server.url("/feed"), "--no-full-text")
    run_json(capsys, home, "refresh", "--json")
    assert server.count("/story") == 0


def test_moved_gone_busy_and_broken_feeds(server: FeedServer, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    good = rss2("Good", [{"title": "Fine", "link": "http://example.org/f", "guid": "f",
                          "description": long_text("fine")}])
    home = tmp_path / "home"
    for path in ("/moving", "/gone", "/busy", "/broken"):
        server.serve(path, good)
        run(capsys, home, "feeds", "add", server.url(path))
    server.serve("/moving", "", 301, Location="/moved")
    server.serve("/moved", good.replace("Fine", "Moved story").replace(">f<", ">m<"))
    server.serve("/gone", "", 410)
    server.serve("/busy", "", 429, Retry_After="3600")
    server.serve("/broken", "<rss><channel><title>x</title><item><title>unclosed")
    code, _out, err = run(capsys, home, "refresh")
    assert code == 0
    lines = [line for line in err.splitlines() if line.startswith("http://")]
    assert len(lines) == 3  # gone, busy and broken; the moved feed worked
    assert any("410" in line for line in lines) and any("429" in line for line in lines)
    assert any(line.startswith(server.url("/broken")) for line in lines)
    feeds = {f["url"]: f for f in run_json(capsys, home, "feeds", "list", "--json")}
    assert server.url("/moved") in feeds and server.url("/moving") not in feeds
    assert feeds[server.url("/gone")]["status"] == "gone"
    assert feeds[server.url("/busy")]["status"] == "error"
    asked = len(server.requests)
    again = {f["url"]: f for f in run_json(capsys, home, "refresh", "--json")["feeds"]}
    polled = {r.path for r in server.requests[asked:]}
    assert "/gone" not in polled and "/busy" not in polled and "/moved" in polled
    assert again[server.url("/busy")]["error"].startswith("skipped: the server asked to wait")


@pytest.mark.parametrize("body, reason", [
    ("<!doctype html><html><head><title>x</title></head><body><p>hello</p></body></html>", "HTML page"),
    ("", "empty"),
    ("\x00\x01 not xml at all <<<", "not a valid feed"),
])
def test_not_a_feed_is_one_clear_line(server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      body: str, reason: str) -> None:
    server.serve("/feed", rss2("Wire", []))
    home = tmp_path / "home"
    run(capsys, home, "feeds", "add", server.url("/feed"))
    server.serve("/feed", body)
    code, _out, err = run(capsys, home, "refresh")
    assert code == 0
    failing = [line for line in err.splitlines() if line.startswith(server.url("/feed"))]
    assert len(failing) == 1 and reason in failing[0]


def test_add_follows_a_pages_feed_link_and_refuses_a_page_without_one(
        server: FeedServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server.serve("/feed.xml", rss2("Site feed", []))
    server.serve("/", '<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
                      "</head><body>home</body></html>", Content_Type="text/html")
    server.serve("/plain", "<html><body>no feed here</body></html>", Content_Type="text/html")
    home = tmp_path / "home"
    assert run(capsys, home, "feeds", "add", server.url("/"), "--name", "site")[0] == 0
    assert run_json(capsys, home, "feeds", "list", "--json")[0]["url"] == server.url("/feed.xml")
    code, _out, err = run(capsys, home, "feeds", "add", server.url("/plain"))
    assert code == 1 and "links no feed" in err and len(err.strip().splitlines()) == 1
    code, _out, err = run(capsys, home, "feeds", "add", "file:///etc/passwd")
    assert code == 1 and "only http and https" in err


def test_remove_keeps_or_deletes_stored_articles(server: FeedServer, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("one", "two"):
        server.serve(f"/{name}", rss2(name, [{"title": f"{name} story", "link": f"http://example.org/{name}",
                                              "guid": name, "description": long_text(name)}]))
    home = tmp_path / "home"
    run(capsys, home, "feeds", "add", server.url("/one"), "--name", "one")
    run(capsys, home, "feeds", "add", server.url("/two"), "--name", "two")
    run_json(capsys, home, "refresh", "--json")
    code, _out, err = run(capsys, home, "feeds", "remove", "one")
    assert code == 0 and "kept" in err and "--delete-articles" in err  # not a terminal: nothing is lost
    assert run(capsys, home, "feeds", "remove", server.url("/two"), "--delete-articles")[0] == 0
    assert run_json(capsys, home, "feeds", "list", "--json") == []
    titles = {r["title"] for r in run_json(capsys, home, "list", "--json")}
    assert "one story" in titles and "two story" not in titles
