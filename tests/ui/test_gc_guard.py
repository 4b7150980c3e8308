"""Cyclic garbage is collected on the UI thread only (a Qt object freed off its thread crashes)."""

from __future__ import annotations

import threading

import pytest

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


def test_the_app_leaves_what_the_start_made_out_of_later_collections(qapp):
    import gc

    from app.ui import gc_guard

    before = gc.get_freeze_count()
    assert gc_guard.refreeze() is False and gc.get_freeze_count() == before  # tests' collectors never freeze
    collector = MainThreadCollector(interval_ms=60_000, freeze=True)
    try:
        kept = [[n] for n in range(1000)]  # noqa: F841 - alive through the refreeze
        assert gc_guard.refreeze() is True
        assert gc.get_freeze_count() > before + 1000  # a full collection walks none of them now
    finally:
        collector.stop()
    assert gc.get_freeze_count() == 0 and gc_guard.refreeze() is False


@pytest.mark.asyncio
async def test_a_workspace_switch_after_the_start_refreezes(make_shell, monkeypatch):
    import asyncio

    from app.ui import gc_guard

    calls = []
    monkeypatch.setattr(gc_guard, "refreeze", lambda: calls.append(1) or True)
    shell = make_shell()
    shell.restore_workspace()
    shell.workspaces.save("Other")
    await shell.settle_after_start(0.0)
    assert calls == [1]  # once the start has settled
    assert shell.workspaces.open("Other")
    for _ in range(100):
        if len(calls) == 2:
            break
        await asyncio.sleep(0.05)
    assert calls == [1, 1]  # and after the switch, once the old panels are gone
