"""The order ticket with real keys against the embedded exchange (real client core over loopback):
what the exchange received is asserted, not what the ticket believes it sent."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest
import pytest_asyncio
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.trading.order_validation import as_int, as_price
from app.trading.orders import OrderManager
from app.ui.actions import ActionSpec
from app.ui.commands import TRADING
from app.ui.order_actions import install_cancel_actions
from app.ui.panels.ticket import TicketPanel


@pytest_asyncio.fixture
async def trading(live, tmp_path):
    """The live market with an order manager on the context (as the shell makes it)."""
    for spec in TRADING:
        if spec.id not in live.context.actions:
            live.context.actions.register(ActionSpec(**spec.__dict__))
    mgr = OrderManager(live.client, live.master, hub=live.hub, mode="demo", data_dir=tmp_path / "data",
                       prefs=live.context.prefs)
    await mgr.start()
    for sym in ("AAPL", "MSFT", "NVDA"):
        mgr.last_price(sym)  # the fat-finger check's last price
    await until(live, lambda: all(live.hub.quote(s) and live.hub.quote(s).last for s in ("AAPL", "MSFT", "NVDA")))
    live.context.orders = mgr
    install_cancel_actions(live.context)
    try:
        yield live
    finally:
        live.context.orders = None
        await mgr.close()


async def until(live, predicate, timeout: float = 30.0) -> None:
    """``live.until`` with room for a busy machine (several test suites share two cores)."""
    await live.until(predicate, timeout)


async def quiesce(live) -> None:
    """Stop the simulated market before pytest-qt's teardown processes Qt events outside the
    asyncio loop (a market step falling into that window dies with "no running event loop")."""
    try:
        await live.exchange.market.stop()
    except RuntimeError:  # the step already died in such a window: the market is stopped anyway
        pass


def resting(live, symbol: str) -> list:
    """The prices of the orders the exchange has working (routed) for `symbol`."""
    return [o.price for o in live.exchange.broker.working.get(symbol) or ()]


async def declined(live, t) -> str:
    """The text of the ticket's limit confirmation once it shows, answered No (nothing is sent)."""
    from PySide6.QtWidgets import QMessageBox

    await until(live, lambda: (b := t.findChild(QMessageBox, "OrderConfirm")) is not None and b.isVisible())
    box = t.findChild(QMessageBox, "OrderConfirm")
    text = box.text()
    box.button(QMessageBox.StandardButton.No).click()
    await until(live, lambda: not t.sending)
    return text


def server_new_orders(live, product="stock"):
    return [o for o in live.exchange.broker.orders.values() if o.product == product and o.kind == "new"]


async def make_ticket(live, qtbot, symbol="AAPL", quotes=False) -> TicketPanel:
    t = TicketPanel(live.context)
    qtbot.addWidget(t)
    t.resize(320, 420)
    t.show()
    t.activateWindow()
    await until(live, lambda: t.isActiveWindow())
    t.symbol_edit.setFocus()
    qtbot.keyClicks(t.symbol_edit, symbol.lower())
    qtbot.keyClick(t.symbol_edit, Qt.Key.Key_Return)
    assert t.symbol == symbol and t.inst is not None
    if quotes:
        await until(live, lambda: t.last_label.text() != "")
    return t


async def asked(live, qtbot, qty: str):
    """A ticket whose Enter (an AAPL buy of ``qty``, below the market) put a question up."""
    from PySide6.QtWidgets import QMessageBox

    t = await make_ticket(live, qtbot)
    qtbot.keyClicks(t.qty_edit, qty)
    t.price_edit.setText(str(below(live, "AAPL")))
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
    await until(live, lambda: t.findChild(QMessageBox, "OrderConfirm") is not None)
    return t, t.findChild(QMessageBox, "OrderConfirm")


