"""What the CLI prints: JSON payloads (a stable contract scripts rely on) and Rich views for people."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from corpus.codec import article_to_dict
from corpus.model import Article
from corpus.offices import window_words
from corpus.safety import shown
from search.library import Library
from search.results import ArticleSummary, EntitySummary, SearchResult, SyncProgress, SyncReport

stdout = Console(highlight=False, soft_wrap=False)
stderr = Console(stderr=True, highlight=False)


def message(text: str) -> None:
    """One line on stderr, never wrapped (scripts and logs read whole lines), through `shown`: problem
    lines carry file names, and a name may hold escape sequences or line breaks."""
    stderr.print(Text(shown(text)), soft_wrap=True)


# JSON escapes C0 controls itself; these it would write raw (DEL, C1, line separators, bidi overrides,
# and the lone surrogates of non-UTF-8 file names, which could not even be encoded).
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")


def to_json(payload: Any) -> str:
    text = json.dumps(payload, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def emit(as_json: bool, payload: Any, view: Callable[[], None]) -> int:
    """JSON for scripts, or the Rich view for people; the view gets the rich objects, not the JSON."""
    if as_json:
        sys.stdout.write(to_json(payload) + "\n")
    else:
        view()
    return 0


def run_sync(library: Library, *, rebuild: bool, entities: bool) -> SyncReport:
    """Index with a progress bar on a terminal; plain one-line summaries otherwise."""
    if stderr.is_terminal:
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            TaskProgressColumn(),
            TextColumn("{task.completed}/{task.total}"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
        )
        with Progress(*columns, console=stderr, transient=True) as bar:
            task = bar.add_task("scanning sources", total=None)

            def show(step: SyncProgress) -> None:
                bar.update(task, description=step.phase, completed=step.done, total=step.total or None)

            report = library.sync(rebuild=rebuild, entities=entities, progress=show)
    else:
        report = library.sync(rebuild=rebuild, entities=entities)
    for problem in report.problems:
        message(str(problem))
    verb = "rebuilt" if report.rebuilt else "updated"
    message(
        f"index {verb}: {report.added} added, {report.updated} updated, {report.removed} removed, "
        f"{report.unchanged} unchanged, {len(report.problems)} problem(s)"
    )
    return report


def list_payload(rows: Sequence[ArticleSummary]) -> list[dict[str, Any]]:
    return [_summary(r) for r in rows]


def _summary(row: ArticleSummary) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "source": row.source,
        "published": row.published.isoformat() if row.published else None,
        "date_confidence": row.date_confidence,
        "origin": row.origin,
        "url": row.url,
        "feed": row.feed,
        "date_window": [row.date_window[0].isoformat(), _iso(row.date_window[1])] if row.date_window else None,
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


SHOW_KEYS = (
    "id", "title", "source", "byline", "dateline", "published", "date_confidence", "date_reason", "categories",
    "key_points", "paragraphs", "pull_quotes", "captions", "comments", "origin", "url", "feed", "text_from",
)


def article_payload(article: Article, similar: Sequence[ArticleSummary] = ()) -> dict[str, Any]:
    """`show --json`: the stored form, with entities as counts, dates without offsets, and near-copies."""
    stored = article_to_dict(article)
    payload = {key: stored[key] for key in SHOW_KEYS}
    payload["entities"] = [
        {"name": e.name, "type": e.type.value, "role": e.role, "aliases": list(e.aliases), "count": e.count}
        for e in article.entities
    ]
    payload["dates"] = [
        {"text": d.text, "date": d.shown, "confidence": d.confidence.value, "reason": d.reason, "relative": d.relative}
        for d in article.dates
    ]
    payload["date_window"] = stored["date_window"]
    payload["similar"] = list_payload(similar)
    return payload


FACET_TITLES = {"source": "sources", "year": "years", "person": "people", "org": "organisations", "place": "places"}


def search_payload(result: SearchResult, names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Hits with plain-text snippets and the character spans to highlight; facet counts for the whole
    result set, entity facets with their display name (`names`: entity key to name)."""
    return {
        "query": result.query,
        "total": result.total,
        "exact_total": result.exact_total,
        "suggestion": result.suggestion,
        "hits": [
            {
                "id": hit.article.id,
                "title": hit.article.title,
                "published": hit.article.published.isoformat() if hit.article.published else None,
                "score": round(hit.score, 4),
                "snippet": hit.snippet.text,
                "snippet_spans": [[span.start, span.end] for span in hit.snippet.spans],
            }
            for hit in result.hits
        ],
        "facets": {
            kind: [_facet_value(kind, value, count, names or {}) for value, count in values]
            for kind, values in result.facets.items()
        },
    }


