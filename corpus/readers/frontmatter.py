"""YAML-ish front matter (`---` ... `---`) without a YAML dependency.

Only flat `key: value` pairs and lists (`[a, b]` or `- item` lines) are needed for article metadata, and
a hand-rolled reader cannot execute tags or blow up on odd input the way a full YAML loader can.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^(?:---|\+\+\+)[ \t]*$")
_PAIR = re.compile(r"^(?P<key>[A-Za-z_][\w -]{0,40}?)\s*[:=]\s*(?P<value>.*)$")
_MAX_LINES = 200


def _scalar(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def split_front_matter(text: str) -> tuple[dict[str, str | list[str]], str]:
    """(fields with lower-case keys, the rest of the text); no front matter gives ({}, text)."""
    lines = text.lstrip("\ufeff\n").split("\n")
    if not lines or not _FENCE.match(lines[0]):
        return {}, text
    end = next((i for i, line in enumerate(lines[1:_MAX_LINES], 1) if _FENCE.match(line)), None)
    if end is None:
        return {}, text
    fields: dict[str, str | list[str]] = {}
    key = None
    for line in lines[1:end]:
        item = re.match(r"^\s+-\s+(.*)$|^-\s+(.*)$", line)
        if item and key:
            current = fields.get(key)
            values = current if isinstance(current, list) else []
            values.append(_scalar(item.group(1) or item.group(2) or ""))
            fields[key] = values
            continue
        pair = _PAIR.match(line)
        if not pair:
            continue
        key = pair.group("key").strip().casefold().replace(" ", "_").replace("-", "_")
        value = pair.group("value").strip()
        if value.startswith("[") and value.endswith("]"):
            fields[key] = [_scalar(v) for v in value[1:-1].split(",") if v.strip()]
        else:
            fields[key] = _scalar(value)
    return fields, "\n".join(lines[end + 1 :])


def first(fields: dict[str, str | list[str]], *names: str) -> str | None:
    for name in names:
        value = fields.get(name)
        if isinstance(value, list):
            value = ", ".join(value)
        if value:
            return value
    return None


def listed(fields: dict[str, str | list[str]], *names: str) -> tuple[str, ...]:
    out: list[str] = []
    for name in names:
        value = fields.get(name)
        if isinstance(value, str):
            value = [v for v in re.split(r"\s*,\s*", value) if v]
        out.extend(v for v in value or [] if v not in out)
    return tuple(out)
