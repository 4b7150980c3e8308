"""The UI tests' own event loop (tests/ui/conftest.py, TestLoop): what pytest-asyncio does between
fixtures and tests must not strand the tasks running in it."""

from __future__ import annotations

import asyncio

from tests.ui.conftest import TestLoop


def test_a_task_woken_as_a_fixture_ends_keeps_running_in_its_loop(qapp):
    """pytest-asyncio ends every async fixture and test with ``run_until_complete``, and qasync
    handles Qt's events once more after its loop stopped. A task woken by that ending (here an
    Event set by a done callback; in the live fixture the exchange's websocket writer woken by
    a socket) runs in that pass; it must find its loop running, or its next ``Event.wait()``
    kills it and the connection it writes for goes silent."""
    loop = TestLoop(qapp)
    woken: list = []
    state: dict = {}

    async def writer(wake: asyncio.Event) -> None:
        while True:
            await wake.wait()  # binds the Event to the running loop on first use
            wake.clear()
            woken.append(asyncio.events._get_running_loop())

    async def fixture() -> None:
        wake = asyncio.Event()
        state["writer"] = asyncio.get_running_loop().create_task(writer(wake))
        await asyncio.sleep(0)  # the writer is waiting
        asyncio.current_task().add_done_callback(lambda _t: wake.set())  # the ending wakes it

    try:
        loop.run_until_complete(fixture())
        task = state["writer"]
        assert woken == [loop]
        assert not task.done(), task.exception()
        task.cancel()
        loop.run_until_complete(asyncio.sleep(0))
        assert task.cancelled()
    finally:
        loop.close()
    assert asyncio.events._get_running_loop() is None
