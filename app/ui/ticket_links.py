"""The order ticket's links: a price chosen in the order book (side and price, and the symbol of
its link group), a closing order drafted by the positions panel (loaded for review, never sent),
and one-click trading — off unless switched on for the workspace, after a warning; then a click
on a price in the order book sends at once with the ticket's quantity, and in live mode every
such order still asks first."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from app.trading.order_state import MARKET_LIKE
from app.ui import ticket_keys
from app.ui.tasks import spawn


class TicketLinksMixin:
    """Mixed into TicketPanel (fields, ``send`` machinery, ``link_group``). Its texts are in the
    panel's translation context, spelled out in each call so that lupdate finds them."""

    one_click = False
    context: Any

    def _install_one_click(self, layout: Any) -> None:
        self.one_click_label = QLabel(self)
        self.one_click_label.setObjectName("TicketOneClick")
        self.one_click_label.setWordWrap(True)
        self.one_click_label.setStyleSheet("color: white; background: #d6282f; font-weight: bold; padding: 3px;")
        self.one_click_label.hide()
        layout.addWidget(self.one_click_label)

    def _mine(self, group: Any) -> bool:
        if group is not None:
            return group == self.link_group
        return ticket_keys.last(self.context, "ticket") is self

    def _price_chosen(self, group: Any, symbol: str, side: str, price: Any) -> None:
        if not self._mine(group):
            return
        if symbol and symbol.upper() != self.symbol:
            self.set_symbol(symbol)
        self.set_side(side)
        if price is not None:
            self.set_price(Decimal(str(price)))
            if self.one_click:
                self._one_click_send()

    def _one_click_send(self) -> None:
        draft = self.draft()
        if self.inst is None or not self._may_send(draft):  # one order per press, as with Enter
            return
        ticket_keys.used(self, "ticket")
        spawn(self._send(draft, None, True), "one-click order")

    def _ticket_requested(self, d: dict) -> None:
        if not self._mine(d.get("group")):
            return
        self.set_symbol(d.get("symbol", ""))
        self.set_side(d.get("side", "buy"))
        if d.get("price_type"):
            self.set_price_type(d["price_type"])
        if d.get("qty") is not None:
            self.qty_edit.setText(str(d["qty"]))
        if d.get("price") is not None and self.price_type not in MARKET_LIKE:
            self.set_price(Decimal(str(d["price"])))
        self._review_symbol = self.symbol
        self._say(QCoreApplication.translate("TicketPanel", "Loaded for review: check it and press Enter to send."))
        self.focus_ticket()

    def _review_left(self, symbol: str) -> str | None:
        """The symbol of an order loaded for review (a closing order) that `symbol` replaces: its
        side and quantity are dropped (QA: 'Sell 5' of a closed SBUX stayed loaded for TSLA)."""
        old = self._review_symbol
        if not old or symbol == old:
            return None
        self._review_symbol = None
        self.qty_edit.clear()
        self.set_side("buy")
        return old

    # ---- one-click trading ---------------------------------------------------------------------
    def toggle_one_click(self) -> None:
        spawn(self.switch_one_click(not self.one_click), "one-click trading")

    async def switch_one_click(self, on: bool) -> bool:
        """On only after the warning is answered Yes; off at once. Returns the setting."""
        from app.ui.order_actions import ask

        if on and not self.one_click:
            text = QCoreApplication.translate(
                "TicketPanel", "One-click trading: a click on a price in the order book sends an order at once, "
                "with this ticket's quantity, without Enter. In live mode each order still asks first. "
                "Switch it on for this workspace?")
            if not await ask(self, QCoreApplication.translate("TicketPanel", "One-click trading"), text, warning=True):
                return self.one_click
        self.set_one_click(on)
        return on

    def set_one_click(self, on: bool) -> None:
        self.one_click = bool(on)
        self.one_click_label.setText(QCoreApplication.translate(
            "TicketPanel", "ONE-CLICK TRADING ON: a click in the order book sends (Ctrl+Alt+1 turns it off)"))
        self.one_click_label.setVisible(self.one_click)
