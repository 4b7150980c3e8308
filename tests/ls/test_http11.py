"""The lean HTTP/1.1 transport against a real aiohttp server: framing, reuse, timeouts."""

from __future__ import annotations

import asyncio

import httpx
import pytest
import pytest_asyncio
from aiohttp import web

from app.ls.errors import TransportError
from app.ls.http11 import FastHTTP11Transport
from app.ls.transport import RestTransport


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
        return web.Response(body=b"bye", headers={"Connection": "close"})

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
async def test_chunked_answers_are_reassembled(server):
    base, _ = server
    async with httpx.AsyncClient(transport=FastHTTP11Transport()) as client:
        resp = await client.post(base + "/chunked", content=b"{}")
    assert resp.status_code == 200
    assert resp.json() == {"a": "x" * 5000}


@pytest.mark.asyncio
async def test_connection_is_reused_and_headers_kept(server):
    base, peers = server
    async with httpx.AsyncClient(transport=FastHTTP11Transport()) as client:
        for i in range(5):
            resp = await client.post(base + "/echo", content=f'{{"n": {i}}}'.encode(), headers={"tr_cd": "g3101"})
            assert resp.json() == {"n": i}
            assert resp.headers["X-Seen-Tr"] == "g3101"
    assert len(set(peers)) == 1


@pytest.mark.asyncio
async def test_connection_close_is_honoured(server):
    base, _ = server
    async with httpx.AsyncClient(transport=FastHTTP11Transport()) as client:
        assert (await client.post(base + "/close")).content == b"bye"
        assert (await client.post(base + "/close")).content == b"bye"


@pytest.mark.asyncio
async def test_read_timeout_becomes_a_transport_error(server):
    base, _ = server
    transport = RestTransport(base, timeout=0.3)
    with pytest.raises(TransportError) as err:
        await transport.post_tr("/slow", "g3101", b"{}", "token-0123456789")
    assert err.value.timeout
    await transport.aclose()


@pytest.mark.asyncio
async def test_refused_connection_becomes_a_transport_error():
    transport = RestTransport("http://127.0.0.1:9", timeout=1)
    with pytest.raises(TransportError) as err:
        await transport.post_tr("/x", "g3101", b"{}", "token-0123456789")
    assert "cannot reach" in str(err.value)
    await transport.aclose()


def _closing_server_thread(accepted: list):
    """A keep-alive server on its own loop thread that closes each connection 10 ms after answering."""
    import threading

    loop = asyncio.new_event_loop()

    async def handle(reader, writer):
        accepted.append(writer)
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
        await writer.drain()
        await asyncio.sleep(0.01)
        writer.close()  # the server's keep-alive timeout

    threading.Thread(target=loop.run_forever, daemon=True).start()
    srv = asyncio.run_coroutine_threadsafe(asyncio.start_server(handle, "127.0.0.1", 0), loop).result(5)
    return loop, srv


@pytest.mark.asyncio
async def test_a_connection_the_server_closed_is_not_reused_for_an_order():
    """The server's FIN is already in the socket but the loop has not read it yet: a reused
    connection would fail the POST (an order is never re-sent), so it must not be picked."""
    import time

    accepted: list = []
    loop, srv = _closing_server_thread(accepted)
    url = f"http://127.0.0.1:{srv.sockets[0].getsockname()[1]}/order"
    try:
        async with httpx.AsyncClient(transport=FastHTTP11Transport()) as client:
            assert (await client.post(url, content=b"{}")).content == b"ok"
            time.sleep(0.2)  # a busy loop: the close arrives while nothing reads the socket
            assert (await client.post(url, content=b"{}")).content == b"ok"
        assert len(accepted) == 2
    finally:
        loop.call_soon_threadsafe(srv.close)
        loop.call_soon_threadsafe(loop.stop)


async def _raw_server(answer: bytes):
    async def serve(reader, writer):
        await reader.readuntil(b"\r\n\r\n")
        writer.write(answer)
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    return server, f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"


@pytest.mark.asyncio
async def test_interim_answers_are_skipped_and_close_tokens_read():
    server, base = await _raw_server(
        b"HTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n"
        b"HTTP/1.1 200 OK\r\nConnection: keep-alive, close\r\nContent-Length: 2\r\n\r\nok")
    transport = FastHTTP11Transport()
    async with httpx.AsyncClient(transport=transport) as client:
        resp = await client.post(base + "/x", content=b"{}")
    assert (resp.status_code, resp.content) == (200, b"ok")
    assert not transport._idle.get(("http", "127.0.0.1", int(base.rsplit(":", 1)[1])))  # not kept
    server.close()


@pytest.mark.asyncio
async def test_a_runaway_answer_is_refused():
    from app.ls import http11

    server, base = await _raw_server(
        b"HTTP/1.1 200 OK\r\nContent-Length: " + str(http11.MAX_BODY + 1).encode() + b"\r\n\r\n")
    transport = RestTransport(base, timeout=5)
    with pytest.raises(TransportError):
        await transport.post_tr("/x", "g3101", b"{}", "token-0123456789")
    await transport.aclose()
    server.close()


def test_in_block_errors_do_not_echo_values():
    from pydantic import ValidationError

    from app.ls.models import COSAQ01400

    with pytest.raises(ValidationError) as err:
        COSAQ01400.COSAQ01400InBlock1(RecCnt=1, QryTpCode="1", CntryCode="US", AcntNo="1", SrtDt="", EndDt="",
                                      BnsTpCode="0", RsvOrdCndiCode="00", RsvOrdStatCode="0",
                                      pwd="my-secret-pin-1234")
    assert "my-secret-pin-1234" not in str(err.value)
