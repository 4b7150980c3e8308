"""Retry codes through the embedded exchange's fault injection: what is sent again, and what never."""

from __future__ import annotations

import asyncio
import logging
from decimal import Decimal

import pytest
import pytest_asyncio

from app.ls import LS, COSAT00301, Endpoints, LSBusinessError, SetupOptions, g3101
from app.ls.errors import RATE_LIMIT_CODE, RETRY_CODES
from app.sim.exchange import start_exchange

KEY, SECRET = "RETRY-APPKEY-00000000000000000000000", "RETRY-SECRET-0000000000000000000000"
FAULT_CODE = "IGW00500"  # what the exchange's fault injection answers (app/sim/server.py)


@pytest_asyncio.fixture
async def exchange(tmp_path):
    ex = await start_exchange(seed=3, db_path=tmp_path / "retry.sqlite", port=0, rate_limits=True)
    yield ex
    await ex.stop()


@pytest_asyncio.fixture
async def ls(exchange):
    client = LS(Endpoints(exchange.rest_url, exchange.ws_url, "demo"))
    assert await client.async_login(KEY, SECRET), client.last_error
    yield client
    await client.aclose()


def quote_block() -> g3101.G3101InBlock:
    return g3101.G3101InBlock(keysymbol="82AAPL", exchcd="82", symbol="AAPL")


async def resting_buy(ls: LS) -> COSAT00301.COSAT00301InBlock1:
    quote = await ls.overseas_stock().market().g3101(quote_block(), SetupOptions(100, 1.0)).req_async()
    price = (quote.block.price * Decimal("0.5")).quantize(Decimal("0.01"))
    return COSAT00301.COSAT00301InBlock1(OrdPtnCode="02", OrdMktCode="82", IsuNo="AAPL", OrdQty=1,
                                         OvrsOrdPrc=price, OrdprcPtnCode="00")


def test_the_codes_that_mean_retry_are_named():
    assert FAULT_CODE in RETRY_CODES and RATE_LIMIT_CODE == "IGW00201"


@pytest.mark.asyncio
async def test_a_query_answered_with_a_retry_code_is_retried(ls, exchange, caplog):
    exchange.faults.fail_next(2)
    with caplog.at_level(logging.INFO, logger="app.ls.client"):
        resp = await ls.overseas_stock().market().g3101(quote_block(), SetupOptions(100, 1.0)).req_async()
    assert resp.block.symbol == "AAPL"
    assert exchange.faults._fail_next == 0  # both injected failures were answered, then it passed
    assert sum(FAULT_CODE in r.getMessage() for r in caplog.records) == 2


@pytest.mark.asyncio
async def test_an_order_answered_with_a_retry_code_is_never_sent_again(ls, exchange):
    block = await resting_buy(ls)
    exchange.faults.fail_next(1)
    with pytest.raises(LSBusinessError) as err:
        await ls.overseas_stock().order().COSAT00301(block).req_async()
    assert err.value.rsp_cd == FAULT_CODE
    assert exchange.broker.orders_of(KEY, "stock") == []  # refused, and not sent a second time
    new = await ls.overseas_stock().order().COSAT00301(block).req_async()
    assert [o.ord_no for o in exchange.broker.orders_of(KEY, "stock")] == [int(new.block2.OrdNo)]


@pytest.mark.asyncio
async def test_orders_refused_by_the_gateway_rate_limit_are_sent_again_once_each(ls, exchange):
    """A burst past our own limiter (a key of its own, a limit far above LS's): the exchange
    refuses some with IGW00201; each is sent again after a window, and each order exists once."""
    block = await resting_buy(ls)
    greedy = SetupOptions(1000, 1.0, "wait", "greedy-orders")
    order = ls.overseas_stock().order()
    answers = await asyncio.gather(*(order.COSAT00301(block, greedy).req_async() for _ in range(15)))
    numbers = [int(a.block2.OrdNo) for a in answers]
    placed = [o.ord_no for o in exchange.broker.orders_of(KEY, "stock")]
    assert len(set(numbers)) == 15
    assert sorted(placed) == sorted(numbers)  # 15 orders at the broker: none lost, none twice
