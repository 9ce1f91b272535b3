"""Entity extraction time on long articles: the model and the rules, measured apart.

    python tests/bench_entities_long.py                  # 100k, 500k, 1M characters
    python tests/bench_entities_long.py --sizes 200000   # other sizes
    python tests/bench_entities_long.py --rules-only     # model spans cached from the first run

The article is generated: news-like paragraphs about the alliance, with a different set of people,
places and organisations in every paragraph, so names keep growing with the text as they would in a
long hostile or concatenated file (repeating one paragraph would let any cache hide the cost).
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from corpus.entities import (
    builtin_aliases,
    nlp,
)
from corpus.entities.extract import entities_from_doc
from corpus.entities.nlp import load_ner, pipe_long

GIVEN = ["Scott", "Yuki", "Maria", "Kenji", "Laura", "Hiroshi", "David", "Aiko", "Peter", "Naomi", "James", "Emi"]
FAMILY = ["Bessent", "Tanaka", "Lopez", "Suzuki", "Grant", "Watanabe", "Miller", "Kato", "Harris", "Ito",
          "Walker", "Sato", "Bennett", "Mori", "Turner", "Hayashi", "Fischer", "Ogawa", "Reyes", "Kimura"]
PLACES = ["Tokyo", "Okinawa", "Washington", "Guam", "Seoul", "Manila", "Canberra", "Yokosuka", "Hawaii", "Osaka"]
ORGS = ["Ministry of Defense", "Pentagon", "State Department", "Japan Self-Defense Forces", "US Forces Japan",
        "Liberal Democratic Party", "Asahi Shimbun", "Toyota", "United Nations", "NATO"]
PARAGRAPH = (
    "Defence Secretary {a} met {b}, the foreign minister, in {p1} on Tuesday to discuss the alliance. "
    "Speaking to reporters at the {o1}, {a_last} said the talks with {c} of the {o2} had been "
    "\"frank and useful\", while {b_last} warned that tensions near {p2} were rising. Officials from "
    "{p3} said {c_last} would travel to {p1} next month.\n\n"
)


def article(size: int) -> str:
    parts, n = [], 0
    while sum(map(len, parts)) < size:
        def person(k: int) -> tuple[str, str]:
            last = FAMILY[k % len(FAMILY)] + ("" if k < len(FAMILY) else f"-{k // len(FAMILY)}")
            return f"{GIVEN[k % len(GIVEN)]} {last}", last
        (a, a_last), (b, b_last), (c, c_last) = person(3 * n), person(3 * n + 1), person(3 * n + 2)
        parts.append(PARAGRAPH.format(a=a, a_last=a_last, b=b, b_last=b_last, c=c, c_last=c_last,
                                      p1=PLACES[n % 10], p2=PLACES[(n + 3) % 10], p3=PLACES[(n + 7) % 10],
                                      o1=ORGS[n % 10], o2=ORGS[(n + 4) % 10]))
        n += 1
    return "Long report\n\n" + "".join(parts)[:size]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000, 500_000, 1_000_000])
    parser.add_argument("--rules-only", action="store_true", help="reuse the model's spans from an earlier run")
    args = parser.parse_args()
    nlp.MAX_TEXT = max(args.sizes) + 1  # measure the whole text, not the cap
    aliases = builtin_aliases()
    cache = Path(tempfile.gettempdir()) / "bench_entities_long.pickle"
    spans: dict[int, object] = pickle.loads(cache.read_bytes()) if cache.exists() else {}
    for size in args.sizes:
        body = article(size)
        model_s = float("nan")
        if not (args.rules_only and size in spans):
            t0 = time.perf_counter()
            spans[size] = next(pipe_long(load_ner(), [body], 1))
            model_s = time.perf_counter() - t0
            cache.write_bytes(pickle.dumps({k: _plain(v) for k, v in spans.items()}))
        t0 = time.perf_counter()
        found = entities_from_doc(body, spans[size], aliases)
        rules_s = time.perf_counter() - t0
        print(f"{len(body):>9,} chars  model {model_s:7.1f} s  rules {rules_s:7.1f} s  {len(found):,} entities",
              flush=True)


def _plain(doc: object) -> object:
    from corpus.entities.nlp import _JoinedDoc, _Span

    return _JoinedDoc(tuple(_Span(e.start_char, e.end_char, e.label_) for e in doc.ents))  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
