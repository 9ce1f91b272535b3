"""Opening an index must not copy it into memory (Whoosh's BufferFile did; search.engine.whoosh_fixes)."""

from __future__ import annotations

from pathlib import Path

from whoosh.filedb.structfile import BufferFile

import search.index  # noqa: F401 - applies the fix
from search.library import Library


def test_buffer_file_copies_only_when_read_sequentially() -> None:
    data = bytearray(b"\x00\x00\x00\x07hello")
    view = memoryview(data)
    f = BufferFile(view, name="x")
    assert "_lazy_file" not in f.__dict__
    assert f.get_int(0) == 7 and f.get(4, 5) == b"hello"
    assert "_lazy_file" not in f.__dict__, "positional reads use the mapped buffer"
    f.seek(4)
    assert f.read(5) == b"hello"
    f.close()
    untouched = BufferFile(memoryview(bytearray(b"abc")))
    untouched.close()
    assert untouched.__dict__["_lazy_file"] is None


def test_index_opens_and_searches_with_the_fix(small_corpus: Path, tmp_path: Path) -> None:
    library = Library(tmp_path / "data", [small_corpus])
    library.sync(entities=False)
    library.close()
    fresh = Library(tmp_path / "data", [small_corpus])
    assert fresh.search("deterrence").total == 1
    assert fresh.search("hegseth").hits[0].snippet.text
    fresh.close()
