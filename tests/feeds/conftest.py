from __future__ import annotations

from collections.abc import Iterator

import pytest

from corpus.feeds.http import FetchPolicy
from tests.feeds.server import FeedServer

# Short timeouts and no per-host pause: the tests talk to their own server on loopback only.
FAST = FetchPolicy(connect_timeout=2.0, read_timeout=1.0, total_timeout=5.0, host_delay=0.0, concurrency=4)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    feed_server = FeedServer()
    feed_server.thread.start()
    yield feed_server
    feed_server.httpd.shutdown()
    feed_server.httpd.server_close()


@pytest.fixture
def policy() -> FetchPolicy:
    return FAST
