"""Ranking queries of plain terms with array arithmetic instead of Whoosh's matcher tree.

Why: at 47k articles Whoosh spends most of a query in per-document Python (advance a matcher, score
one posting, push it through the collector): ~2-3 µs for each of the 10-30k documents a common word
matches. Here each term's postings are read block by block straight into arrays and scored with the
same BM25F formula, statistics and field lengths Whoosh uses; AND, OR and NOT become sorted-array
intersections, unions and differences. The result is exact (every match is scored; Whoosh's own
block-skipping shortcut can mis-rank AND queries), the total is exact, and scores equal Whoosh's
(checked against it in tests/search/test_fastpath.py).

Handled: what the query parser builds from words and phrases: Term (any field), Phrase (with slop),
And, Or (no coordination scaling), Not inside And, AndMaybe, NullQuery. Anything else (Every, ranges,
DisjunctionMax...) returns None and the caller runs Whoosh as before.

Decoding postings is what is left of a query's time: Whoosh pickles and compresses each block of the
body's postings with their positions and character offsets (~1 µs a posting). Body words are therefore
ranked from `body_f`, the body's words with weights only (search.schema.ScoringCopy), 3.7x faster to
decode; phrases read the body's positions, and those give the top hits' snippets when only phrases
touched the body.
"""

from __future__ import annotations

import io
import pickle
import threading
import time
import weakref
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, _lenfield
from whoosh.matching import Matcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import And, AndMaybe, Not, NullQuery, Or, Phrase, Query, Term
from whoosh.reading import IndexReader
from whoosh.scoring import BM25F
from whoosh.searching import Searcher
from whoosh.system import _INT_SIZE, unpack_int
from whoosh.util.numeric import byte_to_length

from search import fields as f
from search.engine.newest import UNDATED, fixed_width_bytes
from search.engine.phrases import gather, positions_table, rows_with_phrase
from search.engine.sets import common_indices, members, union_scores
from search.engine.termcache import POSTINGS, term_info

_BYTE_TO_LENGTH = np.array([byte_to_length(b) for b in range(256)], dtype=np.float64)
NOT_SCORE = 1.0  # what Whoosh adds for each NOT clause of an AND (its InverseMatcher's weight)
_EMPTY_IDS = np.empty(0, dtype=np.int64)
_EMPTY_SCORES = np.empty(0, dtype=np.float64)

_segment_cache: weakref.WeakKeyDictionary[Any, dict[str, np.ndarray]] = weakref.WeakKeyDictionary()
_cache_lock = threading.Lock()
_DELETED = " deleted"  # cache slots beside the field names (no field name has a space)
_DATES = " dates"
POSITIONS_SLOT = " positions"  # the postings cache's key for a field's positions tables


class _Unsupported(Exception):
    """The query holds something this module does not rank; Whoosh does it instead."""


@dataclass(frozen=True, slots=True)
class _Matches:
    ids: np.ndarray  # segment document numbers, sorted, unique
    scores: np.ndarray


_NONE = _Matches(_EMPTY_IDS, _EMPTY_SCORES)


Positions = dict[int, list[tuple[str, int, int, int]]]  # document: (word, position, start, end) in its body


@dataclass(frozen=True, slots=True)
class Ranked:
    top: list[tuple[float, int]]  # (score, document number), best first, lower number first on ties
    total: int
    # Where the query's body words (not those it excludes) occur in each top document, read from the
    # postings blocks already decoded for ranking (phrases); None when some words were ranked from the
    # body's scoring copy, which has no positions, so snippets must read them apart.
    positions: Positions | None = field(default_factory=dict)
    complete: bool = True  # False when a time budget stopped it before the oldest segments


def supported(query: Query) -> bool:
    """Whether `rank` can take this query (cheap: looks at the query tree only)."""
    if query is NullQuery:
        return True
    if isinstance(query, Term):
        return True
    if isinstance(query, Or):
        return not query.scale and not query.minmatch and all(supported(q) for q in query.subqueries)
    if isinstance(query, And):
        positive = [q for q in query.subqueries if not isinstance(q, Not)]
        negative = [q.query for q in query.subqueries if isinstance(q, Not)]
        return bool(positive) and all(supported(q) for q in [*positive, *negative])
    if isinstance(query, AndMaybe):
        return supported(query.a) and supported(query.b)
    if isinstance(query, Phrase):
        return bool(query.words)
    return False


