"""Reader comments, kept apart from the article with their authors.

Comment widgets print each comment as an avatar initial, the author's name, then the text ("P", "Priya S",
"Interesting to see..."); some print "Name says:" or "Name:" before the text instead.
"""

from __future__ import annotations

import re

from corpus.chrome import AVATAR, is_drop, looks_like_name
from corpus.model import Comment

_SAYS = re.compile(r"^(?P<name>[A-Z][\w.'’ -]{1,40}?)\s+(?:says|said|wrote|writes)\s*:?\s*(?P<text>.*)$")
_TIMESTAMP = re.compile(
    r"^(?:\d+\s+(?:second|minute|hour|day|week|month|year)s?\s+ago|just now|reply|like|report|\d+\s+likes?"
    r"|(?:on\s+)?[A-Z][a-z]+\.? \d{1,2},? \d{4}(?:,? at \d{1,2}:\d{2}\s*(?:am|pm)?)?)$", re.IGNORECASE)


def starts_comment(lines: list[str], index: int) -> bool:
    """An avatar initial followed by a name that starts with that initial, then some text."""
    if index + 1 >= len(lines) or not AVATAR.match(lines[index]):
        return False
    name = lines[index + 1]
    return looks_like_name(name) and name[0].upper() == lines[index][0]


def parse_comments(lines: list[str]) -> list[Comment]:
    """Comments from the lines of a comments section; form prompts and timestamps are dropped."""
    comments: list[tuple[str, list[str]]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if starts_comment(lines, index):
            comments.append((lines[index + 1], []))
            index += 2
            continue
        index += 1
        if is_drop(line) or _TIMESTAMP.match(line):
            continue
        says = _SAYS.match(line)
        if says and looks_like_name(says.group("name")):
            comments.append((says.group("name"), [says.group("text")] if says.group("text") else []))
        elif comments:
            comments[-1][1].append(line)
        elif len(line.split()) >= 5:
            comments.append(("Anonymous", [line]))
    return [Comment(author=a, text="\n".join(t)) for a, t in comments if any(t)]
