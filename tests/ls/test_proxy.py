"""Proxies from the environment (HTTP_PROXY, HTTPS_PROXY, NO_PROXY) through a small proxy on 127.0.0.1.

The LS host is given a name that only the proxy knows (``lsterm-proxy.test`` resolves nowhere):
a call that succeeds went through the proxy. The proxy forwards plain HTTP requests (absolute
form) and tunnels HTTPS with CONNECT, always to 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import shutil
import ssl
import subprocess
from urllib.parse import urlsplit

import pytest
import pytest_asyncio
from aiohttp import web

from app.ls import LS, Endpoints, TransportError, g3101
from app.ls.transport import CLIENTS, RestTransport
from tests.ls.spec_server import SpecServer

HOST = "lsterm-proxy.test"
KEY, SECRET = "PSabcdefghijklmnopqrstuvwxyz012345", "SECRETabcdefghijklmnopqrstuvwxyz0123"
PROXY_VARS = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY", "http_proxy", "https_proxy",
              "all_proxy", "no_proxy")

pytestmark = pytest.mark.parametrize("kind", CLIENTS)


class LocalProxy:
    """Forwards every request to 127.0.0.1 (the port the client asked for); records request lines."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.server: asyncio.Server | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.sockets[0].getsockname()[1]}"

    async def start(self) -> LocalProxy:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        return self

    async def stop(self) -> None:
        self.server.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()
            return
        method, target, _ = head.split(b"\r\n", 1)[0].decode().split(" ", 2)
        self.seen.append(f"{method} {target}")
        if method == "CONNECT":
            port = int(target.rsplit(":", 1)[1])
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        else:
            port = urlsplit(target).port
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", port)
            up_writer.write(head)  # absolute-form: the server reads the path out of it
        await asyncio.gather(_pipe(reader, up_writer), _pipe(up_reader, writer))


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


@pytest.fixture
def clean_env(monkeypatch):
    for name in PROXY_VARS:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest_asyncio.fixture
async def proxy():
    p = await LocalProxy().start()
    yield p
    await p.stop()


@pytest_asyncio.fixture
async def server():
    srv = await SpecServer().start()
    yield srv
    await srv.stop()


def tsla():
    return g3101.G3101InBlock(keysymbol="82TSLA", exchcd="82", symbol="TSLA")


@pytest.mark.asyncio
async def test_http_proxy_from_the_environment_carries_every_call(kind, clean_env, proxy, server):
    clean_env.setenv("LSTERM_HTTP_CLIENT", kind)
    clean_env.setenv("HTTP_PROXY", proxy.url)
    ls = LS(Endpoints(f"http://{HOST}:{server.port}", f"ws://{HOST}:{server.port}/websocket", "demo"))
    assert await ls.async_login(KEY, SECRET), ls.last_error
    resp = await ls.overseas_stock().market().g3101(tsla()).req_async()
    assert resp.rsp_cd == "00000"
    await ls.aclose()
    assert proxy.seen and all(HOST in line for line in proxy.seen)
    assert [c[0] for c in server.calls] == ["g3101"]


@pytest.mark.asyncio
async def test_no_proxy_names_a_host_reached_directly(kind, clean_env, proxy, server):
    clean_env.setenv("HTTP_PROXY", proxy.url)
    clean_env.setenv("NO_PROXY", HOST)
    transport = RestTransport(f"http://{HOST}:{server.port}", client=kind, timeout=5)
    with pytest.raises(TransportError):  # directly: the name resolves nowhere
        await transport.post_form("/oauth2/token", {"appkey": KEY, "appsecretkey": SECRET})
    await transport.aclose()
    assert proxy.seen == []


@pytest.mark.asyncio
async def test_the_embedded_exchange_on_loopback_is_never_proxied(kind, clean_env, proxy, server):
    clean_env.setenv("HTTP_PROXY", proxy.url)
    clean_env.setenv("ALL_PROXY", proxy.url)
    transport = RestTransport(f"http://127.0.0.1:{server.port}", client=kind, timeout=5)
    status, data = await transport.post_form("/oauth2/token", {"appkey": KEY, "appsecretkey": SECRET})
    assert status == 200 and data["access_token"]
    await transport.aclose()
    assert proxy.seen == []


def _certificate(tmp_path) -> tuple[str, str]:
    if shutil.which("openssl") is None:
        pytest.fail("openssl is needed to make the test's certificate (Debian package openssl)")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", f"/CN={HOST}",
                    "-addext", f"subjectAltName=DNS:{HOST}"], check=True, capture_output=True)
    return str(cert), str(key)


@pytest.mark.asyncio
async def test_https_proxy_tunnels_tls_with_connect(kind, clean_env, proxy, tmp_path):
    cert, key = _certificate(tmp_path)
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(cert, key)
    client_ctx = ssl.create_default_context(cafile=cert)

    async def token(request: web.Request) -> web.Response:
        return web.json_response({"access_token": "tls-token", "token_type": "Bearer", "scope": "oob",
                                  "expires_in": 3600})

    app = web.Application()
    app.router.add_post("/oauth2/token", token)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=server_ctx)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    clean_env.setenv("HTTPS_PROXY", proxy.url)
    try:
        transport = RestTransport(f"https://{HOST}:{port}", client=kind, ssl_context=client_ctx, timeout=5)
        status, data = await transport.post_form("/oauth2/token", {"appkey": KEY, "appsecretkey": SECRET})
        await transport.aclose()
    finally:
        await runner.cleanup()
    assert (status, data["access_token"]) == (200, "tls-token")
    assert proxy.seen == [f"CONNECT {HOST}:{port}"]
