"""The portfolio service against the embedded exchange: positions from fills, P&L marked to the hub,
realised P&L, futures multipliers, replayed and late pushes, reconnects and restarts."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
import pytest_asyncio

from app.ls import LS, Endpoints
from app.sim.broker import accounts as sim_accounts
from app.sim.exchange import start_exchange
from app.trading.instruments import InstrumentMaster
from app.trading.marketdata import MarketDataHub
from app.trading.portfolio import PortfolioService
from tests.trading.test_portfolio_support import (
    buy_stock, cents, front_future, record_requests, sell_stock, server_account, trade_future, until,
)

KEY, SECRET = "PORTFOLIO-KEY-0123456789", "PORTFOLIO-SECRET-0123456789"


@pytest_asyncio.fixture
async def market(tmp_path):
    ex = await start_exchange(seed=31, db_path=tmp_path / "pf.sqlite", port=0, steps_per_second=10.0,
                              rate_limits=False)
    client = LS(Endpoints(ex.rest_url, ex.ws_url, "demo"))
    assert await client.async_login(KEY, SECRET)
    await client.overseas_stock().real().connect()
    master = InstrumentMaster()
    await master.load(client, options=False)
    hub = MarketDataHub(client, master)
    made: list[PortfolioService] = []

    async def portfolio(**kw) -> PortfolioService:
        kw.setdefault("debounce", 0.05)
        svc = PortfolioService(client, hub, master, **kw)
        made.append(svc)
        await svc.start()
        return svc

    try:
        yield SimpleNamespace(ex=ex, client=client, master=master, hub=hub, portfolio=portfolio,
                              acct=lambda: server_account(ex, KEY))
    finally:
        for svc in made:
            await svc.close()
        await hub.close()
        await client.aclose()
        await ex.stop()


def record(client, product: str, tr: str) -> list:
    """Every `tr` push the client receives, as the service saw it (for replaying)."""
    seen: list = []
    real = client.overseas_stock().real() if product == "stock" else client.overseas_futureoption().real()
    real.add_listener(tr, seen.append)
    return seen


def hub_last(hub, symbol: str) -> Decimal:
    return Decimal(str(hub.quote(symbol).last))


@pytest.mark.asyncio
async def test_buy_opens_a_position_at_the_servers_average_marked_to_the_hub(market):
    pf = await market.portfolio()
    assert pf.positions() == [] and pf.loaded == {"stock", "futures"}
    usd = next(b for b in pf.balances() if b.account == "stock")
    assert usd.cash == sim_accounts.STOCK_START_USD and usd.krw_rate and usd.krw_rate > 1000
    queries = pf.queries
    await buy_stock(market.client, market.master, "AAPL", 10)
    await until(lambda: pf.position("AAPL") is not None and pf.position("AAPL").qty == 10)
    server = market.acct().stocks["AAPL"]
    p = pf.position("AAPL")
    assert p.avg_price == server.avg_price and p.market == "stock" and p.currency == "USD"
    await until(lambda: market.hub.quote("AAPL") is not None and market.hub.quote("AAPL").last is not None)
    p = pf.position("AAPL")
    last = hub_last(market.hub, "AAPL")
    assert p.last == last
    assert p.unrealized == cents((last - server.avg_price) * 10)
    assert p.pct == cents(p.unrealized * 100 / (server.avg_price * 10))
    # the debounced re-query agrees, and the cash follows the fill
    await until(lambda: pf.queries > queries and pf.idle)
    assert pf.position("AAPL").qty == 10 and pf.position("AAPL").avg_price == server.avg_price
    usd = next(b for b in pf.balances() if b.account == "stock")
    assert usd.cash == cents(market.acct().cash)
    assert usd.equity == cents(usd.cash + pf.position("AAPL").value)
    assert usd.equity_krw == (usd.equity * usd.krw_rate).quantize(Decimal(1), rounding="ROUND_HALF_UP")


@pytest.mark.asyncio
async def test_partial_sell_books_realised_pnl_to_the_cent(market):
    pf = await market.portfolio()
    await buy_stock(market.client, market.master, "MSFT", 10)
    await buy_stock(market.client, market.master, "MSFT", 7)
    await until(lambda: pf.position("MSFT") is not None and pf.position("MSFT").qty == 17)
    avg = market.acct().stocks["MSFT"].avg_price
    await sell_stock(market.client, market.master, "MSFT", 5)
    await until(lambda: pf.position("MSFT").qty == 12)
    server = market.acct().stocks["MSFT"]
    assert pf.position("MSFT").avg_price == avg  # a sale keeps the average
    assert cents(pf.position("MSFT").realized) == cents(server.realised) != 0
    assert cents(pf.realized("stock")) == cents(server.realised)
    usd = next(b for b in pf.balances() if b.account == "stock")
    assert cents(usd.realized) == cents(server.realised)
    # selling the rest closes it; the day's realised P&L stays in the balance
    await sell_stock(market.client, market.master, "MSFT", 12)
    await until(lambda: pf.position("MSFT") is None)
    assert cents(pf.realized("stock")) == cents(market.acct().stocks["MSFT"].realised)


@pytest.mark.asyncio
async def test_futures_position_uses_the_contract_multiplier(market):
    pf = await market.portfolio()
    es = front_future(market.master)
    await trade_future(market.client, es, "buy", 2)
    await until(lambda: pf.position(es) is not None and pf.position(es).qty == 2)
    inst = market.master.get(es)
    sim_inst = market.ex.broker.market.instrument(es)
    p = pf.position(es)
    assert p.market == "futures" and p.multiplier == sim_accounts.point_value(sim_inst) > 1
    assert p.avg_price == market.acct().futures[es].avg_price
    await until(lambda: market.hub.quote(es) is not None and market.hub.quote(es).last is not None)
    p = pf.position(es)
    assert p.unrealized == cents((p.last - p.avg_price) * 2 * p.multiplier)
    assert inst.currency == p.currency
    # a short sale through zero: realised from the server's own figure, the rest opens short
    await trade_future(market.client, es, "sell", 3)
    await until(lambda: pf.position(es).qty == -1)
    server = market.acct().futures[es]
    assert pf.position(es).realized == cents(server.realised)
    assert pf.position(es).avg_price == server.avg_price and pf.position(es).side == "short"
    figures = market.ex.broker.futures_figures(market.acct())
    await until(lambda: next(b for b in pf.balances() if b.account == "futures").margin_used
                == cents(figures["margin"]))
    fut = next(b for b in pf.balances() if b.account == "futures")
    assert fut.cash is not None and fut.krw_rate is not None and fut.krw_rate > 1000


@pytest.mark.asyncio
async def test_replayed_and_late_pushes_never_count_twice(market):
    # no re-query during this test: what the pushes did must be right on its own
    pf = await market.portfolio(debounce=3600)
    fills = record(market.client, "stock", "AS1")
    await buy_stock(market.client, market.master, "NVDA", 5)
    await buy_stock(market.client, market.master, "NVDA", 3)
    await until(lambda: pf.position("NVDA") is not None and pf.position("NVDA").qty == 8)
    await sell_stock(market.client, market.master, "NVDA", 2)
    await until(lambda: pf.position("NVDA").qty == 6)
    server = market.acct().stocks["NVDA"]
    before = (pf.position("NVDA").qty, pf.position("NVDA").avg_price, pf.realized("stock"))
    assert before[:2] == (6, server.avg_price) and cents(before[2]) == cents(server.realised)
    version = pf.version
    for push in fills + fills[::-1] + [fills[0], fills[-1], fills[0]]:  # duplicates, out of order
        pf.handle_push(push)
    assert (pf.position("NVDA").qty, pf.position("NVDA").avg_price, pf.realized("stock")) == before
    assert len(pf.ledger.realized) == len(fills) and pf.version > version


@pytest.mark.asyncio
async def test_futures_pushes_replayed_never_count_twice(market):
    pf = await market.portfolio(debounce=3600)
    fills = record(market.client, "futures", "TC3")
    es = front_future(market.master)
    await trade_future(market.client, es, "buy", 3)
    await until(lambda: pf.position(es) is not None and pf.position(es).qty == 3)
    await trade_future(market.client, es, "sell", 1)
    await until(lambda: pf.position(es).qty == 2)
    server = market.acct().futures[es]
    for push in fills[::-1] + fills + fills:
        pf.handle_push(push)
    assert pf.position(es).qty == 2 and pf.position(es).avg_price == server.avg_price
    assert pf.realized("futures") == cents(server.realised)


@pytest.mark.asyncio
async def test_reconnect_requeries_and_matches_the_server(market):
    pf = await market.portfolio(debounce=3600)  # only the reconnect may re-query
    await buy_stock(market.client, market.master, "AMZN", 4)
    await until(lambda: pf.position("AMZN") is not None)
    queries = pf.queries
    states: list = []
    market.client.overseas_stock().real().add_state_listener(states.append)
    market.ex.faults.drop_websockets()
    await buy_stock(market.client, market.master, "AMZN", 6)  # its push may be lost meanwhile
    await until(lambda: "connected" in [str(getattr(s, "value", s)) for s in states])
    await until(lambda: pf.queries > queries)
    server = market.acct().stocks["AMZN"]
    await until(lambda: pf.position("AMZN").qty == server.qty == 10)
    assert pf.position("AMZN").avg_price == server.avg_price
    usd = next(b for b in pf.balances() if b.account == "stock")
    assert usd.cash == cents(market.acct().cash)


@pytest.mark.asyncio
async def test_restart_keeps_the_days_realised_pnl_once(market, tmp_path):
    ledger = tmp_path / "ledger"
    pf = await market.portfolio(ledger_dir=ledger, ledger_tag="demo")
    fills = record(market.client, "stock", "AS1")
    await buy_stock(market.client, market.master, "TSLA", 6)
    await until(lambda: pf.position("TSLA") is not None and pf.position("TSLA").qty == 6)
    await sell_stock(market.client, market.master, "TSLA", 2)
    await until(lambda: pf.position("TSLA").qty == 4 and len(fills) >= 2)
    realised = cents(market.acct().stocks["TSLA"].realised)
    assert cents(pf.realized()) == realised
    await pf.close()
    again = await market.portfolio(ledger_dir=ledger, ledger_tag="demo")
    assert again.position("TSLA").qty == 4 and cents(again.realized()) == realised
    assert cents(again.position("TSLA").realized) == realised
    for push in fills:  # the server replays the day's pushes after a restart: nothing changes
        again.handle_push(push)
    assert cents(again.realized()) == realised and again.position("TSLA").qty == 4


@pytest.mark.asyncio
async def test_a_sale_while_the_socket_is_down_still_books_its_realised_pnl(market):
    pf = await market.portfolio(debounce=3600)  # only the reconnect may re-query
    await buy_stock(market.client, market.master, "META", 10)
    await until(lambda: pf.position("META") is not None and pf.position("META").qty == 10)
    real = market.client.overseas_stock().real()
    market.ex.faults.drop_websockets()
    await until(lambda: str(getattr(real.state, "value", real.state)) != "connected")
    await sell_stock(market.client, market.master, "META", 4)  # its fill push goes nowhere
    server = market.acct().stocks["META"]
    # whichever way it arrives (the reconciliation, or the push after all), it is booked once
    await until(lambda: pf.position("META").qty == 6 and server.realised
                and cents(pf.realized("stock")) == cents(server.realised))
    assert cents(pf.realized("stock")) == cents(server.realised) != 0
    assert pf.position("META").avg_price == server.avg_price
    sale = [i for i, (_a, _s, v) in pf.ledger.realized.items() if v]
    assert len(sale) == 1 and ".R" in sale[0]  # booked once, from the order query


@pytest.mark.asyncio
async def test_the_stock_and_futures_accounts_are_asked_side_by_side(market, monkeypatch):
    """Each account's TRs have limits of their own: the stock account is not asked only after the
    whole futures account has answered (at start it came 2 s later under load)."""
    seen = record_requests(monkeypatch, "COSOQ00201", "COSOQ02701", "CIDBQ01500", "CIDBQ05300", "CIDBQ03000")
    market.ex.faults.rest_delay = 0.2  # every answer takes a while, as from a remote server
    await market.portfolio()
    order = [tr for tr, _block in seen]
    assert {"COSOQ00201", "CIDBQ01500"} == set(order[:2]), order
