"""The main screen's user-data actions: read marks, bookmarks, tags, notes, saved searches, sources.

An article becomes read when it has been open in the reader for `read_after_seconds` (setting
`mark_read = "open"`), or when the user presses Enter on it or scrolls in it; moving the cursor over
articles marks nothing. The article the app opens by itself at launch starts its clock only when the
user first presses a key, clicks or scrolls: an app left open unattended marks nothing. Every change
goes through `Library.userdata` (shared with the CLI, saved at once); anything slow (counting,
resolving a whole list) runs in a thread worker.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual import events, work
from textual.message import Message
from textual.timer import Timer

from search.errors import QueryError, SearchError
from search.saved import add_saved, open_saved, source_query
from tui.messages import EntityChosen, EntityFilter
from tui.screens.collections import NO_SOURCE_LABEL, CollectionsScreen
from tui.screens.user_dialogs import ConfirmScreen, NoteScreen, PromptScreen
from tui.widgets.article_list import ArticleList
from tui.widgets.reading_view import ReadingView
from tui.widgets.search_box import SearchBox

if TYPE_CHECKING:
    from tui.screens.main import MainScreen

READ_ON_OPEN = "open"
SOURCE_TYPE = "source"


class MarksChanged(Message):
    """The user's data changed (here or in a worker): the screen rereads it."""


class UnreadCounted(Message):
    def __init__(self, unread: int, total: int) -> None:
        super().__init__()
        self.unread = unread
        self.total = total


