"""The UI's way into the order manager: starting it for a session, the confirmation rules (live
mode, fat-finger limits) as non-modal dialogs awaited through a signal, and the global
cancel-all hotkeys. The ticket, the orders panel and the chart's dragged order lines all go
through ``confirm_and_submit`` / ``request_modify`` here.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import shiboken6

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QMessageBox, QWidget

from app.trading.activity import OrderActivity
from app.trading.order_validation import Draft
from app.trading.orders import OrderManager, OrderRejected
from app.ui.tasks import spawn

log = logging.getLogger(__name__)


def _t(text: str) -> str:
    """The order manager's messages (declared for the translators in app/ui/ticket_style.py)."""
    return QCoreApplication.translate("Orders", text)


async def start_orders(context: Any, session: Any, master: Any, hub: Any) -> OrderManager | None:
    """A new order manager for ``session`` (the old one is closed); journal in the data dir."""
    from app.ui.paths import data_dir

    old = context.orders
    context.orders = None
    if old is not None:
        await old.close()
    mgr = OrderManager(session.client, master, hub=hub, mode=session.mode.value, data_dir=data_dir(),
                       prefs=context.prefs, tr=_t)
    activity = OrderActivity(instruments=master)  # prices to each instrument's digits
    try:
        await mgr.start(reconcile=False)
    except Exception as exc:
        log.error("order manager not started: %s", exc)
        await mgr.close()
        return None
    if context.session is not session:
        await mgr.close()
        return None
    activity.prime(mgr.orders())
    mgr.add_listener(activity)  # the day's order story in the log panel and file
    context.orders = mgr
    install_cancel_actions(context)
    install_confirm_action(context)
    context.orders_changed.emit(mgr)
    await mgr.reconcile()
    await mgr.load_reserved()  # reserved orders and their results (COSAQ01400)
    return mgr


def install_cancel_actions(context: Any) -> None:
    """Cancel all / all buys / all sells: global hotkeys (cancelling never opens a position)."""
    reg = context.actions

    def run(side: str | None) -> None:
        if context.orders is not None:
            spawn(context.orders.cancel_all(side=side), "cancel all")

    for action_id, side in (("order.cancel_all", None), ("order.cancel_buys", "buy"),
                            ("order.cancel_sells", "sell")):
        if action_id in reg:
            reg.set_handler(action_id, lambda s=side: run(s))


def install_confirm_action(context: Any, parent: QWidget | None = None) -> None:
    """Trading → "Confirm orders in this mode": on/off per mode; switching it off in live mode
    asks first, with a warning."""
    from app.ui.actions import ActionSpec

    reg = context.actions
    if "order.confirm_toggle" not in reg:
        reg.register(ActionSpec("order.confirm_toggle", "Confirm orders in this mode (on/off)",
                                "이 모드에서 주문 확인 (켜기/끄기)", (), "trading",
                                lambda: spawn(toggle_confirm(context, parent), "confirm toggle")))


async def toggle_confirm(context: Any, parent: QWidget | None = None) -> bool:
    """Flip the confirmation of the current mode; returns the new setting."""
    mode = context.session.mode.value if context.session is not None else "demo"
    return await set_confirm(context, mode, not confirm_on(context, mode), parent)


async def set_confirm(context: Any, mode: str, on: bool, parent: QWidget | None = None) -> bool:
    """Switch the confirmation of ``mode`` on or off (off in live mode asks first, with a
    warning); saved at once. Returns the setting in force."""
    if not on and mode == "live" and confirm_on(context, mode):
        text = QCoreApplication.translate(
            "Orders", "Orders in LIVE mode will be sent the moment you press Enter, with no question. "
                      "Fat-finger limits still ask. Switch the confirmation off?")
        if not await ask(parent, QCoreApplication.translate("Orders", "Live orders without confirmation"),
                         text, warning=True):
            return True
    table = dict(getattr(context.prefs, "confirm_orders", None) or {})
    table[mode] = on
    context.prefs.confirm_orders = table
    saver = getattr(context.prefs, "save_now", None)
    if saver is not None:
        saver()
    context.settings_changed.emit()
    return on


