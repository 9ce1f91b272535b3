"""Nothing that came from outside reaches the terminal raw: file names, queries, JSON strings."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from corpus.safety import shown
from tui.cli import main

ARTICLE = "A headline for the test\n\nThe alliance met in Tokyo on Monday to talk about ships.\n"
OSC52 = "\x1b]52;c;ZXZpbA==\x07"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _raw(text: str) -> bool:
    return any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in text)


def test_shown_makes_every_control_visible() -> None:
    assert shown("a\x1b[31mb\nc\x9d\u202ed") == "a\\x1b[31mb\\nc\\x9d\\u202ed"
    assert shown(os.fsdecode(b"caf\xe9.txt")) == "caf\\xe9.txt"
    assert shown("plain [bold] text") == "plain [bold] text"


def test_hostile_file_names_cannot_drive_the_terminal_or_forge_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / f"evil{OSC52}\nforged: line.txt").write_bytes(b"")
    (corpus / ("long-name-" * 20 + ".txt")).write_bytes(b"")
    (corpus / "good.txt").write_text(ARTICLE)
    code, _, err = run(capsys, "--data-dir", str(tmp_path / "data"), "--corpus", str(corpus), "index", "--no-entities")
    assert code == 0
    assert not _raw(err) and "\x1b" not in err
    lines = err.splitlines()
    assert len(lines) == 3, lines  # two problem lines (no forged one, none wrapped) and the summary
    assert any("evil\\x1b]52;c;ZXZpbA==\\x07\\nforged: line.txt" in line for line in lines)
    assert any("long-name-" * 20 + ".txt" in line for line in lines)


def test_json_escapes_c1_and_undecodable_names(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "c1\x90name.txt").write_text(ARTICLE)
    with open(os.fsencode(corpus) + b"/caf\xe9.txt", "wb") as handle:  # not valid UTF-8
        handle.write(ARTICLE.replace("Tokyo", "Osaka").encode())
    base = ["--data-dir", str(tmp_path / "data"), "--corpus", str(corpus)]
    assert run(capsys, *base, "index", "--no-entities")[0] == 0
    code, out, _ = run(capsys, *base, "list", "--json")
    assert code == 0 and not _raw(out)
    assert "\\u0090" in out
    rows = json.loads(out)
    assert len(rows) == 2


def test_a_query_echoed_back_is_shown_not_obeyed(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(ARTICLE)
    base = ["--data-dir", str(tmp_path / "data"), "--corpus", str(corpus)]
    run(capsys, *base, "index", "--no-entities")
    _, out, err = run(capsys, *base, "search", f"tokyo{OSC52}")
    assert not _raw(out) and not _raw(err)
