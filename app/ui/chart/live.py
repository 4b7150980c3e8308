"""The live items: the newest bar (with bars merged in groups, the newest group) and its volume,
drawn over the cached layer (layers.py), so that a live tick repaints these small items, not the
history; and the closed bars the layer holds back (`held_from`), drawn as the layer draws them.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QPainter

from app.ui.chart.groups import group_size, live_start
from app.ui.chart.items import PriceItem, VolumeItem, _SeriesItem, bar_rises, rises
from app.ui.chart.recorder import BODY, cosmetic_pen, record, record_volume, replay, rising


def held_from(item) -> int | None:
    """The first closed bar that the cached layer of `item`'s view holds back (its live item draws
    it, see layers.py), or None."""
    scene = item.scene()
    if scene is None:
        return None
    for view in scene.views():
        layer = getattr(view, "layer", None)
        if layer is not None:
            return layer.held_from
    return None


class LiveBarItem(_SeriesItem):
    """The newest bar alone: a live tick repaints this small item, not the history. Drawn from
    scalars (a few fillRect calls): no arrays for one bar. With more bars than pixels (groups of k),
    the newest group: its bars merged as the bulk merges a group (see `live_start`)."""

    def __init__(self, price: PriceItem):
        super().__init__(price.series)
        self.price = price

    def live_group(self) -> tuple[int, int]:
        """(the first bar of the newest group, bars per group) at the view's zoom (see `live_start`)."""
        n = len(self.series)
        vb = self.price.view_box()  # (the price pane's: the panes' ranges are set one after the other, its first)
        if vb is None:
            return n - 1, 1
        x0, x1 = vb.state["viewRange"][0]  # (on every tick: not viewRange's copies, nor pyqtgraph's width())
        k = group_size(x0, x1, vb.size().width() or 1.0)
        return live_start(n, k), k

    def newest_group(self, g: int) -> tuple[float, float, float, float, float, float]:
        """(open, high, low, close, volume, the close before) of bars [g, n) merged as `Lod.get`
        merges a group; the closed bars' part is kept until a bar is added (a tick changes the
        newest bar alone)."""
        s = self.series
        now = (id(s), s.version, g)
        last = self.__dict__.get("_newest")
        if last is not None and last[0] == now:  # (the paint after the bounds, the other item's)
            return last[1]
        i = len(s) - 1
        key = (id(s), s.resets, g, i)
        closed = self.__dict__.get("_closed")
        if closed is None or closed[0] != key:
            closed = self._closed = (key, float(np.max(s.h[g:i])), float(np.min(s.l[g:i])),
                                     float(np.sum(s.v[g:i]))) if i > g else (key, -math.inf, math.inf, 0.0)
        _key, h, low, v = closed
        out = (float(s.o[g]), max(h, float(s.h[i])), min(low, float(s.l[i])), float(s.c[i]), v + float(s.v[i]),
               float(s.c[g - 1]) if g else float(s.o[0]))
        self._newest = (now, out)
        return out

    def held(self) -> int | None:
        """The first of the bars before the newest that the layer holds back, or None."""
        s = self.series
        a = held_from(self)
        if a is None or s is None or not 0 <= a < len(s) - 1:
            return None
        return a

    def data_bounds(self) -> QRectF:
        s = self.series
        if s is None or not len(s):
            return QRectF()
        i = len(s) - 1
        g, k = self.live_group()
        j = self.held() if k == 1 else None  # (bars are held back only when drawn one by one)
        if j is not None:
            lo, hi = float(np.nanmin(s.l[j:])), float(np.nanmax(s.h[j:]))
            return QRectF(j - 0.5, lo, i - j + 1.0, max(hi - lo, 1e-9))
        if k > 1:
            _o, hi, lo, _c, _v, prev = self.newest_group(g)
            x = (g + i) / 2
            left = x - k / 2
            if self.price.style == "line" and g > 0:  # from the close of the group before
                left = g - (k + 1) / 2
                lo, hi = min(lo, prev), max(hi, prev)
            return QRectF(left, lo, x + k / 2 - left, max(hi - lo, 1e-9))
        lo, hi = float(s.l[i]), float(s.h[i])
        if self.price.style == "line" and i > 0:  # the segment from the previous close
            lo, hi = min(lo, float(s.c[i - 1])), max(hi, float(s.c[i - 1]))
            return QRectF(i - 1.0, lo, 1.5, max(hi - lo, 1e-9))
        return QRectF(i - 0.5, lo, 1.0, max(hi - lo, 1e-9))

    def paint(self, p: QPainter, *args) -> None:
        s = self.series
        if s is None or not len(s):
            return
        i = len(s) - 1
        g, k = self.live_group()
        if k > 1:
            self._paint_group(p, g, i, k)
            return
        price = self.price
        j = self.held()
        if j is not None:  # the bars the layer holds back, as it draws them (PriceItem.paint)
            vb = price.getViewBox()
            if vb is not None:
                (x0, x1), _ = vb.viewRange()
                px = (x1 - x0) / max(1.0, vb.width())
                key = (id(s), s.resets, j, i, price.style, price.up.rgba(), price.down.rgba(), round(px, 9))
                if key != self.__dict__.get("_held_key"):  # (a tick leaves the held bars as they are)
                    self._held_key, self._held_ops = key, record(
                        price, price.style, np.arange(j, i, dtype=np.float64), s.o[j:i], s.h[j:i], s.l[j:i],
                        s.c[j:i], 1, px, rises(s, j, i))
                replay(p, self._held_ops)
        o, h, low, c = float(s.o[i]), float(s.h[i]), float(s.l[i]), float(s.c[i])
        color = price.up if bar_rises(s, i) else price.down
        half = BODY / 2
        if price.style == "line":
            if i > 0:
                pen = cosmetic_pen(price.line_color)
                pen.setWidthF(1.5)
                p.setPen(pen)
                p.drawLine(QLineF(i - 1.0, float(s.c[i - 1]), float(i), c))
        elif price.style == "ohlc":
            p.setPen(price.pen(color))
            p.drawLine(QLineF(i, low, i, h))
            p.drawLine(QLineF(i - half, o, i, o))
            p.drawLine(QLineF(i, c, i + half, c))
        else:
            px = 1.0 / max(abs(p.transform().m11()), 1e-12)  # one device pixel in x units
            p.fillRect(QRectF(i - px / 2, low, px, h - low), color)
            if c != o:
                p.fillRect(QRectF(i - half, min(o, c), 2 * half, abs(c - o)), color)
            else:
                p.setPen(price.pen(color))
                p.drawLine(QLineF(i - half, o, i + half, o))

    def _paint_group(self, p: QPainter, g: int, i: int, k: int) -> None:
        """Bars [g, i] as the bulk draws a group of `k` (PriceItem.paint: `Lod.get`, then `record`)."""
        price = self.price
        vb = price.view_box()
        x0, x1 = vb.state["viewRange"][0]
        px = (x1 - x0) / max(1.0, vb.size().width())
        x = (g + i) / 2
        o, h, low, c, _v, prev = self.newest_group(g)
        if price.style == "line":
            if g > 0:
                pen = cosmetic_pen(price.line_color)
                pen.setWidthF(1.5)
                p.setPen(pen)
                p.drawLine(QLineF(g - (k + 1) / 2, prev, x, c))
            return
        up = bool(rising(o, c, prev))
        if price.style == "candle":  # `record`'s rects and doji line (a filled rect paints what drawRects does)
            color = price.up if up else price.down
            half = BODY * k / 2
            p.fillRect(QRectF(x - px / 2, low, px, h - low), color)
            p.fillRect(QRectF(x - half, min(o, c), 2 * half, abs(c - o)), color)
            if c == o:
                p.setPen(price.pen(color))
                p.drawLines([QLineF(x - half, o, x + half, o)])
        else:
            replay(p, record(price, price.style, np.array([x]), np.array([o]), np.array([h]), np.array([low]),
                             np.array([c]), k, px, np.array([up])))


