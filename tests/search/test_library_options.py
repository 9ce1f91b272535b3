"""Options that let a caller skip work it will not show."""

from __future__ import annotations

from pathlib import Path

from search.library import Library


def test_search_without_snippets_or_facets_returns_the_same_hits(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    for n in range(4):
        (folder / f"{n}.txt").write_text(f"Guam story {n}\n\nMarines on Guam, item {n}.\n", encoding="utf-8")
    library = Library(tmp_path / "data", [folder])
    library.sync(entities=False)
    full = library.search("guam", limit=10)
    bare = library.search("guam", limit=10, snippets=False, facets=False)
    assert [h.id for h in bare.hits] == [h.id for h in full.hits]
    assert bare.total == full.total == 4
    assert all(h.snippet.text == "" for h in bare.hits)
    assert all("Guam" in h.snippet.text for h in full.hits)
    assert bare.facets == {} and full.facets
    library.close()
