"""Benchmark: index build speed, entity extraction speed, query latency, start-up, memory.

    python tests/bench.py --corpus ../shared/corpora/bbc --copies 10 --json
    python tests/bench.py --synthetic 100000 --no-ner --json

Why a script and not a test: shared cores make absolute times noisy (up to 2x run to run), so figures are
printed for people to compare, never asserted. Progress goes to stderr, one JSON object to stdout.

Read-side figures (queries, keystrokes, article open, `rss_mb`) come from a fresh child process that only
opens the finished index, so its peak RSS is what a reader would use, not what the build used.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# The mix of the first tuning study: common and rare terms, AND, OR, phrases, title:, fuzzy, prefix, date ranges.
BBC_QUERIES = (
    "government", "people", "market", "film", "year",
    "ipod", "chelsea", "stalactite", "hegseth", "okinawa",
    "economy AND growth", "blair AND election", "music AND award",
    "football OR rugby", "oil OR gas", "mobile OR phone",
    '"prime minister"', '"interest rates"', '"world cup"',
    "title:election", "title:sales", "title:film",
    "goverment~", "elecion~", "musik~",
    "econom*", "tele*", "champ*",
    "date:2005", "election after:2004-06",
)
SYNTHETIC_QUERIES = (
    "alliance", "defence", "japan", "minister", "treaty",
    "okinawa", "hegseth", "stalactite", "semiconductor", "typhoon",
    "japan AND alliance", "minister AND treaty", "okinawa AND base",
    "missile OR radar", "tokyo OR washington", "navy OR coast",
    '"prime minister"', '"joint exercise"', '"security treaty"',
    "title:alliance", "title:summit", "title:okinawa",
    "aliance~", "minster~", "deterence~",
    "defen*", "secur*", "sum*",
    "date:2021", "alliance after:2023-01",
)
TYPED_WORDS = {"bbc": ("government", "election", "champion"), "synthetic": ("alliance", "okinawa", "deterrence")}


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def anon_rss_mb() -> float | None:
    """Private memory now (RssAnon): VmHWM also counts the memory-mapped index files, which the kernel
    can drop and re-read at will, so both figures are reported."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("RssAnon:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return None


def peak_rss_mb() -> float:
    """VmHWM (peak resident set) of this process, from /proc; 0 when /proc is not there."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def worker_peak_rss_mb() -> float | None:
    """Peak resident set of the largest finished child process (the build's workers), where known."""
    try:
        import resource
    except ImportError:
        return None
    return round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return round(ordered[index], 2)


# -- corpora ---------------------------------------------------------------------------------------------
def replicate(corpus: Path, copies: int, target: Path) -> int:
    """K copies of every file; each copy's title gets a copy tag so content-hash dedup keeps all of them."""
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix == ".txt" and p.name[0] != ".")
    files = [p for p in files if p.name != "README.TXT"]
    count = 0
    for copy in range(copies):
        folder = target / f"copy{copy:03}"
        for path in files:
            data = path.read_bytes()
            title, sep, rest = data.partition(b"\n")
            out = folder / path.relative_to(corpus)
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(title.rstrip() + (b" (c%d)" % copy if copy else b"") + sep + rest)
            count += 1
    return count


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


_CORE = _words(
    "alliance defence defense japan japanese minister treaty security okinawa base tokyo washington navy "
    "missile radar coast guard exercise joint summit deterrence semiconductor typhoon pacific china taiwan "
    "korea trade tariff economy yen dollar troops marines command control agreement cooperation talks "
    "president prime secretary foreign state government parliament election policy budget spending "
    "industry supply chain energy climate islands region strategy forces air force army ship port"
)
_COMMON = _words(
    "the of and to in a is that for on with as was by at from it an be has have said are this were which "
    "will not but they their its also more new after over two first year years people time one would could "
    "last about week month day plan report officials group during since under between while other")
