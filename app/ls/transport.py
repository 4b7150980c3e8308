"""HTTP transport to one LS REST host: the request envelope, response headers and raw errors.

One ``httpx.AsyncClient`` per event loop (httpx clients are bound to the loop that first uses
them, and the sync API runs on a loop of its own), created lazily and closed together.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import ssl
import threading
from dataclasses import dataclass, field
from typing import Any

import httpx

from app.ls.errors import TransportError
from app.ls.http11 import FastHTTP11Transport

log = logging.getLogger("app.ls.transport")

JSON_CONTENT_TYPE = "application/json; charset=utf-8"


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


class RestTransport:
    def __init__(self, base_url: str, *, timeout: float = 10.0, connect_timeout: float = 5.0):
        self.base_url = base_url.rstrip("/")
        self._timeout = httpx.Timeout(timeout, connect=connect_timeout)
        self._clients: dict[asyncio.AbstractEventLoop, httpx.AsyncClient] = {}
        self._lock = threading.Lock()
        self._urls: dict[str, httpx.URL] = {}
        self._verify: ssl.SSLContext | bool = _ssl_context() if self.base_url.startswith("https") else False

    def _client(self) -> httpx.AsyncClient:
        loop = asyncio.get_running_loop()
        client = self._clients.get(loop)
        if client is None or client.is_closed:
            kwargs = {}
            if os.environ.get("LSTERM_HTTP_TRANSPORT", "").lower() != "httpcore":
                ctx = self._verify if isinstance(self._verify, ssl.SSLContext) else None
                kwargs["transport"] = FastHTTP11Transport(ctx)
            client = httpx.AsyncClient(base_url=self.base_url, timeout=self._timeout, verify=self._verify,
                                       limits=httpx.Limits(max_keepalive_connections=8, max_connections=16),
                                       headers={"Accept-Encoding": "identity"}, trust_env=False, **kwargs)
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
        return await self._post(path, tr_cd, content=body, headers=headers)

    async def post_form(self, path: str, form: dict[str, str]) -> tuple[int, Any]:
        raw = await self._post(path, "token", data=form,
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
        return raw.status, raw.json()

    async def _post(self, path: str, what: str, **kwargs) -> RawResponse:
        client = self._client()
        url = self._urls.get(path)
        if url is None:  # parsing a URL costs more than the rest of the request: do it once
            url = self._urls[path] = httpx.URL(self.base_url + path)
        try:
            resp = await client.post(url, **kwargs)
        except httpx.TimeoutException as exc:
            raise TransportError(f"{what}: no answer from {self.base_url} in time ({type(exc).__name__})",
                                 tr_cd=what, timeout=True) from None
        except httpx.HTTPError as exc:
            raise TransportError(f"{what}: cannot reach {self.base_url}: {type(exc).__name__}: {exc}",
                                 tr_cd=what) from None
        headers = {k.lower(): v for k, v in resp.headers.items()}
        return RawResponse(resp.status_code, headers, resp.content)

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
