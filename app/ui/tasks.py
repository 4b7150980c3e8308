"""Fire-and-forget coroutines that never fail silently: an exception goes to the loop's handler
(the crash dialog once it is installed, else the log)."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

_running: set[asyncio.Task] = set()  # strong references: the loop keeps only weak ones


def spawn(coro: Coroutine[Any, Any, Any], what: str) -> asyncio.Task:
    task = asyncio.ensure_future(coro)
    _running.add(task)

    def done(t: asyncio.Task) -> None:
        _running.discard(t)
        if t.cancelled():
            return
        exc = t.exception()
        if exc is not None:  # uncaught: the loop's handler logs it and shows the crash dialog
            t.get_loop().call_exception_handler(
                {"message": f"{what} failed", "exception": exc, "task": t})

    task.add_done_callback(done)
    return task


async def cancel_all() -> None:
    tasks = [t for t in _running if not t.done()]
    for t in tasks:
        t.cancel()
    if tasks:
        await asyncio.gather(*tasks, return_exceptions=True)
