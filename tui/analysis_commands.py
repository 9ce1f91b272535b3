"""Palette entries for every entity's timeline and profile ("Timeline: Pete Hegseth")."""

from __future__ import annotations

from functools import partial

from textual.command import Hit, Hits
from textual.markup import escape

from tui.commands import EntityProvider, _main_screen
from tui.messages import ProfileWanted, TimelineWanted
from tui.widgets.article_text import clean, counted


class EntityTimelines(EntityProvider):
    """Open an entity's timeline or profile from the palette."""

    async def search(self, query: str) -> Hits:
        screen = _main_screen(self)
        if screen is None:
            return
        for entity in self.entities:
            name = clean(entity.name)
            label = f"{entity.type} · {counted(len(entity.articles), 'article')}"
            for verb, message in (
                ("Timeline", TimelineWanted(entity.key, entity.name)),
                ("Profile", ProfileWanted(entity.key)),
            ):
                text = f"{verb}: {name}"
                score, shown = self.display(query, text)
                if score:
                    yield Hit(score, shown, partial(screen.post_message, message), text=text, help=escape(label))
