"""The wheel a user installs carries the embedded corpus and the stylesheet."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted(p.name for p in (ROOT / "corpus" / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    (found,) = out.glob("alliance_reader-*.whl")
    return found


def test_wheel_contains_the_five_seed_articles(wheel: Path) -> None:
    assert len(SEEDS) == 5
    names = set(zipfile.ZipFile(wheel).namelist())
    for seed in SEEDS:
        assert f"corpus/seeds/{seed}" in names


def test_wheel_contains_packages_styles_and_console_script(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    names = set(archive.namelist())
    assert {"corpus/model.py", "search/library.py", "tui/cli.py"} <= names
    assert any(n.startswith("tui/styles/") and n.endswith(".tcss") for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "alliance-reader = tui.cli:main" in archive.read(entry_points).decode()


def test_seed_data_is_read_from_the_package(tmp_path: Path) -> None:
    from corpus.ingest import discover, embedded_corpus_dir

    files, problems = discover(None)
    assert not problems
    assert sorted(f.path.name for f in files) == SEEDS
    assert embedded_corpus_dir().is_dir()
