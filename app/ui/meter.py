"""A small bar for rate-limit pressure: green, amber past 60 %, red past 85 %."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from app.ui.theme import current


class PressureMeter(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.value = 0.0
        self.setMinimumSize(40, 8)

    def sizeHint(self) -> QSize:
        return QSize(70, 10)

    def set_value(self, value: float) -> None:
        value = max(0.0, min(1.0, value))
        if abs(value - self.value) > 0.005:
            self.value = value
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        t = current()
        p = QPainter(self)
        r = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        p.setPen(QColor(t.border))
        p.setBrush(QColor(t.base))
        p.drawRect(r)
        if self.value > 0:
            color = t.red if self.value > 0.85 else t.amber if self.value > 0.6 else t.green
            p.setPen(QColor(color))
            p.setBrush(QColor(color))
            p.drawRect(QRectF(r.x(), r.y(), max(1.0, r.width() * self.value), r.height()))
        p.end()
