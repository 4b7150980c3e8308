"""Table models of the orders panel: working orders, the day's orders and fills, with columns
declared once (id, English header, alignment, formatter, colour rule), rows keyed and updated in
place (a new key inserts one row; a finished working order removes its row)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from app.trading.order_state import Fill, Order
from app.ui.quotestyle import QuoteColors, number_font
from app.ui.ticket_style import side_name, state_name, type_name

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def _price(v: Decimal | None) -> str:
    if v is None:
        return ""
    text = f"{v:,.4f}".rstrip("0")
    whole, _, frac = text.partition(".")
    return f"{whole}.{frac.ljust(2, '0')}"


def _hms(o: Any) -> str:
    t = getattr(o, "updated", None)
    return time.strftime("%H:%M:%S", time.localtime(t)) if t else ""


def _fill_time(f: Fill) -> str:
    t = f.time or ""
    return f"{t[0:2]}:{t[2:4]}:{t[4:6]}" if len(t) >= 6 else t


@dataclass(frozen=True)
class Column:
    id: str
    header: str  # English; translated in the "OrdersPanel" context
    align: Qt.AlignmentFlag
    text: Callable[[Any], str]
    sort: Callable[[Any], Any]
    side_colored: bool = False
    numeric: bool = False
    editable: bool = False


ORDER_COLUMNS: tuple[Column, ...] = (
    Column("id", QT_TRANSLATE_NOOP("OrdersPanel", "No."), RIGHT, lambda o: o.id, lambda o: int(o.id or 0), numeric=True),
    Column("time", QT_TRANSLATE_NOOP("OrdersPanel", "Time"), LEFT, _hms, lambda o: o.updated),
    Column("symbol", QT_TRANSLATE_NOOP("OrdersPanel", "Symbol"), LEFT, lambda o: o.symbol, lambda o: o.symbol),
    Column("side", QT_TRANSLATE_NOOP("OrdersPanel", "Side"), LEFT, lambda o: side_name(o.side), lambda o: o.side, side_colored=True),
    Column("type", QT_TRANSLATE_NOOP("OrdersPanel", "Type"), LEFT, lambda o: type_name(o.price_type), lambda o: o.price_type),
    Column("qty", QT_TRANSLATE_NOOP("OrdersPanel", "Qty"), RIGHT, lambda o: f"{o.qty:,}", lambda o: o.qty, numeric=True,
           editable=True),
    Column("price", QT_TRANSLATE_NOOP("OrdersPanel", "Price"), RIGHT, lambda o: _price(o.price), lambda o: o.price or 0,
           numeric=True, editable=True),
    Column("filled", QT_TRANSLATE_NOOP("OrdersPanel", "Filled"), RIGHT, lambda o: f"{o.filled:,}" if o.filled else "",
           lambda o: o.filled, numeric=True),
    Column("left", QT_TRANSLATE_NOOP("OrdersPanel", "Open"), RIGHT, lambda o: f"{o.remaining:,}" if o.remaining else "",
           lambda o: o.remaining, numeric=True),
    Column("avg", QT_TRANSLATE_NOOP("OrdersPanel", "Avg fill"), RIGHT, lambda o: _price(o.avg_fill_price),
           lambda o: o.avg_fill_price or 0, numeric=True),
    Column("state", QT_TRANSLATE_NOOP("OrdersPanel", "State"), LEFT, lambda o: state_name(o.state), lambda o: o.state),
    Column("reason", QT_TRANSLATE_NOOP("OrdersPanel", "Reason"), LEFT, lambda o: o.reason, lambda o: o.reason),
)
# What a trader reads first comes first (the panel is often a narrow tab under the chart).
_ORDER = ("id", "symbol", "side", "qty", "price", "filled", "state", "type", "avg", "left", "time", "reason")
ORDER_COLUMNS = tuple(sorted(ORDER_COLUMNS, key=lambda c: _ORDER.index(c.id)))
FILL_COLUMNS: tuple[Column, ...] = (
    Column("time", QT_TRANSLATE_NOOP("OrdersPanel", "Time"), LEFT, _fill_time, lambda f: f.time),
    Column("order", QT_TRANSLATE_NOOP("OrdersPanel", "Order"), RIGHT, lambda f: f.order_id, lambda f: int(f.order_id or 0),
           numeric=True),
    Column("symbol", QT_TRANSLATE_NOOP("OrdersPanel", "Symbol"), LEFT, lambda f: f.symbol, lambda f: f.symbol),
    Column("side", QT_TRANSLATE_NOOP("OrdersPanel", "Side"), LEFT, lambda f: side_name(f.side), lambda f: f.side, side_colored=True),
    Column("qty", QT_TRANSLATE_NOOP("OrdersPanel", "Qty"), RIGHT, lambda f: f"{f.qty:,}", lambda f: f.qty, numeric=True),
    Column("price", QT_TRANSLATE_NOOP("OrdersPanel", "Price"), RIGHT, lambda f: _price(f.price), lambda f: f.price, numeric=True),
    Column("exec", QT_TRANSLATE_NOOP("OrdersPanel", "Exec no."), RIGHT, lambda f: f.exec_id, lambda f: f.exec_id),
)


class RowsModel(QAbstractTableModel):
    """Rows keyed by ``key(item)``; ``keep(item)`` says whether an item belongs in this table."""

    _ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.TextAlignmentRole,
                        Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.UserRole})

    def __init__(self, columns: tuple[Column, ...], key: Callable[[Any], Any],
                 keep: Callable[[Any], bool] = lambda _i: True, parent: Any = None):
        super().__init__(parent)
        self.columns = columns
        self.key = key
        self.keep = keep
        self.items: list[Any] = []
        self.index_of: dict[Any, int] = {}
        self.colors = QuoteColors()
        self.font = number_font()
        self.on_edit: Callable[[Any, str, str], None] | None = None

    # ---- Qt model API ------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            col = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate("OrdersPanel", col.header)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(col.align)
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks for ~10 roles per visible cell on every repaint: the fast path first.
        if role not in self._ROLES:
            return None
        row, c = index.row(), index.column()
        if not (0 <= row < len(self.items)) or not (0 <= c < len(self.columns)):
            return None
        item, col = self.items[row], self.columns[c]
        if role == Qt.ItemDataRole.DisplayRole or role == Qt.ItemDataRole.EditRole:
            return col.text(item)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(col.align)
        if role == Qt.ItemDataRole.ForegroundRole:
            if col.side_colored:
                return self.colors.buy if item.side == "buy" else self.colors.sell
            return None
        if role == Qt.ItemDataRole.FontRole:
            return self.font if col.numeric else None
        return col.sort(item)  # UserRole: the sort key

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and self.on_edit is not None and self.columns[index.column()].editable:
            item = self.items[index.row()]
            if getattr(item, "working", False) and item.id:
                return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """An edit asks the order manager for a modify; the row changes when it is answered."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.on_edit is None:
            return False
        col = self.columns[index.column()]
        if not col.editable:
            return False
        self.on_edit(self.items[index.row()], col.id, str(value))
        return False

    # ---- keyed updates -----------------------------------------------------------------------
    def reset(self, items: list[Any]) -> None:
        self.beginResetModel()
        self.items = [i for i in reversed(items) if self.keep(i)]
        self.index_of = {self.key(i): n for n, i in enumerate(self.items)}
        self.endResetModel()

    def upsert(self, item: Any) -> None:
        k = self.key(item)
        row = self.index_of.get(k)
        if row is not None and self.items[row] is not item and not self.keep(item):
            return
        if row is None:
            if not self.keep(item):
                return
            self.beginInsertRows(QModelIndex(), 0, 0)  # newest first, with no re-sort to pay for
            self.items.insert(0, item)
            self.index_of = {self.key(i): n for n, i in enumerate(self.items)}
            self.endInsertRows()
        elif not self.keep(item):
            self.remove(k)
        else:
            self.items[row] = item
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def remove(self, k: Any) -> None:
        row = self.index_of.get(k)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.items[row]
        self.index_of = {self.key(i): n for n, i in enumerate(self.items)}
        self.endRemoveRows()

    def item(self, row: int) -> Any:
        return self.items[row] if 0 <= row < len(self.items) else None

    def refresh_colors(self) -> None:
        self.colors.refresh()
        if self.items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.items) - 1, len(self.columns) - 1))


def order_models(parent: Any) -> tuple[RowsModel, RowsModel, RowsModel]:
    working = RowsModel(ORDER_COLUMNS, lambda o: o.key, lambda o: isinstance(o, Order) and o.working, parent)
    history = RowsModel(ORDER_COLUMNS, lambda o: o.key, lambda o: isinstance(o, Order), parent)
    fills = RowsModel(FILL_COLUMNS, lambda f: (f.symbol, f.exec_id), lambda f: isinstance(f, Fill), parent)
    return working, history, fills
