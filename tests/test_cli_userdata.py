"""`saved`, `notes`, `tag`, `search --saved [--new]` and the user fields of `show --json`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from search.library import Library
from tui.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def base(tmp_path: Path, small_corpus: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    args = ["--data-dir", str(tmp_path / "data"), "--corpus", str(small_corpus)]
    assert run(capsys, *args, "index", "--no-entities")[0] == 0
    return args


def ids_by_title(capsys: pytest.CaptureFixture[str], base: list[str]) -> dict[str, str]:
    return {row["title"]: row["id"] for row in json.loads(run(capsys, *base, "list", "--json")[1])}


def test_saved_add_list_new_and_remove(capsys: pytest.CaptureFixture[str], base: list[str], small_corpus: Path) -> None:
    assert run(capsys, *base, "saved", "add", "Defense", "defense")[0] == 0
    code, out, _ = run(capsys, *base, "saved", "--json")
    assert code == 0 and json.loads(out) == [{"name": "Defense", "query": "defense", "total": 3, "new": 0}]
    (small_corpus / "delta.txt").write_text("Defense ministers meet again\n\nMore defense talks.\n", encoding="utf-8")
    run(capsys, *base, "index", "--no-entities")
    assert json.loads(run(capsys, *base, "saved", "--json")[1])[0]["new"] == 1
    found = json.loads(run(capsys, *base, "search", "--saved", "defense", "--new", "--json")[1])
    assert [hit["title"] for hit in found["hits"]] == ["Defense ministers meet again"] and found["total"] == 1
    everything = json.loads(run(capsys, *base, "search", "--saved", "Defense", "--json")[1])
    assert everything["total"] == 4
    assert run(capsys, *base, "saved", "rename", "defense", "D2")[0] == 0
    assert run(capsys, *base, "saved", "remove", "d2")[0] == 0
    assert json.loads(run(capsys, *base, "saved", "--json")[1]) == []


def test_saved_errors_are_one_line(capsys: pytest.CaptureFixture[str], base: list[str]) -> None:
    code, _, err = run(capsys, *base, "saved", "add", "Bad", "colour:red")
    assert code == 2 and "no field called 'colour'" in err and err.count("\n") == 1
    code, _, err = run(capsys, *base, "search", "--saved", "nothing")
    assert code == 1 and "no saved search called 'nothing'" in err
    with pytest.raises(SystemExit) as exit_info:
        main([*base, "search", "japan", "--new"])
    assert exit_info.value.code == 2 and "--new" in capsys.readouterr().err


def test_tags_and_note_in_show_and_queries(capsys: pytest.CaptureFixture[str], base: list[str], tmp_path: Path) -> None:
    article_id = next(iter(ids_by_title(capsys, base).values()))
    code, out, _ = run(capsys, *base, "tag", article_id, "Follow Up", "keep", "--json")
    assert code == 0 and json.loads(out) == {"id": article_id, "tags": ["follow-up", "keep"]}
    run(capsys, *base, "tag", article_id, "--remove", "KEEP")
    Library(tmp_path / "data").userdata.set_note(article_id, "Call the embassy\nabout budgets")
    shown = json.loads(run(capsys, *base, "show", article_id, "--json")[1])
    assert shown["tags"] == ["follow-up"] and shown["note"] == "Call the embassy\nabout budgets"
    hits = json.loads(run(capsys, *base, "search", "tag:follow-up note:budget", "--json")[1])["hits"]
    assert [h["id"] for h in hits] == [article_id]
    notes = json.loads(run(capsys, *base, "notes", "--json")[1])
    assert [(n["id"], n["note"], n["tags"]) for n in notes] == [
        (article_id, "Call the embassy\nabout budgets", ["follow-up"])
    ]
    assert notes[0]["title"]


def test_show_json_of_an_untouched_article_has_empty_user_fields(
    capsys: pytest.CaptureFixture[str], base: list[str]
) -> None:
    article_id = next(iter(ids_by_title(capsys, base).values()))
    shown = json.loads(run(capsys, *base, "show", article_id, "--json")[1])
    assert shown["tags"] == [] and shown["note"] is None


def test_tagging_an_unknown_article_fails_clearly(capsys: pytest.CaptureFixture[str], base: list[str]) -> None:
    code, _, err = run(capsys, *base, "tag", "nosuchid", "x")
    assert code == 1 and "no article with id 'nosuchid'" in err
