"""The feed code stays in its layers: ingestion knows nothing above it, the CLI never loads Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("module", "forbidden"), [
    ("corpus.feeds.entries, corpus.feeds.http, corpus.feeds.opml, corpus.feeds.discover",
     ("textual", "rich", "whoosh", "search", "tui")),
    ("search.feed_service", ("textual", "rich", "tui", "httpx")),
    ("tui.cli_feeds", ("textual",)),
])
def test_import_hygiene(module: str, forbidden: tuple[str, ...]) -> None:
    script = f"import sys, {module}; bad = [m for m in {forbidden!r} if m in sys.modules]; print(bad); " \
             "sys.exit(1 if bad else 0)"
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
