"""Lines over the bars: indicator curves (CurveItem, in the cached layer, and its live CurveTail),
the last-price line (PriceLineItem) with its label on the axis (AxisLabel), working orders' prices
on the axis (OrderTag, kept clear of the last price's label by stack_tags), fixed levels
(LevelLine); `spread` keeps a column of labels apart."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QStaticText
from PySide6.QtWidgets import QGraphicsObject

from app.ui.chart.items import _SeriesItem, cosmetic_pen
from app.ui.chart.layers import StaticLayerItem


class CurveItem(StaticLayerItem, _SeriesItem):
    """An indicator line (NaN gaps skipped) drawn from an array aligned with the bars, up to the
    bar before the newest; its last segment is `tail`, an item of its own (a live tick moves it)."""

    def __init__(self, color: QColor | str, width: float = 1.3):
        super().__init__(None)
        self.values: np.ndarray = np.zeros(0)
        self.color = QColor(color)
        self.width = width
        self.tail = CurveTail(self)
        self._bulk_key: tuple | None = None
        self.breaks: np.ndarray = np.zeros(0, np.int64)  # ascending bars b: no segment from b - 1 to b

    def set_values(self, values: np.ndarray, series) -> None:
        self.series = series
        self.values = values
        key = (id(series), getattr(series, "resets", 0), getattr(series, "appended", 0), len(values))
        if key != self._bulk_key:  # more than the newest value changed
            self._bulk_key = key
            self.refresh_bounds()
        self.tail.refresh()

    def data_bounds(self) -> QRectF:
        v = self.values
        if not len(v) or np.all(np.isnan(v)):
            return QRectF()
        lo, hi = float(np.nanmin(v)), float(np.nanmax(v))
        return QRectF(-0.5, lo, len(v), max(hi - lo, 1e-9))

    def pen(self, color: QColor | None = None) -> QPen:
        pen = cosmetic_pen(self.color)
        pen.setWidthF(self.width)
        return pen

    def paint(self, p: QPainter, *args) -> None:
        vis = self.visible()
        v = self.values
        if vis is None or len(v) < 2:
            return
        lo, hi, k = vis
        lo = (lo // k) * k  # points at multiples of k: they stay put when the view moves
        hi = min(len(v) - 1, hi + 1)  # points up to the bar before the newest
        if hi - lo < 2:
            return
        idx = np.arange(lo, hi, k)
        if idx[-1] != hi - 1:
            idx = np.append(idx, hi - 1)
        y = v[idx]
        x = idx.astype(np.float64)
        ok = ~(np.isnan(y[:-1]) | np.isnan(y[1:]))
        if len(self.breaks):  # (a VWAP starting again with a session: no line down to it)
            b = self.breaks
            ok &= np.searchsorted(b, idx[1:], side="right") == np.searchsorted(b, idx[:-1], side="right")
        p.setPen(self.pen())
        self.draw_lines(p, x[:-1][ok], y[:-1][ok], x[1:][ok], y[1:][ok])


class CurveTail(pg.GraphicsObject):
    """The last segment of a `CurveItem`: from the bar before the newest to the newest."""

    def __init__(self, curve: CurveItem):
        super().__init__()
        self.curve = curve
        self._bounds = QRectF()
        self._seg: tuple[float, float, float, float] | None = None

    def refresh(self) -> None:
        v = self.curve.values
        n = len(v)
        seg = None
        b = self.curve.breaks
        if n >= 2 and not (np.isnan(v[n - 2]) or np.isnan(v[n - 1])) and not (len(b) and b[-1] == n - 1):
            seg = (n - 2.0, float(v[n - 2]), n - 1.0, float(v[n - 1]))
        if seg != self._seg:
            rect = QRectF() if seg is None else QRectF(QPointF(seg[0], seg[1]), QPointF(seg[2], seg[3])).normalized()
            if rect != self._bounds:
                self.prepareGeometryChange()
                self._bounds = rect
            self._seg = seg
            self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, p: QPainter, *args) -> None:
        if self._seg is None:
            return
        x0, y0, x1, y1 = self._seg
        p.setPen(self.curve.pen())
        p.drawLine(QPointF(x0, y0), QPointF(x1, y1))


class PriceLineItem(pg.GraphicsObject):
    """A horizontal line at a price across the view, with its label (`AxisLabel`) on the right axis:
    the last price. Cheaper per paint than an InfiniteLine with a TextItem label."""

    def __init__(self):
        super().__init__()
        self.value: float | None = None
        self.text = ""
        self.color = QColor("#ff5a5f")
        self._pen = cosmetic_pen(self.color)
        self.setZValue(20)
        self._vb = None
        self._view = QRectF()
        self._bounds = QRectF()
        self.label = AxisLabel()

    def attach(self, vb, axis) -> None:
        """Draw in view box `vb`, the label over `axis` (which must be in the same scene)."""
        self._vb = vb
        self.label.attach(vb, axis)
        vb.sigRangeChanged.connect(self._range_changed)
        vb.sigResized.connect(self._range_changed)

    def _range_changed(self, *_a) -> None:
        self._refresh_bounds()
        self.label.place(self.value)

    def set(self, value: float | None, text: str, color: QColor) -> None:
        """Moved, recoloured or relabelled; the same price, text and colour again repaints nothing (a
        new bar that opens at the last close, a trade at the last price)."""
        if value == self.value and text == self.text and color.rgba() == self.color.rgba() \
                and text == self.label.text():
            return
        self.text = text
        if value != self.value:
            self.value = value
            self._refresh_bounds()
        if color.rgba() != self.color.rgba():
            self.color = QColor(color)
            self._pen = cosmetic_pen(self.color)
        self.label.set(value, text, self.color)
        self.update()

    def setVisible(self, on: bool) -> None:
        super().setVisible(on)
        self.label.setVisible(on)

    def _refresh_bounds(self) -> None:
        """Across the view, a few pixels high: kept, not recomputed by each of Qt's calls."""
        vb = self._vb
        rect = QRectF()
        if vb is not None and self.value is not None:
            r = vb.viewRect()
            h = 3 * r.height() / max(1.0, vb.height())  # three pixels in y units
            self._view = r
            rect = QRectF(r.left(), self.value - h, r.width(), 2 * h)
        if rect != self._bounds:
            self.prepareGeometryChange()
            self._bounds = rect

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, p: QPainter, *args) -> None:
        if self._vb is None or self.value is None:
            return
        r = self._view
        p.setPen(self._pen)
        p.drawLine(QPointF(r.left(), self.value), QPointF(r.right(), self.value))


