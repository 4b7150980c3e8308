"""Table models of the orders panel: working orders, the day's orders and fills, with columns
declared once (id, English header, alignment, formatter, colour rule), rows keyed and updated in
place (a new key inserts one row; a finished working order removes its row)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel

from app.trading.order_state import Fill, Order
from app.trading.trading_hours import exchange_zone
from app.ui.quotestyle import QuoteColors, fmt_average, fmt_price, number_font
from app.ui.ticket_style import (RESERVED_NAMES, SIDE_NAMES, STATE_NAMES, TYPE_NAMES, reserved_name, side_name,
                                 state_name, type_name)

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def _price(v: Decimal | None, decimals: int | None = None) -> str:
    """A price to its instrument's digits (6J's 0.0066305, not 0.0066); with no instrument known,
    as sent, to at most 4 digits and at least 2."""
    if v is None:
        return ""
    if decimals is not None:
        return fmt_price(v, decimals)
    text = f"{v:,.4f}".rstrip("0")
    whole, _, frac = text.partition(".")
    return f"{whole}.{frac.ljust(2, '0')}"


def _average(v: Decimal | None, decimals: int | None = None) -> str:
    """An average fill: the tick's digits and up to three more (fills at 6,152.50 and 6,152.75
    average 6,152.625)."""
    return _price(v) if decimals is None or v is None else fmt_average(v, decimals)


def order_decimals(o: Any, instruments: Any = None) -> int | None:
    """The digits the prices of an order's (or fill's) symbol carry; None when it is not known."""
    inst = instruments.get(o.symbol) if instruments is not None else None
    return inst.price_decimals(getattr(o, "price", None)) if inst is not None else None


def order_zone(o: Any, instruments: Any = None) -> Any:
    """The exchange clock of an order's symbol (the one the tape, fills and chart show)."""
    inst = instruments.get(o.symbol) if instruments is not None else None
    return exchange_zone(inst, getattr(o, "market", "stock"))


def _clock(t: float | None, zone: Any) -> tuple[str, str]:
    """Instant `t` on an exchange's clock, and the same with date and zone (tooltip); blank if none."""
    if not t:
        return "", ""
    at = datetime.fromtimestamp(t, zone)
    return at.strftime("%H:%M:%S"), f"{at:%Y-%m-%d %H:%M:%S %Z} ({zone.key})"


def _hms(o: Any, zone: Any) -> tuple[str, str]:
    """The order's last update on its exchange's clock."""
    return _clock(getattr(o, "updated", None), zone)


def _fill_time(f: Fill, zone: Any) -> tuple[str, str]:
    """The fill's time on its exchange's clock, as the orders' (LS stamps it in Korean time; a
    fill found by a reconciliation has none)."""
    return _clock(f.at, zone)


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
    samples: Callable[[], tuple[str, ...]] = lambda: ()  # the widest texts it holds (current language)
    zoned: bool = False  # text(item, zone) -> (text, tooltip): a time on the symbol's exchange clock
    priced: bool = False  # text(item, decimals): a price to its instrument's digits (None: not known)
    tip: str = ""  # the header's tooltip (English, translated like the header)


# What the columns are sized to hold (orders_panel.fit_columns), besides their headers.
NUMBER, QTY, PRICE, CLOCK = ("99999999",), ("99,999",), ("9,999.9999",), ("00:00:00",)
SYMBOLS = ("GOOGL", "HSIZ25")


def _states() -> tuple[str, ...]:
    return tuple(state_name(s) for s in STATE_NAMES)


def _sides() -> tuple[str, ...]:
    return tuple(side_name(s) for s in SIDE_NAMES)


def _types() -> tuple[str, ...]:
    return tuple(type_name(t) for t in TYPE_NAMES)


