"""The order ticket's live side: the watched quote and the order's value, sending (the draft, once
per key press), the sent order followed on each frame, and the message line that says how it went.

Mixed into TicketPanel (app/ui/panels/ticket.py), whose fields, colours and `_say` it uses; its
texts keep the panel's translation context ("TicketPanel").
"""

from __future__ import annotations

import logging
import time
from decimal import Decimal
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.trading.order_state import MARKET_LIKE, product
from app.trading.order_validation import MAX_PRICE, MAX_QTY, Draft, as_int, as_price
from app.trading.orders import OrderRejected
from app.ui import ticket_keys
from app.ui.order_actions import confirm_and_submit
from app.ui.quotestyle import fmt_price
from app.ui.tasks import spawn
from app.ui.ticket_style import reserved_text, state_text

log = logging.getLogger("app.ui.panels.ticket")  # the ticket's log lines keep their logger name


class MessageLine(QWidget):
    """The ticket's message, word-wrapped. A QLabel asks the window for a new layout on every
    text (~1 ms of size hints and text layout, twice per order: "Sending…", then the answer);
    this line asks only when the text needs another height, and otherwise just repaints.

    It asks for its height but insists only on its first line (no height-for-width minimum):
    where the dock is shorter than the ticket with a long message, the message's further lines
    get the room left and the fields keep theirs (QA: a two-line rejection cut the reserve dates
    in half). The whole text is in the tooltip."""

    FLAGS = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._text = ""
        self._color: QColor | None = None  # None: the palette's text colour
        self._wanted = 0  # the height the text needs at the current width
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def text(self) -> str:
        return self._text

    def setText(self, text: str, color: QColor | None = None) -> None:  # noqa: N802 - QLabel's name
        if text == self._text and color == self._color:
            return
        self._text, self._color = text, color
        self.setToolTip(text)
        self._ask()
        self.update()

    def _ask(self) -> None:
        """A new layout only when the text needs another height at this width."""
        wanted = self._height(self.width() or 200, self._text)
        if wanted != self._wanted:
            self._wanted = wanted
            self.updateGeometry()

    def _height(self, width: int, text: str) -> int:
        if not text:
            return 0
        return self.fontMetrics().boundingRect(QRect(0, 0, max(1, width), 1 << 20), self.FLAGS, text).height()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._ask()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.fontMetrics().horizontalAdvance("M") * 10, self._wanted)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(0, min(self._wanted, self.fontMetrics().lineSpacing()))  # its first line, at least

    def paintEvent(self, _event: Any) -> None:  # noqa: N802 - Qt's name
        if self._text:
            painter = QPainter(self)
            painter.setPen(self._color or self.palette().color(QPalette.ColorRole.WindowText))
            painter.drawText(self.rect(), self.FLAGS, self._text)


def _what(draft: Draft, window: tuple | None) -> tuple:
    """What makes an order the same order again."""
    return draft.symbol, draft.side, draft.qty, draft.price, draft.price_type, window


