"""Benchmark for issue 15: what quote extraction adds to the entity pass, and timeline/co-mention speed.

    python tests/bench_quotes.py extraction --corpus ../shared/corpora/bbc --limit 300
    python tests/bench_quotes.py scale --articles 50000 --with-entity 5000

`extraction` times spaCy entity extraction and quote extraction on the same articles (per article).
`scale` writes a synthetic index of ARTICLES documents (entities and quotes given, no spaCy), one entity
in WITH_ENTITY of them, and times co-mentions, the timeline and the quotes of that entity, then the
timeline and quotes of a query matching the same articles (a word of its name) and of every article
(all from the appearances column), and the timeline read from the stored articles for comparison.
Figures are printed, never asserted (shared cores make times noisy: the CPU figure is the steadier
one). `--work DIR` keeps the index for the next run; `--repeat N` runs each figure N times.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from corpus.model import Article, DateConfidence, Entity, EntityType, PublishedDate, Span  # noqa: E402
from corpus.quotes import extract_quotes  # noqa: E402


def extraction(corpus: Path, limit: int) -> None:
    from corpus.entities import extract_entities
    from corpus.ingest import discover, read_all

    sources, _ = discover([corpus])
    random.Random(15).shuffle(sources)
    articles, _ = read_all(sources[:limit])
    extract_entities(articles[:2])  # load the model outside the timing
    started, cpu = time.perf_counter(), time.process_time()
    found = extract_entities(articles)
    entity_seconds, entity_cpu = time.perf_counter() - started, time.process_time() - cpu
    enriched = [a.with_(entities=e) for a, e in zip(articles, found, strict=True)]
    started, cpu = time.perf_counter(), time.process_time()
    quotes = [extract_quotes(a) for a in enriched]
    quote_seconds, quote_cpu = time.perf_counter() - started, time.process_time() - cpu
    from search.appearances import appearances

    with_quotes = [a.with_(quotes=q) for a, q in zip(enriched, quotes, strict=True)]
    started = time.perf_counter()
    sizes = [len(appearances(a)) for a in with_quotes]
    column_seconds = time.perf_counter() - started
    n = len(articles)
    print(
        f"{n} articles, {sum(len(q) for q in quotes)} quotes, {sum(q.speaker is not None for x in quotes for q in x)} "
        f"with a speaker"
    )
    print(f"entity extraction {entity_seconds / n * 1000:.1f} ms/article (one process)")
    print(
        f"quote extraction  {quote_seconds / n * 1000:.2f} ms/article = {quote_seconds / entity_seconds:.1%} "
        f"of the entity pass (CPU: {quote_cpu / n * 1000:.2f} of {entity_cpu / n * 1000:.1f} ms/article = "
        f"{quote_cpu / entity_cpu:.1%})"
    )
    print(
        f"appearances column {column_seconds / n * 1000:.2f} ms/article = {column_seconds / entity_seconds:.1%} "
        f"of the entity pass, {sum(sizes) / n / 1024:.1f} KB/article"
    )


WORDS = [
    "alliance",
    "talks",
    "defense",
    "budget",
    "missile",
    "navy",
    "port",
    "trade",
    "summit",
    "deterrence",
    "minister",
    "officials",
    "agreed",
    "statement",
    "security",
    "cooperation",
    "exercise",
    "region",
    "pressure",
]


POOL = [Entity(f"Person{n} Name{n}", EntityType.PERSON, f"person:p{n}") for n in range(300)]
TARGET = Entity("Maria Kowalski", EntityType.PERSON, "person:maria kowalski")


def _article(i: int, with_target: bool) -> Article:
    """Synthetic article number `i`, the same whichever process makes it (its own random stream)."""
    rng = random.Random(15_000_000 + i)
    text = " ".join(rng.choice(WORDS) for _ in range(25))
    body_parts = [f"Officials met on day {i}. {text}."]
    entities = []
    mentioned = rng.sample(POOL, 3) + ([TARGET] if with_target else [])
    for entity in mentioned:
        offset = sum(len(p) + 2 for p in body_parts)
        sentence = f'{entity.name} said "{text[:60]}," at the talks.'
        body_parts.append(sentence)
        entities.append(
            Entity(entity.name, entity.type, entity.key, None, (), (Span(offset, offset + len(entity.name)),))
        )
    article = Article(
        id=f"a{i:06d}",
        title=f"Talks {i}",
        origin=f"/synthetic/{i}.txt",
        paragraphs=tuple(body_parts),
        source=rng.choice(["Harbor Post", "Pacific Ledger", "Kyodo"]),
        published=PublishedDate(dt.date(2015, 1, 1) + dt.timedelta(days=i % 3650), DateConfidence.STATED, "bench"),
        entities=tuple(entities),
    )
    return article.with_(quotes=extract_quotes(article))


def _synthetic_documents(numbers: Sequence[tuple[int, bool]], seen: set[str], problems: list[Any]) -> list[Any]:
    """The engine's `ReadFiles` for synthetic articles: (number, names the target) -> documents."""
    from search.documents import article_document
    from search.engine import ReadDocument

    made = [_article(i, with_target) for i, with_target in numbers]
    return [ReadDocument(article_document(a, a.origin, "0"), a.id, a.origin) for a in made]


