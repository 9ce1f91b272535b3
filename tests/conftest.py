"""Shared fixtures: small real corpora written into tmp_path (tests never depend on ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

ARTICLES = {
    "alpha.txt": "Koizumi meets Hegseth in Washington\n\nJapanese Defence Minister Shinjiro Koizumi met "
    "Secretary of War Pete Hegseth on January 15, 2026.\n\nThey discussed command-and-control upgrades.\n",
    "beta.txt": "Blinken and Hayashi agree on deterrence\n\nU.S. Secretary of State Antony Blinken and Foreign "
    "Minister Yoshimasa Hayashi met in Liverpool on December 11, 2021.\n\nJapan's defense posture was discussed.\n",
    "gamma.txt": "Markup-looking text stays text\n\nThis paragraph holds [bold]not markup[/] and [link] "
    "brackets.\n\nMissile defense cooperation continues.\n",
}


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder
