"""WebSocket robustness of the embedded exchange: clients that do not read, odd frames, shutdown."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest
import pytest_asyncio

pytestmark = pytest.mark.asyncio


@pytest_asyncio.fixture
async def ex(tmp_path):
    from app.sim.exchange import start_exchange

    exchange = await start_exchange(seed=5, db_path=tmp_path / "ws.sqlite", run_market=False, rate_limits=False)
    yield exchange
    await exchange.stop()


async def _stalled_client(ex, session: aiohttp.ClientSession):
    """A socket whose client stops reading, and the server's queue filled well past what the
    kernel buffers hold, so the server's writer is stuck waiting for the socket to drain."""
    ws = await session.ws_connect(ex.ws_url)
    token = ex.tokens.issue("stall-key").token
    await ws.send_str(json.dumps({"header": {"token": token, "tr_type": "3"},
                                  "body": {"tr_cd": "GSC", "tr_key": "82AAPL"}}))
    await ws.receive(timeout=5)  # the ack
    ws._response.connection.transport.pause_reading()
    for _ in range(200):
        if len(ex.hub.conns) == 1 and next(iter(ex.hub.conns)).app_key:
            break
        await asyncio.sleep(0.01)
    conn = next(iter(ex.hub.conns))
    big = json.dumps({"header": {"tr_cd": "GSC"}, "body": {"pad": "x" * 1_500}})
    for _ in range(20_000):  # 30 MB
        conn.send(big)
    await asyncio.sleep(0.3)
    assert conn.queue, "the writer should be stuck with frames left to send"
    return ws, conn


async def test_stop_does_not_hang_on_a_client_that_stopped_reading(tmp_path):
    from app.sim.exchange import start_exchange

    ex = await start_exchange(seed=5, db_path=tmp_path / "ws.sqlite", run_market=False, rate_limits=False)
    async with aiohttp.ClientSession() as session:
        ws, _ = await _stalled_client(ex, session)  # held: a collected client would hang up
        await asyncio.wait_for(ex.stop(), 5)
        assert not ex.hub.conns and ws is not None


async def test_dropping_websockets_cuts_off_a_client_that_stopped_reading(ex):
    async with aiohttp.ClientSession() as session:
        ws, _ = await _stalled_client(ex, session)  # held: a collected client would hang up
        ex.faults.drop_websockets()
        for _ in range(500):
            if not ex.hub.conns:
                break
            await asyncio.sleep(0.01)
        assert not ex.hub.conns and ws is not None
