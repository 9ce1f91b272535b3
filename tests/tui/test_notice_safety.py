"""Notices carry outside text (paths, feed URLs, server messages): no escape sequence in them reaches
the terminal, whoever raises the notice."""

from __future__ import annotations

from search.library import Library
from tests.tui.tui_helpers import settle

HOSTILE = "cannot write /tmp/a\x1b]52;c;aGk=\x07b\x9b2J: disk full\nsecond line"


async def test_notices_show_escapes_as_text(small_library: Library, build_app) -> None:
    app = build_app(small_library)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(app, pilot)
        app.screen.notify(HOSTILE, title="Not \x1b[2Jsaved", severity="error", markup=False)
        await settle(app, pilot)
        notice = list(app._notifications)[-1]
        for text in (notice.message, notice.title):
            assert not any((ord(ch) < 32 and ch != "\n") or 0x7F <= ord(ch) <= 0x9F for ch in text), repr(text)
        assert "\\x1b]52;c;aGk=\\x07b\\x9b2J" in notice.message
        assert notice.message.endswith("\nsecond line")
