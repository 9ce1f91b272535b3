"""A Whoosh segment writer for bulk builds that keeps postings in flat arrays instead of a sorting pool.

Whoosh's `SegmentWriter` puts every posting (one per word per document per field) into a pool as a
5-tuple, sorts them all when the segment is finished (spilling sorted runs to disk and merging them
back once the pool passes its memory limit), then feeds them one call at a time through the codec's
field and postings writers. For a build that was about 40% of all the work.

Here each field appends a posting's term number, document, weight and value to four flat arrays (a
term gets its number the first time it is seen). Finishing the segment sorts the distinct terms, puts
the postings in term order with one stable numpy sort (documents arrive in order, so each term's
postings stay sorted by document), and hands Whoosh's postings writer a whole block at a time, which
it then writes with its own code. The files are byte for byte the ones `SegmentWriter` writes (a
test holds them to that). Anything unusual (spelling words, adding another index's segments) goes
through the pool as before.
"""

from __future__ import annotations

import zlib
from array import array
from collections import Counter
from itertools import accumulate, repeat
from operator import sub
from pickle import dumps
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import COMPRESSION_MIN_SIZE, WHOOSH3_HEADER_MAGIC, W3Codec, W3TermInfo
from whoosh.fields import FieldType
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import length_to_byte
from whoosh.writing import SegmentWriter


class _FieldPostings:
    """One field's postings in the order they were made, one entry per posting in each array. Values
    (positions, offsets) are packed into one byte buffer: as separate bytes objects they were most of
    a worker's memory (~570 MB at 12k articles a chunk)."""

    __slots__ = ("docs", "numbers", "terms", "value_ends", "values", "weights")

    def __init__(self) -> None:
        self.numbers: dict[bytes, int] = {}  # term -> its number, in order of first appearance
        self.terms = array("I")
        self.docs = array("I")
        self.weights = array("d")
        self.values = bytearray()
        self.value_ends = array("I")  # where each posting's value ends in `values`

    def add(self, docnum: int, items: list[tuple[bytes, int, float, bytes]], boost: float, scorable: bool) -> int:
        """Append one document's postings of this field (`field.index`'s items); returns the field's
        length in the document (the sum of frequencies, when the field is scorable). Whole lists at a
        time: appending each posting to five arrays in a Python loop took ~10% of a worker's time."""
        if not items:
            return 0
        numbers = self.numbers
        self.terms.extend([numbers.setdefault(term, len(numbers)) for term, _, _, _ in items])
        self.docs.extend(repeat(docnum, len(items)))
        self.weights.extend([weight * boost for _, _, weight, _ in items])
        values = [value or b"" for _, _, _, value in items]
        ends = accumulate(map(len, values), initial=len(self.values))
        next(ends)  # the initial value: where this document's first value starts
        self.value_ends.extend(ends)
        self.values += b"".join(values)
        return sum([freq for _, freq, _, _ in items]) if scorable else 0

    def term_names(self) -> dict[int, bytes]:
        return {number: term for term, number in self.numbers.items()}

    def in_term_order(self) -> _Sorted:
        """The postings sorted by term (a stable sort: each term's stay in document order). Empties
        this object as it goes, so the sorted copy never sits beside the whole original."""
        terms = sorted(self.numbers)
        rank = np.empty(len(terms), dtype=np.uint32)
        rank[[self.numbers[term] for term in terms]] = np.arange(len(terms), dtype=np.uint32)
        self.numbers = {}
        posting_rank = rank[np.frombuffer(self.terms, dtype=np.uint32)]
        self.terms = array("I")
        order = np.argsort(posting_rank, kind="stable")
        ends = np.cumsum(np.bincount(posting_rank, minlength=len(terms))).tolist()
        del posting_rank, rank
        docs = _taken("I", np.frombuffer(self.docs, dtype=np.uint32), order)
        self.docs = array("I")
        weights = _taken("d", np.frombuffer(self.weights, dtype=np.float64), order)
        self.weights = array("d")
        value_ends = np.frombuffer(self.value_ends, dtype=np.uint32)
        stops = _taken("I", value_ends, order)
        value_ends = np.concatenate(([0], value_ends[:-1])).astype(np.uint32)  # now where each value starts
        self.value_ends = array("I")
        starts = _taken("I", value_ends, order)
        del value_ends, order
        values = bytes(self.values)
        self.values = bytearray()
        return _Sorted(terms, ends, docs, weights, values, starts, stops)