def entity_names(library: Library, result: SearchResult) -> dict[str, str]:
    """Display names for the entity keys among the facets; the registry is read only when there are some."""
    keys = {value for kind, values in result.facets.items() if kind not in ("source", "year") for value, _ in values}
    if not keys:
        return {}
    return {entity.key: entity.name for entity in library.entities() if entity.key in keys}


def _facet_value(kind: str, value: str, count: int, names: Mapping[str, str]) -> dict[str, Any]:
    if kind in ("source", "year"):
        return {"value": value, "count": count}
    return {"key": value, "name": names.get(value, value.split(":", 1)[-1]), "count": count}


def entities_payload(found: Sequence[EntitySummary]) -> list[dict[str, Any]]:
    return [
        {
            "name": e.name,
            "type": e.type,
            "aliases": list(e.aliases),
            "roles": list(e.roles),
            "articles": list(e.articles),
            "mentions": e.mentions,
        }
        for e in found
    ]


def list_table(rows: list[dict[str, Any]]) -> None:
    table = Table("id", "date", "source", "title", box=None, header_style="bold")
    for row in rows:
        table.add_row(
            row["id"],
            _date_cell(row["published"], row["date_confidence"], row.get("date_window")),
            Text(shown(row["source"] or "—")),
            Text(shown(row["title"])),
        )
    stdout.print(table)
    stdout.print(f"{len(rows)} article(s)", style="dim")


def _date_cell(published: str | None, confidence: str, window: list[str | None] | None = None) -> Text:
    if not published and window and window[0]:
        end = dt.date.fromisoformat(window[1]) if window[1] else None
        return Text(window_words(dt.date.fromisoformat(window[0]), end) + " ?", style="dim")  # who held office
    if not published:
        return Text("undated", style="dim")
    return Text(published + ("" if confidence == "stated" else " ?"), style="" if confidence == "stated" else "dim")


def article_view(payload: dict[str, Any]) -> None:
    stdout.print(Text(payload["title"], style="bold"))
    meta = " · ".join(x for x in (payload["source"], payload["byline"], payload["dateline"]) if x)
    window = payload.get("date_window")
    date = payload["published"] or (f"between {window[0]} and {window[1] or 'now'}" if window else "date unknown")
    stdout.print(Text(f"{meta}{' · ' if meta else ''}{date} ({payload['date_reason']})", style="dim"))
    if payload.get("url"):
        stdout.print(Text(payload["url"], style="dim underline"))
    if payload.get("text_from"):
        stdout.print(Text(f"text: {payload['text_from']}", style="dim"))
    for point in payload["key_points"]:
        stdout.print(Text(f"  • {point}"))
    for paragraph in payload["paragraphs"]:
        stdout.print()
        stdout.print(Text(paragraph))
    for caption in payload["captions"]:
        stdout.print()
        stdout.print(Text(f"[caption] {caption}", style="italic dim"))
    if payload["similar"]:
        stdout.print()
        stdout.print(Text("The same story elsewhere", style="bold"))
        for row in payload["similar"]:
            day = row["published"] or "no date"
            stdout.print(Text(f"  {row['id']}  {day}  {row['source'] or '—'}  {row['title']}"))
    if payload["comments"]:
        stdout.print()
        stdout.print(Text(f"{len(payload['comments'])} reader comment(s)", style="bold"))
        for comment in payload["comments"]:
            stdout.print(Text(f"{comment['author']}: {comment['text']}", style="dim"))


def search_table(result: SearchResult, names: Mapping[str, str] | None = None) -> None:
    if result.suggestion:
        stdout.print(Text.assemble("did you mean: ", (result.suggestion, "bold")))
    for hit in result.hits:
        published = hit.article.published.isoformat() if hit.article.published else "undated"
        stdout.print(Text.assemble((hit.id, "dim"), "  ", (published, "dim"), "  ", (hit.article.title, "bold")))
        snippet = Text(hit.snippet.text)
        for span in hit.snippet.spans:
            snippet.stylize("bold reverse", span.start, span.end)
        stdout.print(Text("    ") + snippet)
    about = "" if result.exact_total else "about "
    stdout.print(Text(f"{about}{result.total} hit(s) for {shown(result.query)}", style="dim"))
    payload = search_payload(result, names)["facets"]
    for kind, title in FACET_TITLES.items():
        values = payload.get(kind) or []
        if values:
            listed = " · ".join(f"{v.get('name', v.get('value'))} {v['count']}" for v in values)
            stdout.print(Text.assemble((f"{title}: ", "bold dim"), (shown(listed), "dim")))


def entities_table(rows: list[dict[str, Any]]) -> None:
    table = Table("type", "name", "roles", "articles", "mentions", box=None, header_style="bold")
    for row in rows:
        table.add_row(
            row["type"],
            Text(shown(row["name"])),
            Text("; ".join(row["roles"])),
            str(len(row["articles"])),
            str(row["mentions"]),
        )
    stdout.print(table)
