"""Where the chart's time axis puts its labels: on round times for the timeframe and zoom (minutes on
multiples of 5, 10, 15, 30; hours; then days, weeks, months, years), each on the first bar at or
after its round time (nights and weekends have no bars), the change of day always marked with
the date (of month, of year with the month or year). A tick bar, stamped by its last trade, is
labelled with the round time it passed.

Per-bar stable: whether a bar is labelled, and with what, depends only on its own time, the
bar's before it, the step and the candidates within a label's width either side, never on
where the view starts or ends. A view that moved on by whole pixels at a new bar shows the same
labels on the same bars, so its moved pixels equal a redraw except near its right end (see
`TimeAxis.changed_spans`). The step comes from the zoom (pixels per bar) and the bars' typical
spacing, which is read once per history (a new bar does not change it).

Times are the bars' local seconds (the exchange's clock counted as if UTC, see bar_series)."""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from datetime import date, datetime, timezone

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

DAY = 86400
EPOCH = date(1970, 1, 1).toordinal()
WEEK = 7 * DAY
MONTH = 30.44 * DAY
YEAR = 365.25 * DAY
# steps under a day: each divides a day, so the day's start is a multiple of every one of them
SECONDS = (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 14400, 21600, 43200)
# (unit, count, approximate seconds) from a day on
CALENDAR = (("day", 1, DAY), ("week", 1, WEEK), ("month", 1, MONTH), ("month", 3, 3 * MONTH),
            ("month", 6, 6 * MONTH), ("year", 1, YEAR), ("year", 2, 2 * YEAR), ("year", 5, 5 * YEAR),
            ("year", 10, 10 * YEAR), ("year", 25, 25 * YEAR), ("year", 50, 50 * YEAR))
SMALLEST = {"tick": 0, "min": 0, "day": 0, "week": 1, "month": 2}  # the first CALENDAR step a bar unit allows
MONTHS = (QT_TRANSLATE_NOOP("Chart", "Jan"), QT_TRANSLATE_NOOP("Chart", "Feb"), QT_TRANSLATE_NOOP("Chart", "Mar"),
          QT_TRANSLATE_NOOP("Chart", "Apr"), QT_TRANSLATE_NOOP("Chart", "May"), QT_TRANSLATE_NOOP("Chart", "Jun"),
          QT_TRANSLATE_NOOP("Chart", "Jul"), QT_TRANSLATE_NOOP("Chart", "Aug"), QT_TRANSLATE_NOOP("Chart", "Sep"),
          QT_TRANSLATE_NOOP("Chart", "Oct"), QT_TRANSLATE_NOOP("Chart", "Nov"), QT_TRANSLATE_NOOP("Chart", "Dec"))
# ranks of a labelled bar: what changed since the bar before it; FIRST, the history's first bar,
# labelled as a new year is (its year; its date under a day) but giving way to a new year close
# after it (a contract's monthly chart from December on read "2025 … Jul" for July 2026)
STEP, NEW_DAY, NEW_MONTH, FIRST, NEW_YEAR = 0, 1, 2, 3, 4


def months_of(t: np.ndarray) -> np.ndarray:
    """Months since 1970-01 of local seconds `t`."""
    return np.asarray(t, dtype="datetime64[s]").astype("datetime64[M]").astype(np.int64)