def confirm_on(context: Any, mode: str) -> bool:
    table = getattr(context.prefs, "confirm_orders", None) or {}
    return bool(table.get(mode, mode == "live"))


def _mode(context: Any) -> str:
    return context.session.mode.value if context.session is not None else "demo"


def confirm_needed(context: Any) -> bool:
    return confirm_on(context, _mode(context))


def install_limits_action(context: Any) -> None:
    """Settings → "Order limits and confirmation…" (the fat-finger limits and confirmations of
    every mode); usable before any login."""
    from app.ui.ticket_limits import open_limits

    if "order.limits" in context.actions:
        context.actions.set_handler("order.limits", lambda: open_limits(context))


class _KeysHeld(QObject):
    """The keys that answer a question (Enter, Return, Space) do nothing for its first double-click
    interval: the second press of a double Enter in the ticket landed on the question's default
    button and answered it unread (QA: "Confirm every order" on, Enter twice 80 ms apart, and the
    order went out). Esc (no) and the mouse answer at once."""

    KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space)

    def __init__(self, box: QMessageBox):
        super().__init__(box)
        self.until = time.monotonic() + QGuiApplication.styleHints().mouseDoubleClickInterval() / 1000

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride):
            return isinstance(event, QKeyEvent) and event.key() in self.KEYS and time.monotonic() < self.until
        return False


