"""The chart's level-of-detail groups: kept up to date bar by bar, equal to a full recompute."""

from __future__ import annotations

import numpy as np

from app.trading.bar_series import BarSeries, Timeframe
from app.ui.chart.items import Lod


def _series(n: int) -> BarSeries:
    rng = np.random.default_rng(3)
    c = 100 + np.cumsum(rng.normal(0, 0.1, n))
    o = np.concatenate(([100.0], c[:-1]))
    s = BarSeries(Timeframe.parse("1m"))
    s.replace({"t": np.arange(n, dtype=np.int64) * 60, "o": o, "h": np.maximum(o, c) + 0.05,
               "l": np.minimum(o, c) - 0.05, "c": c, "v": rng.integers(1, 100, n).astype(float)})
    return s


def test_groups_after_new_bars_equal_a_full_recompute():
    s = _series(5000)
    live = Lod()
    for step in range(40):
        n = len(s) - 1  # the bulk: every bar but the newest
        got = live.get(s, 0, n, 64)
        want = Lod().get(s, 0, n, 64)
        for name in ("x", "o", "h", "l", "c", "v"):
            assert np.array_equal(getattr(got, name), getattr(want, name)), (step, name)
        p = float(s.c[-1])
        s.append(int(s.t[-1]) + 60, p, p + 0.3 * (step % 3), p - 0.2, p + 0.1, 7.0)


def test_group_of_merged_bars_holds_their_extremes_and_volume_sum():
    s = _series(1000)
    g = Lod().get(s, 0, 999, 8)
    assert g.k == 8 and len(g.x) == 125
    assert g.h[3] == s.h[24:32].max() and g.l[3] == s.l[24:32].min()
    assert g.o[3] == s.o[24] and g.c[3] == s.c[31] and g.v[3] == s.v[24:32].sum()
