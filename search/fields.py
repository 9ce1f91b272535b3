"""Names of the index's fields, defined once for every module of `search/` that names one.

Keys of the stored article JSON and of export formats are not field names and are not listed here.
"""

from __future__ import annotations

ID = "id"
TITLE = "title"
BODY = "body"
BODY_SCORING = "body_f"  # the body's words with frequencies only (search.schema.ScoringCopy)
SOURCE = "source"
PUBLISHED = "published"
PERSON = "person"
ORG = "org"
PLACE = "place"
ENTITY = "entity"  # entity keys, one per entity the article mentions
QUOTE = "quote"  # the words inside the article's quotations
SAID = "said"  # the names of the people and organisations it quotes
TITLE_SORT = "title_sort"
SIMILAR = "similar"  # MinHash band keys (search.documents)
NER = "ner"  # "pending" until entities have been extracted, then "done"
FILE = "file"  # the source's identity and signature
YEAR = "year"  # a facet computed from PUBLISHED, not a stored field
FILE_ID = "file_id"  # the source file's identity
FILE_KEY = "file_key"  # identity and signature: what an incremental sync compares
CONTENT_HASH = "content_hash"
BYLINE = "byline"
CATEGORIES = "categories"
DATE_CONFIDENCE = "date_confidence"
ORIGIN = "origin"
DOC = "doc"  # the whole article as JSON

# Ranking knobs (both the index's title field and the query parser weigh the title by this).
TITLE_BOOST = 2.0
# Where a bare word is looked for.
DEFAULT_FIELDS = (TITLE, BODY)
