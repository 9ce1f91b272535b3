"""The search box: search as you type (debounced), history on up/down, inline errors and suggestions."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Input, Static

from tui.actions import SEARCH_COMMANDS, bindings
from tui.messages import SearchRequested
from tui.widgets.article_text import clean

DEBOUNCE_SECONDS = 0.15


class SearchInput(Input):
    """An Input whose up/down walk the query history and ctrl+d takes the suggestion."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(SEARCH_COMMANDS)

    def action_history(self, step: int) -> None:
        box = self.parent
        if isinstance(box, SearchBox):
            box.walk_history(step)

    def action_take_suggestion(self) -> None:
        box = self.parent
        if isinstance(box, SearchBox) and box.suggestion:
            self.value = box.suggestion
            self.cursor_position = len(self.value)
            self.post_message(SearchRequested(self.value, immediate=True))


class SearchBox(Vertical):
    """Posts SearchRequested; the screen runs the search and sets `error`/`suggestion` back."""

    HELP = """\
## Search
Type to search titles and text; results update as you type. Words are combined with AND; use
`OR`, `"exact phrase"`, `word*`, `word~` (fuzzy), `title:word`, `person:"Name"`, `org:"Name"`,
`place:"Name"`. **Enter** searches at once and moves to the list, **up**/**down** recall earlier
queries, **ctrl+d** takes the "did you mean" suggestion. **Esc** leaves the box and keeps the
results; Esc again drops the query (up in the box brings it back).
"""

    error: reactive[str] = reactive("", init=False)
    suggestion: reactive[str | None] = reactive(None, init=False)
    hint: reactive[str] = reactive("", init=False)
    history: reactive[tuple[str, ...]] = reactive((), init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._timer: Timer | None = None
        self._history_index: int | None = None

    def compose(self) -> ComposeResult:
        yield SearchInput(placeholder='/ search: words, "a phrase", person:"Name"', id="search-input")
        yield Static("", id="search-note", markup=False)

    @property
    def input(self) -> SearchInput:
        return self.query_one(SearchInput)

    def set_query(self, text: str) -> None:
        self.input.value = text
        self.input.cursor_position = len(text)

    def walk_history(self, step: int) -> None:
        if not self.history:
            return
        index = len(self.history) if self._history_index is None else self._history_index
        index = max(0, min(len(self.history), index + step))
        self._history_index = index
        self.set_query(self.history[index] if index < len(self.history) else "")

    def _note(self) -> None:
        note = self.query_one("#search-note", Static)
        if self.error:
            note.update(Content.assemble(("⚠ ", "$error"), (clean(self.error), "$error")))
        elif self.suggestion:
            note.update(
                Content.assemble("did you mean: ", (clean(self.suggestion), "bold"), ("  (ctrl+d)", "$text-muted"))
            )
        elif self.hint:
            note.update(Content.styled(self.hint, "$text-warning"))
        else:
            note.update("")
        self.set_class(bool(self.error or self.suggestion or self.hint), "-noted")

    def watch_error(self) -> None:
        self._note()

    def watch_suggestion(self) -> None:
        self._note()

    def watch_hint(self) -> None:
        self._note()

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        value = event.value
        self._timer = self.set_timer(DEBOUNCE_SECONDS, lambda: self.post_message(SearchRequested(value)))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        self._history_index = None
        self.post_message(SearchRequested(event.value, immediate=True))
