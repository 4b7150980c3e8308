"""The chart's axes: a value axis (price, volume, indicator) and an index time axis (dates across
sessions and gaps, no empty nights and weekends). They draw ticks and cached static texts straight
into the view's cached layer (see `layers.py`), never pyqtgraph's per-range QPicture and label
HTML: moving a range costs a few drawStaticText calls, not a re-layout.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime, timezone

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPixmap

from app.ui.chart.layers import StaticLayerItem
from app.ui.chart.time_labels import TimeLabels

TICK = 4  # tick mark length in px


def utc(t: int) -> datetime:
    return datetime.fromtimestamp(int(t), timezone.utc)


def nice_step(raw: float, steps=(1, 2, 2.5, 5, 10)) -> float:
    """The smallest 'round' step (1, 2, 2.5, 5 × 10^k) at least `raw`."""
    if raw <= 0 or not math.isfinite(raw):
        return 1.0
    mag = 10 ** math.floor(math.log10(raw))
    return next(m * mag for m in steps if m * mag >= raw * (1 - 1e-12))


def finer_step(step: float) -> float:
    """The next 'round' step below `step` (50 → 25 → 20 → 10)."""
    mag = 10 ** math.floor(math.log10(step))
    return next(m * e for e in (mag, mag / 10) for m in (5, 2.5, 2, 1) if m * e < step * (1 - 1e-9))


def compact(v: float, step: float) -> str:
    """Volume-like values: 1.2K, 3.5M."""
    a = abs(v)
    for div, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if a >= div:
            d = max(0, min(2, -int(math.floor(math.log10(step / div))))) if step > 0 else 0
            return f"{v / div:.{d}f}{suffix}"
    return f"{v:,.0f}"


class FastAxis(StaticLayerItem, pg.AxisItem):
    """An axis that keeps pyqtgraph's place in the plot layout but draws itself: lines as filled
    one-pixel rects, each label a small opaque pixmap made once (a blit, not glyph rendering)."""

    def __init__(self, orientation: str):
        super().__init__(orientation)
        self.enableAutoSIPrefix(False)
        self.background = QColor("#121316")
        self._labels_px: dict[tuple[str, float], QPixmap] = {}

    def setRange(self, mn: float, mx: float) -> None:
        self.range = [mn, mx]  # the view redraws its cached layer when a range moves

    def setTextPen(self, *args, **kwargs) -> None:
        super().setTextPen(*args, **kwargs)
        self.__dict__.get("_labels_px", {}).clear()  # (pyqtgraph calls this before our __init__ body)

    def set_background(self, color: QColor) -> None:
        self.background = QColor(color)
        self._labels_px.clear()
        self.update()

    def ticks(self, mn: float, mx: float, size: float) -> tuple[list[float], list[str]]:
        raise NotImplementedError

    def label_pixmap(self, s: str, dpr: float) -> QPixmap:
        key = (s, dpr)
        pm = self._labels_px.get(key)
        if pm is None:
            if len(self._labels_px) > 2000:
                self._labels_px.clear()
            font = self.style.get("tickFont") or QFont()
            fm = QFontMetricsF(font)
            w, h = math.ceil(fm.horizontalAdvance(s)) + 1, math.ceil(fm.height())
            pm = QPixmap(max(1, int(w * dpr)), max(1, int(h * dpr)))
            pm.setDevicePixelRatio(dpr)
            pm.fill(self.background)
            q = QPainter(pm)
            q.setFont(font)
            q.setPen(self._textPen if self._textPen is not None else self.textPen())
            q.drawText(QPointF(0, fm.ascent()), s)
            q.end()
            self._labels_px[key] = pm
        return pm

    cache = False  # keep the drawn axis as a pixmap while its range and ticks stay (value axes)
    only: list[tuple[float, float]] | None = None  # set while parts are drawn: ticks and labels outside skipped
    blank = False  # no bars to show: the axis line only (not the values of bars shown before)

    def paint(self, p: QPainter, *args) -> None:
        mn, mx = self.range
        r = self.rect()
        vertical = self.orientation in ("left", "right")
        size = r.height() if vertical else r.width()
        if mx == mn or size <= 0:
            return
        values, strings = ([], []) if self.blank else self.ticks(mn, mx, size)
        line = (self._pen if self._pen is not None else self.pen()).color()  # pen() builds a new QPen
        dpr = p.device().devicePixelRatioF() if p.device() is not None else 1.0
        if not self.cache:
            self._draw(p, r, vertical, mn, mx, size, values, strings, line, dpr)
            return
        key = (mn, mx, r.width(), r.height(), dpr, tuple(strings), line.rgba(), self.background.rgba())
        if key != self.__dict__.get("_drawn_key"):
            pm = QPixmap(max(1, math.ceil(r.width() * dpr)), max(1, math.ceil(r.height() * dpr)))
            pm.setDevicePixelRatio(dpr)
            pm.fill(self.background)
            q = QPainter(pm)
            self._draw(q, r, vertical, mn, mx, size, values, strings, line, dpr)
            q.end()
            self._drawn_key, self._drawn = key, pm
        p.drawPixmap(QPointF(0, 0), self._drawn)

    def _draw(self, p: QPainter, r, vertical: bool, mn: float, mx: float, size: float, values, strings,
              line: QColor, dpr: float) -> None:
        if vertical:
            p.fillRect(QRectF(0, 0, 1, r.height()), line)
        else:
            p.fillRect(QRectF(0, 0, r.width(), 1), line)
        scale = size / (mx - mn)
        pos = [(mx - v) * scale if vertical else (v - mn) * scale for v in values]
        spans = self.only if self.only is not None and not vertical else [(-math.inf, math.inf)]
        for x in pos:
            if any(a - 2 <= round(x) <= b + 1 for a, b in spans):
                p.fillRect(QRectF(0, round(x), TICK, 1) if vertical else QRectF(round(x), 0, 1, TICK), line)
        for x, s in zip(pos, strings):
            if not s:
                continue
            pm = self.label_pixmap(s, dpr)
            w, h = pm.width() / dpr, pm.height() / dpr
            if vertical:
                if x - h / 2 < -2:
                    continue  # at the very top: the pane above has its lowest label there
                p.drawPixmap(QPointF(TICK + 3, round(min(x - h / 2, r.height() - h))), pm)
            else:
                left = round(min(max(x - w / 2, 0), r.width() - w))
                if any(left + w >= a - 1 and left <= b + 1 for a, b in spans):
                    p.drawPixmap(QPointF(left, TICK + 2), pm)

    def changed_spans(self, strip: float, dpr: float) -> list[tuple[float, float]]:
        """A horizontal axis after the view moved on by whole pixels (its scale unchanged), its old
        pixels moved with it: the x spans (axis coordinates) that may differ from a redraw. Labels
        move with their bars except where they are held inside the axis at either end, and new
        ticks come only with the bars from x `strip` on; elsewhere old and new pixels are the same."""
        mn, mx = self.range
        width = self.rect().width()
        if mx == mn or width <= 0:
            return [(0.0, width)]
        _values, strings = self.ticks(mn, mx, width)
        wide = max([self.label_pixmap(s, dpr).width() / dpr for s in strings if s] or [0]) + 2.0
        right = max(0.0, min(strip - wide / 2, width - wide) - 2)
        if right <= wide:
            return [(0.0, width)]
        return [(0.0, wide), (right, width)]


class ValueAxis(FastAxis):
    """Round values about every 45 px, formatted by `fmt(value, step)`."""

    cache = True  # a new bar seldom moves the price or volume range

    def __init__(self, orientation: str = "right", fmt: Callable[[float, float], str] | None = None):
        super().__init__(orientation)
        self.fmt = fmt or self.plain

    @staticmethod
    def plain(v: float, step: float) -> str:
        d = max(0, min(8, -int(math.floor(math.log10(step))) + (1 if step / 10 ** math.floor(math.log10(step)) == 2.5 else 0)))
        return f"{v:,.{d}f}"

    levels: tuple[float, ...] = ()  # fixed values to label instead of round steps (RSI: 30, 70)

    def ticks(self, mn: float, mx: float, size: float) -> tuple[list[float], list[str]]:
        lo, hi = min(mn, mx), max(mn, mx)
        if self.levels:
            values = [v for v in self.levels if lo <= v <= hi]
            return values, [self.fmt(v, 1.0) for v in values]
        step = nice_step((hi - lo) / max(1.0, size / 45))
        values = self._values(lo, hi, step)
        if 0 < len(values) < 4 and size >= 40 and hi > lo:  # a short pane (volume): two labels drawn, not one
            # (a value within half a label of the top is not drawn: see `_draw`)
            label = self.label_pixmap("0", 1.0)  # (every label is as tall)
            room = (label.height() / 2 - 2) * (hi - lo) / size
            for _ in range(4):
                if sum(1 for v in values if v <= hi - room) >= 2:
                    break
                step = finer_step(step)
                values = self._values(lo, hi, step)
        return values, [self.fmt(v, step) for v in values]

    @staticmethod
    def _values(lo: float, hi: float, step: float) -> list[float]:
        first = math.ceil(lo / step)
        count = int(math.floor(hi / step)) - first + 1
        return [(first + i) * step for i in range(count)] if 0 < count <= 200 else []


class TimeAxis(FastAxis):
    """Bar indices labelled with round times (see `time_labels`): times, and the date where the day
    changes, then dates, months and years as the view zooms out."""

    def __init__(self, view):
        super().__init__("bottom")
        self.view = view
        self.labels = TimeLabels()
        self._ticks_key: tuple | None = None
        self._ticks: tuple[list[float], list[str]] = ([], [])
        self._painted_step: tuple | None = None  # the step of the labels drawn last
        self._gap_px: tuple[float, float] | None = None
        self.setStyle(tickTextOffset=4, autoExpandTextSpace=False)
        self.setHeight(22)

    def gap_px(self, step=None) -> float:
        """How close two labels of `step` may come (px): the width of the widest and some room."""
        if self._gap_px is None:
            fm = QFontMetricsF(self.style.get("tickFont") or QFont())
            self._gap_px = (fm.horizontalAdvance("00/00") + 14, fm.horizontalAdvance("00:00:00") + 10)
        return self._gap_px[1 if step is None or step.seconds_shown else 0]

    def setStyle(self, **kwargs) -> None:
        super().setStyle(**kwargs)
        self._gap_px = None  # (a new tick font)

    def ticks(self, mn: float, mx: float, size: float) -> tuple[list[float], list[str]]:
        s = self.view.series
        key = (mn, mx, size, id(s), getattr(s, "resets", 0), len(s) if s is not None else 0)
        if key == self._ticks_key:  # (a moved layer asks for them once per part it draws)
            return self._ticks
        out = self.labels.ticks(s, mn, mx, size, self.gap_px) if s is not None else ([], [])
        self._ticks_key, self._ticks = key, out
        return out

    def tickValues(self, minVal, maxVal, size):  # (pyqtgraph's own use; the paint reads `ticks`)
        values, _strings = self.ticks(minVal, maxVal, size)
        return [(1.0, values)] if values else []

    def tickStrings(self, values, scale, spacing):
        shown = dict(zip(*self._ticks))
        return [shown.get(float(v), "") for v in values]

    def paint(self, p: QPainter, *args) -> None:
        super().paint(p, *args)
        step = self.labels.step
        self._painted_step = step.key if step is not None and not self.blank else None
        self._painted = self._drawn_as()
        self._painted_bars = self._bars(step)

    _painted: tuple | None = None
    _painted_bars: tuple | None = None

    def _drawn_as(self) -> tuple:
        mn, mx = self.range
        r = self.rect()
        values, strings = ([], []) if self.blank or mx == mn or r.width() <= 0 else self.ticks(mn, mx, r.width())
        return mn, mx, r.width(), r.height(), self.blank, tuple(values), tuple(strings)

    def unchanged(self) -> bool:
        """Drawn again now, it would paint what it painted last (its range, size, ticks and labels
        are the same): a new bar in the room right of the newest seldom brings a label."""
        if self._painted is not None and self._no_new_candidate():
            return True
        if self._painted != self._drawn_as():
            return False
        self._painted_bars = self._bars(self.labels.step)  # (the labels painted hold for these bars too)
        return True

    def _bars(self, step) -> tuple:
        """The bars the labels are decided for (series, history, count) and their step."""
        s = self.view.series
        return id(s), getattr(s, "resets", 0), len(s) if s is not None else 0, step

    def _no_new_candidate(self) -> bool:
        """Only bars were added since the paint, the range, size and step as they were, and none of
        them is a candidate for a label (`TimeLabels.ticks` would decide the same labels: they
        depend on the candidates alone). Without reading the labels again: a new bar's cost."""
        s = self.view.series
        bars = self._painted_bars
        if s is None or bars is None or bars[:2] != (id(s), getattr(s, "resets", 0)) or bars[3] is None:
            return False
        n0, step, n = bars[2], bars[3], len(s)
        labels = self.labels
        if not 0 < n0 <= n or labels.step is not step or n >= 2 * labels.spacing_n:  # (spacing read again)
            return False
        mn, mx = self.range
        r = self.rect()
        if self._painted[:5] != (mn, mx, r.width(), r.height(), self.blank):
            return False
        # from the bar that was the newest at the paint: its time may have moved on since (a tick
        # bar is stamped by its last trade); a bucket only grows with the time, so a bar that was
        # a candidate then is one now
        t = s.t[max(n0 - 2, 0):n].tolist()
        return all(step.bucket(a) == step.bucket(b) for a, b in zip(t, t[1:]))

    def changed_spans(self, strip: float, dpr: float) -> list[tuple[float, float]]:
        """As `FastAxis.changed_spans`, and further left by a label's room: a new bar that starts a
        day hides a time label just before it. All of it when the step changed (the history's
        spacing was read again)."""
        mn, mx = self.range
        width = self.rect().width()
        if mx == mn or width <= 0:
            return [(0.0, width)]
        self.ticks(mn, mx, width)
        step = self.labels.step
        if step is None or step.key != self._painted_step:
            return [(0.0, width)]
        return super().changed_spans(strip - self.gap_px(step), dpr)
