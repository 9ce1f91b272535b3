"""A person's role as the article gives it: "<role words> <Name>" ("Japanese Defence Minister
Shinjiro Koizumi", "Special Advisor to the Prime Minister of Japan Oue Sadamasa") and appositives
("Rear Adm. Brett Mietus, commander of Joint Region Marianas", "his Indian counterpart, Rajnath Singh").

Works on the text alone (no parser: it is excluded for speed), one mention at a time.
"""

from __future__ import annotations

import re

from corpus.entities import gazetteer as gz
from corpus.entities.text import fold

_WINDOW = 160
_ABBREVIATIONS = frozenset(
    ("jan.", "feb.", "mar.", "apr.", "aug.", "sept.", "sep.", "oct.", "nov.", "dec.", "jr.", "sr.", "st.", "no.", "mt.")
)
_CONNECTORS = frozenset({"of", "for", "to", "the", "on"})
# Sentence openers that are capitalised only by position: "But Prime Minister X" has the role "Prime Minister".
_OPENERS = frozenset(
    [
        "but",
        "and",
        "or",
        "if",
        "when",
        "while",
        "instead",
        "however",
        "meanwhile",
        "then",
        "so",
        "yet",
        "also",
        "now",
        "as",
        "after",
        "before",
        "since",
        "because",
        "although",
        "though",
        "still",
        "later",
        "earlier",
        "last",
        "next",
        "this",
        "on",
        "in",
        "at",
        "by",
        "with",
        "from",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
_SPEECH = frozenset(["said", "says", "told", "added", "asked", "warned", "claimed", "insisted", "argued"])
_MAX_APPOSITIVE_WORDS = 8
_TOKEN = re.compile(r"[\w][\w.’'&-]*|[^\w\s]")
_HEADS = "|".join(sorted(gz.ROLE_HEADS, key=len, reverse=True))
_AFTER = re.compile(
    rf",\s+((?:(?:the|a|an|his|her|its|their)\s+)?(?:[\w.-]+\s+){{0,3}}?(?:{_HEADS})\b[^,;\n]*?)"
    r"(?=,|;|\.\s|\.$|\n|$)"
)
_BEFORE = re.compile(rf"\b(?:his|her|their|its|the)\s+((?:[A-Z][\w-]*\s+)?(?:[a-z-]+\s+)?(?:{_HEADS})),\s*$")


def _is_head(token: str) -> bool:
    word = fold(token)
    return word.rstrip(".") in gz.ROLE_HEADS or word in gz.RANKS


def _ends_sentence(token: str) -> bool:
    """ "October." ends a sentence; "U.S.", "Adm." and "Jr." do not."""
    if not token.endswith("."):
        return False
    return not (re.fullmatch(r"(?:[A-Za-z]\.)+", token) or fold(token) in gz.RANKS or fold(token) in _ABBREVIATIONS)


def role_before(body: str, start: int, floor: int = 0) -> tuple[str, int] | None:
    """The title right before a name and where it starts; None when the words name no role."""
    line_start = body.rfind("\n", 0, start) + 1
    lo = max(line_start, floor, start - _WINDOW)
    tokens = [(m.group(), lo + m.start(), lo + m.end()) for m in _TOKEN.finditer(body[lo:start])]
    kept: list[tuple[str, int, int]] = []
    for tok, s, e in reversed(tokens):
        if not tok[0].isalpha() or not (tok[0].isupper() or tok in _CONNECTORS) or _ends_sentence(tok):
            break
        kept.append((tok, s, e))
    kept.reverse()
    while kept and (
        kept[0][0].lower() in _CONNECTORS or (len(kept) > 1 and kept[1][0] in _CONNECTORS and not _is_head(kept[0][0]))
    ):
        kept.pop(0)
    while kept and fold(kept[0][0]) in gz.HONORIFICS:
        kept.pop(0)
    while kept and fold(kept[0][0]) in _OPENERS and not _is_head(kept[0][0]):
        kept.pop(0)
    while kept and fold(kept[-1][0]) in gz.HONORIFICS:  # "But Mr Blair": "Mr" is courtesy, not a role
        kept.pop()
    if not kept or not any(_is_head(t) for t, _, _ in kept):
        return None
    return body[kept[0][1] : kept[-1][2]], kept[0][1]


def role_after(body: str, end: int) -> str | None:
    """An appositive role: ", commander of Joint Region Marianas," after the name."""
    match = _AFTER.match(body, end, min(len(body), end + _WINDOW))
    if not match:
        return None
    role = match.group(1).strip()
    words = role.split()
    if not role[:1].islower() or words[0] in _SPEECH or len(words) > _MAX_APPOSITIVE_WORDS:
        return None  # ", said the prime minister ..." is reported speech, not who the person is
    return role


def role_before_comma(body: str, start: int) -> str | None:
    """ "his Indian counterpart, Rajnath Singh" -> "Indian counterpart"."""
    match = _BEFORE.search(body, max(0, start - _WINDOW), start)
    return match.group(1) if match else None


def mention_role(body: str, start: int, end: int, floor: int = 0) -> tuple[str | None, int]:
    """The role one mention carries, and where its prefix starts (== start when none)."""
    before = role_before(body, start, floor)
    after = role_after(body, end)
    prefix = before[0] if before else role_before_comma(body, start)
    role_start = before[1] if before else start
    if prefix and after:
        return f"{prefix}, {after}", role_start
    return prefix or after, role_start
