"""Quote attribution on held-out wire copy: three passages written after the rules, and before
running them, with every quote's gold speaker (None: the article does not say who)."""

from __future__ import annotations

import re

import pytest

from corpus.model import Article, Entity, EntityType, Span
from corpus.quotes import extract_quotes

PERSON, ORG = EntityType.PERSON, EntityType.ORG


def _article(paragraphs: tuple[str, ...], names: dict[str, tuple[EntityType, tuple[str, ...]]]) -> Article:
    """Entities found by their names and aliases, as the entity pass would."""
    body = "\n\n".join(paragraphs)
    entities = []
    for name, (kind, aliases) in names.items():
        pattern = re.compile("|".join(re.escape(n) for n in sorted({name, *aliases}, key=len, reverse=True)))
        spans = tuple(Span(m.start(), m.end()) for m in pattern.finditer(body))
        entities.append(Entity(name, kind, f"{kind}:{name.casefold()}", None, aliases, spans))
    return Article(id="h", title="h", origin="h", paragraphs=paragraphs, entities=tuple(entities))


LOGISTICS = (
    (
        "TOKYO (Wire) — Japan and the United States agreed on Thursday to station a new logistics command in "
        'Okinawa, a move Defense Minister Kenji Morita called "overdue by a decade."',
        '"We are building the capacity to respond within hours, not weeks," Morita told reporters after the meeting.',
        'U.S. Ambassador Claire Donovan said: "The command will answer to both governments. Nothing about that is '
        'symbolic."',
        "According to the Japanese Ministry of Defense, the command will employ about 400 personnel and will "
        '"coordinate fuel, munitions and repair across the southwestern islands."',
        '"It is a question of when, not if," one senior official said, declining to be named.',
    ),
    {
        "Kenji Morita": (PERSON, ("Morita",)),
        "Claire Donovan": (PERSON, ("Donovan",)),
        "Japanese Ministry of Defense": (ORG, ()),
    },
    [
        ("overdue by a decade", "Kenji Morita"),
        ("We are building the capacity", "Kenji Morita"),
        ("The command will answer", "Claire Donovan"),
        ("coordinate fuel, munitions", "Japanese Ministry of Defense"),
        ("It is a question of when", None),
    ],
)

TREATY = (
    (
        'The State Department issued a statement on Friday, stating, "The United States remains committed to the '
        'defense of Japan, including the Senkaku Islands."',
        "Deputy Secretary Alan Whitfield, speaking in Honolulu, described the treaty as “the cornerstone of peace "
        "in the Indo-Pacific” and pledged continued rotations.",
        "“We have heard the concerns from Okinawa,” Whitfield said. “We will keep listening.",
        "“But the alliance does not stand still while we do.”",
        'A placard outside the base read "No new runways."',
    ),
    {"Alan Whitfield": (PERSON, ("Whitfield",)), "State Department": (ORG, ())},
    [
        ("The United States remains committed", "State Department"),
        ("the cornerstone of peace", "Alan Whitfield"),
        ("We have heard the concerns", "Alan Whitfield"),
        ("We will keep listening", "Alan Whitfield"),
        ("No new runways", None),
    ],
)

HOST_NATION = (
    (
        "According to Foreign Minister Aiko Tanabe, the two sides “narrowed but did not close” their differences "
        "over host-nation support.",
        "Tanabe, stating that talks would resume in March, added: “Neither side wants a rupture.”",
        'The Pentagon said in a written reply that it "does not comment on future force posture," but pointed to '
        "last year's joint exercises.",
        'Analysts were less sanguine. "The money is the easy part. The runway is the hard part," said Hiro Sato, '
        "a researcher at the Sasakawa Peace Foundation.",
        "“Everyone in this town has an opinion about the base,” the taxi driver said.",
    ),
    {
        "Aiko Tanabe": (PERSON, ("Tanabe",)),
        "Hiro Sato": (PERSON, ("Sato",)),
        "Pentagon": (ORG, ()),
        "Sasakawa Peace Foundation": (ORG, ()),
    },
    [
        ("narrowed but did not close", "Aiko Tanabe"),
        ("Neither side wants a rupture", "Aiko Tanabe"),
        ("does not comment on future force posture", "Pentagon"),
        ("The money is the easy part", "Hiro Sato"),
        ("Everyone in this town", None),
    ],
)


def _scored(case: tuple) -> list[tuple[str, str | None, str | None]]:
    """(gold quote's opening, gold speaker, speaker found: "missing" when no quote opens so) per quote."""
    paragraphs, names, gold = case
    found = [(q.text.lstrip('"“ '), q.speaker) for q in extract_quotes(_article(paragraphs, names))]
    return [
        (start, speaker, next((s for text, s in found if text.startswith(start)), "missing")) for start, speaker in gold
    ]


@pytest.mark.parametrize("case", [LOGISTICS, TREATY, HOST_NATION], ids=["logistics", "treaty", "host-nation"])
def test_held_out_passages(case: tuple) -> None:
    scored = _scored(case)
    assert [(start, gold) for start, gold, _ in scored] == [(start, found) for start, _, found in scored]
    assert len(extract_quotes(_article(case[0], case[1]))) == len(case[2])  # nothing else taken for a quote
