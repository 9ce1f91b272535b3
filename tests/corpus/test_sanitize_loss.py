"""The sanitizer removes control sequences and never the text around them."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from corpus.ingest import discover, read_all
from corpus.safety import sanitize

# Printable text: no C0/C1 controls, no line separators or bidi controls the sanitizer rewrites.
_PLAIN = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp"), blacklist_characters="\t"),
    max_size=40,
)
# Controls that start or belong to no complete sequence on their own: lone 8-bit string introducers
# (stray 0x90/0x9D bytes, curly-quote mojibake) and other C0/C1 controls. ESC, CSI and the string
# terminators are left out: followed by printable text they can form a real sequence.
_LONE = st.sampled_from(["\x90", "\x9d", "\x98", "\x9e", "\x9f", "\x81", "\x8d", "\x8f", "\x00", "\x01", "\x7f"])
_SEQUENCES = st.sampled_from([
    "\x1b[31m", "\x1b[0m", "\x1b[2J", "\x9b2J", "\x1b]52;c;ZXZpbA==\x07", "\x1b]8;;http://x\x1b\\",
    "\x9d0;title\x9c", "\x1bP1$r\x1b\\", "\x90q#0\x9c", "\x1bc", "\x1b7", "\x1b_apc\x1b\\",
])


@given(st.lists(st.tuples(_PLAIN, st.one_of(_LONE, _SEQUENCES, st.just(""))), max_size=12))
def test_only_control_sequences_are_removed(parts: list[tuple[str, str]]) -> None:
    text = "".join(plain + control for plain, control in parts)
    assert sanitize(text) == "".join(plain for plain, _ in parts)


def test_lone_c1_keeps_the_rest_of_the_article(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"T\n\nFirst paragraph is fine.\n\nPrice 5\x90 here.\n\nThird.\n")
    (tmp_path / "b.txt").write_text("Headline here\n\nShe said \u00e2\u20ac\u009cyes\u00e2\u20ac\u009d and "
                                    "left.\n\nThe second paragraph stays.\n", encoding="utf-8")
    articles, _ = read_all(discover([tmp_path])[0])
    bodies = " ".join(a.body for a in articles)
    assert "Price 5 here." in bodies and "Third." in bodies
    assert "and left." in bodies and "The second paragraph stays." in bodies


def test_unterminated_sequence_loses_only_its_introducer() -> None:
    assert sanitize("a\x1b]52;c;not closed and more text") == "a52;c;not closed and more text"
    assert sanitize("a\x9d0;" + "x" * 5000 + "\x07b") == "a0;" + "x" * 5000 + "b"


def _read(tmp_path: Path, name: str, data: bytes) -> tuple[list, list[str]]:
    (tmp_path / name).write_bytes(data)
    articles, problems = read_all(discover([tmp_path / name])[0])
    return articles, [p.message for p in problems]


def test_json_lines_with_a_long_first_line_are_records(tmp_path: Path) -> None:
    import json
    lines = [json.dumps({"id": i, "title": f"T{i}", "text": f"Record {i} body. " + "word " * 2000})
             for i in range(3)]
    articles, _ = _read(tmp_path, "long.txt", "\n".join(lines).encode())
    assert sorted(a.title for a in articles) == ["T0", "T1", "T2"]


def test_deeply_nested_json_is_a_bad_file_not_text(tmp_path: Path) -> None:
    for name, data in (("deep.txt", b"[" * 100_000 + b"]" * 100_000),
                       ("deep2.json", b'{"a":' * 100_000 + b"1" + b"}" * 100_000)):
        articles, problems = _read(tmp_path, name, data)
        assert articles == [] and any("nested too deeply" in p for p in problems), problems


def test_repeated_problems_of_one_file_are_grouped(tmp_path: Path) -> None:
    import json
    articles, problems = _read(tmp_path, "bad.json", json.dumps([{"x": i} for i in range(100_000)]).encode())
    assert articles == [] and len(problems) == 1
    assert "100,000" in problems[0] and "first at line 1" in problems[0]


def test_a_large_removed_share_is_reported(tmp_path: Path) -> None:
    body = "Headline\n\nA paragraph of ordinary text." + "\x1b[31m" * 200 + "\n"
    articles, problems = _read(tmp_path, "esc.txt", body.encode())
    assert articles and any("were removed" in p for p in problems)
    _, quiet = _read(tmp_path, "plain.txt", b"Headline\n\nA \x1b[1mbold\x1b[0m word.\n" + b"Ordinary text. " * 100)
    assert not any("were removed" in p for p in quiet)
