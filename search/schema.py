"""The Whoosh schema, in one place; bump SCHEMA_VERSION whenever it changes, and indexes rebuild."""

from __future__ import annotations

from whoosh.analysis import Analyzer, CharsetFilter, LowercaseFilter, RegexTokenizer, StemmingAnalyzer
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

SCHEMA_VERSION = 1

# Words: letters/digits joined by inner dots ("U.S."); apostrophes and hyphens split, so "Japan's"
# indexes "japan" (the lone "s" is too short to keep) and "command-and-control" three words in a row.
WORD_PATTERN = r"\w+(?:\.\w+)*"


def text_analyzer() -> Analyzer:
    """Stemmed, accent-folded words: "Shinjirō" finds "Shinjiro" and back."""
    return StemmingAnalyzer(expression=WORD_PATTERN, minsize=2) | CharsetFilter(accent_map)


def name_analyzer() -> Analyzer:
    """Entity names: folded but not stemmed, so `person:Hegseth` matches only that name."""
    return RegexTokenizer(WORD_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map)


def build_schema() -> Schema:
    words = text_analyzer()
    names = name_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        file_id=ID,
        file_key=ID,
        content_hash=ID(stored=True),
        title=TEXT(analyzer=words, stored=True, field_boost=2.0),
        body=TEXT(analyzer=words, chars=True),
        source=TEXT(analyzer=names, stored=True),
        byline=TEXT(analyzer=names),
        categories=KEYWORD(commas=True, lowercase=True, scorable=True),
        published=DATETIME(stored=True, sortable=True),
        date_confidence=ID(stored=True),
        person=TEXT(analyzer=names),
        org=TEXT(analyzer=names),
        place=TEXT(analyzer=names),
        entity=KEYWORD(commas=True),
        origin=ID(stored=True),
        title_sort=ID(sortable=True),
        doc=STORED,
    )
