"""Per-TR rate limits: a sliding window of N calls per T seconds, waited for or refused.

LS's gateway counts a call when it *arrives*, and a call may travel for a while after its
slot was granted. So a slot taken with ``take()`` stays in its window until the call's answer
came back (``release()``) and only frees a whole window after that answer: the next call then
leaves at least a window after the earlier one can have arrived, whatever the round trips
(``pace="answer"``, the default; bench/burst.py compares it with a margin measured from
round trips, ``pace="margin"``, and with the old count from the grant, ``pace="grant"``).
``acquire()`` keeps the plain count-from-grant meaning for callers that never release.

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
        """Take one slot of ``key`` (``count`` calls per ``seconds``), counted from now.

        With ``wait`` it sleeps until a slot is free; without, it raises
        ``RateLimitError(local=True)`` at once when the window is full.
        """

    # Optional, used by the TR caller when present: ``take`` is ``acquire`` for a slot held
    # until ``release`` is called with the answer (the window then counts from the answer).
    # async def take(self, key, count, seconds, wait) -> Slot
    # async def release(self, slot: Slot, margin: float = 0.0) -> None

    def pressure(self) -> float:
        """0..1: how much calls are being held back (for a status bar)."""


SLOT_LEASE = 60.0  # a slot never released (a caller that died mid-call) counts as answered then


class Slot:
    """One granted call: in flight until ``end`` is set (the time its answer came back)."""

    __slots__ = ("key", "start", "end", "ref")

    def __init__(self, key: str, start: float, end: float | None = None, ref: str = ""):
        self.key = key
        self.start = start
        self.end = end
        self.ref = ref  # the backend's own name for it (Redis member)

    def frees_at(self, seconds: float) -> float | None:
        """When it leaves the window; None while the call is still in flight."""
        return None if self.end is None else self.end + seconds

    def __repr__(self) -> str:
        return f"Slot({self.key!r}, start={self.start:.3f}, end={self.end})"


class RoundTrips:
    """Recent round-trip times of answered calls: the margin for ``pace="margin"``."""

    def __init__(self, size: int = 32):
        self._recent: deque[float] = deque(maxlen=size)

    def add(self, seconds: float) -> None:
        self._recent.append(max(0.0, seconds))

    def margin(self) -> float:
        """The slowest recent round trip, doubled (no sample yet: 100 ms)."""
        return 2 * max(self._recent) if self._recent else 0.1


class HoldBackMeter:
    """Measures how much a limiter holds calls back: the status bar's "rate-limit pressure"."""

    REFUSAL_WEIGHT = 1.0  # a call refused at once (on_rate_limit="stop") counts as 1 s held

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._held: deque[tuple[float, float, str]] = deque()  # (start, end, key) of recent waits
        self._waiting = 0
        self._waiting_keys: dict[str, int] = {}
        self._meter_guard = threading.Lock()

    async def hold(self, delay: float, key: str = "") -> None:
        start = self._clock()
        with self._meter_guard:
            self._waiting += 1
            self._waiting_keys[key] = self._waiting_keys.get(key, 0) + 1
        try:
            await asyncio.sleep(delay)
        finally:
            with self._meter_guard:
                self._waiting -= 1
                left = self._waiting_keys.get(key, 1) - 1
                if left:
                    self._waiting_keys[key] = left
                else:
                    self._waiting_keys.pop(key, None)
                self._held.append((start, self._clock(), key))

    def refused(self, key: str = "") -> None:
        now = self._clock()
        with self._meter_guard:
            self._held.append((now - self.REFUSAL_WEIGHT, now, key))

    def held_keys(self, span: float = 5.0) -> list[str]:
        """The keys (TR codes) held back now or within the last ``span`` seconds, those waiting
        now first: what the pressure is made of."""
        now = self._clock()
        with self._meter_guard:
            out = [k for k in self._waiting_keys if k]
            for _start, end, key in reversed(self._held):
                if end > now - span and key and key not in out:
                    out.append(key)
        return out

    def pressure(self, span: float = 5.0) -> float:
        """1.0 while a call waits for its window; else the share of the last ``span`` seconds
        during which calls were held back. A call that merely uses its slot is no pressure."""
        if self._waiting:
            return 1.0
        now = self._clock()
        with self._meter_guard:
            while self._held and self._held[0][1] <= now - span:
                self._held.popleft()
            held = sum(min(end, now) - max(start, now - span) for start, end, _key in self._held)
        return max(0.0, min(1.0, held / span))


