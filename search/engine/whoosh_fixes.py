"""Two fixes to Whoosh (whoosh3 is pinned exactly: it releases often), applied by
`search.engine.apply_patches()` when the engine is first imported.

1. Field lengths while writing postings: finishing a segment (and merging) asks for the length of the
document of every posting, and Whoosh reads each one from the just-written column through a file seek
and read (~3 µs a posting, a fifth of finishing a segment). The column is one byte per document, so it
is read once and looked up in memory; the values are the same.

2. Whoosh opens each part of a segment (terms, postings, ...) as a `BufferFile` over a slice of the
memory-mapped segment, and `BufferFile.__init__` wraps that slice in `BytesIO(buf)`, which *copies* it.
Opening an index therefore read and copied the whole terms and postings files into private memory:
~0.3 s and ~250 MB at 21k articles, ~0.8 s and ~900 MB at 100k, before the first query. Now the
sequential-file interface reads the mapped slice in place (`_ViewReader`), created on first use.
"""

from __future__ import annotations

import io
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader, _lenfield
from whoosh.filedb.structfile import BufferFile
from whoosh.util.numeric import byte_to_length

_original_close = BufferFile.close


def _init(self: Any, buf: Any, name: str | None = None, onclose: Any = None) -> None:
    self._buf = buf
    self._name = name
    self.onclose = onclose
    self.is_real = False
    self.is_closed = False


def _get_file(self: Any) -> Any:
    file = self.__dict__.get("_lazy_file", _MISSING)
    if file is _MISSING:
        file = self.__dict__["_lazy_file"] = _ViewReader(self._buf)
    return file


def _set_file(self: Any, value: Any) -> None:
    self.__dict__["_lazy_file"] = value


def _close(self: Any) -> None:
    self.__dict__.setdefault("_lazy_file", None)  # closing must not make the copy it avoided
    _original_close(self)


_MISSING = object()


class _ViewReader(io.RawIOBase):
    """A read-only file over a buffer without copying it (what `BytesIO(memoryview)` does not do)."""

    def __init__(self, buf: Any) -> None:
        super().__init__()
        self._view = memoryview(buf).cast("B")
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        start = self._pos
        end = len(self._view) if size is None or size < 0 else min(start + size, len(self._view))
        self._pos = max(end, start)
        return self._view[start:end].tobytes()

    def readinto(self, target: Any) -> int:
        data = self.read(len(target))
        target[: len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        view, start = self._view, self._pos
        limit = len(view) if size is None or size < 0 else min(len(view), start + size)
        end = start
        while end < limit and view[end] != 10:
            end += 1
        self._pos = min(end + 1, limit)
        return view[start : self._pos].tobytes()

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self._pos, 2: len(self._view)}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self._view.release()
        super().close()


_original_length_reader = W3PerDocReader.doc_field_length_reader
_LENGTHS = [byte_to_length(b) for b in range(256)]


def _length_reader(self: Any, fieldname: str, default: int = 0) -> Any:
    column = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    if column is None or getattr(column, "_fixedlen", None) != 1 or not hasattr(column, "_dbfile"):
        return _original_length_reader(self, fieldname, default)
    count = column._count
    data = column._dbfile.get(column._basepos, count)
    past_end = column[count] if count < self._doccount else 0  # the column's default value
    lengths = _LENGTHS

    def get(docnum: int) -> int | None:
        byte = data[docnum] if docnum < count else past_end
        return lengths[byte] if byte else None  # as Whoosh's own reader: None for a missing length

    return get


def apply() -> None:
    if getattr(BufferFile, "_alliance_lazy", False):
        return
    W3PerDocReader.doc_field_length_reader = _length_reader  # type: ignore[method-assign]
    BufferFile.__init__ = _init  # type: ignore[method-assign]
    BufferFile.file = property(_get_file, _set_file)  # type: ignore[attr-defined]
    BufferFile.close = _close  # type: ignore[method-assign]
    BufferFile._alliance_lazy = True  # type: ignore[attr-defined]