ORDER_COLUMNS: tuple[Column, ...] = (
    Column("id", QT_TRANSLATE_NOOP("OrdersPanel", "No."), RIGHT, lambda o: o.id, lambda o: int(o.id or 0), numeric=True,
           samples=lambda: NUMBER),
    Column("time", QT_TRANSLATE_NOOP("OrdersPanel", "Time"), LEFT, _hms, lambda o: o.updated, samples=lambda: CLOCK,
           zoned=True, tip=QT_TRANSLATE_NOOP("OrdersPanel", "Exchange time of the order's symbol (hover a time for its zone)")),
    Column("symbol", QT_TRANSLATE_NOOP("OrdersPanel", "Symbol"), LEFT, lambda o: o.symbol, lambda o: o.symbol,
           samples=lambda: SYMBOLS),
    Column("side", QT_TRANSLATE_NOOP("OrdersPanel", "Side"), LEFT, lambda o: side_name(o.side), lambda o: o.side, side_colored=True,
           samples=_sides),
    Column("type", QT_TRANSLATE_NOOP("OrdersPanel", "Type"), LEFT, lambda o: type_name(o.price_type), lambda o: o.price_type,
           samples=_types),
    Column("qty", QT_TRANSLATE_NOOP("OrdersPanel", "Qty"), RIGHT, lambda o: f"{o.qty:,}", lambda o: o.qty, numeric=True,
           editable=True, samples=lambda: QTY),
    Column("price", QT_TRANSLATE_NOOP("OrdersPanel", "Price"), RIGHT, lambda o, d: _price(o.price, d),
           lambda o: o.price or 0, numeric=True, editable=True, samples=lambda: PRICE, priced=True),
    Column("filled", QT_TRANSLATE_NOOP("OrdersPanel", "Filled"), RIGHT, lambda o: f"{o.filled:,}" if o.filled else "",
           lambda o: o.filled, numeric=True, samples=lambda: QTY),
    Column("left", QT_TRANSLATE_NOOP("OrdersPanel", "Open"), RIGHT, lambda o: f"{o.remaining:,}" if o.remaining else "",
           lambda o: o.remaining, numeric=True, samples=lambda: QTY),
    Column("avg", QT_TRANSLATE_NOOP("OrdersPanel", "Avg fill"), RIGHT, lambda o, d: _average(o.avg_fill_price, d),
           lambda o: o.avg_fill_price or 0, numeric=True, samples=lambda: PRICE, priced=True),
    Column("state", QT_TRANSLATE_NOOP("OrdersPanel", "State"), LEFT, lambda o: state_name(o.state), lambda o: o.state,
           samples=_states),
    Column("reason", QT_TRANSLATE_NOOP("OrdersPanel", "Reason"), LEFT, lambda o: o.reason, lambda o: o.reason),
)
# What a trader reads first comes first (the panel is often a narrow tab under the chart).
_ORDER = ("id", "symbol", "side", "qty", "price", "filled", "state", "type", "avg", "left", "time", "reason")
ORDER_COLUMNS = tuple(sorted(ORDER_COLUMNS, key=lambda c: _ORDER.index(c.id)))
FILL_COLUMNS: tuple[Column, ...] = (
    Column("time", QT_TRANSLATE_NOOP("OrdersPanel", "Time"), LEFT, _fill_time, lambda f: f.at, samples=lambda: CLOCK,
           zoned=True, tip=QT_TRANSLATE_NOOP("OrdersPanel", "Exchange time of the order's symbol (hover a time for its zone)")),
    Column("order", QT_TRANSLATE_NOOP("OrdersPanel", "Order"), RIGHT, lambda f: f.order_id, lambda f: int(f.order_id or 0),
           numeric=True, samples=lambda: NUMBER),
    Column("symbol", QT_TRANSLATE_NOOP("OrdersPanel", "Symbol"), LEFT, lambda f: f.symbol, lambda f: f.symbol,
           samples=lambda: SYMBOLS),
    Column("side", QT_TRANSLATE_NOOP("OrdersPanel", "Side"), LEFT, lambda f: side_name(f.side), lambda f: f.side, side_colored=True,
           samples=_sides),
    Column("qty", QT_TRANSLATE_NOOP("OrdersPanel", "Qty"), RIGHT, lambda f: f"{f.qty:,}", lambda f: f.qty, numeric=True,
           samples=lambda: QTY),
    Column("price", QT_TRANSLATE_NOOP("OrdersPanel", "Price"), RIGHT, lambda f, d: _price(f.price, d), lambda f: f.price,
           numeric=True, samples=lambda: PRICE, priced=True),
    Column("exec", QT_TRANSLATE_NOOP("OrdersPanel", "Exec no."), RIGHT, lambda f: f.exec_id, lambda f: f.exec_id),
)


