"""Header-only continuation of the order lists stays right when the list changes between pages:
an order placed (or filled, or cancelled) after page 1 neither repeats nor hides a row."""

from __future__ import annotations

from decimal import Decimal

import pytest
import pytest_asyncio

from tests.sim.broker.wire import Trader, below

D = Decimal
pytestmark = pytest.mark.asyncio


@pytest_asyncio.fixture
async def ex(tmp_path):
    from app.sim.exchange import start_exchange

    exchange = await start_exchange(seed=3, db_path=tmp_path / "p.sqlite", run_market=False, rate_limits=False)
    yield exchange
    await exchange.stop()


@pytest_asyncio.fixture
async def trader(ex):
    t = await Trader(ex).open(register=False)
    yield t
    await t.close()


async def _pages(trader, tr_cd, block, rows_block, between=None):
    status, headers, body = await trader.call(tr_cd, block)
    assert status == 200, body
    rows = list(body[rows_block])
    if between is not None:
        between()
    while headers["tr_cont"] == "Y":
        status, headers, body = await trader.call(tr_cd, block, tr_cont="Y", key=headers["tr_cont_key"])
        assert status == 200, body
        rows += body[rows_block]
    return rows


async def test_stock_orders_newest_first_with_an_order_placed_between_pages(ex, trader):
    price = below(ex, "AMZN")
    placed = [ex.broker.place(trader.app_key, "stock", "AMZN", "2", 1, price, "00").ord_no for _ in range(25)]
    block = {"RecCnt": 1, "OrdDt": "", "SrtOrdNo": 999999999, "ExecYn": "0"}
    rows = await _pages(trader, "COSAQ00102", block, "COSAQ00102OutBlock3", between=lambda: ex.broker.place(
        trader.app_key, "stock", "AMZN", "2", 1, price, "00"))
    assert [r["OrdNo"] for r in rows] == placed[::-1]


async def test_futures_orders_with_an_order_placed_between_pages(ex, trader):
    fut = next(i.symbol for i in ex.market.instruments("future") if i.root == "MES")
    price = below(ex, fut, "0.95")
    placed = [ex.broker.place(trader.app_key, "future", fut, "2", 1, price, "00").ord_no for _ in range(25)]
    block = {"RecCnt": 1, "IsuCodeVal": "", "OrdDt": "", "ThdayTpCode": "", "OrdStatCode": "0",
             "BnsTpCode": "0", "QryTpCode": "1", "OrdPtnCode": "00", "OvrsDrvtFnoTpCode": "A"}
    rows = await _pages(trader, "CIDBQ01800", block, "CIDBQ01800OutBlock2", between=lambda: ex.broker.place(
        trader.app_key, "future", fut, "2", 1, price, "00"))
    assert [int(r["OvrsFutsOrdNo"]) for r in rows] == placed[::-1]


async def test_unknown_continuation_key_is_refused(ex, trader):
    price = below(ex, "AMZN")
    for _ in range(3):
        ex.broker.place(trader.app_key, "stock", "AMZN", "2", 1, price, "00")
    block = {"RecCnt": 1, "OrdDt": "", "SrtOrdNo": 999999999, "ExecYn": "0"}
    for key in ("999999", "-1", "abc"):
        status, headers, body = await trader.call("COSAQ00102", block, tr_cont="Y", key=key)
        assert (status, body["rsp_cd"]) == (500, "IGW40013"), key
