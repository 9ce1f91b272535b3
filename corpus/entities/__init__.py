"""People, organisations and places in articles, resolved across articles, for the sidebar.

    extract_entities(articles, aliases=load_aliases(path)) -> one tuple of Entity per article

Importing this package is cheap: spaCy loads on the first extraction (index time only), with only
its `ner` component, after its files are checked against `corpus/data/model_manifest.json`.
The alias file format is described in `corpus.entities.aliases`.
"""

from __future__ import annotations

from corpus.entities.aliases import AliasTable, builtin_aliases, load_aliases
from corpus.entities.extract import extract_entities
from corpus.entities.nlp import ModelError, manifest_problems, model_manifest_ok

__all__ = [
    "AliasTable",
    "ModelError",
    "builtin_aliases",
    "extract_entities",
    "load_aliases",
    "manifest_problems",
    "model_manifest_ok",
]
