"""A hand-edited aliases.toml of the wrong shape is one clear message naming the file, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.entities import load_aliases
from corpus.model import EntityType

BAD = [
    ("ignore = 5\n", r"\[ignore\]"),
    ('ignore = ["x"]\n', r"\[ignore\]"),
    ("[ignore]\nnames = 5\n", r"\[ignore\]"),
    ("[ignore]\nnames = [1, 2]\n", r"\[ignore\]"),
    ("person = 5\n", r"\[person\]"),
    ("[org]\nPentagon = 5\n", r"\[org\]"),
    ("[place]\nNippon = { a = 1 }\n", r"\[place\]"),
]


@pytest.mark.parametrize(("text", "names"), BAD)
def test_wrong_shapes_are_a_plain_error(tmp_path: Path, text: str, names: str) -> None:
    path = tmp_path / "aliases.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=names) as caught:
        load_aliases(path)
    assert str(path) in str(caught.value)


def test_names_are_cleaned_like_article_text(tmp_path: Path) -> None:
    path = tmp_path / "aliases.toml"
    path.write_text('[place]\n"Nippon" = "Japan\\u001b[31m"\n"" = "Empty"\n[ignore]\nnames = ["Credit\\u0007"]\n',
                    encoding="utf-8")
    table = load_aliases(path)
    assert table.lookup("Nippon") == (EntityType.PLACE, "Japan")
    assert table.ignores("Credit")
