"""`alliance-reader`: the app with no subcommand, scriptable subcommands otherwise.

The subcommands never import Textual (the app is imported only when it is opened), so scripts stay
fast. Errors are one line on stderr: exit 2 for usage and query errors, 1 for everything else.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from corpus.safety import shown
from search.errors import QueryError, SearchError
from search.library import ADD_LOCK_WAIT_SECONDS, Library
from search.locations import config_dir, data_dir
from tui import cli_analysis, cli_feeds, cli_userdata, output, startup

ALIASES_FILE = "aliases.toml"
EXIT_USAGE = 2
EXIT_FAILURE = 1
WAITING_NOTICE = "waiting for another alliance-reader to finish updating this library…"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """One line, no usage dump: scripts read stderr."""
        self.exit(EXIT_USAGE, f"alliance-reader: {shown(message)} (see --help)\n")


def _package_version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # scans installed packages: only for --version

    try:
        return version("alliance-reader")
    except PackageNotFoundError:
        return "unknown"


class _Version(argparse.Action):
    """`--version`, with the version looked up only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        print(f"alliance-reader {_package_version()}")  # on stdout, as argparse's own version action does
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="alliance-reader", description="Read, search and explore news about the US-Japan alliance.")
    parser.add_argument("--version", action=_Version, help="show the version and exit")
    parser.add_argument(
        "--data-dir",
        type=Path,
        help="where indexes and state live (default: $ALLIANCE_READER_HOME or the user data dir)",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        metavar="PATH",
        help="a file or folder to read instead of the embedded corpus (repeatable)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    index = commands.add_parser("index", help="build or update the index")
    index.add_argument("--rebuild", action="store_true", help="rebuild from scratch")
    index.add_argument("--no-entities", action="store_true", help="skip entity extraction (faster)")

    add = commands.add_parser("add", help="add files or folders to the default library and index them")
    add.add_argument("paths", type=Path, nargs="+", metavar="PATH")
    add.add_argument("--no-entities", action="store_true", help="skip entity extraction (faster)")

    listing = commands.add_parser("list", help="list articles")
    listing.add_argument("--sort", choices=["date", "title"], default="date")
    listing.add_argument("--json", action="store_true", help="print JSON")

    show = commands.add_parser("show", help="show one article")
    show.add_argument("id")
    show.add_argument("--json", action="store_true", help="print JSON")

    search = commands.add_parser("search", help="search the library")
    search.add_argument("query", nargs="?")
    search.add_argument("--limit", type=_positive_int, default=20)
    search.add_argument("--sort", choices=["relevance", "date"], default="relevance")
    search.add_argument("--json", action="store_true", help="print JSON")
    cli_userdata.add_search_options(search)

    entities = commands.add_parser("entities", help="people, organisations and places across the library")
    entities.add_argument("--type", choices=["person", "org", "place"])
    entities.add_argument("--json", action="store_true", help="print JSON")
    cli_feeds.add_parsers(commands)
    cli_userdata.add_parsers(commands)
    cli_analysis.add_parsers(commands)
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    cli_userdata.check_search_args(parser, args)
    aliases = config_dir(args.data_dir) / ALIASES_FILE
    library = Library(data_dir(args.data_dir), args.corpus, aliases_file=aliases)
    try:
        if args.command is None:
            return _run_app(library, args)
        return _run_command(library, args)
    except QueryError as exc:
        return _fail(f"bad query: {exc}", EXIT_USAGE)
    except SearchError as exc:
        return _fail(str(exc), EXIT_FAILURE)
    except OSError as exc:
        return _fail(f"{exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}", EXIT_FAILURE)
    except KeyboardInterrupt:
        return _fail("interrupted; run the command again to resume", 130)
    finally:
        library.close()


def _run_app(library: Library, args: argparse.Namespace) -> int:
    startup.pause_collection()  # until the first rows are painted (MainScreen resumes it)
    from tui.factory import make_app

    app = make_app(library, data_dir=library.data_dir, config_dir=config_dir(args.data_dir))
    app.run()
    return app.return_code or 0


def _run_command(library: Library, args: argparse.Namespace) -> int:
    library.wait_for_other_updates(ADD_LOCK_WAIT_SECONDS, lambda: output.message(WAITING_NOTICE))
    if args.command in cli_feeds.COMMANDS:
        return cli_feeds.run(library, args)
    if args.command in {"index", "add"}:
        if args.command == "add":
            added = library.add_sources(args.paths)
            output.message(f"added {len(added)} new source(s) to the default library")
        report = output.run_sync(
            library, rebuild=getattr(args, "rebuild", False), entities=not getattr(args, "no_entities", False)
        )
        return 0 if report.added + report.updated + report.unchanged or not report.problems else EXIT_FAILURE
    if library.needs_sync():
        output.run_sync(library, rebuild=False, entities=True)
    if args.command == "list":
        payload = output.list_payload(library.list_articles(sort=args.sort))
        return output.emit(args.json, payload, lambda: output.list_table(payload))
    if args.command == "show":
        article = library.article(args.id)
        payload = output.article_payload(article, library.similar(article))
        payload.update(cli_userdata.user_fields(library, article.id))
        return output.emit(args.json, payload, lambda: output.article_view(payload))
    if args.command == "search":
        text, only_ids = cli_userdata.saved_search_args(library, args)
        result = library.search(text, limit=args.limit, sort=args.sort, only_ids=only_ids)
        names = output.entity_names(library, result)
        return output.emit(
            args.json, output.search_payload(result, names), lambda: output.search_table(result, names)
        )
    if args.command in cli_userdata.COMMANDS:
        return cli_userdata.run(library, args)
    if args.command == "entities":
        found = [e for e in library.entities() if args.type in (None, e.type)]
        payload = output.entities_payload(found)
        return output.emit(args.json, payload, lambda: output.entities_table(payload))
    if args.command in cli_analysis.COMMANDS:
        return cli_analysis.run(library, args)
    return _fail(f"unknown command {args.command!r}", EXIT_USAGE)


def _fail(message: str, code: int) -> int:
    print(f"alliance-reader: {shown(message)}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
