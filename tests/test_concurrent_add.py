"""Several `add` runs at once: every path reported added is kept, and no run drops another's articles."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

RUNS = 6


def _cli(home: Path, *argv: str) -> subprocess.Popen[str]:
    env = {**os.environ, "ALLIANCE_READER_HOME": str(home)}
    return subprocess.Popen([sys.executable, "-m", "tui.cli", *argv], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_six_adds_at_once_keep_every_source(tmp_path: Path) -> None:
    home = tmp_path / "home"
    folders = []
    for run in range(RUNS):
        folder = tmp_path / f"source{run}"
        folder.mkdir()
        for n in range(3):
            (folder / f"s{run}-{n}.txt").write_text(
                f"Report {run}-{n} from the fleet\n\nThe fleet {run} reached port {n} on Monday after a long "
                f"voyage across the Pacific, officials said of ship number {run * 10 + n}.\n")
        folders.append(folder)
    runs = [_cli(home, "add", "--no-entities", str(folder)) for folder in folders]
    results = [(run.wait(timeout=600), *run.communicate()) for run in runs]
    added = [folder for folder, (_, _, err) in zip(folders, results, strict=True)
             if "added 1 new source" in err]
    assert len(added) == RUNS, [err for _, _, err in results]
    sources = next(home.rglob("sources.json"))
    assert sorted(json.loads(sources.read_text(encoding="utf-8"))) == sorted(str(f.resolve()) for f in folders)
    assert not [p for p in sources.parent.iterdir() if p.name.endswith(".tmp")]
    # Runs that found the library busy wait for it (saying so) and succeed.
    for code, _, err in results:
        assert code == 0, err
    index = _cli(home, "index", "--no-entities")
    assert index.wait(timeout=600) == 0, index.communicate()
    listing = _cli(home, "list", "--json")
    out, _ = listing.communicate(timeout=600)
    titles = {row["title"] for row in json.loads(out)}
    assert {f"Report {run}-{n} from the fleet" for run in range(RUNS) for n in range(3)} <= titles


_REGISTER = """
import sys, time
from pathlib import Path
from search.library import Library
go, data, *paths = sys.argv[1:]
library = Library(Path(data))
while not Path(go).exists():
    time.sleep(0.001)
for path in paths:
    library.add_sources([Path(path)])
"""


def test_concurrent_registrations_lose_nothing(tmp_path: Path) -> None:
    """Many read-modify-writes of sources.json at the same instant (the race `add` runs hit)."""
    go, data = tmp_path / "go", tmp_path / "data"
    groups = []
    for run in range(RUNS):
        paths = [tmp_path / f"p{run}-{n}" for n in range(25)]
        for path in paths:
            path.mkdir()
        groups.append(paths)
    runs = [subprocess.Popen([sys.executable, "-c", _REGISTER, str(go), str(data), *map(str, paths)],
                             stderr=subprocess.PIPE, text=True) for paths in groups]
    go.touch()
    errors = [run.communicate(timeout=600)[1] for run in runs]
    assert all(run.returncode == 0 for run in runs), errors
    sources = json.loads(next(data.rglob("sources.json")).read_text(encoding="utf-8"))
    assert sorted(sources) == sorted(str(p.resolve()) for paths in groups for p in paths)