def supports_weighting(weighting: Any) -> bool:
    """Whether the arrays reproduce this weighting's scores: only Whoosh's own BM25F, its exact class (a
    subclass may score differently). Any other weighting is left to Whoosh's search, which gives the
    same answers, only slower."""
    return type(weighting) is BM25F


def ranks(searcher: Searcher, query: Query) -> bool:
    """Whether `rank` takes `query` on `searcher`: a query shape it handles, scored with BM25F."""
    return supports_weighting(searcher.weighting) and supported(query)


def rank(
    searcher: Searcher,
    query: Query,
    *,
    limit: int,
    allowed: Iterable[int] | None = None,
    newest: bool = False,
    budget_s: float | None = None,
    started: float | None = None,
    matches: list[tuple[IndexReader, np.ndarray]] | None = None,
) -> Ranked | None:
    """The top `limit` documents for `query` (only documents in `allowed`, when given), or None when
    the query or the searcher's weighting is not one this module handles. With `newest`, the top is
    the newest matches instead of the best (undated last, later-indexed first on equal dates, as in
    the library list); each keeps its relevance score.

    With `budget_s` (counted from `started`), segments are ranked newest first and a segment is only
    begun when it should fit in what is left, judging by the one before; the newest segment always
    runs. Stopped early, the result is the best of the newer segments, `complete` False, and `total`
    counts only them.

    `matches`, when given, receives each ranked segment's reader and every one of its kept matches
    (segment document numbers), for counting facets over the whole result set."""
    if not ranks(searcher, query):  # see supports_weighting
        return None
    weighting = searcher.weighting
    allowed_ids = None if allowed is None else np.fromiter(allowed, dtype=np.int64)
    if allowed_ids is not None:
        allowed_ids.sort()
    candidates: list[tuple[np.ndarray, ...]] = []
    contexts: list[tuple[_Context, int]] = []
    total = 0
    complete = True
    last = 0.0  # how long the previous segment took
    started = time.perf_counter() if started is None else started
    leaves = searcher.leaf_searchers()
    try:
        for index, (sub, offset) in enumerate(reversed(leaves)):
            leaf_started = time.perf_counter()
            if budget_s is not None and index and leaf_started - started + last > budget_s:
                complete = False
                break
            reader = sub.reader()
            ctx = _Context(searcher, reader, weighting)
            contexts.append((ctx, offset))
            found = _evaluate(query, ctx)
            ids = found.ids + offset
            scores = found.scores
            keep = _kept(reader, found.ids, ids, allowed_ids)
            if keep is not None:
                ids, scores = ids[keep], scores[keep]
            total += len(ids)
            if matches is not None:
                matches.append((reader, ids - offset))
            if len(ids) and newest:
                dates = _date_keys(reader)[ids - offset]
                candidates.append(_newest(ids, scores, dates, limit))
            elif len(ids):
                candidates.append(_best(ids, scores, limit))
            last = time.perf_counter() - leaf_started
    except _Unsupported:
        return None
    if not candidates:
        return Ranked([], 0, complete=complete)
    ids = np.concatenate([c[0] for c in candidates])
    scores = np.concatenate([c[1] for c in candidates])
    if newest:
        dates = np.concatenate([c[2] for c in candidates])
        best_ids, best_scores, _ = _newest(ids, scores, dates, limit)
    else:
        best_ids, best_scores = _best(ids, scores, limit)
    top = [(float(s), int(d)) for s, d in zip(best_scores, best_ids, strict=True)]
    partial = any(ctx.partial for ctx, _ in contexts)
    positions = None if partial else _positions(contexts, [docnum for _, docnum in top])
    return Ranked(top, total, positions, complete)


