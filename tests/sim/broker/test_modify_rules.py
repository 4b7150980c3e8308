"""Modify requests obey the rules a new order obeys: a modify to a price outside the exchange's
price band is refused and the original order keeps working unchanged."""

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

    exchange = await start_exchange(seed=3, db_path=tmp_path / "m.sqlite", run_market=False, rate_limits=False)
    yield exchange
    await exchange.stop()


async def test_modify_outside_the_price_band_is_refused(ex):
    trader = await Trader(ex).open(register=False)
    try:
        price = below(ex, "AAPL", "0.95")
        status, body = await trader.stock_order("buy", "AAPL", 2, price)
        assert status == 200, body
        no = body["COSAT00301OutBlock2"]["OrdNo"]
        far = (ex.market.last("AAPL") * 2).quantize(D("0.01"))  # 100 % above the last trade
        status, _, body = await trader.call("COSAT00311", {
            "RecCnt": 1, "OrdPtnCode": "07", "OrgOrdNo": no, "OrdMktCode": "82", "IsuNo": "AAPL",
            "OrdQty": 0, "OvrsOrdPrc": float(far), "OrdprcPtnCode": "00", "BrkTpCode": ""})
        assert status == 500 and body["rsp_cd"] == "0341", body
        orig = ex.broker.orders[("stock", no)]
        assert orig.status == "working" and orig.remaining == 2 and orig.price == price
        assert orig.filled == 0 and ex.broker.account(trader.app_key).stocks.get("AAPL") is None
    finally:
        await trader.close()
