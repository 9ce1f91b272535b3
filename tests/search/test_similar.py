"""Near-identical copies of one story are grouped by lookup, not dropped and not confused with others."""

from __future__ import annotations

from pathlib import Path

from search.library import Library

STORY = (
    "Japan and the United States agreed on Tuesday to deepen cooperation on missile defence, with the two "
    "defence ministers announcing joint production of interceptors, new radar sites on the southwest islands "
    "and a standing command cell in Tokyo that will coordinate the forces of both countries in a crisis."
)


def test_wire_copies_are_similar_and_unrelated_stories_are_not(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "a.txt").write_text(f"Allies deepen missile defence ties\n\n{STORY}\n\n- AP\n", encoding="utf-8")
    (folder / "b.txt").write_text(
        f"US, Japan agree on missile defence\n\n{STORY.replace('Tuesday', 'Tuesday evening')}\n\n- Reuters\n",
        encoding="utf-8",
    )
    (folder / "c.txt").write_text(
        "Trade talks stall\n\nNegotiators from both sides left Geneva without an agreement on tariffs for cars, "
        "steel and rice, and said they would meet again after the elections in the autumn.\n",
        encoding="utf-8",
    )
    library = Library(tmp_path / "data", [folder])
    library.sync(entities=False)
    by_title = {a.title: a for a in library.list_articles()}
    assert len(by_title) == 3, "near-duplicates are kept, not dropped"
    first = library.article(by_title["Allies deepen missile defence ties"].id)
    similar = library.similar(first)
    assert [s.title for s in similar] == ["US, Japan agree on missile defence"]
    trade = library.article(by_title["Trade talks stall"].id)
    assert library.similar(trade) == []
    library.close()
