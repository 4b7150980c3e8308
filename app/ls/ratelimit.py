"""Per-TR rate limits: a sliding window of N calls per T seconds, waited for or refused.

The memory backend serves one process. ``app.ls.ratelimit_redis.RedisRateLimiter`` shares a
window across processes through Redis, keyed by ``rate_limit_key``.
"""

from __future__ import annotations

import asyncio
import math
import threading
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
        count = self.rate_limit_count
        if isinstance(count, float) and count.is_integer():
            object.__setattr__(self, "rate_limit_count", count := int(count))
        if not isinstance(count, int) or count < 1:
            raise ValueError("rate_limit_count must be a whole number of at least 1")
        if not (self.rate_limit_seconds > 0 and math.isfinite(self.rate_limit_seconds)):
            raise ValueError("rate_limit_seconds must be a positive, finite number")
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
        """0..1: how much calls are being held back (for a status bar)."""


class HoldBackMeter:
    """Measures how much a limiter holds calls back: the status bar's "rate-limit pressure"."""

    REFUSAL_WEIGHT = 1.0  # a call refused at once (on_rate_limit="stop") counts as 1 s held

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._held: deque[tuple[float, float]] = deque()  # (start, end) of recent waits
        self._waiting = 0
        self._meter_guard = threading.Lock()

    async def hold(self, delay: float) -> None:
        start = self._clock()
        self._waiting += 1
        try:
            await asyncio.sleep(delay)
        finally:
            self._waiting -= 1
            with self._meter_guard:
                self._held.append((start, self._clock()))

    def refused(self) -> None:
        now = self._clock()
        with self._meter_guard:
            self._held.append((now - self.REFUSAL_WEIGHT, now))

    def pressure(self, span: float = 5.0) -> float:
        """1.0 while a call waits for its window; else the share of the last ``span`` seconds
        during which calls were held back. A call that merely uses its slot is no pressure."""
        if self._waiting:
            return 1.0
        now = self._clock()
        with self._meter_guard:
            while self._held and self._held[0][1] <= now - span:
                self._held.popleft()
            held = sum(min(end, now) - max(start, now - span) for start, end in self._held)
        return max(0.0, min(1.0, held / span))


class MemoryRateLimiter(HoldBackMeter):
    """Sliding-window limiter for one process. Waiters are served in arrival order.

    The windows are shared by every event loop of the process (the sync API runs on a loop of
    its own); each loop queues its own waiters, so a loop blocked in a sync call never holds
    up another. Windows of keys unused for longer than their length are forgotten.
    """

    def __init__(self, clock=time.monotonic):
        super().__init__(clock)
        self._windows: dict[str, deque[float]] = {}
        self._limits: dict[str, tuple[int, float]] = {}
        self._locks: dict[str, dict[asyncio.AbstractEventLoop, asyncio.Lock]] = {}
        self._guard = threading.Lock()
        self._sweep_at = 256

    async def acquire(self, key: str, count: int, seconds: float, wait: bool = True) -> None:
        lock = self._lock(key)
        if not wait and lock.locked():
            self.refused()
            raise RateLimitError(key, "rate limit reached (local)", local=True)
        async with lock:  # FIFO among waiters of this key on this loop
            while True:
                delay = self._take(key, count, seconds)
                if delay is None:
                    return
                if not wait:
                    self.refused()
                    raise RateLimitError(key, "rate limit reached (local)", local=True)
                await self.hold(delay)

    def _lock(self, key: str) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        with self._guard:
            by_loop = self._locks.setdefault(key, {})
            lock = by_loop.get(loop)
            if lock is None:
                for old in [lp for lp in by_loop if lp.is_closed()]:
                    del by_loop[old]
                lock = by_loop[loop] = asyncio.Lock()
            return lock

    def _take(self, key: str, count: int, seconds: float) -> float | None:
        """Record a grant and return None, or return how long until a slot frees."""
        with self._guard:
            now = self._clock()
            window = self._windows.get(key)
            if window is None:
                if len(self._windows) >= self._sweep_at:
                    self._sweep(now)
                window = self._windows[key] = deque()
            self._limits[key] = (count, seconds)
            while window and window[0] <= now - seconds:
                window.popleft()
            if len(window) < count:
                window.append(now)
                return None
            return window[0] + seconds - now

    def _sweep(self, now: float) -> None:
        """Forget keys whose last grant has left the window and that nobody waits for."""
        for key, window in list(self._windows.items()):
            _, seconds = self._limits.get(key, (1, 0.0))
            if window and window[-1] > now - seconds:
                continue
            if any(lock.locked() for lock in self._locks.get(key, {}).values()):
                continue
            del self._windows[key]
            self._limits.pop(key, None)
            self._locks.pop(key, None)
        self._sweep_at = max(256, 2 * len(self._windows))
