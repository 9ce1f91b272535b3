"""Articles out of the library: a Markdown digest, CSV, JSON, and citations (CSL-JSON, BibTeX, RIS).

Headless: plain records in, text out, so the CLI and the app format alike and tests parse the
result back with real BibTeX and RIS readers. Tags and notes belong to the user's data, which this
module does not read: callers pass them in on each record.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpus.model import Article

FORMATS = ("md", "csv", "json", "csljson", "bibtex", "ris")
EXTENSIONS = {"csljson": "csl.json", "bibtex": "bib"}
CSV_COLUMNS = (
    "id", "title", "source", "published", "date_confidence", "url", "byline", "entities", "quotes", "tags", "note",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ExportRecord:
    """An article with what the user added to it (tags and a note)."""

    article: Article
    tags: tuple[str, ...] = ()
    note: str | None = None


def export(records: Sequence[ExportRecord], fmt: str, *, accessed: dt.date | None = None) -> str:
    """The records in `fmt` (one of FORMATS); `accessed` is the citation's access date (today)."""
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ValueError(f"unknown export format {fmt!r}; formats are {', '.join(FORMATS)}")
    return writer(records, accessed or dt.date.today())


def save(records: Sequence[ExportRecord], fmt: str, path: Path, *, accessed: dt.date | None = None) -> Path:
    """Write the export to `path` (a leading ~ is the home folder); OSError when it cannot be written."""
    text = export(records, fmt, accessed=accessed)
    target = Path(path).expanduser()
    target.write_text(text, encoding="utf-8")
    return target


def default_file_name(fmt: str) -> str:
    return f"alliance-reader-export.{EXTENSIONS.get(fmt, fmt)}"


def url_of(article: Article) -> str | None:
    """The article's link: its own (feeds, JSON records), else an origin that is a web address."""
    if article.url:
        return article.url
    return article.origin if article.origin.startswith(("http://", "https://")) else None


def authors(byline: str | None) -> list[str]:
    """People named in a byline: "By Jane Doe and John Roe" → ["Jane Doe", "John Roe"]."""
    if not byline:
        return []
    text = re.sub(r"^\s*by\s+", "", byline.strip(), flags=re.IGNORECASE)
    text = re.split(r"\s*[|•]\s*|\s+for\s+", text)[0]
    names = re.split(r"\s*(?:,|\band\b|&)\s*", text)
    return [n.strip() for n in names if n.strip() and any(c.isalpha() for c in n)]


def _split_name(name: str) -> dict[str, str]:
    parts = name.split()
    if len(parts) < 2:
        return {"literal": name}
    return {"family": parts[-1], "given": " ".join(parts[:-1])}


def _date_parts(date: dt.date) -> dict[str, list[list[int]]]:
    return {"date-parts": [[date.year, date.month, date.day]]}


def _cite_key(article: Article) -> str:
    family = _split_name(authors(article.byline)[0]).get("family", "") if authors(article.byline) else ""
    word = re.sub(r"[^a-z]", "", (family or (article.source or "article")).casefold())[:20] or "article"
    year = article.published.date.year if article.published.date else "nd"
    return f"{word}{year}_{article.id}"


# -- CSL-JSON -----------------------------------------------------------------------------------------
def csl_item(record: ExportRecord, accessed: dt.date) -> dict[str, Any]:
    article = record.article
    item: dict[str, Any] = {"id": article.id, "type": "article-newspaper", "title": article.title}
    if article.source:
        item["container-title"] = article.source
    names = authors(article.byline)
    if names:
        item["author"] = [_split_name(n) for n in names]
    if article.published.date:
        item["issued"] = _date_parts(article.published.date)
    url = url_of(article)
    if url:
        item["URL"] = url
    item["accessed"] = _date_parts(accessed)
    if record.tags:
        item["keyword"] = ", ".join(record.tags)
    if record.note:
        item["note"] = record.note
    return item


def _csljson(records: Sequence[ExportRecord], accessed: dt.date) -> str:
    return json.dumps([csl_item(r, accessed) for r in records], ensure_ascii=False, indent=2) + "\n"


# -- BibTeX ---------------------------------------------------------------------------------------------
# Braces become parentheses: BibTeX groups with them, and readers disagree on escaped ones.
_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": "(", "}": ")", "&": r"\&", "%": r"\%", "$": r"\$",
                   "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}  # fmt: skip


def bibtex_escape(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(ch, ch) for ch in " ".join(text.split()))


def _bibtex(records: Sequence[ExportRecord], accessed: dt.date) -> str:
    return "\n".join(_bibtex_entry(r, accessed) for r in records)