def below(live, symbol, pct="0.97") -> Decimal:
    inst = live.master.get(symbol)
    px = Decimal(live.exchange.broker.market.last(symbol)) * Decimal(pct)
    tick = inst.tick_at(px)
    return (px / tick).to_integral_value() * tick


@pytest.mark.asyncio
async def test_keyboard_buy_limit_rests_modify_fills(trading, qtbot):
    live = trading
    t = await make_ticket(live, qtbot, quotes=True)
    assert t.qty_edit.hasFocus()  # Enter on the symbol moved on to the quantity
    qtbot.keyClicks(t.qty_edit, "3")
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # price to last
    bid = Decimal(t.price_edit.text())
    assert bid == Decimal(str(live.hub.quote("AAPL").last)).quantize(Decimal("0.01"))
    for _ in range(10):
        qtbot.keyClick(t.qty_edit, Qt.Key.Key_Down)  # 10 ticks down, one key at a time
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_PageDown)  # and ten more
    price = Decimal(t.price_edit.text())
    assert price == bid - 20 * Decimal("0.01")
    assert t.value_label.text().startswith(f"{price * 3:,.2f}")
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
    await until(live, lambda: t.last_order is not None and t.last_order.state == "accepted")
    order = t.last_order
    [srv] = server_new_orders(live)
    assert (srv.symbol, srv.side, srv.qty, srv.price, srv.price_type) == ("AAPL", "2", 3, price, "00")
    assert order.id in t.message.text()
    new_price = price + Decimal("0.01")
    from app.ui.order_actions import request_modify

    assert await request_modify(live.context, t, order.id, price=new_price)
    await until(live, lambda: order.state == "replaced")
    [modified] = live.context.orders.working("AAPL")
    assert modified.price == new_price and modified.id == order.replaced_by
    await until(live, lambda: resting(live, "AAPL") == [new_price])  # routed (a moment after the answer)
    live.exchange.broker.force_trade("AAPL", new_price, 5)
    await until(live, lambda: modified.state == "filled")
    assert sum(f.qty for f in live.context.orders.fills("AAPL")) == 3
    await quiesce(live)


@pytest.mark.asyncio
async def test_double_enter_sends_exactly_one_order(trading, qtbot):
    from PySide6.QtGui import QGuiApplication

    live = trading
    hints = QGuiApplication.styleHints()
    interval = hints.mouseDoubleClickInterval()
    hints.setMouseDoubleClickInterval(10_000)  # a loaded machine never makes two presses look slow
    t = await make_ticket(live, qtbot)
    try:
        qtbot.keyClicks(t.qty_edit, "2")
        t.price_edit.setText(str(below(live, "AAPL")))
        t.qty_edit.setFocus()
        qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
        qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
        await until(live, lambda: t.last_order is not None and t.last_order.state == "accepted")
        # the first order answered already (the embedded exchange takes a few ms): a second press
        # within the double-click interval is still the same press (QA: 40 ms apart sent two orders)
        qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
        await live.context.orders.reconcile()  # a full round trip after the presses: the server's list
        assert len(server_new_orders(live)) == 1 and not t.sending
        # another order is sent at once; the same one again after the double-click interval
        qtbot.keyClick(t.qty_edit, Qt.Key.Key_Up)
        qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
        await until(live, lambda: len(server_new_orders(live)) == 2 and not t.sending)
        hints.setMouseDoubleClickInterval(100)
        await asyncio.sleep(0.15)
        qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
        await until(live, lambda: len(server_new_orders(live)) == 3 and not t.sending)
    finally:
        hints.setMouseDoubleClickInterval(interval)
    await quiesce(live)


