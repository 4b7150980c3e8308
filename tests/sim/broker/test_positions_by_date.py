"""CIDEQ00800 answers for the day it is asked about: the futures positions at the end of TrdDt (the
fills up to that day), valued at that day's close; today (or no date) as they are now. Raw LS wire
over loopback, the exchange's clock moved a day on between the trades."""

from __future__ import annotations

import time
from datetime import datetime, timezone
from decimal import Decimal

import pytest

from app.sim.clock import Clock
from tests.sim.broker.wire import Trader

D = Decimal
pytestmark = pytest.mark.asyncio
MONDAY = datetime(2026, 11, 2, 3, 0, tzinfo=timezone.utc).timestamp()  # 12:00 in Seoul


async def test_positions_at_the_end_of_a_past_day(tmp_path):
    from app.sim.exchange import start_exchange

    clock = Clock(offset=MONDAY - time.time())
    ex = await start_exchange(seed=3, db_path=tmp_path / "d.sqlite", run_market=False, rate_limits=False,
                              clock=clock)
    t = await Trader(ex).open()
    try:
        fut = min((i for i in ex.market.instruments("future") if i.root == "ES"), key=lambda i: i.expiry).symbol
        await t.fut_order("buy", fut, 3, 0, market=True)
        await t.fut_order("sell", fut, 1, 0, market=True)
        monday_cost = ex.broker.account(t.app_key).futures[fut].cost
        clock.advance(13 * 3600)  # 01:00 on Tuesday in Seoul: the position is closed and reversed
        await t.fut_order("sell", fut, 5, 0, market=True)

        monday = await t.ok("CIDEQ00800", {"RecCnt": 1, "TrdDt": "20261102"})
        (row,) = monday["CIDEQ00800OutBlock2"]
        assert (row["IsuCodeVal"], row["TrdDt"], row["BnsTpNm"], row["BalQty"]) == (fut, "20261102", "매수", 2)
        assert D(str(row["PchsPrc"])) == (monday_cost / 2).quantize(D("0.00000001")).normalize()
        state = ex.market.state(fut)  # the last minute before midnight in Seoul
        end = datetime(2026, 11, 2, 15, 0, tzinfo=timezone.utc).timestamp()
        close = state.price([b for b in state.history.minute_bars(1) if b.t < end][-1].c)
        assert D(str(row["OvrsDrvtNowPrc"])) == close
        pv = D(str(row["PrcntrAmt"]))
        assert D(str(row["FcurrEvalPnlAmt"])) == ((close * 2 - monday_cost) * pv).quantize(D("0.0001"))
        assert row["LqdtAbleQty"] == 2

        now = await t.ok("CIDEQ00800", {"RecCnt": 1, "TrdDt": ""})
        (row,) = now["CIDEQ00800OutBlock2"]
        assert (row["BnsTpNm"], row["BalQty"], row["TrdDt"]) == ("매도", 3, "20261103")
        before = await t.ok("CIDEQ00800", {"RecCnt": 1, "TrdDt": "20261030"})
        assert before["CIDEQ00800OutBlock2"] == []
    finally:
        await t.close()
        await ex.stop()
