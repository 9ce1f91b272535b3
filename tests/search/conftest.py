"""The six-article search library, built once per test module that asks for it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from search.library import Library
from tests.search.search_fixture_corpus import build_library


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    lib = build_library(tmp_path_factory)
    yield lib
    lib.close()