@pytest.mark.asyncio
async def test_held_enter_sends_once(trading, qtbot):
    """A held Enter: Qt repeats a held key's shortcut unless the action says no (QA: Enter held
    for 2 s sent 20 orders, one after each answer). QTest cannot make a repeated key event, so
    the shortcut's own setting is what is checked, on the action Enter triggers in the ticket."""
    live = trading
    t = await make_ticket(live, qtbot)
    [send] = [a for a in t.actions() if a.objectName() == "action:ticket.send"]
    assert Qt.Key.Key_Return in [k[0].key() for k in send.shortcuts()]
    assert not send.autoRepeat()
    steps = [a for a in t.actions() if a.objectName() == "action:ticket.price_up"]
    assert steps[0].autoRepeat()  # a held Up still walks the price
    await quiesce(live)


@pytest.mark.asyncio
async def test_sell_market_with_keys_and_side_colours(trading, qtbot):
    live = trading
    t = await make_ticket(live, qtbot, "MSFT", quotes=True)
    t.set_side("buy")
    qtbot.keyClicks(t.qty_edit, "1")
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # price to last
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_PageUp)  # ten ticks up: through the ask
    for _ in range(5):
        qtbot.keyClick(t.qty_edit, Qt.Key.Key_Up)
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
    await until(live, lambda: t.last_order is not None and t.last_order.state == "filled")
    assert "#ff5a5f" in t.send_btn.styleSheet() or "#d6282f" in t.send_btn.styleSheet()  # buy red
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_Space, Qt.KeyboardModifier.ControlModifier)  # switch to sell
    assert t.side == "sell"
    assert "#4d8dff" in t.send_btn.styleSheet() or "#1f5fd6" in t.send_btn.styleSheet()  # sell blue
    t.set_price_type("market")
    assert not t.price_edit.isEnabled()
    first = t.last_order
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
    await until(live, lambda: t.last_order is not first and t.last_order.state == "filled")
    sells = [o for o in live.exchange.broker.orders.values() if o.side == "1"]
    assert [(o.symbol, o.qty, o.price_type) for o in sells] == [("MSFT", 1, "03")]
    await quiesce(live)


@pytest.mark.asyncio
async def test_bad_input_one_message_naming_the_field_nothing_sent(trading, qtbot):
    live = trading
    t = await make_ticket(live, qtbot)
    qtbot.keyClicks(t.qty_edit, "0")
    t.price_edit.setText("100.001")
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
    await until(live, lambda: not t.sending)
    assert "Quantity" in t.message.text() and "Price" in t.message.text()
    assert server_new_orders(live) == []
    # what is not an order has no value (QA: "-1,132.50 USD" for a quantity of -5)
    for qty, price in (("-5", "100"), ("5", "-3"), ("99999999999999999999", "100"), ("5", "1e9")):
        t.qty_edit.selectAll()
        qtbot.keyClicks(t.qty_edit, qty)
        t.price_edit.selectAll()
        qtbot.keyClicks(t.price_edit, price)
        assert t.value_label.text() == "", (qty, price)
        qtbot.keyClick(t.price_edit, Qt.Key.Key_Return)
        await until(live, lambda: not t.sending)
        assert t.message.text().startswith(("Quantity", "Price")), t.message.text()
    t.qty_edit.selectAll()
    qtbot.keyClicks(t.qty_edit, "5")
    t.price_edit.selectAll()
    qtbot.keyClicks(t.price_edit, "100")
    assert t.value_label.text() == "500.00 USD"
    await live.context.orders.reconcile()
    assert server_new_orders(live) == []
    # the buy side offers no sell-only price types
    assert t.type_box.findData("market") == -1 and t.type_box.findData("moc") == -1
    await quiesce(live)


@pytest.mark.asyncio
async def test_fat_finger_asks_and_declining_sends_nothing(trading, qtbot):
    live = trading
    t = await make_ticket(live, qtbot)
    qtbot.keyClicks(t.qty_edit, "1")
    t.price_edit.setText(str(below(live, "AAPL", "0.70")))  # 30 % away: past the 10 % demo limit
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
    assert "last price" in await declined(live, t)
    assert server_new_orders(live) == [] and "not sent" in t.message.text()
    await quiesce(live)