RESERVED_COLUMNS: tuple[Column, ...] = (
    Column("rsv_no", QT_TRANSLATE_NOOP("OrdersPanel", "Rsv. no."), RIGHT, lambda r: r.rsv_no, lambda r: int(r.rsv_no or 0),
           numeric=True, samples=lambda: NUMBER),
    Column("symbol", QT_TRANSLATE_NOOP("OrdersPanel", "Symbol"), LEFT, lambda r: r.symbol, lambda r: r.symbol,
           samples=lambda: SYMBOLS),
    Column("side", QT_TRANSLATE_NOOP("OrdersPanel", "Side"), LEFT, lambda r: side_name(r.side), lambda r: r.side,
           side_colored=True, samples=_sides),
    Column("qty", QT_TRANSLATE_NOOP("OrdersPanel", "Qty"), RIGHT, lambda r: f"{r.qty:,}", lambda r: r.qty, numeric=True,
           samples=lambda: QTY),
    Column("price", QT_TRANSLATE_NOOP("OrdersPanel", "Price"), RIGHT, lambda r: _price(r.price), lambda r: r.price or 0,
           numeric=True, samples=lambda: PRICE),
    Column("status", QT_TRANSLATE_NOOP("OrdersPanel", "Status"), LEFT, lambda r: reserved_name(r.status),
           lambda r: r.status, samples=lambda: tuple(reserved_name(s) for s in RESERVED_NAMES)),
    Column("window", QT_TRANSLATE_NOOP("OrdersPanel", "Valid"), LEFT,
           lambda r: f"{r.start}–{r.end}" if r.start else r.entered, lambda r: r.start or r.entered,
           samples=lambda: ("20261201–20261208",)),
    Column("order", QT_TRANSLATE_NOOP("OrdersPanel", "Order"), RIGHT, lambda r: r.order_id,
           lambda r: int(r.order_id or 0), numeric=True, samples=lambda: NUMBER),
    Column("filled", QT_TRANSLATE_NOOP("OrdersPanel", "Filled"), RIGHT, lambda r: f"{r.filled:,}" if r.filled else "",
           lambda r: r.filled, numeric=True, samples=lambda: QTY),
    Column("error", QT_TRANSLATE_NOOP("OrdersPanel", "Reason"), LEFT, lambda r: r.error, lambda r: r.error),
)


