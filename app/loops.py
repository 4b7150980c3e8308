"""Closing a private event loop as asyncio.run does: what is still pending on it is cancelled and
run to its end first (left pending, a task fails on the closed loop when it is garbage-collected,
in whatever code runs then), then the async generators are closed, then the loop."""

from __future__ import annotations

import asyncio


def shut_down(loop: asyncio.AbstractEventLoop) -> None:
    """Cancel what is left on a stopped loop, let it end, and close the loop."""
    try:
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for task in pending:
            task.cancel()
        if pending:
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        loop.run_until_complete(loop.shutdown_asyncgens())
    finally:
        loop.close()
