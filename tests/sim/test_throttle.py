"""The exchange's call counter at its window's edges: paced clients pass, bursts are refused."""

from __future__ import annotations

import random

import pytest

from app.sim.throttle import CallLimiter

T0 = 1000.0


def _run(limiter: CallLimiter, times: list[float], limit: tuple[int, float]) -> list[bool]:
    return [limiter.allow("tok", "tr", t, limit=limit) for t in times]


@pytest.mark.parametrize("mode", ["tolerant", "strict"])
@pytest.mark.parametrize("calls,window", [(1, 1.0), (3, 1.0), (10, 1.0), (1, 2.0), (1, 3.0)])
def test_exactly_at_the_rate_is_always_accepted(mode, calls, window):
    # n calls at once, then n more exactly one window later, five times over
    times = [T0 + k * window for k in range(5) for _ in range(calls)]
    assert all(_run(CallLimiter(mode=mode), times, (calls, window)))


@pytest.mark.parametrize("calls,window", [(1, 1.0), (3, 1.0), (10, 1.0), (1, 2.0), (1, 3.0)])
def test_one_millisecond_early_is_forgiven_unless_strict(calls, window):
    times = [T0] * calls + [T0 + window - 0.001] * calls
    assert all(_run(CallLimiter(), times, (calls, window)))
    strict = _run(CallLimiter(mode="strict"), times, (calls, window))
    assert strict == [True] * calls + [False] * calls


@pytest.mark.parametrize("mode", ["tolerant", "strict"])
@pytest.mark.parametrize("calls,window", [(1, 1.0), (2, 1.0), (3, 1.0), (10, 1.0), (1, 3.0)])
def test_a_burst_above_the_rate_is_refused(mode, calls, window):
    times = [T0 + i * 0.0005 for i in range(calls + 1)]
    assert _run(CallLimiter(mode=mode), times, (calls, window)) == [True] * calls + [False]


def test_early_beyond_the_jitter_allowance_is_refused():
    limiter = CallLimiter(jitter=0.1)
    assert _run(limiter, [T0, T0 + 0.95], (1, 1.0)) == [True, True]  # 50 ms early: jitter
    assert _run(CallLimiter(jitter=0.1), [T0, T0 + 0.85], (1, 1.0)) == [True, False]  # 150 ms: too fast


def test_a_steady_stream_above_the_rate_is_refused_soon():
    # one call every 0.9 s against 1/s: each is within the jitter, but the debt adds up
    results = _run(CallLimiter(jitter=0.1), [T0 + 0.9 * i for i in range(6)], (1, 1.0))
    assert results[:2] == [True, True] and False in results


def test_refused_calls_do_not_use_up_the_budget():
    limiter = CallLimiter()
    assert _run(limiter, [T0, T0 + 0.1, T0 + 0.2, T0 + 1.0], (1, 1.0)) == [True, False, False, True]


def test_limits_are_per_token_and_per_tr():
    limiter = CallLimiter()
    assert limiter.allow("a", "g3101", T0, limit=(1, 1.0))
    assert not limiter.allow("a", "g3101", T0, limit=(1, 1.0))
    assert limiter.allow("b", "g3101", T0, limit=(1, 1.0))
    assert limiter.allow("a", "o3101", T0, limit=(1, 1.0))


def test_scale_and_catalogue_limits():
    limiter = CallLimiter(scale=0.34)  # g3101: 3/s -> 1/s
    assert [limiter.allow("t", "g3101", T0 + i * 0.01) for i in range(2)] == [True, False]
    assert CallLimiter().allow("t", "not-a-tr", T0)  # no limit known: never refused
    with pytest.raises(ValueError):
        CallLimiter(mode="lenient")


def _sliding_window_sender(calls: int, window: float, rng: random.Random, count: int) -> list[float]:
    """Send times of a client that sends whenever fewer than ``calls`` of its sends lie in the
    last ``window`` seconds, at random moments."""
    sends: list[float] = []
    t = T0
    while len(sends) < count:
        t += rng.choice([0.0, 0.0, 0.001, rng.random() * window * 0.5, rng.random() * window * 2])
        while True:
            recent = [s for s in sends if t - s < window]
            if len(recent) < calls:
                break
            t = min(recent) + window + 1e-9
        sends.append(t)
    return sends


def test_any_client_pacing_by_send_time_passes_despite_network_jitter():
    for trial in range(400):
        rng = random.Random(trial)
        calls, window = rng.choice([1, 2, 3, 5, 10]), rng.choice([1.0, 2.0, 3.0])
        jitter = min(0.1, window / calls / 2)
        sends = _sliding_window_sender(calls, window, rng, 40)
        arrivals = sorted(s + rng.random() * jitter * 0.999 for s in sends)
        assert all(_run(CallLimiter(), arrivals, (calls, window))), (trial, calls, window)
