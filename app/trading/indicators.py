"""Chart indicators on numpy arrays, recomputed from a given bar onward so a live tick costs one bar:
SMA, EMA, Bollinger bands and VWAP (price pane), RSI and MACD (own panes). No Qt.

    ind = make("ema", {"n": 20})
    out = ind.compute(series)             # {"ema": array aligned with the bars}
    ind.update(series, out, len(series) - 1)  # after a tick or a new bar: the tail only
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

DAY = 86400


def session_start(t: np.ndarray, i: int, open_at: int = 0) -> int:
    """The first bar of bar ``i``'s session (an intraday VWAP's anchor; ``t`` ascending bar times on
    the exchange's clock). A session opens each day at ``open_at`` seconds after midnight: 0 for the
    calendar day (stocks), the evening open of a futures session that runs past midnight
    (`BarSeries.session_open`, 61200 for CME's 17:00)."""
    return int(np.searchsorted(t, ((int(t[i]) - open_at) // DAY) * DAY + open_at, side="left"))


def session_breaks(t: np.ndarray, lo: int = 1, open_at: int = 0) -> np.ndarray:
    """The bars from ``lo`` on that open a session after another (where a VWAP starts again)."""
    lo = max(lo, 1)
    day = (t[lo - 1:] - open_at) // DAY
    return np.flatnonzero(day[1:] != day[:-1]) + lo


def _grow(out: dict[str, np.ndarray], n: int) -> None:
    for k, a in out.items():
        if len(a) < n:
            grown = np.full(max(n, len(a) * 2 if len(a) else n), np.nan)
            grown[:len(a)] = a
            out[k] = grown


@dataclass
class Indicator:
    kind: str
    params: dict[str, Any] = field(default_factory=dict)
    pane: str = "price"  # "price" | "own"
    lines: tuple[str, ...] = ()
    DEFAULTS: dict[str, Any] = field(default_factory=dict)

    def p(self, name: str) -> Any:
        return self.params.get(name, self.DEFAULTS.get(name))

    @property
    def label(self) -> str:
        args = ",".join(str(self.p(k)) for k in self.DEFAULTS)
        return f"{self.kind.upper()}({args})" if args else self.kind.upper()

    def compute(self, s) -> dict[str, np.ndarray]:
        out = {k: np.full(max(len(s), 1), np.nan) for k in self.lines}
        self.update(s, out, 0)
        return out

    def update(self, s, out: dict[str, np.ndarray], start: int) -> None:
        """Recompute bars [start, len(s)) in place (arrays grow as the series does)."""
        _grow(out, len(s))
        if len(s):
            self._fill(s, out, max(0, min(start, len(s) - 1)), len(s))

    def _fill(self, s, out, start: int, end: int) -> None:
        raise NotImplementedError

    def settings(self) -> dict[str, Any]:
        return {"kind": self.kind, "params": {k: self.p(k) for k in self.DEFAULTS}}


class SMA(Indicator):
    def __init__(self, params=None):
        super().__init__("sma", dict(params or {}), "price", ("sma",), {"n": 20})

    def _fill(self, s, out, start, end):
        n = int(self.p("n"))
        out["sma"][start:end] = rolling_mean(s.c, n, start, end)


class EMA(Indicator):
    def __init__(self, params=None):
        super().__init__("ema", dict(params or {}), "price", ("ema",), {"n": 20})

    def _fill(self, s, out, start, end):
        ema_into(s.c, int(self.p("n")), out["ema"], start, end)


class Bollinger(Indicator):
    def __init__(self, params=None):
        super().__init__("bb", dict(params or {}), "price", ("mid", "upper", "lower"), {"n": 20, "k": 2.0})

    def _fill(self, s, out, start, end):
        n, k = int(self.p("n")), float(self.p("k"))
        mid, sq = window_means(s.c, n, start, end)
        sd = np.sqrt(np.maximum(sq - mid * mid, 0.0))
        out["mid"][start:end], out["upper"][start:end], out["lower"][start:end] = mid, mid + k * sd, mid - k * sd


class VWAP(Indicator):
    """Volume-weighted average price, anchored at each session's first bar (intraday: the series'
    `session_open`, see `session_start`) or at the first loaded bar (day and longer bars)."""

    def __init__(self, params=None):
        super().__init__("vwap", dict(params or {}), "price", ("vwap",), {})

    def _fill(self, s, out, start, end):
        intraday = s.tf.intraday
        at = getattr(s, "session_open", 0)
        first = session_start(s.t, start, at) if intraday else 0  # (a tick reads its session, not the history)
        typ = (s.h[first:end] + s.l[first:end] + s.c[first:end]) / 3.0
        v = s.v[first:end]
        pv, vv = np.cumsum(typ * v), np.cumsum(v)
        breaks = session_breaks(s.t[first:end], 1, at) if intraday else ()
        for b in breaks:  # restart the sums at each new session
            pv[b:] -= pv[b - 1]
            vv[b:] -= vv[b - 1]
        with np.errstate(invalid="ignore", divide="ignore"):
            res = np.where(vv > 0, pv / np.where(vv > 0, vv, 1), typ)
        out["vwap"][start:end] = res[start - first:]


class RSI(Indicator):
    def __init__(self, params=None):
        super().__init__("rsi", dict(params or {}), "own", ("rsi",), {"n": 14})
        self._avg: np.ndarray = np.zeros((0, 2))

    def _fill(self, s, out, start, end):
        n = int(self.p("n"))
        c = s.c
        if len(self._avg) < end:
            grown = np.full((max(end, 2 * len(self._avg)), 2), np.nan)
            grown[:len(self._avg)] = self._avg
            self._avg = grown
        avg = self._avg
        rsi = out["rsi"]
        start = max(1, start)
        if start <= n:  # seed: plain mean of the first n changes
            if end <= n:
                rsi[:end] = np.nan
                return
            d = np.diff(c[:n + 1])
            avg[n] = (d[d > 0].sum() / n, -d[d < 0].sum() / n)
            rsi[:n] = np.nan
            rsi[n] = _rsi(*avg[n])
            start = n + 1
        g, lo = float(avg[start - 1][0]), float(avg[start - 1][1])
        for i in range(start, end):  # Wilder's smoothing
            d = float(c[i] - c[i - 1])
            g = (g * (n - 1) + max(d, 0.0)) / n
            lo = (lo * (n - 1) + max(-d, 0.0)) / n
            avg[i] = (g, lo)
            rsi[i] = _rsi(g, lo)


def _rsi(gain: float, loss: float) -> float:
    if loss == 0:
        return 100.0 if gain > 0 else 50.0
    return 100.0 - 100.0 / (1.0 + gain / loss)


class MACD(Indicator):
    def __init__(self, params=None):
        super().__init__("macd", dict(params or {}), "own", ("macd", "signal", "hist"),
                         {"fast": 12, "slow": 26, "signal": 9})
        self._fast = np.zeros(0)
        self._slow = np.zeros(0)

    def _fill(self, s, out, start, end):
        if len(self._fast) < end:
            self._fast = _resized(self._fast, end)
            self._slow = _resized(self._slow, end)
        ema_into(s.c, int(self.p("fast")), self._fast, start, end)
        ema_into(s.c, int(self.p("slow")), self._slow, start, end)
        out["macd"][start:end] = self._fast[start:end] - self._slow[start:end]
        ema_into(out["macd"], int(self.p("signal")), out["signal"], start, end)
        out["hist"][start:end] = out["macd"][start:end] - out["signal"][start:end]


def _resized(a: np.ndarray, n: int) -> np.ndarray:
    b = np.full(max(n, 2 * len(a)), np.nan)
    b[:len(a)] = a
    return b


def rolling_mean(x: np.ndarray, n: int, start: int, end: int) -> np.ndarray:
    """Means of the n-bar windows ending at each index in [start, end) (NaN before n bars)."""
    return window_means(x, n, start, end, squares=False)[0]


def window_means(x: np.ndarray, n: int, start: int, end: int, squares: bool = True):
    """(mean, mean of squares) of the n-bar windows ending in [start, end); reads x[start-n+1:end]."""
    lo = max(0, start - n + 1)
    seg = x[lo:end]
    idx = np.arange(start, end)
    a = idx - lo + 1
    b = np.maximum(a - n, 0)
    cs = np.concatenate(([0.0], np.cumsum(seg)))
    mean = (cs[a] - cs[b]) / n
    mean[idx < n - 1] = np.nan
    if not squares:
        return mean, None
    cs2 = np.concatenate(([0.0], np.cumsum(seg * seg)))
    sq = (cs2[a] - cs2[b]) / n
    sq[idx < n - 1] = np.nan
    return mean, sq


def ema_into(x: np.ndarray, n: int, out: np.ndarray, start: int, end: int) -> None:
    """EMA (alpha 2/(n+1), seeded with the first value) of x into out[start:end]."""
    if end <= start:
        return
    alpha = 2.0 / (n + 1)
    prev = out[start - 1] if start > 0 else math.nan
    xs = x[start:end].tolist()
    res = []
    for v in xs:
        if math.isnan(v):
            res.append(prev)
            continue
        prev = v if math.isnan(prev) else prev + alpha * (v - prev)
        res.append(prev)
    out[start:end] = res


KINDS = {"sma": SMA, "ema": EMA, "bb": Bollinger, "vwap": VWAP, "rsi": RSI, "macd": MACD}


def make(kind: str, params: dict[str, Any] | None = None) -> Indicator:
    try:
        return KINDS[kind](params)
    except KeyError:
        raise ValueError(f"unknown indicator {kind!r}") from None
