"""The order activity log against the embedded exchange: one line per change a trader cares about,
none for repeats, a rejection at WARNING, and nothing again for orders reloaded after a restart."""

from __future__ import annotations

import logging
from decimal import Decimal

import pytest

from app.trading.activity import OrderActivity
from app.trading.order_validation import Draft
from app.trading.orders import OrderManager
from tests.trading import test_orders as _orders
from tests.trading.test_orders import below, login, until

market = _orders.market  # the embedded exchange with an order manager (fixture)


def lines(caplog) -> list[tuple[int, str]]:
    return [(r.levelno, r.getMessage()) for r in caplog.records if r.name == "app.trading.activity"]


@pytest.mark.asyncio
async def test_an_orders_life_is_told_once_per_change(market, caplog):
    m = market
    caplog.set_level(logging.INFO, logger="app.trading.activity")
    m.mgr.add_listener(OrderActivity())
    price = below(m, "AAPL")
    order = await m.mgr.submit(Draft("AAPL", "buy", 3, price, "limit"))
    await until(lambda: order.state == "accepted")
    tick = m.master.get("AAPL").tick_at(price)
    mod = await m.mgr.modify(order.id, price=price + tick)
    await until(lambda: order.state == "replaced" and mod.state == "accepted")
    m.broker.force_trade("AAPL", price + tick, 1)
    await until(lambda: mod.filled == 1)
    await m.mgr.cancel(mod.id)
    await until(lambda: mod.state == "cancelled")
    m.ex.faults.reject_next(1)
    rejected = await m.mgr.submit(Draft("MSFT", "buy", 1, below(m, "MSFT"), "limit"))
    await until(lambda: rejected.state == "rejected")
    await m.mgr.reconcile()  # the server's view again: nothing new, nothing told twice

    p, q, r = (f"{x.normalize():f}" for x in (price, price + tick, rejected.price))
    got = lines(caplog)
    info = [msg for level, msg in got if level == logging.INFO]
    assert info == [
        f"Order sent: AAPL buy 3 @ {p} limit",
        f"Order {order.id} accepted: AAPL buy 3 @ {p} limit",
        f"Modify sent: order {order.id} (AAPL buy 3 @ {p} limit)",
        f"Order {mod.id} accepted: AAPL buy 3 @ {q} limit",
        f"Order {order.id} modified: now order {mod.id}",
        f"Order {mod.id} partly filled: 1 of 3",
        f"Fill: AAPL buy 1 @ {q} (order {mod.id})",
        f"Cancel sent: order {mod.id} (AAPL buy 3 @ {q} limit)",
        f"Order {mod.id} cancelled: AAPL buy 3 @ {q} limit, 1 filled before",
        f"Order sent: MSFT buy 1 @ {r} limit",
        f"Order {rejected.id} accepted: MSFT buy 1 @ {r} limit",  # the exchange refuses it after
    ]
    warnings = [msg for level, msg in got if level == logging.WARNING]
    assert len(warnings) == 1 and warnings[0].startswith(f"Order {rejected.id} rejected: MSFT buy 1 @ {r} limit: ")


@pytest.mark.asyncio
async def test_reloaded_orders_are_not_told_again(market, caplog):
    m = market
    price = below(m, "AAPL")
    order = await m.mgr.submit(Draft("AAPL", "buy", 2, price, "limit"))
    await until(lambda: order.state == "accepted")
    await m.mgr.close()
    client2 = await login(m.ex)
    mgr2 = OrderManager(client2, m.master, hub=m.hub, mode="demo", data_dir=m.tmp / "data")
    caplog.set_level(logging.INFO, logger="app.trading.activity")
    activity = OrderActivity()
    await mgr2.start(reconcile=False)
    try:
        activity.prime(mgr2.orders())
        mgr2.add_listener(activity)
        await mgr2.reconcile()
        assert lines(caplog) == []
        m.broker.force_trade("AAPL", price, 5)
        await until(lambda: mgr2.order(order.id).state == "filled")
        assert [msg for _, msg in lines(caplog) if msg.startswith("Order ")] == [
            f"Order {order.id} filled: AAPL buy 2 @ {price.normalize():f} limit, average {price.normalize():f}"]
    finally:
        await mgr2.close()
        await client2.aclose()


@pytest.mark.asyncio
async def test_prices_are_told_to_the_instruments_digits(market, caplog):
    """QA: the log read "6JZ26 buy 2 @ 0.006627" for the order the ticket, the chart and the orders
    panel show at 0.0066270, and "average 39055" for a Nikkei fill shown as 39,055 everywhere else.
    With the instrument master, prices are told as the panels show them."""
    m = market
    caplog.set_level(logging.INFO, logger="app.trading.activity")
    m.mgr.add_listener(OrderActivity(instruments=m.master))
    jy, nk = m.master.front("6J").code, m.master.front("NK").code
    for s in (jy, nk):
        m.mgr.last_price(s)
    await until(lambda: all(m.hub.quote(s) and m.hub.quote(s).last for s in (jy, nk)))
    price = below(m, jy, "0.99")
    while price % Decimal("0.00001"):  # a price whose last digit is 0, which `normalize` dropped
        price -= m.master.get(jy).tick
    resting = await m.mgr.submit(Draft(jy, "buy", 2, price, "limit"))
    await until(lambda: resting.state == "accepted")
    bought = await m.mgr.submit(Draft(nk, "buy", 1, None, "market"), confirmed_limits=True)
    await until(lambda: bought.state == "filled")
    await until(lambda: any(msg.startswith("Fill: " + nk) for _l, msg in lines(caplog)))
    said = [msg for _level, msg in lines(caplog)]
    assert f"Order {resting.id} accepted: {jy} buy 2 @ {price:.7f} limit" in said
    avg = bought.avg_fill_price
    assert f"Order {bought.id} filled: {nk} buy 1 market, average {avg:,.0f}" in said
    assert any(msg == f"Fill: {nk} buy 1 @ {avg:,.0f} (order {bought.id})" for msg in said)
