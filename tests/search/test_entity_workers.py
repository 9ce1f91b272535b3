"""Entity extraction split across worker processes gives exactly what one process gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.model import Article
from search.entity_workers import MIN_PARALLEL_BATCH, EntityWorkers
from search.errors import SearchError

PEOPLE = ["Shinjiro Koizumi", "Pete Hegseth", "Antony Blinken", "Yoshimasa Hayashi", "Lloyd Austin"]
PLACES = ["Guam", "Tokyo", "Okinawa", "Washington", "Manila"]


def articles(count: int) -> list[Article]:
    made = []
    for n in range(count):
        person, place = PEOPLE[n % len(PEOPLE)], PLACES[n % len(PLACES)]
        body = f"Defence Minister {person} visited {place} on Monday. {person.split()[-1]} met officials there."
        made.append(Article(id=f"a{n}", title=f"Visit {n}", origin="test", paragraphs=(body,)))
    return made


def test_two_processes_match_one() -> None:
    batch = articles(MIN_PARALLEL_BATCH + 8)
    serial = EntityWorkers(None, procs=1)
    parallel = EntityWorkers(None, procs=2)
    try:
        one = serial(batch)
        two = parallel(batch)
        assert parallel._pool is not None, "a batch this size goes to the worker processes"
    finally:
        parallel.close()
    assert [a.entities for a in two] == [a.entities for a in one]
    assert all(any(e.type.value == "person" for e in a.entities) for a in one)


def test_small_batches_stay_in_process() -> None:
    workers = EntityWorkers(None, procs=2)
    done = workers(articles(3))
    assert workers._pool is None
    assert all(a.entities for a in done)


def test_malformed_alias_file_is_a_plain_error(tmp_path: Path) -> None:
    bad = tmp_path / "aliases.toml"
    bad.write_text("[person\n", encoding="utf-8")
    with pytest.raises(SearchError, match=r"aliases\.toml"):
        EntityWorkers(bad, procs=2)(articles(MIN_PARALLEL_BATCH))
