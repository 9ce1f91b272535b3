"""A reader that fails on one odd file costs that file only, with a plain line; the rest are read."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import ingest


def test_unexpected_reader_error_is_a_problem_not_a_crash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "good.txt").write_text("Good title\n\nGood body.\n", encoding="utf-8")
    (tmp_path / "odd.txt").write_text("Odd title\n\nOdd body.\n", encoding="utf-8")
    original = ingest.read_bytes

    def flaky(data: bytes, ctx: object, suffix: str):  # type: ignore[no-untyped-def]
        if b"Odd" in data:
            raise ValueError("reader bug")
        return original(data, ctx, suffix)

    monkeypatch.setattr(ingest, "read_bytes", flaky)
    files, _ = ingest.discover([tmp_path])
    articles, problems = ingest.read_all(files)
    assert [a.title for a in articles] == ["Good title"]
    assert len(problems) == 1 and "odd.txt" in problems[0].origin
    assert "could not be read (ValueError: reader bug)" in problems[0].message


def test_new_articles_skips_what_was_seen(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Same story\n\nWord for word.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Same story\n\nWord for word.\n", encoding="utf-8")
    files, _ = ingest.discover([tmp_path])
    seen: set[str] = set()
    problems: list = []
    first = list(ingest.new_articles(files, seen, problems))
    again = list(ingest.new_articles(files, seen, problems))
    assert len(first) == 1 and again == [] and not problems
