"""Precision and recall of quote speakers against a hand-written gold (the seeds' by default).

    python tests/eval_quotes.py [--corpus FOLDER] [--gold FILE] [--verbose]

A gold quote is matched by its first words; a speaker is right when the gold name is the entity's
name or one of its aliases (accents and case folded). Precision is over quotes the extractor gave a
speaker, recall over gold quotes that have one.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus.entities import extract_entities
from corpus.ingest import discover, embedded_corpus_dir, read_all
from corpus.quotes import extract_quotes

GOLD = Path(__file__).parent / "data" / "quotes_gold.json"


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def evaluate(folder: Path, gold_file: Path, verbose: bool = False) -> dict[str, float]:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))["articles"]
    sources, _ = discover([folder])
    articles, _ = read_all(sources)
    by_name = {Path(a.origin).name: a for a in articles}
    found_entities = extract_entities([by_name[n] for n in gold if n in by_name])
    predicted = attributed = correct = gold_attributed = 0
    for name, entities in zip([n for n in gold if n in by_name], found_entities, strict=True):
        article = by_name[name].with_(entities=entities)
        names = {e.key: {fold(e.name), *(fold(a) for a in e.aliases)} for e in entities}
        quotes = extract_quotes(article)
        used: set[int] = set()
        for item in gold[name]:
            expected = item["speaker"]
            gold_attributed += expected is not None
            match = next(
                (i for i, q in enumerate(quotes) if i not in used and fold(q.text).startswith(fold(item["quote"]))),
                None,
            )
            got = quotes[match] if match is not None else None
            if match is not None:
                used.add(match)
            ok = (
                got is not None
                and expected is not None
                and got.speaker_key is not None
                and (fold(expected) in names.get(got.speaker_key, set()))
            )
            correct += ok
            if verbose and not (ok or (expected is None and got is not None and got.speaker is None)):
                print(f"{name}: {item['quote'][:40]!r}: gold {expected!r}, got {got.speaker if got else 'no quote'!r}")
        for i, q in enumerate(quotes):
            predicted += 1
            attributed += q.speaker is not None
            if verbose and i not in used:
                print(f"{name}: extra quote {q.text[:40]!r} -> {q.speaker!r}")
    precision = correct / attributed if attributed else 0.0
    recall = correct / gold_attributed if gold_attributed else 0.0
    return {
        "quotes": predicted,
        "attributed": attributed,
        "correct": correct,
        "gold_attributed": gold_attributed,
        "precision": precision,
        "recall": recall,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=embedded_corpus_dir())
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    r = evaluate(args.corpus, args.gold, args.verbose)
    print(
        f"quotes found {r['quotes']}, with a speaker {r['attributed']}, right {r['correct']} "
        f"of {r['gold_attributed']} gold speakers"
    )
    print(f"precision {r['precision']:.3f}  recall {r['recall']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
