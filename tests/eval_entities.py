"""Entity extraction quality and speed: precision, recall and F1 per type on the five seeds.

    python tests/eval_entities.py               # seeds, before and after the rule layer, words/s
    python tests/eval_entities.py --with-chrome # also score page chrome (comments, footers, captions)
    python tests/eval_entities.py --conll PATH  # mention-level scores on a CoNLL-2003 file (not shipped)

Seed bodies come from corpus.ingest (discover(None) + read_all), and gold (corpus/data/
entities_gold.json) is matched by name and variants, not offsets, so the figures survive changes
in how the seeds are cleaned. Gold entities whose variants no longer occur in a body are skipped.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus.entities import builtin_aliases, extract_entities
from corpus.entities.text import fold
from corpus.model import Article, Entity

TYPES = ("person", "org", "place")
# The team's shared corpora sit beside the checkout (two levels up from a worktree's tests, one more from it).
BBC = next((p / "shared" / "corpora" / "bbc" for p in Path(__file__).resolve().parents
            if (p / "shared" / "corpora" / "bbc").is_dir()), Path(__file__).resolve().parents[2] / "shared")


@dataclass
class Score:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def prf(self, kind: str | None = None) -> tuple[float, float, float]:
        kinds = [kind] if kind else list(TYPES)
        tp = sum(self.tp[k] for k in kinds)
        fp = sum(self.fp[k] for k in kinds)
        fn = sum(self.fn[k] for k in kinds)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class SeedResult:
    score: Score
    roles_right: int = 0
    roles_total: int = 0
    merged: int = 0
    multi: int = 0
    wrong_merges: list[str] = field(default_factory=list)


def load_gold() -> dict:
    return json.loads((resources.files("corpus") / "data" / "entities_gold.json").read_text(encoding="utf-8"))


def seed_articles() -> list[Article]:
    from corpus.ingest import discover, read_all

    sources, _ = discover(None)
    articles, _ = read_all(sources)
    return articles


def _file_of(article: Article) -> str:
    return Path(article.origin.split("#")[0]).name


def chrome_ranges(article: Article, gold_article: dict) -> list[tuple[int, int]]:
    """Body ranges of the paragraphs the gold marks as page chrome."""
    prefixes = tuple(gold_article.get("chrome_paragraphs", ()))
    stop = gold_article.get("chrome_from")
    ranges, pos, after_stop = [], 0, False
    for para in article.paragraphs:
        after_stop = after_stop or bool(stop and para.strip().startswith(stop))
        if after_stop or (prefixes and para.strip().startswith(prefixes)):
            ranges.append((pos, pos + len(para)))
        pos += len(para) + 2
    return ranges


def _present(variants: Iterable[str], text: str) -> bool:
    folded = fold(text)
    return any(re.search(rf"(?<!\w){re.escape(fold(v))}(?!\w)", folded) for v in variants)


def _gold_id(x: dict, text: str) -> str:
    """Who a gold entity is across articles; a person is named by the fullest form this body uses."""
    if "id" in x:
        return f"{x['type']}:{x['id']}"
    if x["type"] != "person":
        return f"{x['type']}:{fold(x['name'])}"
    fullest = max((v for v in x["variants"] if _present([v], text)), key=len)
    return "person:" + " ".join(sorted(fold(fullest).split()))


def _forms(entity: Entity, body: str, keep: Sequence[tuple[int, int]] | None) -> set[str]:
    spans = [m for m in entity.mentions if keep is None or not any(s <= m.start < e for s, e in keep)]
    if not spans:
        return set()
    return {fold(entity.name), *(fold(body[m.start:m.end]) for m in spans), *(fold(a) for a in entity.aliases)}


def score_seeds(articles: Sequence[Article], predicted: Sequence[tuple[Entity, ...]], *,
                with_chrome: bool = False) -> SeedResult:
    gold = {a["file"]: a for a in load_gold()["articles"]}
    score = Score()
    result = SeedResult(score)
    keys_by_id: dict[str, dict[str, str]] = defaultdict(dict)
    for article, entities in zip(articles, predicted, strict=True):
        g = gold.get(_file_of(article))
        if g is None:
            continue
        body = article.body
        chrome = [] if with_chrome else chrome_ranges(article, g)
        clean = "".join(ch if not any(s <= i < e for s, e in chrome) else " " for i, ch in enumerate(body))
        preds = [(e, forms) for e in entities if (forms := _forms(e, body, chrome))]
        used: set[int] = set()
        golds = [x for x in g["entities"] if (with_chrome or not x.get("chrome")) and _present(x["variants"], clean)]
        for x in sorted(golds, key=lambda x: bool(x.get("optional"))):
            variants = {fold(v) for v in x["variants"]} | {fold(x["name"])}
            hit = next((i for i, (e, forms) in enumerate(preds)
                        if i not in used and e.type.value == x["type"] and forms & variants), None)
            if hit is not None:
                used.add(hit)
            if x.get("optional"):
                continue
            if hit is None:
                score.fn[x["type"]] += 1
                score.errors.append(f"{g['file'][:3]} missed {x['type']:6} {x['name']}")
                continue
            score.tp[x["type"]] += 1
            entity = preds[hit][0]
            keys_by_id[_gold_id(x, clean)][g["file"]] = entity.key
            if x.get("roles"):
                result.roles_total += 1
                if entity.role and fold(entity.role) in {fold(r) for r in x["roles"]}:
                    result.roles_right += 1
                else:
                    score.errors.append(f"{g['file'][:3]} role   {x['name']}: {entity.role!r} not in {x['roles']}")
        for i, (e, _) in enumerate(preds):
            if i not in used:
                score.fp[e.type.value] += 1
                score.errors.append(f"{g['file'][:3]} extra  {e.type.value:6} {e.name} {e.aliases}")
    owners: dict[str, set[str]] = defaultdict(set)
    for gid, keys in keys_by_id.items():
        for key in keys.values():
            owners[key].add(gid)
        if len(keys) > 1:
            result.multi += 1
            result.merged += len(set(keys.values())) == 1
            if len(set(keys.values())) > 1:
                score.errors.append(f"not merged {gid}: {sorted(set(keys.values()))}")
    result.wrong_merges = sorted(f"{k}: {sorted(v)}" for k, v in owners.items() if len(v) > 1)
    return result


def print_scores(title: str, score: Score) -> None:
    print(f"\n{title}")
    print(f"  {'type':8} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn")
    for kind in (*TYPES, None):
        p, r, f = score.prf(kind)
        kinds = [kind] if kind else list(TYPES)
        counts = [sum(c[k] for k in kinds) for c in (score.tp, score.fp, score.fn)]
        print(f"  {kind or 'overall':8} {p:6.3f} {r:6.3f} {f:6.3f}  {counts[0]:3d} {counts[1]:3d} {counts[2]:3d}")


def bbc_articles(limit: int) -> list[Article]:
    """`limit` BBC texts spread over the five categories, read directly (title line + paragraphs)."""
    files = sorted(BBC.glob("*/*.txt"))
    step = max(1, len(files) // limit) if files else 1
    articles = []
    for path in files[::step][:limit]:
        lines = [ln.strip() for ln in path.read_text(encoding="latin-1").splitlines() if ln.strip()]
        articles.append(Article(id=path.stem, title=lines[0], origin=str(path), paragraphs=tuple(lines[1:])))
    return articles


def words_per_second(articles: Sequence[Article]) -> tuple[float, int, float]:
    extract_entities(articles[:2])  # load the model outside the timing
    words = sum(len(a.body.split()) for a in articles)
    start = time.perf_counter()
    extract_entities(articles)
    elapsed = time.perf_counter() - start
    return words / elapsed, words, elapsed


def read_conll(path: Path) -> list[tuple[list[str], list[tuple[int, int, str]]]]:
    """Documents of a CoNLL-2003 file as (sentences, gold spans) with spans into "\\n\\n"-joined text."""
    docs: list[tuple[list[str], list[tuple[int, int, str]]]] = []
    sentences: list[str] = []
    spans: list[tuple[int, int, str]] = []
    tokens: list[tuple[str, str]] = []
    kinds = {"PER": "person", "ORG": "org", "LOC": "place"}

    def close_sentence() -> None:
        nonlocal tokens
        if not tokens:
            return
        base = sum(len(s) + 2 for s in sentences)
        text, pos, current = [], base, None
        for word, tag in tokens:
            label = tag.split("-", 1)[-1] if tag != "O" else None
            begins = tag.startswith("B-") or (current is None or current[2] != label)
            if current and (label is None or begins):
                spans.append(current)
                current = None
            if label in kinds and current is None:
                current = (pos, pos + len(word), label)
            elif label in kinds and current:
                current = (current[0], pos + len(word), label)
            text.append(word)
            pos += len(word) + 1
        if current:
            spans.append(current)
        sentences.append(" ".join(text))
        tokens = []

    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            close_sentence()
        elif parts[0] == "-DOCSTART-":
            close_sentence()
            if sentences:
                docs.append((sentences, spans))
            sentences, spans = [], []
        else:
            tokens.append((parts[0], parts[-1]))
    close_sentence()
    if sentences:
        docs.append((sentences, spans))
    if len(docs) == 1:
        docs = split_at_datelines(*docs[0])
    return [(s, [(a, b, kinds[k]) for a, b, k in sp if k in kinds]) for s, sp in docs]


# A Reuters dateline sentence, a place then a date: "LONDON 1996-12-06", "AL-AIN , United Arab Emirates 1996-12-06".
_DATELINE = re.compile(r"^.{1,60}\s\d{4}-\d{2}-\d{2}$")


def _has_lower(sentence: str) -> bool:
    return bool(re.search(r"[a-z]", sentence))


def split_at_datelines(sentences: list[str], spans: list[tuple[int, int, str]],
                       ) -> list[tuple[list[str], list[tuple[int, int, str]]]]:
    """Documents of a CoNLL file without -DOCSTART- lines, cut where each Reuters story opens.

    Every story in CoNLL-2003 has a dateline (a place then a date) after its all-caps headline, with at
    most a byline or a "[ CORRECTED ]" line between them: a story starts at the dateline's sentence less
    one, and further back over those (a byline has lowercase letters, the others none) up to the headline.
    A fixed number of sentences would join the end of one story to the start of the next, and the rules
    read a whole document (one name, one type; a surname names the person named in full)."""
    starts = [0]
    for i, sentence in enumerate(sentences):
        if i < 1 or not _DATELINE.match(sentence):
            continue
        start = i - 1
        while start > max(starts[-1], i - 3) and not _has_lower(sentences[start - 1]):
            start -= 1  # the headline above a byline or a correction line
        if start > starts[-1]:
            starts.append(start)
    offsets = list(itertools.accumulate((len(s) + 2 for s in sentences), initial=0))
    docs = []
    for a, b in itertools.pairwise([*starts, len(sentences)]):
        base = offsets[a]
        docs.append((sentences[a:b], [(s - base, e - base, k) for s, e, k in spans
                                      if offsets[a] <= s < offsets[b]]))
    return docs


def score_conll(path: Path, use_rules: bool) -> Score:
    docs = read_conll(path)
    articles = [Article(id=str(i), title="", origin=str(path), paragraphs=tuple(s)) for i, (s, _) in enumerate(docs)]
    predicted = extract_entities(articles, use_rules=use_rules)
    score = Score()
    for (_, gold_spans), entities in zip(docs, predicted, strict=True):
        gold = set(gold_spans)
        pred = {(m.start, m.end, e.type.value) for e in entities for m in e.mentions}
        for kind in TYPES:
            g = {x for x in gold if x[2] == kind}
            p = {x for x in pred if x[2] == kind}
            score.tp[kind] += len(g & p)
            score.fp[kind] += len(p - g)
            score.fn[kind] += len(g - p)
    return score


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--conll", type=Path, help="a CoNLL-2003 file to score mentions on")
    parser.add_argument("--with-chrome", action="store_true", help="also score page chrome in the seeds")
    parser.add_argument("--bbc", type=int, default=200, help="BBC articles for words/s (0: skip)")
    parser.add_argument("--errors", action="store_true", help="list every miss, extra and wrong role")
    args = parser.parse_args(argv)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # words/s on one core; spaCy (numpy) is imported later, lazily

    articles = seed_articles()
    for use_rules in (False, True):
        predicted = extract_entities(articles, aliases=builtin_aliases(), use_rules=use_rules)
        result = score_seeds(articles, predicted, with_chrome=args.with_chrome)
        label = "after rules" if use_rules else "model only (before rules)"
        print_scores(f"Seeds, {label}{' (with chrome)' if args.with_chrome else ''}:", result.score)
        print(f"  roles right {result.roles_right}/{result.roles_total}; "
              f"cross-article entities merged {result.merged}/{result.multi}; wrong merges {len(result.wrong_merges)}")
        for line in result.wrong_merges:
            print("    wrong merge", line)
        if args.errors:
            for line in result.score.errors:
                print("   ", line)
    if args.conll:
        for use_rules in (False, True):
            print_scores(f"CoNLL {args.conll.name}, {'after rules' if use_rules else 'model only'}:",
                         score_conll(args.conll, use_rules))
    if args.bbc and BBC.is_dir():
        wps, words, elapsed = words_per_second(bbc_articles(args.bbc))
        print(f"\nSpeed: {wps:,.0f} words/s ({words:,} words in {elapsed:.1f} s, {args.bbc} BBC articles, one core)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
