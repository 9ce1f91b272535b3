"""Finding a web page's feed through `<link rel="alternate" type="application/rss+xml" href=...>`."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json",
              "application/xml", "text/xml")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link":
            return
        values = {k.lower(): (v or "") for k, v in attrs}
        rels = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().split(";")[0].strip()
        if "alternate" in rels and kind in FEED_TYPES and values.get("href"):
            self.found.append((kind, values["href"].strip()))


def feed_links(page: str, base_url: str) -> list[str]:
    """Feed URLs a page announces, best first (RSS/Atom before the rest), http(s) only."""
    parser = _Links()
    try:
        parser.feed(page[:500_000])
        parser.close()
    except Exception:  # a broken page simply announces nothing
        return []
    ranked = sorted(parser.found, key=lambda pair: FEED_TYPES.index(pair[0]))
    urls = [urljoin(base_url, href) for _, href in ranked]
    return [u for u in dict.fromkeys(urls) if urlsplit(u).scheme in ("http", "https")]
