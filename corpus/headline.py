"""Headlines: telling a headline line from a paragraph, and making one when a page has none.

A page that starts straight with its first paragraph (seed 003) still needs a short title in the list;
the whole paragraph would be unreadable there, so we cut the first sentence at a clause boundary.
"""

from __future__ import annotations

import re

from corpus.sentences import first_sentence, sentence_spans

MAX_TITLE_WORDS = 12
_MIN_TITLE_WORDS = 4
_CLAUSE_WORDS = frozenset(
    {
    "as", "while", "which", "who", "whom", "whose", "because", "after", "before", "amid", "when", "where",
    "although", "though", "since", "despite", "following", "whereas", "unless", "until", "if", "that",
    "particularly", "including",
    }
)
_CLAUSE_PUNCTUATION = re.compile(r"[,;:]$|^[—–-]$")


def looks_like_headline(line: str) -> bool:
    """Short, not a run of sentences, and not a long sentence ending in a full stop."""
    words = line.split()
    if not words or len(words) > 25 or len(sentence_spans(line)) > 1:
        return False
    return not (line.rstrip().endswith(".") and len(words) > 14)


def derive_title(paragraph: str) -> str:
    """A headline from the first sentence: whole if short, else cut at its last clause boundary."""
    sentence = first_sentence(paragraph).strip()
    words = sentence.split()
    if len(words) <= MAX_TITLE_WORDS:
        return sentence.rstrip(".")
    cut = 0
    for index, word in enumerate(words[: MAX_TITLE_WORDS + 1]):
        if index >= _MIN_TITLE_WORDS and word.casefold() in _CLAUSE_WORDS:
            cut = index
        elif index + 1 >= _MIN_TITLE_WORDS and index < MAX_TITLE_WORDS and _CLAUSE_PUNCTUATION.search(word):
            cut = index + 1
    if cut:
        return " ".join(words[:cut]).rstrip(",;:—–- ")
    return " ".join(words[:MAX_TITLE_WORDS]).rstrip(",;:—–- ") + "…"
