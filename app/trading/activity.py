"""The day's order activity as log lines: each order's state changes and each fill, once.

The order manager tells its listeners about every change of an order (an answer, a push, a
reconciliation); this listener turns the changes a trader cares about into one `logging` line each
(sent, accepted, modify/cancel sent, replaced, cancelled, filled, rejected — a rejection at
WARNING), so the log panel and the log file tell the day's story. An order whose state did not
change (a repeated push, a touch) writes nothing.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from app.trading.order_state import (ACCEPTED, CANCELLED, FILLED, PARTIALLY_FILLED, PENDING_CANCEL,
                                     PENDING_MODIFY, PENDING_NEW, REJECTED, REPLACED, Fill, Order)

log = logging.getLogger("app.trading.activity")


def _price(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}"


def describe(order: Order) -> str:
    """'TSLA buy 5 @ 100.5 limit' (market-like orders carry no price)."""
    at = f" @ {_price(order.price)}" if order.price is not None and order.price_type == "limit" else ""
    return f"{order.symbol} {order.side} {order.qty}{at} {order.price_type}"


def _name(order: Order) -> str:
    return f"order {order.id}" if order.id else "order (no number yet)"


class OrderActivity:
    """An order manager listener (`mgr.add_listener(OrderActivity())`) that logs state changes."""

    def __init__(self, logger: logging.Logger = log):
        self.log = logger
        self._seen: dict[int, tuple[str, str]] = {}  # order key -> (state, reason) last logged

    def prime(self, orders: Any) -> None:
        """Orders known before listening (reloaded from the journal): only their changes are news."""
        for o in orders:
            self._seen[o.key] = (o.state, o.reason)

    def __call__(self, kind: str, item: Any) -> None:
        if kind == "order" and isinstance(item, Order):
            self._order(item)
        elif kind == "fill" and isinstance(item, Fill):
            self.log.info("Fill: %s %s %d @ %s (order %s)", item.symbol, item.side, item.qty,
                          _price(item.price), item.order_id)

    def _order(self, o: Order) -> None:
        state = o.state
        before, said = self._seen.get(o.key, (None, ""))
        self._seen[o.key] = (state, o.reason)
        if state == before:
            if o.reason and o.reason != said and state != REJECTED:  # e.g. an answer lost in transit
                self.log.warning("%s (%s): %s", _name(o).capitalize(), describe(o), o.reason)
            return
        if state == PENDING_NEW:
            self.log.info("Order sent: %s", describe(o))
        elif state == ACCEPTED and before in (None, PENDING_NEW):
            self.log.info("Order %s accepted: %s", o.id, describe(o))
        elif state == PENDING_MODIFY:
            self.log.info("Modify sent: %s (%s)", _name(o), describe(o))
        elif state == PENDING_CANCEL:
            self.log.info("Cancel sent: %s (%s)", _name(o), describe(o))
        elif state == REPLACED:
            self.log.info("Order %s modified: now order %s", o.id, o.replaced_by)
        elif state == CANCELLED:
            done = f", {o.filled} filled before" if o.filled else ""
            self.log.info("Order %s cancelled: %s%s", o.id, describe(o), done)
        elif state == FILLED:
            self.log.info("Order %s filled: %s, average %s", o.id, describe(o), _price(o.avg_fill_price))
        elif state == REJECTED:
            self.log.warning("%s rejected: %s: %s", _name(o).capitalize(), describe(o),
                             o.reason or "no reason given")
        elif state == PARTIALLY_FILLED and before in (None, PENDING_NEW, ACCEPTED):
            self.log.info("Order %s partly filled: %d of %d", o.id, o.filled, o.qty)
        elif state == ACCEPTED:  # a modify or cancel that was refused: the order works on
            self.log.info("Order %s working again: %s%s", o.id, describe(o),
                          f" ({o.reason})" if o.reason else "")
