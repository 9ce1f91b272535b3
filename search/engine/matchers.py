"""Matchers for queries whose documents are known up front (the user's marks, tags and notes)."""

from __future__ import annotations

from collections.abc import Sequence

from whoosh.matching import ListMatcher, Matcher, NullMatcher


def docnum_matcher(docnums: Sequence[int]) -> Matcher:
    """A matcher over sorted document numbers, each scoring Whoosh's default weight of 1."""
    return ListMatcher(list(docnums)) if docnums else NullMatcher()
