"""HTTP transport to one LS REST host: the request envelope, response headers and raw errors.

The HTTP itself is a maintained client's: httpx (its own transport, httpcore) by default, or
aiohttp's ``ClientSession`` with ``LSTERM_HTTP_CLIENT=aiohttp``. bench/rest_overhead.py
measures both: aiohttp costs about 1 ms less CPU per call, which nobody can notice beside a
round trip to Seoul and LS's 1-10 calls a second, but it reuses a keep-alive connection whose
close the event loop has not read yet, and a POST on it fails (tests/ls/test_transport.py);
httpcore checks the socket before reusing it. A failed order is what a trader notices, so
httpx is the default. Neither re-sends a POST once a byte of it was written (aiohttp retries
a dropped connection for idempotent methods only; httpcore never), so an order is never sent
twice from here; the TR caller decides what may be sent again.

Proxies come from the environment (``HTTPS_PROXY``, ``HTTP_PROXY``, ``ALL_PROXY``,
``NO_PROXY``), except for a loopback host (the embedded exchange), which is always reached
directly. One client per event loop (a client belongs to the loop that made it, and the sync
API runs on a loop of its own), created lazily and closed together.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import os
import ssl
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from app.ls.errors import TransportError

log = logging.getLogger("app.ls.transport")

JSON_CONTENT_TYPE = "application/json; charset=utf-8"
CLIENTS = ("httpx", "aiohttp")
MAX_BODY = 64 * 1024 * 1024  # the largest LS answer is a few MB; a runaway server is refused


@dataclass
class RawResponse:
    status: int
    headers: dict[str, str]  # lower-cased names
    content: bytes
    elapsed: float = 0.0
    data: Any = field(default=None)

    @property
    def tr_cont(self) -> str:
        return self.headers.get("tr_cont", "N") or "N"

    @property
    def tr_cont_key(self) -> str:
        return self.headers.get("tr_cont_key", "") or ""

    def __repr__(self) -> str:  # the body may be a token answer: never shown
        return f"RawResponse(status={self.status}, {len(self.content)} bytes, tr_cont={self.tr_cont!r})"

    __str__ = __repr__

    def json(self) -> Any:
        if self.data is None and self.content:
            try:
                self.data = json.loads(self.content)
            except ValueError:
                self.data = None
        return self.data


def _ssl_context() -> ssl.SSLContext:
    # Decided here, not by the environment: a stale SSL_CERT_FILE must not break start-up.
    try:
        import certifi

        return ssl.create_default_context(cafile=certifi.where())
    except Exception:
        return ssl.create_default_context()


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _too_big(what: str) -> TransportError:
    return TransportError(f"{what}: answer over {MAX_BODY} bytes refused", tr_cd=what)


class RestTransport:
    def __init__(self, base_url: str, *, timeout: float = 10.0, connect_timeout: float = 5.0,
                 client: str | None = None, ssl_context: ssl.SSLContext | None = None):
        self.base_url = base_url.rstrip("/")
        self.client_kind = (client or os.environ.get("LSTERM_HTTP_CLIENT", "") or "httpx").lower()
        if self.client_kind not in CLIENTS:
            raise ValueError(f"LSTERM_HTTP_CLIENT must be one of {', '.join(CLIENTS)}, not {self.client_kind!r}")
        self._timeout = timeout
        self._connect_timeout = connect_timeout
        self._secure = self.base_url.startswith("https")
        self._ssl = (ssl_context or _ssl_context()) if self._secure else None
        self._direct = is_loopback(urlsplit(self.base_url).hostname or "")
        self._clients: dict[asyncio.AbstractEventLoop, Any] = {}
        self._lock = threading.Lock()

    # ---- the client of the running loop ----

    def _client(self) -> Any:
        loop = asyncio.get_running_loop()
        client = self._clients.get(loop)
        if client is None or client.closed:
            client = _AiohttpClient(self) if self.client_kind == "aiohttp" else _HttpxClient(self)
            with self._lock:
                self._clients[loop] = client
        return client

    async def post_tr(self, path: str, tr_cd: str, body: bytes, token: str, *,
                      tr_cont: str = "N", tr_cont_key: str = "", mac_address: str = "") -> RawResponse:
        headers = {
            "Content-Type": JSON_CONTENT_TYPE,
            "authorization": f"Bearer {token}",
            "tr_cd": tr_cd,
            "tr_cont": tr_cont,
            "tr_cont_key": tr_cont_key,
            "mac_address": mac_address,
        }
        return await self._client().post(self.base_url + path, tr_cd, body, headers)

    async def post_form(self, path: str, form: dict[str, str]) -> tuple[int, Any]:
        from urllib.parse import urlencode

        raw = await self._client().post(self.base_url + path, "token", urlencode(form).encode(),
                                        {"Content-Type": "application/x-www-form-urlencoded"})
        return raw.status, raw.json()

    def _no_answer(self, what: str, exc: BaseException, timeout: bool) -> TransportError:
        if timeout:
            return TransportError(f"{what}: no answer from {self.base_url} in time ({type(exc).__name__})",
                                  tr_cd=what, timeout=True)
        return TransportError(f"{what}: cannot reach {self.base_url}: {type(exc).__name__}: {exc}", tr_cd=what)

    async def aclose(self) -> None:
        with self._lock:
            clients, self._clients = list(self._clients.items()), {}
        current = None
        try:
            current = asyncio.get_running_loop()
        except RuntimeError:
            pass
        for loop, client in clients:
            if loop is current:
                await client.aclose()
            elif not loop.is_closed() and loop.is_running():
                asyncio.run_coroutine_threadsafe(client.aclose(), loop)


class _AiohttpClient:
    def __init__(self, owner: RestTransport):
        import aiohttp

        self._aiohttp = aiohttp
        self._owner = owner
        connector = aiohttp.TCPConnector(limit=16, ssl=owner._ssl if owner._secure else False,
                                         keepalive_timeout=15.0)
        self._session = aiohttp.ClientSession(
            connector=connector, trust_env=not owner._direct, auto_decompress=False,
            headers={"Accept-Encoding": "identity"},
            timeout=aiohttp.ClientTimeout(total=None, connect=owner._connect_timeout,
                                          sock_read=owner._timeout))

    @property
    def closed(self) -> bool:
        return self._session.closed

    async def post(self, url: str, what: str, body: bytes, headers: dict[str, str]) -> RawResponse:
        aiohttp = self._aiohttp
        try:
            async with self._session.post(url, data=body, headers=headers, allow_redirects=False) as resp:
                if (resp.content_length or 0) > MAX_BODY:
                    raise _too_big(what)
                parts, size = [], 0
                async for chunk in resp.content.iter_any():
                    size += len(chunk)
                    if size > MAX_BODY:
                        raise _too_big(what)
                    parts.append(chunk)
                return RawResponse(resp.status, {k.lower(): v for k, v in resp.headers.items()}, b"".join(parts))
        except (TimeoutError, aiohttp.ServerTimeoutError) as exc:
            raise self._owner._no_answer(what, exc, True) from None
        except aiohttp.ClientError as exc:
            raise self._owner._no_answer(what, exc, False) from None

    async def aclose(self) -> None:
        await self._session.close()


class _HttpxClient:
    def __init__(self, owner: RestTransport):
        import httpx

        self._httpx = httpx
        self._owner = owner
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(owner._timeout, connect=owner._connect_timeout),
            verify=owner._ssl if owner._secure else False, trust_env=not owner._direct,
            limits=httpx.Limits(max_keepalive_connections=8, max_connections=16),
            headers={"Accept-Encoding": "identity"})
        self._urls: dict[str, Any] = {}

    @property
    def closed(self) -> bool:
        return self._client.is_closed

    async def post(self, url: str, what: str, body: bytes, headers: dict[str, str]) -> RawResponse:
        httpx = self._httpx
        parsed = self._urls.get(url)
        if parsed is None:  # parsing a URL costs more than the rest of the request: do it once
            parsed = self._urls[url] = httpx.URL(url)
        try:
            async with self._client.stream("POST", parsed, content=body, headers=headers) as resp:
                if int(resp.headers.get("content-length") or 0) > MAX_BODY:
                    raise _too_big(what)
                parts, size = [], 0
                async for chunk in resp.aiter_raw():
                    size += len(chunk)
                    if size > MAX_BODY:
                        raise _too_big(what)
                    parts.append(chunk)
                return RawResponse(resp.status_code, {k.lower(): v for k, v in resp.headers.items()},
                                   b"".join(parts))
        except httpx.TimeoutException as exc:
            raise self._owner._no_answer(what, exc, True) from None
        except httpx.HTTPError as exc:
            raise self._owner._no_answer(what, exc, False) from None

    async def aclose(self) -> None:
        await self._client.aclose()
