"""The office-holder window of an undated article, read from its stored document without parsing it all.

A list row needs only this one value, and the stored JSON holds the whole body before it; the key is
found as text (the same key inside a paragraph is escaped, `\\"date_window\\"`, so it cannot match) and
only its list is decoded.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from search import fields as f

_KEY = '"date_window": '
_DECODER = json.JSONDecoder()

Window = tuple[dt.date, dt.date | None]


def stored_window(stored: dict[str, Any]) -> Window | None:
    """(first, last possible day) from the stored document, or None when it has none or cannot be read."""
    doc = stored.get(f.DOC)
    if not isinstance(doc, str):
        return None
    at = doc.find(_KEY)
    if at < 0:
        return None
    try:
        value, _ = _DECODER.raw_decode(doc, at + len(_KEY))
        if not isinstance(value, list) or len(value) != 2 or not value[0]:
            return None
        return dt.date.fromisoformat(value[0]), dt.date.fromisoformat(value[1]) if value[1] else None
    except (ValueError, TypeError):
        return None