def _positions(contexts: list[tuple[_Context, int]], docnums: list[int]) -> Positions:
    found: Positions = {}
    for ctx, offset in contexts:
        end = offset + ctx.reader.doc_count_all()
        mine = [d for d in docnums if offset <= d < end]
        if not mine or not ctx.kept:
            continue
        characters = ctx.reader.schema[POSITIONS_FIELD].format
        for word, (ids, values) in ctx.kept.items():
            for docnum in mine:
                local = docnum - offset
                index = int(np.searchsorted(ids, local))
                if index < len(ids) and ids[index] == local:
                    for pos, start, stop in characters.decode_as("characters", values[index]):
                        found.setdefault(docnum, []).append((word, pos, start, stop))
    return found


def _kept(reader: IndexReader, local: np.ndarray, ids: np.ndarray, allowed: np.ndarray | None) -> np.ndarray | None:
    """Mask of matches to keep: not deleted, and in `allowed` when given; None to keep all."""
    keep = None
    if reader.has_deletions():
        keep = ~members(local, _deleted(reader))
    if allowed is not None:
        inside = members(ids, allowed)
        keep = inside if keep is None else keep & inside
    return keep


def _best(ids: np.ndarray, scores: np.ndarray, limit: int) -> tuple[np.ndarray, np.ndarray]:
    """The `limit` best, ordered as Whoosh orders hits: higher score first, then lower document number."""
    if len(ids) > limit:
        # Keep everything scoring at least the limit-th best score, so ties at the edge stay whole.
        edge = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        mask = scores >= edge
        ids, scores = ids[mask], scores[mask]
    order = np.lexsort((ids, -scores))[:limit]
    return ids[order], scores[order]


POSITIONS_FIELD = f.BODY
SCORING_COPY = f.BODY_SCORING


def _newest(
    ids: np.ndarray, scores: np.ndarray, dates: np.ndarray, limit: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    order = np.lexsort((-ids, -dates))[:limit]
    return ids[order], scores[order], dates[order]


class _Context:
    def __init__(self, searcher: Searcher, reader: IndexReader, weighting: BM25F) -> None:
        self.searcher = searcher
        self.reader = reader
        self.weighting = weighting
        self.excluding = 0  # > 0 while evaluating what a NOT clause removes
        # body word -> (its document numbers, each posting's value: positions and character offsets)
        self.kept: dict[str, tuple[np.ndarray, list[Any]]] = {}
        self.partial = False  # some body words were ranked from the scoring copy: `kept` lacks them


def _evaluate(query: Query, ctx: _Context) -> _Matches:
    if query is NullQuery:
        return _NONE
    if isinstance(query, Term):
        return _term(query, ctx)[0]
    if isinstance(query, Phrase):
        return _phrase(query, ctx)
    if isinstance(query, Or):
        return _union([_evaluate(q, ctx) for q in query.subqueries])
    if isinstance(query, And):
        positive = [_evaluate(q, ctx) for q in query.subqueries if not isinstance(q, Not)]
        found = _intersection(positive)
        for q in query.subqueries:
            if isinstance(q, Not) and len(found.ids):
                ctx.excluding += 1
                try:
                    excluded = _evaluate(q.query, ctx)
                finally:
                    ctx.excluding -= 1
                found = _difference(found, excluded)
                # Whoosh intersects with an inverse matcher, which scores every document it lets through 1.0
                found = _Matches(found.ids, found.scores + NOT_SCORE)
        return found
    if isinstance(query, AndMaybe):
        found = _evaluate(query.a, ctx)
        return _add_where_present(found, _evaluate(query.b, ctx)) if len(found.ids) else found
    raise _Unsupported(type(query).__name__)


def _term(query: Term, ctx: _Context, *, values: bool = False) -> tuple[_Matches, list[Any] | None]:
    """Whoosh's Term matcher: the field's BM25F score of each posting (the raw weight for a field that
    is not scorable), times the term's boost; with `values`, each posting's value (its positions)."""
    field, schema = query.fieldname, ctx.reader.schema
    if field not in schema:
        return _NONE, None
    fieldobj = schema[field]
    try:
        text = fieldobj.to_bytes(query.text)
    except ValueError:
        return _NONE, None
    if term_info(ctx.reader, field, text) is None:
        return _NONE, None
    if field == POSITIONS_FIELD and not values and term_info(ctx.reader, SCORING_COPY, text) is not None:
        # Rank from the body's frequency-only copy (same words, counts and lengths, so the same scores);
        # the top hits' snippets then read their positions apart (ctx.partial).
        field, fieldobj = SCORING_COPY, schema[SCORING_COPY]
        if not ctx.excluding:
            ctx.partial = True
    keep = field == POSITIONS_FIELD and not ctx.excluding and fieldobj.format.supports("characters")
    ids, weights, found_values = _postings(ctx.reader, field, text, keep_values=keep or values)
    if keep and found_values is not None:
        ctx.kept[fieldobj.from_bytes(text)] = (ids, found_values)
    if fieldobj.scorable:
        searcher, weighting = ctx.searcher, ctx.weighting
        idf = searcher.idf(field, text)
        avgfl = searcher.avg_field_length(field) or 1
        b = weighting._field_B.get(field, weighting.B)
        k1 = weighting.K1
        lengths = _field_lengths(ctx.reader, field)[ids]
        scores = idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * lengths / avgfl)))
    else:
        scores = weights
    if query.boost != 1.0:
        scores = scores * query.boost
    return _Matches(ids, scores), found_values


