"""The CLI contract scripts rely on: names, JSON keys, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main

LIST_KEYS = {"id", "title", "source", "published", "date_confidence", "origin", "url", "feed", "date_window"}
SHOW_KEYS = {
    "id", "title", "source", "byline", "dateline", "published", "date_confidence", "date_reason", "categories",
    "key_points", "paragraphs", "captions", "comments", "entities", "dates", "origin", "tags", "note",
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_list_json_on_embedded_corpus(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    assert run(capsys, "--data-dir", str(data), "index", "--no-entities")[0] == 0
    code, out, _ = run(capsys, "--data-dir", str(data), "list", "--json")
    rows = json.loads(out)
    assert code == 0
    assert len(rows) == 5
    assert all(set(row) == LIST_KEYS for row in rows)
    assert all(row["date_confidence"] in {"stated", "inferred", "unknown"} for row in rows)
    assert all(row["url"] is None and row["feed"] is None for row in rows)  # files, not feed items
    undated = [row for row in rows if row["published"] is None]
    assert undated and all(row["date_window"] and row["date_window"][0] < (row["date_window"][1] or "9")
                           for row in undated)  # who held office bounds the one undated seed


def test_ids_are_stable_across_data_dirs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    ids = []
    for name in ("one", "two"):
        run(capsys, "--data-dir", str(tmp_path / name), "index", "--no-entities")
        rows = json.loads(run(capsys, "--data-dir", str(tmp_path / name), "list", "--json")[1])
        ids.append(sorted(r["id"] for r in rows))
    assert ids[0] == ids[1]


def test_show_json_has_every_key(capsys: pytest.CaptureFixture[str], data: Path, small_corpus: Path) -> None:
    base = ["--data-dir", str(data), "--corpus", str(small_corpus)]
    run(capsys, *base, "index", "--no-entities")
    first = json.loads(run(capsys, *base, "list", "--json")[1])[0]
    code, out, _ = run(capsys, *base, "show", first["id"], "--json")
    article = json.loads(out)
    assert code == 0
    assert set(article) >= SHOW_KEYS
    assert article["id"] == first["id"]
    assert article["paragraphs"]
    assert article["url"] is None and article["feed"] is None


def test_search_json_finds_and_snippets(capsys: pytest.CaptureFixture[str], data: Path, small_corpus: Path) -> None:
    base = ["--data-dir", str(data), "--corpus", str(small_corpus)]
    run(capsys, *base, "index", "--no-entities")
    code, out, _ = run(capsys, *base, "search", "Koizumi", "--json")
    result = json.loads(out)
    assert code == 0
    assert set(result) == {"query", "total", "exact_total", "suggestion", "hits", "facets"}
    assert result["total"] == 1
    hit = result["hits"][0]
    assert hit["title"] == "Koizumi meets Hegseth in Washington"
    assert [hit["snippet"][a:b] for a, b in hit["snippet_spans"]] == ["Koizumi"]
    assert result["facets"]["year"] == [{"value": "2026", "count": 1}]


def test_search_limit_is_respected(capsys: pytest.CaptureFixture[str], data: Path, small_corpus: Path) -> None:
    base = ["--data-dir", str(data), "--corpus", str(small_corpus)]
    run(capsys, *base, "index", "--no-entities")
    result = json.loads(run(capsys, *base, "search", "defense OR Koizumi OR deterrence", "--limit", "1", "--json")[1])
    assert len(result["hits"]) == 1
    assert result["total"] >= 2


def test_corpus_replaces_embedded_and_keeps_its_own_index(
    capsys: pytest.CaptureFixture[str], data: Path, small_corpus: Path
) -> None:
    run(capsys, "--data-dir", str(data), "--corpus", str(small_corpus), "index", "--no-entities")
    rows = json.loads(run(capsys, "--data-dir", str(data), "--corpus", str(small_corpus), "list", "--json")[1])
    assert {r["title"] for r in rows} >= {"Blinken and Hayashi agree on deterrence"}
    assert len(rows) == 3


def test_index_picks_up_added_changed_and_removed_files(
    capsys: pytest.CaptureFixture[str], data: Path, small_corpus: Path
) -> None:
    base = ["--data-dir", str(data), "--corpus", str(small_corpus)]
    run(capsys, *base, "index", "--no-entities")
    (small_corpus / "delta.txt").write_text("A new arrival about Guam\n\nGuam hosts Marines.\n", encoding="utf-8")
    (small_corpus / "gamma.txt").unlink()
    alpha = small_corpus / "alpha.txt"
    alpha.write_text(alpha.read_text(encoding="utf-8").replace("Washington", "Tokyo"), encoding="utf-8")
    _, _, err = run(capsys, *base, "index", "--no-entities")
    assert "1 added, 1 updated, 1 removed, 1 unchanged" in err
    titles = {r["title"] for r in json.loads(run(capsys, *base, "list", "--json")[1])}
    assert titles == {
        "A new arrival about Guam", "Koizumi meets Hegseth in Tokyo", "Blinken and Hayashi agree on deterrence"
    }


def test_add_registers_sources_with_the_default_library(
    capsys: pytest.CaptureFixture[str], data: Path, small_corpus: Path
) -> None:
    code, _, err = run(capsys, "--data-dir", str(data), "add", str(small_corpus / "beta.txt"))
    assert code == 0
    assert "added 1 new source" in err
    rows = json.loads(run(capsys, "--data-dir", str(data), "list", "--json")[1])
    assert len(rows) == 6


def test_unknown_article_is_one_line_and_non_zero(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    run(capsys, "--data-dir", str(data), "index", "--no-entities")
    code, _, err = run(capsys, "--data-dir", str(data), "show", "no-such-id")
    assert code == 1
    assert err.count("\n") == 1
    assert err.startswith("alliance-reader: ")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["search"])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.startswith("alliance-reader: ")


def test_add_of_missing_path_fails_clearly(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    code, _, err = run(capsys, "--data-dir", str(data), "add", str(data / "nowhere"))
    assert code == 1
    assert "no such file or folder" in err


def test_environment_variable_sets_the_data_dir(tmp_path: Path, small_corpus: Path) -> None:
    env = {**os.environ, "ALLIANCE_READER_HOME": str(tmp_path / "home")}
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--corpus", str(small_corpus), "index", "--no-entities"],
        env=env, capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "home" / "libraries").is_dir()


def test_subcommands_do_not_import_textual_or_spacy(tmp_path: Path, small_corpus: Path) -> None:
    script = (
        "import sys; from tui.cli import main; "
        f"main(['--data-dir', {str(tmp_path)!r}, '--corpus', {str(small_corpus)!r}, 'index', '--no-entities']); "
        f"main(['--data-dir', {str(tmp_path)!r}, '--corpus', {str(small_corpus)!r}, 'search', 'Koizumi', '--json']); "
        "bad = [m for m in ('textual', 'spacy') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith("alliance-reader ")


def test_user_alias_file_merges_entities(capsys: pytest.CaptureFixture[str], data: Path, small_corpus: Path) -> None:
    """aliases.toml in the config folder corrects a merge: here two people become one."""
    config = data / "config"
    config.mkdir(parents=True)
    (config / "aliases.toml").write_text('[person]\n"Antony Blinken" = "Shinjiro Koizumi"\n', encoding="utf-8")
    base = ["--data-dir", str(data), "--corpus", str(small_corpus)]
    assert run(capsys, *base, "index")[0] == 0
    people = {e["name"]: e for e in json.loads(run(capsys, *base, "entities", "--type", "person", "--json")[1])}
    assert "Antony Blinken" not in people
    assert len(people["Shinjiro Koizumi"]["articles"]) == 2


def test_malformed_alias_file_is_one_clear_line(
    capsys: pytest.CaptureFixture[str], data: Path, small_corpus: Path
) -> None:
    config = data / "config"
    config.mkdir(parents=True)
    (config / "aliases.toml").write_text("[person\nbroken", encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", str(data), "--corpus", str(small_corpus), "index")
    assert code == 1
    assert "aliases.toml" in err and err.count("\n") == 1


def test_show_lists_near_copies_of_the_story(
    capsys: pytest.CaptureFixture[str], data: Path, small_corpus: Path
) -> None:
    original = (small_corpus / "beta.txt").read_text(encoding="utf-8")
    (small_corpus / "beta-copy.txt").write_text(
        original.replace("agree on deterrence", "agree to boost deterrence") + "\n- Reuters\n", encoding="utf-8"
    )
    base = ["--data-dir", str(data), "--corpus", str(small_corpus)]
    run(capsys, *base, "index", "--no-entities")
    rows = {r["title"]: r["id"] for r in json.loads(run(capsys, *base, "list", "--json")[1])}
    shown = json.loads(run(capsys, *base, "show", rows["Blinken and Hayashi agree on deterrence"], "--json")[1])
    assert [s["title"] for s in shown["similar"]] == ["Blinken and Hayashi agree to boost deterrence"]
    alone = json.loads(run(capsys, *base, "show", rows["Markup-looking text stays text"], "--json")[1])
    assert alone["similar"] == []
