"""settings.json and keymap.json are input too: every value is checked on load, with a notice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from search.library import Library
from tests.tui.tui_helpers import settle
from tui.settings import LIST_WIDTH_AUTO, LIST_WIDTHS, SIDEBAR_WIDTHS, Settings, Store
from tui.widgets.article_list import ArticleList
from tui.widgets.entity_sidebar import EntitySidebar


def _store(tmp_path: Path, settings: object = None, keymap: object = None) -> Store:
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    if settings is not None:
        (config / "settings.json").write_text(json.dumps(settings))
    if keymap is not None:
        (config / "keymap.json").write_text(json.dumps(keymap))
    return Store(config, tmp_path / "data")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"list_width": 10**23}, {"list_width": LIST_WIDTHS[1]}),
        ({"list_width": -5}, {"list_width": LIST_WIDTH_AUTO}),
        ({"sidebar_width": 10**9}, {"sidebar_width": SIDEBAR_WIDTHS[1]}),
        ({"list_width": 12.5}, {"list_width": Settings().list_width}),
        ({"list_width": True}, {"list_width": Settings().list_width}),
        ({"sort": "sideways"}, {"sort": Settings().sort}),
        ({"theme": "x" * 10_000}, {"theme": Settings().theme}),
        ({"theme": "nord\x1b[2J"}, {"theme": Settings().theme}),
        ({"sidebar_visible": "yes"}, {"sidebar_visible": None}),
    ],
)
def test_a_bad_setting_is_reset_or_clamped_with_a_notice(tmp_path: Path, raw: dict, expected: dict) -> None:
    store = _store(tmp_path, settings=raw)
    for name, value in expected.items():
        assert getattr(store.settings, name) == value
    assert len(store.notices) == 1
    assert next(iter(raw)) in store.notices[0]
    assert "\x1b" not in store.notices[0]
    assert len(store.notices[0]) < 300


def test_good_settings_load_without_a_notice(tmp_path: Path) -> None:
    good = {"theme": "nord", "sort": "title", "list_width": 60, "sidebar_width": 24, "sidebar_visible": False}
    store = _store(tmp_path, settings=good)
    assert store.notices == []
    assert (store.settings.sort, store.settings.list_width, store.settings.sidebar_visible) == ("title", 60, False)


@pytest.mark.parametrize(
    "entry",
    [
        {"main.entities": "\x1b[31mx"},
        {"main.entities": "x\x07"},
        {"main\x1b.entities": "x"},
        {"main.entities": 5},
        {"main.entities": ""},
        {"main.entities": "a b"},
    ],
)
def test_a_keymap_entry_with_control_characters_or_odd_types_is_rejected(tmp_path: Path, entry: dict) -> None:
    store = _store(tmp_path, keymap=entry | {"main.sort": "o"})
    assert store.keymap == {"main.sort": "o"}
    assert len(store.notices) == 1
    assert "\x1b" not in store.notices[0] and "\x07" not in store.notices[0]


async def test_a_huge_width_in_settings_still_gives_a_usable_screen(
    small_library: Library, build_app, tmp_path: Path
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_text('{"list_width": 99999999999999999999999, "sidebar_width": -3}')
    app = build_app(small_library)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(app, pilot)
        article_list = app.screen.query_one(ArticleList)
        assert 20 <= article_list.outer_size.width < 120
        assert app.screen.query_one(EntitySidebar).outer_size.width >= SIDEBAR_WIDTHS[0]
        assert article_list.option_count == 4
        notices = " ".join(str(n.message) for n in app._notifications)
        assert "list_width" in notices and "sidebar_width" in notices


async def test_a_keymap_key_with_escape_never_reaches_the_screen(
    small_library: Library, build_app, tmp_path: Path
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "keymap.json").write_text(json.dumps({"main.sort": "\x1b[2Jz", "main.entities": "x"}))
    app = build_app(small_library)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        keys = " ".join(f"{k} {d}" for _, rows in app.screen.sections for k, d in rows)
        assert "\x1b" not in keys
        notices = " ".join(str(n.message) for n in app._notifications)
        assert "main.sort" in notices and "\x1b" not in notices


async def test_a_keymap_entry_for_an_unknown_action_is_ignored_with_a_notice(
    small_library: Library, build_app, tmp_path: Path
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "keymap.json").write_text(json.dumps({"main.no_such_action": "x", "main.entities": "x"}))
    app = build_app(small_library)
    async with app.run_test(size=(120, 36), notifications=True) as pilot:
        await settle(app, pilot)
        notices = " ".join(str(n.message) for n in app._notifications)
        assert "main.no_such_action" in notices
        sidebar = app.screen.query_one(EntitySidebar)
        await pilot.press("x")
        assert not sidebar.display, "the valid entry still applies"
