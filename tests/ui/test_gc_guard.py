"""Cyclic garbage is collected on the UI thread only (a Qt object freed off its thread crashes)."""

from __future__ import annotations

import threading

from app.ui.gc_guard import MainThreadCollector


def test_cycles_made_on_another_thread_are_collected_on_the_main_thread(qapp):
    collector = MainThreadCollector(interval_ms=60_000)
    freed_on: list[str] = []

    class Cycle:
        def __init__(self):
            self.me = self

        def __del__(self):
            freed_on.append(threading.current_thread().name)

    def churn():
        for _ in range(20_000):  # far past the first generation's threshold
            Cycle()

    try:
        worker = threading.Thread(target=churn, name="exchange")
        worker.start()
        worker.join()
        assert freed_on == []  # nothing collected on the allocating thread
        collector.check()
        assert freed_on and set(freed_on) == {threading.main_thread().name}
    finally:
        collector.stop()