def _phrase(query: Phrase, ctx: _Context) -> _Matches:
    """Whoosh's phrase: documents holding every word, in order, each within `slop` positions after the
    one before; scored as the sum of the words' scores (its span matcher wraps their intersection),
    times the phrase's boost."""
    field, schema = query.fieldname, ctx.reader.schema
    if field not in schema:
        return _NONE
    fieldobj = schema[field]
    if not fieldobj.format or not fieldobj.format.supports("positions"):
        raise _Unsupported("a phrase on a field without positions")
    words: list[_Matches] = []
    lookups: list[list[Any]] = []
    for word in query.words:
        found, found_values = _term(Term(field, word), ctx, values=True)
        if not len(found.ids) or found_values is None:
            return _NONE
        words.append(found)
        lookups.append(found_values)
    together = _intersection(words)
    if not len(together.ids):
        return together
    where = [np.searchsorted(word.ids, together.ids) for word in words]
    slop = max(1, query.slop)
    decoded = [
        _word_positions(ctx.reader, field, fieldobj, word, values, rows)
        for word, values, rows in zip(query.words, lookups, where, strict=True)
    ]
    if all(found is not None for found in decoded):
        keep = np.zeros(len(together.ids), dtype=bool)
        keep[rows_with_phrase([found for found in decoded if found is not None], slop)] = True
    else:
        keep = _phrase_rows(fieldobj.format.decode_as, lookups, where, slop, len(together.ids))
    scores = together.scores[keep]
    if query.boost != 1.0:
        scores = scores * query.boost
    return _Matches(together.ids[keep], scores)


def _word_positions(
    reader: IndexReader, field: str, fieldobj: Any, word: str, values: list[Any], rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray] | None:
    """(row, position) of the word in the postings `rows` (indices into `values`, sorted), as `gather`
    gives them; None when the values are not in a form `positions_table` reads.

    Kept per segment reader (the postings cache): the first phrase decodes the positions of its own
    candidates only (the documents holding every word), and asking it again decodes nothing. A phrase
    that needs other postings of the word decodes all of them, once, so later phrases decode nothing
    either. (Decoding every posting on the first phrase made a phrase's first run ~40% slower at 100k.)"""
    text = fieldobj.to_bytes(word)
    slot = field + POSITIONS_SLOT
    cached = POSTINGS.get(reader, slot, text, values=False)
    if cached is not None:
        covered, offsets, positions = cached
        if not len(covered):  # every posting
            return gather((offsets, positions), rows)
        inside = np.searchsorted(covered, rows)
        inside[inside == len(covered)] = 0
        if np.array_equal(covered[inside], rows):
            return gather((offsets, positions), inside)
        everything = True
    else:
        everything = False
    chosen = values if everything else [values[row] for row in rows]
    table = positions_table(chosen, fieldobj.format)
    if table is None:
        return None
    covered = _EMPTY_IDS if everything else rows.copy()
    for array in (covered, *table):
        array.flags.writeable = False
    POSTINGS.put(reader, slot, text, (covered, table[0], table[1]))
    return gather(table, rows if everything else np.arange(len(rows)))


