"""Benchmark: warm start of the app in a real terminal, launch to the first painted list rows.

    python tests/bench_startup.py                       # the seeds, 7 runs at 120x40 and 80x24
    python tests/bench_startup.py --runs 9 --size 120x40 --size 200x50
    python tests/bench_startup.py --data-dir /tmp/me-100k --copy-from /tmp/s100k/data --corpus /tmp/s100k/corpus

What one run measures: the time from asking tmux for a NEW detached session of the given size running
`python -m tui.cli --data-dir DATA [--corpus C]` until `tmux capture-pane -p` shows the newest article's
title (the list's first row, by date) on screen; polled every `--poll-ms`. Then the session is killed and
the script waits for the app's process to exit before the next run. Sizes are interleaved run by run, so
a burst of load on the shared machine hits each size alike. Prints one JSON object: per size the median,
p90 and every run in ms, plus `uptime`'s load before and after.

Before the first run it compiles the bytecode of corpus/, search/ and tui/ (`compileall`, as an install
does): without it every launch under PYTHONDONTWRITEBYTECODE compiles ~100 modules from source.

The index must be warm: the app's start-up sync then finds nothing to do. With no `--data-dir` the seeds
are indexed once into a temporary data dir. A given `--data-dir` is used as it is (the app writes its state
and may sync there: never point it at a shared index); `--copy-from SRC` first copies SRC there with
`cp -a` when it does not exist yet (a real copy: hard links would let the app's writes reach SRC).
`--corpus` must be the same folder the index was built from, or the app sees a different library.

Why a script and not a test: the figure depends on the machine's load (run it under `flock` on a shared
machine and compare before/after back to back); it is printed for people, never asserted.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PACKAGES = ("corpus", "search", "tui")
# The title is looked for by its start: a narrow list cuts or wraps long titles.
NEEDLE_CHARS = 24


def log(message: str) -> None:
    print(f"[bench_startup {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def load() -> str:
    """`uptime`'s load averages (1, 5, 15 minutes), as the README records them."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def compile_bytecode() -> None:
    for package in PACKAGES:
        if not compileall.compile_dir(ROOT / package, quiet=1):
            raise SystemExit(f"compileall failed for {package}/")


def cli_args(data: Path, corpus: Sequence[Path]) -> list[str]:
    args = ["--data-dir", str(data)]
    for folder in corpus:
        args += ["--corpus", str(folder)]
    return args


def build_seeds(data: Path) -> None:
    log(f"indexing the seeds into {data}")
    subprocess.run([sys.executable, "-m", "tui.cli", *cli_args(data, []), "index"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)


def newest_title(data: Path, corpus: Sequence[Path]) -> str:
    """The title the first list row shows (newest first), read in a child so this process stays small."""
    code = (
        "import sys, json; sys.path.insert(0, sys.argv[1]); from pathlib import Path;"
        "from search.library import Library;"
        "lib = Library(Path(sys.argv[2]), [Path(p) for p in sys.argv[3:]] or None);"
        "print('NEEDS-SYNC' if lib.needs_sync() else '', file=sys.stderr);"
        "print(json.dumps(lib.list_articles(limit=1)[0].title))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(ROOT), str(data), *map(str, corpus)],
                          capture_output=True, text=True, check=True)
    if "NEEDS-SYNC" in done.stderr:
        log("warning: the index is not current; the app's start-up sync will have work to do")
    return json.loads(done.stdout)


class Tmux:
    """A private tmux server (its own socket), so the runs never touch anyone's sessions."""

    def __init__(self) -> None:
        self.socket = f"alliance-bench-{os.getpid()}"
        # A session that lives for the whole benchmark: the server's own start is not in any run.
        self.run("new-session", "-d", "-s", "keep", "-x", "80", "-y", "24", "sleep", "86400")

    def run(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True,
                              check=True).stdout

    def close(self) -> None:
        path = subprocess.run(["tmux", "-L", self.socket, "display-message", "-p", "#{socket_path}"],
                              capture_output=True, text=True, check=False).stdout.strip()
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, check=False)
        if path:
            Path(path).unlink(missing_ok=True)  # a killed server leaves its socket file behind


