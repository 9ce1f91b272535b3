"""Bytes to text: UTF-8 first, stray legacy bytes repaired, other encodings detected.

Real corpora mix encodings inside one file (BBC `sport/199.txt` is UTF-8 apart from one Latin-1 `£`),
and charset detectors guess badly on such files (cp932 there), so a mostly-UTF-8 file keeps its
UTF-8 and only its invalid bytes are read as Windows-1252.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import charset_normalizer

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_FEW_BAD_BYTES = 16
_TEXT_CONTROLS = {9, 10, 12, 13, 27}
_WESTERN = {"cp1252", "latin_1", "iso8859_15"}


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: read each byte UTF-8 rejects as Windows-1252 (Latin-1 where undefined)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    chunk = exc.object[exc.start : exc.end]
    return "".join(bytes([b]).decode("cp1252", errors="replace").replace("\ufffd", chr(b))
                   for b in chunk), exc.end


codecs.register_error("alliance-cp1252", _cp1252_fallback)


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    nul_bytes: int = 0


class NotText(ValueError):
    """The bytes are not text (binary data or an unknown encoding); the message is for people."""


_OTHER_CONTROLS = bytes(b for b in range(32) if b not in _TEXT_CONTROLS)


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _OTHER_CONTROLS))  # counted in C, not byte by byte
    return sample.count(0) > max(4, len(sample) // 100) or controls > len(sample) // 10


def decode(data: bytes) -> Decoded:
    """Decode `data` or raise NotText; a few NUL bytes in otherwise good text are dropped and counted."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(name), name)
            except UnicodeDecodeError as exc:
                raise NotText(f"not valid {name.upper()} despite its byte order mark") from exc
    if _looks_binary(data):
        raise NotText("binary file, not text")
    nuls = data.count(0)
    if nuls:
        data = data.replace(b"\x00", b"")
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8", nuls)
    except UnicodeDecodeError:
        pass
    bad = _count_invalid_utf8(data)
    if bad <= _FEW_BAD_BYTES or bad * 200 <= len(data):
        return Decoded(data.decode("utf-8", errors="alliance-cp1252"), "utf-8+cp1252", nuls)
    best = _detect(data)
    if best is None:
        raise NotText("undecodable bytes: neither UTF-8 nor a recognisable encoding")
    if best == "cp1252":
        return Decoded(data.decode("utf-8", errors="alliance-cp1252"), "cp1252", nuls)
    try:
        return Decoded(data.decode(best), best, nuls)
    except (UnicodeDecodeError, LookupError) as exc:
        raise NotText(f"undecodable bytes (looked like {best})") from exc


def _detect(data: bytes) -> str | None:
    """The detected encoding, preferring Windows-1252 when it fits as well as the best guess."""
    matches = list(charset_normalizer.from_bytes(data[:200_000]))
    if not matches:
        return None
    chaos = min(m.chaos for m in matches)
    western = [m for m in matches if m.encoding in _WESTERN and m.chaos <= chaos]
    return "cp1252" if western else matches[0].encoding


def _count_invalid_utf8(data: bytes) -> int:
    count = 0

    def counter(exc: UnicodeError) -> tuple[str, int]:
        nonlocal count
        assert isinstance(exc, UnicodeDecodeError)
        count += exc.end - exc.start
        return "", exc.end

    codecs.register_error("alliance-count", counter)
    data.decode("utf-8", errors="alliance-count")
    return count
