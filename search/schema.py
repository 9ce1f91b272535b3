"""The Whoosh schema, in one place; bump SCHEMA_VERSION whenever it changes, and indexes rebuild."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    Token,
)
from whoosh.analysis.analyzers import STOP_WORDS, CompositeAnalyzer
from whoosh.columns import VarBytesListColumn
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.formats import Characters, Frequency, Positions
from whoosh.support.charset import accent_map

from search import fields as f

SCHEMA_VERSION = 6
QUOTE_FIELD = f.QUOTE
SAID_FIELD = f.SAID

# Words: letters/digits joined by inner dots ("U.S."); apostrophes and hyphens split, so "Japan's"
# indexes "japan" (the lone "s" is too short to keep) and "command-and-control" three words in a row.
WORD_PATTERN = r"\w+(?:\.\w+)*"

# Whoosh's stop list minus words that carry meaning here: "us" (the country), "may" (the month),
# "will" (as in political will).
STOP = frozenset(STOP_WORDS) - {"us", "may", "will"}

_ACRONYM = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]$")


class AcronymFilter(Filter):
    """ "u.s" → "us", "u.k" → "uk": dotted and plain acronyms find each other."""

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        for token in tokens:
            if "." in token.text and _ACRONYM.match(token.text):
                token.text = token.text.replace(".", "")
            yield token


# British spellings to American, so "Defence Minister" and "defense spending" meet. Whole words
# only; -ise verbs by stem, since "emphasis" or "realism" must stay as they are.
_UK_WORDS = {
    "defence": "defense", "defences": "defenses", "offence": "offense", "offences": "offenses",
    "licence": "license", "programme": "program", "programmes": "programs", "centre": "center",
    "centres": "centers", "theatre": "theater", "labour": "labor", "honour": "honor", "favour": "favor",
    "neighbour": "neighbor", "neighbours": "neighbors", "harbour": "harbor", "behaviour": "behavior",
}  # fmt: skip
_UK_ISE = re.compile(
    r"^(organ|recogn|critic|priorit|real|modern|mobil|stabil|author|util|normal|militar|apolog|summar|"
    r"character|final|maxim|minim|standard|legitim|formal|operational|central|privat|optim|emphas|"
    r"jeopard|harmon|neutral|capital|subsid|synchron)is(e|es|ed|ing|ation|ations)$"
)


class SpellingFilter(Filter):
    """British to American spelling for the words news about the alliance uses most."""

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        for token in tokens:
            text = token.text
            if text in _UK_WORDS:
                token.text = _UK_WORDS[text]
            elif "is" in text and (match := _UK_ISE.match(text)):
                token.text = f"{match.group(1)}iz{match.group(2)}"
            yield token


def word_filters() -> Analyzer:
    """Tokenise, lowercase, fold accents, join acronyms: everything but stemming and stop words."""
    return RegexTokenizer(WORD_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map) | AcronymFilter()


_UNSEEN: Any = object()


class IndexedWords(CompositeAnalyzer):
    """An analyzer chain with a shortcut for indexing. Every filter in our chains maps one word to one
    word (or drops it), so the chain's result depends on the word alone: each distinct word goes
    through the chain once and is remembered, instead of every occurrence passing through six
    generator stages (that was a third of the time spent building an index). Queries, snippets and
    anything else call the chain itself; a property test holds the two to the same output."""

    CACHE_WORDS = 300_000  # raw words remembered per process (~40 MB) before starting afresh

    def __getstate__(self) -> dict[str, Any]:
        return {key: value for key, value in self.__dict__.items() if key != "_words"}

    def _through_chain(self, raw: str) -> str | None:
        token = Token(positions=False, chars=False, removestops=True, mode="index")
        token.text, token.boost, token.stopped = raw, 1.0, False
        stream: Iterator[Any] = iter((token,))
        for item in self.items[1:]:
            stream = item(stream)
        return next((out.text for out in stream), None)

    def occurrences(self, value: str) -> dict[str, list[tuple[int, int, int]]]:
        """Each indexed word of `value` with its (position, start char, end char) occurrences, exactly
        as the chain gives them with positions=True, chars=True (dropped words renumbered away)."""
        words: dict[str, str | None] | None = self.__dict__.get("_words")
        if words is None or len(words) > self.CACHE_WORDS:
            words = self.__dict__["_words"] = {}
        renumber = any(isinstance(item, StopFilter) and item.renumber for item in self.items[1:])
        found: dict[str, list[tuple[int, int, int]]] = {}
        pos = -1
        for index, match in enumerate(self.items[0].expression.finditer(value)):
            raw = match.group()
            word = words.get(raw, _UNSEEN)
            if word is _UNSEEN:
                word = words[raw] = self._through_chain(raw)
            if word is None:
                continue
            pos = index if not renumber or pos < 0 else pos + 1
            spans = found.get(word)
            if spans is None:
                found[word] = [(pos, match.start(), match.end())]
            else:
                spans.append((pos, match.start(), match.end()))
        return found


def _indexing_occurrences(value: Any, analyzer: Any, kwargs: dict[str, Any]) -> Any:
    """The shortcut's occurrences when this is a plain indexing call it covers, else None."""
    if isinstance(analyzer, IndexedWords) and isinstance(value, str) and kwargs == {"mode": "index"}:
        return analyzer.occurrences(value)
    return None


def text_analyzer() -> IndexedWords:
    """Stemmed, accent-folded words. Folding comes before stemming so "Shinjirō" and "Shinjiro"
    reach the stemmer as the same word and always get the same stem."""
    return IndexedWords(
        word_filters() | SpellingFilter() | StopFilter(stoplist=STOP, minsize=2) | StemFilter(cachesize=50000)
    )


