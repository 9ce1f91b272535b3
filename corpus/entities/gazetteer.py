"""Word lists the rules lean on: places from pycountry plus regions and seas, and the head nouns
that tell an organisation, a place, an event or a document apart.

General vocabulary, not this corpus's names: the rules must keep working on articles we never saw.
"""

from __future__ import annotations

import functools
from importlib import resources

from corpus.entities.text import fold


def _words(text: str) -> list[str]:
    return text.split()


# Regions, seas and straits the small model calls ORG or misses; countries come from pycountry.
REGION_NAMES = (
    "Indo-Pacific", "Asia-Pacific", "Pacific", "Western Pacific", "South Pacific", "North Pacific",
    "Central Pacific", "Atlantic", "Arctic", "Antarctica", "Indian Ocean", "Pacific Ocean",
    "Atlantic Ocean", "Asia", "East Asia", "North Asia", "Northeast Asia", "South Asia",
    "Southeast Asia", "Central Asia", "Europe", "Eastern Europe", "Western Europe", "Middle East",
    "Africa", "Latin America", "North America", "South America", "Oceania", "Eurasia",
    "Korean Peninsula", "East China Sea", "South China Sea", "Sea of Japan", "Yellow Sea",
    "Philippine Sea", "Taiwan Strait", "Strait of Hormuz", "Malacca Strait", "Strait of Malacca",
    "Persian Gulf", "Red Sea", "Black Sea", "Baltic", "Balkans", "Caribbean", "Mediterranean",
    "Okinawa", "Hokkaido", "Kyushu", "Honshu", "Shikoku", "Guam", "Hawaii", "Marianas",
    "Global South", "West", "Scandinavia", "Siberia", "Kuril Islands", "Senkaku Islands",
)
REGIONS = frozenset(fold(n) for n in REGION_NAMES)

# Short forms of countries that pycountry spells formally ("Russian Federation").
_COUNTRY_EXTRAS = (
    "Russia", "South Korea", "North Korea", "Korea", "Taiwan", "Vietnam", "Iran", "Syria", "Laos",
    "Bolivia", "Venezuela", "Tanzania", "Moldova", "Britain", "Great Britain", "England", "Scotland",
    "Wales", "Northern Ireland", "US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "America", "Holland",
    "Czech Republic", "Brunei", "Micronesia", "Palestine", "Kosovo",
)

PLACE_HEADS = frozenset(
    _words("sea seas ocean strait straits island islands isles peninsula bay gulf region archipelago coast "
    "river mountains prefecture province county valley desert canal")
)
FACILITY_PREFIXES = frozenset(_words("camp fort mount mt. lake cape"))
FACILITY_HEADS = frozenset(_words("base park airport airfield harbor harbour bridge memorial cemetery"))

ORG_HEADS = frozenset(
    _words("ministry department forces force command corps navy army agency council committee bank company "
    "inc inc. corp corp. co. ltd ltd. institute university party administration office wing squadron "
    "association organization organisation union nations group fund court parliament congress senate "
    "guard service commission bureau center centre foundation airlines news times post headquarters "
    "fleet regiment brigade division battalion marines diet federation coalition reuters "
    "press media network board authority police academy society club industries")
)
EVENT_HEADS = frozenset(
    _words("summit olympics games cup war conference forum talks dialogue meeting exercise exercises battle "
    "championship festival expo")
)
DOCUMENT_HEADS = frozenset(
    _words("strategy treaty act policy guidelines plan report agreement doctrine declaration statement "
    "readout communique communiqué constitution law bill review")
)
# Organisation words that, standing alone, name no particular organisation: the head nouns of many names
# ("House" of "House of Commons", "White House", "House of Fraser"), capitalised at a sentence's start.
GENERIC_ORGS = frozenset(
    _words("cabinet government ministry department administration military alliance coalition media "
    "committee council house office chamber")
)

# Words that make a phrase a job title: "Deputy Secretary of State", "Japanese Finance Minister".
ROLE_HEADS = frozenset(
    _words("minister secretary president vice-president premier chancellor advisor adviser ambassador envoy "
    "commander chief director governor senator mayor chairman chairwoman chair spokesperson spokesman "
    "spokeswoman king queen emperor empress prince princess general admiral colonel lieutenant captain "
    "sergeant major commodore marshal officer official representative congressman congresswoman "
    "lawmaker legislator deputy undersecretary under-secretary counselor counsellor attaché attache "
    "specialist pilot analyst professor leader head ceo founder justice judge councillor councilor "
    "counterpart diplomat negotiator")
)
# Ranks and honorifics written before a name; stripped from the name and kept as the role.
RANKS = frozenset(
    _words("adm. gen. brig. lt. col. maj. capt. cmdr. cdr. sgt. cpl. pvt. gov. sen. rep. mr. mrs. ms. dr. "
    "mr mrs ms dr prof. rev. sir dame lt.gen. maj.gen. brig.gen. rear vice general admiral colonel lieutenant "
    "captain sergeant commander president secretary minister ambassador chairman premier "
    "chancellor governor senator mayor king queen prince princess emperor")
)
# Multi-word ranks are dotted abbreviations ("Brig. Gen.", "Rear Adm."); "Gen" without a dot is a
# given name ("Gen Nakatani"), so only dotted forms count as ranks.
# Honorifics say nothing about what a person does: stripped from names, never shown as a role.
HONORIFICS = frozenset(_words("mr mr. mrs mrs. ms ms. miss sir dame"))
RANK_ONLY_WITH_DOT = frozenset(_words("adm gen brig lt col maj capt cmdr cdr sgt cpl pvt gov sen rep"))


@functools.cache
def country_names() -> frozenset[str]:
    """Folded country names: pycountry's official, common and short forms plus usual short forms."""
    import pycountry

    names: set[str] = {fold(n) for n in _COUNTRY_EXTRAS}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(fold(value))
    return frozenset(names)


def is_place_name(text: str) -> bool:
    """A country, region or sea by name, or a phrase ending in a place head ("Nansei islands")."""
    folded = fold(text)
    if folded in REGIONS or folded in country_names():
        return True
    words = folded.split()
    if folded.endswith(" region") and is_place_name(text[: -len(" region")]):
        return True
    return len(words) > 1 and words[-1] in PLACE_HEADS and text[:1].isupper()


def is_facility(text: str) -> bool:
    words = fold(text).split()
    if len(words) < 2:
        return False
    return words[0] in FACILITY_PREFIXES or words[-1] in FACILITY_HEADS


def head_word(text: str) -> str:
    words = fold(text).split()
    return words[-1] if words else ""


def has_org_head(text: str) -> bool:
    return any(w in ORG_HEADS for w in fold(text).split())


@functools.cache
def demonyms() -> frozenset[str]:
    """Folded words for nationalities, peoples and faiths, from the package's `demonyms.txt`."""
    text = (resources.files("corpus") / "data" / "demonyms.txt").read_text(encoding="utf-8")
    return frozenset(fold(line) for line in text.splitlines() if line.strip() and not line.startswith("#"))


def is_demonym(text: str) -> bool:
    """ "Welsh", "Britons", "South Koreans": a group of people, never one person or an organisation."""
    key = fold(text)
    return key in demonyms() or (key.endswith("s") and key[:-1] in demonyms())
