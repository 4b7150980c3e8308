"""Options booked as options over real sockets: buy pays the premium, the position is valued at the
option's price, sell receives the premium; cash, P&L, margin and the account TRs agree."""

from __future__ import annotations

from decimal import Decimal

import pytest
import pytest_asyncio

from app.sim.broker.accounts import FUTURES_FEE_PER_CONTRACT, FUTURES_START_USD
from tests.sim.broker.wire import below

pytestmark = pytest.mark.asyncio
D = Decimal


@pytest_asyncio.fixture
async def ex(tmp_path):
    from app.sim.exchange import start_exchange

    exchange = await start_exchange(seed=3, db_path=tmp_path / "options.sqlite", run_market=False, rate_limits=False)
    yield exchange
    await exchange.stop()


async def figures(trader) -> dict:
    q3000 = await trader.ok("CIDBQ03000", {"RecCnt": 1, "AcntTpCode": "1", "TrdDt": ""})
    q5300 = await trader.ok("CIDBQ05300", {"RecCnt": 1, "OvrsAcntTpCode": "1", "FcmAcntNo": "", "CrcyCode": "ALL"})
    q800 = await trader.ok("CIDEQ00800", {"RecCnt": 1, "TrdDt": ""})
    q1500 = await trader.ok("CIDBQ01500", {"RecCnt": 1, "AcntTpCode": "1", "QryDt": "", "BalTpCode": "1",
                                           "FcmAcntNo": ""})
    return {"3000": q3000["CIDBQ03000OutBlock2"][0], "5300": q5300["CIDBQ05300OutBlock3"],
            "800": q800["CIDEQ00800OutBlock2"], "1500": q1500["CIDBQ01500OutBlock2"]}


async def test_option_round_trip_buy_mark_sell(ex, trader):
    market = ex.market
    opt = next(i for i in market.instruments("option") if i.put_call == "C")
    mult = opt.multiplier
    assert mult == 50
    # buy 2 calls at a marketable limit: the premium leaves the deposit at once
    status, body = await trader.fut_order("buy", opt.symbol, 2, below(ex, opt.symbol, "1.05"))
    assert status == 200, body
    fills = [f for f in ex.broker.fills_of(trader.app_key, "future") if f.symbol == opt.symbol]
    assert sum(f.qty for f in fills) == 2
    kinds = [(tr, p["svc_id"]) for tr, p in await trader.pushes_n(2 + len(fills))]
    assert kinds == [("TC1", "HO01"), ("TC2", "HO02")] + [("TC3", "CH01")] * len(fills)
    paid = sum(f.price * f.qty for f in fills) * mult
    fees = FUTURES_FEE_PER_CONTRACT * 2
    acct = ex.broker.account(trader.app_key)
    assert acct.fut_deposit == FUTURES_START_USD - paid - fees

    # mark: the option trades at a new price; the position is valued at it
    for _ in range(40):
        market.step(opt.symbol)
    mark = market.last(opt.symbol)
    value = mark * 2 * mult
    pnl = value - paid
    f = await figures(trader)
    assert D(f["3000"]["OvrsFutsDps"]) == FUTURES_START_USD - paid - fees
    assert D(f["3000"]["OvrsOptBalEvalAmt"]) == value
    assert D(f["3000"]["OvrsOptSettAmt"]) == -paid
    assert D(f["3000"]["AbrdFutsCsgnMgn"]) == 0  # a long option holds no margin
    assert D(f["3000"]["EvalAssetAmt"]) == FUTURES_START_USD - paid - fees + value
    assert D(f["3000"]["AbrdFutsEvalPnlAmt"]) == pnl
    assert D(f["5300"]["OvrsFutsOptBuyAmt"]) == paid and D(f["5300"]["OvrsFutsOptSellAmt"]) == 0
    assert D(f["5300"]["OptBuyMktWrthAmt"]) == value and D(f["5300"]["OptSellMktWrthAmt"]) == 0
    (row,) = f["800"]
    assert row["IsuCodeVal"] == opt.symbol and D(row["OvrsDrvtNowPrc"]) == mark
    assert D(row["AbrdFutsEvalPnlAmt"]) == pnl and D(row["CustmBalAmt"]) == paid
    (pos,) = f["1500"]
    assert pos["OvrsDrvtOptTpCode"] == "O" and D(pos["OvrsDrvtXrcPrc"]) == opt.strike
    assert D(pos["AbrdFutsEvalPnlAmt"]) == pnl and int(pos["BalQty"]) == 2

    # sell both at market: the premium comes back, the P&L is realised, the position is gone
    status, body = await trader.fut_order("sell", opt.symbol, 2, 0, market=True)
    assert status == 200, body
    fills = [f for f in ex.broker.fills_of(trader.app_key, "future") if f.symbol == opt.symbol and f.side == "1"]
    received = sum(f.price * f.qty for f in fills) * mult
    realised = received - paid
    f = await figures(trader)
    assert acct.fut_deposit == FUTURES_START_USD - paid + received - 2 * fees
    assert D(f["3000"]["OvrsFutsDps"]) == acct.fut_deposit
    assert D(f["3000"]["AbrdFutsLqdtPnlAmt"]) == realised
    assert D(f["3000"]["OvrsOptSettAmt"]) == received - paid and D(f["3000"]["OvrsOptBalEvalAmt"]) == 0
    assert D(f["5300"]["OvrsFutsOptSellAmt"]) == received
    assert f["800"] == [] and f["1500"] == []


async def test_short_option_holds_margin_and_receives_premium(ex, trader):
    opt = next(i for i in ex.market.instruments("option") if i.put_call == "P")
    status, body = await trader.fut_order("sell", opt.symbol, 1, 0, market=True)
    assert status == 200, body
    (fill,) = [f for f in ex.broker.fills_of(trader.app_key, "future") if f.symbol == opt.symbol]
    received = fill.price * opt.multiplier
    f = await figures(trader)
    assert D(f["3000"]["OvrsFutsDps"]) == FUTURES_START_USD + received - FUTURES_FEE_PER_CONTRACT
    assert D(f["3000"]["AbrdFutsCsgnMgn"]) == opt.margin  # a short option holds the contract's margin
    value = ex.market.last(opt.symbol) * opt.multiplier
    assert D(f["3000"]["OvrsOptBalEvalAmt"]) == -value and D(f["5300"]["OptSellMktWrthAmt"]) == value


async def test_option_buy_needs_the_premium_in_the_account(ex, trader):
    opt = next(i for i in ex.market.instruments("option") if i.put_call == "C")
    price = below(ex, opt.symbol, "1.2")  # (a fifth over the last trade: fewer contracts than at it)
    too_many = int(FUTURES_START_USD / (price * opt.multiplier)) + 1
    status, body = await trader.fut_order("buy", opt.symbol, too_many, price)
    assert (status, body["rsp_cd"]) == (500, "02716")
    q = await trader.ok("CIDBQ01400", {"RecCnt": 1, "QryTpCode": "1", "IsuCodeVal": opt.symbol, "BnsTpCode": "2",
                                        "OvrsDrvtOrdPrc": float(price), "AbrdFutsOrdPtnCode": "2"})
    able = int(q["CIDBQ01400OutBlock2"]["OrdAbleQty"])
    assert able == too_many - 1 > 0  # the premium at the asked price, not at the last trade's
    status, body = await trader.fut_order("buy", opt.symbol, able, price)
    assert status == 200 and body["rsp_cd"] == "00000", body  # an order of that many is taken