def one_run(tmux: Tmux, command: list[str], size: tuple[int, int], needle: str, *, poll_s: float,
            timeout_s: float, name: str) -> float | None:
    """ms from asking for the session to the needle on screen (None on timeout)."""
    width, height = size
    start = time.perf_counter()
    tmux.run("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), "-c", str(ROOT), *command)
    elapsed: float | None = None
    try:
        while time.perf_counter() - start < timeout_s:
            screen = subprocess.run(["tmux", "-L", tmux.socket, "capture-pane", "-p", "-t", name],
                                    capture_output=True, text=True, check=False).stdout
            if needle in screen:
                elapsed = (time.perf_counter() - start) * 1000
                break
            time.sleep(poll_s)
        else:
            log(f"timeout at {width}x{height}; last screen:\n{screen}")
        return elapsed
    finally:
        pid = tmux.run("display-message", "-p", "-t", name, "#{pane_pid}").strip()
        tmux.run("kill-session", "-t", name)
        _wait_gone(int(pid) if pid.isdigit() else None)


def _wait_gone(pid: int | None, limit_s: float = 10.0) -> None:
    """Wait until the app's process has exited, so its shutdown does not overlap the next run."""
    if pid is None:
        return
    deadline = time.perf_counter() + limit_s
    while time.perf_counter() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.02)


def percentile(values: Sequence[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, got {text!r}") from None
    return width, height


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, help="the app data dir (default: the seeds, indexed in a temp dir)")
    parser.add_argument("--copy-from", type=Path, help="copy this data dir to --data-dir first (cp -a), if absent")
    parser.add_argument("--corpus", type=Path, action="append", default=[], help="the folder the index was built from")
    parser.add_argument("--runs", type=int, default=7, help="runs per size (default 7)")
    parser.add_argument("--size", type=parse_size, action="append", help="WIDTHxHEIGHT, repeatable "
                        "(default 120x40 and 80x24)")
    parser.add_argument("--poll-ms", type=float, default=10.0, help="capture-pane interval (default 10)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a run counts as failed")
    parser.add_argument("--no-compile", action="store_true", help="skip compileall (measure without bytecode)")
    args = parser.parse_args(argv)
    if shutil.which("tmux") is None:
        raise SystemExit("tmux is needed")
    sizes = args.size or [(120, 40), (80, 24)]
    if not args.no_compile:
        compile_bytecode()
    temp = None
    if args.data_dir is None:
        temp = Path(tempfile.mkdtemp(prefix="bench-startup-"))
        data = temp / "data"
        build_seeds(data)
    else:
        data = args.data_dir
        if args.copy_from is not None and not data.exists():
            log(f"copying {args.copy_from} to {data}")
            subprocess.run(["cp", "-a", str(args.copy_from), str(data)], check=True)
    tmux = Tmux()
    try:
        needle = newest_title(data, args.corpus)[:NEEDLE_CHARS]
        command = [sys.executable, "-m", "tui.cli", *cli_args(data, args.corpus)]
        log(f"looking for {needle!r}; {args.runs} runs x {len(sizes)} sizes")
        load_before = load()
        times: dict[str, list[float]] = {f"{w}x{h}": [] for w, h in sizes}
        failed = 0
        for number in range(args.runs):
            for size in sizes:
                ms = one_run(tmux, command, size, needle, poll_s=args.poll_ms / 1000, timeout_s=args.timeout,
                             name=f"run{number}-{size[0]}x{size[1]}")
                if ms is None:
                    failed += 1
                else:
                    times[f"{size[0]}x{size[1]}"].append(round(ms, 1))
        report: dict[str, Any] = {
            "utc": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
            "data_dir": str(data),
            "corpus": [str(c) for c in args.corpus],
            "bytecode": not args.no_compile,
            "load_before": load_before,
            "load_after": load(),
            "failed_runs": failed,
        }
        for key, values in times.items():
            if values:
                report[key] = {"median_ms": round(statistics.median(values), 1),
                               "p90_ms": round(percentile(values, 0.9), 1), "runs_ms": values}
        print(json.dumps(report, indent=1))
        return 1 if failed else 0
    finally:
        tmux.close()
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