class UserActions:
    """Mixin for MainScreen (typed as `self: MainScreen`); message handlers go by name (`on_...`),
    since `@on` is collected only from classes Textual builds."""

    _read_timer: Timer | None = None
    _user_present: bool = False  # the user has pressed a key, clicked or scrolled since launch
    _user_stamp: tuple[object, object] = (None, None)

    # -- state ------------------------------------------------------------------------------------
    def load_marks(self: MainScreen) -> None:
        """Read marks, bookmarks and tags into the screen's reactives (the list and reader show them)."""
        try:
            marks = self.library.userdata.marks()
        except SearchError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self.read_ids = frozenset(marks.read)
        self.bookmarks = frozenset(marks.bookmarks)
        self.tags_by_id = {k: tuple(sorted(v)) for k, v in marks.tags.items()}
        self.show_article_marks()
        for notice in self.library.userdata.notices:
            self.notify(notice, severity="warning", markup=False, timeout=10)
        self.library.userdata.notices.clear()

    def show_article_marks(self: MainScreen) -> None:
        article = self.article
        if article is None:
            self.article_marks = ((), "")
            return
        note = self.library.userdata.note_of(article.id)
        self.article_marks = (self.tags_by_id.get(article.id, ()), note.text if note else "")

    def _change_marks(self: MainScreen, change: partial[object]) -> bool:
        try:
            change()
        except SearchError as exc:
            self.notify(str(exc), title="Not saved", severity="error", markup=False)
            return False
        self.on_marks_changed()
        return True

    def on_marks_changed(self: MainScreen, _event: MarksChanged | None = None) -> None:
        self.load_marks()
        self.count_unread()

    @work(thread=True, exclusive=True, exit_on_error=False, group="unread")
    def count_unread(self: MainScreen) -> None:
        self.post_message(UnreadCounted(*self.library.unread_count()))

    def on_unread_counted(self: MainScreen, event: UnreadCounted) -> None:
        self.unread = (event.unread, event.total)
        self.update_breadcrumb()

    def unread_crumb(self: MainScreen) -> str | None:
        if self.unread is None:
            return None
        unread, total = self.unread
        return f"{unread:,} unread of {total:,}"

    # -- becoming read ------------------------------------------------------------------------------
    def set_read(self: MainScreen, article_id: str, read: bool) -> None:
        self._change_marks(partial(self.library.userdata.set_read, [article_id], read))

    def start_read_clock(self: MainScreen, article_id: str) -> None:
        """An article was opened in the reader: it becomes read if it stays open long enough."""
        if self._read_timer is not None:
            self._read_timer.stop()
            self._read_timer = None
        settings = self.store.settings
        if not self._user_present:
            return  # opened by the app itself at launch; `user_arrived` starts the clock
        if settings.mark_read == READ_ON_OPEN and article_id not in self.read_ids:
            delay = max(0.0, settings.read_after_seconds)
            self._read_timer = self.set_timer(delay, partial(self._read_by_clock, article_id))

    def user_arrived(self: MainScreen) -> None:
        """The first key, click or scroll: the open article is now being looked at."""
        if self._user_present:
            return
        self._user_present = True
        if self.article is not None:
            self.start_read_clock(self.article.id)

    def on_key(self: MainScreen, _event: events.Key) -> None:
        self.user_arrived()

    def on_click(self: MainScreen, _event: events.Click) -> None:
        self.user_arrived()

    def on_mouse_scroll_down(self: MainScreen, _event: events.MouseScrollDown) -> None:
        self.user_arrived()

    def on_mouse_scroll_up(self: MainScreen, _event: events.MouseScrollUp) -> None:
        self.user_arrived()

    def _read_by_clock(self: MainScreen, article_id: str) -> None:
        if self.article is not None and self.article.id == article_id and article_id not in self.read_ids:
            self.set_read(article_id, True)

    def read_now(self: MainScreen, article_id: str) -> None:
        """Enter on an article, or scrolling in it: the user is reading it."""
        if article_id not in self.read_ids:
            self.set_read(article_id, True)

    def watch_reader_scroll(self: MainScreen) -> None:
        self.watch(self.query_one(ReadingView), "scroll_y", self._reader_scrolled, init=False)
        self._user_stamp = self.library.userdata.stamp()

    def _check_user_files(self: MainScreen) -> None:
        """Marks changed by another process (a stat of two files; rereads only on a change)."""
        stamp = self.library.userdata.stamp()
        if stamp != self._user_stamp:
            self._user_stamp = stamp
            self.on_marks_changed()

    def _reader_scrolled(self: MainScreen, old: float, new: float) -> None:
        if new > old and self.article is not None:
            self.read_now(self.article.id)

    def action_toggle_read(self: MainScreen) -> None:
        article_id = self.query_one(ArticleList).highlighted_id
        if article_id:
            if self._read_timer is not None:
                self._read_timer.stop()  # the user decided; the clock must not undo it
            self.set_read(article_id, article_id not in self.read_ids)

    def action_toggle_bookmark(self: MainScreen) -> None:
        article_id = self.query_one(ArticleList).highlighted_id
        if not article_id:
            return
        marked = article_id not in self.bookmarks
        if self._change_marks(partial(self.library.userdata.set_bookmark, article_id, marked)):
            self.notify("Bookmarked." if marked else "Bookmark removed.", timeout=2)

    def _step_unread(self: MainScreen, step: int) -> None:
        article_list = self.query_one(ArticleList)
        count = article_list.option_count
        start = article_list.highlighted if article_list.highlighted is not None else -step
        index = start + step
        while 0 <= index < count:
            option_id = article_list.get_option_at_index(index).id
            if option_id and option_id not in self.read_ids:
                article_list.highlighted = index
                article_list.focus()
                return
            index += step
        where = "further down" if step > 0 else "further up"
        more = " (more articles load as you scroll)" if step > 0 and self.has_more else ""
        self.notify(f"No unread article {where} in this list{more}.", timeout=3)

    def action_next_unread(self: MainScreen) -> None:
        self._step_unread(1)

    def action_previous_unread(self: MainScreen) -> None:
        self._step_unread(-1)

    def action_mark_all_read(self: MainScreen) -> None:
        if not self.total:
            self.notify("The list is empty.", timeout=2)
            return
        about = "" if self.total_exact else "about "
        count = f"{about}{self.total:,} article{'s' if self.total != 1 else ''}"
        query = self.effective_query

        def answered(yes: bool | None) -> None:
            if yes:
                self.mark_list_read(query)

        self.app.push_screen(ConfirmScreen(f"Mark all {count} of this list as read?"), answered)

    @work(thread=True, exclusive=True, exit_on_error=False, group="userdata")
    def mark_list_read(self: MainScreen, query: str) -> None:
        ids = self.library.matching_ids(query) if query else self.library.matching_ids("")
        self.library.userdata.set_read(ids)
        self.post_message(MarksChanged())

    # -- tags and notes ------------------------------------------------------------------------------
    def _open_article_id(self: MainScreen) -> str | None:
        if self.article is not None:
            return self.article.id
        return self.query_one(ArticleList).highlighted_id

    def action_edit_tags(self: MainScreen) -> None:
        article_id = self._open_article_id()
        if article_id is None:
            return
        current = " ".join(self.tags_by_id.get(article_id, ()))
        known = [tag for tag, _ in self.library.userdata.all_tags()]

        def answered(text: str | None) -> None:
            if text is None:
                return
            tags = text.replace(",", " ").split()
            self._change_marks(partial(self.library.userdata.set_tags, article_id, tags))

        prompt = PromptScreen(
            "Tags (separated by spaces; delete one to remove it)",
            current + (" " if current else ""),
            hint="→ completes an existing tag · enter saves · esc cancels",
            completions=known,
        )
        self.app.push_screen(prompt, answered)

    def action_edit_note(self: MainScreen) -> None:
        article_id = self._open_article_id()
        if article_id is None:
            return
        note = self.library.userdata.note_of(article_id)
        title = self.article.title if self.article is not None and self.article.id == article_id else article_id

        def answered(text: str | None) -> None:
            if text is not None and self._change_marks(partial(self.library.userdata.set_note, article_id, text)):
                self.notify("Note saved." if text.strip() else "Note removed.", timeout=2)

        self.app.push_screen(NoteScreen(title, note.text if note else ""), answered)

    # -- saved searches and sources --------------------------------------------------------------------
    def action_save_search(self: MainScreen) -> None:
        query = self.effective_query
        if not query:
            self.notify("Search for something first, then save it with ctrl+s.", timeout=3)
            return

        def answered(name: str | None) -> None:
            if name and name.strip():
                self.save_search(name, query)

        self.app.push_screen(PromptScreen("Save this search as", self.query_text.strip() or query), answered)

    @work(thread=True, exclusive=True, exit_on_error=False, group="userdata")
    def save_search(self: MainScreen, name: str, query: str) -> None:
        try:
            saved = add_saved(self.library, name, query)
        except (QueryError, SearchError) as exc:
            self.app.call_from_thread(self.notify, str(exc), title="Not saved", severity="error", markup=False)
            return
        self.app.call_from_thread(self.notify, f"Saved as {saved.name!r}: S lists saved searches.", markup=False)

    def action_collections(self: MainScreen) -> None:
        self.app.push_screen(CollectionsScreen(self.library), self._collection_chosen)

    def _collection_chosen(self: MainScreen, choice: tuple[str, str] | None) -> None:
        if choice is None:
            return
        kind, name = choice
        if kind == SOURCE_TYPE:
            label = name or NO_SOURCE_LABEL
            chosen = EntityFilter(label, SOURCE_TYPE, f"{SOURCE_TYPE}:{name}", clause=source_query(name))
            self.post_message(EntityChosen(chosen))
            return
        self.open_saved_search(name)

    def open_saved_search(self: MainScreen, name: str) -> None:
        try:
            query = self.library.userdata.saved_search(name).query
        except SearchError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.entity = None
        self.query_one(SearchBox).set_query(query)
        self.query_text = query
        self.reload()
        self.query_one(ArticleList).focus()
        self.mark_saved_opened(name)

    @work(thread=True, exclusive=True, exit_on_error=False, group="userdata")
    def mark_saved_opened(self: MainScreen, name: str) -> None:
        try:
            status = open_saved(self.library, name)
        except (QueryError, SearchError) as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        new = f"{status.new} new since last time" if status.new else "nothing new since last time"
        self.app.call_from_thread(self.notify, f"{status.name}: {new}.", markup=False, timeout=4)

    def rename_saved_search(self: MainScreen, name: str) -> None:
        def answered(new: str | None) -> None:
            if new and new.strip():
                self._change_marks(partial(self.library.userdata.rename_saved, name, new))

        self.app.push_screen(PromptScreen(f"Rename the saved search {name!r} to", name), answered)

    def delete_saved_search(self: MainScreen, name: str) -> None:
        def answered(yes: bool | None) -> None:
            if yes and self._change_marks(partial(self.library.userdata.remove_saved, name)):
                self.notify(f"Deleted the saved search {name!r}.", markup=False, timeout=3)

        self.app.push_screen(ConfirmScreen(f"Delete the saved search {name!r}?"), answered)
