"""Paints the order book's cells from the model's prepared rows: background tint, size bar (asks in
the sell colour growing from the price column leftwards, bids in the buy colour growing rightwards,
each proportional to the largest visible size), then the text.

A handful of painter calls per cell, with no `data()` round trips: the standard delegate asks the
model for eight roles a cell through Python, which made the book the costliest widget to repaint."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.ui.book_model import ALIGNS, PRICE_COL, SIZE_COL
from app.ui.quotestyle import Pens, QuoteColors, TextCache

BAR_ALPHA = 78
PAD = 4  # text inset, each side
_ASK_BAR = SIZE_COL["ask"]
_SELECTED = QStyle.StateFlag.State_Selected.value  # an int: a flag's & builds a new enum (1.5 µs a cell)


class SizeBarDelegate(QStyledItemDelegate):
    def __init__(self, colors: QuoteColors, parent: Any = None):
        super().__init__(parent)
        self.colors = colors
        self.text_color: Any = None  # the palette's; reset on a palette change (BookView.changeEvent)
        self.pens = Pens()
        self._texts: dict[int, TextCache] = {}  # id of the model's font -> its laid-out texts

    def texts(self, font: Any) -> TextCache:
        cache = self._texts.get(id(font))
        if cache is None or cache.font is not font:
            cache = self._texts[id(font)] = TextCache(font)
        return cache

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        """Room for the text as `paint` draws it (4 px each side), and a price in bold: the last
        trade's price is bold and may move to any row, and an elided price ("226.…") is no price."""
        hint = super().sizeHint(option, index)
        model = index.model()
        cells = model.cells[index.row()] if index.row() < len(model.cells) else None
        text = cells.texts[index.column()] if cells is not None else ""
        font = model.bold if index.column() == PRICE_COL else model.font
        width = self.texts(font).metrics.horizontalAdvance(text) + 2 * PAD + 2 if text else 0
        return QSize(max(hint.width(), width), hint.height())

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        model = index.model()
        selected = option.palette if option.state.value & _SELECTED else None
        if self.text_color is None:
            self.text_color = option.palette.text().color()
        self.paint_cell(painter, option.rect, model, model.cells[index.row()], index.column(), selected)

    def paint_cell(self, painter: QPainter, rect: QRect, model: Any, cells: Any, c: int, selected: Any) -> None:
        """One cell from its prepared row; `selected` is the palette to highlight with (None: not
        selected). Called per cell by `paint` and by `BookView`, which paints the whole ladder in
        one pass (set `text_color` first)."""
        fg = cells.fg[c]
        if selected is not None:
            painter.fillRect(rect, selected.highlight())
            fg = selected.highlightedText().color()
        elif cells.bg[c] is not None:
            painter.fillRect(rect, cells.bg[c])
        if c == cells.bar_col:
            ask = c == _ASK_BAR
            b = rect.adjusted(1, 2, -1, -2)
            w = max(1, round(b.width() * min(1.0, cells.bar)))
            # asks grow from the right edge (next to the price column), bids from the left edge
            bar = QRect(b.right() - w + 1, b.top(), w, b.height()) if ask else QRect(b.left(), b.top(), w, b.height())
            colors = self.colors
            base = colors.stale if model.stale else colors.sell if ask else colors.buy  # greyed when disconnected
            painter.fillRect(bar, model.tint(base, BAR_ALPHA))
        text = cells.texts[c]
        if not text:
            return
        if fg is None:
            fg = self.text_color
        painter.setPen(self.pens(fg))
        texts = self.texts(model.bold if c == PRICE_COL and cells.bold else model.font)
        painter.setFont(texts.font)
        texts.draw(painter, rect, ALIGNS[c], text, PAD)