_RARE = _words("hegseth stalactite koizumi nakatani ishiba funakoshi bessent yokosuka iwakuni kadena sasebo "
         "misawa henoko futenma senkaku")
_SYLLABLES = _words("ka to ri ma ne so lu vi den gar pol tem sar ven mor lin bra cus tal fen dro mi ra ko")


_PHRASES = ("prime minister", "joint exercise", "security treaty", "coast guard", "supply chain")


def synthetic(count: int, target: Path, seed: int = 7) -> int:
    """`count` Markdown articles with front matter (title, date, source), ~380 words like the BBC ones.

    Document frequencies are news-like: each article is about two of twelve topics (a topic word is in
    ~10-25% of articles), the rest of its words come from a Zipf-distributed vocabulary of 8,000 made-up
    words, plus stop words, plus a rare name in 2% of articles.
    """
    rng = random.Random(seed)
    filler = sorted({"".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(9000)})
    rng.shuffle(filler)
    weights = [1.0 / (rank + 10) for rank in range(len(filler))]
    topics = [_CORE[i::12] for i in range(12)]
    sources = ("The Japan Times", "Stars and Stripes", "Nikkei Asia", "Defense News", "Kyodo", "NHK World")
    for n in range(count):
        folder = target / f"{n // 1000:03}"
        if n % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        day = 18000 + rng.randrange(2500)  # days since 1970: 2019-2025
        date = time.strftime("%Y-%m-%d", time.gmtime(day * 86400))
        about = [*rng.choice(topics), *rng.choice(topics)]
        title = " ".join(rng.choices(about, k=rng.randint(3, 6))).capitalize() + f" {n}"
        paragraphs = []
        for _ in range(rng.randint(4, 8)):
            words = rng.choices(filler, weights, k=rng.randint(25, 50))
            words += rng.choices(about, k=rng.randint(1, 4))
            words += rng.choices(_COMMON, k=len(words) // 2)
            if rng.random() < 0.1:
                words.append(rng.choice(_PHRASES))
            if rng.random() < 0.005:
                words.append(rng.choice(_RARE))
            rng.shuffle(words)
            paragraphs.append(" ".join(words).capitalize() + ".")
        text = f"---\ntitle: {title}\ndate: {date}\nsource: {rng.choice(sources)}\n---\n\n" + "\n\n".join(paragraphs)
        (folder / f"s{n:06}.md").write_text(text + "\n", encoding="utf-8")
    return count


# -- phases ----------------------------------------------------------------------------------------------
def build(data: Path, corpus: Path, *, rebuild: bool, entities: bool = False, quotes: bool = True) -> dict[str, Any]:
    from search.library import Library

    if not quotes:  # quote extraction off, for measuring its share of a build with entities
        import search.entity_workers

        search.entity_workers.extract_quotes = lambda article: ()

    library = Library(data, [corpus])
    last = [0.0]
    start = time.perf_counter()
    searchable: list[float] = []

    def progress(step: Any) -> None:
        if step.phase == "optimising" and not searchable:
            searchable.append(time.perf_counter() - start)  # a rebuild is swapped in before its merge
        now = time.monotonic()
        if now - last[0] > 5 or step.phase == "done":
            last[0] = now
            log(f"  {step.phase} {step.done}/{step.total}")

    cpu_before = _cpu_seconds()
    report = library.sync(entities=entities, rebuild=rebuild, progress=progress)
    seconds = time.perf_counter() - start
    count = library.count()
    segments = len(library.store.open()._segments())
    library.close()  # stops the entity workers, so their CPU time is counted
    cpu = _cpu_seconds() - cpu_before
    log(f"built {count} articles in {seconds:.1f} s ({report.added} added, {len(report.problems)} problems)")
    return {
        "articles": count,
        "index_seconds": round(seconds, 1),
        "index_cpu_s": round(cpu, 1),  # this process and its finished workers: steadier than wall time
        "entities": entities,
        "quotes": quotes if entities else None,
        "index_articles_per_s": round(report.added / seconds, 1) if report.added else None,
        "searchable_s": round(searchable[0], 1) if searchable else round(seconds, 1),
        "segments": segments,
        "build_rss_mb": peak_rss_mb(),
        "build_worker_rss_mb": worker_peak_rss_mb(),
        "index_mb": round(sum(f.stat().st_size for f in library.store.index_dir.iterdir()) / 2**20, 1),
    }


def _cpu_seconds() -> float:
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def ner_speed(data: Path, corpus: Path, sample: int) -> dict[str, Any]:
    """Words per second of the real extractor on `sample` indexed articles (the whole corpus takes hours):
    on one core (the issue's figure), then with the two worker processes an index build uses."""
    from corpus.entities import extract_entities
    from search.entity_workers import MIN_PARALLEL_BATCH, EntityWorkers
    from search.library import Library

    library = Library(data, [corpus])
    ids = [row.id for row in library.list_articles(sort="title", limit=sample)]
    articles = [library.article(i) for i in ids]
    library.close()
    words = sum(len(a.body.split()) for a in articles)
    start = time.perf_counter()
    extract_entities(articles[:2])  # model load, reported apart
    load = time.perf_counter() - start
    start = time.perf_counter()
    extract_entities(articles)
    seconds = time.perf_counter() - start
    workers = EntityWorkers(None)
    try:
        workers(articles[:MIN_PARALLEL_BATCH])  # starts the workers and loads their models
        start = time.perf_counter()
        workers(articles)
        parallel = time.perf_counter() - start
    finally:
        workers.close()
    log(f"NER: {words} words in {seconds:.1f} s on one core ({parallel:.1f} s on the workers), {load:.1f} s load")
    return {"ner_words_per_s": round(words / seconds), "ner_words_per_s_workers": round(words / parallel),
            "ner_sample_articles": len(articles), "ner_load_s": round(load, 1)}


def time_ms(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


# What the app's list asks for on each keystroke (tui/screens/library_work.py): no snippets or facets,
# a 30 ms budget on large libraries; the exact ranking follows once typing pauses.
KEYSTROKE_CALL: dict[str, Any] = {"limit": 300, "facets": False, "snippets": False, "budget_ms": 30}
# The query figure: parse, rank, total, did-you-mean, 20 hits with highlighted snippets (what
# `alliance-reader search` prints). Facet counts walk every match, so they are timed apart.
QUERY_CALL: dict[str, Any] = {"limit": 20, "facets": False}
FACETS_CALL: dict[str, Any] = {"limit": 20, "facets": True}


def keystrokes(library: Any, words: Sequence[str]) -> tuple[list[float], list[float], int]:
    """Each word typed letter by letter, as the app's list asks: the first answer's time, the time until
    the exact top rows are known (the first answer when it was exact, else the first plus the app's
    follow-up search without a budget; the app's pause before it is left out), and how many first
    answers were already exact."""
    from search.errors import QueryError

    first: list[float] = []
    exact: list[float] = []
    first_exact = 0
    for word in words:
        for end in range(1, len(word) + 1):
            typed = word[:end]
            start = time.perf_counter()
            try:
                result = library.search(typed, **KEYSTROKE_CALL)
            except QueryError:
                continue
            first.append((time.perf_counter() - start) * 1000)
            if result.needs_exact:
                exact_call = {k: v for k, v in KEYSTROKE_CALL.items() if k != "budget_ms"}
                library.search(typed, **exact_call)
            else:
                first_exact += 1
            exact.append((time.perf_counter() - start) * 1000)
    return first, exact, first_exact


def read_side(data: Path, corpus: Path, kind: str) -> dict[str, Any]:
    """Run in a fresh process: open, list, queries, typing, article opening; peak RSS of a reader."""
    from search.errors import QueryError
    from search.library import Library

    start = time.perf_counter()
    library = Library(data, [corpus])
    library.count()
    open_ms = (time.perf_counter() - start) * 1000
    list_ms = [time_ms(lambda: library.list_articles(sort="date", limit=200)) for _ in range(3)]
    page_ms = time_ms(lambda: library.list_articles(sort="date", offset=library.count() // 2, limit=200))
    # The first facet count of an open index also reads each segment's facet columns (kept after that).
    facets_first_ms = time_ms(lambda: library.facets(""))
    queries = BBC_QUERIES if kind == "bbc" else SYNTHETIC_QUERIES
    used: list[dict[str, Any]] = []
    skipped: list[dict[str, str]] = []
    samples: list[float] = []
    facet_samples: list[float] = []
    cold_samples: list[float] = []
    for text in queries:
        try:
            # the first run reads the query's words from disk (or the page cache) and decodes them
            cold_samples.append(time_ms(lambda t=text: library.search(t, **QUERY_CALL)))
        except QueryError as exc:
            skipped.append({"query": text, "error": str(exc)})
            continue
        runs = [time_ms(lambda t=text: library.search(t, **QUERY_CALL)) for _ in range(2)]
        result = library.search(text, **QUERY_CALL)
        samples.extend(runs)
        facet_samples.append(time_ms(lambda t=text: library.search(t, **FACETS_CALL)))
        used.append({"query": text, "ms": round(min(runs), 1), "total": result.total, "hits": len(result.hits)})
    keys, exact_keys, first_exact = keystrokes(library, TYPED_WORDS[kind])
    opened: list[float] = []
    for entry in used[:15]:
        for hit in library.search(entry["query"], limit=3).hits:
            def open_article(i: str = hit.id, q: str = entry["query"]) -> None:
                library.match_spans(q, library.article(i))
            opened.append(time_ms(open_article))
    return {
        "open_ms": round(open_ms, 1),
        "list_first_page_ms": round(min(list_ms), 1),
        "list_middle_page_ms": round(page_ms, 1),
        "query_p50_ms": percentile(samples, 0.5),
        "query_p95_ms": percentile(samples, 0.95),
        "facets_first_ms": round(facets_first_ms, 1),
        "query_with_facets_p50_ms": percentile(facet_samples, 0.5),
        "query_with_facets_p95_ms": percentile(facet_samples, 0.95),
        "query_cold_p50_ms": percentile(cold_samples, 0.5),
        "query_cold_p95_ms": percentile(cold_samples, 0.95),
        "keystroke_p50_ms": percentile(keys, 0.5),
        "keystroke_p95_ms": percentile(keys, 0.95),
        "keystroke_exact_p50_ms": percentile(exact_keys, 0.5),
        "keystroke_exact_p95_ms": percentile(exact_keys, 0.95),
        "keystroke_first_exact_share": round(first_exact / len(keys), 2) if keys else None,
        "article_open_p50_ms": percentile(opened, 0.5),
        "article_open_ms": percentile(opened, 0.95),
        "rss_mb": peak_rss_mb(),
        "rss_anon_mb": anon_rss_mb(),
        "queries": used,
        "queries_skipped": skipped,
    }


_APP_PROBE = """
import sys, time, asyncio
from pathlib import Path
sys.path.insert(0, {root!r})
from search.library import Library
from tui.factory import make_app
from tui.widgets.article_list import ArticleList

async def main():
    app = make_app(Library(Path({data!r}), [Path({corpus!r})]), data_dir=Path({state!r}),
                   config_dir=Path({state!r}) / "config", sync=False)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(2000):
            lists = app.screen.query(ArticleList)
            if lists and lists.first().option_count:
                print("PAINTED", flush=True)
                return
            await pilot.pause(0.005)
        print("NO-ROWS", flush=True)

asyncio.run(main())
"""

_LIBRARY_PROBE = """
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from search.library import Library
rows = Library(Path({data!r}), [Path({corpus!r})]).list_articles(sort="date", limit=200)
print("PAINTED" if rows else "NO-ROWS", flush=True)
"""


def startup(data: Path, corpus: Path) -> dict[str, Any]:
    """Process start to the first rows of the article list: the real app headless when it runs,
    otherwise the library part only (labelled as such in `startup_kind`)."""
    state = Path(tempfile.mkdtemp(prefix="bench-state-"))
    try:
        for kind, probe in (("app run_test headless, first list rows", _APP_PROBE),
                            ("library open + first list page (no UI)", _LIBRARY_PROBE)):
            code = probe.format(root=str(ROOT), data=str(data), corpus=str(corpus), state=str(state))
            times = []
            for _ in range(3):
                start = time.perf_counter()
                done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                                      check=False)
                if "PAINTED" not in done.stdout:
                    log(f"startup probe '{kind}' failed: {done.stderr.strip()[-300:] or done.stdout.strip()}")
                    break
                times.append((time.perf_counter() - start) * 1000)
            else:
                return {"startup_ms": round(min(times), 1), "startup_kind": kind}
        return {"startup_ms": None, "startup_kind": "failed"}
    finally:
        shutil.rmtree(state, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="folder of articles (e.g. ../shared/corpora/bbc)")
    parser.add_argument("--copies", type=int, default=1, help="replicate the corpus K times (distinct titles)")
    parser.add_argument("--synthetic", type=int, default=0, help="generate N synthetic articles instead")
    parser.add_argument("--no-ner", action="store_true", help="skip the entity extraction measurement")
    parser.add_argument("--ner-sample", type=int, default=100, help="articles to time entity extraction on")
    parser.add_argument("--work", type=Path, help="keep corpus and index here (reused when present)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the index even when it is current")
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up probe")
    parser.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    parser.add_argument("--entities", action="store_true", help="build with entities (spaCy) and quotes")
    parser.add_argument("--no-quotes", action="store_true", help="with --entities: quote extraction off")
    parser.add_argument("--read-side", nargs=3, metavar=("DATA", "CORPUS", "KIND"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # "one core" figures; numpy and spaCy are imported later
    if args.read_side:
        data, corpus, kind = args.read_side
        print(json.dumps(read_side(Path(data), Path(corpus), kind)))
        return 0
    if not args.corpus and not args.synthetic:
        parser.error("give --corpus DIR or --synthetic N")

    work = args.work or Path(tempfile.mkdtemp(prefix="alliance-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    kind = "synthetic" if args.synthetic else "bbc"
    corpus = work / "corpus"
    if args.synthetic and not corpus.exists():
        log(f"writing {args.synthetic} synthetic articles")
        synthetic(args.synthetic, corpus)
    elif not args.synthetic and args.copies > 1 and not corpus.exists():
        log(f"writing {args.copies} copies of {args.corpus}")
        replicate(args.corpus, args.copies, corpus)
    elif not args.synthetic and args.copies <= 1:
        corpus = args.corpus.resolve()
    figures: dict[str, Any] = {"corpus": str(args.corpus or "synthetic"), "copies": args.copies,
                               "synthetic": args.synthetic}
    try:
        figures |= build(work / "data", corpus, rebuild=args.rebuild, entities=args.entities, quotes=not args.no_quotes)
        if not args.no_ner:
            figures |= ner_speed(work / "data", corpus, args.ner_sample)
        else:
            figures["ner_words_per_s"] = None
        log("read side (fresh process)")
        done = subprocess.run(
            [sys.executable, __file__, "--read-side", str(work / "data"), str(corpus), kind],
            capture_output=True, text=True, check=True,
        )
        figures |= json.loads(done.stdout)
        if not args.no_startup:
            log("start-up")
            figures |= startup(work / "data", corpus)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            if key != "queries":
                print(f"{key:>24}: {value}")
        for entry in figures["queries"]:
            print(f"{entry['ms']:>8} ms  {entry['total']:>7}  {entry['query']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
