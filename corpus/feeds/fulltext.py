"""An article page's main text, for entries whose feed carries only a summary (trafilatura)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from corpus.safety import sanitize


@lru_cache(maxsize=1)
def _config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # its signal-based timeout only works in the main thread
    return config


def main_text(page: bytes | str) -> str:
    """The page's main text as paragraphs separated by blank lines; empty when none is found."""
    import trafilatura

    try:
        text = trafilatura.extract(page, include_comments=False, include_tables=False, include_images=False,
                                   config=_config())
    except Exception:  # trafilatura/lxml raise many types on broken pages: no main text then
        return ""
    lines = (" ".join(sanitize(line).split()) for line in (text or "").split("\n"))
    return "\n\n".join(line for line in lines if line)
