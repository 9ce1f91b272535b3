"""Text first, entities after: search works before entity extraction, which then resumes after a kill."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

import pytest

from corpus.model import Article, Entity, EntityType, Span
from search import library as library_module
from search.entity_registry import EntityRegistry
from search.library import Library

ROOT = Path(__file__).resolve().parents[2]

FAKE_EXTRACTOR = """
from corpus.model import Entity, EntityType, Span
def fake_extractor(aliases_file=None):
    def extract(articles):
        out = []
        for a in articles:
            found = [Entity("Guam", EntityType.PLACE, "place:guam", mentions=(Span(0, 4),))]
            if "Okinawa" in a.body:
                found.append(Entity("Okinawa", EntityType.PLACE, "place:okinawa", mentions=(Span(0, 7), Span(9, 16))))
            out.append(a.with_(entities=tuple(found)))
        return out
    return extract
class FakeWorkers:
    def __init__(self, aliases_file=None):
        self.extract = fake_extractor(aliases_file)
    def __call__(self, articles):
        return self.extract(articles)
    def close(self):
        pass
"""
namespace: dict[str, object] = {}
exec(FAKE_EXTRACTOR, namespace)  # the same fake in this process and in the killed child
fake_extractor = namespace["fake_extractor"]


def write_articles(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        extra = " Okinawa hosts bases." if n % 2 else ""
        (folder / f"a{n:03}.txt").write_text(f"Report {n} from Guam\n\nParagraph {n} about Guam.{extra}\n",
                                             encoding="utf-8")


@pytest.fixture
def fake_entities(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library_module, "EntityWorkers", namespace["FakeWorkers"])


def test_text_is_searchable_before_entities_then_enriched(tmp_path: Path, fake_entities: None) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 6)
    library = Library(tmp_path / "data", [corpus])
    library.sync(entities=False)
    assert library.search("guam").total == 6
    assert library.pending_entities() == 6
    assert library.entities() == []
    phases: list[str] = []
    done = library.extract_entities(progress=lambda p: phases.append(p.phase))
    assert done == 6 and library.pending_entities() == 0
    assert "finding entities" in phases
    by_key = {e.key: e for e in library.entities()}
    assert len(by_key["place:guam"].articles) == 6
    assert len(by_key["place:okinawa"].articles) == 3 and by_key["place:okinawa"].mentions == 6
    assert library.search("place:okinawa").total == 3
    assert len(library.article(library.list_articles()[0].id).entities) >= 1
    assert library.extract_entities() == 0, "nothing is extracted twice"


def test_sync_with_entities_does_both(tmp_path: Path, fake_entities: None) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 3)
    library = Library(tmp_path / "data", [corpus])
    library.sync(entities=True)
    assert library.pending_entities() == 0
    assert {e.key for e in library.entities()} == {"place:guam", "place:okinawa"}


def test_changed_article_replaces_its_entities(tmp_path: Path, fake_entities: None) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 2)
    library = Library(tmp_path / "data", [corpus])
    library.sync(entities=True)
    (corpus / "a001.txt").write_text("Report 1 from Guam\n\nNo islands named now.\n", encoding="utf-8")
    library.sync(entities=True)
    by_key = {e.key: e for e in library.entities()}
    assert "place:okinawa" not in by_key
    assert len(by_key["place:guam"].articles) == 2


def test_killed_entity_pass_resumes_without_double_counting(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 8)
    data = tmp_path / "data"
    Library(data, [corpus]).sync(entities=False)
    script = FAKE_EXTRACTOR + textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from search import index, library
        library.EntityWorkers = FakeWorkers
        index.ENRICH_BATCH = 3
        def progress(step):
            if step.phase == "finding entities" and step.done >= 3:
                os.kill(os.getpid(), signal.SIGKILL)
        library.Library(Path({str(data)!r}), [Path({str(corpus)!r})]).extract_entities(progress=progress)
        """
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == -signal.SIGKILL, done.stderr
    library = Library(data, [corpus])
    assert library.pending_entities() == 5
    assert library.search("guam").total == 8, "the index still opens and holds every article"
    assert library.store.enrich(fake_extractor()) == 5
    by_key = {e.key: e for e in library.entities()}
    assert len(by_key["place:guam"].articles) == 8
    assert by_key["place:guam"].mentions == 8, "a batch redone after the kill is not counted twice"


def _article(article_id: str, *keys: str) -> Article:
    entities = tuple(Entity(k.title(), EntityType.PERSON, k, mentions=(Span(0, 1),)) for k in keys)
    return Article(id=article_id, title=article_id, origin=article_id, entities=entities)


def test_registry_journal_replays_and_survives_a_torn_line(tmp_path: Path) -> None:
    path = tmp_path / "entities.json"
    registry = EntityRegistry()
    registry.add(_article("a", "koizumi", "hegseth"))
    registry.save(path)
    registry.add(_article("b", "koizumi"))
    registry.forget("a")
    registry.add(_article("b", "koizumi"))  # the same article again: replaced, not added up
    registry.flush(path)
    with (tmp_path / "entities.json.log").open("a", encoding="utf-8") as log:
        log.write('{"op": "add", "id": "c", "entit')  # a kill in the middle of a write
    loaded = {e.key: e for e in EntityRegistry.load(path).summaries()}
    assert set(loaded) == {"koizumi"}
    assert loaded["koizumi"].articles == ("b",) and loaded["koizumi"].mentions == 1


def test_corrupt_registry_is_rebuilt_from_the_index(tmp_path: Path, fake_entities: None) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 2)
    library = Library(tmp_path / "data", [corpus])
    library.sync(entities=True)
    before = library.entities()
    (library.store.index_dir / "entities.json").write_text("{not json", encoding="utf-8")
    library.refresh()
    assert library.entities() == before != []
    assert library.search("guam").total == 2


def _extract_nothing(articles: Sequence[Article]) -> list[Article]:
    return list(articles)


def test_articles_without_entities_are_not_pending_forever(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 2)
    library = Library(tmp_path / "data", [corpus])
    library.sync(entities=False)
    assert library.store.enrich(_extract_nothing) == 2
    assert library.pending_entities() == 0
