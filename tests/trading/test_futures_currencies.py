"""Futures in Hong Kong dollars and yen against the embedded exchange, through the real client core
over loopback: CIDBQ05300 / CIDBQ03000 give a row per currency with its won rate, the portfolio
values HSI and Nikkei positions in won, and the order manager's dollar value limit converts a yen
order at that rate (and holds an order it cannot convert, saying so)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace

import pytest
import pytest_asyncio

from app.ls.models import CIDBQ03000, CIDBQ05300
from app.sim.broker import accounts as sim_accounts
from app.trading.order_validation import Draft
from app.trading.orders import OrderManager, OrderRejected
from app.trading.portfolio import PortfolioService
from tests.trading.test_portfolio_support import cents, front_future, open_market, trade_future, until

KEY, SECRET = "FX-FUTURES-KEY-0123456789", "FX-FUTURES-SECRET-0123456789"


@pytest_asyncio.fixture
async def market(tmp_path):
    # the market stands still: every figure is checked against the prices the exchange values at
    ex, client, master, hub = await open_market(tmp_path, KEY, SECRET, seed=41, steps_per_second=0.0)
    made: list = []
    m = SimpleNamespace(ex=ex, client=client, master=master, hub=hub, made=made,
                        acct=lambda: ex.broker.account(KEY), market=ex.broker.market)
    try:
        yield m
    finally:
        for thing in made:
            await thing.close()
        await hub.close()
        await client.aclose()
        await ex.stop()


def d(value) -> Decimal:
    return Decimal(str(value))


def krw_per(m, ccy: str) -> Decimal:
    """The exchange's won per unit of ``ccy``, as the 15.4 field carries it."""
    rate = m.market.krw_per_usd() * m.market.usd_per(ccy)
    return rate.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def local_pnl(m, symbol: str) -> Decimal:
    """The server's open P&L of ``symbol`` in the contract's currency, at its mark."""
    pos, inst = m.acct().futures[symbol], m.market.instrument(symbol)
    direction = 1 if pos.qty > 0 else -1
    return cents((m.ex.broker.mark(symbol) * abs(pos.qty) - pos.cost) * direction * sim_accounts.point_value(inst))


async def deposits(m, ccy: str = "ALL"):
    resp = await m.client.overseas_futureoption().accno().CIDBQ05300(CIDBQ05300.CIDBQ05300InBlock1(
        RecCnt=1, OvrsAcntTpCode="1", FcmAcntNo="", CrcyCode=ccy)).req_async()
    return {r.CrcyCode: r for r in resp.CIDBQ05300OutBlock2}, resp.CIDBQ05300OutBlock3


async def open_positions(m) -> tuple[str, str, str]:
    hsi, nk, es = (front_future(m.master, root) for root in ("HSI", "NK", "ES"))
    await trade_future(m.client, hsi, "sell", 2)
    await trade_future(m.client, nk, "buy", 3)
    await trade_future(m.client, es, "buy", 1)
    acct = m.acct()
    await until(lambda: (acct.futures.get(hsi) and acct.futures[hsi].qty, acct.futures.get(nk) and acct.futures[nk].qty,
                         acct.futures.get(es) and acct.futures[es].qty) == (-2, 3, 1))
    return hsi, nk, es