DISPLAY, ALIGN, SORT = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.TextAlignmentRole), int(Qt.ItemDataRole.UserRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
FOREGROUND, FONT = int(Qt.ItemDataRole.ForegroundRole), int(Qt.ItemDataRole.FontRole)
READ_ONLY = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled  # combined once: each `|` of
EDITABLE = READ_ONLY | Qt.ItemFlag.ItemIsEditable  # Qt flags in Python is an enum call (~1 µs)


class RowsModel(QStandardItemModel):
    """Rows keyed by ``key(item)``; ``keep(item)`` says whether an item belongs in this table.

    The cells live in C++ (QStandardItem): a view's repaint asks ~7 roles of every visible cell,
    and answering those from a Python ``data()`` cost ~20 ms per full repaint of the working
    orders (a new row at the top repaints them all) — time taken from the next order's round trip.
    Each order event writes its row's cells once instead: a cell's alignment and font never
    change (they are set when the row is made), and of the rest only what changed is
    written. The headers are model data too (set per language), so painting asks no Python.
    """

    def __init__(self, columns: tuple[Column, ...], key: Callable[[Any], Any],
                 keep: Callable[[Any], bool] = lambda _i: True, parent: Any = None):
        super().__init__(0, len(columns), parent)
        self.columns = columns
        self.key = key
        self.keep = keep
        self.items: list[Any] = []
        self.index_of: dict[Any, int] = {}
        self.colors = QuoteColors()
        self.font = number_font()
        self.on_edit: Callable[[Any, str, str], None] | None = None
        self.zone_of: Callable[[Any], Any] = order_zone  # an item's exchange clock (the panel asks the master)
        self.decimals_of: Callable[[Any], int | None] = order_decimals  # an item's price digits (likewise)
        self._shown: dict[Any, list[tuple]] = {}  # key → per column (text, sort, side, tip, editable) as written
        self.retranslate()

    # ---- Qt model API ------------------------------------------------------------------------
    def retranslate(self) -> None:
        """The headers in the current language (and their alignment)."""
        for section, col in enumerate(self.columns):
            self.setHeaderData(section, Qt.Orientation.Horizontal,
                               QCoreApplication.translate("OrdersPanel", col.header), Qt.ItemDataRole.DisplayRole)
            self.setHeaderData(section, Qt.Orientation.Horizontal, int(col.align), Qt.ItemDataRole.TextAlignmentRole)
            if col.tip:
                self.setHeaderData(section, Qt.Orientation.Horizontal,
                                   QCoreApplication.translate("OrdersPanel", col.tip), Qt.ItemDataRole.ToolTipRole)
        self.rewrite()  # the rows' words (states, sides, types) too

    def rewrite(self) -> None:
        """Every row again (the language, the colours or the instruments behind the zones changed)."""
        self._shown.clear()
        for row, item in enumerate(self.items):
            self._write(row, item)

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """An edit asks the order manager for a modify; the row changes when it is answered."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.on_edit is None:
            return False
        col = self.columns[index.column()]
        if not col.editable or not (0 <= index.row() < len(self.items)):
            return False
        self.on_edit(self.items[index.row()], col.id, str(value))
        return False

    # ---- cells -------------------------------------------------------------------------------
    def _values(self, item: Any) -> list[tuple]:
        """What each cell of ``item``'s row shows: (text, sort key, side for the colour, tooltip, editable)."""
        editable = self.on_edit is not None and getattr(item, "working", False) and bool(item.id)
        out = []
        for col in self.columns:
            sort = col.sort(item)
            if col.zoned:
                text, tip = col.text(item, self.zone_of(item))
            else:
                text, tip = col.text(item, self.decimals_of(item)) if col.priced else col.text(item), None
            out.append((text or "",
                        float(sort) if isinstance(sort, (Decimal, int, float)) else str(sort or ""),
                        item.side if col.side_colored else None,
                        tip,
                        editable and col.editable))
        return out

    def _roles(self, value: tuple) -> dict[int, Any]:
        text, sort, side, tip, _editable = value
        roles = {DISPLAY: text, SORT: sort}
        if side is not None:
            roles[FOREGROUND] = self.colors.buy if side == "buy" else self.colors.sell
        if tip is not None:
            roles[TOOLTIP] = tip
        return roles

    def _cells(self, item: Any) -> list[QStandardItem]:
        """A new row's cells, made here in Python, never cloned from a prototype: a clone is made in
        C++, and when the model deletes it (removeRow, setRowCount) PySide leaves its wrapper alive
        and registered at the freed address. The next object Qt put there was handed that stale
        wrapper: the chart's drawRects got a QStandardItem for its QRectF array, and the terminal
        crashed within minutes of steady order traffic (a segfault in shiboken's wrapper registry or
        glibc's heap checks). A Python-made item is unregistered when Qt deletes it."""
        values = self._values(item)
        cells = []
        for col, value in zip(self.columns, values):
            cell = QStandardItem()
            cell.setData(int(col.align), ALIGN)
            if col.numeric:
                cell.setData(self.font, FONT)
            for role, v in self._roles(value).items():
                cell.setData(v, role)
            cell.setFlags(EDITABLE if value[4] else READ_ONLY)
            cells.append(cell)
        self._shown[self.key(item)] = values
        return cells

    def _write(self, row: int, item: Any) -> None:
        """Only the cells whose text, sort key, colour or flags changed (a state change touches
        ~3); what each row shows is remembered here, so unchanged cells cost no Qt call."""
        values = self._values(item)
        shown = self._shown.setdefault(self.key(item), [None] * len(self.columns))
        for c, now in enumerate(values):
            was = shown[c]
            if now == was:
                continue
            shown[c] = now
            if was is None or now[4] != was[4]:
                self.item(row, c).setFlags(EDITABLE if now[4] else READ_ONLY)
            if was is None or now[:4] != was[:4]:
                self.setItemData(self.index(row, c), self._roles(now))

    # ---- keyed updates -----------------------------------------------------------------------
    def reset(self, items: list[Any]) -> None:
        self.setRowCount(0)
        self._shown.clear()
        self.items = [i for i in reversed(items) if self.keep(i)]
        self.index_of = {self.key(i): n for n, i in enumerate(self.items)}
        for i in self.items:
            self.appendRow(self._cells(i))

    def upsert(self, item: Any) -> None:
        k = self.key(item)
        row = self.index_of.get(k)
        if row is not None and self.items[row] is not item and not self.keep(item):
            return
        if row is None:
            if not self.keep(item):
                return
            self.items.insert(0, item)  # newest first, with no re-sort to pay for
            self.index_of = {self.key(i): n for n, i in enumerate(self.items)}
            self.insertRow(0, self._cells(item))
        elif not self.keep(item):
            self.remove(k)
        else:
            self.items[row] = item
            self._write(row, item)

    def remove(self, k: Any) -> None:
        row = self.index_of.get(k)
        if row is None:
            return
        del self.items[row]
        self._shown.pop(k, None)
        self.index_of = {self.key(i): n for n, i in enumerate(self.items)}
        self.removeRow(row)

    def item_at(self, row: int) -> Any:
        """The order or fill shown in ``row`` (of this model, not of a proxy)."""
        return self.items[row] if 0 <= row < len(self.items) else None

    def refresh_colors(self) -> None:
        self.colors.refresh()
        self.rewrite()


def order_models(parent: Any) -> tuple[RowsModel, RowsModel, RowsModel]:
    working = RowsModel(ORDER_COLUMNS, lambda o: o.key, lambda o: isinstance(o, Order) and o.working, parent)
    history = RowsModel(ORDER_COLUMNS, lambda o: o.key, lambda o: isinstance(o, Order), parent)
    fills = RowsModel(FILL_COLUMNS, lambda f: (f.symbol, f.exec_id), lambda f: isinstance(f, Fill), parent)
    return working, history, fills


def reserved_model(parent: Any) -> RowsModel:
    """Reserved stock orders (COSAT00400) and their results (COSAQ01400)."""
    from app.trading.order_reserved import Reservation

    return RowsModel(RESERVED_COLUMNS, lambda r: r.rsv_no, lambda r: isinstance(r, Reservation), parent)
