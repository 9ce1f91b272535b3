"""The posting values of a few documents, read from the blocks that hold them and no others.

Why: snippets need the stored positions and character offsets of the query's words in the 20 hits
shown. Walking Whoosh's matcher there reads every block header through a file object a few bytes at
a time and decodes each block it stops in together with its ids twice over. Here a term's block
directory (each block's last document and where its data lies) is parsed once per segment reader and
kept, so a query reads and decompresses only the blocks holding a wanted document, straight from the
postings file (layout: see `fastpath._whole_list`). Decoding one block costs ~110 µs however few of its
128 values are wanted (each value is a pickled `bytes` object, which protocol 2 rebuilds through a
function call), so the values read are kept too.
"""

from __future__ import annotations

import bisect
import io
import pickle
import zlib
from collections.abc import Iterable
from itertools import accumulate
from typing import Any, NamedTuple

from whoosh.reading import IndexReader
from whoosh.system import _INT_SIZE, unpack_int

from search.engine.fastpath import list_bytes
from search.engine.termcache import MISSING, ReaderMemo, term_info

DIRECTORIES_PER_READER = 2048  # block directories kept per segment reader (a few numbers per block)
# (word, document) posting values kept per segment reader (~100 bytes each): the app asks for the
# snippets of the first 60 rows, then of the first 120 as the cursor moves down, and a query asked
# again (refined back, or run again after its list) shows the same hits.
VALUES_PER_READER = 8192


class Directory(NamedTuple):
    """A posting list's blocks: the last document of each, and where its data lies in the postings file."""

    maxids: list[int]
    starts: list[int]  # absolute offsets in the postings file
    lengths: list[int]
    compressed: list[bool]


_DIRECTORIES = ReaderMemo(DIRECTORIES_PER_READER)
_VALUES = ReaderMemo(VALUES_PER_READER)


def values_for_documents(reader: IndexReader, field: str, text: bytes, docnums: Iterable[int]) -> dict[int, Any] | None:
    """Segment document number -> posting value of `text` in `field`, for those of `docnums` that hold it;
    None when the posting list is not Whoosh 3's block format (the caller walks a matcher instead)."""
    wanted = sorted(set(docnums))
    terms = getattr(reader, "_terms", None)
    if not wanted or terms is None or not hasattr(terms, "term_info") or not hasattr(terms, "_postfile"):
        return None
    info = term_info(reader, field, text)
    if info is None:
        return {}
    if info.is_inlined():
        ids, _weights, values = info.inlined_postings()
        inlined = dict(zip(ids, values, strict=True))
        return {docnum: inlined[docnum] for docnum in wanted if docnum in inlined}
    fixedsize = reader.schema[field].format.fixed_value_size()
    if fixedsize is not None and fixedsize >= 0:
        return None  # fixed-size values are packed into one string per block: not needed for snippets
    directory = _DIRECTORIES.get(reader, (field, text))
    if directory is MISSING:
        directory = block_directory(terms, info)
        _DIRECTORIES.put(reader, (field, text), directory)
    if directory is None:
        return None
    found: dict[int, Any] = {}
    unknown = []
    for docnum in wanted:
        value = _VALUES.get(reader, (field, text, docnum))
        if value is MISSING:
            unknown.append(docnum)
        elif value is not None:
            found[docnum] = value
    for docnum, value in _read_values(terms, directory, unknown).items():
        _VALUES.put(reader, (field, text, docnum), value)
        if value is not None:
            found[docnum] = value
    return found


def _read_values(terms: Any, directory: Directory, wanted: list[int]) -> dict[int, Any]:
    """Each wanted document's posting value, None where the list does not hold it."""
    found: dict[int, Any] = dict.fromkeys(wanted)
    index = 0
    while index < len(wanted):
        block = bisect.bisect_left(directory.maxids, wanted[index])
        if block == len(directory.maxids):
            break  # past the last document of the list
        maxid = directory.maxids[block]
        data = terms._postfile.get(directory.starts[block], directory.lengths[block])
        if directory.compressed[block]:
            data = zlib.decompress(data)
        mini_ids, _weights, mini_values = pickle.loads(data)
        here = dict(zip(accumulate(mini_ids), mini_values, strict=True))
        while index < len(wanted) and wanted[index] <= maxid:
            found[wanted[index]] = here.get(wanted[index])
            index += 1
    return found


def block_directory(terms: Any, info: Any) -> Directory | None:
    """Every block's last document and data extent, parsed from the list's block headers; None when the
    list is not in Whoosh 3's block format."""
    data = list_bytes(terms, info)
    if data is None:
        return None
    base, _length = info.extent()
    stream = io.BytesIO(data)
    directory = Directory([], [], [], [])
    position, end = 4, len(data)
    while position < end:
        (size,) = unpack_int(data[position : position + _INT_SIZE])
        start = position + _INT_SIZE
        stream.seek(start)
        _count, maxid, _maxweight, compression, _minlength, _maxlength = pickle.load(stream)
        directory.maxids.append(maxid)
        directory.starts.append(base + stream.tell())
        directory.lengths.append(start + abs(size) - stream.tell())
        directory.compressed.append(bool(compression))
        position = start + abs(size)
        if size < 0:  # the last block
            break
    return directory
