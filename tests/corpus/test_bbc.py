"""Opt-in (`pytest -m bbc`): all 2,225 BBC articles ingest, titles are first lines, dates stay honest.

Skipped when ../shared/corpora/bbc is absent, so the suite passes without the shared folder. Prints the
ingestion rate (reading + cleaning + dates, after dateparser's warm-up).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from corpus.dates import warm_up
from corpus.ingest import discover, read_source
from corpus.model import DateConfidence

BBC = Path(os.environ.get("ALLIANCE_BBC", Path(__file__).resolve().parents[3] / "shared" / "corpora" / "bbc"))


@pytest.mark.bbc
@pytest.mark.skipif(not BBC.is_dir(), reason=f"{BBC} is absent")
def test_bbc_corpus(request: pytest.FixtureRequest) -> None:
    if "bbc" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("opt-in: run with -m bbc")
    warm_up()
    start = time.perf_counter()
    sources, problems = discover([BBC])
    articles = []
    for source in sources:
        if source.path.suffix != ".txt" or source.path.name == "README.TXT":
            continue
        found, bad = read_source(source)
        assert not bad, bad
        (article,) = found
        first_line = source.path.read_bytes().decode("utf-8", "replace").split("\n", 1)[0].strip()
        assert article.title == first_line, source.origin
        assert article.published.confidence is not DateConfidence.STATED
        articles.append(article)
    elapsed = time.perf_counter() - start
    assert not problems and len(articles) == 2225
    assert "£15.8m" in next(a for a in articles if a.origin.endswith("sport/199.txt")).body
    print(f"\nBBC: {len(articles)} articles in {elapsed:.2f} s = {len(articles) / elapsed:.0f} articles/s")
