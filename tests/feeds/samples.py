"""Feed documents in the three formats, built per test so each test says what its entries hold."""

from __future__ import annotations

from html import escape


def rss2(title: str, items: list[dict[str, str]]) -> str:
    rows = []
    for item in items:
        parts = [f"<{tag}>{escape(value)}</{tag}>" for tag, value in item.items() if tag != "category"]
        if "category" in item:
            parts.append(f"<category>{escape(item['category'])}</category>")
        rows.append("<item>" + "".join(parts) + "</item>")
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>http://example.org/</link><description>d</description>{''.join(rows)}</channel></rss>")


def atom(title: str, entries: list[dict[str, str]]) -> str:
    rows = []
    for entry in entries:
        rows.append(
            f"<entry><id>{escape(entry['id'])}</id><title>{escape(entry['title'])}</title>"
            f"<link href=\"{escape(entry['link'])}\"/><updated>{entry['updated']}</updated>"
            f"<author><name>{escape(entry.get('author', 'Staff'))}</name></author>"
            f"<content type=\"html\">{escape(entry['content'])}</content></entry>"
        )
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>{escape(title)}</title><id>urn:feed</id><updated>2026-01-01T00:00:00Z</updated>"
            f"{''.join(rows)}</feed>")


def rss1(title: str, items: list[dict[str, str]]) -> str:
    rows = "".join(
        f'<item rdf:about="{escape(i["link"])}"><title>{escape(i["title"])}</title><link>{escape(i["link"])}</link>'
        f"<description>{escape(i['description'])}</description><dc:date>{i['date']}</dc:date>"
        f"<dc:creator>{escape(i.get('creator', 'Desk'))}</dc:creator></item>"
        for i in items
    )
    return (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<channel rdf:about="http://example.org/"><title>{escape(title)}</title><link>http://example.org/</link>'
        f"<description>d</description></channel>{rows}</rdf:RDF>"
    )


def long_text(topic: str, words: int = 220) -> str:
    base = (f"The {topic} talks between Tokyo and Washington covered deterrence, supply chains and the "
            "command structure of forces stationed in Japan. ").split()
    return " ".join(base[i % len(base)] for i in range(words))


def article_page(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head><title>{escape(title)}</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{escape(title)}</h1>{body}</article><footer>Copyright</footer></body></html>")
