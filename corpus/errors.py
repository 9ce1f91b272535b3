"""Problems met while reading sources: reported one line per file, never raised to the user."""

from __future__ import annotations

from dataclasses import dataclass


class CorpusError(Exception):
    """A source that cannot be read at all; the message is for people."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One bad source, with a message in plain words; everything else is still read."""

    origin: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"
