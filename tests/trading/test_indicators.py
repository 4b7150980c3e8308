"""Indicators: values against plain reference formulas, and a tail update equal to a full recompute."""

from __future__ import annotations

import numpy as np
import pytest

from app.trading import indicators as ind
from app.trading.bar_series import BarSeries, Timeframe


def series(n: int = 300, tf: str = "5m", seed: int = 3) -> BarSeries:
    rng = np.random.default_rng(seed)
    c = 100 * np.exp(np.cumsum(rng.normal(0, 0.01, n)))
    o = np.concatenate(([100.0], c[:-1]))
    s = BarSeries(Timeframe.parse(tf))
    s.replace({"t": 1_700_000_000 + np.arange(n) * 300, "o": o, "h": np.maximum(o, c) + 0.1,
               "l": np.minimum(o, c) - 0.1, "c": c, "v": rng.integers(1, 100, n).astype(float)})
    return s


def test_reference_values():
    s = series()
    c = s.c
    sma = ind.make("sma", {"n": 10}).compute(s)["sma"]
    assert np.isnan(sma[8]) and sma[9] == pytest.approx(c[:10].mean()) and sma[-1] == pytest.approx(c[-10:].mean())
    ema = ind.make("ema", {"n": 10}).compute(s)["ema"]
    ref, a = c[0], 2 / 11
    for x in c[1:]:
        ref = ref + a * (x - ref)
    assert ema[-1] == pytest.approx(ref)
    bb = ind.make("bb", {"n": 20, "k": 2}).compute(s)
    assert bb["upper"][-1] == pytest.approx(c[-20:].mean() + 2 * c[-20:].std())
    assert bb["lower"][-1] == pytest.approx(c[-20:].mean() - 2 * c[-20:].std())
    rsi = ind.make("rsi", {"n": 14}).compute(s)["rsi"]
    assert np.isnan(rsi[13]) and 0 <= np.nanmin(rsi) and np.nanmax(rsi) <= 100
    d = np.diff(c[:15])
    g, lo = d[d > 0].sum() / 14, -d[d < 0].sum() / 14
    assert rsi[14] == pytest.approx(100 - 100 / (1 + g / lo))
    m = ind.make("macd").compute(s)
    assert m["hist"][-1] == pytest.approx(m["macd"][-1] - m["signal"][-1])
    vw = ind.make("vwap").compute(s)["vwap"]
    day = s.t // 86400
    last = day == day[-1]
    typ = (s.h + s.l + s.c) / 3
    assert vw[-1] == pytest.approx((typ[last] * s.v[last]).sum() / s.v[last].sum())


@pytest.mark.parametrize("kind", sorted(ind.KINDS))
def test_tail_update_equals_full_recompute(kind):
    s = series()
    live = ind.make(kind)
    out = live.compute(s)
    rng = np.random.default_rng(9)
    for step in range(60):
        price = float(s.c[-1]) * (1 + rng.normal(0, 0.005))
        if step % 7 == 0:
            s.append(int(s.t[-1]) + 300, price, price, price, price, 5.0)
        else:
            s.update_last(price, 3.0)
        live.update(s, out, len(s) - 1)
    full = ind.make(kind).compute(s)
    for line in full:
        assert np.allclose(out[line][:len(s)], full[line][:len(s)], equal_nan=True), line


def test_session_breaks_found_in_parts_equal_those_found_at_once():
    """A chart finds the VWAP's session breaks once, then over each new bar only (studies.py)."""
    t = series(700).t  # 5-minute bars over four calendar days
    whole = ind.session_breaks(t)
    assert len(whole) == 3 and all(t[b] // ind.DAY != t[b - 1] // ind.DAY for b in whole)
    for k in range(1, len(t)):
        assert list(np.concatenate((ind.session_breaks(t[:k]), ind.session_breaks(t, k)))) == list(whole)
    for i in (0, int(whole[0]) - 1, int(whole[0]), len(t) - 1):
        first = ind.session_start(t, i)
        assert t[first] // ind.DAY == t[i] // ind.DAY and (first == 0 or t[first - 1] // ind.DAY < t[i] // ind.DAY)
