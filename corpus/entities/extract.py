"""Entity extraction for a batch of articles: spaCy NER, the rule layer, roles, then resolution."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from corpus.entities import rules
from corpus.entities.aliases import AliasTable, builtin_aliases
from corpus.entities.nlp import load_ner, pipe_long
from corpus.entities.resolve import build_entities
from corpus.entities.roles import mention_role, role_after
from corpus.model import Article, Entity, EntityType

DEFAULT_BATCH_SIZE = 32


def extract_entities(
    articles: Sequence[Article],
    *,
    aliases: AliasTable | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    use_rules: bool = True,
) -> list[tuple[Entity, ...]]:
    """One tuple of entities per article, in the same order, with mentions as offsets into `body`.

    Loads the model on first use (seconds): call it at index time, never while drawing the UI.
    `use_rules=False` gives the bare model's output, for measuring what the rules add.
    """
    table = aliases or builtin_aliases()
    nlp = load_ner()
    bodies = [a.body for a in articles]
    return [entities_from_doc(body, doc, table, use_rules=use_rules)
            for body, doc in zip(bodies, pipe_long(nlp, bodies, batch_size), strict=True)]


def entities_from_doc(body: str, doc: object, aliases: AliasTable, *, use_rules: bool = True) -> tuple[Entity, ...]:
    raw = rules.from_doc(doc)
    if not use_rules:
        return build_entities(body, rules.plain(body, raw), {}, aliases)
    cands = rules.apply_rules(body, raw, aliases)
    roles: dict[int, str] = {}
    role_spans: list[tuple[int, int]] = []
    floor = 0
    people = sorted(c.start for c in cands if c.kind == EntityType.PERSON)
    for c in cands:
        if c.kind != EntityType.PERSON:
            continue
        role, role_start, name_start = mention_role(body, c.start, c.end, floor)
        floor = c.end  # a role never reaches back over the previous person
        c.start = name_start
        after = role_after(body, c.end)
        at = body.find(after, c.end) if after else -1
        if after and bisect.bisect_left(people, at) < bisect.bisect_left(people, at + len(after)):
            # "X, son of former Prime Minister Y": that title is Y's, never X's
            role = None if role == after else (role or "").removesuffix(f", {after}") or None
        if role:
            roles[c.start] = role
            role_spans.append((role_start, c.start))
    cands = rules.drop_role_orgs(body, cands, role_spans)
    return build_entities(body, cands, roles, aliases)
