"""The time-and-sales table model: the hub's trade tape of one symbol, newest on top, with a size filter.

The model mirrors the hub's `TradeTape` (a capped deque, newest last) and never holds a trade the
tape has dropped, so it follows the hub's cap. Once per repaint tick `sync()` compares the tape
with the trades it last saw (by identity: each trade is one tuple object) and applies the
difference as at most three structural changes: the trades the tape dropped are removed at the
bottom (`beginRemoveRows`), history that arrived late is appended at the bottom, and the new live
trades are inserted at the top in one `beginInsertRows`. A reset happens only for a new symbol,
a filter change, or when more than the cap arrived in one tick.

Each shown row's texts are formatted once, when first painted, and kept beside it (`cells`); the
delegate paints from them with a few painter calls instead of the eight `data()` round trips of
the standard delegate (the tape repaints whole on every new trade).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex,
                            QPersistentModelIndex, Qt)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.trading.quotes import Trade, TradeTape
from app.ui.quotestyle import Pens, QuoteColors, TextCache, fmt_price, fmt_qty, number_font

_CTX = "TimeSalesModel"
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
SIDE_ROLE = Qt.ItemDataRole.UserRole + 1  # +1 buyer-initiated, -1 seller-initiated, 0 unknown


@dataclass(frozen=True)
class Column:
    id: str
    header: str  # English source, translated in the "TimeSalesModel" context
    align: Qt.AlignmentFlag


COLUMNS: tuple[Column, ...] = (
    Column("time", QT_TRANSLATE_NOOP("TimeSalesModel", "Time"), Qt.AlignmentFlag.AlignCenter),
    Column("price", QT_TRANSLATE_NOOP("TimeSalesModel", "Price"), RIGHT),
    Column("size", QT_TRANSLATE_NOOP("TimeSalesModel", "Size"), RIGHT),
)
COL = {c.id: i for i, c in enumerate(COLUMNS)}
ALIGNS = [int(c.align) for c in COLUMNS]
ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
NO_FLAGS = Qt.ItemFlag.NoItemFlags
_SELECTED = QStyle.StateFlag.State_Selected.value  # an int: a flag's & builds a new enum (1.5 µs a cell)
SIDES = {1: QT_TRANSLATE_NOOP("TimeSalesModel", "Buyer-initiated (at the ask)"),
         -1: QT_TRANSLATE_NOOP("TimeSalesModel", "Seller-initiated (at the bid)"),
         0: QT_TRANSLATE_NOOP("TimeSalesModel", "Side not known")}


class TimeSalesModel(QAbstractTableModel):
    def __init__(self, colors: QuoteColors, parent: Any = None):
        super().__init__(parent)
        self.colors = colors
        self.rows: list[Trade] = []  # shown trades, newest first
        self.cells: list[tuple[str, str, str] | None] = []  # their texts, made when first painted
        self.src: list[Trade] = []  # the tape as last seen, oldest first (unfiltered)
        self.min_size = 0
        self._decimals = 2
        self.stale = False
        self._version = -1
        self._tape: TradeTape | None = None
        self.font = number_font()
        self.resets = 0  # how often the whole model was rebuilt (tests, diagnostics)

    # ---- content -----------------------------------------------------------------------------
    @property
    def decimals(self) -> int:
        return self._decimals

    @decimals.setter
    def decimals(self, value: int) -> None:
        if value != self._decimals:
            self._decimals = value
            self.cells = [None] * len(self.rows)

    def texts(self, row: int) -> tuple[str, str, str]:
        """The time, price and size texts of a shown row (formatted once)."""
        cells = self.cells[row]
        if cells is None:
            t = self.rows[row]
            cells = self.cells[row] = (t.time, fmt_price(t.price, self._decimals), fmt_qty(t.size))
        return cells

    def _passes(self, t: Trade) -> bool:
        return t.size >= self.min_size

    def _rebuild(self, items: list[Trade]) -> None:
        self.beginResetModel()
        self.src = items
        self.rows = [t for t in reversed(items) if self._passes(t)]
        self.cells = [None] * len(self.rows)
        self.resets += 1
        self.endResetModel()

    def clear(self) -> None:
        self._version = -1
        self._tape = None
        self._rebuild([])

    def set_min_size(self, n: int) -> None:
        """Show only trades of at least `n` (0: all)."""
        n = max(0, int(n))
        if n != self.min_size:
            self.min_size = n
            self._rebuild(self.src)

    def set_stale(self, stale: bool) -> None:
        if stale != self.stale:
            self.stale = stale
            if self.rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1),
                                      [Qt.ItemDataRole.ForegroundRole])

    def sync(self, tape: TradeTape | None) -> int:
        """Bring the rows in line with `tape`; returns how many rows were inserted at the top."""
        if tape is None:
            if self.src or self.rows:
                self.clear()
            return 0
        if tape is not self._tape:  # another tape object (new hub, symbol watched again): start over
            self._tape, self._version = tape, -1
            self.src = []
        if tape.version == self._version:
            return 0
        self._version = tape.version
        items = list(tape.items)
        if not self.src:
            if items:
                self._rebuild(items)
                return len(self.rows)
            return 0
        pos = {id(t): i for i, t in enumerate(items)}
        newest = pos.get(id(self.src[-1]))
        if newest is None:  # more than the cap arrived since the last tick
            self._rebuild(items)
            return len(self.rows)
        first_kept = 0
        while id(self.src[first_kept]) not in pos:
            first_kept += 1
        dropped = self.src[:first_kept]
        oldest = pos[id(self.src[first_kept])]
        older, new = items[:oldest], items[newest + 1:]
        if (dropped and older) or newest - oldest != len(self.src) - first_kept - 1:
            self._rebuild(items)  # history and overflow at once, or not the sliding window we know
            return len(self.rows)
        self.src = items
        gone = sum(1 for t in dropped if self._passes(t))
        if gone:
            n = len(self.rows)
            self.beginRemoveRows(QModelIndex(), n - gone, n - 1)
            del self.rows[n - gone:]
            del self.cells[n - gone:]
            self.endRemoveRows()
        below = [t for t in reversed(older) if self._passes(t)]
        if below:
            n = len(self.rows)
            self.beginInsertRows(QModelIndex(), n, n + len(below) - 1)
            self.rows.extend(below)
            self.cells.extend([None] * len(below))
            self.endInsertRows()
        above = [t for t in reversed(new) if self._passes(t)]
        if above:
            self.beginInsertRows(QModelIndex(), 0, len(above) - 1)
            self.rows[0:0] = above
            self.cells[0:0] = [None] * len(above)
            self.endInsertRows()
        return len(above)

    # ---- Qt model ----------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return ROW_FLAGS if index.isValid() else NO_FLAGS  # constants: the view asks per cell per paint

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows) or index.column() >= len(COLUMNS):
            return None
        t, col = self.rows[index.row()], COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts(index.row())[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.color(t, col)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(col.align)
        if role == Qt.ItemDataRole.FontRole:
            return self.font
        if role == SIDE_ROLE:
            return t.side
        if role == Qt.ItemDataRole.ToolTipRole:
            date = f"{t.date[:4]}-{t.date[4:6]}-{t.date[6:8]} " if len(t.date) == 8 else ""
            return f"{date}{t.time} · {QCoreApplication.translate(_CTX, SIDES.get(t.side, SIDES[0]))}"
        return None

    def color(self, t: Trade, col: Column) -> QColor | None:
        c = self.colors
        if self.stale:
            return c.stale
        if col.id == "time":
            return None
        return c.buy if t.side > 0 else c.sell if t.side < 0 else c.flat

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(_CTX, COLUMNS[section].header)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(COLUMNS[section].align)
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)


class TapeDelegate(QStyledItemDelegate):
    """Paints a tape cell from the model's kept texts: the side colour and the text, nothing else."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.text_color: Any = None  # the palette's; reset on a palette change (TapeView.changeEvent)
        self.pens = Pens()
        self.cache: TextCache | None = None

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        model = index.model()
        r = index.row()
        if self.text_color is None:
            self.text_color = option.palette.text().color()
        self.paint_cell(painter, option.rect, model, model.rows[r], model.texts(r), index.column(),
                        option.palette if option.state.value & _SELECTED else None)

    def paint_cell(self, painter: QPainter, rect: Any, model: Any, trade: Any, texts: Any, c: int,
                   selected: Any) -> None:
        """One cell of `trade` (its `texts`); `selected` is the palette to highlight with (None: not
        selected). Called per cell by `paint` and by TapeView's one-pass paint (text_color set first)."""
        if selected is not None:
            painter.fillRect(rect, selected.highlight())
            fg = selected.highlightedText().color()
        else:
            fg = model.color(trade, COLUMNS[c])
            if fg is None:
                fg = self.text_color
        cache = self.cache
        if cache is None or cache.font is not model.font:
            cache = self.cache = TextCache(model.font)
        painter.setPen(self.pens(fg))
        painter.setFont(cache.font)
        cache.draw(painter, rect, ALIGNS[c], texts[c], 4)
