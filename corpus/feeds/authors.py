"""Author fields as feeds write them, reduced to people's names."""

from __future__ import annotations

import re

from corpus.safety import sanitize_line

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PARENS = re.compile(r"\(([^()]*)\)")
_ANGLE = re.compile(r"<[^<>]*>")


def clean_author(raw: str | None) -> str | None:
    """A person's name from the forms feeds use: `mail@x.org (Ken Mori)`, `Ken Mori <mail@x.org>`, `mail@x.org`."""
    if not raw:
        return None
    text = sanitize_line(raw)
    inside = _PARENS.search(text)
    if inside and _EMAIL.search(text[: inside.start()]) and inside.group(1).strip():
        text = inside.group(1)
    text = _ANGLE.sub(" ", text)
    text = _EMAIL.sub(" ", text)
    text = " ".join(text.replace("()", " ").split()).strip(" ,;:-")
    return text or None
