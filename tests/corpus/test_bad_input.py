"""Bad files: one clear Problem each, and everything else is still read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from corpus import ingest
from corpus.ingest import discover, read_all

GOOD = "A good headline\n\nA good body paragraph that should always be read.\n"


def _ingest(root: Path) -> tuple[list[str], dict[str, str]]:
    sources, problems = discover([root])
    articles, more = read_all(sources)
    return [a.title for a in articles], {Path(p.origin).name: p.message for p in [*problems, *more]}


def test_each_bad_file_is_one_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n ")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    (tmp_path / "big.txt").write_bytes(b"x" * 8192)
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 4096)
    titles, problems = _ingest(tmp_path)
    assert titles == ["A good headline"]
    assert "empty" in problems["empty.txt"] and "empty" in problems["blank.txt"]
    assert "binary" in problems["image.png"]
    assert "limit" in problems["big.txt"]
    assert len(problems) == 4


def test_latin1_byte_in_utf8_file_reads_right(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("Transfer news\n\nA caf\u00e9 deal: a ".encode() + b"\xa315.8m signing.\n")
    _titles, problems = _ingest(tmp_path)
    sources, _ = discover([tmp_path])
    (article,), _ = read_all(sources)
    assert "a £15.8m signing" in article.body and "café" in article.body and not problems


def test_whole_file_in_latin1(tmp_path: Path) -> None:
    text = "Réunion à Tokyo\n\nLe ministre a évoqué la sécurité régionale. " * 3
    (tmp_path / "fr.txt").write_bytes(text.encode("latin-1"))
    sources, _ = discover([tmp_path])
    (article,), problems = read_all(sources)
    assert article.title == "Réunion à Tokyo" and not problems


def test_nul_bytes_are_removed_and_reported(tmp_path: Path) -> None:
    (tmp_path / "nul.txt").write_bytes(b"Headline\n\nBody with a stray\x00 NUL byte.\n")
    sources, _ = discover([tmp_path])
    (article,), problems = read_all(sources)
    assert "\x00" not in article.body and len(problems) == 1 and "NUL" in problems[0].message


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    secret = tmp_path / "secret.txt"
    secret.write_text(GOOD.replace("good", "secret"))
    secret.chmod(0)
    try:
        titles, problems = _ingest(tmp_path)
    finally:
        secret.chmod(0o644)
    assert titles == ["A good headline"] and problems == {"secret.txt": "permission denied"}


def test_symlink_loops_and_dangling_links(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "good.txt").write_text(GOOD)
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    (root / "self").symlink_to(root / "self")
    (root / "dangling").symlink_to(root / "missing.txt")
    titles, problems = _ingest(root)
    assert titles == ["A good headline"]
    assert set(problems) == {"loop", "self", "dangling"}
    assert "loop" in problems["loop"] and "loop" in problems["self"]


def test_fifo_is_skipped_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "good.txt").write_text(GOOD)
    titles, problems = _ingest(tmp_path)
    assert titles == ["A good headline"] and "regular file" in problems["pipe.txt"]


def test_missing_path(tmp_path: Path) -> None:
    _, problems = _ingest(tmp_path / "nope")
    assert problems == {"nope": "no such file or folder"}


def test_permission_error_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Same as above but works as root too: the open itself is refused."""
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "secret.txt").write_text(GOOD)
    real_open = Path.open

    def refusing_open(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refusing_open)
    titles, problems = _ingest(tmp_path)
    assert titles == ["A good headline"] and problems == {"secret.txt": "permission denied"}


def test_a_walked_file_has_the_identity_and_path_of_its_resolved_name(tmp_path: Path) -> None:
    """Ids come from the identity: a folder walk (names kept as listed text) must give exactly what the
    file named on its own gives, for nested, spaced, accented and non-UTF-8 names."""
    names = ["a.txt", "sub/b c.md", "sub/deeper/ü é.txt", b"sub/bad\xff.txt"]
    for name in names:
        target = tmp_path / os.fsdecode(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("Text about the alliance.", encoding="utf-8")
    walked, problems = discover([tmp_path / "." / "sub" / ".."])
    assert not problems
    one_by_one = [discover([tmp_path / os.fsdecode(name)])[0][0] for name in names]
    assert [(s.identity, s.path, s.origin) for s in walked] == sorted(
        ((s.identity, s.path, s.origin) for s in one_by_one), key=lambda row: row[0]
    )
    assert all(s.path.is_file() and s.path.is_absolute() for s in walked)
