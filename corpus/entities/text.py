"""Folding and trimming of entity surface forms, shared by the rules and the resolver."""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata

# British and American spellings of the same name must give one key ("Self-Defence Forces").
_SPELLINGS = {"defence": "defense", "organisation": "organization", "centre": "center", "programme": "program"}
_SPELLING_RE = re.compile(r"\b(?:" + "|".join(_SPELLINGS) + r")\b")
_DETERMINERS = ("the ", "a ", "an ")
_POSSESSIVE = re.compile(r"['’]s?$")
_EDGE_JUNK = " \t\n•·*-–—,;:.!?\"'“”‘’()[]"


@functools.lru_cache(maxsize=1 << 16)  # the same names come back thousands of times in a long text
def fold(text: str) -> str:
    """Accent-free, case-free form used for keys and comparisons ("Shinjirō" == "shinjiro")."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _SPELLING_RE.sub(lambda m: _SPELLINGS[m.group()], " ".join(plain.split()))


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def name_tokens(text: str) -> list[str]:
    """Folded name words without initials, dots or suffixes; hyphenated given names split, so
    "John C. Aquilino Jr." -> ["john", "aquilino"] and "Yoon Suk-yeol" == "Yoon Suk Yeol"."""
    return list(_name_tokens(text))


@functools.lru_cache(maxsize=1 << 16)
def _name_tokens(text: str) -> tuple[str, ...]:
    words = re.split(r"[\s-]+", fold(text).replace(".", " "))
    return tuple(w for w in words if len(w) > 1 and w not in _SUFFIXES)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past determiners, bullets, quotes and a trailing possessive."""
    while start < end:
        piece = text[start:end]
        lower = piece.lower()
        if piece[0] in _EDGE_JUNK and not (piece[0] == "." and piece[1:2].isupper()):
            start += 1
            continue
        det = next((d for d in _DETERMINERS if lower.startswith(d)), None)
        if det and end - start > len(det):
            start += len(det)
            continue
        break
    while end > start:
        piece = text[start:end]
        match = _POSSESSIVE.search(piece)
        if match and match.start() > 0:
            end = start + match.start()
            continue
        if piece[-1] in _EDGE_JUNK and not _keeps_final_dot(piece):
            end -= 1
            continue
        break
    return start, end


def _keeps_final_dot(piece: str) -> bool:
    """ "U.S." and "Jr." keep their dot; a sentence's full stop does not."""
    return piece.endswith(".") and bool(re.search(r"(?:\b[A-Z]\.)+$|\b(?:Jr|Sr|St|Co|Inc|Corp|Ltd)\.$", piece))


@functools.lru_cache(maxsize=4)
def _newlines(body: str) -> list[int]:
    return [m.start() for m in re.finditer("\n", body)]


def line_bounds(body: str, pos: int) -> tuple[int, int]:
    """Start and end of the line holding `pos`, found without scanning it (a text may be one long line)."""
    newlines = _newlines(body)
    i = bisect.bisect_left(newlines, pos)
    return (newlines[i - 1] + 1 if i else 0), (newlines[i] if i < len(newlines) else len(body))
