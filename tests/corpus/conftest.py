"""Shared fixtures: the five embedded seed articles, read once per test session."""

from __future__ import annotations

import pytest

from corpus.ingest import discover, read_all
from corpus.model import Article


@pytest.fixture(scope="session")
def seeds() -> dict[str, Article]:
    """Seed articles keyed by their file-name prefix ("000" ... "004")."""
    sources, problems = discover(None)
    articles, more = read_all(sources)
    assert not problems and not more
    return {a.origin.rsplit("/", 1)[-1][:3]: a for a in articles}
