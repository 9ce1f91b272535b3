"""The header line (where you are: count, query, entity filter) and the indexing status."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from tui.widgets.article_text import clean


class Breadcrumb(Static):
    """Dumb: shows `crumbs` joined, so the user always sees what the list is filtered by."""

    crumbs: reactive[tuple[str, ...]] = reactive(("alliance-reader",))

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def watch_crumbs(self, crumbs: tuple[str, ...]) -> None:
        parts: list[tuple[str, str] | str] = []
        for index, crumb in enumerate(crumbs):
            if index:
                parts.append((" ─ ", "$text-muted"))
            parts.append((clean(crumb), "bold" if index == 0 else ""))
        self.update(Content.assemble(*parts))


class SyncStatus(Static):
    """Indexing progress as words and a bar drawn in text; `idle` when nothing runs."""

    progress: reactive[tuple[str, int, int] | None] = reactive(None)
    # Set when indexing failed: "up to date" would then be a lie until a sync succeeds.
    failed: reactive[bool] = reactive(False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def watch_failed(self) -> None:
        if self.progress is None:
            self.watch_progress(None)

    def watch_progress(self, progress: tuple[str, int, int] | None) -> None:
        if progress is None:
            if self.failed:
                self.update(Content.styled("✗ not indexed", "$text-error"))
            else:
                self.update(Content.styled("✓ up to date", "$text-muted"))
            self.remove_class("-busy")
            return
        self.failed = False  # a new sync has started
        phase, done, total = progress
        self.add_class("-busy")
        if total:
            filled = round(10 * min(done, total) / total)
            bar = "█" * filled + "░" * (10 - filled)
            self.update(Content(f"⟳ {phase} {bar} {done}/{total}"))
        else:
            self.update(Content(f"⟳ {phase}…"))
