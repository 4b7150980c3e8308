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


def _msg(token: str, tr_type: str, tr_cd: str, tr_key: str = "") -> str:
    return json.dumps({"header": {"token": token, "tr_type": tr_type}, "body": {"tr_cd": tr_cd, "tr_key": tr_key}})


async def test_account_registration_stays_with_its_app_key_on_a_shared_socket(ex):
    """Account pushes follow the app key that registered them, whatever token a later
    quote subscription on the same socket carries."""
    token_a, token_b = ex.tokens.issue("key-a").token, ex.tokens.issue("key-b").token
    async with aiohttp.ClientSession() as session, session.ws_connect(ex.ws_url) as ws:
        await ws.send_str(_msg(token_a, "1", "TC1"))
        assert json.loads((await ws.receive(timeout=5)).data)["header"]["rsp_cd"] == "00000"
        await ws.send_str(_msg(token_b, "3", "GSC", "82AAPL"))
        assert json.loads((await ws.receive(timeout=5)).data)["header"]["rsp_cd"] == "00000"
        assert ex.push_account("key-a", "futureoption", "TC1", {"svc_id": "HO01"}) == 1
        assert json.loads((await ws.receive(timeout=5)).data)["header"] == {"tr_cd": "TC1"}
        assert ex.push_account("key-b", "futureoption", "TC1", {"svc_id": "HO01"}) == 0


@pytest.mark.asyncio
async def test_a_client_gone_mid_request_is_not_an_error(ex, caplog):
    """A terminal quitting with a call in flight cuts its request short: the exchange notes it,
    and says nothing at ERROR (the terminal's own clean-exit test reads the log for that)."""
    import logging
    from urllib.parse import urlsplit

    token = ex.tokens.issue("gone-key").token
    url = urlsplit(ex.rest_url)
    reader, writer = await asyncio.open_connection(url.hostname, url.port)
    writer.write((f"POST /overseas-stock/market-data HTTP/1.1\r\nHost: {url.hostname}\r\n"
                  f"authorization: Bearer {token}\r\ntr_cd: g3101\r\ntr_cont: N\r\ntr_cont_key: \r\n"
                  "content-type: application/json; charset=utf-8\r\nContent-Length: 500\r\n\r\n"
                  '{"g3101InBlock": {').encode())
    await writer.drain()
    with caplog.at_level(logging.INFO, logger="app.sim"):
        await asyncio.sleep(0.2)
        writer.close()
        await writer.wait_closed()
        async with asyncio.timeout(10):
            while not any("closed the connection" in r.getMessage() for r in caplog.records):
                await asyncio.sleep(0.02)
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
