"""A polite HTTP client for feeds and article pages.

Conditional requests, a User-Agent naming the app, connect/read timeouts and an overall deadline, a cap
on the *decoded* size (so a gzip bomb stops early), redirects followed by hand (loops and hop counts
are ours to judge, and a chain of permanent redirects is reported so the caller can update the URL),
and a delay between requests to one host. Every failure is a `FetchError` with one clear line.
"""

from __future__ import annotations

import email.utils
import ssl
import threading
import time
import unicodedata
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

if TYPE_CHECKING:
    import httpx

ALLOWED_SCHEMES = ("http", "https")
PERMANENT_REDIRECTS = (301, 308)
REDIRECTS = (301, 302, 303, 307, 308)


def _app_version() -> str:
    try:
        return version("alliance-reader")
    except PackageNotFoundError:
        return "unknown"


USER_AGENT = f"alliance-reader/{_app_version()} (terminal news reader; feed fetcher)"


class FetchError(Exception):
    """One line a user can read: what went wrong with which URL."""


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How hard we may lean on servers; the defaults are those of a considerate feed reader."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 20 * 1024 * 1024
    max_redirects: int = 5
    host_delay: float = 1.0
    concurrency: int = 4


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    url: str
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""
    # Where a chain of only permanent redirects (301/308) ended: the URL to store from now on.
    moved_to: str | None = None
    retry_after: float | None = None  # seconds, from a 429/503 answer


def check_url(url: str) -> str:
    """The URL stripped, or FetchError when it is not http(s) with a host (no file:, javascript:, ...)."""
    url = url.strip()
    if any(unicodedata.category(ch) == "Cc" for ch in url):
        raise FetchError(f"not fetched: the URL holds a control character ({_short(url)})")
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:  # "http://[abc": an unclosed IPv6 bracket
        raise FetchError(f"not fetched: not a valid URL: {exc} ({_short(url)})") from None
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise FetchError(f"not fetched: only http and https URLs are allowed ({_short(url)})")
    if not host:
        raise FetchError(f"not fetched: the URL has no host ({_short(url)})")
    return url


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds from now: either a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class Fetcher:
    """One shared client (connection reuse) and one clock per host, safe to use from many threads."""

    def __init__(self, policy: FetchPolicy | None = None) -> None:
        import httpx  # here, not at module level: httpx's import pulls in its CLI (click, rich) and costs ~80 ms

        self.policy = policy or FetchPolicy()
        timeout = httpx.Timeout(self.policy.read_timeout, connect=self.policy.connect_timeout)
        limits = httpx.Limits(max_connections=max(2, self.policy.concurrency * 2))
        self._client = httpx.Client(timeout=timeout, limits=limits, follow_redirects=False,
                                    headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"})
        self._hosts: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}
        self._guard = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            accept: str = "*/*") -> Response:
        """GET with redirects followed by hand; 304, 410, 429 and 503 come back as statuses, not errors."""
        url = check_url(url)
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen = {url}
        permanent = True
        deadline = time.monotonic() + self.policy.total_timeout
        for _ in range(self.policy.max_redirects + 1):
            status, response = self._one(url, headers, deadline)
            if status in REDIRECTS:
                location = response.headers.get("location")
                if not location:
                    raise FetchError(f"HTTP {status} redirect without a Location ({_short(url)})")
                target = check_url(urljoin(url, location))
                if target in seen:
                    raise FetchError(f"redirect loop ({_short(url)} leads back to {_short(target)})")
                seen.add(target)
                permanent = permanent and status in PERMANENT_REDIRECTS
                url = target
                continue
            moved = url if permanent and len(seen) > 1 else None
            return _response(status, url, response, moved)
        raise FetchError(f"more than {self.policy.max_redirects} redirects ({_short(url)})")

    def _one(self, url: str, headers: dict[str, str], deadline: float) -> tuple[int, _Answer]:
        host = (urlsplit(url).hostname or "").lower()
        with self._host_lock(host):
            self._wait_for(host)
            try:
                return self._request(url, headers, deadline)
            finally:
                self._last[host] = time.monotonic()

    def _request(self, url: str, headers: dict[str, str], deadline: float) -> tuple[int, _Answer]:
        import httpx

        try:
            with self._client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status in REDIRECTS or status == 304 or status >= 400:
                    return status, _Answer(response.headers, b"")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():  # decoded: the cap counts what gzip expands to
                    size += len(chunk)
                    if size > self.policy.max_bytes:
                        raise FetchError(f"response larger than the {_megabytes(self.policy.max_bytes)} limit "
                                         f"({_short(url)})")
                    if time.monotonic() > deadline:
                        raise FetchError(f"gave up after {self.policy.total_timeout:.0f} s: the server sends too "
                                         f"slowly ({_short(url)})")
                    chunks.append(chunk)
                return status, _Answer(response.headers, b"".join(chunks))
        except httpx.TimeoutException as exc:
            kind = "connecting" if isinstance(exc, httpx.ConnectTimeout) else "waiting for an answer"
            raise FetchError(f"timed out {kind} ({_short(url)})") from None
        except httpx.ConnectError as exc:
            raise FetchError(_connect_message(exc, url)) from None
        except httpx.DecodingError:
            raise FetchError(f"the compressed response is damaged ({_short(url)})") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{type(exc).__name__}: {str(exc)[:120] or 'network error'} ({_short(url)})") from None
        except ssl.SSLError as exc:
            raise FetchError(f"TLS failure: {exc.reason or exc} ({_short(url)})") from None

    def _host_lock(self, host: str) -> threading.Lock:
        with self._guard:
            return self._hosts.setdefault(host, threading.Lock())

    def _wait_for(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            pause = self.policy.host_delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)


@dataclass(frozen=True, slots=True)
class _Answer:
    headers: httpx.Headers
    body: bytes


def _response(status: int, url: str, answer: _Answer, moved: str | None) -> Response:
    headers = answer.headers
    retry = retry_after_seconds(headers.get("retry-after")) if status in (429, 503) else None
    return Response(status=status, url=url, body=answer.body, etag=headers.get("etag"),
                    last_modified=headers.get("last-modified"), content_type=headers.get("content-type", ""),
                    moved_to=moved, retry_after=retry)


def _connect_message(exc: Any, url: str) -> str:
    text = str(exc)
    if "SSL" in text or "CERTIFICATE" in text.upper() or "TLS" in text:
        return f"TLS failure: {text[:120]} ({_short(url)})"
    return f"cannot connect: {text[:120] or 'connection refused'} ({_short(url)})"


def _short(url: str, limit: int = 100) -> str:
    return url if len(url) <= limit else url[: limit - 1] + "…"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"