class AxisLabel(QGraphicsObject):
    """A price in a coloured box on the right axis, at the price's height (kept inside the pane).
    A scene item of its own: the view box clips its children, and the axis is outside it."""

    def __init__(self):
        super().__init__()
        self.setZValue(1000)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # the axis under it keeps the mouse
        self.text_color = QColor("#ffffff")
        self.color = QColor("#ff5a5f")
        self._static = QStaticText()
        self._static.setTextFormat(Qt.TextFormat.PlainText)
        self._box = QRectF()
        self._vb = self._axis = None

    def attach(self, vb, axis) -> None:
        self._vb, self._axis = vb, axis
        if self.scene() is None and vb.scene() is not None:
            vb.scene().addItem(self)

    def set(self, value: float | None, text: str, color: QColor) -> None:
        if text != self._static.text():
            self._static.setText(text)
        self.color = color
        self.place(value)
        self.update()

    def place(self, value: float | None) -> None:
        self.put(self.box_at(value))

    def box_at(self, value: float | None, hide_outside: bool = False) -> QRectF:
        """Where the label goes for `value`: centred on the price's height over the axis, kept
        inside the pane (empty with nothing to show, or with `hide_outside` for a price out of view)."""
        vb, axis = self._vb, self._axis
        if vb is None or axis is None or value is None or not self._static.text():
            return QRectF()
        if self.scene() is None and vb.scene() is not None:
            vb.scene().addItem(self)
        pane = vb.sceneBoundingRect()
        size = self._static.size()
        h = size.height() + 2
        (_x0, _x1), (y0, y1) = vb.viewRange()  # (the view box's transform follows only at its next paint)
        y = pane.top() + (y1 - value) / ((y1 - y0) or 1.0) * pane.height()
        if hide_outside and not pane.top() <= y <= pane.bottom():
            return QRectF()
        y = min(max(y - h / 2, pane.top()), pane.bottom() - h)
        left = axis.sceneBoundingRect().left() + 1
        return QRectF(left, y, max(size.width() + 8, axis.width() - 2), h)

    def put(self, box: QRectF) -> None:
        if box != self._box:
            self.prepareGeometryChange()
            self._box = box

    def text(self) -> str:
        return self._static.text()

    @property
    def box(self) -> QRectF:
        """The label's rectangle in the scene, as painted (empty when hidden); do not modify."""
        return self._box

    def boundingRect(self) -> QRectF:
        return self._box

    def paint(self, p: QPainter, *args) -> None:
        if self._box.isEmpty():
            return
        p.fillRect(self._box, self.color)
        p.setPen(self.text_color)
        p.drawStaticText(QPointF(self._box.left() + 4, self._box.top() + 1), self._static)


