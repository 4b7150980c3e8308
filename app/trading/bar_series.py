"""OHLCV bars of one symbol and timeframe in growable numpy arrays, with live trades folded in.

Times are exchange-local wall-clock seconds counted as if the exchange's clock were UTC
("local seconds"): what LS's chart TRs and trade frames both carry (date + local time), so a
bar's boundaries (minute multiples, the local day, ISO week, month) need no time-zone table.
A minute bar is labelled by its start; day bars by their date; week and month bars by the last
trading date they hold (as g3204/o3108 label them); tick bars by their last trade's time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone

import numpy as np

DAY = 86400
FIELDS = ("o", "h", "l", "c", "v")
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


@dataclass(frozen=True)
class Timeframe:
    unit: str  # "tick" | "min" | "day" | "week" | "month"
    n: int = 1

    @property
    def id(self) -> str:
        if self.unit == "tick":
            return f"{self.n}t"
        if self.unit == "min":
            return f"{self.n}m"
        return {"day": "D", "week": "W", "month": "M"}[self.unit]

    @property
    def intraday(self) -> bool:
        return self.unit in ("tick", "min")

    @classmethod
    def parse(cls, text: str) -> Timeframe:
        s = (text or "").strip()
        if s in ("D", "W", "M"):
            return cls({"D": "day", "W": "week", "M": "month"}[s])
        if len(s) >= 2 and s[:-1].isdigit() and s[-1] in "tm" and int(s[:-1]) > 0:
            return cls("tick" if s[-1] == "t" else "min", int(s[:-1]))
        raise ValueError(f"unknown timeframe {text!r}")

    def __str__(self) -> str:
        return self.id


TIMEFRAMES = ("1t", "10t", "30t", "1m", "3m", "5m", "10m", "15m", "30m", "60m", "D", "W", "M")


def local_seconds(day: str, hms: str = "000000") -> int:
    """'20261130', '093015' (or '09:30:15') -> local seconds."""
    d = datetime(int(day[0:4]), int(day[4:6]), int(day[6:8]), tzinfo=timezone.utc)
    t = hms.replace(":", "")
    t = (t + "000000")[:6] if t else "000000"
    return int(d.timestamp()) + int(t[0:2]) * 3600 + int(t[2:4]) * 60 + int(t[4:6])


def local_seconds_many(days: list[str], times: list[str] | None = None) -> np.ndarray:
    """Vectorised `local_seconds` for a page of rows."""
    if not days:
        return np.zeros(0, np.int64)
    iso = [f"{d[0:4]}-{d[4:6]}-{d[6:8]}" for d in days]
    out = np.array(iso, dtype="datetime64[D]").astype("datetime64[s]").astype(np.int64)
    if times is not None:
        t = np.array([int((x.replace(":", "") + "000000")[:6]) for x in times], np.int64)
        out += (t // 10000) * 3600 + (t // 100 % 100) * 60 + t % 100
    return out


def date_text(t: int) -> str:
    return datetime.fromtimestamp(int(t), timezone.utc).strftime("%Y%m%d")


def _week(t: int) -> int:
    return (t // DAY + 3) // 7  # 1970-01-01 was a Thursday: weeks start on Monday


def _month(t: int) -> int:
    d = date.fromordinal(EPOCH_ORDINAL + t // DAY)
    return d.year * 12 + d.month


class BarSeries:
    """Bars ascending in time. Arrays are views into buffers that grow by doubling."""

    def __init__(self, timeframe: Timeframe, capacity: int = 1024):
        self.tf = timeframe
        self.n = 0
        self._t = np.zeros(capacity, np.int64)
        self._a = {k: np.zeros(capacity, np.float64) for k in FIELDS}
        self.ticks_in_last = timeframe.n  # tick bars: trades in the newest bar (full unless told)
        self.version = 0  # +1 on every change
        self.appended = 0  # +1 on every new bar (the chart shifts its view when following)
        self.resets = 0  # +1 when the bars are replaced at once (history loaded)
        self.prepended = 0  # older bars put before the first so far (a chart shifts its view by as many)
        # seconds after local midnight a trading day opens on the evening before (futures, see
        # trading_hours.session_open); 0: the calendar day. Its day bars, and an intraday VWAP's
        # sessions, start there.
        self.session_open = 0
        self.listeners: list[Callable[[str], None]] = []  # "reset" | "update" | "append"

    # ---- reading ----
    def __len__(self) -> int:
        return self.n

    @property
    def t(self) -> np.ndarray:
        return self._t[:self.n]

    @property
    def o(self) -> np.ndarray:
        return self._a["o"][:self.n]

    @property
    def h(self) -> np.ndarray:
        return self._a["h"][:self.n]

    @property
    def l(self) -> np.ndarray:  # noqa: E743
        return self._a["l"][:self.n]

    @property
    def c(self) -> np.ndarray:
        return self._a["c"][:self.n]

    @property
    def v(self) -> np.ndarray:
        return self._a["v"][:self.n]

    def arrays(self) -> dict[str, np.ndarray]:
        return {"t": self.t.copy(), **{k: self._a[k][:self.n].copy() for k in FIELDS}}

    def last(self) -> tuple | None:
        if not self.n:
            return None
        i = self.n - 1
        return (int(self._t[i]), *(float(self._a[k][i]) for k in FIELDS))

    # ---- writing ----
    def _reserve(self, size: int) -> None:
        cap = len(self._t)
        if size <= cap:
            return
        new = max(size, cap * 2)
        t = np.zeros(new, np.int64)
        t[:self.n] = self._t[:self.n]
        self._t = t
        for k in FIELDS:
            a = np.zeros(new, np.float64)
            a[:self.n] = self._a[k][:self.n]
            self._a[k] = a

    def replace(self, arrays: dict[str, np.ndarray], ticks_in_last: int | None = None) -> None:
        """Set every bar at once (history loaded)."""
        n = len(arrays["t"])
        self._reserve(max(n + 256, 1024))
        self._t[:n] = arrays["t"]
        for k in FIELDS:
            self._a[k][:n] = arrays[k]
        self.n = n
        if ticks_in_last is not None:
            self.ticks_in_last = ticks_in_last
        self.version += 1
        self.resets += 1
        self._emit("reset")

    def prepend(self, older: dict[str, np.ndarray]) -> int:
        """Put `older` bars (ascending, all older than the first bar) before the first; a reset.
        Returns how many were added (bars not older than the first are dropped)."""
        if self.n:
            older = {k: a[older["t"] < self._t[0]] for k, a in older.items()}
        k = len(older["t"])
        if not k:
            return 0
        n = self.n + k
        self._reserve(max(n + 256, 1024))
        self._t[k:n] = self._t[:self.n].copy()
        self._t[:k] = older["t"]
        for f in FIELDS:
            a = self._a[f]
            a[k:n] = a[:self.n].copy()
            a[:k] = older[f]
        self.n = n
        self.prepended += k
        self.version += 1
        self.resets += 1
        self._emit("reset")
        return k

    def append(self, t: int, o: float, h: float, low: float, c: float, v: float) -> None:
        self._reserve(self.n + 1)
        i = self.n
        self._t[i] = t
        a = self._a
        a["o"][i], a["h"][i], a["l"][i], a["c"][i], a["v"][i] = o, h, low, c, v
        self.n += 1
        self.version += 1
        self.appended += 1
        self._emit("append")

    def update_last(self, price: float, size: float, t: int | None = None) -> None:
        i = self.n - 1
        a = self._a
        if price > a["h"][i]:
            a["h"][i] = price
        if price < a["l"][i]:
            a["l"][i] = price
        a["c"][i] = price
        a["v"][i] += size
        if t is not None:
            self._t[i] = t
        self.version += 1
        self._emit("update")

    def _emit(self, what: str) -> None:
        for cb in list(self.listeners):
            cb(what)

    # ---- live trades ----
    def add_trade(self, t: int, price: float, size: float) -> str:
        """Fold one trade at local second `t` in; returns "update", "append" or "" (too old)."""
        tf = self.tf
        if not self.n:
            self.append(self._label(t), price, price, price, price, size)
            self.ticks_in_last = 1
            return "append"
        last_t = int(self._t[self.n - 1])
        if tf.unit == "tick":
            if t < last_t:
                return ""
            if self.ticks_in_last < tf.n:
                self.ticks_in_last += 1
                self.update_last(price, size, t)
                return "update"
            self.ticks_in_last = 1
            self.append(t, price, price, price, price, size)
            return "append"
        if tf.unit in ("week", "month"):
            key = _week if tf.unit == "week" else _month
            day = self.trade_day(t)
            if key(day) == key(last_t) and day >= last_t - 6 * DAY:
                self.update_last(price, size, max(last_t, day))
                return "update"
            if day < last_t:
                return ""
            self.append(day, price, price, price, price, size)
            return "append"
        start = self._label(t)
        if start == last_t:
            self.update_last(price, size)
            return "update"
        if start < last_t:
            return ""
        self.append(start, price, price, price, price, size)
        return "append"

    def _label(self, t: int) -> int:
        unit = self.tf.unit
        if unit == "min":
            width = 60 * self.tf.n
            return t - t % width
        if unit in ("day", "week", "month"):
            return self.trade_day(t)
        return t

    def trade_day(self, t: int) -> int:
        """The trading date (its midnight) local second `t` trades for: its own date, or the next
        from `session_open` on."""
        o = self.session_open
        return t - t % DAY if not o else ((t - o) // DAY + 1) * DAY