@pytest.mark.asyncio
async def test_deposit_trs_carry_a_row_per_currency_in_that_currency(market):
    m = market
    hsi, nk, es = await open_positions(m)
    rows, total = await deposits(m)
    assert list(rows) == ["HKD", "JPY", "USD"]  # alphabetical, as LS lists KRW before USD
    hkd, jpy, usd = rows["HKD"], rows["JPY"], rows["USD"]
    acct, broker = m.acct(), m.ex.broker
    # each currency's own contracts, in that currency: margin, open P&L; its won rate
    for row, sym, qty in ((hkd, hsi, 2), (jpy, nk, 3), (usd, es, 1)):
        inst = m.market.instrument(sym)
        assert d(row.AbrdFutsCsgnMgn) == qty * inst.margin, row.CrcyCode
        assert d(row.AbrdFutsEvalPnlAmt) == local_pnl(m, sym), row.CrcyCode
        assert d(row.Xchrat) == krw_per(m, row.CrcyCode) and d(row.Xchrat) > 0
    assert d(jpy.Xchrat) < 10 < d(hkd.Xchrat) < 1000 < d(usd.Xchrat)  # won per one unit
    # the deposit, fees and what can be withdrawn are dollars; orderable is the account's, converted
    fig = broker.futures_figures(acct)
    assert d(usd.OvrsFutsDps) == acct.fut_deposit == d(total.OvrsFutsDps)
    assert d(usd.AbrdFutsCmsnAmt) == 6 * sim_accounts.FUTURES_FEE_PER_CONTRACT
    assert d(hkd.OvrsFutsDps) == d(jpy.OvrsFutsDps) == d(hkd.AbrdFutsCmsnAmt) == 0
    assert d(usd.AbrdFutsOrdAbleAmt) == cents(fig["orderable"]) == d(total.AbrdFutsOrdAbleAmt)
    assert d(jpy.AbrdFutsOrdAbleAmt) == cents(fig["orderable"] / m.market.usd_per("JPY"))
    assert d(hkd.AbrdFutsEvalDpstgTotAmt) == d(hkd.AbrdFutsEvalPnlAmt)
    # converted back at the market's rates, the rows add up to the account's dollar totals
    for field, places in (("AbrdFutsCsgnMgn", 0), ("AbrdFutsEvalPnlAmt", 3), ("AbrdFutsEvalDpstgTotAmt", 3)):
        back = sum(d(getattr(r, field)) * m.market.usd_per(c) for c, r in rows.items())
        assert abs(back - d(getattr(total, field))) <= Decimal("0.01") * places, field
    # one currency asked: that row only
    only, _ = await deposits(m, "JPY")
    assert list(only) == ["JPY"] and only["JPY"].model_dump() == jpy.model_dump()
    # CIDBQ03000: the dollar total first, then the same rows
    resp = await m.client.overseas_futureoption().accno().CIDBQ03000(CIDBQ03000.CIDBQ03000InBlock1(
        RecCnt=1, AcntTpCode="1", TrdDt="")).req_async()
    dep = {r.CrcyObjCode: r for r in resp.CIDBQ03000OutBlock2}
    assert list(dep) == ["TOT(USD)", "HKD", "JPY", "USD"]
    for ccy, row in rows.items():
        assert (d(dep[ccy].AbrdFutsCsgnMgn), d(dep[ccy].AbrdFutsEvalPnlAmt), d(dep[ccy].EvalAssetAmt)) == \
               (d(row.AbrdFutsCsgnMgn), d(row.AbrdFutsEvalPnlAmt), d(row.AbrdFutsEvalDpstgTotAmt))
    assert d(dep["TOT(USD)"].AbrdFutsCsgnMgn) == d(total.AbrdFutsCsgnMgn) == cents(fig["margin"])


@pytest.mark.asyncio
async def test_a_hong_kong_dollar_gain_is_booked_in_hong_kong_dollars(market):
    m = market
    hsi, _nk, _es = await open_positions(m)
    fills: list = []
    real = m.client.overseas_futureoption().real()
    real.add_listener("TC3", fills.append)
    await real.connect()
    await real.session.register_account("TC1")
    before = m.acct().fut_realised
    await trade_future(m.client, hsi, "buy", 1)  # closes one of the two short
    await until(lambda: m.acct().futures[hsi].qty == -1)
    await until(lambda: bool(fills))
    fill = next(f for f in m.ex.broker.fills_of(KEY, "future") if f.symbol == hsi and f.side == "2")
    inst = m.market.instrument(hsi)
    entry = m.acct().futures[hsi].cost  # what the short contract left still cost
    hkd = cents((entry - fill.price) * sim_accounts.point_value(inst))
    assert fill.realised_ccy == hkd
    # exchanged into the dollar deposit as booked (the broker rounds half to even)
    assert m.acct().fut_realised - before == (hkd * m.market.usd_per("HKD")).quantize(Decimal("0.01"))
    push = fills[-1].body
    assert (push.crncy_cd.strip(), d(push.clr_pl_amt)) == ("HKD", hkd)
    rows, total = await deposits(m)
    assert d(rows["HKD"].AbrdFutsLqdtPnlAmt) == hkd
    assert d(rows["USD"].AbrdFutsLqdtPnlAmt) == 0  # nothing closed in dollars
    assert d(total.AbrdFutsLqdtPnlAmt) == cents(m.acct().fut_realised)


