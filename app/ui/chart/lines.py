"""Lines over the bars: indicator curves (CurveItem) and the last-price line with its label box
(PriceLineItem)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QStaticText

from app.ui.chart.items import _pen, _SeriesItem


class CurveItem(_SeriesItem):
    """An indicator line (NaN gaps skipped) drawn from an array aligned with the bars."""

    def __init__(self, color: QColor | str, width: float = 1.3):
        super().__init__(None)
        self.values: np.ndarray = np.zeros(0)
        self.color = QColor(color)
        self.width = width

    def set_values(self, values: np.ndarray, series) -> None:
        self.series = series
        self.values = values
        self.refresh_bounds()

    def data_bounds(self) -> QRectF:
        v = self.values
        if not len(v) or np.all(np.isnan(v)):
            return QRectF()
        lo, hi = float(np.nanmin(v)), float(np.nanmax(v))
        return QRectF(-0.5, lo, len(v), max(hi - lo, 1e-9))

    def paint(self, p: QPainter, *args) -> None:
        vis = self.visible()
        v = self.values
        if vis is None or not len(v):
            return
        lo, hi, k = vis
        hi = min(len(v), hi + 1)
        idx = np.arange(lo, hi, k)
        if idx[-1] != hi - 1:
            idx = np.append(idx, hi - 1)
        y = v[idx]
        x = idx.astype(np.float64)
        ok = ~(np.isnan(y[:-1]) | np.isnan(y[1:]))
        pen = _pen(self.color)
        pen.setWidthF(self.width)
        p.setPen(pen)
        self.draw_lines(p, x[:-1][ok], y[:-1][ok], x[1:][ok], y[1:][ok])


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
        self._pen = _pen(self.color)
        self.setZValue(20)
        self._vb = None

    def attach(self, vb) -> None:
        self._vb = vb
        vb.sigRangeChanged.connect(self._range_changed)

    def _range_changed(self, *_a) -> None:
        self.prepareGeometryChange()

    def set(self, value: float | None, text: str, color: QColor) -> None:
        if value != self.value:
            self.prepareGeometryChange()
            self.value = value
        if text != self.text:
            self.text = text
            self._static.setText(text)
        if color.rgba() != self.color.rgba():
            self.color = QColor(color)
            self._pen = _pen(self.color)
        self.update()

    def boundingRect(self) -> QRectF:
        vb = self._vb
        if vb is None or self.value is None:
            return QRectF()
        r = vb.viewRect()
        h = max(r.height() * 0.05, 1e-9)
        return QRectF(r.left(), self.value - h, r.width(), 2 * h)

    def paint(self, p: QPainter, *args) -> None:
        vb = self._vb
        if vb is None or self.value is None:
            return
        r = vb.viewRect()
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
