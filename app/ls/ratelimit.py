"""Per-TR rate limits: a sliding window of N calls per T seconds, waited for or refused.

The memory backend serves one process. ``app.ls.ratelimit_redis.RedisRateLimiter`` shares a
window across processes through Redis, keyed by ``rate_limit_key``.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from dataclasses import dataclass
from typing import Literal, Protocol

from app.ls.errors import RateLimitError


@dataclass(frozen=True)
class SetupOptions:
    """The seed's per-request options: how many calls per window, and what to do when full."""

    rate_limit_count: int = 1
    rate_limit_seconds: float = 1.0
    on_rate_limit: Literal["wait", "stop"] = "wait"
    rate_limit_key: str | None = None

    def __post_init__(self) -> None:
        if self.rate_limit_count < 1:
            raise ValueError("rate_limit_count must be at least 1")
        if self.rate_limit_seconds <= 0:
            raise ValueError("rate_limit_seconds must be positive")
        if self.on_rate_limit not in ("wait", "stop"):
            raise ValueError("on_rate_limit must be 'wait' or 'stop'")


def default_options(tr_cd: str) -> SetupOptions:
    """The spec's default limit for a TR (the catalog), keyed by the TR code."""
    from app.ls.models.catalog import REST

    info = REST.get(tr_cd)
    if info is None:
        return SetupOptions(rate_limit_key=tr_cd)
    return SetupOptions(info.rate_calls, info.rate_seconds, "wait", tr_cd)


class RateLimiter(Protocol):
    async def acquire(self, key: str, count: int, seconds: float, wait: bool) -> None:
        """Take one slot of ``key`` (``count`` calls per ``seconds``).

        With ``wait`` it sleeps until a slot is free; without, it raises
        ``RateLimitError(local=True)`` at once when the window is full.
        """

    def pressure(self) -> float:
        """0..1: how full the busiest window is (for a status bar)."""


class MemoryRateLimiter:
    """Sliding-window limiter for one process. Waiters are served in arrival order."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._windows: dict[str, deque[float]] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self._limits: dict[str, int] = {}

    async def acquire(self, key: str, count: int, seconds: float, wait: bool = True) -> None:
        window = self._windows.setdefault(key, deque())
        self._limits[key] = count
        lock = self._locks.setdefault(key, asyncio.Lock())
        if not wait and lock.locked():
            raise RateLimitError(key, "rate limit reached (local)", local=True)
        async with lock:  # FIFO among waiters of this key
            while True:
                now = self._clock()
                while window and window[0] <= now - seconds:
                    window.popleft()
                if len(window) < count:
                    window.append(now)
                    return
                if not wait:
                    raise RateLimitError(key, "rate limit reached (local)", local=True)
                await asyncio.sleep(window[0] + seconds - now)

    def pressure(self) -> float:
        now = self._clock()
        worst = 0.0
        for key, window in self._windows.items():
            limit = self._limits.get(key) or 1
            recent = sum(1 for t in window if t > now - 1.0)
            worst = max(worst, min(1.0, recent / limit))
        return worst
