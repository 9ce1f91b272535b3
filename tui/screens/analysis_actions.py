"""The main screen's ways into who-said-what: timelines, entity profiles and export (`t`, `p`, `x`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.messages import ProfileWanted, TimelineWanted
from tui.screens.export import ExportScreen, run_export
from tui.screens.profile import ProfileScreen
from tui.screens.timeline import TimelinePick, TimelineScreen
from tui.screens.user_actions import SOURCE_TYPE
from tui.widgets.reading_view import ReadingView

if TYPE_CHECKING:
    from tui.screens.main import MainScreen


class AnalysisActions:
    """Mixin for MainScreen (typed as `self: MainScreen`); handlers use `on_*` names, since `@on` only
    registers on message-pump classes."""

    def action_timeline(self: MainScreen) -> None:
        """The timeline of the entity filter, else of the query; the sidebar's `t` gives any entity's."""
        if self.entity is not None and self.entity.type == SOURCE_TYPE:
            # An outlet is not an entity: its query runs, and the title names the outlet.
            self.post_message(TimelineWanted(None, self.entity.name, query=self.entity.query))
        elif self.entity is not None:
            self.post_message(TimelineWanted(self.entity.key, self.entity.name))
        elif self.query_text.strip():
            self.post_message(TimelineWanted(None, self.query_text.strip()))
        else:
            self.notify("Search, or choose an entity (sidebar: t), to see a timeline.", timeout=3)

    def action_export(self: MainScreen) -> None:
        """Export the open article when reading it, else the articles in the list."""
        reader = self.query_one(ReadingView)
        if self.article is not None and reader.has_focus_within:
            ids: tuple[str, ...] = (self.article.id,)
        else:
            ids = tuple(row.id for row in self.rows)
        if not ids:
            self.notify("Nothing to export.", timeout=2)
            return
        library = self.library
        self.app.push_screen(ExportScreen(len(ids)), lambda choice: run_export(self, library, ids, choice))

    def on_timeline_wanted(self: MainScreen, event: TimelineWanted) -> None:
        query = "" if event.entity_key else (event.query or event.label)
        screen = TimelineScreen(self.library, entity_key=event.entity_key, query=query, label=event.label)
        self.app.push_screen(screen, self.go_to_pick)

    def on_profile_wanted(self: MainScreen, event: ProfileWanted) -> None:
        self.app.push_screen(ProfileScreen(self.library, event.entity_key), self.go_to_pick)

    def go_to_pick(self: MainScreen, pick: TimelinePick | None) -> None:
        """Open the picked article and scroll the reading view to the sentence."""
        if pick is None:
            return
        reader = self.query_one(ReadingView)
        reader.reveal(pick.article_id, pick.span)
        if self.article is None or self.article.id != pick.article_id:
            self.open_article(pick.article_id, self.query_text.strip())
        reader.focus()
