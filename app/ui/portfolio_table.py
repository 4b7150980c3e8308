"""A keyed table model over declared columns, shared by the positions and balances panels.

A column is declared once (id, English title for the translator, alignment, text, colour sign,
whether it moves with the live price). Rows are keyed; `sync()` updates rows in place, inserts a
new key with `beginInsertRows` and removes a gone one with `beginRemoveRows` (never a reset on a
live update); `touch()` repaints the live columns of some rows with one `dataChanged` per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from app.ui.quotestyle import QuoteColors, number_font

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    id: str
    title: str  # English; translated in the model's context (Korean in resources/i18n/ko/portfolio.tsv)
    text: Callable[[Any], str]
    align: Qt.AlignmentFlag = RIGHT
    sign: Callable[[Any], Any] | None = None  # a number whose sign colours the cell (up / down)
    live: bool = False  # changes with the last price
    number: bool = True  # tabular digits
    sort: Callable[[Any], Any] | None = None
    tip: str = ""
    cell_tip: Callable[[Any], str] | None = None  # a tooltip of the cell's own (translated already)
    widest: str = ""  # fitted to its texts up to this one's width; longer ones elide (names)
    fits: tuple[str, ...] = ()  # every text it can show (English, translated in the model's context): all fit


def money(value: Decimal | None, places: int = 2, signed: bool = False) -> str:
    """Money as traders read it: thousands separators, rounded half up; blank when unknown."""
    if value is None:
        return ""
    q = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if signed and q:
        return f"{q:+,.{places}f}"
    return f"{abs(q) if not q else q:,.{places}f}"


def price(value: Decimal | None, decimals: int) -> str:
    return money(value, decimals)


def pct(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = money(value, 2, signed=True)
    return f"{text}%" if text else ""


class KeyedTableModel(QAbstractTableModel):
    """Rows of objects keyed by `key(obj)`; the columns read them (the model owns no data of its own)."""

    def __init__(self, columns: tuple[Column, ...], key: Callable[[Any], str], context: str,
                 convention: str = "korean", parent: Any = None):
        super().__init__(parent)
        self.columns = columns
        self.key = key
        self.tr_context = context
        self.colors = QuoteColors(convention)
        self.font: QFont = number_font()
        self.bold_font = QFont(self.font)
        self.bold_font.setBold(True)
        self.emphasis: Callable[[Any], bool] | None = None  # rows shown in bold (totals)
        self.stale = False  # values are greyed while the link is down
        self._rows: list[Any] = []
        self._index: dict[str, int] = {}

    # ---- Qt model --------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        col = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(self.tr_context, col.title)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(col.align)
        if role == Qt.ItemDataRole.ToolTipRole and col.tip:
            return QCoreApplication.translate(self.tr_context, col.tip)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) \
                or not (0 <= index.column() < len(self.columns)):
            return None
        obj, col = self._rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(obj)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(col.align)
        if role == Qt.ItemDataRole.FontRole:
            if self.emphasis is not None and self.emphasis(obj):
                return self.bold_font
            return self.font if col.number else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if self.stale and col.live:
                return self.colors.stale
            if col.sign is not None:
                v = col.sign(obj)
                return None if v is None else self.colors.for_sign(float(v))
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return (col.cell_tip(obj) or None) if col.cell_tip is not None else None
        if role == Qt.ItemDataRole.UserRole:
            return self.key(obj)
        if role == Qt.ItemDataRole.UserRole + 1 and col.sort is not None:
            return col.sort(obj)
        return None

    # ---- rows ------------------------------------------------------------------------------
    def row_of(self, key: str) -> int:
        return self._index.get(key, -1)

    def item(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def items(self) -> list[Any]:
        return list(self._rows)

    def sync(self, objects: Iterable[Any]) -> None:
        """Make the rows these objects, in this order for new keys; changed rows repaint in place."""
        wanted = list(objects)
        keys = {self.key(o) for o in wanted}
        for row in range(len(self._rows) - 1, -1, -1):  # removals from the bottom keep rows valid
            if self.key(self._rows[row]) not in keys:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
        self._reindex()
        last = len(self.columns) - 1
        for i, obj in enumerate(wanted):  # row i becomes obj: insert it there, or move it up there
            k = self.key(obj)
            row = self._index.get(k)
            if row is None:
                self.beginInsertRows(QModelIndex(), i, i)
                self._rows.insert(i, obj)
                self.endInsertRows()
                self._reindex()
                continue
            if row != i:  # rows above i are in place, so row > i
                self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), i)
                self._rows.insert(i, self._rows.pop(row))
                self.endMoveRows()
                self._reindex()
            self._rows[i] = obj
            self.dataChanged.emit(self.index(i, 0), self.index(i, last))

    def _reindex(self) -> None:
        self._index = {self.key(o): i for i, o in enumerate(self._rows)}

    def touch(self, keys: Iterable[str]) -> int:
        """Repaint the live columns of the rows of `keys` (one dataChanged per row); how many rows."""
        live = [i for i, c in enumerate(self.columns) if c.live]
        if not live:
            return 0
        n = 0
        for k in keys:
            row = self._index.get(k)
            if row is not None:
                self.dataChanged.emit(self.index(row, live[0]), self.index(row, live[-1]))
                n += 1
        return n

    def repaint_all(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))

    def retranslate(self) -> None:
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)

    def set_convention(self, convention: str) -> None:
        self.colors.refresh(convention)
        self.repaint_all()
