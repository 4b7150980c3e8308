"""The realtime client against the embedded exchange (app.sim), wired through LS().real()."""

from __future__ import annotations

import asyncio

import pytest
import pytest_asyncio

from app.ls import LS, Endpoints
from app.ls.models import AS0, GSC, GSH, OVC
from app.ls.realtime import SessionState

from app.sim import exchange as sim_exchange

KEY, SECRET = "KEY-realtime-0123456789", "SECRET-realtime-0123456789"


async def until(predicate, timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.01)


@pytest_asyncio.fixture
async def exchange(tmp_path):
    ex = await sim_exchange.start_exchange(seed=3, db_path=tmp_path / "sim.db", steps_per_second=20.0)
    try:
        yield ex
    finally:
        await ex.stop()


@pytest_asyncio.fixture
async def ls(exchange):
    client = LS(Endpoints.local(exchange.port))
    assert await client.async_login(KEY, SECRET)
    try:
        yield client
    finally:
        await client.aclose()


@pytest.mark.asyncio
async def test_stock_quotes_and_account_events_from_the_exchange(exchange, ls):
    client = ls.overseas_stock().real()
    await client.connect()
    trades, books, accepted = [], [], []
    gsc, gsh = client.GSC(), client.GSH()
    gsc.on_gsc_message(trades.append)
    gsh.on_gsh_message(books.append)
    await gsc.add_gsc_symbols(symbols=["82TSLA", "81SOXL"])
    await gsh.add_gsh_symbols(symbols=["82TSLA"])
    await client.AS0().on_as0_message(accepted.append)
    await until(lambda: trades and books)
    assert isinstance(trades[0], GSC.Response) and trades[0].body.symbol in ("TSLA", "SOXL")
    assert trades[0].body.price is not None and trades[0].body.price > 0
    assert isinstance(books[0], GSH.Response) and books[0].body.symbol == "TSLA"
    assert exchange.push_account(KEY, "stock", "AS0", {"accno": "1", "ordno": "42"}) == 1
    await until(lambda: accepted)
    assert isinstance(accepted[0], AS0.Response)
    await client.close()


@pytest.mark.asyncio
async def test_exchange_refuses_an_unknown_symbol(ls):
    from app.ls.errors import LSBusinessError

    client = ls.overseas_stock().real()
    await client.connect()
    with pytest.raises(LSBusinessError):
        await client.session.subscribe("GSC", "82NOSUCH")
    await client.close()


@pytest.mark.asyncio
async def test_reconnects_and_resubscribes_after_the_exchange_drops_us(exchange, ls):
    real = ls.overseas_futureoption().real()
    session = real.session
    session.backoff_base, session.backoff_max = 0.05, 0.2
    states = []
    real.add_state_listener(states.append)
    await real.connect()
    symbol = exchange.market.instruments("future")[0].symbol
    ticks = []
    real.OVC().on_ovc_message(ticks.append)
    await real.OVC().add_ovc_symbols(symbols=[symbol])
    await until(lambda: ticks)
    assert isinstance(ticks[0], OVC.Response)
    exchange.hub.drop_all()
    await until(lambda: SessionState.RECONNECTING in states and real.state is SessionState.CONNECTED)
    seen = len(ticks)
    await until(lambda: len(ticks) > seen + 2)
    await real.close()


@pytest.mark.asyncio
async def test_a_refused_token_is_renewed_and_nothing_is_forgotten(exchange, ls):
    client = ls.overseas_stock().real()
    states = []
    client.add_state_listener(states.append)
    await client.connect()
    trades = []
    client.GSC().on_gsc_message(trades.append)
    await client.GSC().add_gsc_symbols(symbols=["82TSLA"])
    exchange.faults.expire_tokens()  # the server forgets every token it issued
    old_token = ls.overseas_stock().tokens.token.access_token
    await client.GSC().add_gsc_symbols(symbols=["82NVDA"])  # refused for its token...
    await until(lambda: SessionState.RECONNECTING in states and client.state is SessionState.CONNECTED)
    assert ls.overseas_stock().tokens.token.access_token != old_token  # ...so it was renewed
    assert {key.strip() for _, key in client.session.subscriptions} == {"82TSLA", "82NVDA"}
    trades.clear()
    await until(lambda: {t.body.symbol for t in trades} >= {"TSLA", "NVDA"})
