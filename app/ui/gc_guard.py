"""Python's cyclic garbage collector runs only on the UI thread, on a timer.

The collector runs in whichever thread happens to allocate when a generation fills up; in demo
mode that is often the embedded exchange's thread, and a cycle holding Qt objects destroyed off
the thread that owns them crashes the process. So automatic collection is switched off and the
main thread collects on a short timer instead, the generation thresholds deciding how deep.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class MainThreadCollector(QObject):
    def __init__(self, interval_ms: int = 500, parent: QObject | None = None):
        super().__init__(parent)
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
        self.timer.stop()
        if self._was_enabled:
            gc.enable()
