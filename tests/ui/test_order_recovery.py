"""Orders that survive trouble, driven from the ticket with real keys against the embedded
exchange: an order whose answer is lost after the exchange booked it (connection dropped
mid-order), and a restart in the middle of the day. What the exchange holds is the reference:
the panels must show its orders, fills and positions, no fill lost and none counted twice."""

from __future__ import annotations


import pytest
from PySide6.QtCore import Qt

from app.ls.errors import TransportError
from app.trading.orders import OrderManager
from app.trading.portfolio import PortfolioService
from app.trading.session import DEMO_APPKEY
from app.ui.panels.orders_panel import OrdersPanel
from app.ui.panels.positions import PositionsPanel
from tests.ui import test_ticket as _ticket
from tests.ui.test_orders_panel import texts
from tests.ui.test_ticket import below, make_ticket, quiesce, server_new_orders, until

trading = _ticket.trading  # the live market with an order manager (fixture)


def lose_answers(live, tr_cd: str) -> list[str]:
    """From now on a ``tr_cd`` call reaches the exchange (which books it) but its answer is
    lost, as when the connection drops after the request went out. Returns the log of losses."""
    transport = live.client.transport
    real = transport.post_tr
    lost: list[str] = []

    async def post_tr(path, code, body, token, **kw):
        raw = await real(path, code, body, token, **kw)
        if code == tr_cd:
            lost.append(code)
            raise TransportError(f"{code}: connection reset by peer (answer lost)", tr_cd=code)
        return raw

    transport.post_tr = post_tr
    live.restore_transport = lambda: setattr(transport, "post_tr", real)
    return lost


def fills_of(live, symbol: str) -> int:
    return sum(f.qty for f in live.context.orders.fills(symbol))


@pytest.mark.asyncio
async def test_answer_lost_after_the_exchange_booked_it_is_reconciled(trading, qtbot):
    live = trading
    mgr = live.context.orders
    panel = OrdersPanel(live.context)
    qtbot.addWidget(panel)
    t = await make_ticket(live, qtbot)
    price = below(live, "AAPL")
    live.exchange.faults.drop_websockets()  # and no push tells of it either
    lost = lose_answers(live, "COSAT00301")
    qtbot.keyClicks(t.qty_edit, "5")
    t.price_edit.setText(str(price))
    qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
    await until(live, lambda: lost and not t.sending)
    [srv] = server_new_orders(live)  # booked once, never sent again
    live.restore_transport()
    order = t.last_order
    assert order is not None and not order.id  # the ticket never heard the number
    await until(live, lambda: srv in (live.exchange.broker.working.get("AAPL") or ()))  # routed
    live.exchange.broker.force_trade("AAPL", price, 2)  # fills 2 while nobody is told
    await until(live, lambda: order.id and int(order.id) == int(srv.ord_no) and order.filled == 2)
    assert order.state == "partially_filled" and fills_of(live, "AAPL") == 2
    await until(live, lambda: texts(panel.working_model, "id") == [order.id]
                and texts(panel.working_model, "filled") == ["2"])
    # the sockets are back: the rest fills through pushes; the reconciled 2 are not added again
    live.exchange.broker.force_trade("AAPL", price, 10)
    await until(live, lambda: order.state == "filled")
    assert fills_of(live, "AAPL") == 5
    await mgr.reconcile()
    assert fills_of(live, "AAPL") == 5 and len(server_new_orders(live)) == 1
    assert texts(panel.history_model, "state") == ["Filled"]
    assert sum(int(q) for q in texts(panel.fills_model, "qty")) == 5
    panel.shutdown()
    await quiesce(live)


@pytest.mark.asyncio
async def test_restart_mid_day_gives_the_same_orders_fills_and_positions(trading, qtbot, tmp_path):
    live = trading
    svc = PortfolioService(live.client, live.hub, live.master, debounce=0.05)
    await svc.start()
    live.context.set_portfolio(svc)
    orders_panel = OrdersPanel(live.context)
    positions = PositionsPanel(live.context)
    for w in (orders_panel, positions):
        qtbot.addWidget(w)
    t = await make_ticket(live, qtbot)
    p1, p2 = below(live, "AAPL"), below(live, "AAPL", "0.96")
    for qty, price in (("4", p1), ("3", p2)):
        t.qty_edit.setText(qty)
        t.price_edit.setText(str(price))
        qtbot.keyClick(t.qty_edit, Qt.Key.Key_Return)
        await until(live, lambda: not t.sending and t.last_order is not None and t.last_order.state == "accepted")
    a, b = sorted(live.context.orders.working("AAPL"), key=lambda o: o.qty, reverse=True)
    # both rest at the exchange (it routes an order a moment after answering it), then a trade
    await until(live, lambda: len(live.exchange.broker.working.get("AAPL") or ()) == 2)
    live.exchange.broker.force_trade("AAPL", p1, 1)
    await until(live, lambda: a.filled == 1)
    await live.context.orders.cancel(b.id)
    await until(live, lambda: b.state == "cancelled" and positions.model.row_of("AAPL") >= 0)
    before_orders = sorted(zip(texts(orders_panel.history_model, "id"), texts(orders_panel.history_model, "state"),
                               texts(orders_panel.history_model, "filled")))
    before_fills = sorted(zip(texts(orders_panel.fills_model, "exec"), texts(orders_panel.fills_model, "qty")))
    journal = live.context.orders.journal.path

    # the terminal goes down; meanwhile the resting order fills one more
    old = live.context.orders
    live.context.orders = None
    live.context.orders_changed.emit(None)
    await old.close()
    live.exchange.broker.force_trade("AAPL", p1, 1)

    mgr2 = OrderManager(live.client, live.master, hub=live.hub, mode="demo", data_dir=journal.parents[1],
                        prefs=live.context.prefs)
    await mgr2.start()
    live.context.orders = mgr2
    live.context.orders_changed.emit(mgr2)
    try:
        assert mgr2.journal.path == journal
        after_orders = sorted(zip(texts(orders_panel.history_model, "id"), texts(orders_panel.history_model, "state"),
                                  texts(orders_panel.history_model, "filled")))
        assert len(after_orders) == len(before_orders) == 2
        assert (b.id, "Cancelled", "") in after_orders
        assert (a.id, "Partly filled", "2") in after_orders  # the fill while down, found once
        after_fills = sorted(zip(texts(orders_panel.fills_model, "exec"), texts(orders_panel.fills_model, "qty")))
        assert set(before_fills) <= set(after_fills)
        assert sum(int(q) for _e, q in after_fills) == 2
        await mgr2.reconcile()  # and again: nothing is counted twice
        assert sum(f.qty for f in mgr2.fills("AAPL")) == 2
        server = live.exchange.broker.account(DEMO_APPKEY)
        await until(live, lambda: svc.position("AAPL") is not None and svc.position("AAPL").qty == 2)
        assert server.stocks["AAPL"].qty == 2
        row = positions.model.row_of("AAPL")
        col = [c.id for c in positions.columns].index("qty")
        await until(live, lambda: positions.model.data(positions.model.index(row, col)) == "2")
    finally:
        orders_panel.shutdown()
        positions.shutdown()
        live.context.orders = None
        await mgr2.close()
        await svc.close()
    await quiesce(live)
