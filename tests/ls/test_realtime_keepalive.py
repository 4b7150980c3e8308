"""Keepalive pings find a peer that went silent with its socket open (the embedded exchange's
``freeze_websockets`` fault: nothing sent, nothing read, no close) and the session reconnects;
a quiet but answering server keeps its connection."""

from __future__ import annotations

import asyncio

import pytest
import pytest_asyncio

from app.ls import LS, Endpoints
from app.ls.realtime import RealtimeSession, SessionState
from app.sim.exchange import start_exchange

pytestmark = pytest.mark.asyncio
KEY, SECRET = "KEEPALIVE-KEY-0123456789", "KEEPALIVE-SECRET-0123456789"


async def until(predicate, timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.01)


async def _exchange_and_client(tmp_path, **kw):
    ex = await start_exchange(seed=9, db_path=tmp_path / "ka.sqlite", port=0, rate_limits=False, **kw)
    client = LS(Endpoints(ex.rest_url, ex.ws_url, "demo"))
    assert await client.async_login(KEY, SECRET)
    return ex, client


@pytest_asyncio.fixture
async def live(tmp_path):
    ex, client = await _exchange_and_client(tmp_path, steps_per_second=20.0)
    yield ex, client
    await client.aclose()
    await ex.stop()


@pytest_asyncio.fixture
async def quiet(tmp_path):
    ex, client = await _exchange_and_client(tmp_path, run_market=False)  # no quote ever pushed
    yield ex, client
    await client.aclose()
    await ex.stop()


def session(ex, client, **kw) -> RealtimeSession:
    kw.setdefault("backoff_base", 0.05)
    kw.setdefault("backoff_max", 0.2)
    return RealtimeSession(ex.ws_url, token_provider=client.overseas_stock().tokens.get, **kw)


async def test_a_frozen_server_is_found_by_keepalive_and_the_session_reconnects(live):
    ex, client = live
    s = session(ex, client, ping_interval=0.2, ping_timeout=0.4, close_timeout=0.3)
    states: list = []
    s.add_state_listener(states.append)
    trades: list = []
    s.add_body_listener("GSC", lambda key, body: trades.append(body))
    await s.connect()
    try:
        await s.subscribe("GSC", "82AAPL")
        await until(lambda: trades)
        assert ex.faults.freeze_websockets() == 1  # the socket stays open and says nothing more
        frozen = next(iter(ex.hub.conns))
        await until(lambda: SessionState.RECONNECTING in states and s.state is SessionState.CONNECTED)
        # resubscribed (the server reads the subscription a moment after the session says connected)
        await until(lambda: [("GSC", "82AAPL") in c.quotes for c in ex.hub.conns if c is not frozen] == [True])
        seen = len(trades)
        await until(lambda: len(trades) > seen + 2)  # and quotes flow on the new socket
    finally:
        await s.close()


async def test_a_quiet_server_that_answers_pings_keeps_its_connection(quiet):
    ex, client = quiet
    # a pong may wait for a loop the whole suite keeps busy (the exchange answers in this process):
    # a second of grace, and a window long enough that an unanswered ping would still be found
    s = session(ex, client, ping_interval=0.1, ping_timeout=1.0, close_timeout=0.3)
    states: list = []
    s.add_state_listener(states.append)
    await s.connect()
    try:
        await s.subscribe("GSC", "82AAPL")
        await asyncio.sleep(2.5)  # about 20 pings, no data frame at all
        assert states == [SessionState.CONNECTING, SessionState.CONNECTED]
        assert s.state is SessionState.CONNECTED and len(ex.hub.conns) == 1
    finally:
        await s.close()


async def test_the_clients_sessions_run_keepalive_by_default(quiet):
    ex, client = quiet
    real = client.overseas_stock().real()
    await real.connect()
    try:
        ws = real.session._ws
        assert ws is not None and ws.ping_interval == 20.0 and ws.ping_timeout == 20.0 and ws.close_timeout == 5.0
    finally:
        await real.close()