class TicketOrderMixin:
    """Mixed into TicketPanel (fields, ``_say``, ``context``, ``symbol``, ``inst``)."""

    context: Any
    _pressed = 0.0  # time.monotonic() of the press whose order is on its way
    _last_sent: tuple = (None, 0.0)  # (the order, time.monotonic() of its press) of the last order sent

    def _rewatch(self) -> None:
        hub = self.context.market
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
        if hub is not None and self.symbol:
            self._watcher = hub.watcher(f"ticket-{id(self)}")
            self._watcher.watch(self.symbol)

    def _successor(self, order: Any) -> Any:
        """``order``, or the order a modify replaced it with (and so on): what now works for it."""
        mgr = self.context.orders
        seen = set()
        while order is not None and order.replaced_by and mgr is not None and order.key not in seen:
            seen.add(order.key)
            newer = mgr.book.get(product(order.market), order.replaced_by) or next(
                (o for o in mgr.book.by_key.values() if o.origin == order.id and o.symbol == order.symbol), None)
            if newer is None:
                break
            order = newer
        return order

    def _quote(self) -> Any:
        hub = self.context.market
        return hub.quote(self.symbol) if hub is not None and self.symbol else None

    def _on_frame(self) -> None:
        # its line follows it (filled, cancelled…), not just "Accepted"; a modify, from here or
        # elsewhere, gives LS's order a new number: the line follows that order on
        order = self.last_order = self._successor(self.last_order)
        if order is not None and (order.id, order.state, order.reason) != self._said and not self.sending:
            self._said = (order.id, order.state, order.reason)
            self._say(state_text(order), error=order.state == "rejected")
        q = self._quote()
        version = q.version if q is not None else -2
        if version == self._quote_version:
            return
        self._quote_version = version
        dec = self.inst.price_decimals(q.last if q else None) if self.inst is not None else 2
        self.last_label.setText(fmt_price(q.last, dec) if q else "")
        self.bid_label.setText(fmt_price(q.bid, dec) if q else "")
        self.ask_label.setText(fmt_price(q.ask, dec) if q else "")
        self._refresh_value()

    def _refresh_value(self, *_a: Any) -> None:
        qty = as_int(self.qty_edit.text())
        price = as_price(self.price_edit.text())
        if price is None and self.price_type in MARKET_LIKE:
            q = self._quote()
            ref = (q.ask if self.side == "buy" else q.bid) if q else None
            price = Decimal(str(ref)) if ref else None
        if not qty or qty <= 0 or qty > MAX_QTY or price is None or not 0 < price < MAX_PRICE or self.inst is None:
            self.value_label.setText("")  # no value for what is not an order (QA: "-1,132.50 USD" for -5)
            return
        mult = self.inst.multiplier if self.inst.market != "stock" and self.inst.multiplier else Decimal(1)
        self.value_label.setText(f"{price * qty * mult:,.2f} {self.inst.currency}")

    # ---- sending -----------------------------------------------------------------------------
    def draft(self) -> Draft:
        return Draft(self.symbol, self.side, self.qty_edit.text().strip(),
                     None if self.price_type in MARKET_LIKE else self.price_edit.text().strip(), self.price_type)

    def send(self) -> None:
        """Enter: in the symbol field a new symbol loads; anywhere else the order is sent once."""
        ticket_keys.used(self, "ticket")
        typed = self._typed_symbol()
        if self.symbol_edit.hasFocus() and typed != self.symbol or self.inst is None:
            if typed:
                self._load_typed(typed)
                if self.inst is not None:
                    self.qty_edit.setFocus()
            return
        draft, window = self.draft(), self.reserve.dates() if self.reserve.on else None
        if not self._may_send(draft, window):
            return
        spawn(self._send(draft, window), "send order")

    def _typed_symbol(self) -> str:
        """The code in the symbol field; a futures product typed ("ES") is its front month, shown
        in the field before anything is traded."""
        typed = self.symbol_edit.text().strip().upper()
        master = self.context.instruments
        front = master.front(typed) if typed and hasattr(master, "front") else None
        if front is not None:
            self.symbol_edit.setText(front.code)
            return front.code
        return typed

    def _load_typed(self, typed: str) -> None:
        self.symbol_chosen.emit(typed)
        if self.symbol != typed:  # not linked: load it here
            self.set_symbol(typed)

    def _symbol_left(self) -> None:
        """The focus left the symbol field: the symbol it shows is the one the ticket trades (QA:
        MSFT typed, Tab to the quantity, Enter, and the order went out for AAPL)."""
        typed = self._typed_symbol()
        if typed == self.symbol:
            return
        if typed and (self.context.instruments.get(typed) is not None or not len(self.context.instruments)):
            self._load_typed(typed)
            return
        self.symbol_edit.setText(self.symbol)  # emptied, or no such symbol: the ticket's symbol again
        if typed:
            self._say(QCoreApplication.translate("TicketPanel", "Unknown symbol: {0}").format(typed), error=True)

    def _may_send(self, draft: Draft, window: tuple | None = None) -> bool:
        """False for a repeated press: while the first order is on its way, or the order just
        sent again within the double-click interval of its press (the embedded exchange answers
        in a few ms, so a double press 40 ms apart sent two orders). Otherwise takes the
        duplicate guard, at once. An order refused or declined was not sent: pressed again, it is
        checked (and asked) again."""
        if self.sending:
            return False
        now = time.monotonic()
        last, at = self._last_sent
        if _what(draft, window) == last and now - at < QGuiApplication.styleHints().mouseDoubleClickInterval() / 1000:
            return False
        self._pressed = now
        self.sending = True  # what the ticket shows follows in _send
        return True

    def _send_clicked(self) -> None:
        if self.inst is not None:
            self.send()

    async def _send(self, draft: Draft, window: tuple | None = None, one_click: bool = False) -> None:
        # Said in the task's first step, which also writes the request: the ticket's relayout and
        # repaint (a new message re-lays the window out, ~2 ms) come after the request, not before.
        if shiboken6.isValid(self):
            self.send_btn.setEnabled(False)
            self._say(QCoreApplication.translate("TicketPanel", "Sending…"))
        try:
            order = await confirm_and_submit(self.context, self, draft, window, one_click=one_click)
        except OrderRejected as exc:
            order, problem = None, ("\n".join(exc.messages), exc.kind != "declined")
        except Exception as exc:  # a bug or a lost connection: say it, never crash the ticket
            log.exception("order not sent")
            order, problem = None, (QCoreApplication.translate("TicketPanel", "Order not sent: {0}").format(exc), True)
        else:
            problem = None
        finally:
            self.sending = False
        if not shiboken6.isValid(self):  # the panel closed while the order was out (or asked)
            return
        self.send_btn.setEnabled(True)
        if problem is not None:
            self._say(*problem)
            return
        self._last_sent = (_what(draft, window), self._pressed)
        if window is not None:  # a reservation: LS sends it when its window opens
            self.last_reservation = order
            self._say(reserved_text(order))
            return
        self.last_order = order
        self._said = (order.id, order.state, order.reason)
        self._say(state_text(order), error=order.state == "rejected")
