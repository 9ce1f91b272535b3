"""Real apps on real libraries built in tmp_path: no monkeypatched internals, no sleeps."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from search.library import Library
from tui.app import AllianceReader
from tui.factory import make_app

ARTICLES = {
    "a_alliance.txt": "Alliance talks in Washington\n\nWashington, Jan 17, 2026\n\n"
    "The alliance between Japan and the United States was reaffirmed.\n\n"
    "Officials said the alliance would deepen missile cooperation.\n\n"
    "Analysts called the alliance the cornerstone of regional security.\n",
    "b_markup.txt": "Markup-looking text stays text\n\nLondon, April 2, 2023\n\n"
    "This paragraph holds [bold]not markup[/] and [link] "
    "brackets.\n\nAn escape \x1b[31mred\x1b[0m sequence sits here.\n",
    "c_guam.txt": "Guam base upgrades announced\n\nTokyo, Feb 3, 2025\n\n"
    "Engineers began upgrading runways on Guam.\n\nThe work will take two years.\n",
    "d_trade.txt": "Trade ministers meet in Tokyo\n\nTokyo, March 9, 2024\n\n"
    "Trade and tariffs dominated the talks between the two ministers.\n",
}


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def small_library(tmp_path: Path, corpus_dir: Path) -> Library:
    library = Library(tmp_path / "data", sources=[corpus_dir])
    library.sync(entities=False)
    yield library
    library.close()


@pytest.fixture
def embedded_library(tmp_path: Path) -> Library:
    library = Library(tmp_path / "data")
    library.sync(entities=False)
    yield library
    library.close()


@pytest.fixture(scope="module")
def entity_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """The embedded corpus with entities: built once per module, since loading spaCy takes seconds."""
    pytest.importorskip("corpus.entities", reason="entity extraction (corpus.entities) is not available yet")
    library = Library(tmp_path_factory.mktemp("entities") / "data")
    library.sync(entities=True)
    yield library
    library.close()


AppFactory = Callable[..., AllianceReader]


@pytest.fixture
def build_app(tmp_path: Path) -> AppFactory:
    """make_app with state and config in tmp_path; no start-up sync, so the view is deterministic.
    Unless a test wrote its own settings, the clock that marks an open article read is set far off,
    so no screen depends on how long a test took."""

    def build(library: Library, **kwargs: object) -> AllianceReader:
        kwargs.setdefault("sync", False)
        settings = tmp_path / "config" / "settings.json"
        if not settings.exists():
            settings.parent.mkdir(parents=True, exist_ok=True)
            settings.write_text('{"read_after_seconds": 600.0}', encoding="utf-8")
        return make_app(library, data_dir=tmp_path / "state", config_dir=tmp_path / "config", **kwargs)

    return build
