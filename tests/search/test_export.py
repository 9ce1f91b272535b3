"""Exports parsed back with real readers: BibTeX (bibtexparser), RIS (rispy), CSV, JSON and CSL-JSON."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import bibtexparser
import pytest
import rispy
from bibtexparser.bparser import BibTexParser
from bibtexparser.customization import convert_to_unicode

from corpus.model import Article, DateConfidence, EntityType, PublishedDate, Quote
from search.export import FORMATS, ExportRecord, authors, export

ACCESSED = dt.date(2026, 1, 2)
WEB = Article(
    id="abc123",
    title="Allies {agree} on 50% more & a #1 plan_B",
    origin="https://example.org/news/allies?id=7",
    paragraphs=("Tokyo and Washington agreed.",),
    source="The Japan Times",
    byline="By Jane Q. Doe and Taro Yamada",
    published=PublishedDate(dt.date(2025, 3, 14), DateConfidence.STATED, "meta"),
    key_points=("Deterrence [stated]", "Costs *shared*"),
    quotes=(
        Quote("We stand together,", 10, 28, "Pete Hegseth", "person:hegseth pete", EntityType.PERSON, "Secretary"),
    ),
)
LOCAL = Article(id="def456", title="Undated note", origin="/data/notes/note.txt", paragraphs=("Text.",))
RECORDS = [ExportRecord(WEB, tags=("alliance", "budget"), note="Check the figure"), ExportRecord(LOCAL)]


def test_bibtex_reads_back() -> None:
    parser = BibTexParser(common_strings=True, ignore_nonstandard_types=False)  # @online is biblatex
    parser.customization = convert_to_unicode
    entries = bibtexparser.loads(export(RECORDS, "bibtex", accessed=ACCESSED), parser=parser).entries
    assert [e["ENTRYTYPE"] for e in entries] == ["online", "article"]
    web = entries[0]
    assert web["title"] == WEB.title.replace("{", "(").replace("}", ")")
    assert web["journal"] == "The Japan Times"
    assert web["author"] == "Doe, Jane Q. and Yamada, Taro"
    assert web["url"] == WEB.origin and web["urldate"] == "2026-01-02"
    assert web["year"] == "2025" and web["date"] == "2025-03-14"
    assert web["note"] == "Check the figure"
    assert len({e["ID"] for e in entries}) == 2


def test_ris_reads_back() -> None:
    entries = rispy.loads(export(RECORDS, "ris", accessed=ACCESSED))
    assert [e["type_of_reference"] for e in entries] == ["NEWS", "NEWS"]
    web = entries[0]
    assert web["title"] == WEB.title
    assert web["authors"] == ["Doe, Jane Q.", "Yamada, Taro"]
    assert web["secondary_title"] == "The Japan Times"
    assert web["urls"] == [WEB.origin]
    assert web["year"] == "2025" and web["date"] == "2025/03/14"
    assert web["keywords"] == ["alliance", "budget"]
    assert entries[1]["title"] == "Undated note" and "year" not in entries[1]


def test_csl_json_items_are_newspaper_articles() -> None:
    items = json.loads(export(RECORDS, "csljson", accessed=ACCESSED))
    web = items[0]
    assert web["type"] == "article-newspaper"
    assert web["container-title"] == "The Japan Times"
    assert web["author"] == [{"family": "Doe", "given": "Jane Q."}, {"family": "Yamada", "given": "Taro"}]
    assert web["issued"] == {"date-parts": [[2025, 3, 14]]}
    assert web["accessed"] == {"date-parts": [[2026, 1, 2]]}
    assert web["URL"] == WEB.origin
    assert "URL" not in items[1] and "issued" not in items[1]


def test_csv_and_json_hold_quotes_tags_and_notes() -> None:
    rows = list(csv.DictReader(io.StringIO(export(RECORDS, "csv"))))
    assert rows[0]["quotes"] == "Pete Hegseth: We stand together," and rows[0]["tags"] == "alliance; budget"
    assert rows[1]["published"] == "" and rows[1]["url"] == ""
    data = json.loads(export(RECORDS, "json"))
    assert data[0]["quotes"][0]["speaker_type"] == "person" and data[0]["note"] == "Check the figure"


def test_markdown_digest_escapes_corpus_text() -> None:
    text = export(RECORDS, "md")
    assert "## Allies \\{agree\\} on 50% more & a \\#1 plan\\_B" in text
    assert "<https://example.org/news/allies?id=7>" in text
    assert "- Deterrence \\[stated\\]" in text and "**My note:** Check the figure" in text
    assert "> “We stand together,” — Pete Hegseth (Secretary)" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_handles_an_empty_list(fmt: str) -> None:
    assert isinstance(export([], fmt), str)


def test_unknown_format_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="formats are"):
        export(RECORDS, "docx")


@pytest.mark.parametrize(
    ("byline", "names"),
    [("By Jane Doe", ["Jane Doe"]), ("Jane Doe, John Roe and Ann Lee", ["Jane Doe", "John Roe", "Ann Lee"]),
     ("by Kyodo", ["Kyodo"]), (None, []), ("Jane Doe | Staff writer", ["Jane Doe"])],
)  # fmt: skip
def test_authors_from_bylines(byline: str | None, names: list[str]) -> None:
    assert authors(byline) == names
