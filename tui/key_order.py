"""Typed keys reach the app one at a time, each after the previous one has fully taken effect.

Textual forwards a key to the focused widget at once but resolves that widget's (non-priority)
bindings only when the key has bubbled back up to the app. Keys typed quickly behind it are forwarded
to the *old* focus in the meantime: after `/` the next letters went to the list and ran as commands,
after `Enter` in a dialog they went into the dialog's input and were lost when it closed. Holding each
key until the app has settled (every message queue of the app and the screen empty, focus placed) makes
fast typing land exactly where slow typing does.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from textual import events
from textual.message_pump import MessagePump
from textual.timer import Timer
from textual.widgets import Input, TextArea

if TYPE_CHECKING:
    from textual.app import App

TEXT_INPUTS = (Input, TextArea)
# Rounds of "let every queue run" before a key is let through anyway; settling takes a few at most.
MAX_ROUNDS = 40
# A message handled in one round can post another (a binding's action, a dialog's answer): the app has
# settled only after this many rounds in a row found every queue empty.
QUIET_ROUNDS = 3
# A screen that has focusable widgets but no focus yet is given this many rounds to place it.
UNFOCUSED_ROUNDS = 5
# A held key never waits longer than this, even if something keeps posting messages.
MAX_HOLD_SECONDS = 0.5


class KeysInOrder:
    """Mixin for the App (before `App` in the bases): keys wait for the previous key's effects."""

    _held_keys: deque[events.Key]
    _passing: events.Key | None = None
    _key_busy: bool = False
    _key_generation: int = 0
    _hold_timer: Timer | None = None

    async def on_event(self: App[object], event: events.Event) -> None:  # type: ignore[misc]
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)  # type: ignore[misc]
            return
        order: KeysInOrder = self  # type: ignore[assignment]
        if not hasattr(order, "_held_keys"):
            order._held_keys = deque()
        if event is not order._passing and order._key_busy:
            order._held_keys.append(event)
            return
        order._passing = None
        order._key_busy = True
        order._key_generation += 1
        generation = order._key_generation
        if order._hold_timer is not None:
            order._hold_timer.stop()
        # Kept: Textual holds timers weakly, and a collected timer would leave the next key held.
        order._hold_timer = self.set_timer(MAX_HOLD_SECONDS, lambda: order._release(generation))
        focused = self.focused
        await super().on_event(event)  # type: ignore[misc]
        if event.is_printable and isinstance(focused, TEXT_INPUTS) and self.focused is focused:
            # A text input takes a printable key in its own queue, in order, and runs no binding for it:
            # nothing to wait for, so typing a query stays as fast as the terminal delivers it.
            order._release(generation)
        else:
            order._settle(generation, MAX_ROUNDS)

    def _settle(self, generation: int, rounds: int, quiet: int = 0) -> None:
        """One round: every queue of the app and the screen runs up to here; then a look at them all."""
        app: App[object] = self  # type: ignore[assignment]
        try:
            screen = app.screen
        except Exception:  # no screen (shutting down): nothing to wait for
            self._release(generation)
            return
        waiting: set[MessagePump] = set()
        finished = False

        def one_done(pump: MessagePump) -> None:
            nonlocal finished
            waiting.discard(pump)
            # A pump removed meanwhile (a dialog that closed) never runs its callback: not waited for.
            if finished or any(other.is_attached for other in waiting):
                return
            finished = True
            self._round_done(generation, rounds, quiet)

        for pump in (app, *screen.walk_children(with_self=True)):
            if pump.call_later(one_done, pump):
                waiting.add(pump)
        if not waiting:
            self._round_done(generation, rounds, quiet)

    def _round_done(self, generation: int, rounds: int, quiet: int) -> None:
        if generation != self._key_generation:
            return
        app: App[object] = self  # type: ignore[assignment]
        try:
            screen = app.screen
        except Exception:
            self._release(generation)
            return
        busy = any(pump.message_queue_size for pump in (app, *screen.walk_children(with_self=True)))
        unfocused = screen.focused is None and bool(screen.focus_chain)
        quiet = 0 if busy else quiet + 1
        if rounds > 0 and (quiet < QUIET_ROUNDS or (unfocused and rounds > MAX_ROUNDS - UNFOCUSED_ROUNDS)):
            self._settle(generation, rounds - 1, quiet)
        else:
            self._release(generation)

    def _release(self, generation: int) -> None:
        if generation != self._key_generation or not self._key_busy:
            return
        self._key_generation += 1  # any later round or timer of this key is now stale
        if self._held_keys:
            self._passing = self._held_keys.popleft()
            app: App[object] = self  # type: ignore[assignment]
            app.post_message(self._passing)
        else:
            self._key_busy = False
