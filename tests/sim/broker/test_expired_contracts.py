"""A working futures order whose contract has expired by the time the exchange starts again
(it is no longer in the master) is cancelled at start: it can never trade, and no request can
reach it any more (its symbol is unknown)."""

from __future__ import annotations

import time
from datetime import datetime, timezone

import pytest

from app.sim.clock import Clock
from tests.sim.broker.wire import below

pytestmark = pytest.mark.asyncio

NOV_2026 = datetime(2026, 11, 2, 15, 0, tzinfo=timezone.utc).timestamp()
FEB_2027 = datetime(2027, 2, 1, 15, 0, tzinfo=timezone.utc).timestamp()


async def test_orders_on_expired_contracts_are_cancelled_at_start(tmp_path):
    from app.sim.exchange import start_exchange

    path = tmp_path / "x.sqlite"
    ex = await start_exchange(seed=3, db_path=path, run_market=False, rate_limits=False,
                              clock=Clock(offset=NOV_2026 - time.time()))
    fut = next(i.symbol for i in ex.market.instruments("future") if i.root == "MES")
    order = ex.broker.place("k", "future", fut, "2", 1, below(ex, fut, "0.95"), "00")
    await ex.stop()

    ex = await start_exchange(seed=3, db_path=path, run_market=False, rate_limits=False,
                              clock=Clock(offset=FEB_2027 - time.time()))
    try:
        assert ex.market.instrument(fut) is None
        again = ex.broker.orders[("future", order.ord_no)]
        assert again.status == "cancelled" and again.remaining == 0 and again.cancelled == 1
        assert ex.broker.working_of("k") == []
    finally:
        await ex.stop()
    ex = await start_exchange(seed=3, db_path=path, run_market=False, rate_limits=False,
                              clock=Clock(offset=FEB_2027 - time.time()))
    try:
        assert ex.broker.orders[("future", order.ord_no)].status == "cancelled"  # stored too
    finally:
        await ex.stop()


async def test_positions_in_expired_contracts_are_settled_at_the_roll_price(tmp_path):
    from decimal import Decimal

    from app.sim.exchange import start_exchange
    from tests.sim.broker.wire import Trader

    path = tmp_path / "s.sqlite"
    ex = await start_exchange(seed=3, db_path=path, run_market=False, rate_limits=False,
                              clock=Clock(offset=NOV_2026 - time.time()))
    fut = min((i for i in ex.market.instruments("future") if i.root == "MES"), key=lambda i: i.expiry)
    asks = ex.market.book(fut.symbol).asks
    ex.broker.place("settle-key", "future", fut.symbol, "2", 2, asks[-1][0], "00")  # long 2, filled
    acct = ex.broker.account("settle-key")
    assert acct.futures[fut.symbol].qty == 2
    cost = acct.futures[fut.symbol].cost
    deposit = acct.fut_deposit
    await ex.stop()

    ex = await start_exchange(seed=3, db_path=path, run_market=False, rate_limits=False,
                              clock=Clock(offset=FEB_2027 - time.time()))
    trader = await Trader(ex, "settle-key").open(register=False)
    try:
        assert ex.market.instrument(fut.symbol) is None
        acct = ex.broker.account("settle-key")
        assert acct.futures[fut.symbol].qty == 0  # settled, not stuck
        roll = min((i for i in ex.market.instruments("future") if i.root == "MES"), key=lambda i: i.expiry)
        price = Decimal(ex.market.last(roll.symbol))
        expected = ((price * 2 - cost) * roll.tick_value / roll.tick_size).quantize(Decimal("0.01"))
        assert acct.fut_deposit == deposit + expected  # P&L booked, no fee for settling
        settlement = [f for f in ex.broker.fills_of("settle-key", "future") if f.ord_no == 0]
        assert [(f.side, f.qty, f.price) for f in settlement] == [("1", 2, price)]
        # every futures account TR still answers with the settled contract in the books
        from tests.sim.spec_requests import request_body

        for tr_cd in ("CIDBQ01400", "CIDBQ01500", "CIDBQ01800", "CIDBQ02400", "CIDBQ03000", "CIDBQ05300",
                      "CIDEQ00800"):
            block = request_body(tr_cd, ex.market)[f"{tr_cd}InBlock1"]
            status, _, body = await trader.call(tr_cd, block)
            assert status == 200, (tr_cd, body)
    finally:
        await trader.close()
        await ex.stop()
