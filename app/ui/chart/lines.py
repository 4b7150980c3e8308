"""Lines over the bars: indicator curves (CurveItem, in the cached layer, and its live CurveTail)
and the last-price line with its label box (PriceLineItem)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen, QStaticText

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
    """A horizontal line at a price across the view with a label box at its right edge: the last
    price. Cheaper per paint than an InfiniteLine with a TextItem label (one line, one box, one text)."""

    def __init__(self):
        super().__init__()
        self.value: float | None = None
        self.text = ""
        self.color = QColor("#ff5a5f")
        self.text_color = QColor("#ffffff")
        self._static = QStaticText()
        self._pen = cosmetic_pen(self.color)
        self.setZValue(20)
        self._vb = None
        self._view = QRectF()
        self._bounds = QRectF()

    def attach(self, vb) -> None:
        self._vb = vb
        vb.sigRangeChanged.connect(self._range_changed)
        vb.sigResized.connect(self._range_changed)

    def _range_changed(self, *_a) -> None:
        self._refresh_bounds()

    def set(self, value: float | None, text: str, color: QColor) -> None:
        if text != self.text:
            self.text = text
            self._static.setText(text)
        if value != self.value:
            self.value = value
            self._refresh_bounds()
        if color.rgba() != self.color.rgba():
            self.color = QColor(color)
            self._pen = cosmetic_pen(self.color)
        self.update()

    def _refresh_bounds(self) -> None:
        """Across the view, as tall as the label: kept, not recomputed by each of Qt's calls."""
        vb = self._vb
        rect = QRectF()
        if vb is not None and self.value is not None:
            r = vb.viewRect()
            px = r.height() / max(1.0, vb.height())  # one pixel in y units
            h = (self._static.size().height() / 2 + 3) * px
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
        if not self.text:
            return
        at = p.transform().map(QPointF(r.right(), self.value))
        p.resetTransform()
        size = self._static.size()
        box = QRectF(at.x() - size.width() - 8, at.y() - size.height() / 2 - 1, size.width() + 8, size.height() + 2)
        p.fillRect(box, self.color)
        p.setPen(self.text_color)
        p.drawStaticText(QPointF(box.left() + 4, box.top() + 1), self._static)


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
