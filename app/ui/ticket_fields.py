"""The order ticket's keyboard steps: price by one tick or ten (from the bid/ask when empty),
price to bid/ask/last, quantity steps and presets — each the method of a registered action."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.trading.order_state import MARKET_LIKE
from app.trading.order_validation import as_int, as_price


class TicketKeysMixin:
    """Mixed into TicketPanel (which provides the fields, ``inst``, ``side`` and ``_quote()``)."""

    inst: Any
    side: str
    presets: list[int]  # shares
    futures_presets: list[int]  # contracts
    price_edit: Any
    qty_edit: Any
    reserve: Any

    def _tick(self, price: Decimal | None) -> Decimal:
        return self.inst.tick_at(price) if self.inst is not None else Decimal("0.01")

    def _step_price(self, ticks: int) -> None:
        if self.price_type in MARKET_LIKE or self.inst is None:
            return
        price = as_price(self.price_edit.text())
        if price is None:
            q = self._quote()
            base = (q.bid if self.side == "buy" else q.ask) if q else None
            base = base or (q.last if q else None)
            if base is None:
                return
            price = Decimal(str(base))
            ticks = 0
        tick = self._tick(price)
        price = (price / tick).to_integral_value() * tick + tick * ticks
        if price > 0:
            self.set_price(price)

    def set_price(self, price: Decimal) -> None:
        if self.price_type in MARKET_LIKE:
            self.set_price_type("limit")
        dec = self.inst.price_decimals(price) if self.inst is not None else 2
        self.price_edit.setText(f"{Decimal(price):.{dec}f}")

    def price_up(self) -> None:
        self._step_price(1)

    def price_down(self) -> None:
        self._step_price(-1)

    def price_up10(self) -> None:
        self._step_price(10)

    def price_down10(self) -> None:
        self._step_price(-10)

    def _price_from(self, field: str) -> None:
        q = self._quote()
        value = getattr(q, field, None) if q else None
        if value:
            self.set_price(Decimal(str(value)))

    def price_bid(self) -> None:
        self._price_from("bid")

    def price_ask(self) -> None:
        self._price_from("ask")

    def price_last(self) -> None:
        self._price_from("last")

    def _step_qty(self, sign: int) -> None:
        qty = as_int(self.qty_edit.text()) or 0
        step = 1 if qty < 10 else 10 if qty < 100 else 100
        if sign < 0 and qty <= 10:
            step = 1
        self.qty_edit.setText(str(max(1, qty + sign * step)))

    def qty_up(self) -> None:
        self._step_qty(1)

    def qty_down(self) -> None:
        self._step_qty(-1)

    def _preset(self, i: int) -> None:
        """Preset `i` of the instrument's market: shares for a stock, contracts for a future."""
        futures = self.inst is not None and not self.inst.is_stock
        presets = self.futures_presets if futures else self.presets
        if i < len(presets):
            self.qty_edit.setText(str(presets[i]))

    def qty_preset1(self) -> None:
        self._preset(0)

    def qty_preset2(self) -> None:
        self._preset(1)

    def qty_preset3(self) -> None:
        self._preset(2)

    def qty_preset4(self) -> None:
        self._preset(3)

    def toggle_reserve(self) -> None:
        """Reserved order (stocks): on / off; its window is typed in the date fields."""
        if not self.reserve.isHidden():
            self.reserve.check.toggle()

    def clear(self) -> None:
        self._review_symbol = None
        self.qty_edit.clear()
        self.price_edit.clear()
        self._say("")
        self.focus_ticket()