@pytest.mark.asyncio
async def test_a_confirmation_destroyed_unanswered_is_a_no_and_fails_nothing(trading, qtbot):
    """Quit with a confirmation open destroys it unanswered: that is a no, the send task ends
    quietly and the ticket can send again (it once died on the deleted dialog and stayed
    'Sending…')."""
    import shiboken6
    from PySide6.QtWidgets import QMessageBox

    live = trading
    t = await make_ticket(live, qtbot)
    qtbot.keyClicks(t.qty_edit, "1")
    t.price_edit.setText(str(below(live, "AAPL", "0.70")))  # past the limit: it asks
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
    await until(live, lambda: t.findChild(QMessageBox, "OrderConfirm") is not None)
    box = t.findChild(QMessageBox, "OrderConfirm")
    errors: list = []
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda _loop, ctx: errors.append(ctx))
    try:
        box.deleteLater()
        await until(live, lambda: not shiboken6.isValid(box))
        await until(live, lambda: not t.sending)
        await asyncio.sleep(0.05)
    finally:
        loop.set_exception_handler(None)
    assert errors == []
    assert server_new_orders(live) == [] and "not sent" in t.message.text()
    assert t.send_btn.isEnabled()
    await quiesce(live)


@pytest.mark.asyncio
async def test_takes_price_from_order_book_and_reviews_closing_order(trading, qtbot):
    live = trading
    t = await make_ticket(live, qtbot)
    q = live.hub.quote("AAPL")
    q.bid, q.ask = 200.01, 200.03  # no await until the keys: the feed cannot move them meanwhile
    t.qty_edit.setFocus()
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert t.price_edit.text() == "200.01"
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    assert t.price_edit.text() == "200.03"
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # preset 3: 100
    assert t.qty_edit.text() == "100"
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_Escape)
    assert t.qty_edit.text() == "" and t.price_edit.text() == ""
    live.context.links.price_chosen.emit(None, "NVDA", "sell", Decimal("123.45"))
    assert (t.symbol, t.side, t.price_edit.text()) == ("NVDA", "sell", "123.45")
    live.context.links.ticket_requested.emit({"symbol": "MSFT", "side": "sell", "qty": 7, "price": None,
                                              "price_type": "market"})
    assert (t.symbol, t.side, t.qty_edit.text(), t.price_type) == ("MSFT", "sell", "7", "market")
    await asyncio.sleep(0.1)
    assert live.exchange.broker.orders == {}  # loaded for review, never sent
    # another symbol typed in: the closing order's side and quantity do not carry over to it
    t.symbol_edit.setFocus()
    t.symbol_edit.selectAll()
    qtbot.keyClicks(t.symbol_edit, "NVDA")
    qtbot.keyClick(t.symbol_edit, Qt.Key.Key_Return)
    assert (t.symbol, t.side, t.qty_edit.text()) == ("NVDA", "buy", "")
    assert "MSFT" in t.message.text() and "cleared" in t.message.text()
    await quiesce(live)


@pytest.mark.asyncio
async def test_futures_round_trip_from_the_ticket(trading, qtbot):
    live = trading
    fut = next(i for i in live.master.all() if i.market == "futures")
    t = await make_ticket(live, qtbot, fut.code)
    assert [t.type_box.itemData(i) for i in range(t.type_box.count())] == ["limit", "market"]
    qtbot.keyClicks(t.qty_edit, "1")
    t.set_price_type("market")
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
    await until(live, lambda: t.last_order is not None and t.last_order.state == "filled")
    t.set_side("sell")
    first = t.last_order
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
    await until(live, lambda: t.last_order is not first and t.last_order.state == "filled")
    fills = live.context.orders.fills(fut.code)
    assert [(f.side, f.qty) for f in fills] == [("buy", 1), ("sell", 1)]
    assert len(server_new_orders(live, "future")) == 2
    await quiesce(live)