class OrderTag(AxisLabel):
    """A working order's price on the right axis: its side's colour as outline and text over the
    chart's background (the last price's label is filled, in the same reds and blues), under the
    last price's label. Placed by `stack_tags`, off its line's height when that is taken."""

    def __init__(self):
        super().__init__()
        self.setZValue(999)
        self.background = QColor("#121316")

    def set_text(self, text: str) -> None:
        if text != self._static.text():
            self._static.setText(text)
            self.update()

    def paint(self, p: QPainter, *args) -> None:
        box = self._box
        if box.isEmpty():
            return
        p.fillRect(box, self.background)
        p.setPen(self.color)
        p.drawRect(box.adjusted(0.5, 0.5, -0.5, -0.5))
        p.drawStaticText(QPointF(box.left() + 4, box.top() + 1), self._static)


def stack_tags(fixed: QRectF | None, boxes: list[QRectF], above: list[bool], top: float, bottom: float,
               gap: float = 1.0) -> list[QRectF]:
    """Tags in one column (the right axis) moved the least so that none overlaps `fixed` (the last
    price's label) or another: those `above` it go up from it, the others down, nearest first; a
    tag with no room left on its side (the pane's `top`/`bottom`) goes to the other side. Empty
    boxes stay empty. Only a column fuller than the pane can hold leaves tags sharing its edge."""
    out = [QRectF(b) for b in boxes]
    live = [i for i, b in enumerate(boxes) if not b.isEmpty()]
    if fixed is None or fixed.isEmpty():  # nothing fixed: a chain from the top
        fixed = QRectF(boxes[live[0]].left(), top - gap, 0.0, 0.0) if live else QRectF()
        above = [False] * len(boxes)
    ups = [i for i in live if above[i]]
    downs = [i for i in live if not above[i]]
    overflow = _chain(out, ups, fixed.top(), -1, top, bottom, gap)
    if overflow:
        downs += overflow
    overflow = _chain(out, downs, fixed.bottom(), 1, top, bottom, gap)
    if overflow:
        overflow = _chain(out, ups + overflow, fixed.top(), -1, top, bottom, gap)
        for i in overflow:  # fuller than the pane: kept inside it, on its edge
            h = out[i].height()
            out[i].moveTop(min(max(boxes[i].top(), top), bottom - h))
    return out


def _chain(out: list[QRectF], idx: list[int], edge: float, direction: int, top: float, bottom: float,
           gap: float) -> list[int]:
    """Place boxes `idx` of `out` away from `edge` (up: direction -1, down: +1), nearest first, each
    at its own place when that is clear; returns those that reach past the pane."""
    over: list[int] = []
    for i in sorted(idx, key=lambda i: direction * out[i].center().y()):
        b = out[i]
        h = b.height()
        if direction < 0:
            y = min(b.top(), edge - gap - h)
            if y < top:
                over.append(i)
                continue
            edge = y
        else:
            y = max(b.top(), edge + gap)
            if y + h > bottom:
                over.append(i)
                continue
            edge = y + h
        b.moveTop(y)
    return over


def spread(wanted: list[float], heights: list[float], top: float, bottom: float, gap: float = 1.0) -> list[float]:
    """Tops for boxes of `heights` that want to be centred at `wanted` (y, one column), so that none
    overlaps another: boxes that would overlap form a block, centred where its boxes want to be on
    average and kept between `top` and `bottom` when it fits."""
    blocks: list[list] = []  # [top, height, members in order]
    for i in sorted(range(len(wanted)), key=lambda i: wanted[i]):
        blocks.append([wanted[i] - heights[i] / 2, heights[i], [i]])
        while True:
            blk = blocks[-1]
            blk[0] = max(min(blk[0], bottom - blk[1]), top)
            if len(blocks) < 2 or blocks[-2][0] + blocks[-2][1] + gap <= blk[0]:
                break
            prev = blocks.pop(-2)
            members = prev[2] + blk[2]
            offsets, y = [], 0.0
            for m in members:
                offsets.append(y + heights[m] / 2)
                y += heights[m] + gap
            blk[:] = [sum(wanted[m] - o for m, o in zip(members, offsets)) / len(members), y - gap, members]
    tops = [0.0] * len(wanted)
    for t, _h, members in blocks:
        for m in members:
            tops[m] = t
            t += heights[m] + gap
    return tops


class LevelLine(StaticLayerItem, pg.GraphicsObject):
    """A fixed horizontal level across a pane (RSI 30/70), one device pixel high, in the cached layer."""

    def __init__(self, y: float, color: QColor):
        super().__init__()
        self.y = float(y)
        self.color = QColor(color)

    def boundingRect(self) -> QRectF:
        return QRectF()  # drawn by the cached layer only; not part of the data bounds

    def paint(self, p: QPainter, *args) -> None:
        vb = self.getViewBox()
        if vb is None:
            return
        r = vb.viewRect()
        t = p.transform()
        left, right = t.map(QPointF(r.left(), self.y)), t.map(QPointF(r.right(), self.y))
        p.resetTransform()
        p.fillRect(QRectF(left.x(), round(left.y()), right.x() - left.x(), 1.0), self.color)
