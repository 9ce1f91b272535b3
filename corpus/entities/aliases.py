"""Alias tables: which surface forms name the same organisation or place (and user corrections).

The user file is TOML, one table per entity type, mapping a surface form to its canonical name,
plus an optional list of names never to show::

    [org]
    "Pentagon" = "US Department of Defense"      # merge: show both as one organisation
    "Department of Defense" = "Department of Defense"  # undo a built-in merge

    [place]
    "Nippon" = "Japan"

    [person]
    "Koizumi Shinjiro" = "Shinjiro Koizumi"

    [ignore]
    names = ["Image Credit"]

A surface form listed under a type is also given that type, so an entry corrects labels as well as
merges. User entries win over the built-in table; matching ignores case and accents.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from corpus.entities.text import fold
from corpus.model import EntityType
from corpus.safety import sanitize_line

# Kept small and uncontroversial: the Pentagon (a building and a metonym) is not merged with the
# Department of Defense, nor England with the United Kingdom.
_BUILTIN: dict[EntityType, dict[str, tuple[str, ...]]] = {
    EntityType.PLACE: {
        "United States": ("US", "U.S.", "USA", "U.S.A.", "America", "United States of America"),
        "United Kingdom": ("UK", "U.K.", "Britain", "Great Britain"),
        "South Korea": ("Republic of Korea", "ROK", "Korea, Republic of"),
        "North Korea": ("DPRK", "Democratic People's Republic of Korea"),
        "Russia": ("Russian Federation",),
        "China": ("People's Republic of China", "PRC", "Mainland China"),
        "Taiwan": ("Republic of China", "Taiwan, Province of China"),
        "Indo-Pacific": ("Indo-Pacific region", "Indo Pacific"),
        "Asia-Pacific": ("Asia-Pacific region", "Asia Pacific"),
        "Senkaku Islands": ("Senkakus", "Diaoyu Islands"),
        "Iwo Jima": ("Iwoto", "Iwo To"),
    },
    EntityType.ORG: {
        "Japan Self-Defense Forces": (
            "Self-Defense Forces", "Self-Defence Forces", "Japan Self-Defence Forces", "JSDF", "SDF",
            "Japanese Self-Defense Forces", "Japanese Self-Defence Forces",
        ),
        "Japan Maritime Self-Defense Force": ("JMSDF", "Maritime Self-Defense Force", "Maritime Self-Defence Force"),
        "Japan Ground Self-Defense Force": ("JGSDF", "Ground Self-Defense Force", "Ground Self-Defence Force"),
        "Japan Air Self-Defense Force": ("JASDF", "Air Self-Defense Force", "Air Self-Defence Force"),
        "US Department of State": (
            "State Department", "Department of State", "U.S. Department of State", "US State Department",
            "U.S. State Department",
        ),
        "US Department of Defense": (
            "Department of Defense", "Defense Department", "U.S. Department of Defense", "DoD",
            "U.S. Defense Department",
        ),
        "US Department of the Treasury": ("Treasury Department", "Department of the Treasury", "US Treasury"),
        "US Forces Japan": ("USFJ", "U.S. Forces Japan", "US Forces, Japan"),
        "US Indo-Pacific Command": ("INDOPACOM", "U.S. Indo-Pacific Command", "Indo-Pacific Command"),
        "Japanese Ministry of Foreign Affairs": (
            "Japanese Foreign Ministry", "Japan's Foreign Ministry", "Ministry of Foreign Affairs of Japan", "MOFA",
        ),
        "Japanese Ministry of Defense": (
            "Japanese Defense Ministry", "Japanese Defence Ministry", "Japan's Defense Ministry",
        ),
        "Group of Seven": ("G7", "G-7"),
        "Group of Twenty": ("G20", "G-20"),
        "Association of Southeast Asian Nations": ("ASEAN",),
        "North Atlantic Treaty Organization": ("NATO",),
        "United Nations": ("UN", "U.N."),
        "US Navy": ("U.S. Navy",),
        "US Marine Corps": ("U.S. Marine Corps", "USMC"),
        "White House": (),
        "European Union": ("EU", "E.U."),
        "Labour Party": ("Labour", "the Labour Party"),
        "House of Commons": ("Commons", "the Commons"),
        "House of Lords": ("Lords", "the Lords"),
        "Liberal Democrats": ("Lib Dems", "Lib Dem", "Liberal Democrat Party"),
        "Conservative Party": ("Tories", "Tory Party", "Conservatives"),
        "US Coast Guard": ("U.S. Coast Guard", "United States Coast Guard", "USCG"),
        "Japan Coast Guard": ("JCG",),
        "China Coast Guard": ("CCG", "Chinese Coast Guard"),
        "AUKUS": (),
        "Quadrilateral Security Dialogue": ("Quad",),
        "People's Liberation Army": ("PLA",),
    },
}


@dataclass(frozen=True)
class AliasTable:
    """Folded surface form -> (type, canonical display name), plus folded names to drop."""

    entries: Mapping[str, tuple[EntityType, str]] = field(default_factory=dict)
    ignored: frozenset[str] = frozenset()
    # Original spellings of multi-word entries, for finding names the model missed.
    phrases: tuple[str, ...] = ()

    def lookup(self, text: str) -> tuple[EntityType, str] | None:
        return self.entries.get(fold(text))

    def ignores(self, text: str) -> bool:
        return fold(text) in self.ignored


def _add(entries: dict[str, tuple[EntityType, str]], phrases: set[str], kind: EntityType,
         canonical: str, surfaces: Iterable[str]) -> None:
    for surface in (canonical, *surfaces):
        entries[fold(surface)] = (kind, canonical)
        if " " in surface.strip() or "-" in surface or (surface.isupper() and len(surface) >= 4):
            phrases.add(surface)  # found even where the model misses them ("AUKUS", "Self-Defense Forces")


def builtin_aliases() -> AliasTable:
    return _build({}, ())


def _build(user: Mapping[EntityType, Mapping[str, str]], ignored: Iterable[str]) -> AliasTable:
    entries: dict[str, tuple[EntityType, str]] = {}
    phrases: set[str] = set()
    for kind, table in _BUILTIN.items():
        for canonical, surfaces in table.items():
            _add(entries, phrases, kind, canonical, surfaces)
    for kind, table in user.items():
        for surface, canonical in table.items():
            _add(entries, phrases, kind, canonical, (surface,))
    return AliasTable(entries, frozenset(fold(n) for n in ignored), tuple(sorted(phrases, key=len, reverse=True)))


def load_aliases(path: Path | None = None) -> AliasTable:
    """The built-in table, overridden by the user's TOML file when `path` exists.

    A malformed file raises `ValueError` naming the file, so the caller can report it in one line.
    """
    if path is None or not Path(path).exists():
        return builtin_aliases()
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{path}: cannot read the alias file ({exc})") from exc
    return _build(*_validated(data, path))


def _validated(data: dict[str, object], path: Path) -> tuple[dict[EntityType, dict[str, str]], list[str]]:
    """The file's tables, checked for shape (a hand-edited file can hold anything) and cleaned like
    article text, since the names are shown; a wrong shape is a ValueError naming what to fix."""
    user: dict[EntityType, dict[str, str]] = {}
    for kind in EntityType:
        table = data.get(kind.value, {})
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise ValueError(f'{path}: [{kind.value}] must map names to canonical names ("Nippon" = "Japan")')
        cleaned = {sanitize_line(k): sanitize_line(v) for k, v in table.items()}
        user[kind] = {k: v for k, v in cleaned.items() if k and v}
    section = data.get("ignore", {})
    ignored = section.get("names", []) if isinstance(section, dict) else None
    if not isinstance(ignored, list) or not all(isinstance(n, str) for n in ignored):
        raise ValueError(f'{path}: [ignore] must be a table with names = ["...", ...], a list of strings')
    return user, [name for name in map(sanitize_line, ignored) if name]
