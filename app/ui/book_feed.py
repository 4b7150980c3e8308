"""The frame side of the order book and time-and-sales panels: their own working orders, one
symbol's feed (load, watch, a new hub), and the scheduler that runs their update a moment after
the frame tick, one panel per pass of the event loop. The widgets they share (symbol entry,
painting, lines) are in app/ui/book_common.py."""

from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from app.ui.book_common import is_unknown

# ---- own working orders --------------------------------------------------------------------


def listen(changed: Any, callback: Callable[[], None]) -> Callable[[], None]:
    """Connect `callback` to a change notification of any of the usual shapes; returns the undo.

    Accepts a Qt signal (anything with `connect`), a plain list of callables, or a function that
    registers a listener (and may return its remover).
    """
    cb = lambda *_a: callback()  # noqa: E731  (signals may pass arguments)
    if changed is None:
        return lambda: None
    if hasattr(changed, "connect"):
        changed.connect(cb)

        def undo() -> None:
            try:
                changed.disconnect(cb)
            except (RuntimeError, TypeError):
                pass
        return undo
    if isinstance(changed, list):
        changed.append(cb)
        return lambda: changed.remove(cb) if cb in changed else None
    if callable(changed):
        remover = changed(cb)
        return remover if callable(remover) else (lambda: None)
    return lambda: None


class OwnOrders:
    """The trader's working orders by price, read from `context.orders` when it exists.

    `context.orders` (the trading engineer's order manager) is optional: it provides
    `working_by_price(symbol) -> {Decimal price: (buy qty, sell qty)}` and a change notification
    (`changed`, or `add_listener(cb)` as `app.trading.orders.OrderManager` has). It may appear
    after the panel was built, so `poll()` picks it up. The quantities are also re-read whenever
    the book itself changes.
    """

    def __init__(self, context: Any):
        self.context = context
        self.source: Any = None
        self.dirty = True
        self._undo: Callable[[], None] = lambda: None

    def _mark(self) -> None:
        self.dirty = True

    def poll(self) -> bool:
        """Follow `context.orders` being set or replaced; True when the quantities may have changed."""
        src = getattr(self.context, "orders", None)
        if src is not self.source:
            self._undo()
            self.source = src
            if src is None:
                self._undo = lambda: None
            else:  # a `changed` notification, else the order manager's add_listener(cb) -> remover
                changed = getattr(src, "changed", None)
                self._undo = listen(changed if changed is not None else getattr(src, "add_listener", None), self._mark)
            self.dirty = True
        dirty, self.dirty = self.dirty, False
        return dirty

    def working(self, symbol: str) -> dict[Decimal, tuple[int, int]]:
        if self.source is None or not symbol:
            return {}
        try:
            got = self.source.working_by_price(symbol)
        except Exception:  # the book must keep working whatever the order manager does
            return {}
        out: dict[Decimal, tuple[int, int]] = {}
        for price, qty in (got or {}).items():
            try:
                out[Decimal(str(price))] = (int(qty[0] or 0), int(qty[1] or 0))
            except (ValueError, TypeError, IndexError, ArithmeticError):
                continue
        return out

    def close(self) -> None:
        self._undo()
        self._undo = lambda: None
        self.source = None


class _AfterTick:
    """Runs the panels' updates that follow the frame tick, one panel every other pass of the
    event loop, never inside the tick.

    Qt delivers the events posted during one pass of the loop together in the next one, the
    window's repaint among them (posted at low priority, so it comes last). A slot queued straight
    from the tick ran in the pass that also held the chart's scene update and the repaint of the
    watchlist, and the book and the tape repainted in it as well: 17-25 ms without a break
    whenever they met (the loop-lag tail of bench/market_data.py). Here the first update runs two
    passes after the tick, each update's repaint has the next pass to itself, and due timers and
    socket reads get their turn between any two of them."""

    def __init__(self) -> None:
        self.queue: dict[int, tuple[QWidget, Callable[[], None]]] = {}  # id(panel) -> (panel, slot)
        self.running = False
        self.moved = 0.0  # monotonic time the chain last ran

    def add(self, panel: QWidget, slot: Callable[[], None]) -> None:
        queued = self.queue.get(id(panel))
        if queued is None or not shiboken6.isValid(queued[0]):  # once per panel: it reads the latest state
            self.queue[id(panel)] = (panel, slot)
        if not self.running or time.monotonic() - self.moved > 1.0:  # a chain lost with its event loop
            self.running, self.moved = True, time.monotonic()
            QTimer.singleShot(0, self._hop)

    def _hop(self) -> None:  # one pass: what is posted now comes after what is pending (a repaint)
        QTimer.singleShot(0, self._run)

    def _run(self) -> None:
        self.moved = time.monotonic()
        while self.queue:
            key = next(iter(self.queue))
            panel, slot = self.queue.pop(key)
            if shiboken6.isValid(panel):  # a panel destroyed since the tick is skipped
                try:
                    slot()
                finally:
                    if self.queue:
                        QTimer.singleShot(0, self._hop)
                    else:
                        self.running = False
                return
        self.running = False


_after_tick = _AfterTick()


def after_tick(panel: QWidget, slot: Callable[[], None]) -> None:
    """Run `slot` a moment after the frame tick, in a pass of the event loop of its own, its
    repaint in the next one (and not at all once `panel` is gone); see `_AfterTick`."""
    _after_tick.add(panel, slot)


def disconnect_all(pairs: Any) -> None:
    """Disconnect (signal, slot) pairs, ignoring ones already gone (panel shutdown)."""
    for sig, slot in pairs:
        try:
            sig.disconnect(slot)
        except (RuntimeError, TypeError):
            pass


# ---- one symbol's feed -------------------------------------------------------------------


class SymbolFeed:
    """What the order book and time-and-sales panels do alike with their one symbol: the entry's
    Enter, loading a symbol, (un)watching it on the hub, a new hub after a new session, and the
    repaint just after the frame tick. The panel provides `_watch()` (what it watches and shows),
    `_on_frame()`, `_show_state()`, and names its watcher with `feed_name`."""

    feed_name = "feed"

    def _entered(self, code: str) -> None:
        if is_unknown(self.context, code):
            self._unwatch()
            self.symbol = code
            self._show_state("unknown")
            return
        self.symbol_chosen.emit(code)  # the link hub loads it here and in the group

    def set_symbol(self, symbol: str) -> None:
        symbol = symbol.strip().upper()
        if symbol == self.symbol and self.watcher is not None and symbol in self.watcher.symbols:
            return
        self._unwatch()
        self.symbol = symbol
        self.entry.show_symbol(symbol)
        self._watch()

    def _unwatch(self) -> None:
        if self.watcher is not None and self.symbol:
            self.watcher.unwatch(self.symbol)

    def _on_market(self, hub: Any) -> None:
        """A new session replaced the hub (or logged out): watch the symbol again on the new one."""
        if self.watcher is not None:
            self.watcher.close()
        self.hub = hub
        self.watcher = hub.watcher(f"{self.feed_name}-{id(self):x}") if hub is not None else None
        self._watch()

    def _after_tick(self) -> None:
        after_tick(self, self._on_frame)