def oracle(d) -> bool:
    """An order LS would take, judged independently of the code under test."""
    from decimal import Decimal, InvalidOperation

    try:
        qty = Decimal(str(d.qty).replace(",", ""))
    except InvalidOperation:
        return False
    if not qty.is_finite() or qty <= 0 or qty != qty.to_integral_value() or d.side not in ("buy", "sell"):
        return False
    if d.price_type in ("market", "moo", "moc"):
        return d.side == "sell"
    try:
        price = Decimal(str(d.price).replace(",", ""))
        return (price.is_finite() and 0 < price < 10**9
                and price % (Decimal("0.01") if price >= 1 else Decimal("0.0001")) == 0)
    except InvalidOperation:
        return False


@pytest.mark.asyncio
async def test_random_ticket_input_never_crashes_nor_sends_invalid(trading, qtbot):
    """Random typing, keys, sides, price types and reserved-order windows, each followed by Enter:
    the exchange receives only orders (and reservations) that are valid, and the ticket never raises."""
    from datetime import datetime, timedelta

    from PySide6.QtCore import QDate

    from app.trading.reconcile import today
    live = trading
    live.context.prefs.order_limits = {"demo": {"max_qty": 0, "max_value": 0, "max_distance_pct": 0}}
    t = await make_ticket(live, qtbot, "MSFT")
    keys = st.sampled_from([Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown])
    valid: set = set()
    windows: set = set()
    tried = [0, 0]
    day0 = datetime.strptime(today(), "%Y%m%d").date()

    @settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
    @given(qty=st.one_of(st.text(alphabet="0123456789-.,e x", max_size=5), st.integers(1, 50).map(str)),
           price=st.one_of(st.text(alphabet="0123456789-.,e x", max_size=9),
                           st.decimals(min_value=1, max_value=900, places=3).map(str)),
           presses=st.lists(keys, max_size=3), side=st.sampled_from(["buy", "sell"]),
           ptype=st.sampled_from(["limit", "loo", "loc", "market", "moc"]),
           reserve=st.sampled_from([False, False, False, False, True]),  # COSAT00400: 1 call/s
           start=st.integers(-3, 100), length=st.integers(-3, 100))
    def run(qty, price, presses, side, ptype, reserve, start, length):
        t.reserve.check.setChecked(reserve)
        first, last = day0 + timedelta(days=start), day0 + timedelta(days=start + length)
        t.reserve.start.setDate(QDate(first.year, first.month, first.day))
        t.reserve.end.setDate(QDate(last.year, last.month, last.day))
        t.set_side(side)
        t.set_price_type(ptype)
        t.qty_edit.setText(qty)
        t.price_edit.setText(price)
        for k in presses:
            qtbot.keyClick(t.qty_edit, k)
        draft = t.draft()
        ok = oracle(draft) and (not reserve or 0 <= start and 0 <= length and start + length <= 90)
        tried[not ok] += 1
        if ok:
            price = None if draft.price_type in ("market", "moo", "moc") else as_price(draft.price)
            valid.add((draft.symbol, draft.side, as_int(draft.qty), price, draft.price_type))
            if reserve:
                windows.add((as_int(draft.qty), first.strftime("%Y%m%d"), last.strftime("%Y%m%d")))
        t.sending = False  # each example is its own key press; the sends run after the examples
        qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)

    run()
    await until(live, lambda: not t.sending and not any(o.state == "pending_new"
                                                         for o in live.context.orders.orders()), timeout=90)
    assert tried[1] > 0  # some input was invalid
    assert valid and live.exchange.broker.orders  # and some valid: the ticket really sent them
    for o in live.context.orders.orders():  # everything the manager sent (answered or not)
        assert (o.symbol, o.side, o.qty, o.price, o.price_type) in valid, o
    for srv in live.exchange.broker.orders.values():
        assert srv.qty > 0 and (srv.price_type in ("03", "M4") or srv.price > 0)
    for rsv in live.exchange.broker.reserved.items.values():  # reservations: a valid window each
        assert (rsv.qty, rsv.start_date, rsv.end_date) in windows, rsv
    await quiesce(live)


