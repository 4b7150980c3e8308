"""The REST transport on each maintained client against real servers: framing, reuse, limits, errors."""

from __future__ import annotations

import asyncio
import json

import pytest
import pytest_asyncio
from aiohttp import web

from app.ls.errors import TransportError
from app.ls.transport import CLIENTS, MAX_BODY, RestTransport

pytestmark = pytest.mark.parametrize("kind", CLIENTS)


@pytest_asyncio.fixture
async def server():
    peers = []

    async def chunked(request):
        resp = web.StreamResponse(headers={"tr_cd": "x"})
        resp.enable_chunked_encoding()
        await resp.prepare(request)
        for part in (b'{"a": ', b'"' + b"x" * 5000 + b'"', b"}"):
            await resp.write(part)
        await resp.write_eof()
        return resp

    async def echo(request):
        peers.append(request.transport.get_extra_info("peername"))
        body = await request.read()
        return web.Response(body=body, headers={"Content-Type": "application/json; charset=utf-8",
                                                "X-Seen-Tr": request.headers.get("tr_cd", "")})

    async def close(request):
        return web.Response(body=b"{}", headers={"Connection": "close"})

    async def slow(request):
        await asyncio.sleep(2)
        return web.Response(body=b"late")

    app = web.Application()
    app.router.add_post("/chunked", chunked)
    app.router.add_post("/echo", echo)
    app.router.add_post("/close", close)
    app.router.add_post("/slow", slow)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}", peers
    await runner.cleanup()


@pytest.mark.asyncio
async def test_chunked_answers_are_reassembled(server, kind):
    base, _ = server
    transport = RestTransport(base, client=kind)
    raw = await transport.post_tr("/chunked", "g3101", b"{}", "token-0123456789")
    assert raw.status == 200 and raw.json() == {"a": "x" * 5000}
    await transport.aclose()


@pytest.mark.asyncio
async def test_connection_is_reused_and_headers_kept(server, kind):
    base, peers = server
    transport = RestTransport(base, client=kind)
    for i in range(5):
        raw = await transport.post_tr("/echo", "g3101", json.dumps({"n": i}).encode(), "token-0123456789")
        assert raw.json() == {"n": i}
        assert raw.headers["x-seen-tr"] == "g3101"
    assert len(set(peers)) == 1
    await transport.aclose()


@pytest.mark.asyncio
async def test_connection_close_is_honoured(server, kind):
    base, _ = server
    transport = RestTransport(base, client=kind)
    for _ in range(3):
        assert (await transport.post_tr("/close", "g3101", b"{}", "token-0123456789")).content == b"{}"
    await transport.aclose()


@pytest.mark.asyncio
async def test_read_timeout_becomes_a_transport_error(server, kind):
    base, _ = server
    transport = RestTransport(base, timeout=0.3, client=kind)
    with pytest.raises(TransportError) as err:
        await transport.post_tr("/slow", "g3101", b"{}", "token-0123456789")
    assert err.value.timeout
    await transport.aclose()


@pytest.mark.asyncio
async def test_refused_connection_becomes_a_transport_error(kind):
    transport = RestTransport("http://127.0.0.1:9", timeout=1, client=kind)
    with pytest.raises(TransportError) as err:
        await transport.post_tr("/x", "g3101", b"{}", "token-0123456789")
    assert "cannot reach" in str(err.value) and not err.value.timeout
    await transport.aclose()


async def _raw_server(answer: bytes, seen: list | None = None):
    async def serve(reader, writer):
        head = await reader.readuntil(b"\r\n\r\n")
        if seen is not None:
            seen.append(head)
        writer.write(answer)
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    return server, f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"


@pytest.mark.asyncio
async def test_a_runaway_answer_is_refused(kind):
    server, base = await _raw_server(
        b"HTTP/1.1 200 OK\r\nContent-Length: " + str(MAX_BODY + 1).encode() + b"\r\n\r\n")
    transport = RestTransport(base, timeout=5, client=kind)
    with pytest.raises(TransportError) as err:
        await transport.post_tr("/x", "g3101", b"{}", "token-0123456789")
    assert "refused" in str(err.value)
    await transport.aclose()
    server.close()


@pytest.mark.asyncio
async def test_a_post_whose_connection_drops_is_never_sent_again(kind):
    """The server reads the order and closes without answering: one request, one error."""
    seen: list = []

    async def serve(reader, writer):
        seen.append(await reader.readuntil(b"\r\n\r\n"))
        writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    transport = RestTransport(f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}", timeout=5, client=kind)
    with pytest.raises(TransportError):
        await transport.post_tr("/overseas-stock/order", "COSAT00301", b"{}", "token-0123456789")
    await asyncio.sleep(0)
    assert len(seen) == 1
    await transport.aclose()
    server.close()


def _closing_server_thread(accepted: list):
    """A keep-alive server on its own loop thread that closes each connection 10 ms after answering."""
    import threading

    loop = asyncio.new_event_loop()

    async def handle(reader, writer):
        accepted.append(writer)
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")
        await writer.drain()
        await asyncio.sleep(0.01)
        writer.close()  # the server's keep-alive timeout

    threading.Thread(target=loop.run_forever, daemon=True).start()
    srv = asyncio.run_coroutine_threadsafe(asyncio.start_server(handle, "127.0.0.1", 0), loop).result(5)
    return loop, srv


@pytest.mark.asyncio
async def test_a_connection_the_server_closed_is_not_reused_for_an_order(kind, request):
    """The server's FIN is already in the socket but the loop has not read it yet: a reused
    connection would fail the POST (an order is never re-sent), so it must not be picked.
    aiohttp picks it: the measured reason httpx is the default (app/ls/transport.py)."""
    import time

    if kind == "aiohttp":
        request.applymarker(pytest.mark.xfail(strict=True, reason="aiohttp reuses a connection whose "
                                              "close the loop has not read yet"))

    accepted: list = []
    loop, srv = _closing_server_thread(accepted)
    transport = RestTransport(f"http://127.0.0.1:{srv.sockets[0].getsockname()[1]}", client=kind)
    try:
        assert (await transport.post_tr("/order", "COSAT00301", b"{}", "token-0123456789")).content == b"{}"
        time.sleep(0.2)  # a busy loop: the close arrives while nothing reads the socket
        assert (await transport.post_tr("/order", "COSAT00301", b"{}", "token-0123456789")).content == b"{}"
        assert len(accepted) == 2
    finally:
        await transport.aclose()
        loop.call_soon_threadsafe(srv.close)
        loop.call_soon_threadsafe(loop.stop)
