"""Turning one article's mentions into entities with cross-article keys.

People: accent-folded name words, sorted, so "Ishiba Shigeru" and "Shigeru Ishiba" share
"person:ishiba shigeru". A lone surname joins the full name it belongs to only within the same
article; with no full name in its article it keeps its own key ("person:trump"), so two articles
never merge on a surname alone. Organisations and places take their key from the alias table
("US", "U.S." -> "place:united states") or from their folded name.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field

from corpus.entities.aliases import AliasTable
from corpus.entities.rules import Cand
from corpus.entities.text import fold, name_tokens
from corpus.model import Entity, EntityType, Span


@dataclass
class _Group:
    kind: EntityType
    key: str
    canonical: str | None = None
    tokens: frozenset[str] = frozenset()
    mentions: list[Cand] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)


def _best_surface(surfaces: list[str]) -> str:
    """The longest form; among equals, the accented one ("Shinjirō Koizumi"), then the first seen."""
    return max(surfaces, key=lambda s: (len(s), any(ord(ch) > 127 for ch in s), -surfaces.index(s)))


_ALSO_KNOWN = re.compile(
    r",?\s+(?:\(\s*)?(?:also\s+|better\s+|widely\s+)?(?:known|called|referred\s+to|spelled|written)"
    r"(?:\s+(?:abroad|internationally|overseas|in\s+the\s+West|in\s+English))?\s+as\s+[\"“]?$"
)


def _other_forms(body: str, people: list[Cand]) -> dict[frozenset[str], Cand]:
    """ "Lai Ching-te, known abroad as William Lai": the second form names the first person, wherever
    the article uses it."""
    ordered = sorted(people, key=lambda c: c.start)
    return {frozenset(name_tokens(b.text(body))): a for a, b in itertools.pairwise(ordered)
            if b.start - a.end < 60 and _ALSO_KNOWN.search(body[a.end:b.start])}


def _person_groups(body: str, people: list[Cand], aliases: AliasTable) -> list[_Group]:
    groups: list[_Group] = []
    other_forms = _other_forms(body, people)

    def tokens_of(c: Cand) -> frozenset[str]:
        c = other_forms.get(frozenset(name_tokens(c.text(body))), c)
        known = aliases.lookup(c.text(body))
        text = known[1] if known and known[0] == EntityType.PERSON else c.text(body)
        return frozenset(name_tokens(text))

    # groups holding each name word, in creation order: a mention is compared with those only
    by_word: dict[str, list[_Group]] = defaultdict(list)

    starts: dict[int, list[int]] = defaultdict(list)  # each group's mention starts, sorted

    def join(group: _Group, c: Cand) -> None:
        group.mentions.append(c)
        bisect.insort(starts[id(group)], c.start)

    def new_group(toks: frozenset[str]) -> _Group:
        group = _Group(EntityType.PERSON, "", tokens=toks)
        groups.append(group)
        for word in toks:
            by_word[word].append(group)
        return group

    full = sorted((c for c in people if len(tokens_of(c)) > 1), key=lambda c: -len(tokens_of(c)))
    for c in full:
        toks = tokens_of(c)
        home = next((g for g in by_word[min(toks)] if toks <= g.tokens), None) or new_group(toks)
        join(home, c)
    alone = {t for c in people if len(tokens_of(c)) == 1 for t in tokens_of(c)}
    joins: dict[tuple[int, str, bool], bool] = {}
    for c in people:
        toks = tokens_of(c)
        if len(toks) > 1 or not toks:
            continue
        word = next(iter(name_tokens(c.text(body))), "")
        titled = bool(_TITLES_OF_OTHERS.search(body[max(0, c.start - 12):c.start]))
        owners = [g for g in by_word[next(iter(toks))] if _may_join(body, word, titled, g, alone, joins)]
        if len(owners) > 1:  # two people share the name: the one this sentence names in full, else neither
            sentence = _sentence_of(body, c.start)
            owners = [g for g in owners if _starts_within(starts[id(g)], *sentence)]
            owners = owners if len(owners) == 1 else []
        if not owners:
            owners = [next((g for g in by_word[next(iter(toks))] if g.tokens == toks), None) or new_group(toks)]
        join(owners[0], c)
        if len(name_tokens(c.text(body))) > 1:
            joins.clear()  # a full name spelled out joined by its alias: what the group allows may change
    for g in groups:
        g.key = "person:" + " ".join(sorted(g.tokens))
    return groups


_TITLES_OF_OTHERS = re.compile(
    r"(?:Prince|Princess|King|Queen|Lord|Lady|Sir|Dame|Saint|St\.?|Pope|Emperor|Empress)\s+$"
)


def _sentence_of(body: str, pos: int) -> tuple[int, int]:
    start = max(body.rfind(". ", 0, pos), body.rfind("\n", 0, pos))
    end = min((i for i in (body.find(". ", pos), body.find("\n", pos)) if i >= 0), default=len(body))
    return start + 1, end


def _starts_within(starts: list[int], lo: int, hi: int) -> bool:
    i = bisect.bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi


def _may_join(body: str, word: str, titled: bool, group: _Group, alone: set[str],
              seen: dict[tuple[int, str, bool], bool]) -> bool:
    """A lone word joins a full name unless it is that person's given name while the article calls them
    by their surname ("Charles" is not "Charles Kennedy" when "Kennedy" stands alone), or a title makes
    it someone else's ("Prince Charles")."""
    # the answer depends only on the group's full-name mentions, which are all in place before any lone
    # word joins: remember it, so a name used thousands of times is not re-read for every lone word
    key = (id(group), "" if titled else word, titled)
    if key not in seen:
        seen[key] = _joins(body, word, group, alone, titled=titled)
    return seen[key]


