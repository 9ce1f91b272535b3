"""Terminal safety: scraped text must never be able to drive the user's terminal.

Every reader passes its text through `sanitize` at ingestion, so escape sequences (CSI colours, OSC 52
clipboard writes, OSC 8 links, DCS), C0/C1 controls and bidirectional overrides are gone before the text
reaches search or the UI. Square brackets are ordinary text here and are left alone; escaping markup
is the UI's job.
"""

from __future__ import annotations

import re

# A sequence is removed only when it is complete and short: a string sequence (OSC, DCS, PM, APC, SOS)
# needs its terminator within `_MAX_STRING` printable characters, a CSI its final byte. An unterminated
# or overlong one loses only its introducer (the control characters go below), so a stray 0x9D byte or
# the mojibake of a curly quote (`\u00e2\u20ac\u009d`) never takes the text after it along.
_MAX_STRING = 4096
_MAX_PARAMS = 64
_ESCAPE_SEQUENCES = re.compile(
    rf"""
    (?:\x1b[\]P^_X]|[\x9d\x90\x98\x9e\x9f])              # OSC, DCS, SOS, PM, APC (7- and 8-bit)
        [^\x00-\x1f\x7f-\x9f]{{0,{_MAX_STRING}}}(?:\x07|\x1b\\|\x9c)  # printable payload, then BEL/ST
    | (?:\x1b\[|\x9b)[0-?]{{0,{_MAX_PARAMS}}}[ -/]{{0,4}}[@-~]  # CSI (colours, cursor moves, queries)
    | \x1b[ -/]{{0,4}}[0-~]                                # other escapes (ESC c reset, ESC 7)
    """,
    re.VERBOSE,
)
# Every escape sequence above starts with one of these; most text has none, so the long pattern is skipped.
_ESCAPE_START = re.compile(r"[\x1b\x90-\x9f]")
# C0 controls except tab/newline, DEL, C1 controls, and bidi overrides/isolates that can disguise text.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb]")
_LINE_BREAKS = re.compile(r"\s*\n\s*")
_LINE_SEPARATORS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")


def sanitize(text: str) -> str:
    """Text safe to print: escape sequences and control characters removed, line ends made `\\n`."""
    text = _LINE_SEPARATORS.sub("\n", text)
    if _ESCAPE_START.search(text):
        text = _ESCAPE_SEQUENCES.sub("", text)
    text = text.replace("\t", " ")
    return _CONTROLS.sub("", text)


def sanitize_line(text: str) -> str:
    """A single-line field (title, author, category): sanitised, line breaks folded into spaces."""
    return _LINE_BREAKS.sub(" ", sanitize(text)).strip()


# What `shown` makes visible: every control (line breaks included, so a name cannot forge lines), bidi
# overrides, and the lone surrogates Python uses for file-name bytes that are not UTF-8.
_UNSHOWABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    if "\udc80" <= char <= "\udcff":  # a byte of a non-UTF-8 file name, as os.fsdecode keeps it
        return f"\\x{ord(char) - 0xDC00:02x}"
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def shown(text: object) -> str:
    """Any string that came from outside (file names, paths, queries, config values, server messages),
    ready to print or draw on one line: nothing in it can drive the terminal or fake a line, and what
    was there stays visible as an escape (`\\x1b`, `\\n`, `\\xe9` for a non-UTF-8 byte)."""
    text = str(text)
    return _UNSHOWABLE.sub(_visible, text) if _UNSHOWABLE.search(text) else text
