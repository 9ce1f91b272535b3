"""The HTTP client against a real server on loopback: what a polite feed reader does and refuses."""

from __future__ import annotations

import gzip

import pytest

from corpus.feeds.http import Fetcher, FetchError, FetchPolicy, check_url, retry_after_seconds
from tests.feeds.server import FeedServer, Reply


def test_user_agent_names_the_app_and_conditional_headers_are_sent(server: FeedServer, policy: FetchPolicy) -> None:
    server.serve_conditional("/feed", "<rss version='2.0'><channel><title>t</title></channel></rss>")
    with Fetcher(policy) as fetcher:
        first = fetcher.get(server.url("/feed"))
        second = fetcher.get(server.url("/feed"), etag=first.etag)
    assert first.status == 200 and first.etag == '"v1"'
    assert second.status == 304 and second.body == b""
    assert server.requests[0].headers["user-agent"].startswith("alliance-reader/")
    assert "gzip" in server.requests[0].headers["accept-encoding"]
    assert server.count("/feed", "if-none-match") == 1


def test_gzip_body_is_decoded(server: FeedServer, policy: FetchPolicy) -> None:
    server.serve("/z", gzip.compress(b"hello " * 100), Content_Encoding="gzip")
    with Fetcher(policy) as fetcher:
        assert fetcher.get(server.url("/z")).body == b"hello " * 100


def test_gzip_bomb_is_capped_on_the_decoded_size(server: FeedServer) -> None:
    bomb = gzip.compress(b"\0" * (8 * 1024 * 1024))  # about 8 KB on the wire
    server.serve("/bomb", bomb, Content_Encoding="gzip")
    with Fetcher(FetchPolicy(max_bytes=1024 * 1024, host_delay=0)) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/bomb"))
    assert "larger than the 1 MB limit" in str(caught.value)


def test_oversize_body_is_refused(server: FeedServer) -> None:
    server.serve("/big", b"x" * (300 * 1024))
    with Fetcher(FetchPolicy(max_bytes=100 * 1024, host_delay=0)) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/big"))
    assert "limit" in str(caught.value)


def test_permanent_redirect_reports_the_new_url_and_a_temporary_one_does_not(
        server: FeedServer, policy: FetchPolicy) -> None:
    server.serve("/new", "ok")
    server.serve("/old", "", 301, Location="/new")
    server.serve("/tmp", "", 302, Location="/new")
    with Fetcher(policy) as fetcher:
        moved = fetcher.get(server.url("/old"))
        temporary = fetcher.get(server.url("/tmp"))
    assert moved.body == b"ok" and moved.moved_to == server.url("/new")
    assert temporary.body == b"ok" and temporary.moved_to is None


def test_redirect_loop_and_too_many_redirects(server: FeedServer, policy: FetchPolicy) -> None:
    server.serve("/a", "", 302, Location="/b")
    server.serve("/b", "", 302, Location="/a")
    for hop in range(10):
        server.serve(f"/hop{hop}", "", 302, Location=f"/hop{hop + 1}")
    with Fetcher(policy) as fetcher:
        with pytest.raises(FetchError, match="redirect loop"):
            fetcher.get(server.url("/a"))
        with pytest.raises(FetchError, match="more than 5 redirects"):
            fetcher.get(server.url("/hop0"))


def test_redirect_to_another_scheme_is_refused(server: FeedServer, policy: FetchPolicy) -> None:
    server.serve("/evil", "", 302, Location="file:///etc/passwd")
    with Fetcher(policy) as fetcher, pytest.raises(FetchError, match="only http and https"):
        fetcher.get(server.url("/evil"))


def test_a_server_that_never_answers_times_out(server: FeedServer) -> None:
    server.routes["/slow"] = lambda _seen: Reply(200, b"late", delay=3.0)
    with Fetcher(FetchPolicy(read_timeout=0.5, host_delay=0)) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/slow"))
    assert "timed out" in str(caught.value)


def test_retry_after_is_read_from_429(server: FeedServer, policy: FetchPolicy) -> None:
    server.serve("/busy", "", 429, Retry_After="120")
    with Fetcher(policy) as fetcher:
        answer = fetcher.get(server.url("/busy"))
    assert answer.status == 429 and answer.retry_after == 120


def test_tls_failure_is_one_clear_line(server: FeedServer, policy: FetchPolicy) -> None:
    https = server.base.replace("http://", "https://") + "/feed"  # the server speaks plain HTTP
    with Fetcher(policy) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(https)
    assert "\n" not in str(caught.value)
    assert "TLS" in str(caught.value) or "cannot connect" in str(caught.value)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(1)", "ftp://example.org/x", "http://"])
def test_only_http_and_https_are_fetched(url: str) -> None:
    with pytest.raises(FetchError):
        check_url(url)


def test_retry_after_accepts_an_http_date() -> None:
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480.0 - 60) == pytest.approx(60)
    assert retry_after_seconds("soon") is None


def test_requests_to_one_host_are_spaced_by_the_delay(server: FeedServer) -> None:
    """A lower bound on the gap the server sees (politeness), not a speed measurement."""
    server.serve("/a", "a")
    server.serve("/b", "b")
    with Fetcher(FetchPolicy(host_delay=0.4)) as fetcher:
        fetcher.get(server.url("/a"))
        fetcher.get(server.url("/b"))
    first, second = server.requests
    assert second.at - first.at >= 0.4
