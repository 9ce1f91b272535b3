"""Dating by who held office: the table, the people a text names in office, and the window they give."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest

from corpus import offices
from corpus.build import Context, build_article
from corpus.clean import clean_text
from corpus.model import DateConfidence


def _named(text: str) -> set[str]:
    return set(offices.holders_named([text]))


def test_table_rows_are_well_formed() -> None:
    table = offices.builtin_table()
    assert {"us_president", "us_secretary_of_state", "us_secretary_of_defense", "japan_prime_minister",
            "japan_foreign_minister", "japan_defense_minister", "us_ambassador_to_japan",
            "indopacom_commander", "usfj_commander", "us_secretary_of_war"} <= set(table.offices)
    data = json.loads((Path(offices.__file__).parent / "data" / offices.OFFICES_FILE).read_text())
    for key, office in data["offices"].items():
        assert office["source"].startswith("https://"), key
        rows = office["holders"]
        for row in rows:
            end = row["end"]
            assert end is None or row["start"] < end, (key, row)
        # terms of one office follow each other without overlapping
        for a, b in itertools.pairwise(rows):
            assert a["end"] is not None and a["end"] <= b["start"], (key, a, b)


def test_title_before_the_name_and_appositive_after() -> None:
    assert _named("Japanese Defence Minister Minoru Kihara met his counterpart.") == {"Minoru Kihara"}
    assert _named("Foreign Minister Kamikawa spoke first.") == {"Yoko Kamikawa"}
    assert _named("Caroline Kennedy, the U.S. ambassador to Japan, attended.") == {"Caroline Kennedy"}
    assert _named("Adm. Philip S. Davidson, who leads the command, spoke.") == {"Philip Davidson"}


def test_former_holders_and_other_people_of_the_surname_do_not_count() -> None:
    assert _named("Former Prime Minister Yoshihide Suga attended the funeral.") == set()
    assert _named("The late former Japanese Prime Minister Shinzo Abe was honoured.") == set()
    assert _named("Ex-U.S. President Barack Obama spoke.") == set()
    assert _named("The plan dates from the tenure of Defense Secretary Mark Esper.") == set()
    assert _named("Defense Minister Taro Kishi spoke.") == set()  # not Nobuo Kishi
    assert _named("Prime Minister Kishi answered.") == set()  # no prime minister of that name
    # a surname alone, without the office, says nothing
    assert _named("Kamikawa and Austin had lunch.") == set()


def test_window_is_the_overlap_and_says_why() -> None:
    text = ["Defence Minister Nobuo Kishi welcomed Secretary of State Blinken and Secretary Austin to Tokyo."]
    window = offices.window(text)
    assert window is not None
    assert (window.start, window.end) == (dt.date(2021, 1, 26), dt.date(2022, 8, 10))
    assert "Kishi was defence minister of Japan Sep 2020 – Aug 2022" in window.reason
    assert "Blinken" in window.reason and "Austin" in window.reason


def test_article_without_a_date_gets_a_window_not_a_day() -> None:
    text = ("Alliance talks\n\nJapanese Foreign Minister Takeshi Iwaya and U.S. Secretary of State Marco Rubio "
            "agreed to deepen ties. They last met on March 22 in Tokyo.\n")
    article = build_article(clean_text(text), Context("a", "a", packaged=True), "text")
    assert article is not None
    published = article.published
    assert published.confidence is DateConfidence.INFERRED
    assert published.window == (dt.date(2025, 1, 21), dt.date(2025, 10, 21))
    # the latest year-less date, placed inside the window, approximates publication
    assert published.date == dt.date(2025, 3, 22) and "approximated" in published.reason
    assert "Iwaya was foreign minister" in published.reason
    (march,) = [m for m in article.dates if m.text == "March 22"]
    assert march.date == dt.date(2025, 3, 22) and "window" in march.reason


def test_with_no_date_inside_the_window_the_date_stays_a_window() -> None:
    text = ("Alliance talks\n\nJapanese Foreign Minister Takeshi Iwaya and U.S. Secretary of State Marco Rubio "
            "agreed to deepen ties.\n")
    article = build_article(clean_text(text), Context("a", "a", packaged=True), "text")
    assert article is not None
    assert article.published.date is None and article.published.window is not None
    assert "written between Jan 2025 and Oct 2025" in article.published.reason


def test_yearless_dateline_resolves_inside_the_window() -> None:
    text = ("Commanders meet\n\nYOKOSUKA, Oct. 2 (Kyodo) - Adm. Harry Harris, commander of U.S. Pacific "
            "Command, met Defense Minister Tomomi Inada aboard the flagship.\n")
    article = build_article(clean_text(text), Context("a", "a", packaged=True), "text")
    assert article is not None
    assert article.published.date == dt.date(2016, 10, 2)
    assert "Inada was defence minister" in article.published.reason


def test_user_file_extends_the_table(tmp_path: Path) -> None:
    path = tmp_path / "office_holders.json"
    path.write_text(json.dumps({"offices": {"rok_president": {
        "label": "South Korean president", "titles": ["president"], "source": "mine",
        "holders": [{"name": "Yoon Suk-yeol", "surname": "Yoon", "start": "2022-05-10", "end": "2025-04-04"}]}}}))
    table = offices.load_table(path)
    assert "Yoon" in table.holders and "Kishida" in table.holders
    window = offices.window(["President Yoon Suk-yeol met Prime Minister Fumio Kishida."], table)
    assert window is not None and (window.start, window.end) == (dt.date(2022, 5, 10), dt.date(2024, 10, 1))


@pytest.mark.parametrize("content", [
    "not json", '{"offices": []}', '{"offices": {"x": {"titles": ["a"], "holders": [{"name": "A B"}]}}}',
    '{"offices": {"x": {"titles": ["("], "holders": []}}}',
])
def test_a_bad_user_file_is_a_clear_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "office_holders.json"
    path.write_text(content)
    with pytest.raises(ValueError, match=r"office_holders\.json"):
        offices.load_table(path)


def test_configure_reports_a_bad_file_and_keeps_the_builtin_table(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(offices.ENV_FILE, raising=False)
    path = tmp_path / offices.OFFICES_FILE
    path.write_text('{"offices": {"x": {"titles": ["chief"], "holders": [{"name": "Ann Lee", "start": "soon"}]}}}')
    notice = offices.configure(path)
    assert notice is not None and "not a YYYY-MM-DD date" in notice
    assert offices.active_table() is offices.builtin_table()
    path.write_text('{"offices": {"x": {"titles": ["chief"], "holders": [{"name": "Ann Lee", "start": '
                    '"2020-01-01", "end": "2021-01-01"}]}}}')
    assert offices.configure(path) is None
    assert "Lee" in offices.active_table().holders
    offices.configure(None)
    assert "Lee" not in offices.active_table().holders
