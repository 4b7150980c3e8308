"""Price and volume items that draw from numpy arrays: visible-slice culling, a level-of-detail
summary (bars merged to about one per 3 px); the newest bar (merged: the newest group, see
groups.py) is left to the live items (live.py), so a live tick repaints only them. Drawn with
QPainter.drawLines/drawRects over pyqtgraph's contiguous primitive arrays.

x is the bar index (an index axis: no empty nights and weekends); the last bar is `n - 1`.
"""

from __future__ import annotations


import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen

from app.ui.chart.groups import bulk_slice, bulk_view
from app.ui.chart.layers import StaticLayerItem
from app.ui.chart.recorder import Recorder, cosmetic_pen, record, record_volume, replay, rising


def before(series, starts: np.ndarray) -> np.ndarray:
    """The close before each bar (or group) starting at `starts`; the first bar's open for it."""
    out = series.c[np.maximum(starts - 1, 0)].astype(np.float64)
    if len(starts) and starts[0] == 0:
        out[0] = series.o[0]
    return out


def rises(series, lo: int, hi: int) -> np.ndarray:
    """Which of bars [lo, hi) are drawn in the up colour (see `rising`)."""
    return rising(series.o[lo:hi], series.c[lo:hi], before(series, np.arange(lo, hi)))


def bar_rises(series, i: int) -> bool:
    """`rises` for bar `i` alone, from scalars (the live bar, the read-out: on every tick)."""
    o, c = float(series.o[i]), float(series.c[i])
    return bool(rising(o, c, float(series.c[i - 1]) if i else o))


