"""A small LS-style realtime server on 127.0.0.1 for tests: acks requests, pushes spec examples.

It records every request it receives, acks it the way spec.json describes (or refuses keys
listed in ``refuse``), and pushes the ``example_push`` message of any TR on demand.
"""

from __future__ import annotations

import asyncio
import copy
import json
from functools import cache
from pathlib import Path

from websockets.asyncio.server import ServerConnection, serve

SPEC = Path(__file__).resolve().parents[2] / "app" / "ls" / "data" / "spec.json"


@cache
def _trs() -> dict:
    return json.loads(SPEC.read_text(encoding="utf-8"))["websocket"]["trs"]


def example_push(tr_cd: str) -> dict:
    """A fresh copy of the spec's example push for ``tr_cd``."""
    return copy.deepcopy(_trs()[tr_cd]["example_push"]["message"])


class WsFixture:
    def __init__(self, *, ack: bool = True, null_account_ack: bool = False):
        self.ack = ack
        self.null_account_ack = null_account_ack  # ack account requests with tr_cd null (paper)
        self.refuse: dict[str, str] = {}  # tr_key (stripped) -> rsp_cd to answer with
        self.requests: list[dict] = []
        self.raw: list[str] = []  # request texts exactly as received
        self.connections: list[ServerConnection] = []
        self.connects = 0
        self._server = None
        self._changed = asyncio.Event()
        self.url = ""

    async def __aenter__(self) -> WsFixture:
        self._server = await serve(self._serve, "127.0.0.1", 0, compression=None)
        port = self._server.sockets[0].getsockname()[1]
        self.url = f"ws://127.0.0.1:{port}/websocket"
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._server.close()
        await self._server.wait_closed()

    async def _serve(self, ws: ServerConnection) -> None:
        self.connections.append(ws)
        self.connects += 1
        self._poke()
        try:
            async for text in ws:
                self.raw.append(text)
                msg = json.loads(text)
                self.requests.append(msg)
                self._poke()
                await self._answer(ws, msg)
        except Exception:
            pass
        finally:
            if ws in self.connections:
                self.connections.remove(ws)
            self._poke()

    async def _answer(self, ws: ServerConnection, msg: dict) -> None:
        if not self.ack:
            return
        header, body = msg["header"], msg["body"]
        tr_cd, tr_key, tr_type = body["tr_cd"], body["tr_key"], header["tr_type"]
        rsp_cd, rsp_msg = "00000", "정상처리되었습니다"
        if tr_key.strip() in self.refuse or tr_cd in self.refuse:
            rsp_cd = self.refuse.get(tr_key.strip()) or self.refuse[tr_cd]
            rsp_msg = "요청이 거부되었습니다"
        ack_cd = None if (self.null_account_ack and tr_type in ("1", "2")) else tr_cd
        await ws.send(json.dumps({
            "header": {"tr_cd": ack_cd, "tr_key": tr_key, "tr_type": tr_type,
                       "rsp_cd": rsp_cd, "rsp_msg": rsp_msg},
            "body": None,
        }, ensure_ascii=False))

    def _poke(self) -> None:
        self._changed.set()

    async def wait_for(self, predicate, timeout: float = 5.0) -> None:
        """Wait until ``predicate()`` is true (checked whenever the server sees something)."""
        async with asyncio.timeout(timeout):
            while not predicate():
                self._changed.clear()
                try:
                    await asyncio.wait_for(self._changed.wait(), 0.05)
                except TimeoutError:
                    pass

    def seen(self, tr_type: str | None = None, tr_cd: str | None = None) -> list[dict]:
        return [m for m in self.requests
                if (tr_type is None or m["header"]["tr_type"] == tr_type)
                and (tr_cd is None or m["body"]["tr_cd"] == tr_cd)]

    async def push_raw(self, text: str | bytes) -> None:
        for ws in list(self.connections):
            await ws.send(text)

    async def push(self, tr_cd: str, key: str | None = None, **body) -> dict:
        """Push the spec example of ``tr_cd`` (header key and body fields overridable)."""
        msg = example_push(tr_cd)
        if key is not None:
            msg["header"]["tr_key"] = key
        msg["body"].update(body)
        await self.push_raw(json.dumps(msg, ensure_ascii=False))
        return msg

    async def drop(self) -> None:
        """Cut every connection without a close handshake, as a network failure would."""
        for ws in list(self.connections):
            ws.transport.abort()
