"""A rate limiter shared by every process that uses the same Redis and ``rate_limit_key``.

Each key is a sliding window kept in a Redis sorted set of grant times. One Lua script trims
the window, counts it and records the new grant in a single atomic step, timed by the Redis
server's own clock, so processes on different machines (or with skewed clocks) can never
together exceed ``count`` grants in any ``seconds`` window. A slot taken with ``take()`` is
recorded as in flight (scored a lease ahead) until ``release()`` re-scores it with the time
the answer came back, so the window counts from the answer, as ``app.ls.ratelimit`` explains.
"""

from __future__ import annotations

import asyncio
import os
from itertools import count as counter
from typing import Any

from app.ls.errors import RateLimitError
from app.ls.ratelimit import SLOT_LEASE, HoldBackMeter, Slot

# KEYS[1] window; ARGV: limit, window length (µs), unique member suffix, lease (µs; 0: the
# slot counts from now; else it is in flight, scored now + lease until released).
# Returns {granted (1|0), µs until a slot may free (0 when granted), grants in window, server µs,
# member}. An in-flight slot frees a window after its answer at the earliest: never sooner
# than a window from now.
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local lease = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local used = redis.call('ZCARD', KEYS[1])
if used < limit then
  local member = now .. ':' .. ARGV[3]
  redis.call('ZADD', KEYS[1], now + lease, member)
  redis.call('PEXPIRE', KEYS[1], math.ceil((window + lease) / 1000) + 1000)
  return {1, 0, used + 1, now, member}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, math.min(tonumber(oldest[2]) + window - now, window), used, now, ''}
"""

# KEYS[1] window; ARGV: member, extra µs. Re-scores an in-flight slot with the answer's time.
_RELEASE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
return redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])
"""


class RedisRateLimiter(HoldBackMeter):
    """Sliding-window limiter in Redis: the ``RateLimiter`` protocol of ``app.ls.ratelimit``."""

    def __init__(self, url_or_client: Any, prefix: str = "lsterm:rl:"):
        super().__init__()
        # From a URL: one client per event loop (a redis.asyncio connection pool belongs to
        # the loop that made it, and the sync API runs on a loop of its own). A client object
        # given by the caller is used as it is, on its own loop.
        self._url = url_or_client if isinstance(url_or_client, str) else None
        self._given = None if self._url else url_or_client
        self._clients: dict[asyncio.AbstractEventLoop, tuple[Any, Any, Any]] = {}
        self._prefix = prefix
        self._ids = counter()
        self._tag = f"{os.getpid()}:{os.urandom(4).hex()}"
        self._locks: dict[tuple[str, asyncio.AbstractEventLoop], asyncio.Lock] = {}

    def _client(self) -> tuple[Any, Any, Any]:
        """(redis client, acquire script, release script) for the running loop."""
        loop = asyncio.get_running_loop()
        found = self._clients.get(loop)
        if found is None:
            if self._given is not None:
                client = self._given
            else:
                from redis.asyncio import Redis

                client = Redis.from_url(self._url)
            found = self._clients[loop] = (client, client.register_script(_ACQUIRE),
                                           client.register_script(_RELEASE))
            for old in [lp for lp in self._clients if lp.is_closed()]:
                del self._clients[old]
        return found

    async def acquire(self, key: str, count: int, seconds: float, wait: bool = True) -> None:
        """Take one slot of ``key``: sleep until one is free, or raise at once without ``wait``."""
        await self.acquire_at(key, count, seconds, wait)

    async def acquire_at(self, key: str, count: int, seconds: float, wait: bool = True) -> float:
        """``acquire``, returning the Redis server time (s) at which the slot was granted."""
        return (await self._grant(key, count, seconds, wait, 0.0)).start

    async def take(self, key: str, count: int, seconds: float, wait: bool = True) -> Slot:
        """A slot for a call, in flight until ``release`` (a lost release frees after a lease)."""
        return await self._grant(key, count, seconds, wait, SLOT_LEASE)

    async def release(self, slot: Slot, margin: float = 0.0) -> None:
        """The call's answer came back now: its slot frees a window from now (plus ``margin``)."""
        await self._client()[2](keys=[self._prefix + slot.key], args=[slot.ref, int(margin * 1_000_000)])

    async def _grant(self, key: str, count: int, seconds: float, wait: bool, lease: float) -> Slot:
        # one queue per key per event loop: an asyncio.Lock belongs to the loop that uses it,
        # and the sync API runs its calls on a loop of its own
        lock = self._locks.setdefault((key, asyncio.get_running_loop()), asyncio.Lock())
        if not wait and lock.locked():  # local callers already queue for this key
            self.refused(key)
            raise RateLimitError(key, "rate limit reached (local)", local=True)
        async with lock:  # this process's waiters go in arrival order
            while True:
                granted, wait_us, used, now_us, member = await self._client()[1](
                    keys=[self._prefix + key],
                    args=[count, int(seconds * 1_000_000), f"{self._tag}:{next(self._ids)}",
                          int(lease * 1_000_000)],
                )
                if int(granted):
                    ref = member.decode() if isinstance(member, bytes) else str(member)
                    return Slot(key, int(now_us) / 1_000_000, None if lease else int(now_us) / 1_000_000, ref)
                if not wait:
                    self.refused(key)
                    raise RateLimitError(key, "rate limit reached (local)", local=True)
                await self.hold(max(int(wait_us), 1000) / 1_000_000, key)

    async def reset(self, key: str) -> None:
        """Forget every grant of ``key`` (tests, or after changing a limit)."""
        await self._client()[0].delete(self._prefix + key)

    async def aclose(self) -> None:
        """Close the clients this limiter made (the running loop's now; others' loops are gone)."""
        if self._url is None:
            return
        loop = asyncio.get_running_loop()
        for owner, (client, *_) in list(self._clients.items()):
            if owner is loop:
                await client.aclose()
            del self._clients[owner]
