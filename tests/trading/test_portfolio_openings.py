"""The futures opening position and the day's P&L: at start the portfolio asks CIDEQ00800 for the
previous business day, and each contract's day P&L is its P&L against that close — checked against
the mark-to-market arithmetic from the exchange's own fills. The real client core against the
embedded exchange over loopback, the exchange's clock set back a day for yesterday's trade."""

from __future__ import annotations

import time
from datetime import datetime
from decimal import Decimal

import pytest

from app.ls.models import CIDBT00100
from app.sim.broker.futures_queries import close_on
from app.trading.portfolio import PortfolioService
from app.trading.portfolio_load import previous_business_day
from app.trading.reconcile import KST, today
from tests.trading.test_portfolio_support import front_future, open_market, record_requests, trade_future, until

KEY, SECRET = "OPENINGS-KEY-0123456789", "OPENINGS-SECRET-0123456789"
pytestmark = pytest.mark.asyncio


async def test_opening_position_and_day_pnl_against_the_previous_close(tmp_path, monkeypatch):
    asked = record_requests(monkeypatch, "CIDEQ00800")
    ex, client, master, hub = await open_market(tmp_path, KEY, SECRET, seed=31)
    svc = None
    try:
        es = front_future(master)
        yesterday = previous_business_day(today())
        noon = datetime.strptime(yesterday + "12", "%Y%m%d%H").replace(tzinfo=KST).timestamp()
        ex.clock.offset = noon - time.time()
        # yesterday: long 3 at a price well under the market (a resting limit the market then trades at)
        tick = master.get(es).tick_at(Decimal(ex.broker.market.last(es)))
        price = (Decimal(ex.broker.market.last(es)) * Decimal("0.9") / tick).to_integral_value() * tick
        await client.overseas_futureoption().order().CIDBT00100(CIDBT00100.CIDBT00100InBlock1(
            OrdDt=yesterday, IsuCodeVal=es, FutsOrdTpCode="1", BnsTpCode="2", AbrdFutsOrdPtnCode="2",
            OvrsDrvtOrdPrc=price, CndiOrdPrc=0, OrdQty=3)).req_async()
        ex.broker.force_trade(es, price, 3)
        assert [f.exec_date for f in ex.broker.fills_of(KEY, "future")] == [yesterday]
        ex.clock.offset = 0.0

        svc = PortfolioService(client, hub, master, debounce=0.05)
        await svc.start()
        await until(lambda: svc.position(es) is not None and svc.position(es).opening is not None)
        assert [block["TrdDt"] for _, block in asked] == [yesterday]
        p = svc.position(es)
        o = p.opening
        assert (o.day, o.qty, o.currency) == (yesterday, 3, p.currency) and o.price > 0
        acct = ex.broker.account(KEY)
        pv = p.multiplier
        assert abs(o.pnl - (o.price * 3 - acct.futures[es].cost) * pv) < Decimal("0.01")
        assert o.price == close_on(ex.broker, es, yesterday) and o.pnl > 0  # it closed well above 90 %
        assert p.day_pnl == (p.unrealized - o.pnl)  # nothing traded today yet

        await trade_future(client, es, "sell", 1)
        await until(lambda: svc.position(es).qty == 2 and svc.realized("futures") != 0)
        sold = [f for f in ex.broker.fills_of(KEY, "future") if f.side == "1"][-1].price
        p = svc.position(es)
        expected = ((sold - o.price) * 1 + (p.last - o.price) * 2) * pv  # marked to the previous close
        assert abs(p.day_pnl - expected) <= Decimal("0.02")
        (fut,) = [b for b in svc.balances() if b.account == "futures"]
        assert fut.day_pnl == p.day_pnl
        usd = next(b for b in svc.totals() if b.currency == fut.currency)
        assert usd.day_pnl == fut.day_pnl

        await trade_future(client, es, "sell", 2)  # flat: the day P&L stays in the balance
        await until(lambda: svc.position(es) is None and svc.idle)
        sells = [f for f in ex.broker.fills_of(KEY, "future") if f.side == "1"]
        expected = sum(((f.price - o.price) * f.qty for f in sells), Decimal(0)) * pv
        (fut,) = [b for b in svc.balances() if b.account == "futures"]
        assert abs(fut.day_pnl - expected) <= Decimal("0.02")
    finally:
        if svc is not None:
            await svc.close()
        await hub.close()
        await client.aclose()
        await ex.stop()
