"""Orders while the instrument's market is closed (``--sessions``): nothing trades, nothing fills.

A closed market keeps its last book, but nobody is behind it: a marketable limit order must rest
until the market opens and trades through it, and a plain market order has nothing to execute
against and is refused.
"""

from __future__ import annotations

import time
from datetime import datetime, timezone
from decimal import Decimal

import pytest
import pytest_asyncio

from app.sim.clock import Clock

D = Decimal
pytestmark = pytest.mark.asyncio

SATURDAY = datetime(2026, 6, 13, 15, 0, tzinfo=timezone.utc).timestamp()
MONDAY_NY_OPEN = datetime(2026, 6, 15, 14, 0, tzinfo=timezone.utc).timestamp()  # 10:00 New York


@pytest_asyncio.fixture
async def ex(tmp_path):
    from app.sim.exchange import start_exchange

    clock = Clock(offset=SATURDAY - time.time())
    exchange = await start_exchange(seed=3, db_path=tmp_path / "b.sqlite", run_market=False,
                                    rate_limits=False, clock=clock, always_open=False)
    yield exchange
    await exchange.stop()


async def test_marketable_limit_rests_while_closed_and_fills_after_the_open(ex, trader):
    assert not ex.market.is_open("AAPL")
    ask = ex.market.best("AAPL")[1]
    status, body = await trader.stock_order("buy", "AAPL", 5, ask + D("0.05"))
    assert status == 200, body
    order = ex.broker.orders[("stock", body["COSAT00301OutBlock2"]["OrdNo"])]
    assert order.filled == 0 and order.status == "working"
    assert ex.broker.account(trader.app_key).stocks.get("AAPL") is None

    ex.clock.advance(MONDAY_NY_OPEN - ex.clock.time())
    assert ex.market.is_open("AAPL")
    ex.broker.force_trade("AAPL", ask, 5)
    assert order.filled == 5 and order.avg_price == ask + D("0.05")


async def test_market_orders_are_refused_while_closed(ex, trader):
    fut = next(i.symbol for i in ex.market.instruments("future") if i.exchange == "CME")
    assert not ex.market.is_open(fut)
    status, body = await trader.fut_order("buy", fut, 1, 0, market=True)
    assert status == 500 and body["rsp_cd"] == "02726", body
    assert ex.broker.orders_of(trader.app_key, "future") == []
    acct = ex.broker.account(trader.app_key)
    assert acct.futures == {} and acct.fut_fees == 0


async def test_modify_to_a_marketable_price_while_closed_does_not_fill(ex, trader):
    ask = ex.market.best("AAPL")[1]
    status, body = await trader.stock_order("buy", "AAPL", 5, ask - D("1.00"))
    assert status == 200, body
    no = body["COSAT00301OutBlock2"]["OrdNo"]
    status, _, body = await trader.call("COSAT00311", {
        "RecCnt": 1, "OrdPtnCode": "07", "OrgOrdNo": no, "OrdMktCode": "82", "IsuNo": "AAPL",
        "OrdQty": 0, "OvrsOrdPrc": float(ask + D("0.05")), "OrdprcPtnCode": "00", "BrkTpCode": ""})
    assert status == 200, body
    new = ex.broker.orders[("stock", body["COSAT00311OutBlock2"]["OrdNo"])]
    assert new.filled == 0 and new.status == "working"
