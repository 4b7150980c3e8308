"""Delayed calls on the Qt loop through one persistent timer per owner, never through
`QTimer.singleShot(msec > 0, ...)`.

With a delay, PySide6 6.12's `QTimer.singleShot` makes a Python-wrapped QTimer for each call and
deletes it with `deleteLater` once it fires: a wrapper registered and unregistered per call. In the
whole terminal under a steady order flow (`bench/memory.py`'s soak) such a timer per new order was
where the crash surfaced (a segfault in shiboken's `BindingManager::unregisterWrapper` deleting
it): most likely its address had belonged to an orders-table cell whose stale wrapper PySide kept (the
cause, fixed in `orders_panel_model.py`). One persistent timer per owner makes no wrapper per
call. `tests/ui/test_later.py` keeps the app off the per-call form. (`singleShot(0, fn)` takes
another path, with no Python timer; it stays allowed.)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class Timer:
    """A single-shot timer owned by `owner` (deleted with it) that calls `fn` when due."""

    def __init__(self, owner: QObject, fn: Callable[[], object]):
        self._timer = QTimer(owner)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(fn)

    def due(self, msec: float) -> None:
        """Call `fn` in `msec` (at most: a sooner call already planned stays)."""
        ms = max(0, round(msec))
        if not self._timer.isActive() or self._timer.remainingTime() > ms:
            self._timer.start(ms)

    def restart(self, msec: float) -> None:
        """Call `fn` in `msec`, whatever was planned before."""
        self._timer.start(max(0, round(msec)))

    def cancel(self) -> None:
        self._timer.stop()

    def active(self) -> bool:
        return self._timer.isActive()