@pytest.mark.asyncio
async def test_hsi_and_nikkei_positions_have_won_pnl_at_the_rate_ls_reports(market):
    m = market
    hsi, nk, es = await open_positions(m)
    pf = PortfolioService(m.client, m.hub, m.master, debounce=0.05)
    m.made.append(pf)
    await pf.start()
    await until(lambda: all(pf.position(s) is not None for s in (hsi, nk, es)))
    rows, _ = await deposits(m)
    for sym in (hsi, nk, es):
        p = pf.position(sym)
        rate = d(rows[p.currency].Xchrat)
        assert p.krw_rate == rate and p.unrealized is not None
        assert p.pnl_krw == (p.unrealized * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    assert pf.position(nk).currency == "JPY" and pf.position(hsi).currency == "HKD"
    fut = {b.currency: b for b in pf.balances() if b.account == "futures"}
    assert set(fut) == {"HKD", "JPY", "USD"}
    for ccy, b in fut.items():
        assert b.krw_rate == d(rows[ccy].Xchrat) and b.margin_used == d(rows[ccy].AbrdFutsCsgnMgn)
        assert b.pnl_krw is not None and b.equity_krw is not None
    assert fut["JPY"].unrealized == pf.position(nk).unrealized  # the yen row is the Nikkei's
    krw = next(b for b in pf.totals() if b.currency == "KRW")
    assert krw.unrealized is not None  # every currency has a rate: the won total is known


@pytest.mark.asyncio
async def test_the_dollar_value_limit_converts_a_yen_order_at_the_reported_rate(market, tmp_path):
    m = market
    nk = front_future(m.master, "NK")
    mgr = OrderManager(m.client, m.master, hub=m.hub, mode="demo", data_dir=tmp_path / "data")
    m.made.append(mgr)
    await mgr.start()
    mgr.last_price(nk)
    await until(lambda: m.hub.quote(nk) is not None and m.hub.quote(nk).last)
    inst, last = m.master.get(nk), Decimal(str(m.hub.quote(nk).last))
    one = last * inst.multiplier  # one contract's value in yen: about 19 million
    # the portfolio brings LS's won rates (CIDBQ05300 Xchrat) to the order manager; an account
    # that never dealt in yen has no yen row, so no yen rate
    pf = PortfolioService(m.client, m.hub, m.master, orders=mgr, debounce=0.05)
    m.made.append(pf)
    await pf.start()
    assert mgr.usd_per("USD") == 1 and mgr.usd_per("JPY") is None
    # no rate: the check cannot be made, and the order is held saying so (nothing sent)
    with pytest.raises(OrderRejected) as held:
        await mgr.submit(Draft(nk, "buy", 1, None, "market"))
    assert held.value.kind == "limits"
    assert f"Order value: {one:,.2f} JPY cannot be checked against your limit of 1,000,000.00 USD: " \
           "no JPY exchange rate is known yet." in held.value.messages
    # one Hang Seng contract is under a million Hong Kong dollars: judged as dollars it would
    # have passed; with no rate it is held all the same
    hsi = front_future(m.master, "HSI")
    mgr.last_price(hsi)
    await until(lambda: m.hub.quote(hsi) is not None and m.hub.quote(hsi).last)
    hsi_value = Decimal(str(m.hub.quote(hsi).last)) * m.master.get(hsi).multiplier
    assert hsi_value < 1_000_000
    with pytest.raises(OrderRejected) as held:
        await mgr.submit(Draft(hsi, "sell", 1, None, "market"))
    assert held.value.messages == [f"Order value: {hsi_value:,.2f} HKD cannot be checked against your limit of "
                                   "1,000,000.00 USD: no HKD exchange rate is known yet."]
    assert not [o for o in m.ex.broker.orders.values() if o.product == "future"]
    await mgr.submit(Draft(nk, "buy", 1, None, "market"), confirmed_limits=True)  # the trader confirmed
    await until(lambda: m.acct().futures.get(nk) is not None and m.acct().futures[nk].qty == 1)
    # the account now holds yen contracts: its yen row, and the rate, come with the re-query
    await until(lambda: mgr.usd_per("JPY") is not None)
    usd_per = krw_per(m, "JPY") / krw_per(m, "USD")
    assert mgr.usd_per("JPY") == usd_per
    # one contract, about 125,000 dollars: within the demo's 1,000,000 dollar limit, sent
    order = await mgr.submit(Draft(nk, "buy", 1, None, "market"))
    assert order.symbol == nk
    await until(lambda: m.acct().futures[nk].qty == 2)
    # ten contracts, about 1.25 million dollars: held, the message names the dollar value
    with pytest.raises(OrderRejected) as held:
        await mgr.submit(Draft(nk, "buy", 10, None, "market"))
    usd = f"{one * 10 * usd_per:,.0f}"
    assert held.value.kind == "limits"
    assert f"{one * 10:,.2f} JPY (about {usd} USD) is more than your limit of 1,000,000.00 USD" in str(held.value)
    assert len([o for o in m.ex.broker.orders.values() if o.product == "future"]) == 2
