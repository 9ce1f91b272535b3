"""A person's role as the article gives it: "<role words> <Name>" ("Japanese Defence Minister
Shinjiro Koizumi", "Special Advisor to the Prime Minister of Japan Oue Sadamasa") and appositives
("Rear Adm. Brett Mietus, commander of Joint Region Marianas", "his Indian counterpart, Rajnath Singh").

Works on the text alone (no parser: it is excluded for speed), one mention at a time.
"""

from __future__ import annotations

import re

from corpus.entities import gazetteer as gz
from corpus.entities.text import fold, name_tokens

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
# A full stop ends an appositive unless it closes an initial or abbreviation ("U.S.", "Adm.", "No.").
_STOP = r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z][a-z])\."
_AFTER = re.compile(
    rf",\s+(?:(?:the|a|an)\s+)?((?:(?:his|her|its|their)\s+)?(?:[\w.'’-]+\s+){{0,3}}?(?:{_HEADS})\b[^,;\n]*?)"
    rf"(?=,|;|{_STOP}\s|{_STOP}$|\n|$)"
)
_BEFORE = re.compile(
    rf"(?:\b(?:his|her|their|its|the)\s+|((?:\b[A-Z][\w-]*\s+)*\b[\w-]+['’]s\s+))"
    rf"((?:[A-Z][\w-]*\s+)?(?:[a-z-]+\s+)?(?:{_HEADS}|successor|predecessor|deputy)),\s*$"
)
# Lowercase words that qualify a lowercase head: "defence chief", "foreign ministry spokesman".
_MODIFIERS = frozenset({
    "defence", "defense", "foreign", "finance", "trade", "economy", "economic", "prime", "deputy", "vice",
    "chief", "top", "senior", "military", "navy", "naval", "army", "air", "force", "party", "opposition",
    "security", "national", "ministry", "government", "state", "interior", "justice", "health", "environment",
    "cabinet", "press", "foreign-policy", "intelligence", "police", "coast", "guard", "fleet", "regional",
    "provincial", "presidential", "communist", "former", "then", "acting", "incoming", "outgoing", "new",
    "veteran",
})
_FORMER = re.compile(r"\b(?:former|then|acting|ex)[- ]$")
_STOP_BEFORE = frozenset({"his", "her", "their", "its", "the", "a", "an", "and", "or", "by", "from", "with", "to",
                          "said", "says", "told", "as", "of", "for", "when", "that", "while", "between"})


def _is_head(token: str) -> bool:
    word = fold(token)
    return word.rstrip(".") in gz.ROLE_HEADS or word in gz.RANKS


def _ends_sentence(token: str) -> bool:
    """ "October." ends a sentence; "U.S.", "Adm." and "Jr." do not."""
    if not token.endswith("."):
        return False
    return not (re.fullmatch(r"(?:[A-Za-z]\.)+", token) or fold(token) in gz.RANKS or fold(token) in _ABBREVIATIONS)


def role_before(body: str, start: int, floor: int = 0, *, surname_only: bool = False) -> tuple[str, int, int] | None:
    """The title right before a name, where it starts, and where the name starts (earlier than `start`
    when the model left given names in the title); None when the words name no role."""
    line_start = body.rfind("\n", max(0, start - _WINDOW), start) + 1  # bounded: a text may be one long line
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
    given = _given_names(kept) if surname_only else 0
    name_start = kept[-given][1] if given else start
    if given:
        kept = kept[:-given]
    role_start = kept[0][1]
    lead = _FORMER.search(body, max(lo, role_start - 8), role_start)
    if lead and lead.start() >= lo:
        role_start = lead.start()  # "former Prime Minister": the word belongs to this person's role
    return body[role_start : kept[-1][2]], role_start, name_start


def _given_names(kept: list[tuple[str, int, int]]) -> int:
    """How many words at the end of a title are the person's given names, which the model left out of
    the name ("Interior Secretary Benjamin" + "Abalos"): right after a head, all of them (two at most);
    after "of <Object>", only the last ("Secretary of State Antony")."""
    run = 0
    for tok, _, _ in reversed(kept):
        if not tok[0].isupper() or _is_head(tok) or tok.casefold() in _CONNECTORS or tok.endswith("."):
            break
        run += 1
    if run == 0 or run == len(kept):
        return 0
    before = kept[-run - 1][0]
    if _is_head(before):
        return run if run <= 2 else 0
    return 1 if run >= 2 else 0


def role_before_lower(body: str, start: int, floor: int = 0) -> tuple[str, int, int] | None:
    """A lowercase head right before the name and its qualifiers: "Chinese leader", "his Japanese
    counterpart" (-> "Japanese counterpart"), "Canada's defence chief", "Foreign Ministry spokeswoman"."""
    line_start = body.rfind("\n", max(0, start - _WINDOW), start) + 1  # bounded: a text may be one long line
    lo = max(line_start, floor, start - _WINDOW)
    tokens = [(m.group(), lo + m.start(), lo + m.end()) for m in _TOKEN.finditer(body[lo:start])]
    if not tokens or not tokens[-1][0].islower() or fold(tokens[-1][0]) not in gz.ROLE_HEADS:
        return None
    kept = [tokens[-1]]
    owner = False  # after "Zealand's", only the rest of the owner's name ("New") may follow
    for tok, s, e in reversed(tokens[:-1]):
        word = fold(tok)
        if word in _STOP_BEFORE or not tok[0].isalpha() or _ends_sentence(tok) or len(kept) >= 6:
            break
        if tok[0].isupper():
            if word in _OPENERS:
                break
            kept.append((tok, s, e))
            owner = owner or bool(re.search(r"['’]s$", tok))  # "Canada's defence chief"
        elif owner:
            break
        elif word in _MODIFIERS or word in gz.ROLE_HEADS:
            kept.append((tok, s, e))
        else:
            break
    kept.reverse()
    return body[kept[0][1]:kept[-1][2]], kept[0][1], start


def role_after(body: str, end: int) -> str | None:
    """An appositive role: ", commander of Joint Region Marianas," after the name."""
    match = _AFTER.match(body, end, min(len(body), end + _WINDOW))
    if not match:
        return None
    role = match.group(1).strip()
    words = role.split()
    determined = bool(body[match.start():match.start(1)].strip(", \t"))  # ", the U.S. ambassador"
    if not (role[:1].islower() or determined) or words[0] in _SPEECH or len(words) > _MAX_APPOSITIVE_WORDS:
        return None  # ", said the prime minister ..." is reported speech, not who the person is
    return role


def role_before_comma(body: str, start: int) -> str | None:
    """ "his Indian counterpart, Rajnath Singh" -> "Indian counterpart"."""
    match = _BEFORE.search(body, max(0, start - _WINDOW), start)
    if not match:
        return None
    role = f"{match.group(1)}{match.group(2)}" if match.group(1) else match.group(2)
    return re.sub(r"^(?:the|a|an)\s+", "", role, flags=re.I)


def mention_role(body: str, start: int, end: int, floor: int = 0) -> tuple[str | None, int, int]:
    """The role one mention carries, where its prefix starts (== start when none), and where the name
    starts (given names the model left in the title go back to the name)."""
    surname_only = len(name_tokens(body[start:end])) == 1
    before = role_before(body, start, floor, surname_only=surname_only) or role_before_lower(body, start, floor)
    after = role_after(body, end)
    prefix = before[0] if before else role_before_comma(body, start)
    role_start, name_start = (before[1], before[2]) if before else (start, start)
    if prefix and after:
        return f"{prefix}, {after}", role_start, name_start
    return prefix or after, role_start, name_start
