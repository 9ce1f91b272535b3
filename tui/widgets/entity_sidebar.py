"""The entity sidebar: who, which organisations, where and when the open article talks about."""

from __future__ import annotations

import textwrap
from typing import ClassVar

from textual import on
from textual.binding import BindingType
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from corpus.model import Article, DateConfidence, DateMention, Entity, EntityType, Span
from tui.actions import SIDEBAR_COMMANDS, bindings
from tui.messages import EntityChosen, EntityFilter, MentionWanted, ProfileWanted, TimelineWanted
from tui.widgets.article_text import clean, counted

SECTIONS = ((EntityType.PERSON, "People"), (EntityType.ORG, "Organisations"), (EntityType.PLACE, "Places"))


INDENT = "    "


def _wrap(text: str, width: int) -> str:
    """Wrap with a hanging indent ourselves: an option's own wrapping would start lines at column 0."""
    lines = textwrap.wrap(text, width=max(width - len(INDENT) - 2, 8)) or [""]
    return ("\n" + INDENT).join(lines)


def _entity_prompt(entity: Entity, width: int) -> Content:
    line = Content.assemble((f"{entity.count:>3} ", "$text-muted"), (_wrap(clean(entity.name), width), "bold"))
    if entity.role:
        line = Content.assemble(line, "\n" + INDENT, (_wrap(clean(entity.role), width), "$text-muted italic"))
    return line


def _date_label(mention: DateMention) -> Content:
    """A year the text never gave is marked with '?', so a guess never reads as fact."""
    guessed = mention.confidence != DateConfidence.STATED
    day = mention.date.isoformat() + ("?" if guessed else " ")
    return Content.assemble((day, "$text-muted" if guessed else ""), " ", (clean(mention.text), "$text-muted"))


class EntitySidebar(OptionList):
    """Dumb view of the open article's entities; Enter filters the list, `m` walks the mentions."""

    HELP = """\
## In this article
People (with the role this article gives them), organisations, places and dates, each with how often
they are mentioned. **Enter** shows every article that mentions the entity; **Esc** clears that filter.
**m** jumps to the entity's next mention in the reading view. **t** opens the entity's timeline
across the library, **p** its profile (roles over time, who appears with it, its quotes).
"""

    BINDINGS: ClassVar[list[BindingType]] = bindings(SIDEBAR_COMMANDS)

    article: reactive[Article | None] = reactive(None, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entities: dict[str, Entity] = {}
        self._dates: dict[str, Span] = {}
        self._width = 0

    def on_resize(self) -> None:
        if self._width != self.scrollable_content_region.width:
            highlighted = self.highlighted
            self.watch_article(self.article)
            if highlighted is not None and highlighted < self.option_count:
                self.highlighted = highlighted

    def watch_article(self, article: Article | None) -> None:
        self._entities, self._dates = {}, {}
        self._width = width = self.scrollable_content_region.width or 26
        options: list[Option | None] = []
        if article is not None:
            for kind, heading in SECTIONS:
                found = sorted((e for e in article.entities if e.type == kind), key=lambda e: (-e.count, e.name))
                if not found:
                    continue
                options.append(Option(Content.styled(heading, "bold $accent"), disabled=True))
                for entity in found:
                    option_id = f"{kind.value}:{entity.key}"
                    self._entities[option_id] = entity
                    options.append(Option(_entity_prompt(entity, width), id=option_id))
            if article.dates:
                options.append(Option(Content.styled("Dates", "bold $accent"), disabled=True))
                for index, mention in enumerate(article.dates):
                    option_id = f"date:{index}"
                    self._dates[option_id] = Span(mention.start, mention.end)
                    options.append(Option(_date_label(mention), id=option_id))
        if not options:
            options.append(Option(Content.styled("No entities found yet.", "$text-muted"), disabled=True))
        self.set_options(options)
        self.border_subtitle = counted(len(self._entities), "entity") if self._entities else ""

    def on_focus(self) -> None:
        """Arriving by Tab selects the first entity, so Enter and `m` work at once."""
        if self.highlighted is None:
            first = next((i for i in range(self.option_count) if not self.get_option_at_index(i).disabled), None)
            if first is not None:
                self.highlighted = first

    def _chosen_id(self) -> str | None:
        if self.highlighted is None or not self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        entity = self._entities.get(option_id)
        if entity is not None:
            self.post_message(EntityChosen(EntityFilter(entity.name, entity.type.value, entity.key)))
        elif option_id in self._dates:
            self.post_message(MentionWanted((self._dates[option_id],)))

    def action_next_mention(self) -> None:
        option_id = self._chosen_id() or ""
        entity = self._entities.get(option_id)
        if entity is not None and entity.mentions:
            self.post_message(MentionWanted(entity.mentions))
        elif option_id in self._dates:
            self.post_message(MentionWanted((self._dates[option_id],)))

    def action_timeline(self) -> None:
        entity = self._entities.get(self._chosen_id() or "")
        if entity is not None:
            self.post_message(TimelineWanted(entity.key, entity.name))

    def action_profile(self) -> None:
        entity = self._entities.get(self._chosen_id() or "")
        if entity is not None:
            self.post_message(ProfileWanted(entity.key))
