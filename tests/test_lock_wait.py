"""`index` and `add` started while another process updates the library wait for it, saying so on
stderr, and then succeed (scripts run them side by side), instead of giving up after a few seconds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tui.cli import WAITING_NOTICE

# Another alliance-reader in the middle of an update: holds the library lock until told to stop.
_HOLDER = """
import sys
from pathlib import Path
from search.library import Library
with Library(Path(sys.argv[1])).store.locked(wait=5):
    print("held", flush=True)
    sys.stdin.readline()
"""


def _article(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a.txt").write_text("Fleet reaches port\n\nThe fleet reached port on Monday after a long voyage "
                                  "across the Pacific, officials in Tokyo said.\n", encoding="utf-8")
    return folder


def _wait_behind_holder(tmp_path: Path, *argv: str) -> tuple[int, str, str]:
    data = tmp_path / "data"
    env = {**os.environ, "ALLIANCE_READER_HOME": str(tmp_path / "unused")}
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(data)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        run = subprocess.Popen([sys.executable, "-m", "tui.cli", "--data-dir", str(data), *argv], env=env,
                               text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert run.stderr is not None
        first = run.stderr.readline()  # blocks until the run has found the library busy
        assert WAITING_NOTICE in first, first + run.stderr.read()
        holder.communicate("go\n", timeout=600)  # the other update finishes
        out, rest = run.communicate(timeout=600)
        return run.returncode, out, first + rest
    finally:
        holder.kill()


def test_index_waits_for_another_update_and_succeeds(tmp_path: Path) -> None:
    code, _, err = _wait_behind_holder(tmp_path, "index", "--no-entities")
    assert code == 0, err
    assert "another alliance-reader is updating" not in err
    assert err.count(WAITING_NOTICE) == 1


def test_add_waits_for_another_update_and_succeeds(tmp_path: Path) -> None:
    source = _article(tmp_path / "src")
    code, _, err = _wait_behind_holder(tmp_path, "add", "--no-entities", str(source))
    assert code == 0, err
    assert "added 1 new source" in err
