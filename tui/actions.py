"""One declaration per user action: its key binding (with an id for keymap.json), palette entry, footer
label and help line all come from the same `Command`, so they can never disagree or miss an action.

To add an action to the main screen:

1. Add a `Command` to `MAIN_COMMANDS` below, e.g.
   `Command("main.tag", "t", "tag", "Tag", "Add or remove tags on the open article")`
   (id `owner.name`, default keys, action string, short label, help line; `footer=True` to show it in
   the footer, `palette=False` for keys that only make sense in one pane).
2. Write `action_tag(self)` on MainScreen (in `tui/screens/main_actions.py` or a mixin of your own).

The binding, the Ctrl+P palette entry (with the key as remapped by the user), the footer and the help
screen follow from that one entry. App-wide actions go in `APP_COMMANDS` with their `action_*` on the
app; keys a pane handles itself go in that pane's tuple (they reach help but not the palette). Keys
Textual provides itself (Tab, Enter, Ctrl+P) are `Command`s with no action: help lists them, nothing
binds them twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from textual.app import App
from textual.binding import Binding


@dataclass(frozen=True, slots=True)
class Command:
    """A user action as every surface shows it; `action=""` documents a key Textual itself handles."""

    id: str
    keys: str
    action: str
    label: str
    help: str
    footer: bool = False
    palette: bool = True
    priority: bool = False

    @property
    def bound(self) -> bool:
        return bool(self.action)

    def binding(self) -> Binding:
        return Binding(self.keys, self.action, self.label, show=self.footer, priority=self.priority, id=self.id)


def bindings(commands: Iterable[Command]) -> list[Binding]:
    """The BINDINGS for a class: one Binding per declared command that has an action."""
    return [command.binding() for command in commands if command.bound]


APP_COMMANDS: tuple[Command, ...] = (
    Command(
        "app.help", "question_mark,f1", "help", "Help", "Show every key and help for the pane you are in", footer=True
    ),
    Command("app.palette", "ctrl+p", "", "Palette", "Search every action, article title and entity by name"),
    Command("app.theme", "ctrl+t", "change_theme", "Change theme", "Pick a colour theme (remembered)"),
    Command("app.quit", "q", "quit", "Quit", "Quit alliance-reader", footer=True),
    Command("app.quit_always", "ctrl+q", "quit", "Quit", "Quit, even while typing", palette=False, priority=True),
)

MAIN_COMMANDS: tuple[Command, ...] = (
    Command("main.search", "slash", "focus_search", "Search", "Type a query: results update as you type", footer=True),
    Command(
        "main.clear",
        "escape",
        "clear_filter",
        "Clear",
        "Step back: close find, leave the search box, drop the query, then the entity filter",
    ),
    Command("main.next_hit", "n", "next_hit", "Next hit", "Jump to the next search hit in the article", footer=True),
    Command("main.previous_hit", "N", "previous_hit", "Previous hit", "Jump to the previous search hit"),
    Command(
        "main.sort",
        "s",
        "cycle_sort",
        "Sort",
        "Order: a search cycles relevance, date, title (from relevance); the plain list switches date, title",
        footer=True,
    ),
    Command("main.entities", "e", "toggle_sidebar", "Entities", "Show or hide the entity sidebar", footer=True),
    Command("main.read", "u", "toggle_read", "Mark read/unread", "Mark the highlighted article read or unread"),
    Command(
        "main.bookmark", "b", "toggle_bookmark", "Bookmark", "Bookmark the highlighted article, or remove its bookmark"
    ),
    Command("main.find", "f,ctrl+f", "find", "Find in article", "Find text in the open article"),
    Command(
        "main.list_narrower",
        "left_square_bracket",
        "resize('list', -4)",
        "Narrower list",
        "Make the article list narrower (remembered)",
    ),
    Command(
        "main.list_wider",
        "right_square_bracket",
        "resize('list', 4)",
        "Wider list",
        "Make the article list wider (remembered)",
    ),
    Command(
        "main.sidebar_narrower",
        "left_curly_bracket",
        "resize('sidebar', -4)",
        "Narrower sidebar",
        "Make the entity sidebar narrower (remembered)",
    ),
    Command(
        "main.sidebar_wider",
        "right_curly_bracket",
        "resize('sidebar', 4)",
        "Wider sidebar",
        "Make the entity sidebar wider (remembered)",
    ),
    Command("main.tags", "t", "edit_tags", "Tags", "Add or remove tags on the open article"),
    Command("main.note", "a", "edit_note", "Note", "Write or edit a note on the open article"),
    Command("main.next_unread", "full_stop", "next_unread", "Next unread", "Go to the next unread article"),
    Command("main.previous_unread", "comma", "previous_unread", "Previous unread", "Go to the previous unread article"),
    Command("main.mark_all_read", "M", "mark_all_read", "Mark all read", "Mark every article of this list read (asks)"),
    Command("main.save_search", "ctrl+s", "save_search", "Save search", "Save the current query under a name"),
    Command(
        "main.collections",
        "S",
        "collections",
        "Saved",
        "Saved searches with their new matches, and sources with their unread counts",
        footer=True,
    ),
    Command(
        "main.timeline", "T", "timeline", "Timeline", "Timeline of the entity filter, or of the query's articles"
    ),
    Command("main.export", "x", "export", "Export", "Export the list or the open article (Markdown, CSV, citations)"),
    Command("main.refresh_feeds", "r", "refresh_feeds", "Refresh feeds", "Check every feed now, in the background"),
    Command("main.open_link", "o", "open_link", "Open link", "Open the article's link in your browser"),
    Command("main.copy_link", "y", "copy_link", "Copy link", "Copy the article's link to the clipboard"),
    Command("main.next_pane", "tab", "", "Next pane", "Move to the next pane: search, list, reader, entities"),
    Command("main.previous_pane", "shift+tab", "", "Previous pane", "Move to the previous pane"),
)

LIST_COMMANDS: tuple[Command, ...] = (
    Command("list.down", "j", "cursor_down", "Down", "Next article (or ↓)", palette=False),
    Command("list.up", "k", "cursor_up", "Up", "Previous article (or ↑)", palette=False),
    Command("list.first", "g", "first", "First", "First article (or Home)", palette=False),
    Command("list.last", "G", "last", "Last", "Last loaded article (or End)", palette=False),
    Command(
        "list.open", "enter", "", "Open", "Read the highlighted article (focus moves to the reader)", palette=False
    ),
)

READER_COMMANDS: tuple[Command, ...] = (
    Command("reader.down", "j", "scroll_down", "Down", "Scroll down (or ↓, PgDn, space)", palette=False),
    Command("reader.up", "k", "scroll_up", "Up", "Scroll up (or ↑, PgUp)", palette=False),
    Command("reader.top", "g", "scroll_home", "Top", "Top of the article (or Home)", palette=False),
    Command("reader.bottom", "G", "scroll_end", "Bottom", "End of the article (or End)", palette=False),
    Command("reader.comments", "c", "toggle_comments", "Comments", "Open or fold the reader comments", palette=False),
)

SIDEBAR_COMMANDS: tuple[Command, ...] = (
    Command(
        "entities.next_mention",
        "m",
        "next_mention",
        "Next mention",
        "Jump to the highlighted entity's next mention in the article",
        footer=True,
        palette=False,
    ),
    Command("entities.timeline", "T", "timeline", "Timeline", "The entity's dated appearances", palette=False),
    Command("entities.profile", "p", "profile", "Profile", "Roles, aliases, co-mentions and quotes", palette=False),
    Command("entities.down", "j", "cursor_down", "Down", "Next entity", palette=False),
    Command("entities.up", "k", "cursor_up", "Up", "Previous entity", palette=False),
    Command("entities.choose", "enter", "", "Filter", "List every article mentioning the entity", palette=False),
)

SEARCH_COMMANDS: tuple[Command, ...] = (
    Command("search.history_back", "up", "history(-1)", "Older query", "Recall an older query", palette=False),
    Command("search.history_forward", "down", "history(1)", "Newer query", "Recall a newer query", palette=False),
    Command(
        "search.take_suggestion",
        "ctrl+d",
        "take_suggestion",
        "Did you mean",
        "Take the “did you mean” suggestion",
        footer=True,
        palette=False,
    ),
    Command("search.submit", "enter", "", "Search", "Search at once and move to the list", palette=False),
    Command("search.clear_line", "ctrl+u", "", "Clear line", "Delete everything before the cursor", palette=False),
)

HELP_COMMANDS: tuple[Command, ...] = (
    Command("help.close", "escape,q,question_mark,f1", "dismiss", "Close help", "Close this help", palette=False),
    Command("help.down", "j,down", "scroll('down')", "Down", "Scroll help down", palette=False),
    Command("help.up", "k,up", "scroll('up')", "Up", "Scroll help up", palette=False),
    Command("help.page_down", "pagedown,space", "scroll('page_down')", "Page down", "Next page of help", palette=False),
    Command("help.page_up", "pageup", "scroll('page_up')", "Page up", "Previous page of help", palette=False),
    Command("help.home", "home,g", "scroll('home')", "Top", "Top of help", palette=False),
    Command("help.end", "end,G", "scroll('end')", "Bottom", "End of help", palette=False),
)

ERROR_COMMANDS: tuple[Command, ...] = (
    Command("error.close", "escape", "dismiss", "Close", "Close the error message", palette=False),
)

TIMELINE_COMMANDS: tuple[Command, ...] = (
    Command("timeline.back", "escape", "close", "Back", "Back to where you were", footer=True, palette=False),
    Command("timeline.export", "x", "export", "Export", "Export the timeline's articles", footer=True, palette=False),
    Command("timeline.down", "j", "cursor_down", "Down", "Next appearance (or ↓)", palette=False),
    Command("timeline.up", "k", "cursor_up", "Up", "Previous appearance (or ↑)", palette=False),
    Command("timeline.open", "enter", "", "Open", "Open the article at that sentence", palette=False),
)

PROFILE_COMMANDS: tuple[Command, ...] = (
    Command("profile.back", "escape", "close", "Back", "Back to where you were", footer=True, palette=False),
    Command("profile.timeline", "T", "timeline", "Timeline", "The entity's timeline", footer=True, palette=False),
    Command("profile.down", "j", "scroll_down", "Down", "Scroll down", palette=False),
    Command("profile.up", "k", "scroll_up", "Up", "Scroll up", palette=False),
)

COLLECTIONS_COMMANDS: tuple[Command, ...] = (
    Command("collections.close", "escape", "dismiss(None)", "Close", "Close the list", footer=True, palette=False),
    Command("collections.down", "j", "cursor('down')", "Down", "Next saved search or source", palette=False),
    Command("collections.up", "k", "cursor('up')", "Up", "Previous saved search or source", palette=False),
    Command("collections.open", "enter", "", "Open", "Run the saved search, or list that source", palette=False),
)

DIALOG_COMMANDS: tuple[Command, ...] = (
    Command("note.save", "ctrl+s", "save", "Save note", "Save the note", priority=True, palette=False),
    Command("note.cancel", "escape", "cancel", "Cancel", "Close the note without saving", palette=False),
    Command("prompt.cancel", "escape", "cancel", "Cancel", "Close a name or tags box unchanged", palette=False),
    Command("confirm.yes", "y", "answer(True)", "Yes", "Answer yes to a question", palette=False),
    Command("confirm.no", "n,escape", "answer(False)", "No", "Answer no to a question", palette=False),
    Command("export.cancel", "escape", "cancel", "Cancel", "Close the export box", palette=False),
)


def section(commands: tuple[Command, ...], *ids: str) -> tuple[Command, ...]:
    """The commands of one dialog, picked from a shared tuple by id."""
    return tuple(command for command in commands if command.id in ids)


SECTIONS: tuple[tuple[str, tuple[Command, ...]], ...] = (
    ("Everywhere", APP_COMMANDS),
    ("Main screen", MAIN_COMMANDS),
    ("Article list", LIST_COMMANDS),
    ("Reading view", READER_COMMANDS),
    ("Entity sidebar", SIDEBAR_COMMANDS),
    ("Search box", SEARCH_COMMANDS),
    ("Timeline", TIMELINE_COMMANDS),
    ("Entity profile", PROFILE_COMMANDS),
    ("Saved searches and sources", COLLECTIONS_COMMANDS),
    ("Dialogs", DIALOG_COMMANDS),
    ("This help", HELP_COMMANDS),
    ("Error message", ERROR_COMMANDS),
)


def all_commands() -> Iterator[Command]:
    for _, commands in SECTIONS:
        yield from commands


def binding_ids() -> set[str]:
    """Every id keymap.json may remap."""
    return {command.id for command in all_commands() if command.bound}


def current_keys(app: App[object], command: Command) -> list[str]:
    """The command's keys after the user's keymap."""
    keys = getattr(app, "_keymap", {}).get(command.id, command.keys)
    return [key.strip() for key in keys.split(",") if key.strip()]


# Textual shows Enter as a glyph some terminals' fonts lack; a word is clearer in help and the palette.
KEY_WORDS = {"enter": "enter"}


def key_display(app: App[object], command: Command) -> str:
    shown = (KEY_WORDS.get(key) or app.get_key_display(Binding(key, "noop")) for key in current_keys(app, command))
    return ", ".join(shown)


# Keys as the README writes them (Textual's names are for the keymap, not for people).
README_KEYS = {
    "slash": "/",
    "question_mark": "?",
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "left_curly_bracket": "{",
    "right_curly_bracket": "}",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "home": "Home",
    "end": "End",
    "up": "↑",
    "down": "↓",
    "space": "Space",
}


def readme_key(key: str) -> str:
    if key in README_KEYS:
        return README_KEYS[key]
    if key.startswith("ctrl+"):
        return "Ctrl+" + key[5:].upper()
    return key.upper() if key.startswith("f") and key[1:].isdigit() else key


def readme_table() -> str:
    """The README's Keys table (`python -m tui.actions`), so the README says what the bindings do."""
    lines = ["| where | key | what it does | id (keymap.json) |", "|---|---|---|---|"]
    for heading, commands in SECTIONS:
        for command in commands:
            keys = " ".join(f"`{readme_key(k.strip())}`" for k in command.keys.split(","))
            ident = f"`{command.id}`" if command.bound else "(Textual)"
            lines.append(f"| {heading} | {keys} | {command.help} | {ident} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(readme_table())
