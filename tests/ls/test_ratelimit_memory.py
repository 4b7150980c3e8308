"""MemoryRateLimiter: wait queues in arrival order, stop refuses at once."""

from __future__ import annotations

import asyncio
import time

import pytest

from app.ls.errors import RateLimitError
from app.ls.ratelimit import MemoryRateLimiter, SetupOptions, default_options


@pytest.mark.asyncio
async def test_stop_raises_at_once_when_full():
    limiter = MemoryRateLimiter()
    await limiter.acquire("g3101", 2, 30.0, wait=False)
    await limiter.acquire("g3101", 2, 30.0, wait=False)
    with pytest.raises(RateLimitError) as caught:
        await asyncio.wait_for(limiter.acquire("g3101", 2, 30.0, wait=False), 1)
    assert caught.value.local and caught.value.rsp_cd == "IGW00201"
    await limiter.acquire("other", 2, 30.0, wait=False)  # keys are independent


@pytest.mark.asyncio
async def test_pressure_is_how_much_calls_are_held_back():
    now = [100.0]
    limiter = MemoryRateLimiter(clock=lambda: now[0])
    await limiter.acquire("g3101", 1, 1.0)
    assert limiter.pressure() == 0.0  # a call that uses its slot is no pressure
    waiter = asyncio.create_task(limiter.acquire("g3101", 1, 1.0))
    await asyncio.sleep(0)
    assert limiter.pressure() == 1.0  # someone waits right now
    now[0] += 1.0
    await asyncio.wait_for(waiter, 5)
    assert limiter.pressure() == pytest.approx(1.0 / 5.0)  # held 1 s of the last 5
    now[0] += 10.0
    assert limiter.pressure() == 0.0
    with pytest.raises(RateLimitError):
        await limiter.acquire("g3101", 1, 100.0, wait=False)
        await limiter.acquire("g3101", 1, 100.0, wait=False)
    assert limiter.pressure() > 0.0


@pytest.mark.asyncio
async def test_held_keys_name_the_trs_the_pressure_is_made_of():
    now = [100.0]
    limiter = MemoryRateLimiter(clock=lambda: now[0])
    await limiter.acquire("g3101", 1, 1.0)
    await limiter.acquire("o3121", 1, 1.0)
    assert limiter.held_keys() == []  # calls that use their slots hold nothing back
    waiter = asyncio.create_task(limiter.acquire("o3121", 1, 1.0))
    await asyncio.sleep(0)
    assert limiter.held_keys() == ["o3121"]  # waiting now
    now[0] += 1.0
    await asyncio.wait_for(waiter, 5)
    with pytest.raises(RateLimitError):
        await limiter.acquire("g3101", 1, 100.0, wait=False)
    assert limiter.held_keys() == ["g3101", "o3121"]  # held within the last seconds, latest first
    now[0] += 10.0
    assert limiter.held_keys() == []


@pytest.mark.asyncio
async def test_wait_serves_waiters_in_arrival_order_and_respects_the_window():
    limiter = MemoryRateLimiter()
    order, stamps = [], []

    async def caller(i: int) -> None:
        await limiter.acquire("k", 2, 0.1, wait=True)
        order.append(i)
        stamps.append(time.monotonic())

    tasks = []
    for i in range(7):
        tasks.append(asyncio.create_task(caller(i)))
        await asyncio.sleep(0)  # arrival order is creation order
    await asyncio.wait_for(asyncio.gather(*tasks), 10)
    assert order == list(range(7))
    for a, b in zip(stamps, stamps[2:]):
        assert b - a >= 0.1 - 1e-3  # never more than 2 in any 0.1 s


@pytest.mark.asyncio
async def test_stop_while_others_queue_is_refused():
    limiter = MemoryRateLimiter()
    await limiter.acquire("k", 1, 0.2)
    waiter = asyncio.create_task(limiter.acquire("k", 1, 0.2))
    while not limiter._lock("k").locked():  # the waiter holds the queue
        await asyncio.sleep(0)
    with pytest.raises(RateLimitError):
        await limiter.acquire("k", 1, 0.2, wait=False)
    await asyncio.wait_for(waiter, 2)


def test_setup_options_validation_and_defaults():
    with pytest.raises(ValueError):
        SetupOptions(rate_limit_count=0)
    with pytest.raises(ValueError):
        SetupOptions(on_rate_limit="drop")
    opts = default_options("g3204")
    assert (opts.rate_limit_count, opts.rate_limit_seconds, opts.rate_limit_key) == (1, 3.0, "g3204")


