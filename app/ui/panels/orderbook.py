"""The order book panel (호가창): live depth of one symbol, size bars, cumulative sizes, own orders, click to price.

Clicking a level takes its price into the order ticket of the panel's link group, the way Korean
HTS order screens do: an ask level (upper half) means buying at that price (you lift the offer),
a bid level (lower half) selling at that price (you hit the bid). Enter on the selected level
does the same. The middle row (the last price) has no side and chooses nothing. Nothing is ever
sent from here: `context.links.price_chosen` only fills the ticket.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QPainter, QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QMenu,
                               QStackedWidget, QTableView, QToolButton, QVBoxLayout, QWidget)

from app.ui.book_common import NameLabel, SymbolEntry, banner_label, display_name, ensure_actions, message_label, paint_rows, track
from app.ui.book_feed import OwnOrders, SymbolFeed, disconnect_all
from app.ui.book_delegate import PAD, SizeBarDelegate
from app.ui.book_lines import BookLines
from app.ui.book_model import ASK, BID, COL, CUMULATIVE, OWN, OrderBookModel
from app.ui.panels.base import Panel
from app.ui.panels.registry import register
from app.ui.quotestyle import QuoteColors, number_font

LEVELS = {"stock": 10, "futures": 5, "option": 5}
OWN_SAMPLE = "99,999"  # the widest own quantity the columns are sized for
NO_DATA_AFTER = 10.0  # seconds without a snapshot or a push before the book says it has none

ACTIONS = [
    ("orderbook.symbol", "Order book: type a symbol", "호가창: 종목 입력", (), "focus_symbol"),
    ("orderbook.cumulative", "Order book: show or hide cumulative sizes", "호가창: 누적 잔량 보이기/숨기기", (),
     "toggle_cumulative"),
    ("orderbook.choose", "Order book: take the selected level's price into the ticket",
     "호가창: 선택한 호가를 주문창으로", (), "choose_current"),
]


class BookView(QTableView):
    """The ladder: Enter on the selected level chooses its price like a click does.

    It paints every cell in one pass over the model's prepared rows (`paintEvent`): through
    QTableView each of the ~100 visible cells cost a style option, an index and calls back into
    Python for flags, row and column counts before the delegate ran, and a repaint of the book
    was one of the longest stretches of the UI thread under a busy feed (bench/market_data.py)."""

    entered = Signal(int)  # row

    def paintEvent(self, event: QPaintEvent) -> None:
        model, delegate = self.model(), self.itemDelegate()
        if not isinstance(delegate, SizeBarDelegate) or not isinstance(model, OrderBookModel) or not model.cells:
            super().paintEvent(event)
            return
        sel = self.selectionModel()
        selected = {i.row() for i in sel.selectedRows()} if sel is not None and sel.hasSelection() else ()
        paint_cell, cells_of = delegate.paint_cell, model.cells

        def paint_row(painter: QPainter, r: int, cols: list, y: int, h: int, highlight: Any) -> None:
            cells = cells_of[r]
            for c, x, w in cols:
                paint_cell(painter, QRect(x, y, w, h), model, cells, c, highlight)

        paint_rows(self, event, delegate, selected, paint_row)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            delegate = self.itemDelegate()
            if isinstance(delegate, SizeBarDelegate):
                delegate.text_color = None
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.entered.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


@register
class OrderBookPanel(SymbolFeed, Panel):
    feed_name = "orderbook"
    kind = "orderbook"
    title_en = "Order book"
    title_ko = "호가창"
    default_area = "right"
    uses_symbol = True

    def __init__(self, context: Any, parent: QWidget | None = None):
        super().__init__(context, parent)
        self._closed = False
        self.colors = QuoteColors(getattr(context.prefs, "color_convention", "korean"))
        self.model = OrderBookModel(self.colors, self)
        self.own = OwnOrders(context)
        self.hub: Any = None
        self.watcher: Any = None
        self.state = "empty"  # empty | offline | unknown | loading | nodata | book
        self.no_data_after = NO_DATA_AFTER
        self.clock = time.monotonic
        self._loading_since = 0.0
        self.link = "connected"
        self.cumulative = False
        self._seen: tuple = ()
        self._needs = True
        self._center = True

        self.entry = SymbolEntry(context, self, compact=True)
        self.name = NameLabel(self)
        self.name.setProperty("dim", True)
        self.cum_btn = QToolButton(self)
        self.cum_btn.setCheckable(True)
        self.cum_btn.setText("Σ")
        self.cum_btn.toggled.connect(self.set_cumulative)
        top = QHBoxLayout()
        top.setContentsMargins(4, 4, 4, 0)
        top.addWidget(self.entry)
        top.addWidget(self.name, 1)
        top.addWidget(self.cum_btn)

        self.lines = BookLines(self.colors, self)
        self.last_lbl, self.spread_lbl = self.lines.last, self.lines.spread
        self.ask_total, self.bid_total = self.lines.ask_total, self.lines.bid_total

        self.banner = banner_label(self)
        self.view = BookView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(SizeBarDelegate(self.colors, self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(19)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.setFont(number_font())
        self.view.setMouseTracking(True)
        head = self.view.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        head.setMinimumSectionSize(30)
        # never elided, and sized by _fit_price: ResizeToContents measured every row through the
        # delegate on each update of the book (a third of the book's update cost)
        head.setSectionResizeMode(COL["price"], QHeaderView.ResizeMode.Fixed)
        self._price_width: dict[str, int] = {}  # price text -> width it needs in bold
        self._price_fit = 0
        for col in OWN:  # always shown, empty without working orders: the ladder never shifts sideways
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
        head.setSectionsClickable(False)
        for col in CUMULATIVE:
            self.view.setColumnHidden(col, True)
        self.view.clicked.connect(self._clicked)
        self.view.entered.connect(self.choose_row)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.message = message_label(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.message)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(3)
        lay.addLayout(top)
        lay.addLayout(self.lines.quote_layout)
        lay.addWidget(self.banner)
        lay.addWidget(self.stack, 1)
        lay.addLayout(self.lines.footer_layout)

        self.entry.entered.connect(self._entered)
        context.frame_tick.connect(self._after_tick)
        context.market_changed.connect(self._on_market)
        context.instruments_loaded.connect(self._on_master)
        context.settings_changed.connect(self._on_settings)
        track(self)
        ensure_actions(self, ACTIONS)
        self._on_market(context.market)
        self.retranslate()

    def sizeHint(self) -> QSize:
        return QSize(460, 560)

    # ---- symbol ------------------------------------------------------------------------------
    def _watch(self) -> None:
        self._seen = ()
        self._needs = True
        self._center = True
        inst = self.context.instruments.get(self.symbol) if self.symbol else None
        self.name.setText(display_name(self.context, self.symbol))
        self.name.setToolTip(f"{inst.name} / {inst.name_en}" if inst else "")
        if not self.symbol:
            self.model.clear()
            self._show_state("empty")
            return
        if self.hub is None:
            self.model.clear()
            self._show_state("offline")
            return
        if not self.watcher.watch(self.symbol, depth=True):
            self.model.clear()
            self._show_state("unknown")
            return
        levels = LEVELS.get(inst.market, 10) if inst else 10
        self.model.set_levels(levels, inst.price_decimals() if inst else 2)
        self._show_state("loading")
        self._loading_since = self.clock()  # a new symbol gets its own wait
        self._on_frame()

    def _on_master(self, _count: int) -> None:
        if self.symbol and (self.state in ("loading", "nodata", "unknown") or not self.name.text()):
            self._unwatch()
            self._watch()

    # ---- live updates ------------------------------------------------------------------------
    def _on_frame(self) -> None:
        if self._closed or self.hub is None or self.watcher is None or self.state in ("empty", "unknown", "offline"):
            return
        if self.state == "loading" and self.clock() - self._loading_since >= self.no_data_after:
            self._show_state("nodata")  # the watch stays: the first snapshot or push shows the book
        if not self.isVisible() and not self._needs:
            return  # a background tab: the dirty mark waits in the watcher until it is shown
        hub, sym = self.hub, self.symbol
        self.watcher.take()
        link = hub.link_state(sym)
        own_dirty = self.own.poll()
        depth, quote = hub.depth(sym), hub.quote(sym)
        seen = (depth.version if depth else -1, quote.version if quote else -1, link)
        if seen == self._seen and not own_dirty and not self._needs:
            return
        self._seen, self._needs = seen, False
        if link != self.link:
            self.link = link
            self._show_banner()
        if depth is None or (depth.version == 0 and not depth.asks and not depth.bids):
            if self.state != "nodata":
                self._show_state("loading")
            return
        self._show_state("book")
        inst = self.context.instruments.get(sym)
        ref = quote.last if quote and quote.last is not None else (depth.asks[0].price if depth.asks else None)
        decimals = inst.price_decimals(ref) if inst else None
        own = self.own.working(sym)
        if self.model.update(depth, quote, own, link != "connected", decimals):
            self._fit_price()
        if self._center:
            self._center = False
            self.center()
        self.lines.update(depth, quote, inst, self.model.decimals, self.model.stale)

    def _fit_price(self, again: bool = False) -> None:
        """Widen or narrow the price column to the widest price on the ladder, every one in bold
        (the last trade's price is bold and moves to any row), or to its header."""
        widths, col = self._price_width, COL["price"]
        if len(widths) > 2048:
            widths.clear()
        need = 0
        metrics = None
        for cells in self.model.cells:
            text = cells.texts[col]
            w = widths.get(text)
            if w is None:
                if metrics is None:
                    metrics = QFontMetrics(self.model.bold)
                w = widths[text] = metrics.horizontalAdvance(text) + 2 * PAD + 2 if text else 0
            if w > need:
                need = w
        if need != self._price_fit or again:
            self._price_fit = need
            head = self.view.horizontalHeader()
            head.resizeSection(col, max(need, head.sectionSizeHint(col)))

    def _fit_own(self) -> None:
        """Size the own-order columns once (per language): their header or a wide quantity, whichever
        is wider, so they keep their width whether or not the trader has working orders."""
        head = self.view.horizontalHeader()
        need = QFontMetrics(self.model.font).horizontalAdvance(OWN_SAMPLE) + 2 * PAD + 2
        for col in OWN:
            head.resizeSection(col, max(need, head.sectionSizeHint(col)))

    def center(self) -> None:
        """Scroll so the last-price row sits in the middle when the ladder is taller than the panel."""
        if self.model.levels:
            self.view.scrollTo(self.model.index(self.model.middle, COL["price"]),
                               QAbstractItemView.ScrollHint.PositionAtCenter)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._center = True

    # ---- states ------------------------------------------------------------------------------
    def _show_state(self, state: str) -> None:
        if state == "loading" and self.state != "loading":
            self._loading_since = self.clock()
        self.state = state
        if state == "book":
            self.stack.setCurrentWidget(self.view)
            return
        self.stack.setCurrentWidget(self.message)
        self.lines.clear()
        self.banner.hide()
        self.message.setText(self._message())

    def _message(self) -> str:
        if self.state == "empty":
            return self.tr("Type a symbol or pick one in a linked watchlist")
        if self.state == "offline":
            return self.tr("No market data: log in to see the order book of {0}").format(self.symbol)
        if self.state == "unknown":
            return self.tr("Unknown symbol: {0}. Type a listed ticker or contract code.").format(self.symbol)
        if self.state == "loading":
            return self.tr("Loading the order book of {0}…").format(self.symbol)
        if self.state == "nodata":
            return self.tr("No order book data for {0} yet. It shows as soon as the market sends it.").format(
                self.symbol)
        return ""

    def _show_banner(self) -> None:
        if self.link == "connected" or self.state != "book":
            self.banner.hide()
        else:
            self.banner.setText(self.tr("Disconnected: reconnecting… the book is greyed until it is live again"))
            self.banner.show()

    # ---- clicks and actions ------------------------------------------------------------------
    def _clicked(self, index: QModelIndex) -> None:
        self.choose_row(index.row())
        # rows are price slots that move with the market: a mouse pick leaves no stale highlight
        self.view.selectionModel().clearSelection()

    def choose_row(self, row: int) -> bool:
        """Emit price_chosen for a level: ask -> buy at its price, bid -> sell at its price."""
        kind, price = self.model.row_kind(row), self.model.row_price(row)
        if kind not in (ASK, BID) or price is None or not self.symbol:
            return False
        side = "buy" if kind == ASK else "sell"
        self.context.links.price_chosen.emit(self.link_group, self.symbol, side, price)
        return True

    def choose_current(self) -> None:
        idx = self.view.currentIndex()
        if idx.isValid():
            self.choose_row(idx.row())

    def focus_symbol(self) -> None:
        self.entry.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.entry.selectAll()

    def toggle_cumulative(self) -> None:
        self.set_cumulative(not self.cumulative)

    def set_cumulative(self, on: bool) -> None:
        self.cumulative = bool(on)
        for col in CUMULATIVE:
            self.view.setColumnHidden(col, not self.cumulative)
        if self.cum_btn.isChecked() != self.cumulative:
            self.cum_btn.setChecked(self.cumulative)

    def _menu(self, pos: Any) -> None:
        menu = QMenu(self)
        for action_id, *_rest in ACTIONS:
            menu.addAction(self.context.actions.qaction(action_id))
        menu.popup(self.view.viewport().mapToGlobal(pos))

    # ---- panel contract ----------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._needs = True

    def _on_settings(self) -> None:
        self.colors.refresh(getattr(self.context.prefs, "color_convention", None))
        self.model.restyle()
        self._needs = True

    def settings(self) -> dict[str, Any]:
        return {"cumulative": self.cumulative}

    def apply_settings(self, settings: dict[str, Any]) -> None:
        self.set_cumulative(bool(settings.get("cumulative", False)))

    def retranslate(self) -> None:
        self.name.setText(display_name(self.context, self.symbol))
        self.entry.setPlaceholderText(self.tr("Symbol"))
        self.cum_btn.setToolTip(self.tr("Show cumulative sizes"))
        self.model.retranslate()
        self._fit_price(again=True)  # the header's width
        self._fit_own()
        if self.state != "book":
            self.message.setText(self._message())
        self._show_banner()
        self._needs = True

    def shutdown(self) -> None:
        self._closed = True
        disconnect_all(((self.context.frame_tick, self._after_tick), (self.context.market_changed, self._on_market),
                        (self.context.instruments_loaded, self._on_master),
                        (self.context.settings_changed, self._on_settings)))
        if self.watcher is not None:
            self.watcher.close()
            self.watcher = None
        self.own.close()
