"""`quotes`, `timeline`, `cooccur` and `export`: JSON shapes, order, filters and one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import rispy

from tui.cli import main

QUOTE_KEYS = {"article_id", "speaker", "speaker_type", "role", "text", "start", "end", "published"}
TIMELINE_KEYS = {"date", "date_confidence", "article_id", "title", "source", "sentence", "quote"}
ARTICLES = {
    "one.md": "---\ntitle: Minister Tanaka visits Manila\ndate: 2024-03-05\nsource: Harbor Post\n"
    "author: By Mia Kato and Leo Brandt\n---\n"
    "Japanese Defense Minister Haruto Tanaka met Philippine officials in Manila on Tuesday.\n\n"
    '"Our cooperation at sea has never mattered more," Tanaka said after the talks.\n\n'
    'The Coast Guard Command statement said both navies would hold "regular joint patrols".\n',
    "two.md": "---\ntitle: Tanaka and Reyes plan drills\ndate: 2025-07-20\nsource: Pacific Ledger\n---\n"
    "Haruto Tanaka and Maria Reyes agreed on new drills with the Coast Guard Command.\n\n"
    'Reyes said the drills would be "the largest in a decade." '
    "On June 3, 2025, Tanaka told reporters: “Deterrence works when it is visible.”\n",
    "three.md": "---\ntitle: Port talks\ndate: 2023-01-10\nsource: Harbor Post\n---\n"
    "Port officials met in Cebu.\n\nA spokesman said: “Nothing is decided.”\n",
}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    root = tmp_path_factory.mktemp("analysis")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    args = ["--data-dir", str(root / "data"), "--corpus", str(corpus)]
    assert main([*args, "index"]) == 0
    return args


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_quotes_json_shape_and_speakers(capsys: pytest.CaptureFixture[str], base: list[str]) -> None:
    code, out, _ = run(capsys, *base, "quotes", "--json")
    rows = json.loads(out)
    assert code == 0 and all(set(r) == QUOTE_KEYS for r in rows)
    said = {r["text"]: (r["speaker"], r["speaker_type"]) for r in rows}
    assert said["Our cooperation at sea has never mattered more,"] == ("Haruto Tanaka", "person")
    assert said["regular joint patrols"] == ("Coast Guard Command", "org")
    assert said["Nothing is decided."] == (None, None)
    assert [r["published"] for r in rows] == sorted(r["published"] for r in rows)  # oldest first


def test_quotes_by_speaker_and_query(capsys: pytest.CaptureFixture[str], base: list[str]) -> None:
    rows = json.loads(run(capsys, *base, "quotes", "--speaker", "tanaka", "--json")[1])
    assert {r["speaker"] for r in rows} == {"Haruto Tanaka"} and len(rows) == 2
    assert rows[0]["role"] == "Japanese Defense Minister"
    rows = json.loads(run(capsys, *base, "quotes", "quote:deterrence", "--json")[1])
    assert {r["article_id"] for r in rows} == {
        json.loads(run(capsys, *base, "search", "said:reyes", "--json")[1])["hits"][0]["id"]
    }


def test_said_and_quote_query_fields(capsys: pytest.CaptureFixture[str], base: list[str]) -> None:
    titles = lambda q: {h["title"] for h in json.loads(run(capsys, *base, "search", q, "--json")[1])["hits"]}  # noqa: E731
    assert titles("said:tanaka") == {"Minister Tanaka visits Manila", "Tanaka and Reyes plan drills"}
    assert titles("said:reyes") == {"Tanaka and Reyes plan drills"}
    assert titles('said:"coast guard command"') == {"Minister Tanaka visits Manila"}
    assert titles("quote:patrols") == {"Minister Tanaka visits Manila"}
    assert titles("quote:manila") == set()  # in the body, but not inside a quotation


def test_timeline_oldest_first_with_sentence_dates(capsys: pytest.CaptureFixture[str], base: list[str]) -> None:
    code, out, _ = run(capsys, *base, "timeline", "Tanaka", "--json")
    rows = json.loads(out)
    assert code == 0 and all(set(r) == TIMELINE_KEYS for r in rows)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    dated = next(r for r in rows if r["sentence"].startswith("On June 3, 2025"))
    assert dated["date"] == "2025-06-03" and dated["quote"] == "Deterrence works when it is visible."
    assert any(r["quote"] for r in rows if r["date"] == "2024-03-05")
    rows = json.loads(run(capsys, *base, "timeline", "--query", "port", "--json")[1])
    assert [r["title"] for r in rows] == ["Port talks"]


def test_cooccur_counts_years_and_edge_list(capsys: pytest.CaptureFixture[str], base: list[str]) -> None:
    rows = json.loads(run(capsys, *base, "cooccur", "Tanaka", "--json")[1])
    counts = {r["name"]: r["count"] for r in rows}
    assert counts["Coast Guard Command"] == 2 and counts["Maria Reyes"] == 1 and "Haruto Tanaka" not in counts
    by_year = json.loads(run(capsys, *base, "cooccur", "Tanaka", "--by-year", "--json")[1])
    assert {(r["name"], r["year"]) for r in by_year} >= {("Coast Guard Command", 2024), ("Coast Guard Command", 2025)}
    edges = list(csv.DictReader(io.StringIO(run(capsys, *base, "cooccur", "Tanaka", "--csv")[1])))
    assert {"source": "Haruto Tanaka", "target": "Coast Guard Command", "weight": "2", "year": ""} in edges


def test_export_to_a_file_reads_back(capsys: pytest.CaptureFixture[str], base: list[str], tmp_path: Path) -> None:
    out = tmp_path / "cites.ris"
    code, _, err = run(capsys, *base, "export", "source:harbor", "--format", "ris", "--out", str(out))
    entries = rispy.loads(out.read_text(encoding="utf-8"))
    assert code == 0 and "exported 2 article(s)" in err
    assert {e["title"] for e in entries} == {"Minister Tanaka visits Manila", "Port talks"}
    manila = next(e for e in entries if e["title"].startswith("Minister"))
    assert manila["authors"] == ["Kato, Mia", "Brandt, Leo"]


def test_errors_are_one_line(capsys: pytest.CaptureFixture[str], base: list[str]) -> None:
    code, _, err = run(capsys, *base, "timeline")
    assert code == 2 and err.count("\n") == 1
    code, _, err = run(capsys, *base, "quotes", "--speaker", "Nobody Known")
    assert code == 1 and "no entity called" in err and err.count("\n") == 1
    code, _, err = run(capsys, *base, "quotes", "said:(")
    assert code == 2 and err.startswith("alliance-reader: bad query")
    with pytest.raises(SystemExit):
        main([*base, "export", "--format", "docx"])
