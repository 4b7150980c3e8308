"""Exchange-side rejects over real sockets: the order number first, AS4 / TC2 HO03 afterwards."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest
import pytest_asyncio

from app.ls.models import AS4, TC2
from tests.sim.broker.wire import below

pytestmark = pytest.mark.asyncio


@pytest_asyncio.fixture
async def ex(tmp_path):
    from app.sim.exchange import start_exchange

    exchange = await start_exchange(seed=3, db_path=tmp_path / "rejects.sqlite", run_market=False, rate_limits=False)
    yield exchange
    await exchange.stop()


def marketable(ex, symbol: str) -> Decimal:
    return below(ex, symbol, "1.01")


async def test_halted_stock_order_gets_its_number_then_as4(ex, trader):
    assert ex.faults.halt("82AAPL") == "AAPL" and ex.market.is_halted("AAPL")
    status, body = await trader.stock_order("buy", "AAPL", 3, marketable(ex, "AAPL"))
    assert status == 200, body
    ord_no = body["COSAT00301OutBlock2"]["OrdNo"]
    (t1, p1), (t2, p2) = await trader.pushes_n(2)
    assert (t1, p1["sOrdxctPtnCode"], p1["sOrdNo"]) == ("AS0", "01", str(ord_no))
    assert (t2, p2["sOrdxctPtnCode"], p2["sOrdNo"], p2["sRjtQty"]) == ("AS4", "14", str(ord_no), "3")
    assert "halted" in p2["sRjtRsn"]
    AS4.Body.model_validate(p2)
    order = ex.broker.orders[("stock", ord_no)]
    assert order.status == "rejected" and order.filled == 0
    # a rejected order is not working: nothing fills it, nothing can cancel it, no money is held
    ex.broker.force_trade("AAPL", Decimal("1"), 1000)
    assert order.filled == 0
    status, body = await trader.stock_order("cancel", "AAPL", 3, 0, org=ord_no)
    assert (status, body["rsp_cd"]) == (500, "02719")
    # modifying a working order of a halted symbol is refused and the original keeps working
    ex.faults.resume("AAPL")
    status, body = await trader.stock_order("buy", "AAPL", 1, below(ex, "AAPL"))
    resting = body["COSAT00301OutBlock2"]["OrdNo"]
    assert (await trader.push())[0] == "AS0"
    ex.faults.halt("AAPL")
    status, _, body = await trader.call("COSAT00311", {
        "RecCnt": 1, "OrdPtnCode": "07", "OrgOrdNo": resting, "OrdMktCode": "82", "IsuNo": "AAPL",
        "OrdQty": 0, "OvrsOrdPrc": float(below(ex, "AAPL", "0.95")), "OrdprcPtnCode": "00", "BrkTpCode": ""})
    assert (status, body["rsp_cd"]) == (500, "0342")
    assert ex.broker.orders[("stock", resting)].status == "working"


async def test_fault_flag_rejects_a_futures_order_with_tc2_ho03(ex, trader):
    sym = ex.market.instruments("future")[0].symbol
    ex.faults.reject_next(1)
    status, body = await trader.fut_order("buy", sym, 1, marketable(ex, sym))
    assert status == 200, body
    ord_no = int(body["CIDBT00100OutBlock2"]["OvrsFutsOrdNo"])
    (t1, p1), (t2, p2) = await trader.pushes_n(2)
    assert (t1, p1["svc_id"], int(p1["ordr_no"])) == ("TC1", "HO01", ord_no)
    assert (t2, p2["svc_id"], int(p2["ordr_no"]), p2["rfsl_cd"]) == ("TC2", "HO03", ord_no, "0343")
    TC2.Body.model_validate(p2)
    assert ex.broker.orders[("future", ord_no)].status == "rejected"
    # the flag is used up: the next order is confirmed and fills
    status, body = await trader.fut_order("buy", sym, 1, marketable(ex, sym))
    assert status == 200
    kinds = [(tr, p["svc_id"]) for tr, p in await trader.pushes_n(3)]
    assert kinds == [("TC1", "HO01"), ("TC2", "HO02"), ("TC3", "CH01")]


async def test_reject_arrives_after_the_answer_and_a_cancel_that_gets_there_first_wins(ex, trader):
    ex.faults.route_delay = 3600.0  # the exchange has not answered yet
    ex.faults.reject_next(1)
    status, body = await trader.stock_order("buy", "MSFT", 1, marketable(ex, "MSFT"))
    assert status == 200
    ord_no = body["COSAT00301OutBlock2"]["OrdNo"]
    assert (await trader.push())[0] == "AS0"
    assert ex.broker.orders[("stock", ord_no)].status == "working"
    status, body = await trader.stock_order("cancel", "MSFT", 1, 0, org=ord_no)
    assert status == 200, body
    assert [tr for tr, _ in await trader.pushes_n(2)] == ["AS0", "AS3"]
    ex.broker.flush_routing()  # the verdict lands on a cancelled order: nothing more is sent
    await ex.broker.pushes.flush()
    assert ex.broker.orders[("stock", ord_no)].status == "cancelled"
    status, body = await trader.stock_order("buy", "MSFT", 1, below(ex, "MSFT"))
    assert (await trader.push())[0] == "AS0"  # the next push is the next order's, not an AS4
    assert trader.pushes.empty()


async def test_halted_symbol_prints_no_trades(ex):
    market = ex.market
    market.steps_per_second = 1e6  # every instrument steps on every tick
    sym = market.instruments("future")[0].symbol
    market.halt(sym)
    before = market.state(sym).volume
    other = market.instruments("future")[1].symbol
    other_before = market.state(other).volume
    for _ in range(50):
        market.tick_once()
    assert market.state(sym).volume == before
    assert market.state(other).volume > other_before
    with pytest.raises(KeyError):
        market.halt("NOPE")
    await asyncio.sleep(0)