def _taken(typecode: str, source: np.ndarray, order: np.ndarray) -> array:
    """`source[order]` as an `array`, written straight into it (no intermediate copies)."""
    result = array(typecode, [0]) * len(order)
    if len(order):
        np.take(source, order, out=np.frombuffer(result, dtype=source.dtype))
    return result


class _Sorted:
    """A field's postings in term order: `ends[i]` is where term `terms[i]`'s postings end."""

    __slots__ = ("docs", "ends", "terms", "value_ends", "value_starts", "values", "weights")

    def __init__(
        self,
        terms: list[bytes],
        ends: list[int],
        docs: array,
        weights: array,
        values: bytes,
        starts: array,
        stops: array,
    ) -> None:
        self.terms, self.ends, self.docs, self.weights = terms, ends, docs, weights
        self.values, self.value_starts, self.value_ends = values, starts, stops

    def without_values(self) -> _Sorted:
        return _Sorted(self.terms, self.ends, self.docs, self.weights, b"", self.value_starts, self.value_ends)

    def block_values(self, first: int, last: int) -> list[bytes]:
        """The non-empty values of postings first:last (`add_posting` keeps only those)."""
        if not self.values:
            return []
        data = self.values
        pairs = zip(self.value_starts[first:last], self.value_ends[first:last], strict=True)
        return [data[start:stop] for start, stop in pairs if stop > start]


