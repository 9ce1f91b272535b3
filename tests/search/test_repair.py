"""Damage is repaired, not hidden: a damaged entity list, bit rot in a segment, a full disk mid-build."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from search.engine.segment_writer import BulkSegmentWriter
from search.errors import IndexUnavailableError
from search.library import Library

STORY = "Defence Minister Shinjiro Koizumi visited Okinawa on day {n}. Ships sailed to Guam and back. "


def _corpus(tmp_path: Path, count: int = 4) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(count):
        (corpus / f"a{n}.txt").write_text(f"Story number {n} about Okinawa\n\n" + STORY.format(n=n) * 8 + "\n")
    return corpus


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib = Library(tmp_path / "data", [_corpus(tmp_path)])
    yield lib
    lib.close()


def _flip_bytes(path: Path) -> None:
    """Bit rot: bytes changed in place, the length kept."""
    data = bytearray(path.read_bytes())
    for i in range(len(data) // 10, len(data) * 9 // 10, 7):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["deleted", "garbage", "cut off"])
def test_a_damaged_entity_list_is_rebuilt_from_the_index(library: Library, damage: str) -> None:
    library.sync()
    before = [(e.name, e.articles, e.mentions) for e in library.entities()]
    assert any(name == "Shinjiro Koizumi" for name, _, _ in before)
    path = library.store.index_dir / "entities.json"
    if damage == "deleted":
        path.unlink()
    elif damage == "garbage":
        path.write_bytes(b"\x00\xff not json")
    else:
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    report = library.sync()
    assert any("entity list was" in p.message for p in report.problems), report.problems
    library.refresh()
    assert [(e.name, e.articles, e.mentions) for e in library.entities()] == before


def test_a_damaged_entity_list_is_rebuilt_when_read(library: Library) -> None:
    library.sync()
    before = [e.name for e in library.entities()]
    (library.store.index_dir / "entities.json").write_text('{"half": ', encoding="utf-8")
    library.refresh()
    assert [e.name for e in library.entities()] == before


def test_bit_rot_is_one_message_and_index_rebuilds_by_itself(tmp_path: Path) -> None:
    library = Library(tmp_path / "data", [_corpus(tmp_path, 30)])
    library.sync(entities=False)
    segment = max(library.store.index_dir.glob("*.seg"), key=lambda p: p.stat().st_size)
    _flip_bytes(segment)
    library.refresh()
    with pytest.raises(IndexUnavailableError, match=r"damaged .*run `alliance-reader index`"):
        for row in library.list_articles():
            library.article(row.id)
    report = library.sync(entities=False)
    assert report.rebuilt and any("damaged" in p.message for p in report.problems)
    assert len(library.list_articles()) == 30 and library.search("okinawa").total == 30
    library.close()


def test_a_full_disk_during_a_fresh_build_leaves_nothing_behind(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(self: BulkSegmentWriter, *args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(BulkSegmentWriter, "commit", full)
    with pytest.raises(IndexUnavailableError, match=r"No space left.*half-written build was removed"):
        library.sync(entities=False)
    assert not library.store.building_dir.exists()
    assert not library.store.index_dir.exists()
