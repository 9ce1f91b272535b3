"""OPML subscription lists: read with listparser (it copes with the OPML found in the wild), written as
plain OPML 2.0 that other readers import."""

from __future__ import annotations

import datetime as dt
import email.utils
from dataclasses import dataclass
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

import listparser

from corpus.safety import sanitize_line


@dataclass(frozen=True, slots=True)
class Outline:
    url: str
    title: str | None = None


@dataclass(frozen=True, slots=True)
class OpmlList:
    feeds: tuple[Outline, ...]
    refused: tuple[str, ...]  # URLs that are not http(s): never subscribed
    problem: str | None = None


def read_opml(data: bytes) -> OpmlList:
    parsed = listparser.parse(data)
    feeds: list[Outline] = []
    refused: list[str] = []
    for item in parsed.feeds:
        url = sanitize_line(str(item.get("url") or ""))
        if not url:
            continue
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            refused.append(url)
            continue
        feeds.append(Outline(url, sanitize_line(str(item.get("title") or "")) or None))
    problem = None
    if parsed.bozo and not feeds:
        problem = f"not a readable OPML file: {str(parsed.bozo_exception)[:120]}"
    return OpmlList(tuple(dict.fromkeys(feeds)), tuple(refused), problem)


def write_opml(feeds: list[Outline], title: str = "alliance-reader subscriptions") -> bytes:
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = email.utils.format_datetime(dt.datetime.now(dt.UTC))
    body = ET.SubElement(root, "body")
    for feed in feeds:
        text = feed.title or feed.url
        ET.SubElement(body, "outline", type="rss", text=text, title=text, xmlUrl=feed.url)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