class LiveVolumeItem(_SeriesItem):
    """The newest bar's volume alone (the bulk stays in the cached layer while it changes); with
    bars merged, the newest group's total. Which bars those are, and their sums, it takes from the
    price pane's live item (`bars`)."""

    def __init__(self, volume: VolumeItem, bars: LiveBarItem):
        super().__init__(volume.series)
        self.volume = volume
        self.bars = bars

    def held(self) -> int | None:
        return self.bars.held()

    def live_group(self) -> tuple[int, int]:
        return self.bars.live_group()

    def newest_group(self, g: int) -> tuple[float, float, float, float, float, float]:
        return self.bars.newest_group(g)

    def data_bounds(self) -> QRectF:
        s = self.series
        if s is None or not len(s):
            return QRectF()
        g, k = self.live_group()
        if k > 1:
            x = (g + len(s) - 1) / 2
            return QRectF(x - k / 2, 0.0, k, max(self.newest_group(g)[4], 1e-9))
        j = self.held()
        if j is not None:
            return QRectF(j - 0.5, 0.0, len(s) - j, max(float(np.nanmax(s.v[j:])), 1e-9))
        return QRectF(len(s) - 1.5, 0.0, 1.0, max(float(s.v[-1]), 1e-9))

    def paint(self, p: QPainter, *args) -> None:
        s = self.series
        if s is None or not len(s):
            return
        i = len(s) - 1
        vol = self.volume
        g, k = self.live_group()
        if k > 1:  # the newest group, as VolumeItem draws a group (`record_volume`'s primitive)
            o, _h, _l, c, v, prev = self.newest_group(g)
            half = BODY * k / 2
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(vol.fill(vol.up if rising(o, c, prev) else vol.down))
            p.drawRects([QRectF((g + i) / 2 - half, 0.0, 2 * half, v)])
            return
        j = self.held()
        if j is not None:  # the bars the layer holds back, as it draws them (VolumeItem.paint)
            key = (id(s), s.resets, j, i, vol.up.rgba(), vol.down.rgba(), vol.background.rgba())
            if key != self.__dict__.get("_held_key"):  # (a tick leaves the held bars as they are)
                self._held_key, self._held_ops = key, record_volume(
                    (vol.fill(vol.up), vol.fill(vol.down)), np.arange(j, i, dtype=np.float64), s.v[j:i],
                    rises(s, j, i), 1)
            replay(p, self._held_ops)
        color = vol.fill(vol.up if bar_rises(s, i) else vol.down)
        p.fillRect(QRectF(i - BODY / 2, 0.0, BODY, float(s.v[i])), color)
