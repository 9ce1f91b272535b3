"""Highlighted snippets as plain text plus character spans: never markup, so the UI can style them.

Snippets come from the character offsets the body field stores with each posting ("pinpoint"
highlighting): no article is tokenised again, so a hit's snippet costs a postings lookup per query
word instead of analysing its whole body (about 1 ms per hit on BBC articles).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from whoosh.highlight import DEFAULT_CHARLIMIT, Formatter, Fragment, Highlighter, PinpointFragmenter
from whoosh.searching import Searcher

from corpus.model import Span
from search import fields as f
from search.results import Snippet

SNIPPET_CHARS = 220
SNIPPET_FRAGMENTS = 2
SURROUND = 60  # characters of context around the matches of a fragment
MIN_SCORE = 1  # Whoosh's top_fragments default
ELLIPSIS = " … "
FIELD = f.BODY


class SpanFormatter(Formatter):
    """Collects matched character spans instead of wrapping them in tags."""

    def format(self, fragments: Iterable[Fragment], replace: bool = False) -> Any:
        parts: list[str] = []
        spans: list[Span] = []
        offset = 0
        for index, fragment in enumerate(fragments):
            if index:
                parts.append(ELLIPSIS)
                offset += len(ELLIPSIS)
            text = " ".join(fragment.text[fragment.startchar : fragment.endchar].split("\n"))
            for token in sorted(fragment.matches, key=lambda t: t.startchar):
                if token.startchar is None or token.startchar < fragment.startchar or token.endchar > fragment.endchar:
                    continue  # a match cut by the fragment's edge would point past the text
                start = offset + token.startchar - fragment.startchar
                spans.append(Span(start, start + token.endchar - token.startchar))
            parts.append(text)
            offset += len(text)
        return Snippet("".join(parts), tuple(spans))


def make_highlighter() -> Highlighter:
    return Highlighter(
        fragmenter=PinpointFragmenter(maxchars=SNIPPET_CHARS, surround=SURROUND, autotrim=True),
        formatter=SpanFormatter(),
    )


@dataclass(slots=True)
class _Match:
    """What the fragmenter, scorer and formatter read of a matched word (Whoosh's Token costs ~10 µs
    to create, and a common word can occur dozens of times in each hit)."""

    text: str
    pos: int
    startchar: int
    endchar: int
    boost: float = 1.0


def snippets_for(
    searcher: Searcher, docnums: Sequence[int], bodies: Sequence[str], words: Iterable[str]
) -> list[Snippet]:
    """One snippet per hit (`docnums[i]` is the document whose body is `bodies[i]`) around the
    analysed `words` of the body field; a hit where none occurs gets the opening of its body."""
    matches = _matches(searcher, docnums, words)
    highlighter = make_highlighter()
    return [_snippet(highlighter, body, matches.get(docnum, [])) for docnum, body in zip(docnums, bodies, strict=True)]


def snippets_from_positions(
    docnums: Sequence[int], bodies: Sequence[str], positions: Mapping[int, Sequence[tuple[str, int, int, int]]]
) -> list[Snippet]:
    """Like `snippets_for`, from (word, position, start, end) already read for each document."""
    highlighter = make_highlighter()
    return [
        _snippet(highlighter, body, [_Match(*match) for match in positions.get(docnum, ())])
        for docnum, body in zip(docnums, bodies, strict=True)
    ]


def _matches(searcher: Searcher, docnums: Sequence[int], words: Iterable[str]) -> dict[int, list[_Match]]:
    """Stored (position, start, end) of each word in each wanted document: per segment, only the
    blocks of each word's postings that hold a wanted document are decoded."""
    from search.engine import segment_postings, values_for_documents  # numpy: loaded when first needed

    found: dict[int, list[_Match]] = {}
    wanted = sorted(set(docnums))
    words = sorted(set(words))
    leaves = searcher.leaf_searchers()
    for index, (leaf, offset) in enumerate(leaves):
        end = leaves[index + 1][1] if index + 1 < len(leaves) else offset + leaf.doc_count_all()
        local = [docnum - offset for docnum in wanted if offset <= docnum < end]
        if not local:
            continue
        reader = leaf.reader()
        decode = reader.schema[FIELD].format.decode_as
        for word in words:
            values = values_for_documents(reader, FIELD, word.encode("utf-8"), local)
            if values is not None:
                for docnum, value in values.items():
                    tokens = found.setdefault(docnum + offset, [])
                    tokens.extend(_Match(word, pos, start, stop) for pos, start, stop in decode("characters", value))
                continue
            if (FIELD, word.encode("utf-8")) not in reader:
                continue
            postings = segment_postings(reader, FIELD, word)
            for docnum in local:
                if not postings.is_active():
                    break
                if postings.id() < docnum:
                    postings.skip_to(docnum)
                    if not postings.is_active():
                        break
                if postings.id() == docnum:
                    tokens = found.setdefault(docnum + offset, [])
                    for pos, start, end_char in postings.value_as("characters"):
                        tokens.append(_Match(word, pos, start, end_char))
    return found