def _phrase_rows(
    decode: Callable[..., Any], lookups: list[list[Any]], where: list[np.ndarray], slop: int, count: int
) -> np.ndarray:
    """The phrase test one document at a time, for posting values `positions_by_row` does not read."""
    words = range(len(lookups))
    keep = np.zeros(count, dtype=bool)
    for row in range(count):
        ends = set(decode("positions", lookups[0][where[0][row]]))
        for index in words[1:]:
            positions = decode("positions", lookups[index][where[index][row]])
            if slop == 1:
                ends = {p for p in positions if p - 1 in ends}
            else:
                ends = {p for p in positions if any(1 <= p - e <= slop for e in ends)}
            if not ends:
                break
        keep[row] = bool(ends)
    return keep


def segment_postings(reader: IndexReader, field: str, text: str | bytes) -> Matcher:
    """A segment's postings for a term, deleted documents included. Whoosh hides deleted documents
    behind a filter that moves one posting at a time, even to skip ahead; callers that never ask for
    a deleted document (hits) or drop them in bulk (`rank`) read the postings directly."""
    matcher = reader.postings(field, text)
    while isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    return matcher


def _postings(
    reader: IndexReader, field: str, text: bytes, *, keep_values: bool = False
) -> tuple[np.ndarray, np.ndarray, list[Any] | None]:
    """Every posting of a term as (document numbers, weights), read a block at a time; with
    `keep_values`, each posting's value too (for the body: positions and character offsets).
    Kept in the postings cache (search.engine.termcache): callers never write into these arrays."""
    found = POSTINGS.get(reader, field, text, values=keep_values)
    if found is None:
        found = _decoded(reader, field, text, keep_values=keep_values)
        found[0].flags.writeable = False
        found[1].flags.writeable = False
        POSTINGS.put(reader, field, text, found)
    return found


def _decoded(
    reader: IndexReader, field: str, text: bytes, *, keep_values: bool = False
) -> tuple[np.ndarray, np.ndarray, list[Any] | None]:
    found = _whole_list(reader, field, text, keep_values)
    if found is not None:
        return found
    matcher = segment_postings(reader, field, text)
    if not hasattr(matcher, "_read_ids"):  # not Whoosh 3's block matcher: walk it posting by posting
        ids_list, weights_list, values = [], [], []
        while matcher.is_active():
            ids_list.append(matcher.id())
            weights_list.append(matcher.weight())
            if keep_values:
                values.append(matcher.value())
            matcher.next()
        kept = values if keep_values else None
        return np.array(ids_list, dtype=np.int64), np.array(weights_list, dtype=np.float64), kept
    id_blocks: list[Any] = []
    weight_blocks: list[Any] = []
    value_list: list[Any] | None = [] if keep_values else None
    while matcher.is_active():
        matcher._read_ids()
        matcher._read_weights()
        id_blocks.append(np.asarray(matcher._ids, dtype=np.int64))
        weight_blocks.append(np.asarray(matcher._weights, dtype=np.float64))
        if value_list is not None:
            matcher._read_values()
            value_list.extend(matcher._values)
        matcher._next_block()
    if not id_blocks:
        return _EMPTY_IDS, _EMPTY_SCORES, None
    return np.concatenate(id_blocks), np.concatenate(weight_blocks), value_list


def list_bytes(terms: Any, info: Any) -> bytes | None:
    """A posting list's bytes as Whoosh 3 wrote them, or None when they are not in that form."""
    offset, length = info.extent()
    if isinstance(length, tuple):  # Whoosh 3.54 reads the stored length as a 1-tuple
        length = length[0]
    data = terms._postfile.get(offset, length)
    return data if data[:4] == WHOOSH3_HEADER_MAGIC else None


