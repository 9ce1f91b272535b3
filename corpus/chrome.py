"""What page chrome looks like, as general patterns rather than one site's strings.

Each pattern describes a kind of line that news templates add around an article (share prompts, reading
times, comment forms, footers), so pages from other sites built the same way clean up too.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE
_SOCIAL = r"(?:share|tweet|email|e-mail|print|save|whatsapp|facebook|twitter|x|linkedin|telegram|reddit|copy link)"

COMMENTS_END = re.compile(
    r"^(?:we welcome|please keep (?:your )?comments|comments? (?:are|is) moderated)\b.*$", _I)
DROP = [
    re.compile(r"^\d+\s*(?:-\s*)?min(?:ute)?s?\.?\s+read$", _I),
    re.compile(r"^share(?:\s+(?:this|the))?(?:\s+(?:article|story|post|page|link))?(?:\s+(?:on|via)\s+\S+)?\s*:?$", _I),
    re.compile(rf"^{_SOCIAL}(?:\s*[|/·•,]?\s*{_SOCIAL})*$", _I),
    re.compile(r"^(?:minimum|maximum|max\.?|min\.?)\s+\d+\s+characters?\b.*$", _I),
    re.compile(r"^\d+\s*/\s*\d+(?:\s+characters?)?$", _I),
    re.compile(r"^(?:post|submit|add|write)(?:\s+(?:a|your))?\s+(?:comment|reply)$|^cancel reply$|^reply$", _I),
    re.compile(r"^no comments(?:\s+yet)?(?:\s+on\s+.*)?\.?$", _I),
    re.compile(r"^(?:advertisement|advertising|sponsored(?: content)?|promoted(?: content)?|ad)$", _I),
    re.compile(r"^(?:also read|read also|read more|see also|watch|listen|recommended)\s*[:|-].*$", _I),
    re.compile(r"^(?:follow|join|like)\s+us\s+on\b.*$|^(?:click|tap)\s+here\b.*$", _I),
    re.compile(r"^enter your e-?mail(?: address)?\s*:?$|^your e-?mail(?: address)?\s*:?$", _I),
    COMMENTS_END,
    re.compile(r"^(?:updated|last updated|published|posted)\s*:?\s*$", _I),
]
FOOTER = [
    re.compile(r"^(?:related|recommended|more|latest|popular|trending|similar)\s+"
               r"(?:articles?|posts?|stories|news|reads?|content)\s*:?$", _I),
    re.compile(r"^you (?:may|might) also (?:like|be interested in)\b.*$", _I),
    re.compile(r"^leave a (?:comment|reply)\b.*$", _I),
    re.compile(r"^(?:copyright\b|©|\(c\)\s*\d{4}).*$", _I),
    re.compile(r"^subscribe\b.*$|^sign up\b.*(?:newsletter|updates|e-?mail).*$", _I),
    re.compile(r"^back to top\b.*$|^(?:about us|privacy policy|terms of (?:use|service))(?:\s*[|·].*)?$", _I),
]
COMMENTS_HEADING = re.compile(
    r"^(?:(?:reader|readers'?|user|your|latest)\s+)?comments?(?:\s*\(\d+\))?\s*:?$"
    r"|^\d+\s+(?:comments?|responses?|replies|thoughts)(?:\s+(?:on|to)\s+.*)?:?$|^discussion\s*:?$", _I)
KEY_POINTS_HEADING = re.compile(
    r"^(?:key\s+(?:points|takeaways|highlights|facts)|highlights|takeaways|in brief|at a glance|"
    r"tl;?dr|summary)\b\s*:?", _I)
BULLET = re.compile(r"^\s*(?:[•·▪●◦‣∙*–-]|\d{1,2}[.)])\s+(?P<text>\S.*)$")
CREDIT = re.compile(r"^[-–—]{1,2}\s*\(?(?P<source>[A-Z]{2,10})\)?\.?$")
SOURCE_LINE = re.compile(r"^(?:source|courtesy|via)\s*:\s*(?P<source>[^.]{2,60})$", _I)
COPYRIGHT_SOURCE = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\))?\s*(?:copyright\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)\s*,?\s+"
    r"(?P<name>[^-–—|,.©]+?)\s*(?:[-–—|,.].*|all rights reserved.*)?$", _I)
CATEGORIES = re.compile(r"^(?P<cats>.{2,200}?)\s+(?:no|\d+)\s+comments?\s+on\s+\S.*$", _I)
CATEGORIES_LABEL = re.compile(r"^(?:posted in|filed under|categories|category|section)\s*:?\s+(?P<cats>.+)$", _I)
BYLINE = re.compile(
    r"^by\s*:?\s+(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|da|al|bin|and|&))*?)"
    r"(?:\s*[,|/]\s*(?P<extra>[^,|/]{2,60}))?\.?$", _I)
CAPTION = re.compile(
    r"\((?:image|photo|picture|video|graphic|illustration|file photo)s?(?:\s+credits?)?\s*:[^()]*\)\.?$"
    r"|\((?:photo|image|picture)s?\s+(?:by|courtesy(?: of)?)\s+[^()]*\)\.?$"
    r"|^(?:photo|image|picture|caption|file photo)\s*:\s+\S", _I)
AVATAR = re.compile(r"^[A-Z]{1,2}$")
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’-]*\.?|[a-z]{1,3})$")
MONTHS_AND_DAYS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "today", "yesterday",
})


def any_match(patterns: list[re.Pattern[str]], line: str) -> bool:
    return any(p.search(line) for p in patterns)


def is_drop(line: str) -> bool:
    return any_match(DROP, line)


def is_footer(line: str) -> bool:
    return any_match(FOOTER, line)


def looks_like_name(line: str, max_words: int = 5) -> bool:
    """A person's name as comment forms and bylines print it: a few capitalised words, no sentence."""
    words = line.split()
    if not 1 <= len(words) <= max_words or len(line) > 48 or line[-1] in ".!?:;,":
        return False
    if words[0].casefold() in MONTHS_AND_DAYS or not words[0][0].isupper():
        return False
    return all(_NAME_WORD.match(w) for w in words)


def byline_name(line: str) -> str | None:
    """The name in a "By <Name>" line, or None; 'By 2027, ...' or 'By Tuesday' are not bylines."""
    match = BYLINE.match(line)
    if not match:
        return None
    name = match.group("name").strip()
    if name.split()[0].casefold() in MONTHS_AND_DAYS or len(name.split()) > 6:
        return None
    return name


def footer_source(line: str) -> str | None:
    """The publisher named in a copyright footer ("Copyright © 2014-2025 IRIA - ...")."""
    match = COPYRIGHT_SOURCE.match(line)
    if not match:
        return None
    name = match.group("name").strip()
    return name if name and len(name.split()) <= 6 and name.casefold() != "all rights reserved" else None


def split_categories(text: str) -> tuple[str, ...]:
    parts = (p.strip() for p in re.split(r"\s*[,|;/·]\s*", text))
    return tuple(p for p in parts if p and len(p) <= 40)
