"""A raw LS-protocol client for the broker's wire tests: REST over aiohttp, pushes over websockets.

Nothing from app.ls is used, so these tests check the exchange's bytes on their own.
"""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal
from typing import Any

import aiohttp
import websockets

from app.ls.models.catalog import REST


async def ack_realtime(ws: Any, token: str, tr_type: str, tr_cd: str, tr_key: str = "") -> None:
    """Send one realtime (de)registration and check its acknowledgement."""
    await ws.send(json.dumps({"header": {"token": token, "tr_type": tr_type},
                              "body": {"tr_cd": tr_cd, "tr_key": tr_key}}))
    ack = json.loads(await asyncio.wait_for(ws.recv(), 5))
    assert ack["header"]["rsp_cd"] == "00000", ack


class Trader:
    def __init__(self, ex: Any, app_key: str = "broker-test-key"):
        self.ex = ex
        self.app_key = app_key
        self.token = ""
        self.http: aiohttp.ClientSession | None = None
        self.ws: Any = None
        self.pushes: asyncio.Queue = asyncio.Queue()
        self._reader: asyncio.Task | None = None

    async def open(self, register: bool = True) -> Trader:
        self.http = aiohttp.ClientSession()
        form = {"grant_type": "client_credentials", "appkey": self.app_key,
                "appsecretkey": "secret", "scope": "oob"}
        async with self.http.post(self.ex.rest_url + "/oauth2/token", data=form) as r:
            self.token = (await r.json())["access_token"]
        if register:
            self.ws = await websockets.connect(self.ex.ws_url, max_size=None)
            for tr_cd in ("AS1", "TC1"):
                await ack_realtime(self.ws, self.token, "1", tr_cd)
            self._reader = asyncio.create_task(self._read())
        return self

    async def _read(self) -> None:
        async for text in self.ws:
            msg = json.loads(text)
            await self.pushes.put((msg["header"]["tr_cd"], msg["body"]))

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
        if self.ws is not None:
            await self.ws.close()
        if self.http is not None:
            await self.http.close()

    async def call(self, tr_cd: str, block: dict, tr_cont: str = "N", key: str = "") -> tuple[int, dict, dict]:
        """POST one TR with ``{"<TR>InBlock1": block}``; (status, headers, body)."""
        headers = {"Content-Type": "application/json; charset=utf-8",
                   "authorization": f"Bearer {self.token}", "tr_cd": tr_cd, "tr_cont": tr_cont,
                   "tr_cont_key": key, "mac_address": ""}
        body = json.dumps({f"{tr_cd}InBlock1": block}, default=str).encode()
        async with self.http.post(self.ex.rest_url + REST[tr_cd].path, data=body, headers=headers) as r:
            return r.status, dict(r.headers), json.loads(await r.text())

    async def ok(self, tr_cd: str, block: dict, **kw: Any) -> dict:
        status, _, body = await self.call(tr_cd, block, **kw)
        assert status == 200, body
        return body

    async def push(self, timeout: float = 3.0) -> tuple[str, dict]:
        return await asyncio.wait_for(self.pushes.get(), timeout)

    async def pushes_n(self, n: int) -> list[tuple[str, dict]]:
        return [await self.push() for _ in range(n)]

    # --- order shortcuts ---

    async def stock_order(self, side: str, symbol: str, qty: Any, price: Any, ptype: str = "00",
                          market: str = "82", org: int | None = None) -> tuple[int, dict]:
        code = {"sell": "01", "buy": "02", "cancel": "08"}[side]
        status, _, body = await self.call("COSAT00301", {
            "RecCnt": 1, "OrdPtnCode": code, "OrgOrdNo": org, "OrdMktCode": market,
            "IsuNo": symbol, "OrdQty": qty, "OvrsOrdPrc": float(price), "OrdprcPtnCode": ptype,
            "BrkTpCode": ""})
        return status, body

    async def fut_order(self, side: str, symbol: str, qty: int, price: Any, market: bool = False,
                        ) -> tuple[int, dict]:
        status, _, body = await self.call("CIDBT00100", {
            "RecCnt": 1, "OrdDt": "", "IsuCodeVal": symbol, "FutsOrdTpCode": "1",
            "BnsTpCode": "2" if side == "buy" else "1", "AbrdFutsOrdPtnCode": "1" if market else "2",
            "CrcyCode": "", "OvrsDrvtOrdPrc": float(price), "CndiOrdPrc": 0, "OrdQty": qty,
            "PrdtCode": "000000", "DueYymm": "000000", "ExchCode": ""})
        return status, body


def below(ex: Any, symbol: str, fraction: str = "0.9") -> Decimal:
    """A price on the tick grid some way under the last trade (rests without filling)."""
    last = ex.market.last(symbol)
    tick = ex.market.tick_size(symbol)
    return (last * Decimal(fraction) / tick).to_integral_value() * tick


def front(ex: Any, root: str) -> str:
    """The exchange's front contract of a futures product ("NQ" -> "NQZ26" in December 2026): it
    lists the contract months that follow today's date, so a test must not name one."""
    return min((i for i in ex.market.instruments("future") if i.root == root), key=lambda i: i.expiry).symbol
