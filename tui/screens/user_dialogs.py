"""Small modals for the user's data: a one-line prompt (names, tags), a note editor, a yes/no question.

Each returns its answer through `dismiss` (None when cancelled with Esc), so the caller decides what
to save; none of them touches files.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, Static, TextArea

from tui.actions import DIALOG_COMMANDS, bindings, section


class LastWordSuggester(Suggester):
    """Completes the word being typed from `words` (existing tags), keeping the words before it."""

    def __init__(self, words: Sequence[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.words = list(words)

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(" ")
        if not last:
            return None
        typed = {w.casefold() for w in head.split()}
        for word in self.words:
            if word.startswith(last.casefold()) and word != last.casefold() and word not in typed:
                return f"{head} {word}" if head else word
        return None


class PromptScreen(ModalScreen[str | None]):
    """One line of text: Enter answers, Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(section(DIALOG_COMMANDS, "prompt.cancel"))

    def __init__(self, title: str, value: str = "", *, hint: str = "", completions: Sequence[str] = ()) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.hint = hint
        self.completions = completions

    def compose(self) -> ComposeResult:
        with Vertical(classes="user-dialog"):
            yield Static(Content.styled(self.title_text, "bold"), markup=False)
            suggester = LastWordSuggester(self.completions) if self.completions else None
            yield Input(self.value, suggester=suggester, id="prompt-input")
            if self.hint:
                yield Static(Content.styled(self.hint, "$text-muted"), markup=False, classes="dialog-hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NoteScreen(ModalScreen[str | None]):
    """A multi-line note: Ctrl+S (or the Save button) answers with the text, Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(section(DIALOG_COMMANDS, "note.save", "note.cancel"))

    def __init__(self, title: str, text: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="user-dialog note-dialog"):
            yield Static(Content.styled(f"Note on {self.title_text}", "bold"), markup=False)
            yield TextArea(self.text, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static(
                Content.styled("ctrl+s saves · esc cancels · an empty note is removed", "$text-muted"),
                markup=False,
                classes="dialog-hint",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="note-save")
                yield Button("Cancel", id="note-cancel")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "note-save":
            self.action_save()
        else:
            self.action_cancel()


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question: y or Enter on Yes confirms; n or Esc says no."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(section(DIALOG_COMMANDS, "confirm.yes", "confirm.no"))

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="user-dialog"):
            yield Static(Content(self.question), markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Yes (y)", variant="primary", id="confirm-yes")
                yield Button("No (n)", id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")