def _joins(body: str, word: str, group: _Group, alone: set[str], *, titled: bool) -> bool:
    if titled:
        return all(_TITLES_OF_OTHERS.search(body[max(0, m.start - 12):m.start]) for m in group.mentions
                   if len(name_tokens(m.text(body))) > 1)
    for m in group.mentions:
        full = name_tokens(m.text(body))
        if len(full) > 1 and full[0] == word and full[-1] in alone:
            return False
    return True


def _named_groups(body: str, cands: list[Cand], aliases: AliasTable) -> list[_Group]:
    by_key: dict[str, _Group] = {}
    for c in cands:
        text = c.name or c.text(body)
        known = aliases.lookup(text)
        canonical = known[1] if known and known[0] == c.kind else c.name
        key = f"{c.kind.value}:{fold(canonical or text)}"
        group = by_key.setdefault(key, _Group(c.kind, key, canonical))
        group.mentions.append(c)
    return _link_acronyms(body, list(by_key.values()))


def _link_acronyms(body: str, groups: list[_Group]) -> list[_Group]:
    """ "Association of Southeast Asian Nations (ASEAN)": the short form joins the long one."""
    out = list(groups)
    for short in groups:
        text = short.mentions[0].text(body)
        if not (text.isupper() and 2 <= len(text) <= 8):
            continue
        for long in groups:
            if long is short or long.kind != short.kind:
                continue
            words = re.findall(r"[A-Za-z][\w-]*", long.mentions[0].text(body))
            initials = "".join(w[0] for w in words if w[0].isupper())
            follows = any(re.match(r"\s*\(\s*$", body[m.end:s.start]) for m in long.mentions for s in short.mentions
                          if 0 <= s.start - m.end <= 3)
            if follows or initials == text:
                long.mentions.extend(short.mentions)
                out.remove(short)
                break
    return out


def build_entities(body: str, cands: list[Cand], roles: dict[int, str], aliases: AliasTable) -> tuple[Entity, ...]:
    """Entities of one article, in order of first mention; `roles` maps a mention's start to its role."""
    by_kind: dict[EntityType | str, list[Cand]] = defaultdict(list)
    for c in cands:
        by_kind[c.kind].append(c)
    groups = _person_groups(body, by_kind[EntityType.PERSON], aliases)
    groups += _named_groups(body, by_kind[EntityType.ORG] + by_kind[EntityType.PLACE], aliases)
    entities = []
    for g in groups:
        g.mentions.sort(key=lambda c: c.start)
        surfaces = list(dict.fromkeys(m.name or m.text(body) for m in g.mentions))
        name = g.canonical or _best_surface(surfaces)
        found_roles = [roles[m.start] for m in g.mentions if m.start in roles]
        role = max(found_roles, key=len) if found_roles else None
        entities.append(Entity(
            name=name, type=g.kind, key=g.key, role=role,
            aliases=tuple(s for s in surfaces if s != name),
            mentions=tuple(Span(m.start, m.end) for m in g.mentions),
        ))
    entities.sort(key=lambda e: e.mentions[0].start)
    return tuple(entities)