class BulkSegmentWriter(SegmentWriter):
    """Also knows mirror fields: a field whose class names another in `mirrors` (the body's scoring
    copy) and which is given the very same value has exactly that field's words, frequencies and
    weights, without values. Such a document's postings are not made twice: the mirror is written from
    the other field's sorted postings. A document that breaks the pattern ends it for the segment."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._postings: dict[str, _FieldPostings] = {}
        # A document's fields are indexed in name order, so a mirror must come after its source (whose
        # length it takes from the same document).
        self._mirror_of = {
            name: field.mirrors
            for name, field in self.schema.items()
            if getattr(field, "mirrors", None) in self.schema
            and self.schema[field.mirrors].indexed
            and field.mirrors < name
        }
        self._mirrored: dict[str, array] = {name: array("I") for name in self._mirror_of}  # documents, per mirror

    def add_document(self, **fields: Any) -> None:
        """`SegmentWriter.add_document` with each posting appended to its term (the same steps
        otherwise, in the same order, so stored fields, lengths and columns are unchanged)."""
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        postings = self._postings
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)

        lengths: dict[str, int] = {}
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                source = self._mirror_of.get(fieldname)
                if source is not None and self._mirrors(fields, fieldname, source, docboost):
                    self._mirrored[fieldname].append(docnum)
                    length = lengths.get(source, 0)
                elif field.indexed:
                    if source is not None:
                        self._stop_mirroring(fieldname)
                    fieldboost = self._field_boost(fields, fieldname, docboost)
                    found = postings.get(fieldname)
                    if found is None:
                        found = postings[fieldname] = _FieldPostings()
                    length = found.add(docnum, _indexed(field, value), fieldboost, field.scorable)
                lengths[fieldname] = length
                if field.separate_spelling():
                    spellfield = field.spelling_fieldname(fieldname)
                    for word in field.spellable_words(value):
                        self.pool.add((spellfield, word.encode("utf-8"), 0, 1, None))
                if field.vector:
                    vitems = field.vector.word_values(value, field.analyzer, mode="index")
                    vitems = sorted((text, weight, vbytes) for text, _, weight, vbytes in vitems)
                    perdocwriter.add_vector_items(fieldname, field, vitems)
                customval = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(fieldname, field, customval if field.stored else None, length)
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(fieldname, column, field.to_column_value(customval))
        except ValueError:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _mirrors(self, fields: dict[str, Any], fieldname: str, source: str, docboost: float) -> bool:
        """Whether this document's `fieldname` postings are exactly its `source` postings."""
        if fieldname not in self._mirrored or fields.get(source) is not fields[fieldname]:
            return False
        if self.schema[source].format.field_boost != self.schema[fieldname].format.field_boost:
            return False
        return self._field_boost(fields, fieldname, docboost) == self._field_boost(fields, source, docboost)

    def _stop_mirroring(self, fieldname: str) -> None:
        """Give the documents mirrored so far their own postings (copied from the source field's), so
        this segment's later documents can be indexed one by one."""
        documents = self._mirrored.pop(fieldname, None)
        if not documents:
            return
        mirrored = set(documents)
        source = self._postings.get(self._mirror_of[fieldname])
        if source is None:
            return
        found = self._postings.get(fieldname)
        if found is None:
            found = self._postings[fieldname] = _FieldPostings()
        names = source.term_names()
        for number, docnum, weight in zip(source.terms, source.docs, source.weights, strict=True):
            if docnum in mirrored:
                term = names[number]
                own = found.numbers.get(term)
                if own is None:
                    own = found.numbers[term] = len(found.numbers)
                found.terms.append(own)
                found.docs.append(docnum)
                found.weights.append(weight)
                found.value_ends.append(len(found.values))

    def _flush_segment(self) -> None:
        codec = self.codec
        whole_terms = type(codec) is W3Codec and codec._inlinelimit <= 1
        if self.pool.fieldnames or not whole_terms:  # something took Whoosh's own route: the pool sorts all
            for fieldname in list(self._mirrored):
                self._stop_mirroring(fieldname)
            self._postings_to_pool()
            super()._flush_segment()
            return
        self.perdocwriter.close()
        lengths = self.per_document_reader() if codec.length_stats else None
        try:
            self._write_postings(lengths)
        finally:
            self.fieldwriter.close()
            if lengths is not None:
                lengths.close()

    def _write_postings(self, lengths: Any) -> None:
        fieldwriter, schema = self.fieldwriter, self.schema
        whole_mirrors = {name for name, documents in self._mirrored.items() if documents}
        # Each field's sorted postings are made once; a mirror's source keeps them until its last use.
        uses = Counter(self._mirror_of[name] for name in whole_mirrors)
        uses.update(self._postings.keys())
        made: dict[str, _Sorted] = {}

        def sorted_postings(name: str) -> _Sorted | None:
            postings = made.get(name)
            if postings is None:
                found = self._postings.pop(name, None)
                if found is None or not found.numbers:  # indexed values that gave no words
                    return None
                postings = made[name] = found.in_term_order()
            uses[name] -= 1
            if uses[name] <= 0:
                del made[name]
            return postings

        for fieldname in sorted(self._postings.keys() | whole_mirrors):
            if fieldname in whole_mirrors:
                postings = sorted_postings(self._mirror_of[fieldname])
                postings = postings.without_values() if postings is not None else None
            else:
                postings = sorted_postings(fieldname)
            if postings is None or not postings.terms:  # Whoosh never hears of a field without words
                continue
            field = schema[fieldname]
            fieldwriter.start_field(fieldname, field)
            term_writer = _TermWriter(fieldwriter, field.format.fixed_value_size())
            field_length = None
            if lengths is not None:  # each document's length looked up once, not once per posting
                field_length = list(map(lengths.doc_field_length_reader(fieldname), range(self.docnum))).__getitem__
            start = 0
            for tbytes, end in zip(postings.terms, postings.ends, strict=True):
                term_writer.write(tbytes, postings, start, end, field_length)
                start = end
            fieldwriter.finish_field()

    def _postings_to_pool(self) -> None:
        add = self.pool.add
        for fieldname, found in self._postings.items():
            terms = found.term_names()
            data, start = bytes(found.values), 0
            rows = zip(found.terms, found.docs, found.weights, found.value_ends, strict=True)
            for number, docnum, weight, end in rows:
                add((fieldname, terms[number], docnum, weight, data[start:end]))
                start = end
        self._postings.clear()


def _indexed(field: FieldType, value: Any) -> list[tuple[bytes, int, float, bytes]]:
    """`list(field.index(value))`, without its generator when the field keeps Whoosh's own `index`
    (one Python frame switch per word of every document)."""
    if type(field).index is not FieldType.index or not field.format or not isinstance(value, (str, list, tuple)):
        return list(field.index(value))
    found = field.format.word_values(value, field.analyzer, mode="index")
    return [(word.encode("utf-8"), freq, weight, vbytes) for word, freq, weight, vbytes in found]