@pytest.mark.asyncio
async def test_confirmation_per_mode_and_yes_sends_once(trading, qtbot):
    """With confirmation on (as in live mode) Enter opens a non-modal question; Yes sends one
    order; a second Enter while the question is open sends nothing more."""
    from PySide6.QtWidgets import QMessageBox

    from app.ui.order_actions import confirm_needed, toggle_confirm

    live = trading
    assert not confirm_needed(live.context)  # demo: off by default
    assert await toggle_confirm(live.context) is True and confirm_needed(live.context)
    t, box = await asked(live, qtbot, "2")
    assert "Buy 2 AAPL" in box.text() and "value" in box.text()
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)  # the ticket is still sending: ignored
    box.button(QMessageBox.StandardButton.Yes).click()
    await until(live, lambda: t.last_order is not None and t.last_order.state == "accepted" and not t.sending)
    assert len(server_new_orders(live)) == 1
    await quiesce(live)


@pytest.mark.asyncio
async def test_the_message_line_follows_the_order_it_sent(trading, qtbot):
    """After Enter the line says Accepted; cancelled from elsewhere (orders panel, cancel-all) it
    says so, not Accepted for ever."""
    live = trading
    t = await make_ticket(live, qtbot)
    qtbot.keyClicks(t.qty_edit, "2")
    t.price_edit.setText(str(below(live, "AAPL")))
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
    await until(live, lambda: t.last_order is not None and t.last_order.state == "accepted")
    assert "Accepted" in t.message.text()
    await live.context.orders.cancel(t.last_order.id)
    await until(live, lambda: "Cancelled" in t.message.text())
    assert t.last_order.id in t.message.text()
    await quiesce(live)


@pytest.mark.asyncio
async def test_the_message_line_follows_a_modify_and_cancel_from_the_orders_panel(trading, qtbot):
    """QA: modified and then cancelled in the orders panel, the ticket still said "Modified" (the
    first number's end). A modify gives the order a new number: the line follows that order."""
    from app.ui.panels.orders_panel import OrdersPanel

    live = trading
    t = await make_ticket(live, qtbot)
    panel = OrdersPanel(live.context)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.keyClicks(t.qty_edit, "2")
    price = below(live, "AAPL")
    t.price_edit.setText(str(price))
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
    await until(live, lambda: t.last_order is not None and t.last_order.state == "accepted")
    first = t.last_order
    await until(live, lambda: panel.working_model.items == [first])
    panel.views[0].selectRow(0)
    panel.price_up()  # the orders panel's modify: one tick up
    await until(live, lambda: first.state == "replaced" and len(live.context.orders.working("AAPL")) == 1)
    [modified] = live.context.orders.working("AAPL")
    await until(live, lambda: f"#{modified.id} " in t.message.text() and "Accepted" in t.message.text())
    await until(live, lambda: panel.working_model.items == [modified] and modified.state == "accepted")
    panel.views[0].selectRow(0)
    panel.cancel_selected()
    await until(live, lambda: modified.state == "cancelled")
    await until(live, lambda: "Cancelled" in t.message.text())
    assert f"#{modified.id} " in t.message.text() and "Modified" not in t.message.text()
    await quiesce(live)