def _snippet(highlighter: Highlighter, body: str, tokens: list[_Match]) -> Snippet:
    if not tokens:
        return lead_snippet(body)
    tokens.sort(key=lambda t: (t.startchar, -(t.endchar - t.startchar)))
    firsts = [next(group) for _, group in groupby(tokens, key=lambda t: t.startchar)]  # longest at each start
    snippet = highlighter.formatter.format(best_fragments(body, firsts))
    if isinstance(snippet, Snippet) and snippet.text:
        return snippet
    return lead_snippet(body)


class _Candidate:
    """A fragment before it is chosen. Compares as Whoosh's Fragment does (`__lt__` on its start, no
    `__eq__`), so the heap below breaks ties exactly as `top_fragments` does."""

    __slots__ = ("end", "first", "last", "start")

    def __init__(self, start: int, end: int, first: int, last: int) -> None:
        self.start, self.end, self.first, self.last = start, end, first, last

    def __lt__(self, other: _Candidate) -> bool:
        return self.start < other.start


def best_fragments(text: str, tokens: Sequence[_Match], count: int = SNIPPET_FRAGMENTS) -> list[Fragment]:
    """The fragments Whoosh's highlighter picks from `tokens` (sorted, one per start): its
    PinpointFragmenter (SNIPPET_CHARS, SURROUND, autotrim), BasicFragmentScorer and `top_fragments`
    (`heapq.nlargest` of (score, fragment), shown in text order), without building a Fragment, with its
    set of matched words, for every candidate and calling a scorer on it: those cost ~1-3 ms for the 20
    hits of a common word at ~95k BBC articles. Same fragments (tests/search/test_snippets_fast.py)."""
    candidates: list[tuple[float, _Candidate]] = []
    textlen = len(text)
    last = len(tokens) - 1
    j = -1
    for i, token in enumerate(tokens):
        if j >= i:
            continue
        j = i
        left, right = token.startchar, token.endchar
        if right > DEFAULT_CHARLIMIT:
            break
        currentlen = right - left
        while j < last and currentlen < SNIPPET_CHARS:
            following = tokens[j + 1]
            end = following.endchar
            if end - right <= SURROUND and end - left <= SNIPPET_CHARS:
                j += 1
                right = end
                currentlen += end - following.startchar
            else:
                break
        start, end = max(0, left - SURROUND), min(textlen, right + SURROUND)
        # PinpointFragmenter._autotrim: cut to whole words, never cutting a match
        if (space := text.find(" ", start, end)) > 0:
            start = space + 1
        if (space := text.rfind(" ", start, end)) > 0:
            end = space
        start, end = min(start, left), max(end, right)
        if i == j:  # most fragments hold one match: its boost times one distinct word
            score = token.boost * 100
        else:
            inside = tokens[i : j + 1]
            score = sum(t.boost for t in inside) * ((len({t.text for t in inside}) * 100) or 1)
        candidates.append((score, _Candidate(start, end, i, j)))
    # an iterator, as top_fragments passes one: nlargest then heapifies rather than sorts, which orders ties
    best = [found for score, found in heapq.nlargest(count, iter(candidates)) if score >= MIN_SCORE]
    best.sort(key=lambda c: c.start)  # the highlighter's FIRST order
    return [Fragment(text, tokens[c.first : c.last + 1], c.start, c.end) for c in best]


def lead_snippet(body: str) -> Snippet:
    text = " ".join(body[: SNIPPET_CHARS + 40].split())
    if len(text) > SNIPPET_CHARS:
        text = text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
    return Snippet(text, ())
