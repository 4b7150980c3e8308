"""RedisRateLimiter against a real redis-server: two OS processes share one limit."""

from __future__ import annotations

import asyncio
import multiprocessing
import time

import pytest

from app.ls.errors import RateLimitError
from app.ls.ratelimit_redis import RedisRateLimiter

pytestmark = pytest.mark.redis

LIMIT, WINDOW, PER_WORKER = 5, 0.5, 12


def _hammer(url: str, key: str, start, results) -> None:
    """One worker process: take PER_WORKER slots as fast as the shared limit allows, starting
    together with the other worker (`start`: a barrier both pass once imported)."""

    async def run() -> tuple[float, list[float]]:
        limiter = RedisRateLimiter(url)
        granted = []
        await limiter.acquire_at(f"{key}-warm", LIMIT, WINDOW, wait=True)  # connected, script loaded
        await asyncio.to_thread(start.wait, 60)
        asked = time.time()
        for _ in range(PER_WORKER):
            granted.append(await limiter.acquire_at(key, LIMIT, WINDOW, wait=True))
        await limiter.aclose()
        return asked, granted

    results.put(asyncio.run(run()))


def _max_in_any_window(times: list[float], window: float) -> int:
    """The most grants inside any half-open interval [t, t + window)."""
    times = sorted(times)
    best, lo = 0, 0
    for hi, t in enumerate(times):
        while t - times[lo] >= window - 1e-6:
            lo += 1
        best = max(best, hi - lo + 1)
    return best


def test_window_counter_helper():
    assert _max_in_any_window([0, 0.1, 0.2, 0.5, 0.6], 0.5) == 3
    assert _max_in_any_window([0, 0.5, 1.0], 0.5) == 1


@pytest.mark.slow
def test_two_processes_never_exceed_the_shared_limit(redis_url):
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    key = f"shared-{time.time_ns()}"
    # both start when both are ready: a fixed start time lost one to a slow import under load
    start = ctx.Barrier(2)
    workers = [ctx.Process(target=_hammer, args=(redis_url, key, start, results)) for _ in range(2)]
    for w in workers:
        w.start()
    try:
        (asked0, grants0), (asked1, grants1) = [results.get(timeout=60) for _ in workers]
        grants = [grants0, grants1]
    finally:
        for w in workers:
            w.join(timeout=10)
            if w.is_alive():
                w.kill()
    assert all(w.exitcode == 0 for w in workers)
    assert [len(g) for g in grants] == [PER_WORKER, PER_WORKER]
    combined = grants[0] + grants[1]
    assert _max_in_any_window(combined, WINDOW) <= LIMIT
    # and the limit really throttled them: 24 grants at 5 per 0.5 s need at least 4 full windows
    span = max(combined) - min(combined)
    assert span >= (len(combined) // LIMIT - 1) * WINDOW - 1e-3
    # both processes asked while the other was still being served: the limit was shared, not
    # taken in turns (which one the window frees for first is the limiter's choice)
    assert asked1 < max(grants0) and asked0 < max(grants1)


@pytest.mark.asyncio
async def test_stop_raises_at_once_when_full(redis_url):
    limiter = RedisRateLimiter(redis_url)
    key = f"stop-{time.time_ns()}"
    try:
        for _ in range(3):
            await limiter.acquire(key, 3, 30.0, wait=False)
        assert limiter.pressure() == 0.0  # using every slot holds nobody back
        with pytest.raises(RateLimitError) as caught:
            await asyncio.wait_for(limiter.acquire(key, 3, 30.0, wait=False), 2)
        assert caught.value.local is True and caught.value.tr_cd == key
        assert limiter.pressure() > 0.0  # a refusal does
        await limiter.reset(key)
        await limiter.acquire(key, 3, 30.0, wait=False)
    finally:
        await limiter.aclose()


@pytest.mark.asyncio
async def test_wait_sleeps_until_the_window_frees(redis_url):
    from redis.asyncio import Redis

    client = Redis.from_url(redis_url)
    limiter = RedisRateLimiter(client, prefix="test:rl:")
    key = f"wait-{time.time_ns()}"
    try:
        first = await limiter.acquire_at(key, 2, 0.3)
        await limiter.acquire_at(key, 2, 0.3)
        third = await limiter.acquire_at(key, 2, 0.3)
        assert third - first >= 0.3 - 1e-6  # server-clock grant times
        assert await client.exists("test:rl:" + key)
    finally:
        await limiter.aclose()
        await client.aclose()


def test_one_limiter_serves_two_event_loops(redis_url):
    """The sync API runs on its own loop while the app's loop keeps calling: no cross-loop lock."""
    import threading

    limiter = RedisRateLimiter(redis_url)
    key = f"loops-{time.time_ns()}"
    errors = []

    def hammer():
        async def run():
            await asyncio.gather(*(limiter.acquire(key, 50, 1.0) for _ in range(10)))

        try:
            asyncio.run(run())
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=hammer) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors, errors


@pytest.mark.asyncio
async def test_a_taken_slot_counts_until_a_window_after_its_release(redis_url):
    limiter = RedisRateLimiter(redis_url)
    key = f"take-{time.time_ns()}"
    try:
        slot = await limiter.take(key, 1, 0.3, wait=False)
        await asyncio.sleep(0.4)  # longer than the window, but the call has not been answered
        with pytest.raises(RateLimitError):
            await limiter.take(key, 1, 0.3, wait=False)
        await limiter.release(slot)
        released = time.monotonic()
        with pytest.raises(RateLimitError):
            await limiter.take(key, 1, 0.3, wait=False)
        await limiter.take(key, 1, 0.3, wait=True)  # waits for the window after the answer
        assert time.monotonic() - released >= 0.3 - 0.01
    finally:
        await limiter.aclose()


@pytest.mark.asyncio
async def test_a_burst_through_the_client_with_redis_never_exceeds_the_limit_at_arrival(redis_url):
    """The TR caller holds each Redis slot until the answer: however slowly calls travel, the
    server never sees more than the limit within any window (counting from the grant did)."""
    from app.ls import LS, Endpoints, SetupOptions, g3101
    from tests.ls.spec_server import SpecServer

    server = await SpecServer().start()
    limiter = RedisRateLimiter(redis_url)
    ls = LS(Endpoints.local(server.port), rate_limiter=limiter)
    try:
        assert await ls.async_login("PSabcdefghijklmnopqrstuvwxyz012345", "SECRETabcdefghijklmnopqrstuvwxyz0123")
        post, delays = ls.transport.post_tr, [0.15, 0.15]

        async def travelling(*args, **kwargs):  # the first two calls take a while to get there
            if delays:
                await asyncio.sleep(delays.pop())
            return await post(*args, **kwargs)

        ls.transport.post_tr = travelling
        block = g3101.G3101InBlock(keysymbol="82TSLA", exchcd="82", symbol="TSLA")
        opts = SetupOptions(2, 0.3, "wait", f"burst-{time.time_ns()}")
        market = ls.overseas_stock().market()
        await asyncio.gather(*(market.g3101(block, opts).req_async() for _ in range(8)))
        times = [t for tr, t in server.arrivals if tr == "g3101"]
        assert len(times) == 8 and _max_in_any_window(times, 0.3) <= 2
    finally:
        await ls.aclose()
        await limiter.aclose()
        await server.stop()
