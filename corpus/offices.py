"""Dating an article by who held office: "Defense Minister Hamada" and "Secretary Austin" bound its date.

The table (package data, `office_holders.json`, extendable by a user file of the same shape) lists holders
of the offices alliance news names, with start and end dates. A person counts only when the text names
them *in* the office (a title before the surname, or an appositive after the name) and not as "former";
the overlap of every such person's terms is the window the article was written in. A window is a window:
callers never present it as a certain day.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from corpus.sentences import sentence_spans

OFFICES_FILE = "office_holders.json"
_LOOKBACK = 90
_NOT_NOW = re.compile(
    r"(?:\bformer|\bex-|\bthen-?|\blate|\bonetime|\bone-time|\bprevious|\bpast|\bearlier|\btenure of(?: the)?"
    r"|\bterm of(?: the)?|\bera of(?: the)?|\bdays of(?: the)?|\bpredecessor,?|\bsucceeded)"
    r"(?:\s*(?:[A-Z][\w.'’-]*|U\.S\.))?\s*$",  # "former U.S. President", "former Japanese Prime Minister"
    re.I,
)
_GIVEN_WORD = re.compile(r"(?:[A-Z][\w'’-]*\.?|[A-Z]\.)$")


@dataclass(frozen=True, slots=True)
class Term:
    name: str
    office: str
    label: str
    start: dt.date
    end: dt.date | None
    approximate: bool = False
    surname: str = ""


@dataclass(frozen=True, slots=True)
class Holder:
    surname: str
    given: frozenset[str]  # folded first given names the text may use ("antony", "tony")
    terms: tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class Office:
    key: str
    label: str
    titles: re.Pattern[str]  # a title ending right before the name
    appositive: re.Pattern[str]  # ", the <title>" right after the name


@dataclass(frozen=True, slots=True)
class OfficeTable:
    offices: Mapping[str, Office]
    holders: Mapping[str, tuple[Holder, ...]]  # by surname


_Interval = tuple[dt.date, "dt.date | None", tuple[Term, ...]]


@dataclass(frozen=True, slots=True)
class Window:
    """When the article can have been written, and the terms that say so."""

    start: dt.date
    end: dt.date | None
    terms: tuple[Term, ...]

    def contains(self, date: dt.date) -> bool:
        return self.start <= date and (self.end is None or date <= self.end)

    @property
    def reason(self) -> str:
        return "; ".join(_held(t) for t in self.terms)

    @property
    def words(self) -> str:
        if self.end is None:
            return f"{self.start:%b %Y} or later"
        return f"between {self.start:%b %Y} and {self.end:%b %Y}"


def window_words(start: dt.date, end: dt.date | None) -> str:
    """A window in months, short enough for a list row: "Aug 2022 – Sep 2023", "Aug 2022 or later"."""
    return f"{start:%b %Y} – {end:%b %Y}" if end else f"{start:%b %Y} or later"


def _surname(name: str) -> str:
    return name.split()[-1]


def _held(term: Term) -> str:
    approx = " (dates approximate)" if term.approximate else ""
    if term.end is None:
        return f"{term.surname} has been {term.label} since {term.start:%b %Y}{approx}"
    return f"{term.surname} was {term.label} {term.start:%b %Y} – {term.end:%b %Y}{approx}"


def _fold(word: str) -> str:
    return word.casefold().replace("-", "").replace("’", "'").rstrip(".")


def _date(value: Any, where: str) -> dt.date:
    if not isinstance(value, str):
        raise ValueError(f"{where}: dates must be YYYY-MM-DD strings")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{where}: '{value}' is not a YYYY-MM-DD date") from exc


def _pattern(titles: Sequence[str], where: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    if not titles or not all(isinstance(t, str) and t for t in titles):
        raise ValueError(f"{where}: 'titles' must be a non-empty list of strings")
    joined = "|".join(f"(?:{t})" for t in sorted(titles, key=len, reverse=True))
    try:
        before = re.compile(rf"(?<![\w-])(?:{joined})\s*$", re.I)
        after = re.compile(rf"^,?\s+(?:the|a|as)?\s*(?:[\w.'’-]+\s+){{0,4}}?(?:{joined})(?![\w-])", re.I)
    except re.error as exc:
        raise ValueError(f"{where}: a title is not a valid pattern ({exc})") from exc
    return before, after


def parse_table(data: Any, where: str, base: OfficeTable | None = None) -> OfficeTable:
    """Validate and read a table; `base` is extended (a user's file adds offices and holders)."""
    if not isinstance(data, dict) or not isinstance(data.get("offices"), dict):
        raise ValueError(f"{where}: expected an object with an 'offices' object")
    offices = dict(base.offices) if base else {}
    by_surname: dict[str, list[Holder]] = {k: list(v) for k, v in (base.holders if base else {}).items()}
    for key, entry in data["offices"].items():
        here = f"{where}: office '{key}'"
        if not isinstance(entry, dict) or not isinstance(entry.get("holders"), list):
            raise ValueError(f"{here} needs a 'holders' list")
        label = entry.get("label", offices[key].label if key in offices else key)
        if not isinstance(label, str):
            raise ValueError(f"{here}: 'label' must be a string")
        if "titles" in entry or key not in offices:
            before, after = _pattern(entry.get("titles", []), here)
            offices[key] = Office(key, label, before, after)
        for row in entry["holders"]:
            if not isinstance(row, dict) or not isinstance(row.get("name"), str) or not row["name"].split():
                raise ValueError(f"{here}: each holder needs a 'name'")
            end = row.get("end")
            term = Term(row["name"], key, label, _date(row.get("start"), here),
                        None if end is None else _date(end, here), bool(row.get("approximate", False)))
            also = row.get("also", [])
            if not isinstance(also, list) or not all(isinstance(a, str) for a in also):
                raise ValueError(f"{here}: 'also' must be a list of given names")
            surname = row.get("surname", _surname(row["name"]))
            if not isinstance(surname, str) or surname not in row["name"].split():
                raise ValueError(f"{here}: 'surname' must be one of the words of 'name'")
            words = [w for w in row["name"].split() if w != surname]
            given = frozenset(_fold(w) for w in [*words[:1], *also])
            term = Term(row["name"], key, label, term.start, term.end, term.approximate, surname)
            by_surname.setdefault(surname, []).append(Holder(surname, given, (term,)))
    return OfficeTable(offices, {k: tuple(v) for k, v in by_surname.items()})


@lru_cache(maxsize=1)
def builtin_table() -> OfficeTable:
    text = (resources.files("corpus") / "data" / OFFICES_FILE).read_text(encoding="utf-8")
    return parse_table(json.loads(text), OFFICES_FILE)


def load_table(path: Path | None = None) -> OfficeTable:
    """The built-in table extended by the user's file; a bad file raises `ValueError` naming it."""
    table = builtin_table()
    if path is None or not Path(path).exists():
        return table
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: cannot read the office-holder file ({exc})") from exc
    return parse_table(data, str(path), table)


# The user's file travels to worker processes by environment, which they inherit whatever the start method.
ENV_FILE = "ALLIANCE_READER_OFFICE_HOLDERS"


def select(path: Path | None) -> None:
    """Date articles with the built-in table extended by `path` (when it exists), here and in workers,
    without reading or compiling anything yet: `active_table` does that when an article is first dated
    (the patterns' compile took ~25 ms, a cost an app start should not pay before its first rows)."""
    if path is None:
        os.environ.pop(ENV_FILE, None)
    else:
        os.environ[ENV_FILE] = str(path)


def configure(path: Path | None) -> str | None:
    """`select(path)`, then the table read now: returns a one-line notice when the file is bad;
    articles are then dated with the built-in table."""
    select(path)
    if path is None:
        return None
    try:
        _cached(str(path), _stamp(Path(path)))
    except ValueError as exc:
        return f"{exc}; using the built-in office-holder table"
    return None


def _stamp(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


@lru_cache(maxsize=4)
def _cached(path: str, stamp: int) -> OfficeTable:
    return load_table(Path(path)) if stamp else builtin_table()


def active_table() -> OfficeTable:
    path = os.environ.get(ENV_FILE)
    if not path:
        return builtin_table()
    try:
        return _cached(path, _stamp(Path(path)))
    except ValueError:
        return builtin_table()


def _strip_given(prefix: str, holder: Holder) -> str | None:
    """`prefix` without the holder's given name (and middle initials) at its end; None when another
    given name stands there ("Taro Kono" is not "Yohei Kono")."""
    words = prefix.rstrip().split(" ")
    tail = [w for w in words[-3:] if w]
    for index, word in enumerate(tail):
        if _fold(word) in holder.given and all(_GIVEN_WORD.match(w) for w in tail[index:]):
            return " ".join(words[: len(words) - len(tail) + index])
    last = words[-1] if words else ""
    if last and last[0].isupper() and not last.endswith(".") and len(last) > 1:
        return None if holder.given else prefix
    return prefix


def _named_in_office(text: str, start: int, end: int, sentence: tuple[int, int], holder: Holder,
                     office: Office) -> bool:
    prefix = text[max(sentence[0], start - _LOOKBACK):start]
    title = office.titles.search(prefix.rstrip())
    if title is None:
        rest = _strip_given(prefix, holder)
        if rest is None:
            return False
        title = office.titles.search(rest.rstrip())
        prefix = rest
    if title:
        return not _NOT_NOW.search(prefix[: title.start()].rstrip())
    after = text[end:sentence[1]]
    match = office.appositive.match(after)
    return bool(match and not re.search(r"\b(?:former|then|ex-)", after[: match.end()], re.I))


_PATTERNS: dict[int, tuple[OfficeTable, re.Pattern[str]]] = {}


def _surnames(table: OfficeTable) -> re.Pattern[str]:
    """One pattern for every surname in the table, so an article is scanned once."""
    cached = _PATTERNS.get(id(table))
    if cached is None or cached[0] is not table:
        names = sorted(table.holders, key=len, reverse=True)
        cached = (table, re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])"))
        _PATTERNS[id(table)] = cached
    return cached[1]


def holders_named(paragraphs: Sequence[str], table: OfficeTable | None = None) -> dict[str, list[Term]]:
    """By person, the terms of office the text names them in (it says they hold it, not that they did),
    most often named first."""
    table = table or active_table()
    found: dict[str, list[Term]] = {}
    counts: dict[str, int] = {}
    pattern = _surnames(table)
    for paragraph in paragraphs:
        spans: list[tuple[int, int]] | None = None
        for match in pattern.finditer(paragraph):
            spans = spans if spans is not None else sentence_spans(paragraph) or [(0, len(paragraph))]
            sentence = next(((a, b) for a, b in spans if a <= match.start() < b), (0, len(paragraph)))
            for holder in table.holders[match.group()]:
                for term in holder.terms:
                    office = table.offices.get(term.office)
                    if office and _named_in_office(paragraph, match.start(), match.end(), sentence, holder, office):
                        terms = found.setdefault(term.name, [])
                        if term not in terms:
                            terms.append(term)
                        counts[term.name] = counts.get(term.name, 0) + 1
    return {name: found[name] for name in sorted(found, key=lambda n: -counts[n])}


def _overlap(intervals: list[_Interval], terms: Sequence[Term]) -> list[_Interval]:
    merged: list[_Interval] = []
    for start, end, why in intervals:
        for term in terms:
            lo = max(start, term.start)
            hi = term.end if end is None else (end if term.end is None else min(end, term.end))
            if hi is None or lo <= hi:
                merged.append((lo, hi, (*why, term)))
    return merged


def window(paragraphs: Sequence[str], table: OfficeTable | None = None) -> Window | None:
    """The overlap of the named people's terms, or None when nobody is named in office.

    People are taken most-named first; one whose terms cannot overlap the others' (a past office holder
    the text did not mark as "former") is left out rather than emptying the window."""
    intervals: list[_Interval] = [(dt.date.min, None, ())]
    for terms in holders_named(paragraphs, table).values():
        narrowed = _overlap(intervals, terms)
        if narrowed:
            intervals = narrowed
    if not intervals[0][2]:
        return None
    start = min(i[0] for i in intervals)
    end = None if any(i[1] is None for i in intervals) else max(i[1] for i in intervals if i[1])
    return Window(start, end, tuple(dict.fromkeys(t for i in intervals for t in i[2])))
