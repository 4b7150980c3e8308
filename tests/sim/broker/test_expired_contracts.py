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
