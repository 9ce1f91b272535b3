"""A real HTTP server on 127.0.0.1 for the feed tests: routes are plain functions, requests are counted."""

from __future__ import annotations

import gzip
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering: a server that never answers in time


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    at: float = field(default_factory=time.monotonic)


Route = Callable[[Seen], Reply]


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self._lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                seen = Seen(self.path, {k.lower(): v for k, v in self.headers.items()})
                with owner._lock:
                    owner.requests.append(seen)
                route = owner.routes.get(self.path)
                reply = route(seen) if route else Reply(404, b"not here")
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: object) -> None:
                return

        self.httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def count(self, path: str, header: str | None = None) -> int:
        return sum(1 for r in self.requests if r.path == path and (header is None or header in r.headers))

    def serve(self, path: str, body: bytes | str, status: int = 200, **headers: str) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = lambda _seen: Reply(status, data, {k.replace("_", "-"): v for k, v in headers.items()})

    def serve_conditional(self, path: str, body: bytes | str, etag: str = '"v1"') -> None:
        """200 with an ETag, then 304 to a request that sends it back."""
        data = body.encode("utf-8") if isinstance(body, str) else body

        def route(seen: Seen) -> Reply:
            if seen.headers.get("if-none-match") == etag:
                return Reply(304, b"", {"ETag": etag})
            return Reply(200, data, {"ETag": etag, "Content-Type": "application/rss+xml"})

        self.routes[path] = route


class _QuietServer(ThreadingHTTPServer):
    """A client that hangs up on a kept-alive connection (the fetcher giving up, a test ending) is not
    an error of the server's: without this, socketserver prints its traceback into the test output."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def gzipped(data: bytes) -> bytes:
    return gzip.compress(data)
