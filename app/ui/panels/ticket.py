"""The order ticket: symbol, side, quantity, price type and price for stocks and futures/options,
with the instrument's name, live last/bid/ask and the order's value; keyboard first (every key a
registered action), buy red / sell blue, linked to the order book and the positions panel.
Its live side (quote, value, sending, the order followed, the message line) is in
app/ui/ticket_order.py; keys in ticket_fields.py and ticket_keys.py; links in ticket_links.py."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.trading.order_state import MARKET_LIKE
from app.trading.order_validation import price_types_for
from app.ui import ticket_keys
from app.ui.panels.base import Panel
from app.ui.panels.registry import register
from app.ui.quotestyle import QuoteColors, number_font
from app.ui.ticket_fields import TicketKeysMixin
from app.ui.ticket_links import TicketLinksMixin
from app.ui.ticket_order import MessageLine, TicketOrderMixin
from app.ui.ticket_reserve import ReserveRow
from app.ui.ticket_style import side_style

PRESETS = (1, 10, 100, 1000)  # shares
FUTURES_PRESETS = (1, 2, 5, 10)  # contracts: Alt+4 gave 1,000 Nikkei contracts (19.5 billion yen)


@register
class TicketPanel(TicketOrderMixin, TicketLinksMixin, TicketKeysMixin, Panel):
    kind = "ticket"
    title_en = "Order ticket"
    title_ko = "주문"
    default_area = "right"
    uses_symbol = True

    def __init__(self, context: Any, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.setObjectName("TicketPanel")
        self.side = "buy"
        self.inst: Any = None
        self.presets = list(PRESETS)
        self.futures_presets = list(FUTURES_PRESETS)
        self.sending = False
        self.last_order: Any = None
        self._review_symbol: str | None = None  # the symbol of a closing order loaded for review
        self._said: tuple = ()  # (id, state, reason) of last_order as the message line shows it
        self.last_reservation: Any = None
        self._quote_version = -1
        self._watcher = None
        self.colors = QuoteColors(getattr(context.prefs, "color_convention", "korean"))
        num = number_font(self.font())

        self.symbol_edit = QLineEdit(self)
        self.symbol_edit.setObjectName("TicketSymbol")
        self.name_label = QLabel(self)
        self.name_label.setObjectName("TicketName")
        self.last_label, self.bid_label, self.ask_label = (QLabel(self) for _ in range(3))
        big = number_font(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.25)
        big.setBold(True)
        for w in (self.last_label, self.bid_label, self.ask_label):
            w.setFont(big)
            w.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.buy_btn = QPushButton(self)
        self.sell_btn = QPushButton(self)
        for b in (self.buy_btn, self.sell_btn):
            b.setCheckable(True)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.buy_btn.setObjectName("TicketBuy")
        self.sell_btn.setObjectName("TicketSell")
        self.buy_btn.clicked.connect(lambda: self.set_side("buy"))
        self.sell_btn.clicked.connect(lambda: self.set_side("sell"))
        self.type_box = QComboBox(self)
        self.type_box.setObjectName("TicketPriceType")
        self.qty_edit = QLineEdit(self)
        self.qty_edit.setObjectName("TicketQty")
        self.price_edit = QLineEdit(self)
        self.price_edit.setObjectName("TicketPrice")
        for w in (self.qty_edit, self.price_edit):
            w.setFont(num)
            w.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.value_label = QLabel(self)
        self.value_label.setObjectName("TicketValue")
        self.value_label.setFont(num)
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.send_btn = QPushButton(self)
        self.send_btn.setObjectName("TicketSend")
        self.send_btn.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.send_btn.clicked.connect(self._send_clicked)
        self.message = MessageLine(self)
        self.message.setObjectName("TicketMessage")
        self.caption = {k: QLabel(self) for k in ("symbol", "last", "bid", "ask", "type", "qty", "price", "value")}

        grid = QGridLayout()
        grid.setContentsMargins(6, 6, 6, 6)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.caption["symbol"], 0, 0)
        grid.addWidget(self.symbol_edit, 0, 1)
        grid.addWidget(self.name_label, 1, 0, 1, 2)
        quotes = QGridLayout()
        quotes.setVerticalSpacing(0)
        for col, (key, w) in enumerate((("bid", self.bid_label), ("last", self.last_label), ("ask", self.ask_label))):
            self.caption[key].setAlignment(Qt.AlignmentFlag.AlignCenter)
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            quotes.addWidget(self.caption[key], 0, col)
            quotes.addWidget(w, 1, col)
        grid.addLayout(quotes, 2, 0, 1, 2)
        sides = QHBoxLayout()
        sides.addWidget(self.buy_btn)
        sides.addWidget(self.sell_btn)
        grid.addLayout(sides, 3, 0, 1, 2)
        grid.addWidget(self.caption["type"], 4, 0)
        grid.addWidget(self.type_box, 4, 1)
        grid.addWidget(self.caption["qty"], 5, 0)
        grid.addWidget(self.qty_edit, 5, 1)
        grid.addWidget(self.caption["price"], 6, 0)
        grid.addWidget(self.price_edit, 6, 1)
        grid.addWidget(self.caption["value"], 7, 0)
        grid.addWidget(self.value_label, 7, 1)
        self.reserve = ReserveRow(self)
        grid.addWidget(self.reserve, 8, 0, 1, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(grid)
        lay.addWidget(self.send_btn)
        lay.addWidget(self.message)
        self._install_one_click(lay)
        lay.addStretch(1)
        self.setTabOrder(self.symbol_edit, self.type_box)
        self.setTabOrder(self.type_box, self.qty_edit)
        self.setTabOrder(self.qty_edit, self.price_edit)

        self.symbol_edit.editingFinished.connect(self._symbol_left)
        self.qty_edit.textChanged.connect(self._refresh_value)
        self.price_edit.textChanged.connect(self._refresh_value)
        self.type_box.currentIndexChanged.connect(self._type_changed)
        ticket_keys.attach(self, "ticket")
        self._install_global()
        context.links.price_chosen.connect(self._price_chosen)
        context.links.ticket_requested.connect(self._ticket_requested)
        context.frame_tick.connect(self._on_frame)
        context.market_changed.connect(lambda _hub: self._rewatch())
        context.instruments_loaded.connect(self._master_loaded)
        context.settings_changed.connect(self._recolor)
        context.language_changed.connect(lambda _l: self.retranslate())
        self.retranslate()
        self.set_side("buy")

    # ---- global actions (F4 focus, F9 buy, F8 sell) ------------------------------------------
    def _install_global(self) -> None:
        reg = self.context.actions
        handlers = {"ticket.focus": lambda: self._with_ticket(lambda t: t.focus_ticket()),
                    "order.buy": lambda: self._with_ticket(lambda t: (t.set_side("buy"), t.focus_ticket())),
                    "order.sell": lambda: self._with_ticket(lambda t: (t.set_side("sell"), t.focus_ticket()))}
        for action_id, fn in handlers.items():
            if action_id in reg:
                reg.set_handler(action_id, fn)

    def _with_ticket(self, fn) -> None:
        t = ticket_keys.focused(self.context, "ticket") or ticket_keys.last(self.context, "ticket")
        if t is not None:
            fn(t)

    def focus_ticket(self) -> None:
        ticket_keys.used(self, "ticket")
        dock = self.parentWidget()
        if dock is not None and hasattr(dock, "raise_"):
            dock.raise_()
        target = self.qty_edit if self.inst is not None else self.symbol_edit
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        target.selectAll()

    # ---- texts and colours -------------------------------------------------------------------
    def retranslate(self) -> None:
        self.caption["symbol"].setText(self.tr("Symbol"))
        self.caption["last"].setText(self.tr("Last"))
        self.caption["bid"].setText(self.tr("Bid"))
        self.caption["ask"].setText(self.tr("Ask"))
        self.caption["type"].setText(self.tr("Type"))
        self.caption["qty"].setText(self.tr("Quantity"))
        self.caption["price"].setText(self.tr("Price"))
        self.caption["value"].setText(self.tr("Value"))
        self.buy_btn.setText(self.tr("Buy (F9)"))
        self.sell_btn.setText(self.tr("Sell (F8)"))
        self.symbol_edit.setPlaceholderText(self.tr("Type a symbol, Enter"))
        self.reserve.retranslate()
        if getattr(self, "inst", None) is not None:
            self._show_name()  # the name in the language switched to (애플 stayed in English)
        self._fill_types()
        self._recolor()
        if self.inst is None and not self.message.text():
            self._say(self.tr("Type a symbol and press Enter, or press F4 from anywhere."))

    def _show_name(self) -> None:
        inst = self.inst
        name = inst.name_en if self.context.lang == "en" and inst.name_en else inst.name
        self.name_label.setText(f"{name}  ·  {inst.exchange}  ·  {inst.currency}")

    def _type_names(self) -> dict[str, str]:
        return {"limit": self.tr("Limit"), "market": self.tr("Market"), "loo": self.tr("LOO (limit on open)"),
                "loc": self.tr("LOC (limit on close)"), "moo": self.tr("MOO (market on open)"),
                "moc": self.tr("MOC (market on close)")}

    def _recolor(self) -> None:
        self.colors.refresh(getattr(self.context.prefs, "color_convention", None))
        self.buy_btn.setStyleSheet(side_style(self.colors.buy, self.side == "buy"))
        self.sell_btn.setStyleSheet(side_style(self.colors.sell, self.side == "sell"))
        color = self.colors.buy if self.side == "buy" else self.colors.sell
        self.send_btn.setStyleSheet(side_style(color, True))
        self.send_btn.setText((self.tr("Buy") if self.side == "buy" else self.tr("Sell")) + " (Enter)")
        # set here, not on every quote: a style sheet re-polishes the widget (~1 ms each time)
        self.bid_label.setStyleSheet(f"color: {self.colors.buy.name()}")
        self.ask_label.setStyleSheet(f"color: {self.colors.sell.name()}")

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text, self.colors.up if error else None)

    # ---- fields ------------------------------------------------------------------------------
    def set_side(self, side: str) -> None:
        self.side = side if side in ("buy", "sell") else "buy"
        self.buy_btn.setChecked(self.side == "buy")
        self.sell_btn.setChecked(self.side == "sell")
        self._fill_types()
        self._recolor()
        self._prefetch()

    def _prefetch(self) -> None:
        """Futures: the orderable quantity is asked now, so the send never waits for it."""
        mgr = self.context.orders
        if mgr is not None and self.inst is not None and self.inst.market != "stock":
            mgr.orderable.prefetch(self.inst, self.side)

    def toggle_side(self) -> None:
        self.set_side("sell" if self.side == "buy" else "buy")

    def _fill_types(self) -> None:
        current = self.price_type
        market = self.inst.market if self.inst is not None else "stock"
        names = self._type_names()
        self.type_box.blockSignals(True)
        self.type_box.clear()
        for ptype in price_types_for(market, self.side):
            self.type_box.addItem(names[ptype], ptype)
        i = self.type_box.findData(current)
        self.type_box.setCurrentIndex(max(0, i))
        self.type_box.blockSignals(False)
        self._type_changed()

    @property
    def price_type(self) -> str:
        data = self.type_box.currentData() if hasattr(self, "type_box") else None
        return data or "limit"

    def set_price_type(self, ptype: str) -> None:
        i = self.type_box.findData(ptype)
        if i >= 0:
            self.type_box.setCurrentIndex(i)

    def next_price_type(self) -> None:
        n = self.type_box.count()
        if n:
            self.type_box.setCurrentIndex((self.type_box.currentIndex() + 1) % n)

    def _type_changed(self, *_a: Any) -> None:
        market = self.price_type in MARKET_LIKE
        self.price_edit.setEnabled(not market)
        if market:
            self.price_edit.clear()
        self._refresh_value()

    def set_symbol(self, symbol: str) -> None:
        symbol = (symbol or "").strip().upper()
        dropped = self._review_left(symbol)
        inst = self.context.instruments.get(symbol) if symbol else None
        # 100 AAPL shares must not become 100 Nikkei contracts (19.5 billion yen) on a symbol change
        other_unit = inst is not None and self.inst is not None and inst.is_stock != self.inst.is_stock
        self.symbol = symbol
        self.symbol_edit.setText(symbol)
        self.inst = inst
        self.price_edit.clear()
        if other_unit and self.qty_edit.text():
            self.qty_edit.clear()
        else:
            other_unit = False
        self._quote_version = -1
        if inst is None:
            self.name_label.setText("")
            if symbol and not len(self.context.instruments):
                self._say(self.tr("Loading instruments…"))
            else:
                self._say(self.tr("Unknown symbol: {0}").format(symbol) if symbol else "", error=bool(symbol))
        else:
            self._show_name()
            self._say("")
        self._fill_types()
        self.reserve.setVisible(inst is None or inst.market == "stock")  # reserved orders: stocks only
        self._prefetch()
        self._rewatch()
        self._on_frame()
        if dropped:
            self._say(self.tr("The order loaded for {0} was cleared: the symbol changed.").format(dropped))
        elif other_unit:
            self._say(self.tr("Quantity cleared: {0} is ordered in contracts, not shares.").format(symbol)
                      if not inst.is_stock else
                      self.tr("Quantity cleared: {0} is ordered in shares, not contracts.").format(symbol))

    def _master_loaded(self, _count: int = 0) -> None:
        if self.symbol and self.inst is None:
            self.set_symbol(self.symbol)

    # ---- workspace ---------------------------------------------------------------------------
    def settings(self) -> dict[str, Any]:
        return {"side": self.side, "qty": self.qty_edit.text(), "presets": self.presets,
                "futures_presets": self.futures_presets, "one_click": self.one_click}

    def apply_settings(self, settings: dict[str, Any]) -> None:
        for key in ("presets", "futures_presets"):
            presets = settings.get(key)
            if isinstance(presets, list) and all(isinstance(p, int) and not isinstance(p, bool) and p > 0
                                                 for p in presets):
                setattr(self, key, presets[:4])
        if settings.get("side") in ("buy", "sell"):
            self.set_side(settings["side"])
        if isinstance(settings.get("qty"), str):
            self.qty_edit.setText(settings["qty"])
        self.set_one_click(settings.get("one_click") is True)  # switched on in this workspace before

    def shutdown(self) -> None:
        ticket_keys.detach(self, "ticket")
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
        for sig, slot in ((self.context.links.price_chosen, self._price_chosen),
                          (self.context.links.ticket_requested, self._ticket_requested),
                          (self.context.frame_tick, self._on_frame)):
            try:
                sig.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
