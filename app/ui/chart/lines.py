"""Lines over the bars: indicator curves (CurveItem, in the cached layer, and its live CurveTail),
the last-price line (PriceLineItem) with its label on the axis (AxisLabel), fixed levels (LevelLine)."""

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
        if n >= 2 and not (np.isnan(v[n - 2]) or np.isnan(v[n - 1])):
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
        vb, axis = self._vb, self._axis
        box = QRectF()
        if vb is not None and axis is not None and value is not None and self._static.text():
            if self.scene() is None and vb.scene() is not None:
                vb.scene().addItem(self)
            pane = vb.sceneBoundingRect()
            size = self._static.size()
            h = size.height() + 2
            (_x0, _x1), (y0, y1) = vb.viewRange()  # (the view box's transform follows only at its next paint)
            y = pane.top() + (y1 - value) / ((y1 - y0) or 1.0) * pane.height()
            y = min(max(y - h / 2, pane.top()), pane.bottom() - h)
            left = axis.sceneBoundingRect().left() + 1
            box = QRectF(left, y, max(size.width() + 8, axis.width() - 2), h)
        if box != self._box:
            self.prepareGeometryChange()
            self._box = box

    def boundingRect(self) -> QRectF:
        return self._box

    def paint(self, p: QPainter, *args) -> None:
        if self._box.isEmpty():
            return
        p.fillRect(self._box, self.color)
        p.setPen(self.text_color)
        p.drawStaticText(QPointF(self._box.left() + 4, self._box.top() + 1), self._static)


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
