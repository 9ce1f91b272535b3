"""Entity rules, roles, resolution and aliases on hand-made model output: no spaCy needed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from corpus.entities import load_aliases
from corpus.entities.aliases import builtin_aliases
from corpus.entities.extract import entities_from_doc
from corpus.entities.roles import mention_role
from corpus.entities.rules import Cand, apply_rules
from corpus.entities.text import fold
from corpus.model import Entity, EntityType

PERSON, ORG, PLACE = EntityType.PERSON, EntityType.ORG, EntityType.PLACE


class _Ent:
    def __init__(self, body: str, text: str, label: str, nth: int = 0) -> None:
        start = -1
        for _ in range(nth + 1):
            start = body.index(text, start + 1)
        self.start_char, self.end_char, self.label_ = start, start + len(text), label


class _Doc:
    """What spaCy would hand us: spans with character offsets and labels."""

    def __init__(self, body: str, spans: list[tuple[str, str] | tuple[str, str, int]]) -> None:
        self.ents = [_Ent(body, *span) for span in spans]


def run(body: str, spans: list, aliases=None) -> tuple[Entity, ...]:
    return entities_from_doc(body, _Doc(body, spans), aliases or builtin_aliases())


def by_name(entities: tuple[Entity, ...]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


def test_importing_the_package_does_not_import_spacy() -> None:
    code = "import sys, corpus.entities; assert 'spacy' not in sys.modules and 'thinc' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])


def test_fold_removes_accents_and_case() -> None:
    assert fold("Shinjirō  Koizumi") == "shinjiro koizumi"
    assert fold("Self-Defence Forces") == fold("self-defense forces")


def test_indo_pacific_tagged_org_is_a_place() -> None:
    body = "Peace in the Indo-Pacific region matters."
    (place,) = run(body, [("the Indo-Pacific region", "ORG")])
    assert place.type == PLACE and place.key == "place:indo-pacific" and place.name == "Indo-Pacific"


def test_gen_is_a_given_name_not_a_rank() -> None:
    body = "Japanese Defense Minister Gen Nakatani spoke. Nakatani said more."
    people = by_name(run(body, [("Japanese", "NORP"), ("Defense", "ORG"), ("Gen Nakatani", "PERSON"),
                                ("Nakatani", "ORG", 1)]))
    assert list(people) == ["Gen Nakatani"]
    nakatani = people["Gen Nakatani"]
    assert nakatani.type == PERSON and nakatani.key == "person:gen nakatani"
    assert nakatani.role == "Japanese Defense Minister" and nakatani.count == 2


def test_dotted_ranks_are_titles_not_names() -> None:
    body = "Oue met Rear Adm. Brett Mietus, commander of Joint Region Marianas, and Brig. Gen. Charles D. Cooley."
    found = by_name(run(body, [("Oue", "PERSON"), ("Rear Adm. Brett Mietus", "ORG"),
                               ("Joint Region Marianas", "ORG"), ("Brig", "PERSON"), ("Charles D. Cooley", "PERSON")]))
    assert found["Brett Mietus"].type == PERSON
    assert found["Brett Mietus"].role == "Rear Adm., commander of Joint Region Marianas"
    assert found["Charles D. Cooley"].role == "Brig. Gen."
    assert found["Charles D. Cooley"].key == "person:charles cooley"
    assert found["Joint Region Marianas"].type == ORG
    assert "Brig" not in found


def test_title_words_split_off_as_orgs_are_dropped() -> None:
    body = ("Treasury Secretary Scott Bessent met Deputy Secretary of State Christopher Landau. "
            "A Treasury readout said Bessent was pleased.")
    found = by_name(run(body, [("Treasury", "ORG"), ("Scott Bessent", "PERSON"), ("State", "ORG"),
                               ("Christopher Landau", "PERSON"), ("Treasury", "ORG", 1), ("Bessent", "ORG", 1)]))
    assert found["Scott Bessent"].role == "Treasury Secretary"
    assert found["Christopher Landau"].role == "Deputy Secretary of State"
    assert "State" not in found
    assert found["Treasury"].count == 1  # the readout's Treasury is an organisation; the title's is not
    assert found["Scott Bessent"].count == 2


def test_surnames_tagged_org_or_place_become_the_person() -> None:
    body = "Foreign Minister Yoshimasa Hayashi met Blinken. Blinken and Hayashi agreed. Antony Blinken left."
    found = run(body, [("Yoshimasa Hayashi", "PERSON"), ("Blinken", "GPE"), ("Blinken", "PERSON", 1),
                       ("Hayashi", "ORG", 1), ("Antony Blinken", "PERSON")])
    assert {e.type for e in found} == {PERSON}
    assert {e.name: e.count for e in found} == {"Yoshimasa Hayashi": 2, "Antony Blinken": 3}


def test_headline_fragment_keeps_only_the_place() -> None:
    body = "Key Points: US, Japan Reaffirm Alliance in Security, Economic Talks"
    found = by_name(run(body, [("US", "GPE"), ("Japan Reaffirm Alliance", "ORG")]))
    assert set(found) == {"United States", "Japan"}
    assert found["Japan"].type == PLACE


def test_events_documents_and_hyphenated_pairs() -> None:
    body = "The U.S.-Japan alliance skipped the Beijing Winter Olympics under the National Security Strategy."
    found = by_name(run(body, [("U.S.-Japan", "ORG"), ("the Beijing Winter Olympics", "FAC"),
                               ("National Security Strategy", "ORG")]))
    assert set(found) == {"United States", "Japan"}


def test_facilities_are_places() -> None:
    body = "He visited US Marine Corps Camp Blaz in Guam."
    found = by_name(run(body, [("US Marine Corps", "ORG"), ("Camp Blaz", "PERSON"), ("Guam", "GPE")]))
    assert found["Camp Blaz"].type == PLACE and found["US Marine Corps"].type == ORG


def test_roles_from_prefix_and_appositive() -> None:
    body = ("On January 15, Special Advisor to the Prime Minister of Japan Oue Sadamasa visited Guam. "
            "He later met his Indian counterpart, Rajnath Singh, in Tokyo.")
    start = body.index("Oue")
    assert mention_role(body, start, start + 12)[0] == "Special Advisor to the Prime Minister of Japan"
    start = body.index("Rajnath")
    assert mention_role(body, start, start + 13)[0] == "Indian counterpart"
    assert mention_role("Ishiba met reporters.", 0, 6)[0] is None


def test_person_keys_are_order_and_accent_free() -> None:
    a = run("Prime Minister Ishiba Shigeru spoke.", [("Ishiba Shigeru", "PERSON")])
    b = run("Shigeru Ishiba spoke.", [("Shigeru Ishiba", "PERSON")])
    c = run("Shinjirō Koizumi met Shinjiro Koizumi.", [("Shinjirō Koizumi", "PERSON"), ("Shinjiro Koizumi", "PERSON")])
    assert a[0].key == b[0].key == "person:ishiba shigeru"
    assert len(c) == 1 and c[0].name == "Shinjirō Koizumi" and c[0].aliases == ("Shinjiro Koizumi",)


def test_a_lone_surname_never_merges_across_articles() -> None:
    full = run("President Donald Trump spoke. Trump left.", [("Donald Trump", "PERSON"), ("Trump", "PERSON", 1)])
    alone = run("Trump said so.", [("Trump", "PERSON")])
    assert full[0].key == "person:donald trump" and full[0].count == 2
    assert alone[0].key == "person:trump"


def test_a_surname_two_people_share_goes_with_neither_unless_the_sentence_names_one() -> None:
    body = "Minister Taro Abe thanked his father, Senator Ichiro Abe. Later Abe spoke."
    found = run(body, [("Taro Abe", "PERSON"), ("Ichiro Abe", "PERSON"), ("Abe", "PERSON", 2)])
    assert [(e.name, e.count) for e in found] == [("Taro Abe", 1), ("Ichiro Abe", 1), ("Abe", 1)]
    assert found[2].role is None  # nobody's role goes to the bare surname
    body = "Taro Abe met Ichiro Abe. Senator Ichiro Abe, who Abe thanked, left."
    found = run(body, [("Taro Abe", "PERSON"), ("Ichiro Abe", "PERSON"), ("Ichiro Abe", "PERSON", 1),
                       ("Abe", "PERSON", 3)])
    assert [(e.name, e.count) for e in found] == [("Taro Abe", 1), ("Ichiro Abe", 3)]


def test_country_aliases_resolve() -> None:
    body = "The United States, the US and the U.S. are one; so is America."
    (us,) = run(body, [("The United States", "GPE"), ("US", "GPE"), ("U.S.", "GPE"), ("America", "GPE")])
    assert us.key == "place:united states" and us.count == 4 and set(us.aliases) == {"US", "U.S.", "America"}


def test_acronym_in_brackets_joins_its_long_form() -> None:
    body = "The Quadrilateral Security Dialogue Group (QSDG) met. QSDG said so."
    (org,) = run(body, [("The Quadrilateral Security Dialogue Group", "ORG"), ("QSDG", "ORG"), ("QSDG", "ORG", 1)])
    assert org.count == 3


def test_user_alias_file_overrides_builtin(tmp_path: Path) -> None:
    path = tmp_path / "aliases.toml"
    path.write_text('[org]\n"Pentagon" = "US Department of Defense"\n'
                    '"Department of Defense" = "Department of Defense"\n'
                    '[place]\n"Nippon" = "Japan"\n[ignore]\nnames = ["Image Credit"]\n', encoding="utf-8")
    table = load_aliases(path)
    assert table.lookup("pentagon") == (ORG, "US Department of Defense")
    assert table.lookup("Department of Defense") == (ORG, "Department of Defense")
    assert table.lookup("DoD") == (ORG, "US Department of Defense")  # the rest of the built-in table stays
    body = "Nippon and the Pentagon agreed. Image Credit: Navy"
    found = by_name(run(body, [("Nippon", "PERSON"), ("Pentagon", "ORG"), ("Image Credit", "ORG")], table))
    assert found["Japan"].type == PLACE and found["US Department of Defense"].type == ORG
    assert "Image Credit" not in found


def test_missing_alias_file_gives_builtin_and_bad_file_says_where(tmp_path: Path) -> None:
    assert load_aliases(tmp_path / "none.toml").lookup("U.S.") == (PLACE, "United States")
    assert load_aliases(None).lookup("JSDF") == (ORG, "Japan Self-Defense Forces")
    bad = tmp_path / "bad.toml"
    bad.write_text("[org\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.toml"):
        load_aliases(bad)


def test_rules_never_cross_lines() -> None:
    body = "US, Japan agree in the Indo-Pacific\n\nAsia-Pacific, News"
    cands = apply_rules(body, [Cand(body.index("the Indo"), len(body), ORG)], builtin_aliases())
    assert [(body[c.start:c.end], c.kind) for c in cands] == [("Indo-Pacific", PLACE), ("Asia-Pacific", PLACE)]


def test_honorifics_leave_the_name_and_are_no_role() -> None:
    body = "Sir Digby Jones praised Ed Balls. Mr Balls replied."
    found = by_name(run(body, [("Digby Jones", "PERSON"), ("Ed Balls", "PERSON"), ("Mr Balls", "ORG")]))
    assert found["Ed Balls"].count == 2 and found["Ed Balls"].type == PERSON
    assert found["Digby Jones"].role is None


def test_conll_reader_builds_spans_over_joined_sentences(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import eval_entities

    path = tmp_path / "tiny.conll"
    path.write_text("-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\n\n"
                    "Peter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\nin IN O O\nLondon NNP B-NP B-LOC\n",
                    encoding="utf-8")
    [(sentences, spans)] = eval_entities.read_conll(path)
    text = "\n\n".join(sentences)
    assert [(text[a:b], kind) for a, b, kind in spans] == [("EU", "org"), ("Peter Blackburn", "person"),
                                                           ("London", "place")]


def test_courtesy_titles_after_a_sentence_opener_are_no_role() -> None:
    from corpus.entities.roles import role_before

    body = "But Mr Blair said so. On Wednesday Mr Howard replied. Prime Minister Tony Blair left."
    assert role_before(body, body.index("Blair")) is None
    assert role_before(body, body.index("Howard")) is None
    assert role_before(body, body.index("Tony"))[0] == "Prime Minister"


def test_sentence_openers_and_reported_speech_are_not_roles() -> None:
    from corpus.entities.roles import role_after, role_before

    body = "But Prime Minister Tony Blair spoke. Gordon Brown, said the prime minister felt the war had hurt him."
    assert role_before(body, body.index("Tony"))[0] == "Prime Minister"
    end = body.index("Brown") + len("Brown")
    assert role_after(body, end) is None
