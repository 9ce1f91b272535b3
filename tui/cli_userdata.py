"""The CLI's user-data subcommands: `saved` (list, add, remove, rename), `notes`, `tag`, and `search --saved`.

JSON shapes: `saved --json` is `[{name, query, total, new}]`; `notes --json` is
`[{id, title, note, updated, tags}]`. Like every subcommand, these never import Textual.
"""

from __future__ import annotations

import argparse
from typing import Any

from rich.table import Table
from rich.text import Text

from search.errors import ArticleNotFoundError
from search.library import Library
from search.saved import add_saved, saved_status
from search.userdata import clean_tag
from tui import output

COMMANDS = ("saved", "notes", "tag")


def add_parsers(commands: Any) -> None:
    saved = commands.add_parser("saved", help="saved searches with their new matches")
    saved.add_argument("--json", action="store_true", help="print JSON")
    actions = saved.add_subparsers(dest="saved_action", metavar="ACTION")
    add = actions.add_parser("add", help="save a query under a name (what it finds now counts as seen)")
    add.add_argument("name")
    add.add_argument("query")
    remove = actions.add_parser("remove", help="delete a saved search")
    remove.add_argument("name")
    rename = actions.add_parser("rename", help="rename a saved search")
    rename.add_argument("name")
    rename.add_argument("new_name")

    notes = commands.add_parser("notes", help="articles with a note")
    notes.add_argument("--json", action="store_true", help="print JSON")

    tag = commands.add_parser("tag", help="show or change an article's tags")
    tag.add_argument("id")
    tag.add_argument("tags", nargs="*", metavar="TAG", help="tags to add")
    tag.add_argument("--remove", action="append", default=[], metavar="TAG", help="a tag to remove (repeatable)")
    tag.add_argument("--json", action="store_true", help="print JSON")


def add_search_options(search: argparse.ArgumentParser) -> None:
    search.add_argument("--saved", metavar="NAME", help="run a saved search instead of QUERY")
    search.add_argument("--new", action="store_true", help="with --saved: only matches new since it was last opened")


def check_search_args(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """`search` takes QUERY or --saved NAME (with --new): a usage error otherwise (exit 2)."""
    if args.command != "search":
        return
    if args.saved is None and args.new:
        parser.error("--new works with --saved NAME")
    if args.saved is None and args.query is None:
        parser.error("search needs a QUERY or --saved NAME")
    if args.saved is not None and args.query is not None:
        parser.error("give either a QUERY or --saved NAME, not both")


def saved_search_args(library: Library, args: argparse.Namespace) -> tuple[str, frozenset[str] | None]:
    """The query text and id restriction for `search` (plain QUERY, or --saved NAME [--new])."""
    if args.saved is None:
        return args.query, None
    search = library.userdata.saved_search(args.saved)
    if not args.new:
        return search.query, None
    return search.query, library.matching_ids(search.query) - search.seen


def run(library: Library, args: argparse.Namespace) -> int:
    if args.command == "saved":
        return _saved(library, args)
    if args.command == "notes":
        return _notes(library, args)
    return _tag(library, args)


def _saved(library: Library, args: argparse.Namespace) -> int:
    action = args.saved_action
    if action == "add":
        status = add_saved(library, args.name, args.query)
        output.message(f"saved {status.name!r}: {status.total} article(s) match now")
        return 0
    if action == "remove":
        library.userdata.remove_saved(args.name)
        output.message(f"removed the saved search {args.name!r}")
        return 0
    if action == "rename":
        library.userdata.rename_saved(args.name, args.new_name)
        output.message(f"renamed {args.name!r} to {args.new_name!r}")
        return 0
    found = saved_status(library)
    payload = [{"name": s.name, "query": s.query, "total": s.total, "new": s.new} for s in found]

    def table() -> None:
        view = Table("name", "new", "total", "query", box=None, header_style="bold")
        for status in found:
            view.add_row(Text(status.name), str(status.new), str(status.total), Text(status.problem or status.query))
        output.stdout.print(view)
        output.stdout.print(f"{len(found)} saved search(es)", style="dim")

    return output.emit(args.json, payload, table)


def _notes(library: Library, args: argparse.Namespace) -> int:
    marks = library.userdata.marks()
    payload = []
    for article_id, note in sorted(marks.notes.items(), key=lambda item: item[1].updated, reverse=True):
        try:
            title: str | None = library.article(article_id).title
        except ArticleNotFoundError:
            title = None  # the article is not in this library (another --corpus, or removed)
        tags = sorted(marks.tags.get(article_id, ()))
        payload.append({"id": article_id, "title": title, "note": note.text, "updated": note.updated, "tags": tags})

    def view() -> None:
        for item in payload:
            output.stdout.print(
                Text.assemble((item["id"], "dim"), "  ", (item["title"] or "(not in this library)", "bold"))
            )
            output.stdout.print(Text("    " + item["note"].replace("\n", "\n    ")))
        output.stdout.print(f"{len(payload)} note(s)", style="dim")

    return output.emit(args.json, payload, view)


def _tag(library: Library, args: argparse.Namespace) -> int:
    library.article(args.id)  # an unknown id is one clear line, not a silent new entry
    tags = set(library.userdata.tags_of(args.id))
    if args.tags or args.remove:
        removed = {clean_tag(t) for t in args.remove}
        tags = set(library.userdata.set_tags(args.id, {clean_tag(t) for t in [*tags, *args.tags]} - removed))
    payload = {"id": args.id, "tags": sorted(tags)}
    return output.emit(args.json, payload, lambda: output.stdout.print(Text(" ".join(payload["tags"]) or "(no tags)")))


def user_fields(library: Library, article_id: str) -> dict[str, Any]:
    """What `show --json` adds: the article's tags and note (None when it has none)."""
    note = library.userdata.note_of(article_id)
    return {"tags": list(library.userdata.tags_of(article_id)), "note": note.text if note else None}
