"""Did-you-mean: a rare or unknown word replaced by a close, commoner word from the index itself.

The index holds stems ("defens"), so the replacement shown is the word as some article spells it,
read through the body's stored character positions. The caller offers the suggestion only when it
differs from the query and finds something.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Iterable
from typing import Any

from whoosh.query import Query
from whoosh.reading import IndexReader
from whoosh.searching import Searcher
from whoosh.support.levenshtein import damerau_levenshtein

from search import fields as f
from search.documents import stored_article
from search.engine import doc_frequency
from search.schema import text_analyzer
from search.vocabulary import within

WORD_FIELDS = f.DEFAULT_FIELDS
RARE_PER_ARTICLES = 1000  # a word in at most 1 of every 1000 articles may be a typo
MAX_DISTANCE = 2
MUCH_COMMONER = 20  # a rare (not unknown) word is only replaced by one this many times commoner
MAX_REMEMBERED = 2000  # doubtful words whose replacement is kept per open reader

_replacements: weakref.WeakKeyDictionary[Any, dict[str, str | None]] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def corrected_text(searcher: Searcher, query: Query, text: str) -> str | None:
    """The user's text with each doubtful word replaced, or None when every word looks fine."""
    reader = searcher.reader()
    rare_at_most = reader.doc_count() // RARE_PER_ARTICLES
    replacements: dict[str, str] = {}
    for word in dict.fromkeys(_query_words(query)):  # once each (a phrase is looked for in two fields)
        if _frequency(reader, word) > rare_at_most:
            continue
        surface = _replacement(searcher, word)
        if surface:
            replacements[word] = surface
    if not replacements:
        return None
    return _replace_words(text, replacements)


def _replacement(searcher: Searcher, word: str) -> str | None:
    """The surface form of the best replacement for a doubtful word, kept per open reader: finding it
    reads the word list and an article's body (several ms at 100k articles), and the same word is
    checked again by each search that holds it (the exact search after a budgeted one, a refined query)."""
    reader = searcher.reader()
    with _lock:
        known = _replacements.setdefault(reader, {})
        if word in known:
            return known[word]
    better = _best_candidate(reader, word)
    surface = _surface_form(searcher, better) if better is not None else None
    with _lock:
        if len(known) >= MAX_REMEMBERED:
            known.clear()
        known[word] = surface
    return surface


def _query_words(query: Query) -> list[str]:
    """The words the user typed (not those a wildcard or fuzzy term expanded to)."""
    words = []
    for leaf in query.leaves():
        if getattr(leaf, "expanded", False):
            continue
        for field, value in leaf.iter_all_terms(phrases=True):
            if field in WORD_FIELDS:
                word = value.decode("utf-8") if isinstance(value, bytes) else str(value)
                if word.isalpha() and len(word) > 2:
                    words.append(word)
    return words


def _frequency(reader: IndexReader, word: str) -> int:
    """Documents holding the word in any word field (Whoosh's count; each segment's term looked up once
    per open reader, as every search asks this of each word it holds)."""
    return sum(doc_frequency(reader, field, word) for field in WORD_FIELDS)


def _best_candidate(reader: IndexReader, word: str) -> str | None:
    own = _frequency(reader, word)
    scored = []
    for candidate in set(_candidates(reader, word)):
        if candidate == word:
            continue
        distance = damerau_levenshtein(word, candidate)
        freq = _frequency(reader, candidate)
        if own == 0 or (distance == 1 and freq >= MUCH_COMMONER * own):
            scored.append((distance, -freq, candidate))
    return min(scored)[2] if scored else None


def _candidates(reader: IndexReader, word: str) -> Iterable[str]:
    for field in WORD_FIELDS:
        yield from within(reader, field, word, MAX_DISTANCE, prefix=1)


def _surface_form(searcher: Searcher, stem: str) -> str | None:
    """How an article actually writes the word whose stem is `stem` (lower case)."""
    reader = searcher.reader()
    for field in (f.BODY, f.TITLE):
        if not reader.doc_frequency(field, stem):
            continue
        postings = reader.postings(field, stem)
        docnum = postings.id()
        stored = searcher.stored_fields(docnum)
        source = stored.get(f.TITLE, "") if field == f.TITLE else stored_article(stored).body
        for token in text_analyzer()(source, chars=True, removestops=False):
            if token.text == stem:
                return source[token.startchar : token.endchar].lower()
    return None


def _replace_words(text: str, replacements: dict[str, str]) -> str:
    """Replace, in the user's own text, each word that analyses to a doubtful stem."""
    analyzer = text_analyzer()
    pieces = []
    last = 0
    for token in analyzer(text, chars=True, removestops=False):
        if token.text in replacements and not _inside_field_name(text, token.endchar):
            pieces.append(text[last : token.startchar])
            pieces.append(replacements[token.text])
            last = token.endchar
    pieces.append(text[last:])
    return "".join(pieces)


def _inside_field_name(text: str, end: int) -> bool:
    return bool(re.match(r":", text[end : end + 1]))
