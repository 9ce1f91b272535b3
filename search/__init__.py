"""Full-text search over the corpus: the Whoosh schema, indexing, queries and snippets.

Only this package imports Whoosh; `Library` (in `search.library`) is the one facade the UI and the CLI
use, and it returns plain frozen dataclasses.
"""