class Lod:
    """The visible slice of a series, merged into groups of `k` bars aligned to multiples of `k`."""

    def __init__(self) -> None:
        self._key: tuple | None = None
        self._prev: tuple | None = None  # the key of the last merged (k > 1) groups
        self.x = self.o = self.h = self.l = self.c = self.v = self.p = np.zeros(0)
        self.k = 1

    def get(self, series, lo: int, hi: int, k: int) -> Lod:
        """Groups covering bars [lo, hi) (hi excludes the live bar), cached until the bulk changes:
        another slice or history (a bar is changed only while it is the newest, past `hi`)."""
        lo = (lo // k) * k
        key = (id(series), series.resets, lo, hi, k)
        if key == self._key:
            return self
        self._key, self.k = key, k
        if hi <= lo or k == 1:
            self._prev = None
        if hi <= lo:
            self.x = self.o = self.h = self.l = self.c = self.v = self.p = np.zeros(0)
            return self
        if k == 1:
            self.x = np.arange(lo, hi, dtype=np.float64)
            self.o, self.h, self.l, self.c = (series.o[lo:hi], series.h[lo:hi], series.l[lo:hi], series.c[lo:hi])
            self.v = series.v[lo:hi]
            self.p = before(series, np.arange(lo, hi))
            return self
        prev = self._prev
        self._prev = key
        keep = 0  # groups still valid: a new bar changes only the last group (or opens one)
        if prev is not None and prev[:3] == key[:3] and prev[4] == k and hi >= prev[3]:
            keep = max(0, (prev[3] - lo) // k - 1) if len(self.x) else 0
            keep = min(keep, len(self.x))
        start = lo + keep * k
        starts = np.arange(start, hi, k)
        rel = starts - start
        ends = np.minimum(starts + k, hi) - 1
        parts = ((starts + ends) * 0.5, series.o[starts], np.maximum.reduceat(series.h[start:hi], rel),
                 np.minimum.reduceat(series.l[start:hi], rel), series.c[ends],
                 np.add.reduceat(series.v[start:hi], rel), before(series, starts))
        if keep:
            old = (self.x, self.o, self.h, self.l, self.c, self.v, self.p)
            parts = tuple(np.concatenate((a[:keep], b)) for a, b in zip(old, parts))
        self.x, self.o, self.h, self.l, self.c, self.v, self.p = parts
        return self


class _SeriesItem(pg.GraphicsObject):
    """Common ground: a series reference, colours, the visible slice and a level of detail."""

    grouped_live = False  # its bulk ends before the newest group (`live_start`), not the newest bar

    def __init__(self, series=None):
        super().__init__()
        self.series = series
        self.up = QColor("#ff5a5f")
        self.down = QColor("#4d8dff")
        self.lod = Lod()
        self.pens: dict[int, QPen] = {}
        self._bounds = QRectF()
        self._lines = PrimitiveArray(QLineF, 4)
        self.setFlag(self.GraphicsItemFlag.ItemUsesExtendedStyleOption)

    def set_series(self, series) -> None:
        self.series = series
        self.refresh_bounds()

    def set_colors(self, up: QColor, down: QColor) -> None:
        self.up, self.down = QColor(up), QColor(down)
        self.pens = {c.rgba(): cosmetic_pen(c) for c in (self.up, self.down)}
        self.update()

    def pen(self, color: QColor) -> QPen:
        pen = self.pens.get(color.rgba())
        if pen is None:
            pen = self.pens[color.rgba()] = cosmetic_pen(color)
        return pen

    def boundingRect(self) -> QRectF:
        return self._bounds

    def refresh_bounds(self) -> None:
        rect = self.data_bounds()
        if rect != self._bounds:
            self.prepareGeometryChange()
            self._bounds = rect
        self.update()

    def data_bounds(self) -> QRectF:
        return QRectF()

    def visible(self) -> tuple[int, int, int] | None:
        """(lo, hi, k): bars [lo, hi) of the bulk in view and the group size for MIN_PX."""
        s = self.series
        vb = self.view_box()
        if s is None or vb is None or len(s) < 2:
            return None
        (x0, x1), _ = vb.viewRange()
        if self.grouped_live:
            vis = bulk_view(x0, x1, vb.width() or 1.0, len(s))
        else:
            vis = bulk_slice(x0, x1, vb.width() or 1.0, len(s) - 1)
        start = self.__dict__.get("paint_from")
        if vis is None or start is None:
            return vis
        lo, hi, k = vis  # a strip of the cached layer: the bars from `start` on (whole groups)
        lo = max(lo, (start // k) * k)
        return (lo, hi, k) if lo < hi else None

    def view_box(self):
        vb = self.__dict__.get("_view_box")
        if vb is None:  # pyqtgraph walks the parents on every call: once is enough
            vb = self.getViewBox()
            if vb is not None:
                self._view_box = vb
        return vb

    def groups(self, lod: Lod, lo: int, hi: int, k: int) -> Lod:
        """`lod`'s groups for the slice; a strip's own (not to lose the view's cached groups)."""
        if self.__dict__.get("paint_from") is None:
            return lod.get(self.series, lo, hi, k)
        strip = self.__dict__.get("_strip_lod")
        if strip is None:
            strip = self._strip_lod = Lod()
        return strip.get(self.series, lo, hi, k)

    def draw_lines(self, p: QPainter, x0, y0, x1, y1) -> None:
        m = len(x0)
        if not m:
            return
        self._lines.resize(m)
        a = self._lines.ndarray()
        a[:, 0], a[:, 1], a[:, 2], a[:, 3] = x0, y0, x1, y1
        p.drawLines(*self._lines.drawargs())


def blend(color: QColor, background: QColor, share: float) -> QColor:
    """`color` mixed with `background` (`share` of the colour), opaque: what a translucent colour
    looks like over that background, at the price of an opaque one."""
    b = QColor(background)
    return QColor(int(color.red() * share + b.red() * (1 - share)),
                  int(color.green() * share + b.green() * (1 - share)),
                  int(color.blue() * share + b.blue() * (1 - share)))


class PriceItem(StaticLayerItem, _SeriesItem):
    """Candles, OHLC bars or a close line of every bar but the newest (with bars merged in groups:
    of every group but the newest; see `LiveBarItem`)."""

    STYLES = ("candle", "ohlc", "line")
    grouped_live = True

    @property
    def holds(self) -> bool:
        """LiveBarItem draws the bars held back as candles or OHLC bars (a line's held segment
        would be drawn over the curves' newest segments in the layer: not what a redraw paints)."""
        return self.style != "line"

    def __init__(self, series=None, style: str = "candle"):
        super().__init__(series)
        self.style = style if style in self.STYLES else "candle"
        self.line_color = QColor("#e4e6eb")
        self.recorder = Recorder()

    def set_style(self, style: str) -> None:
        self.style = style if style in self.STYLES else "candle"
        self.update()

    def data_bounds(self) -> QRectF:
        """Running low/high: the whole series once (history), then widened by each new bar."""
        s = self.series
        if s is None or not len(s):
            self._span = None
            return QRectF()
        key = (id(s), s.resets)
        if getattr(self, "_span_key", None) != key or self._span is None:
            self._span_key = key
            self._span = [float(np.nanmin(s.l)), float(np.nanmax(s.h))]
        else:
            i = len(s) - 1
            self._span[0] = min(self._span[0], float(s.l[i]))
            self._span[1] = max(self._span[1], float(s.h[i]))
        lo, hi = self._span
        return QRectF(-0.5, lo, len(s), max(hi - lo, 1e-9))

    def paint(self, p: QPainter, *args) -> None:
        vis = self.visible()
        if vis is None:
            return
        lo, hi, k = vis
        g = self.groups(self.lod, lo, hi, k)
        if not len(g.x):
            return
        # the bulk changes only with the slice, a new bar or the look: replay its primitives
        vb = self._view_box
        (x0, x1), _ = vb.viewRange()
        px = (x1 - x0) / max(1.0, vb.width())  # one device pixel in x units
        look = (id(self.series), self.series.resets, k, self.style, self.up.rgba(), self.down.rgba(),
                self.line_color.rgba(), round(px, 9))  # (px: as `LiveBarItem` draws the bars held back)
        style = self.style
        replay(p, self.recorder.ops(g, look, lambda i0, i1: record(
            self, style, g.x[i0:i1], g.o[i0:i1], g.h[i0:i1], g.l[i0:i1], g.c[i0:i1], k, px,
            rising(g.o[i0:i1], g.c[i0:i1], g.p[i0:i1]))))


class VolumeItem(StaticLayerItem, _SeriesItem):
    """Volume bars (summed per merged group), coloured by the bar's direction."""

    holds = True  # (LiveVolumeItem draws the bars held back)
    grouped_live = True

    def __init__(self, series=None):
        super().__init__(series)
        self.background = QColor("#121316")
        self._fills: dict[int, QColor] = {}
        self.lod_source: PriceItem | None = None
        self.recorder = Recorder()
        self._vmax = 0.0

    def data_bounds(self) -> QRectF:
        s = self.series
        if s is None or not len(s):
            return QRectF()
        key = (id(s), s.resets)
        if getattr(self, "_vkey", None) != key:
            self._vkey, self._vmax = key, float(np.nanmax(s.v))
        else:
            self._vmax = max(self._vmax, float(s.v[-1]))
        return QRectF(-0.5, 0.0, len(s), max(self._vmax, 1.0))

    def fill(self, color: QColor) -> QColor:
        """`color` mixed 60/40 with the background, opaque: blended fills are several times slower."""
        key = color.rgba()
        out = self._fills.get(key)
        if out is None:
            out = self._fills[key] = blend(color, self.background, 0.6)
        return out

    def paint(self, p: QPainter, *args) -> None:
        s = self.series
        vis = self.visible()
        if vis is None:
            return
        lo, hi, k = vis
        g = self.groups(self.lod_source.lod if self.lod_source is not None else self.lod, lo, hi, k)
        look = (id(s), s.resets, k, self.up.rgba(), self.down.rgba(), self.background.rgba())
        fills = (self.fill(self.up), self.fill(self.down))
        replay(p, self.recorder.ops(g, look, lambda i0, i1: record_volume(
            fills, g.x[i0:i1], g.v[i0:i1], rising(g.o[i0:i1], g.c[i0:i1], g.p[i0:i1]), k)))