async def ask(parent: QWidget | None, title: str, text: str, *, warning: bool = False,
              yes: str = "", no: str = "") -> bool:
    """A non-modal question (``open()``, never ``exec()``), awaited through its finished signal."""
    box = QMessageBox(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setObjectName("OrderConfirm")
    box.setDefaultButton(QMessageBox.StandardButton.No if warning else QMessageBox.StandardButton.Yes)
    if yes:
        box.button(QMessageBox.StandardButton.Yes).setText(yes)
    if no:
        box.button(QMessageBox.StandardButton.No).setText(no)
    fut: asyncio.Future = asyncio.get_running_loop().create_future()

    def done(result: int) -> None:
        if fut.done():
            return
        try:
            fut.set_result(box.clickedButton() is box.button(QMessageBox.StandardButton.Yes))
        except RuntimeError:  # the box went with its window (quit while asking): that is a no
            fut.set_result(False)

    box.finished.connect(done)
    box.destroyed.connect(lambda *_: fut.done() or fut.set_result(False))
    hold = _KeysHeld(box)
    for w in (box, *box.buttons()):
        w.installEventFilter(hold)
    box.open()
    try:
        return await fut
    finally:
        if shiboken6.isValid(box):
            box.deleteLater()


def describe(draft: Draft, context: Any) -> str:
    """The order in words, with its value."""
    from decimal import Decimal

    from app.trading.order_validation import as_int, as_price

    from app.ui.ticket_style import TYPE_NAMES

    side = QCoreApplication.translate("Orders", "Buy") if draft.side == "buy" else QCoreApplication.translate("Orders", "Sell")
    ptype = QCoreApplication.translate("OrderStates", TYPE_NAMES.get(draft.price_type, draft.price_type.upper()))
    qty = as_int(draft.qty) or 0
    price = as_price(draft.price)
    inst = context.instruments.get(draft.symbol) if context.instruments is not None else None
    if draft.price_type in ("market", "moo", "moc") or price is None:
        text = QCoreApplication.translate("Orders", "{side} {qty} {symbol} at market ({ptype})").format(
            side=side, qty=f"{qty:,}", symbol=draft.symbol, ptype=ptype)
        return text
    mult = inst.multiplier if inst is not None and inst.market != "stock" and inst.multiplier else Decimal(1)
    value = price * qty * mult
    cur = inst.currency if inst is not None else ""
    return QCoreApplication.translate("Orders", "{side} {qty} {symbol} at {price} ({ptype}), value {value} {cur}").format(
        side=side, qty=f"{qty:,}", symbol=draft.symbol, price=price, ptype=ptype,
        value=f"{value:,.2f}", cur=cur)


async def confirm_and_submit(context: Any, parent: QWidget | None, draft: Draft, window: tuple | None = None,
                             *, one_click: bool = False) -> Any:
    """Validate, confirm when the rules say so, and submit (``window``: a reserved stock order
    valid from/until those dates; ``one_click``: from a click in the order book, which in live
    mode always asks, whatever the confirmation setting). Returns the Order (or Reservation), or raises OrderRejected
    (nothing sent; ``kind`` "declined" when the trader said no)."""
    from app.trading.order_reserved import window_problems
    from app.trading.reconcile import today

    mgr: OrderManager | None = context.orders
    if mgr is None:
        raise OrderRejected([QCoreApplication.translate("Orders", "Orders: not connected yet.")], "unknown")
    errors = mgr.validate(draft)
    if window is not None:
        errors += window_problems(*window, today(), mgr.tr)
    if errors:
        raise OrderRejected(errors)
    warnings = mgr.limit_warnings(draft)
    words = describe(draft, context)
    if window is not None:
        words += "\n" + QCoreApplication.translate("Orders", "Reserved order, valid {start} to {end}.").format(
            start=window[0], end=window[1])
    if warnings:
        text = words + "\n\n" + "\n".join(warnings) + "\n\n" + QCoreApplication.translate("Orders", "Send it anyway?")
        if not await ask(parent, QCoreApplication.translate("Orders", "Order past your limits"), text, warning=True,
                         yes=QCoreApplication.translate("Orders", "Send"), no=QCoreApplication.translate("Orders", "Don't send")):
            raise OrderRejected([QCoreApplication.translate("Orders", "Order not sent.")], "declined")
    elif confirm_needed(context) or one_click and _mode(context) == "live":
        if not await ask(parent, QCoreApplication.translate("Orders", "Confirm order"), words + "\n\n" + QCoreApplication.translate("Orders", "Send this order?"),
                         yes=QCoreApplication.translate("Orders", "Send"), no=QCoreApplication.translate("Orders", "Don't send")):
            raise OrderRejected([QCoreApplication.translate("Orders", "Order not sent.")], "declined")
    if window is not None:
        return await mgr.reserve(draft, *window, confirmed_limits=bool(warnings))
    return await mgr.submit(draft, confirmed_limits=bool(warnings))


async def request_modify(context: Any, parent: QWidget | None, order_id: Any, price: Any = None,
                         qty: Any = None) -> bool:
    """Modify a working order (chart line drag, orders panel) under the confirmation rules:
    a fat-finger warning for the new price/quantity, a confirmation in live mode. True when the
    modify was sent and accepted."""
    mgr: OrderManager | None = context.orders
    if mgr is None:
        return False
    order = mgr.order(order_id)
    if order is None or not order.working:
        return False
    draft = Draft(order.symbol, order.side, qty if qty is not None else order.remaining,
                  price if price is not None else order.price, order.price_type)
    warnings = mgr.limit_warnings(draft) if draft.price_type not in ("market", "moo", "moc") else []
    words = QCoreApplication.translate("Orders", "Modify order {id}: {what}").format(id=order.id, what=describe(draft, context))
    if warnings:
        if not await ask(parent, QCoreApplication.translate("Orders", "Order past your limits"), words + "\n\n" + "\n".join(warnings),
                         warning=True, yes=QCoreApplication.translate("Orders", "Send"), no=QCoreApplication.translate("Orders", "Don't send")):
            return False
    elif confirm_needed(context):
        if not await ask(parent, QCoreApplication.translate("Orders", "Confirm order"), words, yes=QCoreApplication.translate("Orders", "Send"), no=QCoreApplication.translate("Orders", "Don't send")):
            return False
    try:
        new = await mgr.modify(order.id, price=price, qty=qty)
    except OrderRejected as exc:
        tell(parent, "\n".join(exc.messages))
        return False
    if new is order:  # refused: the original keeps working with the reason
        tell(parent, order.reason)
        return False
    return True


def tell(parent: QWidget | None, text: str) -> None:
    """Say `text` about an order beside `parent`: on its own message line if it has one, else in
    the window's status bar (else the log)."""
    own = getattr(parent, "tell_order_problem", None)  # a panel with its own message line
    if own is not None:
        own(text)
        return
    win = parent.window() if parent is not None else None
    status = getattr(win, "status", None)
    if status is not None and hasattr(status, "showMessage"):
        status.showMessage(text, 10000)
    else:
        log.info("order: %s", text)