def month_of(t: int) -> int:
    """`months_of` one time."""
    d = date.fromordinal(EPOCH + t // DAY)
    return (d.year - 1970) * 12 + d.month - 1


def month_start(m: np.ndarray) -> np.ndarray:
    return np.asarray(m, dtype="datetime64[M]").astype("datetime64[s]").astype(np.int64)


class Step:
    """A label step: `seconds` (under a day) or a calendar `unit` and `count`."""

    __slots__ = ("unit", "count", "seconds")

    def __init__(self, unit: str, count: int, seconds: float):
        self.unit, self.count, self.seconds = unit, count, seconds

    @property
    def key(self) -> tuple:
        return self.unit, self.count, self.seconds

    @property
    def seconds_shown(self) -> bool:
        return self.unit == "s" and self.seconds < 60

    def bucket(self, t: int):
        """What a bar at local second `t` falls in: a bar is a candidate (`candidates`) when its
        bucket differs from the bar's before it (a round time, or a coarser unit's, passed)."""
        if self.unit == "s":
            return t // int(self.seconds)
        if self.unit == "day":
            return t // DAY
        if self.unit == "week":  # (a month's start too, as `boundaries`)
            return (t // DAY + 3) // 7, month_of(t)
        return (month_of(t) + 1970 * 12) // (self.count * (12 if self.unit == "year" else 1))

    def boundaries(self, ta: int, tb: int) -> np.ndarray:
        """Its round times from the one at or before `ta` to `tb`."""
        if self.unit == "s":
            s = int(self.seconds)
            return np.arange(ta - ta % s, tb + 1, s, dtype=np.int64)
        if self.unit == "day":
            return np.arange(ta - ta % DAY, tb + 1, DAY, dtype=np.int64)
        if self.unit == "week":  # Mondays (1970-01-01 was a Thursday)
            w0, w1 = (ta // DAY + 3) // 7, (tb // DAY + 3) // 7
            weeks = np.arange(w0, w1 + 1, dtype=np.int64) * WEEK - 3 * DAY
            m0, m1 = month_of(ta), month_of(tb)
            if m1 == m0:
                return weeks
            return np.sort(np.concatenate((weeks, month_start(np.arange(m0 + 1, m1 + 1)))))  # a month's start too
        k = self.count * (12 if self.unit == "year" else 1)
        m0, m1 = month_of(ta), month_of(tb)
        first = (m0 + 1970 * 12) // k * k - 1970 * 12  # aligned on the calendar (years divisible by k)
        return month_start(np.arange(first, m1 + 1, k))


def choose_step(unit: str, px_per_bar: float, within: float, across: float, target: float) -> Step:
    """The smallest step whose labels fall at least `target` px apart: a step under a day
    counted in bars at the bars' spacing within a session (`within` seconds), a longer one at
    their spacing over days (`across`, nights and weekends included). Times only while the days
    (each one's date) are as far apart as that."""
    if unit in ("tick", "min") and DAY / across * px_per_bar >= target:
        for s in SECONDS:
            if s / within * px_per_bar >= target:
                return Step("s", 1, s)
    for name, count, secs in CALENDAR[SMALLEST.get(unit, 0):]:
        if secs / across * px_per_bar >= target:
            return Step(name, count, secs)
    name, count, secs = CALENDAR[-1]
    return Step(name, count, secs)


def rank(a: int, b: int) -> int:
    """What changed from a bar at local second `a` to the next at `b`: NEW_YEAR, NEW_MONTH, NEW_DAY or STEP."""
    da, db = a // DAY, b // DAY
    if da == db:
        return STEP
    x, y = date.fromordinal(EPOCH + da), date.fromordinal(EPOCH + db)
    return NEW_YEAR if x.year != y.year else NEW_MONTH if x.month != y.month else NEW_DAY


def candidates(t: np.ndarray, step: Step, lo: int, hi: int) -> tuple[list[int], list[int]]:
    """The bars in [lo, hi] that are first at or after a round time of `step` (or of a coarser
    unit, with its rank), and their ranks; bar 0 (the history's first) as FIRST."""
    n = len(t)
    lo, hi = max(0, lo), min(n - 1, hi)
    if hi < lo:
        return [], []
    ta, tb = int(t[lo]), int(t[hi])
    if (tb - ta) / step.seconds <= (hi - lo) + 64:  # few round times: find each one's bar
        found = np.searchsorted(t, step.boundaries(ta, tb), side="left")
    else:  # long gaps at a fine step: look at the bars instead
        seg = t[max(lo - 1, 0):hi + 1]
        if step.unit == "s":
            key = seg // int(step.seconds)
        elif step.unit == "day":
            key = seg // DAY
        elif step.unit == "week":
            key = (seg // DAY + 3) // 7 * 100000 + months_of(seg)
        else:
            key = (months_of(seg) + 1970 * 12) // (step.count * (12 if step.unit == "year" else 1))  # (as `boundaries`)
        found = np.flatnonzero(key[1:] != key[:-1]) + max(lo - 1, 0) + 1
    idx = [i for i in dict.fromkeys(found.tolist()) if lo <= i <= hi and i > 0]  # (ascending already)
    tb_ = t[[i - 1 for i in idx]].tolist() if idx else []
    ts = t[idx].tolist() if idx else []
    # a change coarser than the step is its own rank; one the step covers is the step's
    floor = {"day": NEW_DAY, "week": NEW_DAY, "month": NEW_MONTH, "year": NEW_YEAR}.get(step.unit, STEP)
    rk = []
    for a, b in zip(tb_, ts):
        r = rank(a, b)
        rk.append(STEP if r <= floor else r)
    if lo == 0:
        idx.insert(0, 0)
        rk.insert(0, FIRST if floor < NEW_YEAR else STEP)
    return idx, rk


def keep(ix: list[int], r: list[int], gap: int) -> list[int]:
    """The candidates shown: none within `gap` bars after one of equal or higher rank, nor
    within `gap` bars before one of higher rank (so two shown labels are never closer, and a
    new day beats the times around it). Depends on the candidates within `gap` only."""
    out = []
    m = len(ix)
    for j in range(m):
        i, rj = ix[j], r[j]
        k = j - 1
        hidden = False
        while k >= 0 and ix[k] >= i - gap:
            if r[k] >= rj:
                hidden = True
                break
            k -= 1
        if not hidden:
            k = j + 1
            while k < m and ix[k] <= i + gap:
                if r[k] > rj:
                    hidden = True
                    break
                k += 1
        if not hidden:
            out.append(j)
    return out


def label_text(t: int, rank: int, step: Step, on_round: bool = False) -> str:
    """The label of a bar at `t`; `on_round` (tick bars, stamped by their last trade): a time label
    tells the round time the bar passed (18:15, not the 18:16:10 of its last trade)."""
    if on_round and step.unit == "s" and rank < NEW_DAY:
        t = int(t) // step.seconds * step.seconds
    d = datetime.fromtimestamp(int(t), timezone.utc)
    if step.unit == "s":  # times; the date where the day changed
        if rank >= NEW_DAY:
            return d.strftime("%m/%d")
        return d.strftime("%H:%M:%S" if step.seconds < 60 else "%H:%M")
    if rank >= FIRST or step.unit == "year":
        return d.strftime("%Y")
    if rank == NEW_MONTH or step.unit == "month":
        return QCoreApplication.translate("Chart", MONTHS[d.month - 1])
    return d.strftime("%m/%d")


class TimeLabels:
    """The labels of a series at a zoom, those decided for good kept (a new bar decides its own)."""

    TARGET = 70.0  # px the step's labels are apart at least (within a session)

    def __init__(self) -> None:
        self._spacing_key: tuple | None = None
        self._spacing = (60.0, 60.0)
        self._spacing_n = 0
        # labels decided for good (bars [done[0], done[1]]: each has the bars after it its label
        # depends on), for the series, step and spacing of `_key`: a new bar decides a few more
        self._key: tuple | None = None
        self._done = (0, -1)
        self._bars: list[int] = []
        self._labels: list[str] = []
        self._texts: dict[tuple[int, int], str] = {}
        self.step: Step | None = None
        self._step_for: tuple | None = None

    @property
    def spacing_n(self) -> int:
        """The bars there were when the spacing was read (read again once they have doubled)."""
        return self._spacing_n

    def spacing(self, s) -> tuple[float, float]:
        """(within a session, over days) seconds per bar: the median gap between bars (no less
        than the timeframe's) and the history's span per bar. Read again only for another
        history or once it has doubled (never at each new bar)."""
        n = len(s)
        key = (id(s), s.resets)
        if key == self._spacing_key and n < 2 * self._spacing_n:
            return self._spacing
        t = s.t
        nominal = 60.0 * s.tf.n if s.tf.unit == "min" else {"day": DAY, "week": WEEK, "month": MONTH}.get(s.tf.unit, 1.0)
        if n >= 2:
            tail = t[-2001:]  # (the newest 2,000 gaps tell it, in 0.05 ms)
            d = np.diff(tail)
            within = max(nominal, float(np.median(d)) if len(d) else nominal, 1.0)
            across = max(within, float(t[-1] - t[0]) / (n - 1))
        else:
            within = across = nominal
        self._spacing_key, self._spacing_n, self._spacing = key, max(n, 2), (within, across)
        return self._spacing

    def ticks(self, s, mn: float, mx: float, size: float, min_gap_px) -> tuple[list[float], list[str]]:
        """Bars in view [mn, mx] (`size` px) to label, and their labels; `min_gap_px(step)` how
        close two may come."""
        n = len(s) if s is not None else 0
        if not n or size <= 0 or mx <= mn:
            self.step = self._step_for = None
            return [], []
        ppb = size / (mx - mn)
        within, across = self.spacing(s)
        how = (s.tf.unit, ppb, within, across)
        if how != self._step_for:  # (the same zoom at each new bar)
            self._step_for, self.step = how, choose_step(s.tf.unit, ppb, within, across, self.TARGET)
        step = self.step
        gap = max(1, math.ceil(min_gap_px(step) / ppb))
        first, last = max(0, int(math.ceil(mn))), min(n - 1, int(math.floor(mx)))
        if last < first:
            return [], []
        months = QCoreApplication.translate("Chart", "Jan")  # (another language: other texts)
        key = (id(s), s.resets, step.key, gap, months)
        if key != self._key or len(self._bars) > 20000 or len(self._texts) > 20000:
            self._key, self._done, self._bars, self._labels = key, (0, -1), [], []
            self._texts.clear()
        t = s.t
        dlo, dhi = self._done
        if not dlo <= first <= dhi + 1:  # elsewhere than what is decided: start again at `first`
            dlo, dhi, self._bars, self._labels = first, first - 1, [], []
        lo = dhi + 1  # (after a new bar: the bars from the last one that was not final on)
        tail_bars: list[int] = []
        tail_labels: list[str] = []
        if last >= lo:
            idx, rk = candidates(t, step, lo - 2 * gap, last + gap)
            final = n - 1 - gap  # the bars up to here have every bar their label depends on
            for j in keep(idx, rk, gap):
                i = idx[j]
                if lo <= i <= last:
                    text = self._texts.get((i, rk[j]))
                    if text is None:  # (the newest bars' labels are read again at each new bar)
                        text = self._texts[(i, rk[j])] = label_text(int(t[i]), rk[j], step, s.tf.unit == "tick")
                    if i <= final:
                        self._bars.append(i)
                        self._labels.append(text)
                    else:
                        tail_bars.append(i)
                        tail_labels.append(text)
            dhi = max(dhi, min(last, final))
        self._done = (dlo, dhi)
        a, b = bisect_left(self._bars, first), bisect_right(self._bars, last)
        return [float(i) for i in self._bars[a:b]] + [float(i) for i in tail_bars], \
            self._labels[a:b] + tail_labels
