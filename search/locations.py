"""Where indexes and user state live: the user data dir, unless the user says otherwise."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

from platformdirs import user_config_path, user_data_path

APP_NAME = "alliance-reader"
HOME_VARIABLE = "ALLIANCE_READER_HOME"


def data_dir(explicit: Path | None = None) -> Path:
    """`--data-dir` first, then $ALLIANCE_READER_HOME, then the platform's user data dir."""
    if explicit is not None:
        return Path(explicit).expanduser()
    env = os.environ.get(HOME_VARIABLE)
    if env:
        return Path(env).expanduser()
    return user_data_path(APP_NAME, appauthor=False)


def config_dir(explicit_data_dir: Path | None = None) -> Path:
    """Config sits inside an explicit data dir, so a test or a portable setup is self-contained."""
    if explicit_data_dir is not None or os.environ.get(HOME_VARIABLE):
        return data_dir(explicit_data_dir) / "config"
    return user_config_path(APP_NAME, appauthor=False)


def library_name(sources: Sequence[Path] | None) -> str:
    """One index per set of sources, so `--corpus` runs never overwrite the default library."""
    if not sources:
        return "default"
    joined = "\n".join(sorted(str(Path(s).expanduser().resolve()) for s in sources))
    return "corpus-" + hashlib.sha256(joined.encode()).hexdigest()[:12]