@pytest.mark.asyncio
async def test_the_request_leaves_before_the_ticket_repaints_sending(trading, qtbot):
    """A new message re-lays the window out and repaints the ticket (~2 ms): the order is on its
    way (journaled, request written) before that, not after. Enter twice still sends one order."""
    from PySide6.QtCore import QEvent, QObject

    live = trading
    mgr = live.context.orders
    t = await make_ticket(live, qtbot)
    qtbot.keyClicks(t.qty_edit, "3")
    t.price_edit.setText(str(below(live, "AAPL")))
    await asyncio.sleep(0.05)  # the fields' own repaints done
    seen: list[tuple[str, int]] = []  # (message shown, orders in the book) at each paint of the message

    class Watch(QObject):
        def eventFilter(self, obj, ev):  # noqa: N802 - Qt's name
            if ev.type() == QEvent.Type.Paint:
                seen.append((t.message.text(), len(mgr.orders("AAPL"))))
            return False

    watch = Watch()
    t.message.installEventFilter(watch)
    before = len(mgr.orders("AAPL"))
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)  # still sending: ignored
    await until(live, lambda: t.last_order is not None and t.last_order.state == "accepted" and not t.sending)
    t.message.removeEventFilter(watch)
    first = next(n for text, n in seen if text == "Sending…")
    assert first == before + 1  # the order was already out when 'Sending…' was first drawn
    assert len(server_new_orders(live)) == 1 and server_new_orders(live)[0].qty == 3
    await quiesce(live)


def test_the_order_in_words_names_its_price_type_in_the_interface_language(qapp):
    from types import SimpleNamespace

    from app.trading.order_validation import Draft
    from app.ui import i18n
    from app.ui.order_actions import describe

    ctx = SimpleNamespace(instruments=None)
    limit = Draft("TSLA", "buy", "5", "100", "limit")
    market = Draft("TSLA", "sell", "5", None, "market")
    assert describe(limit, ctx) == "Buy 5 TSLA at 100 (Limit), value 500.00 "
    i18n.install(qapp, "ko")  # (the UI tests' fixture puts English back)
    assert describe(limit, ctx) == "TSLA 매수 5 @ 100 (지정가), 금액 500.00 "
    assert describe(market, ctx) == "TSLA 매도 5 (시장가)"


@pytest.mark.asyncio
async def test_a_long_message_never_squeezes_the_fields(trading, qtbot):
    """QA: in the default layout's ticket dock a two-line rejection squeezed the rows above it: the
    reserve dates were cut in half, and a three-line message overlapped Bid/Last/Ask with their
    captions. The fields keep their height; the message gets the room that is left (whole in its
    tooltip)."""
    live = trading
    holder = QWidget()
    qtbot.addWidget(holder)
    holder.resize(330, 330)
    t = TicketPanel(live.context, holder)
    t.setGeometry(0, 0, 330, 330)  # as in a dock: the room it is given, not what it asks for
    holder.show()
    holder.activateWindow()
    await until(live, lambda: holder.isActiveWindow())
    t.symbol_edit.setFocus()
    qtbot.keyClicks(t.symbol_edit, "aapl")
    qtbot.keyClick(t.symbol_edit, Qt.Key.Key_Return)
    await until(live, lambda: t.last_label.text() != "")
    rows = (t.caption["bid"], t.bid_label, t.qty_edit, t.price_edit, t.reserve, t.send_btn)
    roomy = {w: w.height() for w in rows}
    assert all(h >= w.minimumSizeHint().height() for w, h in roomy.items())
    qtbot.keyClicks(t.qty_edit, "99999999999999999999")  # two problems, the second a long one
    t.price_edit.setText("226.5")
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
    await until(live, lambda: not t.sending and "Quantity" in t.message.text())
    await asyncio.sleep(0.05)  # laid out
    assert {w: w.height() for w in rows} == roomy
    assert t.message.toolTip() == t.message.text()
    assert t.message.height() >= t.message.fontMetrics().lineSpacing()  # its first line, whole
    await quiesce(live)


