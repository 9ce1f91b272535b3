"""The user's data store: saved at once, shared between processes, damaged files kept aside."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from search.userdata import SAVED_FILE, USERDATA_FILE, UserData, clean_tag


def test_changes_are_saved_and_read_back(tmp_path: Path) -> None:
    data = UserData(tmp_path)
    data.set_read(["a", "b"])
    data.set_bookmark("b", True)
    data.set_tags("a", ["Follow Up", "japan", " "])
    data.set_note("a", "line one\nline two")
    data.add_saved("Koizumi", "person:koizumi")
    again = UserData(tmp_path)
    marks = again.marks()
    assert marks.read == {"a", "b"} and marks.bookmarks == {"b"}
    assert again.tags_of("a") == ("follow-up", "japan")
    note = again.note_of("a")
    assert note is not None and note.text == "line one\nline two"
    assert [s.name for s in again.saved_searches()] == ["Koizumi"]
    assert not again.notices


def test_two_stores_on_one_dir_lose_nothing(tmp_path: Path) -> None:
    """The app and the CLI each hold a copy; every change rereads the file under the lock."""
    app, cli = UserData(tmp_path), UserData(tmp_path)
    app.marks()
    cli.set_tags("x", ["cli"])
    app.set_read(["y"])
    assert UserData(tmp_path).marks().tags == {"x": {"cli"}}
    assert UserData(tmp_path).marks().read == {"y"}


def test_concurrent_writers_lose_nothing(tmp_path: Path) -> None:
    def mark(prefix: str) -> None:
        store = UserData(tmp_path)
        for i in range(30):
            store.set_read([f"{prefix}{i}"])

    threads = [threading.Thread(target=mark, args=(p,)) for p in "abc"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(UserData(tmp_path).marks().read) == 90
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_damaged_file_gives_defaults_and_is_kept_aside(tmp_path: Path) -> None:
    (tmp_path / USERDATA_FILE).write_text('{"read": ["a", ', encoding="utf-8")
    data = UserData(tmp_path)
    assert data.marks().read == set()
    assert data.notices and "kept as" in data.notices[0]
    aside = [p for p in tmp_path.iterdir() if p.name.startswith(USERDATA_FILE + ".damaged-")]
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == '{"read": ["a", '
    data.set_read(["b"])
    assert aside[0].exists()  # the next save never overwrites the damaged file


def test_invalid_entries_are_left_out_with_a_copy_kept(tmp_path: Path) -> None:
    raw = {"read": ["good", 5, "bad\x1b[31m"], "tags": {"good": ["ok"], "x": 7}, "notes": {"n": {"text": 3}}}
    (tmp_path / USERDATA_FILE).write_text(json.dumps(raw), encoding="utf-8")
    data = UserData(tmp_path)
    marks = data.marks()
    assert marks.read == {"good"} and marks.tags == {"good": {"ok"}} and marks.notes == {}
    assert data.notices and "not valid" in data.notices[0]
    assert any(p.name.startswith(USERDATA_FILE + ".damaged-") for p in tmp_path.iterdir())


def test_a_saved_search_file_of_the_wrong_shape_is_kept_aside(tmp_path: Path) -> None:
    (tmp_path / SAVED_FILE).write_text("[1, 2]", encoding="utf-8")
    data = UserData(tmp_path)
    assert data.saved_searches() == []
    assert any(p.name.startswith(SAVED_FILE + ".damaged-") for p in tmp_path.iterdir())


def test_read_marks_and_bookmarks_are_taken_over_from_state_json(tmp_path: Path) -> None:
    state = {"read": ["a", "b"], "bookmarks": ["b"], "history": ["japan"], "last_article": "a"}
    (tmp_path / "state.json").write_text(json.dumps(state), encoding="utf-8")
    data = UserData(tmp_path)
    assert data.marks().read == {"a", "b"} and data.marks().bookmarks == {"b"}
    assert (tmp_path / USERDATA_FILE).exists()
    data.set_read(["a"], read=False)
    assert UserData(tmp_path).marks().read == {"b"}  # taken over once, not again


def test_saved_search_rename_remove_and_opened(tmp_path: Path) -> None:
    data = UserData(tmp_path)
    data.add_saved("One", "japan")
    data.rename_saved("one", "Two")
    data.mark_opened("two", ["a"])
    found = UserData(tmp_path).saved_search("TWO")
    assert found.query == "japan" and found.seen == {"a"} and found.last_opened
    data.remove_saved("Two")
    assert UserData(tmp_path).saved_searches() == []


def test_tags_are_folded() -> None:
    assert clean_tag("  Follow   Up ") == "follow-up"
    assert clean_tag("a\x1bb") == "ab"
