"""Fire-and-forget coroutines that never fail silently: every task logs its exception."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

log = logging.getLogger(__name__)
_running: set[asyncio.Task] = set()  # strong references: the loop keeps only weak ones


def spawn(coro: Coroutine[Any, Any, Any], what: str) -> asyncio.Task:
    task = asyncio.ensure_future(coro)
    _running.add(task)

    def done(t: asyncio.Task) -> None:
        _running.discard(t)
        if t.cancelled():
            return
        exc = t.exception()
        if exc is not None:
            log.error("%s failed", what, exc_info=(type(exc), exc, exc.__traceback__))

    task.add_done_callback(done)
    return task


async def cancel_all() -> None:
    tasks = [t for t in _running if not t.done()]
    for t in tasks:
        t.cancel()
    if tasks:
        await asyncio.gather(*tasks, return_exceptions=True)
