"""A small scripted LS server for client tests: answers every TR with the spec's example.

It exists so the client's own behaviour (token refresh, retries, paging, error mapping) can be
driven precisely: each test queues the answers it wants. End-to-end behaviour against a real
market is tested against the embedded exchange (app/sim) instead.
"""

from __future__ import annotations

import json
from collections import defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web

SPEC = json.loads((Path(__file__).resolve().parents[2] / "app/ls/data/spec.json").read_text("utf-8"))
REST = SPEC["rest"]["trs"]


@dataclass
class Scripted:
    status: int
    body: dict
    headers: dict = field(default_factory=dict)


@dataclass
class SpecServer:
    runner: web.AppRunner | None = None
    port: int = 0
    token_lifetime: int = 3600
    issued: int = 0
    revoked: int = 0
    calls: list = field(default_factory=list)  # (tr_cd, headers, body)
    script: dict = field(default_factory=lambda: defaultdict(deque))  # tr_cd -> answers
    current_token: str = ""
    drop_next: int = 0  # close the connection without answering
    token_delay: float = 0.0  # seconds the token endpoint takes to answer
    token_failures: int = 0  # answer the next N token requests with HTTP 500
    slow_next: int = 0  # answer the next N TR calls only after slow_seconds
    slow_seconds: float = 0.0
    arrivals: list = field(default_factory=list)  # (tr_cd, monotonic time) of every TR call

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def queue(self, tr_cd: str, status: int, body: dict, **headers: str) -> None:
        self.script[tr_cd].append(Scripted(status, body, headers))

    async def start(self) -> SpecServer:
        app = web.Application()
        app.router.add_post("/oauth2/token", self._token)
        app.router.add_post("/oauth2/revoke", self._revoke)
        app.router.add_post("/{tail:.*}", self._tr)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        if self.runner:
            await self.runner.cleanup()

    async def _token(self, request: web.Request) -> web.Response:
        form = await request.post()
        if self.token_delay:
            import asyncio

            await asyncio.sleep(self.token_delay)
        if self.token_failures:
            self.token_failures -= 1
            return web.json_response({"rsp_cd": "IGW99999", "rsp_msg": "busy"}, status=500)
        if form.get("appkey") == "BADKEY":
            return web.json_response({"error_code": "IGW00103", "error_description": "유효하지 않은 AppKey입니다."},
                                     status=403)
        self.issued += 1
        self.current_token = f"test-token-{self.issued}-{id(self):x}"
        return web.json_response({"access_token": self.current_token, "token_type": "Bearer", "scope": "oob",
                                  "expires_in": self.token_lifetime})

    async def _revoke(self, request: web.Request) -> web.Response:
        self.revoked += 1
        return web.json_response({"code": 200, "message": "접근토큰 폐기에 성공하였습니다."})

    async def _tr(self, request: web.Request) -> web.StreamResponse:
        import asyncio
        import time

        tr_cd = request.headers.get("tr_cd", "")
        self.arrivals.append((tr_cd, time.monotonic()))
        body = await request.read()
        self.calls.append((tr_cd, {k: v for k, v in request.raw_headers and [(a.decode(), b.decode()) for a, b in request.raw_headers]}, json.loads(body) if body else None))
        if self.drop_next:
            self.drop_next -= 1
            request.transport.close()
            return web.Response(status=500)
        if self.slow_next:
            self.slow_next -= 1
            await asyncio.sleep(self.slow_seconds)
        if self.script[tr_cd]:
            answer = self.script[tr_cd].popleft()
            headers = {"tr_cd": tr_cd, "tr_cont": "N", "tr_cont_key": "", **answer.headers}
            return web.json_response(answer.body, status=answer.status, headers=headers)
        auth = request.headers.get("authorization", "")
        if auth != f"Bearer {self.current_token}":
            return web.json_response({"rsp_cd": "IGW00121", "rsp_msg": "유효하지 않은 token 입니다."}, status=500)
        example = REST[tr_cd]["example_response"]
        return web.json_response(example["body"], status=200,
                                 headers={"tr_cd": tr_cd, "tr_cont": "N", "tr_cont_key": ""})


class ThreadedSpecServer:
    """The same server on a loop of its own thread, for tests of the blocking (sync) API."""

    def __init__(self):
        import asyncio
        import threading

        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        self.server = asyncio.run_coroutine_threadsafe(SpecServer().start(), self.loop).result(10)

    def stop(self) -> None:
        import asyncio

        asyncio.run_coroutine_threadsafe(self.server.stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)
