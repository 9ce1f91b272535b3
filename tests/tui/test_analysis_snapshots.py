"""SVG snapshots of the timeline and the entity profile at 80x24 and 160x48 (dated articles in tmp_path).

Regenerate deliberately with `pytest tests/tui/test_analysis_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.pilot import Pilot

from search.library import Library
from tests.test_cli_analysis import ARTICLES
from tests.tui.tui_helpers import settle
from tui.widgets.entity_sidebar import EntitySidebar

SIZES = pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])


@pytest.fixture(scope="module")
def quoted_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    root = tmp_path_factory.mktemp("quoted")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    library = Library(root / "data", sources=[corpus])
    library.sync(entities=True)
    yield library
    library.close()


async def _tanaka(pilot: Pilot[None], key: str) -> None:
    app = pilot.app
    await settle(app, pilot)
    library: Library = app.screen.library
    tanaka = library.find_entity("Tanaka")
    app.screen.jump_to_article(library.articles_with_entity(tanaka.key)[0].id)
    await settle(app, pilot)
    sidebar = app.screen.query_one(EntitySidebar)
    sidebar.display = True
    sidebar.focus()
    target = next(oid for oid, e in sidebar._entities.items() if e.key == tanaka.key)
    sidebar.highlighted = sidebar.get_option_index(target)
    await pilot.pause()
    await pilot.press(key)
    await settle(app, pilot)


async def _timeline(pilot: Pilot[None]) -> None:
    await _tanaka(pilot, "T")


async def _profile(pilot: Pilot[None]) -> None:
    await _tanaka(pilot, "p")


@SIZES
def test_timeline_screen(snap_compare, quoted_library: Library, build_app, size: tuple[int, int]) -> None:
    assert snap_compare(build_app(quoted_library), terminal_size=size, run_before=_timeline)


@SIZES
def test_profile_screen(snap_compare, quoted_library: Library, build_app, size: tuple[int, int]) -> None:
    assert snap_compare(build_app(quoted_library), terminal_size=size, run_before=_profile)