class _TermWriter:
    """Writes one term's posting list and its term-table row as `W3FieldWriter` and `W3PostingsWriter`
    do posting by posting (`start_term`, `add_posting`, `finish_postings`, `finish_term`), with the
    same statistics, block layout, pickles and compression, but for the whole term in one go and
    one write. Posting lists always go to the postings file: Whoosh inlines none at `inlinelimit=1`."""

    def __init__(self, fieldwriter: Any, fixed_size: int | None) -> None:
        postwriter = fieldwriter._postwriter
        self._postfile = postwriter._postfile
        self._limit = postwriter._blocklimit
        self._compression = postwriter._compression
        self._terms = fieldwriter._tindex
        self._field_id = pack_ushort(fieldwriter._fieldid)
        self._fixed_size = fixed_size

    def write(self, tbytes: bytes, postings: _Sorted, start: int, end: int, lengths: Any) -> None:
        if end - start == 1:
            self._write_one(tbytes, postings, start, lengths)
            return
        docs, weights = postings.docs, postings.weights
        parts = [WHOOSH3_HEADER_MAGIC]
        total_weight, minlength, maxlength, maxweight = 0.0, None, 0, 0
        for first in range(start, end, self._limit):
            last = min(first + self._limit, end)
            ids = docs[first:last]
            block_weights = array("f", weights[first:last])
            block_max = max(0, max(weights[first:last]))  # add_posting compares the unrounded weights
            found = [length for length in map(lengths, ids) if length] if lengths is not None else []
            block_min, block_maxlen = (min(found), max(found)) if found else (None, 0)
            # W3TermInfo.add_block
            total_weight += sum(block_weights)
            minlength = block_min if minlength is None else min(minlength, block_min)
            maxlength = max(maxlength, block_maxlen)
            maxweight = max(maxweight, block_max)
            # W3PostingsWriter._write_block
            values = self._mini_values(postings.block_values(first, last))
            data = dumps((_mini_ids(ids), _mini_weights(block_weights), values), 2)
            compression = self._compression if len(data) >= COMPRESSION_MIN_SIZE else 0
            if compression:
                data = zlib.compress(data, compression)
            info = dumps(
                (len(ids), ids[-1], block_max, compression, length_to_byte(block_min), length_to_byte(block_maxlen)),
                2,
            )
            size = len(info) + len(data)
            parts += (pack_int(-size if last == end else size), info, data)
        posting_list = b"".join(parts)
        offset = self._postfile.tell()
        self._postfile.write(posting_list)
        row = W3TermInfo._struct.pack(
            False,
            total_weight,
            end - start,
            0 if minlength is None else length_to_byte(minlength),
            length_to_byte(maxlength),
            maxweight,
            docs[start],
            docs[end - 1],
        )
        self._terms.add(self._field_id + tbytes, row + pack_long(offset) + pack_int(len(posting_list)))

    def _write_one(self, tbytes: bytes, postings: _Sorted, index: int, lengths: Any) -> None:
        """`write` for a term found in one document, without the block loop: the same bytes. Most terms
        are such (ids, file keys, similarity band keys: ~25 an article), and their overhead per term,
        not per posting, was ~8% of a worker's time."""
        doc, weight = postings.docs[index], postings.weights[index]
        rounded = array("f", (weight,))[0]  # what the block stores; the maximum is the unrounded weight
        block_max = max(0, weight)
        length = lengths(doc) if lengths is not None else None
        block_min, block_maxlen = (length, length) if length else (None, 0)
        values = self._mini_values(postings.block_values(index, index + 1))
        data = dumps(((doc,), None if rounded == 1.0 else rounded, values), 2)
        compression = self._compression if len(data) >= COMPRESSION_MIN_SIZE else 0
        if compression:
            data = zlib.compress(data, compression)
        info = dumps((1, doc, block_max, compression, length_to_byte(block_min), length_to_byte(block_maxlen)), 2)
        posting_list = b"".join((WHOOSH3_HEADER_MAGIC, pack_int(-(len(info) + len(data))), info, data))
        offset = self._postfile.tell()
        self._postfile.write(posting_list)
        minlength = 0 if block_min is None else length_to_byte(block_min)
        row = W3TermInfo._struct.pack(False, rounded, 1, minlength, length_to_byte(block_maxlen), block_max, doc, doc)
        self._terms.add(self._field_id + tbytes, row + pack_long(offset) + pack_int(len(posting_list)))

    def _mini_values(self, values: list[bytes]) -> Any:
        if self._fixed_size is None or self._fixed_size < 0:
            return tuple(values)
        return None if self._fixed_size == 0 else b"".join(values)


def _mini_ids(ids: array) -> tuple[int, ...]:
    return (ids[0], *map(sub, ids[1:], ids[:-1]))


def _mini_weights(weights: array) -> Any:
    """`W3PostingsWriter`'s weights: None when all are 1.0, one number when all are equal (counted in C)."""
    count = len(weights)
    if weights.count(1.0) == count:
        return None
    if weights.count(weights[0]) == count:
        return weights[0]
    return tuple(weights)
