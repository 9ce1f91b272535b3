"""Finding source files and turning each into articles.

Bad files become `Problem`s (one clear line each) and never stop the rest from being read.
"""

from __future__ import annotations

import os
import stat as stat_module
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from corpus.build import Context
from corpus.errors import Problem
from corpus.model import Article
from corpus.readers import read_bytes

MAX_FILE_BYTES = 50 * 1024 * 1024
EMBEDDED_PREFIX = "embedded:"


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file to read. `identity` feeds article ids, so it must not depend on the install location."""

    # Kept as given, text or Path: a sync of 100,000 unchanged files reads none of them, and making a
    # Path of each listed name took half of listing them (~0.75 s of ~1.5 s on Python 3.11).
    location: str | Path
    identity: str
    signature: str

    @property
    def path(self) -> Path:
        return Path(self.location)

    @property
    def origin(self) -> str:
        return path_text(self.location)


def path_text(path: str | Path) -> str:
    """A path as text that can be stored, hashed and printed: the bytes of a file name that is not
    UTF-8 (kept by Python as lone surrogates) become `\\xNN`, so such a file is read, not refused."""
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", errors="backslashreplace")
    return text


def embedded_corpus_dir() -> Path:
    """The five seed articles shipped inside the package."""
    return Path(str(resources.files("corpus") / "seeds"))


def _signature(stat: os.stat_result) -> str:
    return f"{stat.st_mtime_ns}:{stat.st_size}"


def discover(paths: Sequence[Path] | None = None) -> tuple[list[SourceFile], list[Problem]]:
    """Every readable file under `paths` (recursively), or the embedded corpus when none are given."""
    if not paths:
        root = embedded_corpus_dir()
        files = [
            SourceFile(p, EMBEDDED_PREFIX + p.name, _signature(p.stat()))
            for p in sorted(root.iterdir())
            if p.is_file() and p.suffix == ".txt"
        ]
        return files, []
    found: dict[str, SourceFile] = {}
    problems: list[Problem] = []
    for path in paths:
        for item in _walk(Path(path), problems, set()):
            found.setdefault(item.identity, item)
    return sorted(found.values(), key=lambda s: s.identity), problems


def _walk(path: Path, problems: list[Problem], seen: set[str]) -> Iterator[SourceFile]:
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        problems.append(Problem(str(path), _describe_os_error(exc, "cannot be found")))
        return
    if str(real) in seen:
        problems.append(Problem(str(path), "skipped: a symbolic link loops back to a folder already read"))
        return
    if real.is_dir():
        yield from _walk_folder(real, problems, seen)
        return
    try:
        stat = real.stat()
    except OSError as exc:
        problems.append(Problem(str(path), _describe_os_error(exc, "cannot be read")))
        return
    yield from _regular(real, stat, problems)


def _walk_folder(real: Path, problems: list[Problem], seen: set[str]) -> Iterator[SourceFile]:
    """A folder already resolved: its plain entries are real paths as listed, so only symbolic links
    are resolved again, and `scandir` answers most type questions without a system call (at ~50k
    files, resolving and stat-ing every path took ~2 s before a build could start)."""
    seen.add(str(real))
    try:
        with os.scandir(real) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        problems.append(Problem(str(real), _describe_os_error(exc, "folder cannot be listed")))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        # The listed path is already normal (a resolved folder joined with a plain name): the same text
        # `Path` would give, so a file keeps its identity, and its id, however it was found.
        child = entry.path
        try:
            if entry.is_symlink():
                yield from _walk(Path(child), problems, seen)
            elif entry.is_dir(follow_symlinks=False):
                if child in seen:
                    continue
                yield from _walk_folder(Path(child), problems, seen)
            else:
                yield from _regular(child, entry.stat(follow_symlinks=False), problems)
        except OSError as exc:
            problems.append(Problem(child, _describe_os_error(exc, "cannot be read")))


def _regular(real: str | Path, stat: os.stat_result, problems: list[Problem]) -> Iterator[SourceFile]:
    if not stat_module.S_ISREG(stat.st_mode):
        problems.append(Problem(str(real), "skipped: not a regular file (device, pipe or socket)"))
        return
    yield SourceFile(real, path_text(real), _signature(stat))


def _describe_os_error(exc: BaseException, fallback: str) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "no such file or folder"
    if isinstance(exc, RuntimeError):
        return "symbolic link loop"
    return f"{fallback} ({getattr(exc, 'strerror', None) or exc})"


def read_source(source: SourceFile) -> tuple[list[Article], list[Problem]]:
    """All articles in one file; a file that cannot be read yields a problem, not an exception."""
    limit = MAX_FILE_BYTES
    path = source.path
    try:
        stat = path.stat()
        if stat.st_size > limit:
            return [], [Problem(source.origin, f"skipped: {_megabytes(stat.st_size)} is larger than the "
                                               f"{_megabytes(limit)} limit")]
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        return [], [Problem(source.origin, _describe_os_error(exc, "cannot be read"))]
    if len(data) > limit:
        return [], [Problem(source.origin, f"skipped: larger than the {_megabytes(limit)} limit")]
    ctx = Context(origin=source.origin, identity=source.identity, mtime=stat.st_mtime,
                  packaged=source.identity.startswith(EMBEDDED_PREFIX))
    try:
        return read_bytes(data, ctx, path.suffix)
    except RecursionError:
        return [], [Problem(source.origin, "skipped: nested too deeply to read")]
    except Exception as exc:  # a reader bug on one odd file must cost that file only, never a whole run
        return [], [Problem(source.origin, f"could not be read ({exc.__class__.__name__}: {exc})")]


def new_articles(
    sources: Iterable[SourceFile], seen: set[str], problems: list[Problem]
) -> Iterator[tuple[SourceFile, Article]]:
    """Articles whose normalised text is not in `seen` yet (it grows as they come); problems are collected."""
    for source in sources:
        found, bad = read_source(source)
        problems.extend(bad)
        for article in found:
            if article.content_hash not in seen:
                seen.add(article.content_hash)
                yield source, article


def _megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def read_all(sources: Iterable[SourceFile]) -> tuple[list[Article], list[Problem]]:
    """Read every source, dropping exact duplicates (same normalised text) after the first."""
    problems: list[Problem] = []
    articles = [article for _, article in new_articles(sources, set(), problems)]
    return articles, problems