class MemoryRateLimiter(HoldBackMeter):
    """Sliding-window limiter for one process. Waiters are served in arrival order.

    The windows are shared by every event loop of the process (the sync API runs on a loop of
    its own); each loop queues its own waiters, so a loop blocked in a sync call never holds
    up another. Windows of keys unused for longer than their length are forgotten.
    """

    PACES = ("answer", "margin", "grant")

    def __init__(self, clock=time.monotonic, *, pace: str = "answer"):
        super().__init__(clock)
        if pace not in self.PACES:
            raise ValueError(f"pace must be one of {', '.join(self.PACES)}")
        self.pace = pace
        self.round_trips = RoundTrips()
        self._windows: dict[str, deque[Slot]] = {}
        self._limits: dict[str, tuple[int, float]] = {}
        self._locks: dict[str, dict[asyncio.AbstractEventLoop, asyncio.Lock]] = {}
        self._guard = threading.Lock()
        self._sweep_at = 256

    async def acquire(self, key: str, count: int, seconds: float, wait: bool = True) -> None:
        """Take a slot counted from now (see the module docstring)."""
        await self._grant(key, count, seconds, wait, in_flight=False)

    async def take(self, key: str, count: int, seconds: float, wait: bool = True) -> Slot:
        """Take a slot for a call; ``release`` it with the answer."""
        return await self._grant(key, count, seconds, wait, in_flight=self.pace != "grant")

    async def release(self, slot: Slot, margin: float = 0.0) -> None:
        """The call's answer came back now (``margin``: it may still arrive that much later)."""
        now = self._clock()
        with self._guard:
            if self.pace == "margin":
                self.round_trips.add(now - slot.start)
            elif slot.end is None:
                slot.end = now + margin

    async def _grant(self, key: str, count: int, seconds: float, wait: bool, in_flight: bool) -> Slot:
        lock = self._lock(key)
        if not wait and lock.locked():
            self.refused(key)
            raise RateLimitError(key, "rate limit reached (local)", local=True)
        async with lock:  # FIFO among waiters of this key on this loop
            while True:
                slot, delay = self._take(key, count, seconds, in_flight)
                if slot is not None:
                    return slot
                if not wait:
                    self.refused(key)
                    raise RateLimitError(key, "rate limit reached (local)", local=True)
                await self.hold(delay, key)

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

    def _take(self, key: str, count: int, seconds: float, in_flight: bool) -> tuple[Slot | None, float]:
        """(a new slot, 0), or (None, how long until a slot may free)."""
        with self._guard:
            now = self._clock()
            window = self._windows.get(key)
            if window is None:
                if len(self._windows) >= self._sweep_at:
                    self._sweep(now)
                window = self._windows[key] = deque()
            self._limits[key] = (count, seconds)
            free = [s for s in window if self._frees_at(s, seconds) <= now]
            for s in free:
                window.remove(s)
            if len(window) < count:
                if not in_flight:
                    end = now
                elif self.pace == "margin":
                    end = now + self.round_trips.margin()
                else:
                    end = None
                slot = Slot(key, now, end)
                window.append(slot)
                return slot, 0.0
            # a call still in flight frees a whole window after its answer: not before then
            return None, max(1e-3, min(min(self._frees_at(s, seconds) for s in window) - now, seconds))

    @staticmethod
    def _frees_at(slot: Slot, seconds: float) -> float:
        end = slot.end if slot.end is not None else slot.start + SLOT_LEASE
        return end + seconds

    def _sweep(self, now: float) -> None:
        """Forget keys whose last grant has left the window and that nobody waits for."""
        for key, window in list(self._windows.items()):
            _, seconds = self._limits.get(key, (1, 0.0))
            if any(self._frees_at(s, seconds) > now for s in window):
                continue
            if any(lock.locked() for lock in self._locks.get(key, {}).values()):
                continue
            del self._windows[key]
            self._limits.pop(key, None)
            self._locks.pop(key, None)
        self._sweep_at = max(256, 2 * len(self._windows))