def name_analyzer() -> Analyzer:
    """Entity names: folded but not stemmed, so `person:Hegseth` matches only that name."""
    return word_filters()


def _scoring_copy(words: Analyzer) -> ScoringCopy:
    field = ScoringCopy(analyzer=words, phrase=False)
    field.format = WeightsOnly(field_boost=field.format.field_boost)
    return field


def _body(words: Analyzer) -> TEXT:
    field = TEXT(analyzer=words, chars=True, multitoken_query="phrase")
    field.format = RecordedCharacters(field_boost=field.format.field_boost)
    return field


def _title(words: Analyzer) -> TEXT:
    field = TEXT(analyzer=words, stored=True, field_boost=f.TITLE_BOOST, multitoken_query="phrase")
    field.format = IndexedPositions(field_boost=field.format.field_boost)
    return field


class DisplayText(TEXT):
    """A TEXT field whose column keeps the whole value as written, for facets ("The Japan Times")."""

    def to_column_value(self, value: Any) -> bytes:
        return str(value).strip().encode("utf-8")

    def from_column_value(self, value: object) -> str:
        return value.decode("utf-8") if isinstance(value, bytes) else str(value)


class KeyList(KEYWORD):
    """Comma-separated keys with a list column, so entity facets read one list per hit."""

    def to_column_value(self, value: Any) -> list[bytes]:
        return [key.strip().encode("utf-8") for key in str(value).split(",") if key.strip()]

    def from_column_value(self, value: object) -> str:
        return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _entity_keys() -> KeyList:
    field = KeyList(commas=True)
    field.column_type = VarBytesListColumn()  # KEYWORD's `sortable=` ignores a column object
    return field


_recorded = threading.local()


class RecordedCharacters(Characters):
    """The body's postings format (positions and character offsets, for phrases and snippets) that
    also keeps each word's frequency and weight for the document just analysed, so the body's
    scoring copy (`ScoringCopy`) is built without analysing the text a second time."""

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Iterable[tuple[str, int, float, bytes]]:
        found = _indexing_occurrences(value, analyzer, kwargs)
        if found is None:
            items = list(super().word_values(value, analyzer, **kwargs))
        else:
            boost, encode = self.field_boost, self.encode
            items = [(word, len(spans), len(spans) * boost, encode(spans)) for word, spans in found.items()]
        _recorded.last = (value, [(word, freq, weight) for word, freq, weight, _ in items])
        return items


class IndexedPositions(Positions):
    """Whoosh's positions format, indexing through `IndexedWords`' shortcut (the title's format)."""

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Iterable[tuple[str, int, float, bytes]]:
        found = _indexing_occurrences(value, analyzer, kwargs)
        if found is None:
            return super().word_values(value, analyzer, **kwargs)
        boost, encode = self.field_boost, self.encode
        return [
            (word, len(spans), len(spans) * boost, encode([span[0] for span in spans])) for word, spans in found.items()
        ]


class WeightsOnly(Frequency):
    """Frequency postings without a value per posting: the weight, which every block stores anyway, is
    the frequency (times the field boost), so the value would only repeat it."""

    posting_size = 0

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Iterable[tuple[str, int, float, bytes]]:
        return ((word, freq, weight, b"") for word, freq, weight, _ in super().word_values(value, analyzer, **kwargs))

    def decode_frequency(self, valuestring: bytes) -> int:
        raise NotImplementedError("read the posting's weight")


class ScoringCopy(TEXT):
    """The body's words again with frequencies only (no positions): ranking reads these postings, which
    decode ~3.7x faster than ones carrying positions and offsets. Whoosh indexes a document's fields
    in name order, so "body" has just been analysed when "body_f" is; otherwise it analyses itself.
    `mirrors` lets our bulk writer (search.engine.segment_writer) copy the body's postings instead."""

    mirrors = f.BODY

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        last = getattr(_recorded, "last", None)
        if last is None or last[0] is not value:
            yield from super().index(value, **kwargs)
            return
        for word, freq, weight in last[1]:
            yield word.encode("utf-8"), freq, weight, b""


def build_schema() -> Schema:
    words = text_analyzer()
    names = name_analyzer()
    return Schema(
        **{
            f.ID: ID(stored=True, unique=True),
            f.FILE_ID: ID,
            f.FILE_KEY: ID,
            f.CONTENT_HASH: ID(stored=True),
            f.TITLE: _title(words),
            f.BODY: _body(words),
            f.BODY_SCORING: _scoring_copy(words),
            f.SOURCE: DisplayText(analyzer=names, stored=True, sortable=True, multitoken_query="phrase"),
            f.BYLINE: TEXT(analyzer=names, multitoken_query="phrase"),
            f.CATEGORIES: KEYWORD(commas=True, lowercase=True, scorable=True),
            f.PUBLISHED: DATETIME(stored=True, sortable=True),
            f.DATE_CONFIDENCE: ID(stored=True),
            f.PERSON: TEXT(analyzer=names, multitoken_query="phrase"),
            f.ORG: TEXT(analyzer=names, multitoken_query="phrase"),
            f.PLACE: TEXT(analyzer=names, multitoken_query="phrase"),
            f.ENTITY: _entity_keys(),
            f.QUOTE: TEXT(analyzer=words, multitoken_query="phrase"),
            f.SAID: TEXT(analyzer=names, multitoken_query="phrase"),
            f.ORIGIN: ID(stored=True),
            f.TITLE_SORT: ID(sortable=True),
            f.DOC: STORED,
        }
    )
