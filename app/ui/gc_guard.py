"""Python's cyclic garbage collector runs only on the UI thread, on a timer.

The collector runs in whichever thread happens to allocate when a generation fills up; in demo
mode that is often the embedded exchange's thread, and a cycle holding Qt objects destroyed off
the thread that owns them crashes the process. So automatic collection is switched off and the
main thread collects on a short timer instead, the generation thresholds deciding how deep.

A full collection walks every tracked object: ~130,000 once the terminal runs, ~105 ms of a frozen
screen, about once a minute under a feed. In the app (``freeze=True``) what exists once the
terminal has started is moved out of the collector's walks (``gc.freeze``), and again after a
workspace or session switch, when many of those objects have just been let go: one full
collection then, at a moment the trader asked for a change, instead of a stutter every minute.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


_freezing = False  # set by the app's collector (freeze=True); tests' collectors leave it off


def refreeze() -> bool:
    """Collect everything, then keep what is left out of later collections (app only). Objects
    frozen here and dropped later are collected at the next refreeze (workspace or session
    switch), not before."""
    if not _freezing:
        return False
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    return True


class MainThreadCollector(QObject):
    def __init__(self, interval_ms: int = 500, parent: QObject | None = None, freeze: bool = False):
        super().__init__(parent)
        global _freezing
        _freezing = freeze
        self.threshold = gc.get_threshold()
        self._was_enabled = gc.isenabled()  # another collector may already be in charge
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        c0, c1, c2 = gc.get_count()
        t0, t1, t2 = self.threshold
        if c0 > t0:
            gc.collect(2 if c2 > t2 else 1 if c1 > t1 else 0)

    def stop(self) -> None:
        global _freezing
        if _freezing:
            gc.unfreeze()
            _freezing = False
        self.timer.stop()
        if self._was_enabled:
            gc.enable()
