"""Paints the order book's size bars: asks in the sell colour growing from the price column leftwards,
bids in the buy colour growing rightwards, each proportional to the largest visible size."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from app.ui.book_model import ASK, BAR_ROLE, KIND_ROLE
from app.ui.quotestyle import QuoteColors

BAR_ALPHA = 78


class SizeBarDelegate(QStyledItemDelegate):
    def __init__(self, colors: QuoteColors, parent=None):
        super().__init__(parent)
        self.colors = colors

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        frac = index.data(BAR_ROLE)
        if frac:
            ask = index.data(KIND_ROLE) == ASK
            r = option.rect.adjusted(1, 2, -1, -2)
            w = max(1, round(r.width() * min(1.0, float(frac))))
            # asks grow from the right edge (next to the price column), bids from the left edge
            bar = QRect(r.right() - w + 1, r.top(), w, r.height()) if ask else QRect(r.left(), r.top(), w, r.height())
            stale = getattr(index.model(), "stale", False)  # disconnected: greyed like the numbers
            color = QColor(self.colors.stale if stale else self.colors.sell if ask else self.colors.buy)
            color.setAlpha(BAR_ALPHA)
            painter.fillRect(bar, color)
        super().paint(painter, option, index)
