"""The one way to build the app, shared by the CLI and the tests (real library, real files)."""

from __future__ import annotations

from pathlib import Path

from search.library import Library
from search.locations import config_dir as default_config_dir
from tui.app import AllianceReader
from tui.settings import Store


def make_app(
    library: Library,
    *,
    data_dir: Path | None = None,
    config_dir: Path | None = None,
    sync: bool = True,
) -> AllianceReader:
    """An app over `library`; state goes in `data_dir` (default: the library's), settings in `config_dir`.

    `sync=False` skips the start-up index update (tests with a prebuilt index, read-only media).
    """
    data = Path(data_dir) if data_dir is not None else library.data_dir
    config = Path(config_dir) if config_dir is not None else default_config_dir(data_dir)
    return AllianceReader(library, Store(config, data), sync=sync)