@pytest.mark.asyncio
async def test_a_second_event_loop_shares_the_window_without_deadlock():
    """The sync API runs on a loop of its own; a caller of it blocks the main loop, where a task
    may be queued for the same key. The second loop must still get its slot."""
    import threading

    limiter = MemoryRateLimiter()
    await limiter.acquire("k", 1, 0.3)
    queued = asyncio.create_task(limiter.acquire("k", 1, 0.3))  # holds the queue, sleeping
    while not limiter._lock("k").locked():
        await asyncio.sleep(0)
    done = threading.Event()
    errors: list[BaseException] = []

    def other_loop() -> None:
        try:
            asyncio.run(limiter.acquire("k", 1, 0.3))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        done.set()

    threading.Thread(target=other_loop, daemon=True).start()
    assert done.wait(5), "the second loop never got its slot"  # blocks this loop, like req()
    assert errors == []
    await asyncio.wait_for(queued, 5)
    assert len(limiter._windows["k"]) <= 1  # never more than one grant in any 0.3 s


@pytest.mark.asyncio
async def test_windows_of_idle_keys_are_forgotten():
    now = [0.0]
    limiter = MemoryRateLimiter(clock=lambda: now[0])
    for i in range(20_000):
        await limiter.acquire(f"user-{i}", 1, 1.0, wait=False)
        now[0] += 0.01  # each key's window has long expired 100 keys later
    assert len(limiter._windows) < 2_000
    with pytest.raises(RateLimitError):  # a live window is kept
        await limiter.acquire("user-19999", 1, 1.0, wait=False)


@pytest.mark.parametrize("kwargs", [
    {"rate_limit_seconds": float("nan")},
    {"rate_limit_seconds": float("inf")},
    {"rate_limit_count": 2.5},
])
def test_setup_options_refuse_numbers_that_break_the_window(kwargs):
    with pytest.raises(ValueError):
        SetupOptions(**kwargs)


def _most_in_any_window(times: list[float], window: float) -> int:
    """The most arrivals a strict gateway sees within any ``window`` (now - first < window)."""
    times = sorted(times)
    best, lo = 0, 0
    for hi, t in enumerate(times):
        while t - times[lo] >= window:
            lo += 1
        best = max(best, hi - lo + 1)
    return best


async def _burst_of_slow_calls(limiter: MemoryRateLimiter, calls: int, count: int, window: float) -> list[float]:
    """Calls whose trips vary (0-60 ms each way): the arrival times a gateway would count."""
    import random

    rng = random.Random(3)
    arrivals: list[float] = []

    async def call() -> None:
        slot = await limiter.take("k", count, window)
        await asyncio.sleep(rng.choice((0.0, 0.0, 0.06)))  # on its way
        arrivals.append(time.monotonic())
        await asyncio.sleep(rng.choice((0.0, 0.06)))  # the answer on its way back
        await limiter.release(slot)

    await asyncio.wait_for(asyncio.gather(*(call() for _ in range(calls))), 30)
    return arrivals


@pytest.mark.asyncio
async def test_slots_free_a_window_after_the_answer_so_arrivals_never_exceed_the_limit():
    arrivals = await _burst_of_slow_calls(MemoryRateLimiter(), 24, 3, 0.2)
    assert _most_in_any_window(arrivals, 0.2) <= 3


@pytest.mark.asyncio
async def test_counting_from_the_grant_lets_a_strict_gateway_see_too_many():
    """The old pacing (and the reason for the new one): a slow call's arrival shares a window."""
    arrivals = await _burst_of_slow_calls(MemoryRateLimiter(pace="grant"), 24, 3, 0.2)
    assert _most_in_any_window(arrivals, 0.2) > 3


@pytest.mark.asyncio
async def test_an_unreleased_slot_holds_its_place_and_a_released_one_frees_a_window_later():
    now = [0.0]
    limiter = MemoryRateLimiter(clock=lambda: now[0])
    slot = await limiter.take("k", 1, 1.0, wait=False)
    now[0] = 5.0  # the answer has not come: the call may not have arrived yet
    with pytest.raises(RateLimitError):
        await limiter.take("k", 1, 1.0, wait=False)
    await limiter.release(slot)
    now[0] = 5.9
    with pytest.raises(RateLimitError):
        await limiter.take("k", 1, 1.0, wait=False)
    now[0] = 6.0
    await limiter.take("k", 1, 1.0, wait=False)


def test_unknown_pace_is_refused():
    with pytest.raises(ValueError):
        MemoryRateLimiter(pace="fast")
