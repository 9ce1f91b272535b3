"""The `quotes`, `timeline`, `cooccur` and `export` subcommands: who said what, when, with whom.

JSON shapes are a contract scripts rely on; the tables are for people. Corpus text is never read as
Rich markup (everything goes through `Text`).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text

from search.analysis import CoMention, QuoteHit, TimelineEntry
from search.export import FORMATS, export, save
from search.library import Library
from tui import output

COMMANDS = ("quotes", "timeline", "cooccur", "export")
EDGE_COLUMNS = ("source", "target", "weight", "year")
EXIT_USAGE = 2


def add_parsers(commands: Any) -> None:
    quotes = commands.add_parser("quotes", help="quotations and who said them")
    quotes.add_argument("query", nargs="?", default="", help="only articles matching this query")
    quotes.add_argument("--speaker", metavar="NAME", help="only quotes by this person or organisation")
    quotes.add_argument("--json", action="store_true", help="print JSON")

    timeline = commands.add_parser("timeline", help="dated appearances of an entity or a query, oldest first")
    timeline.add_argument("name", nargs="?", help="a person, organisation or place")
    timeline.add_argument("--query", default="", help="the timeline of a query's results instead")
    timeline.add_argument("--json", action="store_true", help="print JSON")

    cooccur = commands.add_parser("cooccur", help="entities named in the same articles as NAME")
    cooccur.add_argument("name")
    cooccur.add_argument("--by-year", action="store_true", help="counts per year of publication")
    cooccur.add_argument("--json", action="store_true", help="print JSON")
    cooccur.add_argument("--csv", action="store_true", help="an edge list: source,target,weight,year")

    exporting = commands.add_parser("export", help="export articles: a digest, a table or citations")
    exporting.add_argument("query", nargs="?", default="", help="only articles matching this query")
    exporting.add_argument("--format", choices=FORMATS, default="md")
    exporting.add_argument("--out", type=Path, metavar="FILE", help="write to FILE instead of standard output")


def run(library: Library, args: argparse.Namespace) -> int:
    """Run one of COMMANDS; exports carry the user's tags and notes."""
    if args.command == "quotes":
        hits = library.quotes(args.query, speaker=args.speaker)
        return output.emit(args.json, quotes_payload(hits), lambda: _quotes_table(hits))
    if args.command == "timeline":
        if not args.name and not args.query.strip():
            print("alliance-reader: timeline needs a NAME or --query (see --help)", file=sys.stderr)
            return EXIT_USAGE
        entries = library.timeline(args.name, query=args.query)
        return output.emit(args.json, timeline_payload(entries), lambda: _timeline_table(entries))
    if args.command == "cooccur":
        found = library.cooccur(args.name, by_year=args.by_year)
        if args.csv:
            source = library.find_entity(args.name)
            sys.stdout.write(edge_list(source.name, found))
            return 0
        return output.emit(args.json, cooccur_payload(found, args.by_year), lambda: _cooccur_table(found))
    articles = library.matching_articles(args.query)
    records = library.export_records(articles)
    if args.out is None:
        sys.stdout.write(export(records, args.format))
    else:
        written = save(records, args.format, args.out)
        output.message(f"exported {len(records)} article(s) as {args.format} to {written}")
    return 0


def quotes_payload(hits: Sequence[QuoteHit]) -> list[dict[str, Any]]:
    return [
        {
            "article_id": h.article_id,
            "speaker": h.speaker,
            "speaker_type": h.speaker_type,
            "role": h.role,
            "text": h.text,
            "start": h.start,
            "end": h.end,
            "published": h.published.isoformat() if h.published else None,
        }
        for h in hits
    ]


def timeline_payload(entries: Sequence[TimelineEntry]) -> list[dict[str, Any]]:
    return [
        {
            "date": e.date.isoformat() if e.date else None,
            "date_confidence": e.date_confidence,
            "article_id": e.article_id,
            "title": e.title,
            "source": e.source,
            "sentence": e.sentence,
            "quote": e.quote,
        }
        for e in entries
    ]


def cooccur_payload(found: Sequence[CoMention], by_year: bool) -> list[dict[str, Any]]:
    rows = []
    for m in found:
        row: dict[str, Any] = {"key": m.key, "name": m.name, "type": m.type, "count": m.count}
        if by_year:
            row["year"] = m.year
        rows.append(row)
    return rows


def edge_list(source: str, found: Sequence[CoMention]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(EDGE_COLUMNS)
    for m in found:
        writer.writerow([source, m.name, m.count, "" if m.year is None else m.year])
    return buffer.getvalue()


def _quotes_table(hits: Sequence[QuoteHit]) -> None:
    table = Table("date", "speaker", "quote", "article", show_lines=False)
    for h in hits:
        who = Text(h.speaker or "(unattributed)", style="bold" if h.speaker else "dim")
        date = h.published.isoformat() if h.published else "undated"
        table.add_row(Text(date), who, Text(f"“{h.text}”"), Text(h.article_id))
    output.stdout.print(table)
    output.message(f"{len(hits)} quote(s)")


def _timeline_table(entries: Sequence[TimelineEntry]) -> None:
    table = Table("date", "source", "sentence")
    for e in entries:
        date = e.date.isoformat() if e.date else "undated"
        if e.date_confidence != "stated" and e.date:
            date += f" ({e.date_confidence})"
        marker = "❝ " if e.quote else ""
        table.add_row(Text(date), Text(e.source or ""), Text(marker + e.sentence))
    output.stdout.print(table)
    output.message(f"{len(entries)} appearance(s)")


def _cooccur_table(found: Sequence[CoMention]) -> None:
    table = Table("name", "type", "articles", "year")
    for m in found:
        table.add_row(Text(m.name), Text(m.type), Text(str(m.count)), Text("" if m.year is None else str(m.year)))
    output.stdout.print(table)
