"""A thin raw client for tests of the embedded exchange (aiohttp, no app.ls code involved)."""

from __future__ import annotations

import json
from typing import Any

import aiohttp

from app.ls.models.catalog import REST


class SimClient:
    def __init__(self, exchange: Any, app_key: str = "test-app-key", secret: str = "test-secret"):
        self.ex = exchange
        self.app_key, self.secret = app_key, secret
        self.session: aiohttp.ClientSession | None = None
        self.token = ""

    async def open(self) -> None:
        self.session = aiohttp.ClientSession()
        self.token = await self.issue()

    async def close(self) -> None:
        if self.session is not None:
            await self.session.close()

    async def issue(self, app_key: str | None = None, secret: str | None = None) -> str:
        form = {"grant_type": "client_credentials", "appkey": app_key or self.app_key,
                "appsecretkey": secret or self.secret, "scope": "oob"}
        async with self.session.post(self.ex.rest_url + "/oauth2/token", data=form) as r:
            body = await r.json()
            assert r.status == 200, body
            return body["access_token"]

    def headers(self, tr_cd: str, tr_cont: str = "N", tr_cont_key: str = "", token: str | None = None) -> dict:
        return {"Content-Type": "application/json; charset=utf-8",
                "authorization": f"Bearer {self.token if token is None else token}",
                "tr_cd": tr_cd, "tr_cont": tr_cont, "tr_cont_key": tr_cont_key, "mac_address": ""}

    async def call(self, tr_cd: str, body: Any, tr_cont: str = "N", tr_cont_key: str = "",
                   token: str | None = None, path: str | None = None, raw: bytes | None = None):
        """POST a TR; returns (status, headers, parsed body)."""
        url = self.ex.rest_url + (path or (REST[tr_cd].path if tr_cd in REST else "/overseas-stock/market-data"))
        data = raw if raw is not None else json.dumps(body).encode()
        async with self.session.post(url, data=data, headers=self.headers(tr_cd, tr_cont, tr_cont_key, token)) as r:
            text = await r.text()
            return r.status, r.headers, json.loads(text)
