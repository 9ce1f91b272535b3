"""Validation of the user's settings.json and keymap.json: every value is checked and clamped on load.

A hand-edited file is input like any other: a width of 10**22 once meant a blank screen, a full CPU
and gigabytes of memory, and a key name holding ESC reached the terminal raw. Each setting declares
its rule next to its default (`dataclasses.field(metadata=...)` built by the helpers below); a field
without a rule is still held to its default's type. Whatever is reset comes back as a notice for the
user, and the file itself is left alone until the app next saves a choice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import MISSING, Field, fields
from typing import Any

from corpus.safety import shown

RULE = "rule"
KEY_NAME_LIMIT = 40
TEXT_LIMIT = 80
_KEY_NAME = re.compile(r"[^\s\x00-\x1f\x7f-\x9f]+")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def int_range(low: int, high: int) -> dict[str, Any]:
    return {RULE: ("range", low, high)}


def one_of(*choices: str) -> dict[str, Any]:
    return {RULE: ("choice", *choices)}


def plain_text(limit: int = TEXT_LIMIT) -> dict[str, Any]:
    return {RULE: ("text", limit)}


def quoted(value: object) -> str:
    """A value as a notice quotes it: the one display sanitizer's escapes inside a repr, long values cut."""
    text = repr(shown(value)) if isinstance(value, str) else shown(repr(value))
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"


def _default(item: Field[Any]) -> Any:
    if item.default is not MISSING:
        return item.default
    return item.default_factory()  # type: ignore[misc]


def _check(item: Field[Any], value: Any) -> tuple[Any, str | None]:
    """(value to use, problem or None) for one setting."""
    default = _default(item)
    rule = item.metadata.get(RULE, ())
    if default is None or isinstance(default, bool):
        if value is None or isinstance(value, bool):
            return value, None
        return default, f"{item.name} must be true, false or null, not {quoted(value)}"
    if isinstance(default, float) and type(value) is int:
        value = float(value)  # 3 is as good as 3.0 for a number of seconds
    if type(value) is not type(default):
        return default, f"{item.name} must be a {type(default).__name__}, not {quoted(value)}"
    if rule and rule[0] == "range":
        low, high = rule[1], rule[2]
        if not low <= value <= high:
            clamped = max(low, min(high, value))
            return clamped, f"{item.name} {quoted(value)} is outside {low}–{high}; using {clamped}"
    if rule and rule[0] == "choice" and value not in rule[1:]:
        return default, f"{item.name} must be one of {', '.join(rule[1:])}, not {quoted(value)}"
    if rule and rule[0] == "text" and (len(value) > rule[1] or CONTROL.search(value)):
        return default, f"{item.name} {quoted(value)} is not a plain name"
    return value, None


def validated(cls: type, data: dict[str, Any], source: str) -> tuple[dict[str, Any], list[str]]:
    """Keyword arguments for `cls` from a loaded JSON object, and one notice per value reset."""
    result: dict[str, Any] = {}
    problems: list[str] = []
    for item in fields(cls):
        if item.name in data:
            value, problem = _check(item, data[item.name])
            result[item.name] = value
            if problem:
                problems.append(problem)
    notices = [f"{source}: {problem}." for problem in problems]
    return result, notices


def valid_keymap(
    data: dict[str, Any], source: str, known_ids: Iterable[str] | None = None
) -> tuple[dict[str, str], list[str]]:
    """Binding id -> keys; an entry with a control character, an odd type or an unknown id is dropped."""
    known = set(known_ids) if known_ids is not None else None
    keymap: dict[str, str] = {}
    notices: list[str] = []
    for binding_id, keys in data.items():
        if not isinstance(keys, str) or not keys.strip():
            notices.append(f'{source}: {quoted(binding_id)} needs keys as text like "ctrl+x"; entry ignored.')
            continue
        names = [name.strip() for name in keys.split(",")]
        bad = [n for n in names if not _KEY_NAME.fullmatch(n) or len(n) > KEY_NAME_LIMIT]
        if bad or CONTROL.search(binding_id):
            notices.append(f"{source}: {quoted(binding_id)}: {quoted(keys)} is not a key name; entry ignored.")
            continue
        if known is not None and binding_id not in known:
            notices.append(f"{source}: no action has the id {quoted(binding_id)}; entry ignored.")
            continue
        keymap[binding_id] = ",".join(names)
    return keymap, notices
