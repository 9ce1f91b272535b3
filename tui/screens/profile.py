"""The entity profile: roles seen over time, aliases, article count, who appears with it, its quotes.

Reached from the entity sidebar (`p`). `t` opens the entity's timeline from here; a pick there
closes both screens and opens the article. Loaded in a thread worker.
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from search.analysis import Profile
from search.library import Library
from tui.actions import PROFILE_COMMANDS, bindings
from tui.screens.timeline import TimelinePick, TimelineScreen
from tui.widgets.article_text import clean

TOP_QUOTES = 20


def _date(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else "undated"  # type: ignore[union-attr]


def _span(first: object, last: object) -> str:
    """One day once, not "d – d"; no date at all says so once, not "undated – undated"."""
    return _date(first) if first == last else f"{_date(first)} – {_date(last)}"


def profile_content(profile: Profile) -> list[tuple[str, Content]]:
    """(section id, body) pairs; every piece of corpus text goes in as plain text."""
    entity = profile.entity
    count = len(entity.articles)
    head = Content.assemble(
        (clean(entity.name), "bold"),
        "  ",
        (entity.type, "$text-muted"),
        f"  ·  {count} article{'s' if count != 1 else ''}  ·  {entity.mentions} mentions",
    )
    if entity.aliases:
        head = Content.assemble(head, "\n", ("Also called: ", "$text-muted"), clean(", ".join(entity.aliases)))
    roles = [
        Content.assemble(
            (_span(r.first, r.last), "$text-muted"),
            "  ",
            clean(r.role),
            (f"  ({r.articles})", "$text-muted"),
        )
        for r in profile.roles
    ] or [Content.styled("No role given in any article.", "$text-muted")]
    mentions = [
        Content.assemble((f"{m.count:>4}  ", "$text-muted"), clean(m.name), (f"  {m.type}", "$text-muted"))
        for m in profile.co_mentions
    ] or [Content.styled("Nobody else named alongside yet.", "$text-muted")]
    quotes = [
        Content.assemble(
            (f"{_date(q.published)}  ", "$text-muted"),
            ("❝ ", "$text-success"),
            clean(q.text),
            (f"  — {clean(q.title)}", "$text-muted"),
        )
        for q in profile.quotes[-TOP_QUOTES:]
    ] or [Content.styled("No quotes attributed in the library.", "$text-muted")]
    return [
        ("profile-head", head),
        ("profile-roles", Content("\n").join([Content.styled("Roles over time", "bold $accent"), *roles])),
        ("profile-with", Content("\n").join([Content.styled("Most often named with", "bold $accent"), *mentions])),
        (
            "profile-quotes",
            Content("\n").join([Content.styled(f"Quotes ({len(profile.quotes)})", "bold $accent"), *quotes]),
        ),
    ]


class ProfileScreen(Screen[TimelinePick | None]):
    DEFAULT_CSS = """
    ProfileScreen #profile { height: 1fr; border: round $primary; padding: 0 1; }
    ProfileScreen #profile > Static { margin-bottom: 1; }
    """
    HELP = """\
## Entity profile
The roles articles give this person or organisation (with the first and last dates they appear),
the names it is most often mentioned with, and the quotes attributed to it, newest last.
**t** opens its timeline; **Esc** returns.
"""
    BINDINGS: ClassVar[list[BindingType]] = bindings(PROFILE_COMMANDS)

    def __init__(self, library: Library, entity_key: str) -> None:
        super().__init__()
        self.library = library
        self.entity_key = entity_key
        self.profile: Profile | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="profile"):
            yield Static(Content.styled("Loading…", "$text-muted"), id="profile-head", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#profile").focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="profile")
    def load(self) -> None:
        try:
            profile = self.library.profile(self.entity_key)
        except Exception as exc:  # words, never a traceback
            self.app.call_from_thread(self.show_problem, str(exc) or exc.__class__.__name__)
            return
        self.app.call_from_thread(self.show_profile, profile)

    def show_problem(self, problem: str) -> None:
        self.query_one("#profile-head", Static).update(Content.styled(problem, "$text-error"))

    async def show_profile(self, profile: Profile) -> None:
        self.profile = profile
        container = self.query_one("#profile", VerticalScroll)
        container.border_title = f"Profile: {profile.entity.name}"
        await container.remove_children()
        sections = [Static(body, id=section, markup=False) for section, body in profile_content(profile)]
        await container.mount_all(sections)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#profile", VerticalScroll).scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#profile", VerticalScroll).scroll_up()

    def action_timeline(self) -> None:
        label = self.profile.entity.name if self.profile else self.entity_key
        screen = TimelineScreen(self.library, entity_key=self.entity_key, label=label)
        self.app.push_screen(screen, self._picked)

    def _picked(self, pick: TimelinePick | None) -> None:
        if pick is not None:
            self.dismiss(pick)
