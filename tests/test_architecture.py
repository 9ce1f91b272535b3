"""The layers stay as the design card draws them: tui > search > corpus, each library in its layer."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_import_linter_contracts_hold() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    if not lint.exists():
        pytest.skip("import-linter is not installed in this environment")
    done = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        ("corpus.ingest", ("textual", "rich", "whoosh", "search", "tui")),
        ("corpus.entities", ("textual", "rich", "whoosh", "search", "tui", "spacy")),
        ("search.library", ("textual", "rich", "tui", "spacy")),
        ("tui.cli", ("textual", "spacy")),
    ],
)
def test_import_hygiene(module: str, forbidden: tuple[str, ...]) -> None:
    """Importing a headless module in a fresh interpreter pulls in none of the layers above it."""
    script = (
        f"import sys, {module}; "
        f"bad = [m for m in {forbidden!r} if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
