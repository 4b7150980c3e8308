"""Exchange-side rejection: an order the broker accepted is refused when it reaches the exchange.

The client gets its order number (and AS0 / TC1 HO01) first; the exchange's verdict comes a
routing delay later as AS4 (stocks) or TC2 HO03 (futures), as LS sends them. Reasons: a limit
price outside the exchange's band, a halted symbol, or the ``reject_next`` / ``reject_rate``
fault flags. Until the verdict the order cannot fill; a cancel that gets there first wins.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from app.sim.broker.orders import PRICE_BAND, REJECT_FAULT, REJECT_HALTED, REJECT_PRICE_BAND, WORKING, Order
from app.sim.registry import Instrument

log = logging.getLogger(__name__)


class Routing:
    """Mixin of ``Broker``: decides and delivers the exchange's verdict on accepted orders."""

    exchange: Any
    market: Any
    store: Any

    def exchange_verdict(self, inst: Instrument, order: Order) -> tuple[str, str] | None:
        """Why the exchange refuses ``order`` on arrival, or None when it takes it."""
        if self.is_halted(inst.symbol):
            return REJECT_HALTED
        if not order.is_market:
            last = self.market.last(inst.symbol)
            if last and abs(order.price - last) > last * PRICE_BAND:
                return REJECT_PRICE_BAND
        faults = getattr(self.exchange, "faults", None)
        take = getattr(faults, "take_exchange_reject", None)
        if take is not None and take():
            return REJECT_FAULT
        return None

    def is_halted(self, symbol: str) -> bool:
        fn = getattr(self.market.market, "is_halted", None)
        return bool(fn(symbol)) if fn is not None else False

    def route_reject(self, acct: Any, inst: Instrument, order: Order, reason: tuple[str, str]) -> None:
        """Reject ``order`` a routing delay from now (at once when no event loop runs)."""
        faults = getattr(self.exchange, "faults", None)
        delay = float(getattr(faults, "route_delay", 0.0) or 0.0)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._deliver_reject(acct, inst, order, reason)
            return
        pending = self.__dict__.setdefault("_routing", {})
        handle = loop.call_later(delay, self._deliver_reject, acct, inst, order, reason)
        pending[id(order)] = (handle, acct, inst, order, reason)

    def _deliver_reject(self, acct: Any, inst: Instrument, order: Order, reason: tuple[str, str]) -> None:
        self.__dict__.get("_routing", {}).pop(id(order), None)
        if order.status != WORKING or not order.remaining:
            return  # cancelled before the exchange answered
        try:
            with self.store.tx():
                self._reject(acct, inst, order, reason)
                self.store.save_order(order)
        except Exception:  # the store closed under us (shutdown): nothing left to tell
            log.exception("exchange reject of order %s failed", order.ord_no)

    def flush_routing(self) -> None:
        """Deliver every pending verdict now (the exchange is stopping)."""
        for handle, acct, inst, order, reason in list(self.__dict__.get("_routing", {}).values()):
            handle.cancel()
            self._deliver_reject(acct, inst, order, reason)
