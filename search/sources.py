"""The folders and files a user has added to the default library with `alliance-reader add`.

They are read where they are (not copied), so a folder of feeds or notes stays live; the list is a
small JSON file beside the library's index, written atomically.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from search.atomic import write_atomically
from search.errors import SearchError


def registry_path(library_root: Path) -> Path:
    return library_root / "sources.json"


def registered_sources(library_root: Path) -> list[Path]:
    try:
        raw = json.loads(registry_path(library_root).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        raise SearchError(f"the list of added sources ({registry_path(library_root)}) is unreadable: {exc}") from exc
    return [Path(p) for p in raw if isinstance(p, str)]


def register_sources(library_root: Path, paths: Sequence[Path]) -> list[Path]:
    """Add paths (made absolute); returns the ones that were new. Missing paths are refused.
    A read-modify-write: the caller holds the library lock, so concurrent `add`s keep every path."""
    missing = [str(p) for p in paths if not Path(p).exists()]
    if missing:
        raise SearchError(f"no such file or folder: {', '.join(missing)}")
    current = registered_sources(library_root)
    known = {str(p) for p in current}
    added = [Path(p).expanduser().resolve() for p in paths]
    added = [p for p in dict.fromkeys(added) if str(p) not in known]
    if added:
        library_root.mkdir(parents=True, exist_ok=True)
        write_atomically(registry_path(library_root), json.dumps([str(p) for p in [*current, *added]], indent=1))
    return added
