"""The order book (호가창) table model: asks above, the last price in the middle, bids below.

Layout, as Korean HTS order screens draw it: asks on the upper rows with their sizes in the
left-hand columns (best ask nearest the middle), the last price on the middle row, bids below
with their sizes on the right (best bid nearest the middle). The row count is fixed for a symbol
(2 × levels + 1: 10 levels for stocks, 5 for futures and options), so a live update is only
`dataChanged` on the rows whose values changed; a reset happens only when the symbol changes.

The model reads the hub's `Depth` and `Quote` (it owns no market data) and the trader's own
working orders (`{Decimal price: (buy qty, sell qty)}`) handed in by the panel.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex,
                            QPersistentModelIndex, Qt)
from PySide6.QtGui import QColor, QFont

from app.trading.quotes import Depth, Quote
from app.ui.book_common import price_decimal
from app.ui.quotestyle import QuoteColors, fmt_price, fmt_qty, number_font

ASK, LAST, BID = "ask", "last", "bid"
BAR_ROLE = Qt.ItemDataRole.UserRole + 1  # size cells: fraction of the largest visible size (0..1)
KIND_ROLE = Qt.ItemDataRole.UserRole + 2  # "ask" | "last" | "bid"
PRICE_ROLE = Qt.ItemDataRole.UserRole + 3  # the row's price as a Decimal on the tick grid (or None)
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
_CTX = "OrderBookModel"


@dataclass(frozen=True)
class Column:
    id: str
    header: str  # English source text, translated in the "OrderBookModel" context
    tip: str
    align: Qt.AlignmentFlag
    side: str  # which rows the column carries values on: "ask", "bid", "both"


COLUMNS: tuple[Column, ...] = (
    Column("own_sell", QT_TRANSLATE_NOOP("OrderBookModel", "My sell"),
           QT_TRANSLATE_NOOP("OrderBookModel", "Your working sell orders at this price"), RIGHT, "both"),
    Column("cum_ask", QT_TRANSLATE_NOOP("OrderBookModel", "Cum. ask"),
           QT_TRANSLATE_NOOP("OrderBookModel", "Ask size from the best ask to this level"), RIGHT, "ask"),
    Column("ask_size", QT_TRANSLATE_NOOP("OrderBookModel", "Asks"),
           QT_TRANSLATE_NOOP("OrderBookModel", "Size offered at this price"), RIGHT, "ask"),
    Column("price", QT_TRANSLATE_NOOP("OrderBookModel", "Price"),
           QT_TRANSLATE_NOOP("OrderBookModel", "Click an ask to buy at its price, a bid to sell at its price"),
           CENTER, "both"),
    Column("bid_size", QT_TRANSLATE_NOOP("OrderBookModel", "Bids"),
           QT_TRANSLATE_NOOP("OrderBookModel", "Size bid at this price"), RIGHT, "bid"),
    Column("cum_bid", QT_TRANSLATE_NOOP("OrderBookModel", "Cum. bid"),
           QT_TRANSLATE_NOOP("OrderBookModel", "Bid size from the best bid to this level"), RIGHT, "bid"),
    Column("own_buy", QT_TRANSLATE_NOOP("OrderBookModel", "My buy"),
           QT_TRANSLATE_NOOP("OrderBookModel", "Your working buy orders at this price"), RIGHT, "both"),
)
COL = {c.id: i for i, c in enumerate(COLUMNS)}
CUMULATIVE = (COL["cum_ask"], COL["cum_bid"])
OWN = (COL["own_sell"], COL["own_buy"])


NCOL = len(COLUMNS)
PRICE_COL = COL["price"]
SIZE_COL = {ASK: COL["ask_size"], BID: COL["bid_size"]}
ALIGNS = [int(c.align) for c in COLUMNS]
ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
NO_FLAGS = Qt.ItemFlag.NoItemFlags


class Row(NamedTuple):
    kind: str
    price: float | None = None
    size: int | None = None
    cum: int | None = None
    orders: int | None = None
    own_buy: int = 0
    own_sell: int = 0


class Cells(NamedTuple):
    """One row as painted: made once per change, read by `data()` and the delegate per cell."""
    texts: list[str]
    fg: list[QColor | None]
    bg: list[QColor | None]
    bar_col: int  # the size column carrying a bar (-1: none)
    bar: float  # its length, a fraction of the largest visible size
    bold: bool  # the price is the last trade's


BLANK = Cells([""] * NCOL, [None] * NCOL, [None] * NCOL, -1, 0.0, False)


class OrderBookModel(QAbstractTableModel):
    def __init__(self, colors: QuoteColors, parent: Any = None):
        super().__init__(parent)
        self.colors = colors
        self.levels = 0
        self.rows: list[Row] = []
        self.decimals = 2
        self.prev_close: float | None = None
        self.last: float | None = None
        self.change: float | None = None
        self.max_size = 0
        self.stale = False
        self.font = number_font()
        self.bold = QFont(self.font)
        self.bold.setBold(True)
        self.cells: list[Cells] = []
        self._tints: dict[tuple[int, int], QColor] = {}

    # ---- shape -------------------------------------------------------------------------------
    def set_levels(self, levels: int, decimals: int = 2) -> None:
        """A new symbol: `levels` per side (a reset, never used for live updates)."""
        self.beginResetModel()
        self.levels = max(0, levels)
        self.decimals = decimals
        self.rows = [Row(ASK)] * self.levels + ([Row(LAST)] if self.levels else []) + [Row(BID)] * self.levels
        self.prev_close = self.last = self.change = None
        self.cells = [self._cells(r) for r in self.rows]
        self.max_size = 0
        self.stale = False
        self.endResetModel()

    def clear(self) -> None:
        self.set_levels(0)

    @property
    def middle(self) -> int:
        return self.levels

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return ROW_FLAGS if index.isValid() else NO_FLAGS  # constants: the view asks per cell per paint

    # ---- live update -------------------------------------------------------------------------
    def update(self, depth: Depth | None, quote: Quote | None, own: dict[Decimal, tuple[int, int]],
               stale: bool, decimals: int | None = None) -> list[int]:
        """Re-read depth, quote and own orders; emit dataChanged for changed rows. Returns them."""
        if not self.levels:
            return []
        n = self.levels
        asks = list(depth.asks[:n]) if depth else []
        bids = list(depth.bids[:n]) if depth else []
        if decimals is not None and decimals != self.decimals:
            self.decimals = decimals
            force = True
        else:
            force = False
        dec = self.decimals

        def mine(price: float) -> tuple[int, int]:
            return own.get(price_decimal(price, dec), (0, 0)) if own else (0, 0)

        new: list[Row] = [Row(ASK)] * (2 * n + 1)
        cum = 0
        for i, lv in enumerate(asks):  # best ask (i = 0) sits just above the middle row
            cum += lv.size
            b, s = mine(lv.price)
            new[n - 1 - i] = Row(ASK, lv.price, lv.size, cum, lv.orders, b, s)
        new[n] = Row(LAST, quote.last if quote else None)
        cum = 0
        for i in range(n):
            if i < len(bids):
                lv = bids[i]
                cum += lv.size
                b, s = mine(lv.price)
                new[n + 1 + i] = Row(BID, lv.price, lv.size, cum, lv.orders, b, s)
            else:
                new[n + 1 + i] = Row(BID)
        max_size = max([lv.size for lv in asks + bids] or [0])
        last = quote.last if quote else None
        header = (self.prev_close, self.last, self.change)
        self.prev_close = quote.prev_close if quote else None
        self.last, self.change = last, (quote.change if quote else None)
        if max_size != self.max_size or stale != self.stale or header != (self.prev_close, self.last, self.change):
            force = True  # bars, greying or price colours (vs previous close / last) of every row move
        self.max_size, self.stale = max_size, stale
        changed = [r for r in range(len(new)) if force or new[r] != self.rows[r]]
        self.rows = new
        cells = self.cells
        for r in changed:
            cells[r] = self._cells(new[r])
        last_col = len(COLUMNS) - 1
        start = prev = None
        for r in changed + [None]:  # one dataChanged per run of adjacent rows
            if r is not None and prev is not None and r == prev + 1:
                prev = r
                continue
            if start is not None:
                self.dataChanged.emit(self.index(start, 0), self.index(prev, last_col))
            start = prev = r
        return changed

    # ---- reading -----------------------------------------------------------------------------
    def row_price(self, row: int) -> Decimal | None:
        if not 0 <= row < len(self.rows):
            return None
        price = self.rows[row].price
        return None if price is None else price_decimal(price, self.decimals)

    def row_kind(self, row: int) -> str:
        return self.rows[row].kind if 0 <= row < len(self.rows) else ""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r, c = index.row(), index.column()
        if not index.isValid() or r >= len(self.rows) or c >= NCOL:
            return None
        cells = self.cells[r]
        if role == Qt.ItemDataRole.DisplayRole:
            return cells.texts[c]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return ALIGNS[c]
        if role == Qt.ItemDataRole.ForegroundRole:
            return cells.fg[c]
        if role == Qt.ItemDataRole.BackgroundRole:
            return cells.bg[c]
        if role == Qt.ItemDataRole.FontRole:
            return self.bold if c == PRICE_COL and cells.bold else self.font
        if role == BAR_ROLE:
            return cells.bar if c == cells.bar_col else None
        row = self.rows[r]
        if role == KIND_ROLE:
            return row.kind
        if role == PRICE_ROLE:
            return self.row_price(r)
        if role == Qt.ItemDataRole.ToolTipRole:
            col = COLUMNS[c]
            if row.orders and col.side == row.kind:
                return QCoreApplication.translate("OrderBookModel", "Orders at this price: {n}").format(n=row.orders)
            return QCoreApplication.translate(_CTX, col.tip)
        return None

    def restyle(self) -> None:
        """Colours changed (theme, convention): rebuild every row's cells."""
        self._tints.clear()
        self.cells = [self._cells(r) for r in self.rows]
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, NCOL - 1))

    def _cells(self, row: Row) -> Cells:
        """The cells of one row, written out per column: the book rebuilds every row on most updates."""
        c, kind, price = self.colors, row.kind, row.price
        price_text = fmt_price(price, self.decimals)
        own_sell = fmt_qty(row.own_sell) if row.own_sell else ""
        own_buy = fmt_qty(row.own_buy) if row.own_buy else ""
        bar_col, bar = -1, 0.0
        if kind == LAST:
            texts = [own_sell, "", "", price_text, "", "", own_buy]
            base = c.for_sign(self.change) if self.change and not self.stale else c.flat
            bg = [self.tint(base, 26)] * NCOL
            bg[PRICE_COL] = self.tint(base, 60)
        else:
            size, cum = fmt_qty(row.size), fmt_qty(row.cum)
            if kind == ASK:
                texts = [own_sell, cum, size, price_text, "", "", own_buy]
            else:
                texts = [own_sell, "", "", price_text, size, cum, own_buy]
            bg = [self.tint(c.sell if kind == ASK else c.buy, 16)] * NCOL
            if price is not None and price == self.last:
                bg[PRICE_COL] = self.tint(c.flat, 40)
            if row.size and self.max_size:
                bar_col, bar = SIZE_COL[kind], row.size / self.max_size
        if self.stale:
            fg = [c.stale] * NCOL
        else:
            fg = [c.sell, None, None, None, None, None, c.buy]
            if price is not None:
                ref = self.prev_close
                fg[PRICE_COL] = c.flat if ref is None else c.for_sign(round(price - ref, 9))
        bold = price is not None and (kind == LAST or price == self.last)
        return Cells(texts, fg, bg, bar_col, bar, bold)

    def tint(self, color: QColor, alpha: int) -> QColor:
        """`color` at `alpha`, made once per theme."""
        key = (color.rgb(), alpha)
        tint = self._tints.get(key)
        if tint is None:
            tint = self._tints[key] = QColor(color)
            tint.setAlpha(alpha)
        return tint

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        col = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate(_CTX, col.header)
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate(_CTX, col.tip)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(CENTER)
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
