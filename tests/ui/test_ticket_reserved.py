"""Reserved stock orders from the ticket with real keys against the embedded exchange: Alt+R and
the validity window, a bad window named and nothing registered, the reservation in the orders
panel's Reserved tab, cancelled from there with its key; one whose window opens today becomes a
working order at once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel, Qt

from app.ui.panels.orders_panel import OrdersPanel
from tests.trading.test_orders_reserved import korean_day
from tests.ui import test_ticket as _ticket
from tests.ui.test_orders_panel import texts
from tests.ui.test_ticket import below, make_ticket, quiesce, until

trading = _ticket.trading  # the live market with an order manager (fixture)


def qdate(d) -> QDate:
    return QDate(d.year, d.month, d.day)


@pytest.mark.asyncio
async def test_reserved_order_from_the_ticket_shown_and_cancelled_with_keys(trading, qtbot):
    live, T = trading, korean_day()
    book = live.exchange.broker.reserved
    panel = OrdersPanel(live.context)
    qtbot.addWidget(panel)
    panel.resize(900, 300)
    t = await make_ticket(live, qtbot)
    assert not t.reserve.isHidden() and not t.reserve.on
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert t.reserve.on
    qtbot.keyClicks(t.qty_edit, "2")
    t.price_edit.setText(str(below(live, "AAPL")))
    t.reserve.start.setDate(qdate(T + timedelta(days=3)))
    t.reserve.end.setDate(qdate(T + timedelta(days=1)))  # ends before it starts
    t.qty_edit.setFocus()
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
    await until(live, lambda: not t.sending)
    assert "Valid until" in t.message.text() and not book.items
    t.reserve.end.setDate(qdate(T + timedelta(days=6)))
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
    await until(live, lambda: not t.sending and t.last_reservation is not None)
    r = t.last_reservation
    assert "Reserved" in t.message.text() and f"R{r.rsv_no}" in t.message.text()
    [srv] = book.items.values()
    assert (srv.symbol, srv.qty, srv.status) == ("AAPL", 2, "1") and t.last_order is None  # nothing sent now
    await until(live, lambda: texts(panel.reserved_model, "rsv_no") == [r.rsv_no])
    assert texts(panel.reserved_model, "status") == ["Reserved"]

    # the Reserved tab: select it and cancel with the panel's key
    panel.show()
    panel.activateWindow()
    await until(live, lambda: panel.isActiveWindow())
    panel.tabs.setCurrentIndex(3)
    view = panel.views[3]
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    view.selectionModel().select(view.model().index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                 | QItemSelectionModel.SelectionFlag.Rows)
    qtbot.keyClick(view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    await until(live, lambda: srv.status == "3" and texts(panel.reserved_model, "status") == ["Cancelled"])

    # a window opening today: LS sends it at once, and the order works like any other
    t.activateWindow()
    await until(live, lambda: t.isActiveWindow())
    t.reserve.start.setDate(qdate(T))
    t.qty_edit.setFocus()
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
    await until(live, lambda: not t.sending and t.last_reservation is not r)
    sent = t.last_reservation
    [now] = [x for x in live.context.orders.reservations if x.rsv_no == sent.rsv_no]
    assert now.status == "sent" and now.order_id
    await until(live, lambda: now.order_id in texts(panel.working_model, "id"))
    panel.shutdown()
    await quiesce(live)


@pytest.mark.asyncio
async def test_the_terminals_start_loads_reserved_orders_into_the_panel(live, qtbot, tmp_path, monkeypatch):
    """A reservation made earlier (another session) is in the Reserved tab once the terminal's
    order manager has started (as after a login)."""
    from app.trading.order_validation import Draft
    from app.trading.orders import OrderManager
    from app.ui.order_actions import start_orders
    T = korean_day()

    monkeypatch.setenv("LSTERM_DATA_DIR", str(tmp_path / "data"))
    before = OrderManager(live.client, live.master, hub=live.hub, mode="demo", data_dir=None)
    await before.start(futures=False, reconcile=False)
    try:
        r = await before.reserve(Draft("MSFT", "sell", 1, below(live, "MSFT", "1.05"), "limit"),
                                 T + timedelta(days=1), T + timedelta(days=2), confirmed_limits=True)
    finally:
        await before.close()
    panel = OrdersPanel(live.context)
    qtbot.addWidget(panel)
    mgr = await start_orders(live.context, live.session, live.master, live.hub)
    try:
        assert mgr is live.context.orders
        await until(live, lambda: texts(panel.reserved_model, "rsv_no") == [r.rsv_no])
        assert texts(panel.reserved_model, "status") == ["Reserved"]
    finally:
        panel.shutdown()
        live.context.orders = None
        await mgr.close()
    await quiesce(live)
