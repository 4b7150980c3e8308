"""Stopping the embedded exchange while a client has sent half a request (its headers promise a
body that never comes): the exchange stops within seconds, and the client's socket is closed."""

from __future__ import annotations

import asyncio
import time

import pytest

pytestmark = pytest.mark.asyncio


async def test_stop_is_quick_with_a_request_half_sent(tmp_path):
    from app.sim.exchange import start_exchange

    ex = await start_exchange(seed=5, db_path=tmp_path / "half.sqlite", run_market=False, rate_limits=False)
    reader, writer = await asyncio.open_connection("127.0.0.1", ex.port)
    writer.write(b"POST /oauth2/token HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 400\r\n\r\ngrant_type=")
    await writer.drain()
    await asyncio.sleep(0.3)  # the server is reading the body now
    t0 = time.monotonic()
    await asyncio.wait_for(ex.stop(), 30)
    took = time.monotonic() - t0
    assert took < 4.0, f"stop took {took:.1f} s"  # (it took the 60 s aiohttp gives by default)
    assert await asyncio.wait_for(reader.read(), 5) is not None  # (closed: read ends)
    writer.close()
