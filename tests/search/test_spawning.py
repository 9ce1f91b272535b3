"""Worker pools start under the app, where `sys.stderr` has no file descriptor (Textual captures it).

Run in a fresh interpreter: the resource tracker starts once per process, so a test process that has
already started a pool would pass whatever the code did.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

_SCRIPT = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})

    class Captured:  # what Textual puts in sys.stderr while the app runs
        def write(self, text): return len(text)
        def flush(self): pass
        def fileno(self): return -1

    def square(n):
        return n * n

    if __name__ == "__main__":
        {make_pool}
        sys.stderr = Captured()
        try:
            with context.Pool(1) as pool:
                print(pool.map(square, [3]))
        except Exception as exc:
            print("failed:", exc)
            sys.exit(1)
    """
)


def _run(make_pool: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "pool_under_app.py"
    script.write_text(_SCRIPT.format(root=str(ROOT), make_pool=make_pool), encoding="utf-8")
    return subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=False)


def test_pool_starts_when_stderr_has_no_descriptor(tmp_path: Path) -> None:
    done = _run("from search.spawning import spawn_context; context = spawn_context()", tmp_path)
    assert done.returncode == 0, done.stdout
    assert done.stdout.strip() == "[9]"


def test_plain_spawn_context_fails_there(tmp_path: Path) -> None:
    """The failure the helper exists for, so the test above cannot pass by accident."""
    done = _run("import multiprocessing; context = multiprocessing.get_context('spawn')", tmp_path)
    if done.returncode == 0:
        pytest.skip("this Python starts the tracker without a descriptor for stderr")
    assert "fds_to_keep" in done.stdout