def _whole_list(
    reader: IndexReader, field: str, text: bytes, keep_values: bool
) -> tuple[np.ndarray, np.ndarray, list[Any] | None] | None:
    """A Whoosh 3 posting list parsed in one pass over its bytes, read at once: ~40% less time than
    stepping a matcher through its blocks, which reads each block's header through a file object a
    few bytes at a time. Layout (whoosh.codec.whoosh3.W3PostingsWriter): a 4-byte tag, then blocks of
    [signed length][pickled info][data, zlib-compressed when info says so]; the data is a pickled
    (delta-encoded ids, weights or one weight or None, values). None when the list is not in that form."""
    terms = getattr(reader, "_terms", None)
    if terms is None or not hasattr(terms, "term_info") or not hasattr(terms, "_postfile"):
        return None
    info = term_info(reader, field, text)
    if info is None:
        return _EMPTY_IDS, _EMPTY_SCORES, [] if keep_values else None
    if info.is_inlined():
        ids, weights, values = info.inlined_postings()
        kept = list(values) if keep_values else None
        return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float64), kept
    data = list_bytes(terms, info)
    if data is None:
        return None
    fixedsize = reader.schema[field].format.fixed_value_size()
    stream = io.BytesIO(data)
    id_blocks: list[np.ndarray] = []
    weight_blocks: list[np.ndarray] = []
    values: list[Any] | None = [] if keep_values else None
    position = 4
    end = len(data)
    while position < end:
        (size,) = unpack_int(data[position : position + _INT_SIZE])
        start = position + _INT_SIZE
        stream.seek(start)
        count, _maxid, _maxweight, compression, _minlength, _maxlength = pickle.load(stream)
        block = data[stream.tell() : start + abs(size)]
        if compression:
            block = zlib.decompress(block)
        mini_ids, mini_weights, mini_values = pickle.loads(block)
        id_blocks.append(np.cumsum(np.asarray(mini_ids, dtype=np.int64)))
        if mini_weights is None:
            weight_blocks.append(np.ones(count, dtype=np.float64))
        elif isinstance(mini_weights, float):
            weight_blocks.append(np.full(count, mini_weights, dtype=np.float64))
        else:
            weight_blocks.append(np.asarray(mini_weights, dtype=np.float64))
        if values is not None:
            if fixedsize is None or fixedsize < 0:
                values.extend(mini_values)
            elif fixedsize == 0:
                values.extend([None] * count)
            else:
                values.extend(mini_values[i : i + fixedsize] for i in range(0, count * fixedsize, fixedsize))
        position = start + abs(size)
        if size < 0:  # the last block
            break
    if not id_blocks:
        return _EMPTY_IDS, _EMPTY_SCORES, values
    return np.concatenate(id_blocks), np.concatenate(weight_blocks), values


def _per_segment(reader: IndexReader, slot: str, compute: Callable[[], np.ndarray]) -> np.ndarray:
    """`compute()` once per segment reader and slot: a reader is a snapshot, so what is read from it
    never goes stale, and it is dropped with the reader."""
    with _cache_lock:
        found = _segment_cache.setdefault(reader, {}).get(slot)
    if found is None:
        found = compute()
        with _cache_lock:
            _segment_cache[reader][slot] = found
    return found


def _fixed_column(column: Any, count: int, dtype: str, default: int) -> np.ndarray:
    """A fixed-width column of `count` documents as an array, read in one go when it is Whoosh's plain
    fixed-width reader (its default past the stored end), value by value otherwise."""
    values = np.full(count, default, dtype=np.dtype(dtype).newbyteorder("="))
    if column is None:
        return values
    raw = fixed_width_bytes(column, count, np.dtype(dtype).itemsize)
    if raw is not None:
        stored = np.frombuffer(raw, dtype=dtype)
        values[: len(stored)] = stored
    else:
        for docnum in range(count):
            values[docnum] = column[docnum]
    return values


def _field_lengths(reader: IndexReader, field: str) -> np.ndarray:
    """Each document's length in `field` as Whoosh scores with it (its one-byte approximation):
    ~0.1 ms to read for 47k documents."""

    def read() -> np.ndarray:
        column = reader._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
        raw = _fixed_column(column, reader.doc_count_all(), "u1", 0)
        lengths = _BYTE_TO_LENGTH[raw]
        lengths[raw == 0] = 1  # Whoosh's scorer reads a missing length as 1
        return lengths

    return _per_segment(reader, field, read)


