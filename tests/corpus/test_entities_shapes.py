"""Tables, scorelines and brackets: names the model runs together are cut by the line's shape."""

from __future__ import annotations

from corpus.entities.aliases import builtin_aliases
from corpus.entities.extract import entities_from_doc
from corpus.entities.shapes import is_prose, name_pieces
from corpus.model import Entity, EntityType

PERSON, ORG, PLACE = EntityType.PERSON, EntityType.ORG, EntityType.PLACE


class _Ent:
    def __init__(self, body: str, text: str, label: str, nth: int = 0) -> None:
        self.start_char = -1
        for _ in range(nth + 1):
            self.start_char = body.index(text, self.start_char + 1)
        self.end_char, self.label_ = self.start_char + len(text), label


class _Doc:
    """What spaCy would hand us: (text, label) or (text, label, nth occurrence) spans."""

    def __init__(self, body: str, spans: list[tuple]) -> None:
        self.ents = [_Ent(body, *span) for span in spans]


def run(body: str, spans: list[tuple]) -> dict[str, Entity]:
    return {e.name: e for e in entities_from_doc(body, _Doc(body, spans), builtin_aliases())}


def test_a_scoreline_never_joins_two_clubs_or_keeps_a_score() -> None:
    body = "Weekend results:\n\nHarbour Rovers 2 Glenfield Athletic 0\n\nKestrel Town 1 Ashby United 3"
    found = run(body, [("Harbour Rovers 2 Glenfield Athletic", "ORG"), ("Ashby United 3", "ORG")])
    assert set(found) == {"Harbour Rovers", "Glenfield Athletic", "Ashby United"}
    assert all(e.type == ORG for e in found.values())


def test_a_standings_row_keeps_the_name_only() -> None:
    body = "Final standings:\n\n1. Teodora Vasquez ( Chile ) 212 points\n\n2. Ilse Brandt ( Austria ) 198"
    found = run(body, [("Teodora Vasquez ( Chile", "PERSON"), ("Ilse Brandt", "PERSON")])
    assert found["Teodora Vasquez"].type == PERSON
    assert found["Chile"].type == PLACE
    assert "Teodora Vasquez ( Chile" not in found


def test_a_dated_dateline_loses_its_date() -> None:
    body = "OSLO , Norway 2024-03-02\n\nThe ministry said on Saturday that talks would resume in spring."
    assert "Norway" in run(body, [("Norway 2024-03-02", "GPE")])


def test_a_number_in_a_name_in_prose_stays() -> None:
    body = "The documentary was first shown on Channel 4 last year, and viewers wrote in to complain."
    assert "Channel 4" in run(body, [("Channel 4", "ORG")])


def test_prose_and_table_lines_are_told_apart() -> None:
    prose = "The minister said the talks would go on for another week."
    row = "Linden Park 14 9 3 2 28 12 30"
    assert is_prose(prose, 0, len(prose))
    assert not is_prose(row, 0, len(row))
    assert name_pieces(row, 0, len("Linden Park 14")) == [(0, len("Linden Park"))]


def test_a_country_cut_off_a_dated_span_is_a_place_whatever_the_span_was() -> None:
    body = "BERGEN , Norway 2024-03-02\n\nFishermen protested outside the port authority on Saturday."
    found = run(body, [("Norway 2024-03-02", "PERSON")])
    assert found["Norway"].type == PLACE


def test_peoples_and_nationalities_are_never_people_or_organisations() -> None:
    body = ("Many Britons stayed at home. The Welsh side lost again, and South Koreans voted in large numbers. "
            "Two Australians were hurt. Officials met the Kurds in Erbil.")
    spans = [("Britons", "PERSON"), ("Welsh", "PERSON"), ("South Koreans", "ORG"), ("Australians", "PERSON"),
             ("Kurds", "ORG"), ("Erbil", "GPE")]
    assert set(run(body, spans)) == {"Erbil"}


def test_a_surname_that_is_also_a_nationality_stays_a_person() -> None:
    body = "The novelist Irvine Welsh spoke at the festival on Friday, and later Welsh signed copies of his book."
    found = run(body, [("Irvine Welsh", "PERSON"), ("Welsh", "PERSON")])
    assert found["Irvine Welsh"].type == PERSON
    assert len(found["Irvine Welsh"].mentions) == 2


def test_house_alone_names_no_organisation() -> None:
    body = "House prices rose again in May. The House of Commons debated the bill, and the House voted late."
    found = run(body, [("House", "ORG"), ("The House of Commons", "ORG")])
    assert set(found) == {"House of Commons"}


def test_the_place_a_story_was_filed_from_is_a_place_whatever_the_model_said() -> None:
    body = ("HOBART , Australia 2024-03-02\n\nThe club said the match would go ahead.\n\n"
            "NAHA (Kyodo) - Protesters gathered outside the prefectural office.\n\n"
            "OECD - members agreed to meet again in the spring, officials said.")
    found = run(body, [("HOBART", "ORG"), ("NAHA", "PERSON"), ("OECD", "ORG")])
    assert found["HOBART"].type == PLACE and found["NAHA"].type == PLACE
    assert found["OECD"].type == ORG


def test_a_rank_before_a_full_name_tagged_org_is_a_person_and_his_surname_follows() -> None:
    body = ("The tribunal sentenced General Marek Dolinski in absentia. Dolinski denied the charges. "
            "General Dynamics and General Motors were not named.")
    spans = [("General Marek Dolinski", "ORG"), ("Dolinski", "ORG", 1), ("General Dynamics", "ORG"),
             ("General Motors", "ORG")]
    found = run(body, spans)
    assert found["Marek Dolinski"].type == PERSON and len(found["Marek Dolinski"].mentions) == 2
    assert found["General Dynamics"].type == ORG and found["General Motors"].type == ORG


def test_a_name_word_never_turns_a_club_in_a_table_into_a_person() -> None:
    body = ("Defender Carlos Medina was sent off after an hour, and Medina later apologised to the fans.\n\n"
            "Standings:\n\nMedina 16 10 4 2 31 12 34\n\nRiverside 16 9 5 2 28 14 32")
    found = run(body, [("Carlos Medina", "PERSON"), ("Medina", "GPE", 1), ("Medina", "GPE", 2)])
    person, place = found["Carlos Medina"], found["Medina"]
    assert person.type == PERSON and len(person.mentions) == 2
    assert place.type == PLACE and body[place.mentions[0].start - 2:place.mentions[0].start] == "\n\n"
