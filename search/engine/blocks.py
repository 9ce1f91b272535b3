"""The posting values of a few documents, read from the blocks that hold them and no others.

Why: snippets need the stored positions and character offsets of the query's words in the 20 hits
shown. Walking Whoosh's matcher there reads every block header through a file object a few bytes at
a time and decodes each block it stops in together with its ids twice over. Here the term's posting
list is read in one slice, block headers are parsed in place, and only the blocks holding a wanted
document are decompressed (layout: see `fastpath._whole_list`).
"""

from __future__ import annotations

import io
import pickle
import zlib
from collections.abc import Iterable
from itertools import accumulate
from typing import Any

from whoosh.reading import IndexReader
from whoosh.system import _INT_SIZE, unpack_int

from search.engine.fastpath import list_bytes


def values_for_documents(reader: IndexReader, field: str, text: bytes, docnums: Iterable[int]) -> dict[int, Any] | None:
    """Segment document number -> posting value of `text` in `field`, for those of `docnums` that hold it;
    None when the posting list is not Whoosh 3's block format (the caller walks a matcher instead)."""
    wanted = sorted(set(docnums))
    terms = getattr(reader, "_terms", None)
    if not wanted or terms is None or not hasattr(terms, "term_info") or not hasattr(terms, "_postfile"):
        return None
    if (field, text) not in reader:
        return {}
    info = terms.term_info(field, text)
    if info.is_inlined():
        ids, _weights, values = info.inlined_postings()
        inlined = dict(zip(ids, values, strict=True))
        return {docnum: inlined[docnum] for docnum in wanted if docnum in inlined}
    fixedsize = reader.schema[field].format.fixed_value_size()
    if fixedsize is not None and fixedsize >= 0:
        return None  # fixed-size values are packed into one string per block: not needed for snippets
    data = list_bytes(terms, info)
    if data is None:
        return None
    stream = io.BytesIO(data)
    found: dict[int, Any] = {}
    position, end, index = 4, len(data), 0
    while position < end and index < len(wanted):
        (size,) = unpack_int(data[position : position + _INT_SIZE])
        start = position + _INT_SIZE
        stream.seek(start)
        _count, maxid, _maxweight, compression, _minlength, _maxlength = pickle.load(stream)
        if wanted[index] <= maxid:
            block = data[stream.tell() : start + abs(size)]
            if compression:
                block = zlib.decompress(block)
            mini_ids, _weights, mini_values = pickle.loads(block)
            here = dict(zip(accumulate(mini_ids), mini_values, strict=True))
            while index < len(wanted) and wanted[index] <= maxid:
                value = here.get(wanted[index])
                if value is not None:
                    found[wanted[index]] = value
                index += 1
        position = start + abs(size)
        if size < 0:  # the last block
            break
    return found
