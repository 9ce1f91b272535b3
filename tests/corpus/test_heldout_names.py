"""Three pages written for issue 16 before the code ran on them: names, roles and dates end to end."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from corpus.entities import extract_entities
from corpus.ingest import discover, read_all
from corpus.model import Article, DateConfidence, Entity, EntityType

DRILLS_PAGE = """Philippines, US open largest drills near disputed shoal

MANILA, April 22 (Reuters) - Philippine and U.S. troops on Monday began their largest joint exercises in years, \
a day after Chinese coast guard ships shadowed a supply mission near Second Thomas Shoal.

Adm. John Aquilino, commander of U.S. Indo-Pacific Command, said the drills showed the allies' resolve. \
Philippine Defense Secretary Gilberto Teodoro Jr. joined him at Camp Aguinaldo.

Foreign Ministry spokesman Wang Wenbin told reporters in Beijing that the exercises "stoke tension" in the \
South China Sea.

The Armed Forces of the Philippines (AFP) said about 16,000 troops would take part until May 10. AFP chief \
Gen. Romeo Brawner Jr. said his forces were ready.

Rahm Emanuel, the U.S. ambassador to Japan, is expected to observe the drills next week.
"""

SUMMIT_PAGE = """South Korea, Japan leaders vow closer ties at summit

By Min-ji Park
September 7, 2023

President Yoon Suk-yeol and Prime Minister Fumio Kishida met on Wednesday on the sidelines of the ASEAN \
summit in Jakarta, days after North Korea fired two missiles into the sea.

Yoon Suk Yeol told reporters the two leaders agreed to share missile-warning data in real time by the end of \
the year. Kishida said Japan would host the next round in Tokyo next month.

The Japan Coast Guard (JCG) said last Thursday that North Korean ships had entered the East and South China \
Seas. JCG vessels were shadowing them, it said.

Yoon's office said he would travel to New York later this month.
"""

GALLERY_PAGE = """Koizumi pledges defence build-up as father looks on

Defense Minister Shinjiro Koizumi told lawmakers on Friday that Japan would speed up its purchase of \
long-range missiles. His father, former Prime Minister Junichiro Koizumi, watched from the gallery.

Koizumi said the plan had the backing of Prime Minister Sanae Takaichi and of U.S. Secretary of War Pete \
Hegseth, who spoke with him by phone on October 30.

Lt. Gen. Stephen Jost, commander of U.S. Forces Japan, said the alliance was "stronger than ever".
"""


def _read(tmp_path: Path, name: str, text: str) -> Article:
    (tmp_path / name).write_text(text, encoding="utf-8")
    sources, _ = discover([tmp_path / name])
    (article,), problems = read_all(sources)
    assert not problems
    return article


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Article, dict[str, Entity]]]:
    folder = tmp_path_factory.mktemp("heldout16")
    articles = {name: _read(folder, f"{name}.txt", text)
                for name, text in (("drills", DRILLS_PAGE), ("summit", SUMMIT_PAGE), ("gallery", GALLERY_PAGE))}
    found = extract_entities(list(articles.values()))
    return {name: (a, {e.name: e for e in ents}) for (name, a), ents in zip(articles.items(), found, strict=True)}


def _dates(article: Article) -> dict[str, str]:
    return {m.text: m.shown for m in article.dates}


def test_drills_page_dates(pages: dict[str, tuple[Article, dict[str, Entity]]]) -> None:
    article, _ = pages["drills"]
    published = article.published
    # year-less dateline: Aquilino (Apr 2021 - May 2024) and Emanuel (from Mar 2022) bound it
    assert published.confidence is DateConfidence.INFERRED
    assert published.date is not None and (published.date.month, published.date.day) == (4, 22)
    assert 2022 <= published.date.year <= 2024
    assert "Aquilino" in published.reason and "Emanuel" in published.reason
    dates = _dates(article)
    monday = published.date - dt.timedelta(days=(published.date.weekday() - 0) % 7)
    assert dates["on Monday"] == monday.isoformat()
    assert "a day after" in dates and "next week" in dates
    assert all(m.relative for m in article.dates if m.text in ("on Monday", "a day after", "next week"))


def test_drills_page_roles(pages: dict[str, tuple[Article, dict[str, Entity]]]) -> None:
    _, found = pages["drills"]
    assert found["John Aquilino"].role is not None
    assert "commander of U.S. Indo-Pacific Command" in found["John Aquilino"].role
    assert found["Gilberto Teodoro Jr."].role == "Philippine Defense Secretary"
    assert found["Wang Wenbin"].role == "Foreign Ministry spokesman"
    assert found["Rahm Emanuel"].role == "U.S. ambassador to Japan"
    assert "Gen." in (found["Romeo Brawner Jr."].role or "")
    afp = found["Armed Forces of the Philippines"]
    assert afp.type is EntityType.ORG and "AFP" in afp.aliases
    assert found["South China Sea"].type is EntityType.PLACE


def test_summit_page_date_line_and_relative_dates(pages: dict[str, tuple[Article, dict[str, Entity]]]) -> None:
    article, _ = pages["summit"]
    assert article.published.date == dt.date(2023, 9, 7)
    assert article.published.confidence is DateConfidence.STATED
    assert article.paragraphs[0].startswith("President Yoon")
    dates = _dates(article)
    assert dates["on Wednesday"] == "2023-09-06"
    assert dates["last Thursday"] == "2023-08-31"
    assert dates["next month"] == "2023-10"
    assert dates["later this month"] == "2023-09"


def test_summit_page_names(pages: dict[str, tuple[Article, dict[str, Entity]]]) -> None:
    _, found = pages["summit"]
    yoons = [e for e in found.values() if e.type is EntityType.PERSON and "Yoon" in e.name]
    assert len(yoons) == 1 and yoons[0].count >= 3 and yoons[0].role == "President"
    assert found["Fumio Kishida"].role == "Prime Minister" and found["Fumio Kishida"].count == 2
    coast_guard = found["Japan Coast Guard"]
    assert "JCG" in coast_guard.aliases and coast_guard.count == 3
    assert {"East China Sea", "South China Sea", "Jakarta"} <= set(found)


def test_gallery_page_window_and_father_and_son(pages: dict[str, tuple[Article, dict[str, Entity]]]) -> None:
    article, found = pages["gallery"]
    published = article.published
    # changed after the first run: the latest year-less date inside the window now approximates publication
    assert published.window is not None and published.window[0] == dt.date(2025, 10, 21)
    assert published.date == dt.date(2025, 10, 30) and "approximated" in published.reason
    assert "Koizumi" in published.reason and "Takaichi" in published.reason
    assert _dates(article)["October 30"] == "2025-10-30"
    assert "on Friday" not in _dates(article)  # no publication date to count from
    assert found["Shinjiro Koizumi"].role == "Defense Minister"
    assert found["Junichiro Koizumi"].role == "former Prime Minister"
    # "Koizumi said": two Koizumis are in view and the sentence names neither, so it joins neither
    assert found["Shinjiro Koizumi"].count == 1 and found["Junichiro Koizumi"].count == 1
    assert "Lt. Gen." in (found["Stephen Jost"].role or "")
    assert "commander of U.S. Forces Japan" in (found["Stephen Jost"].role or "")
