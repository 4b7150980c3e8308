"""The outbox of account pushes: queued during an operation, sent in order right after it.

Queuing lets the order TR's REST answer leave before the pushes it caused, and keeps the order
of pushes (accept, then fills) even when the exchange's ``push_account`` is a coroutine.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections import deque
from typing import Any

log = logging.getLogger(__name__)


class Pushes:
    def __init__(self, exchange: Any):
        self.exchange = exchange
        self._queue: deque[tuple[str, str, str, dict]] = deque()
        self._task: asyncio.Task | None = None
        self.sent = 0

    def emit(self, app_key: str, product: str, tr_cd: str, body: dict[str, str]) -> None:
        """Queue a push; ``product`` is "stock" or "futureoption" as the server names them."""
        self._queue.append((app_key, product, tr_cd, body))
        if self._task is not None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._drain_now()  # no loop (unit tests, scripts): send at once
            return
        self._task = loop.create_task(self._drain())

    def _drain_now(self) -> None:
        while self._queue:
            result = self._send(self._queue.popleft())
            if inspect.iscoroutine(result):
                result.close()
                log.warning("push_account returned a coroutine outside an event loop; dropped")

    async def _drain(self) -> None:
        try:
            while self._queue:
                result = self._send(self._queue.popleft())
                if inspect.isawaitable(result):
                    await result
        except Exception:  # a broken client connection must not stop the broker
            log.exception("account push failed")
        finally:
            self._task = None
            if self._queue:  # queued while the last send was failing
                self._task = asyncio.get_running_loop().create_task(self._drain())

    def _send(self, item: tuple[str, str, str, dict]) -> Any:
        self.sent += 1
        return self.exchange.push_account(*item)

    async def flush(self) -> None:
        """Wait until every queued push has been handed to the exchange."""
        while self._task is not None:
            await asyncio.sleep(0)
