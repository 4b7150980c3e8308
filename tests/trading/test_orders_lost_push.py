"""Account pushes the terminal could not read (the exchange sent them, the frame arrived broken):
the order manager must still end with the exchange's view of every order, on its own and without
a reconnect, and a modify sent on a stale remaining quantity must take the exchange's quantity.

Found by the chaos test in a fresh-clone CI run: a fill push was lost, the terminal modified the
order for the quantity it believed was left, the exchange cut the new order to what was really
left, and once that filled the terminal showed it working for ever, with every reconciliation
agreeing on the fills and still leaving it open."""

from __future__ import annotations

import pytest

from app.trading.order_state import canon
from app.trading.order_validation import Draft
from tests.trading import test_orders as _orders
from tests.trading.test_orders import below, server_orders, until

market = _orders.market  # the embedded exchange with an order manager (fixture)


def at_exchange(m, order_id):
    return next(o for o in server_orders(m) if canon(o.ord_no) == canon(order_id))


@pytest.mark.asyncio
async def test_a_modify_on_a_stale_remaining_settles_to_the_exchange(market):
    m = market
    price = below(m, "AAPL")
    tick = m.master.get("AAPL").tick_at(price)
    order = await m.mgr.submit(Draft("AAPL", "buy", 5, price, "limit"))
    await until(lambda: order.state == "accepted")
    m.ex.faults.malformed_rate = 1.0  # every push from here arrives broken
    m.broker.force_trade("AAPL", price, 2)
    assert at_exchange(m, order.id).filled == 2
    new = await m.mgr.modify(order.id, price=price - tick)  # the terminal still thinks 5 are left
    assert new.id and at_exchange(m, new.id).qty == 3  # the exchange moved the 3 really left
    m.ex.faults.malformed_rate = 0.0
    m.broker.force_trade("AAPL", price - tick, 3)  # the new order fills whole
    assert at_exchange(m, new.id).remaining == 0
    await until(lambda: new.filled == 3 and order.filled == 2 and not new.working, timeout=20)
    await m.mgr.reconcile()
    assert (new.qty, new.filled, new.state) == (3, 3, "filled")
    assert (order.filled, order.state) == (2, "replaced")
    assert not m.mgr.working("AAPL")
    assert sum(f.qty for f in m.mgr.fills("AAPL")) == 5


@pytest.mark.asyncio
async def test_an_unreadable_account_push_brings_a_reconciliation(market):
    """A fill the exchange told only in a broken frame is in the terminal within seconds, not at
    the next reconnect."""
    m = market
    price = below(m, "MSFT")
    order = await m.mgr.submit(Draft("MSFT", "buy", 4, price, "limit"))
    await until(lambda: order.state == "accepted")
    before = m.mgr.reconciles
    m.ex.faults.malformed_rate = 1.0
    m.broker.force_trade("MSFT", price, 4)
    await until(lambda: m.mgr.reconciles > before, timeout=20)
    m.ex.faults.malformed_rate = 0.0
    await until(lambda: order.state == "filled", timeout=20)
    assert sum(f.qty for f in m.mgr.fills("MSFT")) == 4
