"""Decoding bytes and choosing a reader from the content, not only the file name."""

from __future__ import annotations

from corpus.errors import Problem
from corpus.model import Article
from corpus.readers import text


def decode(data: bytes) -> str | None:
    """UTF-8 first, then a detected encoding; None when the bytes are not text."""
    if b"\x00" in data[:8192]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_bytes(data: bytes, *, origin: str, identity: str, mtime: float | None = None) -> tuple[list[Article], list[Problem]]:
    if not data.strip():
        return [], [Problem(origin, "skipped: the file is empty")]
    decoded = decode(data)
    if decoded is None:
        return [], [Problem(origin, "skipped: binary file, not text")]
    return text.read(decoded, origin=origin, identity=identity, mtime=mtime), []
