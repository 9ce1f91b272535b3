"""A modal that says what went wrong in plain words; the app keeps running behind it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.actions import ERROR_COMMANDS, bindings


class ErrorScreen(ModalScreen[None]):
    """Shows a problem (never a traceback); Esc, Enter or the button close it."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(ERROR_COMMANDS)

    def __init__(self, title: str, problem: str) -> None:
        super().__init__()
        self.title_text = title
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(id="error-dialog"):
            yield Static(Content.styled(self.title_text, "bold $error"), id="error-title", markup=False)
            yield Static(Content(self.problem), id="error-text", markup=False)
            yield Button("OK", variant="primary", id="error-ok")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss()
