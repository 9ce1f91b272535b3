"""Articles: the model, reading and cleaning the files users bring, dates and entities.

This package knows nothing of search or the UI; `search/` and `tui/` build on it.
"""
