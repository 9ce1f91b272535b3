"""The patched field-length reader gives exactly what Whoosh's own gives, for every document."""

from __future__ import annotations

from pathlib import Path

from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import FileStorage

from search.engine import whoosh_fixes


def test_length_reader_matches_whoosh(tmp_path: Path) -> None:
    whoosh_fixes.apply()
    ix = FileStorage(str(tmp_path)).create_index(Schema(id=ID(stored=True), body=TEXT, title=TEXT))
    writer = ix.writer()
    for n in range(300):
        fields = {"id": str(n), "body": " ".join(["word"] * (n * 7 % 400))}
        if n % 3:
            fields["title"] = "a title " * (n % 5)
        writer.add_document(**fields)
    writer.commit()
    reader = ix.reader()
    perdoc = reader._perdoc
    for field in ("body", "title"):
        fast = perdoc.doc_field_length_reader(field)
        slow = whoosh_fixes._original_length_reader(perdoc, field)
        assert [fast(d) for d in range(300)] == [slow(d) for d in range(300)]
    reader.close()
