"""The chart's axes: a value axis (price, volume, indicator) and an index time axis (dates across
sessions and gaps, no empty nights and weekends). They draw ticks and cached static texts straight
into the view's cached layer (see `layers.py`), never pyqtgraph's per-range QPicture and label
HTML: moving a range costs a few drawStaticText calls, not a re-layout.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime, timezone

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainter, QStaticText

from app.ui.chart.layers import StaticLayerItem

TICK = 4  # tick mark length in px


def utc(t: int) -> datetime:
    return datetime.fromtimestamp(int(t), timezone.utc)


def nice_step(raw: float, steps=(1, 2, 2.5, 5, 10)) -> float:
    """The smallest 'round' step (1, 2, 2.5, 5 × 10^k) at least `raw`."""
    if raw <= 0 or not math.isfinite(raw):
        return 1.0
    mag = 10 ** math.floor(math.log10(raw))
    return next(m * mag for m in steps if m * mag >= raw * (1 - 1e-12))


def compact(v: float, step: float) -> str:
    """Volume-like values: 1.2K, 3.5M."""
    a = abs(v)
    for div, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if a >= div:
            d = max(0, min(2, -int(math.floor(math.log10(step / div))))) if step > 0 else 0
            return f"{v / div:.{d}f}{suffix}"
    return f"{v:,.0f}"


class FastAxis(StaticLayerItem, pg.AxisItem):
    """An axis that keeps pyqtgraph's place in the plot layout but draws itself."""

    def __init__(self, orientation: str):
        super().__init__(orientation)
        self.enableAutoSIPrefix(False)
        self._texts: dict[str, QStaticText] = {}

    def setRange(self, mn: float, mx: float) -> None:
        self.range = [mn, mx]  # the view redraws its cached layer when a range moves

    def ticks(self, mn: float, mx: float, size: float) -> tuple[list[float], list[str]]:
        raise NotImplementedError

    def text(self, s: str) -> QStaticText:
        st = self._texts.get(s)
        if st is None:
            if len(self._texts) > 2000:
                self._texts.clear()
            st = self._texts[s] = QStaticText(s)
        return st

    def paint(self, p: QPainter, *args) -> None:
        mn, mx = self.range
        r = self.rect()
        vertical = self.orientation in ("left", "right")
        size = r.height() if vertical else r.width()
        if mx == mn or size <= 0:
            return
        font = self.style.get("tickFont")
        if font is not None:
            p.setFont(font)
        values, strings = self.ticks(mn, mx, size)
        pen = self.pen()
        p.setPen(pen)
        if vertical:
            p.drawLine(QPointF(0, 0), QPointF(0, r.height()))
        else:
            p.drawLine(QPointF(0, 0), QPointF(r.width(), 0))
        scale = size / (mx - mn)
        pos = [(mx - v) * scale if vertical else (v - mn) * scale for v in values]
        for x in pos:
            if vertical:
                p.drawLine(QPointF(0, x), QPointF(TICK, x))
            else:
                p.drawLine(QPointF(x, 0), QPointF(x, TICK))
        p.setPen(self.textPen())
        right = r.width()
        for x, s in zip(pos, strings):
            if not s:
                continue
            st = self.text(s)
            w, h = st.size().width(), st.size().height()
            if vertical:
                y = min(max(x - h / 2, 0), r.height() - h)
                p.drawStaticText(QPointF(TICK + 3, y), st)
            else:
                left = min(max(x - w / 2, 0), right - w)
                p.drawStaticText(QPointF(left, TICK + 1), st)


class ValueAxis(FastAxis):
    """Round values about every 45 px, formatted by `fmt(value, step)`."""

    def __init__(self, orientation: str = "right", fmt: Callable[[float, float], str] | None = None):
        super().__init__(orientation)
        self.fmt = fmt or self.plain

    @staticmethod
    def plain(v: float, step: float) -> str:
        d = max(0, min(8, -int(math.floor(math.log10(step))) + (1 if step / 10 ** math.floor(math.log10(step)) == 2.5 else 0)))
        return f"{v:,.{d}f}"

    def ticks(self, mn: float, mx: float, size: float) -> tuple[list[float], list[str]]:
        lo, hi = min(mn, mx), max(mn, mx)
        step = nice_step((hi - lo) / max(1.0, size / 45))
        first = math.ceil(lo / step)
        count = int(math.floor(hi / step)) - first + 1
        if count <= 0 or count > 200:
            return [], []
        values = [(first + i) * step for i in range(count)]
        return values, [self.fmt(v, step) for v in values]


class TimeAxis(FastAxis):
    """Bar indices labelled with their times: dates where the day (or year) changes, else times."""

    def __init__(self, view):
        super().__init__("bottom")
        self.view = view
        self.setStyle(tickTextOffset=4, autoExpandTextSpace=False)
        self.setHeight(22)

    def ticks(self, mn: float, mx: float, size: float) -> tuple[list[float], list[str]]:
        spec = self.tickValues(mn, mx, size)
        if not spec:
            return [], []
        step, values = spec[0]
        return values, self.tickStrings(values, 1.0, step)

    def tickValues(self, minVal, maxVal, size):
        s = self.view.series
        if s is None or not len(s) or size <= 0:
            return []
        per_px = (maxVal - minVal) / size
        raw = max(1.0, per_px * 110)
        step = nice_step(raw, (1, 2, 5, 10))
        first = max(0, int(math.ceil(minVal / step) * step))
        last = min(len(s) - 1, int(maxVal))
        if last < first:
            return []
        return [(step, list(range(first, last + 1, int(step))))]

    def tickStrings(self, values, scale, spacing):
        s = self.view.series
        if s is None or not len(s):
            return ["" for _ in values]
        unit = s.tf.unit
        out, prev = [], None
        if len(values):
            i0 = int(values[0])
            t = s.t[np.clip(np.asarray(values, dtype=np.int64), 0, len(s) - 1)]
        for j, v in enumerate(values):
            i = int(v)
            if not 0 <= i < len(s):
                out.append("")
                continue
            d = utc(t[j])
            if j == 0 and i0 > 0:
                prev = utc(s.t[max(0, i - int(spacing))])
            if unit in ("tick", "min"):
                new_day = prev is None or prev.date() != d.date()
                fmt = "%m/%d" if new_day else ("%H:%M:%S" if unit == "tick" else "%H:%M")
            elif unit == "month":
                fmt = "%Y" if prev is None or prev.year != d.year else "%b"
            else:
                fmt = "%Y" if prev is None or prev.year != d.year else "%m/%d"
            out.append(d.strftime(fmt))
            prev = d
        return out
