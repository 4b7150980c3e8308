"""The order story (app/trading/activity.py) in the interface language: a log record that carries
`story` = (English template, fields) is worded from the template's translation, the order's side and
price type in words of the interface; the log file keeps the English message."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.trading import activity as a
from app.ui.ticket_style import SIDE_NAMES, TYPE_NAMES

CONTEXT = "OrderActivity"
# Every template app/trading/activity.py tells, for the translation tools (lupdate reads these calls).
TEMPLATES = {
    a.SENT: QT_TRANSLATE_NOOP("OrderActivity", "Order sent: {order}"),
    a.ACCEPTED_T: QT_TRANSLATE_NOOP("OrderActivity", "Order {id} accepted: {order}"),
    a.MODIFY_SENT: QT_TRANSLATE_NOOP("OrderActivity", "Modify sent: order {id} ({order})"),
    a.MODIFY_SENT_NO_ID: QT_TRANSLATE_NOOP("OrderActivity", "Modify sent: order (no number yet) ({order})"),
    a.CANCEL_SENT: QT_TRANSLATE_NOOP("OrderActivity", "Cancel sent: order {id} ({order})"),
    a.CANCEL_SENT_NO_ID: QT_TRANSLATE_NOOP("OrderActivity", "Cancel sent: order (no number yet) ({order})"),
    a.MODIFIED: QT_TRANSLATE_NOOP("OrderActivity", "Order {id} modified: now order {new_id}"),
    a.CANCELLED_T: QT_TRANSLATE_NOOP("OrderActivity", "Order {id} cancelled: {order}"),
    a.CANCELLED_PART: QT_TRANSLATE_NOOP("OrderActivity", "Order {id} cancelled: {order}, {filled} filled before"),
    a.FILLED_T: QT_TRANSLATE_NOOP("OrderActivity", "Order {id} filled: {order}, average {avg}"),
    a.REJECTED_T: QT_TRANSLATE_NOOP("OrderActivity", "Order {id} rejected: {order}: {reason}"),
    a.REJECTED_NO_ID: QT_TRANSLATE_NOOP("OrderActivity", "Order (no number yet) rejected: {order}: {reason}"),
    a.PARTLY: QT_TRANSLATE_NOOP("OrderActivity", "Order {id} partly filled: {filled} of {qty}"),
    a.WORKING_AGAIN: QT_TRANSLATE_NOOP("OrderActivity", "Order {id} working again: {order}"),
    a.WORKING_AGAIN_WHY: QT_TRANSLATE_NOOP("OrderActivity", "Order {id} working again: {order} ({reason})"),
    a.NOTE: QT_TRANSLATE_NOOP("OrderActivity", "Order {id} ({order}): {reason}"),
    a.NOTE_NO_ID: QT_TRANSLATE_NOOP("OrderActivity", "Order (no number yet) ({order}): {reason}"),
    a.FILL: QT_TRANSLATE_NOOP("OrderActivity", "Fill: {symbol} {side} {qty} @ {price} (order {id})"),
}
NO_REASON = QT_TRANSLATE_NOOP("OrderActivity", "no reason given")
BRIEF = QT_TRANSLATE_NOOP("OrderActivity", "{symbol} {side} {qty} @ {price} {ptype}")
BRIEF_NO_PRICE = QT_TRANSLATE_NOOP("OrderActivity", "{symbol} {side} {qty} {ptype}")


def _tr(text: str, context: str = CONTEXT) -> str:
    return QCoreApplication.translate(context, text)


def side(value: str) -> str:
    name = SIDE_NAMES.get(value)
    return _tr(name, "OrderStates") if name else value


def brief(b: a.Brief) -> str:
    ptype = TYPE_NAMES.get(b.price_type)
    words = {"symbol": b.symbol, "side": side(b.side), "qty": f"{b.qty:,}", "price": b.price,
             "ptype": _tr(ptype, "OrderStates") if ptype else b.price_type.upper()}
    return _tr(BRIEF if b.price else BRIEF_NO_PRICE).format(**words)


def render(record: logging.LogRecord) -> str | None:
    """The record's line in the interface language, or None where the English message stands: not
    an order story, an unknown template, or no translation of it (the English interface)."""
    story = getattr(record, "story", None)
    if not (isinstance(story, tuple) and len(story) == 2 and story[0] in TEMPLATES):
        return None
    template, fields = story
    text = _tr(template)
    if text == template:
        return None
    values: dict[str, Any] = {}
    for key, value in dict(fields).items():
        if isinstance(value, a.Brief):
            value = brief(value)
        elif key == "side":
            value = side(str(value))
        elif key == "reason" and value == a.NO_REASON:
            value = _tr(NO_REASON)
        elif key in ("qty", "filled") and isinstance(value, int):
            value = f"{value:,}"
        values[key] = value
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation that names a field the line lacks
        return None