def _build(folder: Path, articles: int, with_entity: int) -> None:
    """The synthetic index, written the way a library build writes one (both cores, whole segments in
    bulk), and kept in `folder` for the next run with the same sizes."""
    from whoosh import index as whoosh_index

    from search.documents import index_schema
    from search.engine import build_in_parallel, chunked, remove_worker_leftovers
    from search.spawning import WORKERS

    marker = folder / "bench_quotes.json"
    wanted = {"articles": articles, "with_entity": with_entity, "version": 2}
    if marker.exists() and json.loads(marker.read_text()) == wanted:
        return
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    chosen = set(random.Random(15).sample(range(articles), with_entity))
    numbers = [(i, i in chosen) for i in range(articles)]
    started = time.perf_counter()
    ix = whoosh_index.create_in(str(folder), index_schema())
    size = -(-articles // (WORKERS * 2))  # two segments per worker, as a library build makes
    build_in_parallel(
        ix, chunked(numbers, size), read_files=_synthetic_documents, procs=WORKERS, known_hashes=set(),
        on_chunk=lambda result, kept: None, lock_wait=0,
    )  # fmt: skip
    remove_worker_leftovers(folder)
    marker.write_text(json.dumps(wanted))
    print(f"wrote {articles} synthetic documents in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def scale(articles: int, with_entity: int, work: Path | None, repeat: int) -> None:
    from whoosh import index as whoosh_index

    from search import analysis
    from search.query import parse_query
    from search.results import EntitySummary

    with tempfile.TemporaryDirectory(prefix="quotes15-bench-") as scratch:
        folder = work or Path(scratch) / "index"
        _build(folder, articles, with_entity)
        ix = whoosh_index.open_dir(str(folder))
        target, pool = TARGET, POOL
        summaries = [EntitySummary(e.key, e.name, "person", (), (), (), 1) for e in [*pool, target]]
        print(f"{ix.doc_count()} documents in {len(ix._segments())} segments", file=sys.stderr)
        with ix.searcher() as searcher:
            query = parse_query("kowalski", searcher)  # a word of the entity's name: its articles, as a query
            for label, run in (
                ("co-mentions", lambda: analysis.co_mentions(searcher, target.key, summaries)),
                ("co-mentions by year", lambda: analysis.co_mentions(searcher, target.key, summaries, by_year=True)),
                ("timeline", lambda: analysis.entity_timeline(searcher, target.key)),
                ("quotes", lambda: analysis.entity_quotes(searcher, target.key)),
                ("roles", lambda: analysis.entity_roles(searcher, target.key)),
                ("timeline, query", lambda: analysis.query_timeline(searcher, query)),
                ("quotes, query", lambda: analysis.query_quotes(searcher, query)),
                ("timeline, all (query)", lambda: analysis.query_timeline(searcher, None)),
                ("quotes, all (query)", lambda: analysis.query_quotes(searcher, None)),
                (
                    "timeline, no column",
                    lambda: analysis.timeline(
                        analysis.articles(searcher, analysis.matching_docnums(searcher, None, target.key)), target.key
                    ),
                ),
            ):
                times, cpu = [], []
                for _ in range(repeat):
                    started, started_cpu = time.perf_counter(), time.process_time()
                    found = run()
                    times.append(time.perf_counter() - started)
                    cpu.append(time.process_time() - started_cpu)
                print(
                    f"{label:22s} {min(times) * 1000:7.0f} ms wall (median {statistics.median(times) * 1000:.0f}), "
                    f"{min(cpu) * 1000:6.0f} ms CPU (median {statistics.median(cpu) * 1000:.0f}), best of {repeat}, "
                    f"{len(found)} rows, entity in {with_entity} of {articles} articles"
                )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    one = commands.add_parser("extraction")
    one.add_argument("--corpus", type=Path, required=True)
    one.add_argument("--limit", type=int, default=300)
    two = commands.add_parser("scale")
    two.add_argument("--articles", type=int, default=50_000)
    two.add_argument("--with-entity", type=int, default=5_000)
    two.add_argument("--work", type=Path, help="keep the index here between runs (rebuilt when the sizes differ)")
    two.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if args.command == "extraction":
        extraction(args.corpus, args.limit)
    else:
        scale(args.articles, args.with_entity, args.work, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