def _deleted(reader: IndexReader) -> np.ndarray:
    """The segment's deleted document numbers, sorted."""
    return _per_segment(reader, _DELETED, lambda: np.unique(np.fromiter(reader.deleted_docs_set or (), dtype=np.int64)))


def _union(parts: list[_Matches]) -> _Matches:
    parts = [p for p in parts if len(p.ids)]
    if not parts:
        return _NONE
    if len(parts) == 1:
        return parts[0]
    ids, scores = union_scores([p.ids for p in parts], [p.scores for p in parts])
    return _Matches(ids, scores)


def _intersection(parts: list[_Matches]) -> _Matches:
    if not parts:
        return _NONE
    parts = sorted(parts, key=lambda p: len(p.ids))
    found = parts[0]
    for part in parts[1:]:
        if not len(found.ids):
            return _NONE
        mine, theirs = common_indices(found.ids, part.ids)
        found = _Matches(found.ids[mine], found.scores[mine] + part.scores[theirs])
    return found


def _difference(found: _Matches, excluded: _Matches) -> _Matches:
    if not len(excluded.ids):
        return found
    keep = ~members(found.ids, excluded.ids)
    return _Matches(found.ids[keep], found.scores[keep])


def _add_where_present(found: _Matches, extra: _Matches) -> _Matches:
    if not len(extra.ids):
        return found
    mine, theirs = common_indices(found.ids, extra.ids)
    scores = found.scores.copy()
    scores[mine] += extra.scores[theirs]
    return _Matches(found.ids, scores)


_order_cache: weakref.WeakKeyDictionary[Any, np.ndarray] = weakref.WeakKeyDictionary()


def newest_first(searcher: Searcher) -> np.ndarray:
    """Every live document number, newest publication date first, undated last, later-indexed first
    among equal dates: the library list's order, sorted once per open reader (Whoosh sorts the whole
    index again for every page: ~190 ms a page at 100k articles)."""
    top = searcher.reader()
    with _cache_lock:
        found = _order_cache.get(top)
    if found is not None:
        return found
    dates: list[np.ndarray] = []
    docnums: list[np.ndarray] = []
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        keys = _date_keys(reader)
        local = np.arange(len(keys), dtype=np.int64)
        if reader.has_deletions():
            keep = ~np.isin(local, _deleted(reader), assume_unique=True)
            local, keys = local[keep], keys[keep]
        dates.append(keys)
        docnums.append(local + offset)
    if not docnums:
        return np.empty(0, dtype=np.int64)
    key = np.concatenate(dates)
    every_doc = np.concatenate(docnums)
    order = np.lexsort((-every_doc, -key))
    found = every_doc[order]
    with _cache_lock:
        _order_cache[top] = found
    return found


def _date_keys(reader: IndexReader) -> np.ndarray:
    """Each document's publication date as a sortable number (-1 when undated), kept per segment."""

    def read() -> np.ndarray:
        column = reader.column_reader(f.PUBLISHED, translate=False) if reader.has_column(f.PUBLISHED) else None
        values = _fixed_column(column, reader.doc_count_all(), ">u8", UNDATED)
        dated = values != UNDATED
        keys = np.where(dated, values, 0).astype(np.int64)  # microseconds since year 1: far below 2**63
        keys[~dated] = -1
        return keys

    return _per_segment(reader, _DATES, read)


def dated_between(
    searcher: Searcher, start: int | None, end: int | None, *, startexcl: bool = False, endexcl: bool = False
) -> set[int]:
    """Live documents whose publication date (as Whoosh stores it: microseconds since year 1) lies in
    the range, read from the per-segment date arrays: the same documents as Whoosh's range query on the
    `published` field, which walks its terms (~50-90 ms the first time at 20k articles, not cached)."""
    found: list[np.ndarray] = []
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        keys = _date_keys(reader)
        keep = keys >= 0
        if start is not None:
            keep &= (keys > start) if startexcl else (keys >= start)
        if end is not None:
            keep &= (keys < end) if endexcl else (keys <= end)
        local = np.flatnonzero(keep)
        if reader.has_deletions() and len(local):
            local = local[~members(local, _deleted(reader))]
        found.append(local + offset)
    return set(np.concatenate(found).tolist()) if found else set()
