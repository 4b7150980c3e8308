"""Shared looks of the ticket and the orders panel: side-coloured buttons, order states and sides
in the interface language, and the order manager's messages for the translation tools."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor

STATE_NAMES = {
    "pending_new": QT_TRANSLATE_NOOP("OrderStates", "Sending"),
    "accepted": QT_TRANSLATE_NOOP("OrderStates", "Accepted"),
    "partially_filled": QT_TRANSLATE_NOOP("OrderStates", "Partly filled"),
    "filled": QT_TRANSLATE_NOOP("OrderStates", "Filled"),
    "pending_modify": QT_TRANSLATE_NOOP("OrderStates", "Modifying"),
    "pending_cancel": QT_TRANSLATE_NOOP("OrderStates", "Cancelling"),
    "cancelled": QT_TRANSLATE_NOOP("OrderStates", "Cancelled"),
    "rejected": QT_TRANSLATE_NOOP("OrderStates", "Rejected"),
    "replaced": QT_TRANSLATE_NOOP("OrderStates", "Modified"),
}
RESERVED_NAMES = {
    "waiting": QT_TRANSLATE_NOOP("OrderStates", "Reserved"),
    "sent": QT_TRANSLATE_NOOP("OrderStates", "Sent"),
    "cancelled": QT_TRANSLATE_NOOP("OrderStates", "Cancelled"),
    "refused": QT_TRANSLATE_NOOP("OrderStates", "Refused"),
    "expired": QT_TRANSLATE_NOOP("OrderStates", "Expired"),
}
SIDE_NAMES = {"buy": QT_TRANSLATE_NOOP("OrderStates", "Buy"), "sell": QT_TRANSLATE_NOOP("OrderStates", "Sell")}
TYPE_NAMES = {"limit": QT_TRANSLATE_NOOP("OrderStates", "Limit"), "market": QT_TRANSLATE_NOOP("OrderStates", "Market"),
              "loo": "LOO", "loc": "LOC", "moo": "MOO", "moc": "MOC"}

# Messages of app/trading (Qt-free) that the UI translates in the "Orders" context.
MANAGER_MESSAGES = (
    QT_TRANSLATE_NOOP("Orders", "Symbol: unknown symbol “{symbol}”."),
    QT_TRANSLATE_NOOP("Orders", "Side: choose buy or sell."),
    QT_TRANSLATE_NOOP("Orders", "Quantity: enter a whole number greater than zero."),
    QT_TRANSLATE_NOOP("Orders", "Quantity: {qty} is more than {limit}."),
    QT_TRANSLATE_NOOP("Orders", "Price type: choose limit or market."),
    QT_TRANSLATE_NOOP("Orders", "Price type: {ptype} is not available for this market."),
    QT_TRANSLATE_NOOP("Orders", "Price type: LS takes market, MOO and MOC orders for sells only; "
                                "a buy must be limit, LOO or LOC."),
    QT_TRANSLATE_NOOP("Orders", "Price: a limit order needs a price greater than zero."),
    QT_TRANSLATE_NOOP("Orders", "Price: {price} is not a price."),
    QT_TRANSLATE_NOOP("Orders", "Price: {price} is not on the tick grid (steps of {tick})."),
    QT_TRANSLATE_NOOP("Orders", "Buying power: the order needs {need} but {have} is available."),
    QT_TRANSLATE_NOOP("Orders", "Quantity: {qty} is more than your limit of {limit}."),
    QT_TRANSLATE_NOOP("Orders", "Order value: {value} USD is more than your limit of {limit} USD."),
    QT_TRANSLATE_NOOP("Orders", "Order value: {value} {ccy} (about {usd} USD) is more than your limit of {limit} USD."),
    QT_TRANSLATE_NOOP("Orders", "Order value: {value} {ccy} cannot be checked against your limit of {limit} USD: "
                                "no {ccy} exchange rate is known yet."),
    QT_TRANSLATE_NOOP("Orders", "Price: {pct}% away from the last price (your limit is {limit}%)."),
    QT_TRANSLATE_NOOP("Orders", "Price: there is no last price yet to check the distance against."),
    QT_TRANSLATE_NOOP("Orders", "Order: the same order is already being sent."),
    QT_TRANSLATE_NOOP("Orders", "No answer from the server; checking the order book."),
    QT_TRANSLATE_NOOP("Orders", "Order: there is no working order {id}."),
    QT_TRANSLATE_NOOP("Orders", "Quantity: a modify can only reduce the quantity (at most {n})."),
    QT_TRANSLATE_NOOP("Orders", "Order: a change of this order is already being sent."),
    QT_TRANSLATE_NOOP("Orders", "The order did not reach the exchange."),
    QT_TRANSLATE_NOOP("Orders", "Quantity: at most {n} contracts can be ordered now (margin)."),
    QT_TRANSLATE_NOOP("Orders", "Valid from: enter a date."),
    QT_TRANSLATE_NOOP("Orders", "Valid until: enter a date."),
    QT_TRANSLATE_NOOP("Orders", "Valid from: the window cannot start in the past."),
    QT_TRANSLATE_NOOP("Orders", "Valid until: the window ends before it starts."),
    QT_TRANSLATE_NOOP("Orders", "Valid until: at most {n} days ahead."),
    QT_TRANSLATE_NOOP("Orders", "Reserved orders: for stocks only."),
    QT_TRANSLATE_NOOP("Orders", "Reserved order {n}: nothing to cancel."),
)


def state_name(state: str) -> str:
    return QCoreApplication.translate("OrderStates", STATE_NAMES.get(state, state))


def side_name(side: str) -> str:
    return QCoreApplication.translate("OrderStates", SIDE_NAMES.get(side, side))


def type_name(ptype: str) -> str:
    return QCoreApplication.translate("OrderStates", TYPE_NAMES.get(ptype, ptype.upper()))


def state_text(order: Any) -> str:
    """One line about an order: number, state and LS's reason (kept as sent)."""
    text = f"#{order.id or '—'} {side_name(order.side)} {order.qty:,} {order.symbol} · {state_name(order.state)}"
    if order.reason:
        text += f" · {order.reason}"
    return text


def reserved_name(status: str) -> str:
    return QCoreApplication.translate("OrderStates", RESERVED_NAMES.get(status, status))


def reserved_text(r: Any) -> str:
    """One line about a reserved order: its number, status, window and the order LS made of it."""
    text = (f"R{r.rsv_no or '—'} {side_name(r.side)} {r.qty:,} {r.symbol} · {reserved_name(r.status)}"
            f" · {r.start}–{r.end}" if r.start else
            f"R{r.rsv_no or '—'} {side_name(r.side)} {r.qty:,} {r.symbol} · {reserved_name(r.status)}")
    if r.order_id:
        text += f" · #{r.order_id}"
    if r.error:
        text += f" · {r.error}"
    return text


def side_style(color: QColor, active: bool) -> str:
    """A button in the side's colour: filled when active, outlined otherwise."""
    c = color.name()
    if active:
        return (f"QPushButton {{ background: {c}; color: white; font-weight: bold; border: 1px solid {c};"
                f" border-radius: 3px; padding: 5px; }}")
    return (f"QPushButton {{ background: transparent; color: {c}; border: 1px solid {c};"
            f" border-radius: 3px; padding: 5px; }}")