def _bibtex_entry(record: ExportRecord, accessed: dt.date) -> str:
    article = record.article
    url = url_of(article)
    fields: list[tuple[str, str]] = [("title", article.title)]
    names = authors(article.byline)
    if names:
        fields.append(("author", " and ".join(_bibtex_name(n) for n in names)))
    if article.source:
        fields.append(("journal", article.source))
    date = article.published.date
    if date:
        fields += [("year", str(date.year)), ("month", str(date.month)), ("date", date.isoformat())]
    if url:
        fields += [("url", url), ("urldate", accessed.isoformat())]
    if record.tags:
        fields.append(("keywords", ", ".join(record.tags)))
    if record.note:
        fields.append(("note", record.note))
    body = ",\n".join(f"  {name} = {{{bibtex_escape(value)}}}" for name, value in fields)
    return f"@{'online' if url else 'article'}{{{_cite_key(article)},\n{body}\n}}\n"


def _bibtex_name(name: str) -> str:
    parts = _split_name(name)
    return f"{parts['family']}, {parts['given']}" if "family" in parts else f"{{{name}}}"


# -- RIS ------------------------------------------------------------------------------------------------
def _ris(records: Sequence[ExportRecord], accessed: dt.date) -> str:
    out: list[str] = []
    for record in records:
        article = record.article
        lines = [("TY", "NEWS"), ("TI", article.title)]
        lines += [("AU", _ris_name(n)) for n in authors(article.byline)]
        if article.source:
            lines.append(("T2", article.source))
        date = article.published.date
        if date:
            lines += [("PY", str(date.year)), ("DA", date.strftime("%Y/%m/%d"))]
        url = url_of(article)
        if url:
            lines.append(("UR", url))
        lines.append(("Y2", accessed.strftime("%Y/%m/%d")))
        lines += [("KW", tag) for tag in record.tags]
        if record.note:
            lines.append(("N1", record.note))
        lines.append(("ID", article.id))
        out.extend(f"{tag}  - {' '.join(value.split())}" for tag, value in lines)
        out.append("ER  - ")
        out.append("")
    return "\n".join(out)


def _ris_name(name: str) -> str:
    parts = _split_name(name)
    return f"{parts['family']}, {parts['given']}" if "family" in parts else name


# -- JSON, CSV, Markdown ----------------------------------------------------------------------------------
def record_dict(record: ExportRecord) -> dict[str, Any]:
    article = record.article
    published = article.published
    return {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "byline": article.byline,
        "published": published.date.isoformat() if published.date else None,
        "date_confidence": published.confidence.value,
        "url": url_of(article),
        "origin": article.origin,
        "key_points": list(article.key_points),
        "entities": [{"name": e.name, "type": e.type.value, "key": e.key, "role": e.role} for e in article.entities],
        "quotes": [
            {
                "speaker": q.speaker,
                "speaker_type": q.speaker_type.value if q.speaker_type else None,
                "role": q.role,
                "text": q.text,
                "start": q.start,
                "end": q.end,
            }
            for q in article.quotes
        ],
        "tags": list(record.tags),
        "note": record.note,
    }


def _json(records: Sequence[ExportRecord], accessed: dt.date) -> str:
    return json.dumps([record_dict(r) for r in records], ensure_ascii=False, indent=2) + "\n"


def _csv(records: Sequence[ExportRecord], accessed: dt.date) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        row = record_dict(record)
        row["entities"] = "; ".join(e["name"] for e in row["entities"])
        row["quotes"] = "; ".join(f"{q['speaker'] or '?'}: {q['text']}" for q in row["quotes"])
        row["tags"] = "; ".join(row["tags"])
        writer.writerow(["" if row[c] is None else row[c] for c in CSV_COLUMNS])
    return buffer.getvalue()


def _markdown(records: Sequence[ExportRecord], accessed: dt.date) -> str:
    parts = [f"# Reading digest ({len(records)} article{'s' if len(records) != 1 else ''})", ""]
    for record in records:
        parts.extend(_markdown_article(record))
    return "\n".join(parts)


def _md(text: str) -> str:
    """Corpus text as literal Markdown: the characters that would format are escaped."""
    return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", " ".join(text.split()))


def _markdown_article(record: ExportRecord) -> list[str]:
    article = record.article
    date = article.published.date.isoformat() if article.published.date else "undated"
    meta = " · ".join(_md(x) for x in (article.source or "unknown source", date, article.byline or "") if x)
    lines = [f"## {_md(article.title)}", "", meta]
    url = url_of(article)
    if url:
        lines.append(f"<{url}>")
    lines.append("")
    if article.key_points:
        lines += ["**Key points**", "", *(f"- {_md(p)}" for p in article.key_points), ""]
    if record.tags:
        lines += [f"**Tags:** {_md(', '.join(record.tags))}", ""]
    if record.note:
        lines += ["**My note:** " + _md(record.note), ""]
    if article.quotes:
        lines += ["**Quotes**", ""]
        for quote in article.quotes:
            who = f" — {_md(quote.speaker)}" + (f" ({_md(quote.role)})" if quote.role else "") if quote.speaker else ""
            lines.append(f"> “{_md(quote.text)}”{who}")
            lines.append("")
    return lines


_WRITERS: dict[str, Callable[[Sequence[ExportRecord], dt.date], str]] = {
    "md": _markdown,
    "csv": _csv,
    "json": _json,
    "csljson": _csljson,
    "bibtex": _bibtex,
    "ris": _ris,
}
