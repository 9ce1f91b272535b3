"""Highlighted snippets as plain text plus character spans: never markup, so the UI can style them.

Snippets come from the character offsets the body field stores with each posting ("pinpoint"
highlighting): no article is tokenised again, so a hit's snippet costs a postings lookup per query
word instead of analysing its whole body (about 1 ms per hit on BBC articles).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from whoosh.highlight import Formatter, Fragment, Highlighter, PinpointFragmenter, top_fragments
from whoosh.searching import Searcher

from corpus.model import Span
from search import fields as f
from search.results import Snippet

SNIPPET_CHARS = 220
SNIPPET_FRAGMENTS = 2
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
        fragmenter=PinpointFragmenter(maxchars=SNIPPET_CHARS, surround=60, autotrim=True),
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
            if (FIELD, word.encode("utf-8")) not in reader:
                continue
            values = values_for_documents(reader, FIELD, word.encode("utf-8"), local)
            if values is not None:
                for docnum, value in values.items():
                    tokens = found.setdefault(docnum + offset, [])
                    tokens.extend(_Match(word, pos, start, stop) for pos, start, stop in decode("characters", value))
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
    fragments = highlighter.fragmenter.fragment_matches(body, firsts)
    best = top_fragments(fragments, SNIPPET_FRAGMENTS, highlighter.scorer, highlighter.order, minscore=1)
    snippet = highlighter.formatter.format(best)
    if isinstance(snippet, Snippet) and snippet.text:
        return snippet
    return lead_snippet(body)


def lead_snippet(body: str) -> Snippet:
    text = " ".join(body[: SNIPPET_CHARS + 40].split())
    if len(text) > SNIPPET_CHARS:
        text = text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
    return Snippet(text, ())
