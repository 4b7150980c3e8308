"""The day's order activity as log lines: each order's state changes and each fill, once.

The order manager tells its listeners about every change of an order (an answer, a push, a
reconciliation); this listener turns the changes a trader cares about into one `logging` line each
(sent, accepted, modify/cancel sent, replaced, cancelled, filled, rejected — a rejection at
WARNING), so the log panel and the log file tell the day's story. An order whose state did not
change (a repeated push, a touch) writes nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.trading.instruments import format_average
from app.trading.order_state import (ACCEPTED, CANCELLED, FILLED, PARTIALLY_FILLED, PENDING_CANCEL,
                                     PENDING_MODIFY, PENDING_NEW, REJECTED, REPLACED, Fill, Order)

log = logging.getLogger("app.trading.activity")


def _price(value: Decimal | None, decimals: int | None = None) -> str:
    """To the instrument's digits with thousands separators (39,055; 6J's 0.0066270), as the
    panels show it; as sent when the instrument is not known."""
    if value is None:
        return ""
    return f"{value.normalize():f}" if decimals is None else f"{value:,.{decimals}f}"


def _average(value: Decimal | None, decimals: int | None = None) -> str:
    return _price(value) if value is None or decimals is None else format_average(value, decimals)


@dataclass(frozen=True)
class Brief:
    """An order in a few words; str() is the log file's English: 'TSLA buy 5 @ 100.5 limit'
    (market-like orders carry no price). The UI words it in the interface language."""

    symbol: str
    side: str
    qty: int
    price: str  # "" when the order has none (market-like)
    price_type: str

    def __str__(self) -> str:
        at = f" @ {self.price}" if self.price else ""
        return f"{self.symbol} {self.side} {self.qty}{at} {self.price_type}"


def brief(order: Order, decimals: int | None = None) -> Brief:
    price = _price(order.price, decimals) if order.price is not None and order.price_type == "limit" else ""
    return Brief(order.symbol, order.side, order.qty, price, order.price_type)


def describe(order: Order) -> str:
    """'TSLA buy 5 @ 100.5 limit' (market-like orders carry no price)."""
    return str(brief(order))


# The lines told, as English templates with named fields. A record carries its template and fields
# (`record.story`), so the log panel can show the line in the interface language while the log file
# keeps English. An order with no number yet is "{order_ref}" = "order (no number yet)".
SENT = "Order sent: {order}"
ACCEPTED_T = "Order {id} accepted: {order}"
MODIFY_SENT = "Modify sent: order {id} ({order})"
MODIFY_SENT_NO_ID = "Modify sent: order (no number yet) ({order})"
CANCEL_SENT = "Cancel sent: order {id} ({order})"
CANCEL_SENT_NO_ID = "Cancel sent: order (no number yet) ({order})"
MODIFIED = "Order {id} modified: now order {new_id}"
CANCELLED_T = "Order {id} cancelled: {order}"
CANCELLED_PART = "Order {id} cancelled: {order}, {filled} filled before"
FILLED_T = "Order {id} filled: {order}, average {avg}"
REJECTED_T = "Order {id} rejected: {order}: {reason}"
REJECTED_NO_ID = "Order (no number yet) rejected: {order}: {reason}"
PARTLY = "Order {id} partly filled: {filled} of {qty}"
WORKING_AGAIN = "Order {id} working again: {order}"
WORKING_AGAIN_WHY = "Order {id} working again: {order} ({reason})"
NOTE = "Order {id} ({order}): {reason}"
NOTE_NO_ID = "Order (no number yet) ({order}): {reason}"
FILL = "Fill: {symbol} {side} {qty} @ {price} (order {id})"
NO_REASON = "no reason given"


class OrderActivity:
    """An order manager listener (`mgr.add_listener(OrderActivity())`) that logs state changes."""

    def __init__(self, logger: logging.Logger = log, instruments: Any = None):
        self.log = logger
        self.instruments = instruments  # prices to each instrument's digits (None: as sent)
        self._seen: dict[int, tuple[str, str]] = {}  # order key -> (state, reason) last logged

    def prime(self, orders: Any) -> None:
        """Orders known before listening (reloaded from the journal): only their changes are news."""
        for o in orders:
            self._seen[o.key] = (o.state, o.reason)

    def __call__(self, kind: str, item: Any) -> None:
        if kind == "order" and isinstance(item, Order):
            self._order(item)
        elif kind == "fill" and isinstance(item, Fill):
            self._tell(logging.INFO, FILL, symbol=item.symbol, side=item.side, qty=item.qty,
                       price=_price(item.price, self._decimals(item.symbol, item.price)), id=item.order_id)

    def _decimals(self, symbol: str, price: Any) -> int | None:
        inst = self.instruments.get(symbol) if self.instruments is not None else None
        return inst.price_decimals(price) if inst is not None else None

    def _tell(self, level: int, template: str, **fields: Any) -> None:
        """One line: English in the record's message, the template and fields in `record.story`."""
        self.log.log(level, template.format(**fields), extra={"story": (template, fields)})

    def _order(self, o: Order) -> None:
        state = o.state
        before, said = self._seen.get(o.key, (None, ""))
        self._seen[o.key] = (state, o.reason)
        digits = self._decimals(o.symbol, o.price if o.price is not None else o.avg_fill_price)
        order, oid = brief(o, digits), o.id
        if state == before:
            if o.reason and o.reason != said and state != REJECTED:  # e.g. an answer lost in transit
                self._tell(logging.WARNING, NOTE if oid else NOTE_NO_ID, id=oid, order=order, reason=o.reason)
            return
        if state == PENDING_NEW:
            self._tell(logging.INFO, SENT, order=order)
        elif state == ACCEPTED and before in (None, PENDING_NEW):
            self._tell(logging.INFO, ACCEPTED_T, id=oid, order=order)
        elif state == PENDING_MODIFY:
            self._tell(logging.INFO, MODIFY_SENT if oid else MODIFY_SENT_NO_ID, id=oid, order=order)
        elif state == PENDING_CANCEL:
            self._tell(logging.INFO, CANCEL_SENT if oid else CANCEL_SENT_NO_ID, id=oid, order=order)
        elif state == REPLACED:
            self._tell(logging.INFO, MODIFIED, id=oid, new_id=o.replaced_by)
        elif state == CANCELLED:
            self._tell(logging.INFO, CANCELLED_PART if o.filled else CANCELLED_T, id=oid, order=order,
                       filled=o.filled)
        elif state == FILLED:
            self._tell(logging.INFO, FILLED_T, id=oid, order=order, avg=_average(o.avg_fill_price, digits))
        elif state == REJECTED:
            self._tell(logging.WARNING, REJECTED_T if oid else REJECTED_NO_ID, id=oid, order=order,
                       reason=o.reason or NO_REASON)
        elif state == PARTIALLY_FILLED and before in (None, PENDING_NEW, ACCEPTED):
            self._tell(logging.INFO, PARTLY, id=oid, filled=o.filled, qty=o.qty)
        elif state == ACCEPTED:  # a modify or cancel that was refused: the order works on
            self._tell(logging.INFO, WORKING_AGAIN_WHY if o.reason else WORKING_AGAIN, id=oid, order=order,
                       reason=o.reason)
