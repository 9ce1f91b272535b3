"""A feed URL with control characters or a broken host is refused in one line, never a traceback
(the HTTP library raises its own error type for them, outside the errors a fetch reports)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.feeds.http import FetchError, check_url
from tui.cli import main

BAD = ["http://127.0.0.1:9/a\x1b]52;c;aGk=\x07b", "http://127.0.0.1:9/\x9b31m", "http://[abc", "http://127.0.0.1:9/a\nb"]


@pytest.mark.parametrize("url", BAD)
def test_check_url_refuses(url: str) -> None:
    with pytest.raises(FetchError):
        check_url(url)


@pytest.mark.parametrize("url", BAD)
def test_feeds_add_says_so_in_one_clean_line(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path), "feeds", "add", url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("alliance-reader: not fetched") and err.count("\n") == 1, err
    assert not any((ord(ch) < 32 and ch != "\n") or 0x7F <= ord(ch) <= 0x9F for ch in err), repr(err)