@pytest.mark.asyncio
async def test_a_symbol_typed_and_left_with_tab_is_the_one_traded(trading, qtbot):
    """QA: MSFT typed over AAPL in the symbol field, Tab to the quantity, Enter: the field said
    MSFT and the order went out for AAPL. Leaving the field loads what it shows."""
    live = trading
    t = await make_ticket(live, qtbot, "AAPL")
    t.symbol_edit.setFocus()
    t.symbol_edit.selectAll()
    qtbot.keyClicks(t.symbol_edit, "msft")
    qtbot.keyClick(t.symbol_edit, Qt.Key.Key_Tab)  # to the price type
    assert t.symbol == "MSFT" and t.inst is not None and "MICROSOFT" in t.name_label.text()
    t.qty_edit.setFocus()
    qtbot.keyClicks(t.qty_edit, "1")
    t.price_edit.setText(str(below(live, "MSFT")))
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
    await until(live, lambda: t.last_order is not None and t.last_order.state == "accepted")
    assert [o.symbol for o in server_new_orders(live)] == ["MSFT"]
    # emptied and left: the field shows the ticket's symbol again
    t.symbol_edit.setFocus()
    t.symbol_edit.selectAll()
    qtbot.keyClick(t.symbol_edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(t.symbol_edit, Qt.Key.Key_Tab)
    assert t.symbol_edit.text() == "MSFT" and t.symbol == "MSFT"
    # a symbol that does not exist, left: the field shows the ticket's symbol again, and says so
    t.symbol_edit.setFocus()
    t.symbol_edit.selectAll()
    qtbot.keyClicks(t.symbol_edit, "msx")
    qtbot.keyClick(t.symbol_edit, Qt.Key.Key_Tab)
    assert t.symbol_edit.text() == "MSFT" and t.symbol == "MSFT" and t.inst is not None
    assert "MSX" in t.message.text()
    # a futures product by name, Enter: its front month is loaded and shown, not refused
    front = live.master.front("ES")
    assert front is not None
    t.symbol_edit.setFocus()
    t.symbol_edit.selectAll()
    qtbot.keyClicks(t.symbol_edit, "es")
    qtbot.keyClick(t.symbol_edit, Qt.Key.Key_Return)
    assert t.symbol == front.code == t.symbol_edit.text() and t.inst is front
    await quiesce(live)


@pytest.mark.asyncio
async def test_a_double_enter_never_answers_the_confirmation(trading, qtbot):
    """QA: with "Confirm every order" on, Enter pressed twice 80 ms apart sent the order: the second
    press landed on the question's default button (Send). For the double-click interval the
    question takes no Enter; then Enter sends as before."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    live = trading
    live.context.prefs.confirm_orders = {"demo": True}
    try:
        t, box = await asked(live, qtbot, "1")
        box.activateWindow()
        await until(live, lambda: box.isActiveWindow())
        target = QApplication.focusWidget() or box
        qtbot.keyClick(target, Qt.Key.Key_Return)  # the double press's second Enter
        await asyncio.sleep(0.05)
        assert box.isVisible() and t.sending
        await live.context.orders.reconcile()
        assert server_new_orders(live) == []
        await asyncio.sleep(QGuiApplication.styleHints().mouseDoubleClickInterval() / 1000)
        qtbot.keyClick(QApplication.focusWidget() or box, Qt.Key.Key_Return)  # read, then Enter: sent
        await until(live, lambda: not t.sending and len(server_new_orders(live)) == 1)
    finally:
        live.context.prefs.confirm_orders = {}
    await quiesce(live)


@pytest.mark.asyncio
async def test_the_instrument_name_follows_a_language_switch(trading, qtbot):
    """English → 한국어 → English: the ticket's name line kept the language it was loaded in (애플 in
    an English interface after switching back), while its captions changed."""
    live = trading
    t = await make_ticket(live, qtbot)
    inst = live.master.get("AAPL")
    assert inst.name_en and inst.name != inst.name_en
    lang = live.context.lang
    try:
        for now, name in (("ko", inst.name), ("en", inst.name_en)):
            live.context.set_language(now)
            t.retranslate()  # what its dock does on the switch
            assert t.name_label.text().startswith(f"{name}  ·  ")
    finally:
        live.context.set_language(lang)
    await quiesce(live)
