"""Keeping the user's marks attached to articles when their ids change.

Ids are hashes of where an article came from, so moving a source folder gives its articles new ids.
Each marked article's content hash (stored in the index) is remembered; a marked id that is no longer
in the index is moved to the article that now has the same content hash.
"""

from __future__ import annotations

from whoosh.reading import TermNotFound
from whoosh.searching import Searcher

from search.userdata import UserData

HASH_FIELD = "content_hash"


def follow_marks(searcher: Searcher, ids_by_docnum: dict[int, str], userdata: UserData) -> None:
    marks = userdata.marks()
    marked = marks.marked_ids()
    if not marked:
        return
    docnum_of = {article_id: docnum for docnum, article_id in ids_by_docnum.items()}
    learned = {}
    for article_id in marked - set(marks.hashes):
        docnum = docnum_of.get(article_id)
        if docnum is not None:
            stored = searcher.stored_fields(docnum).get(HASH_FIELD)
            if stored:
                learned[article_id] = stored
    userdata.remember_hashes(learned)
    moved = {}
    reader = searcher.reader()
    for article_id in marked - set(docnum_of):
        content = marks.hashes.get(article_id)
        if not content:
            continue
        try:
            candidates = [
                ids_by_docnum[d] for d in reader.postings(HASH_FIELD, content).all_ids() if d in ids_by_docnum
            ]
        except TermNotFound:
            continue
        if candidates:
            moved[article_id] = min(candidates)
    userdata.rekey(moved)
