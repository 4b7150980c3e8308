"""WebSocket side: acks, quote pushes with every field as a string, account pushes, bad frames."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest

from tests.sim.spec_requests import spec

QUOTES = {"GSC": "stock", "GSH": "stock", "OVC": "future", "OVH": "future", "WOC": "option", "WOH": "option"}


def _key(market, tr_cd: str) -> tuple[str, str]:
    """(symbol to step, tr_key as a client sends it)."""
    product = QUOTES[tr_cd]
    inst = market.instrument("TSLA") if product == "stock" else market.instruments(product)[0]
    if product == "stock":
        return inst.symbol, inst.keysymbol.ljust(18)
    if product == "option":  # each series and strike has its own key, padded to 16 as LS sends it
        return inst.symbol, inst.symbol.ljust(16)
    return inst.symbol, inst.symbol[:8].ljust(8)


async def _recv(ws, timeout: float = 5.0) -> dict:
    msg = await ws.receive(timeout=timeout)
    assert msg.type == aiohttp.WSMsgType.TEXT, msg
    return json.loads(msg.data)


async def _until(ws, pred, limit: int = 200) -> dict:
    for _ in range(limit):
        frame = await _recv(ws)
        if pred(frame):
            return frame
    raise AssertionError("no matching frame")


def _sub(token: str, tr_type: str, tr_cd: str, key: str) -> str:
    return json.dumps({"header": {"token": token, "tr_type": tr_type}, "body": {"tr_cd": tr_cd, "tr_key": key}})


@pytest.mark.asyncio
@pytest.mark.parametrize("tr_cd", sorted(QUOTES))
async def test_quote_push_has_every_field_as_string(sim, tr_cd):
    market = sim.ex.market
    market.steps_per_second = 0
    symbol, key = _key(market, tr_cd)
    async with sim.session.ws_connect(sim.ex.ws_url) as ws:
        await ws.send_str(_sub(sim.token, "3", tr_cd, key))
        ack = await _recv(ws)
        assert ack["header"]["rsp_cd"] == "00000" and ack["header"]["tr_cd"] == tr_cd
        assert ack["header"]["tr_type"] == "3" and ack["body"] is None
        for _ in range(30):
            market.step(symbol)
        push = await _until(ws, lambda f: f["header"].get("tr_cd") == tr_cd and f["body"])
        assert push["header"]["tr_key"] == key
        fields = [f["name"] for f in spec()["websocket"]["trs"][tr_cd]["push_body_fields"]]
        extra = {"lSeq"} if tr_cd == "OVC" else set()  # as LS's live OVC frame (test_fidelity_push_order)
        assert set(push["body"]) == set(fields) | extra  # every field (their order: test_fidelity_push_order)
        assert all(isinstance(v, str) for v in push["body"].values()), push["body"]
        assert push["body"]["symbol"].startswith(symbol[:8])
        # unsubscribe: acknowledged, then no more pushes of that TR
        await ws.send_str(_sub(sim.token, "4", tr_cd, key))
        await _until(ws, lambda f: f["header"].get("tr_type") == "4")
        for _ in range(30):
            market.step(symbol)
        with pytest.raises(asyncio.TimeoutError):
            await ws.receive(timeout=0.3)


@pytest.mark.asyncio
async def test_trade_push_matches_market(sim):
    market = sim.ex.market
    market.steps_per_second = 0
    async with sim.session.ws_connect(sim.ex.ws_url) as ws:
        await ws.send_str(_sub(sim.token, "3", "GSC", "82TSLA".ljust(18)))
        await _recv(ws)
        for _ in range(30):
            market.step("TSLA")
        last = None
        while True:
            try:
                frame = json.loads((await ws.receive(timeout=0.3)).data)
            except asyncio.TimeoutError:
                break
            last = frame
        assert last is not None
        bid, ask = market.best("TSLA")
        price = last["body"]["price"]
        assert price == f"{market.last('TSLA'):.4f}"
        assert bid <= market.last("TSLA") <= ask


@pytest.mark.asyncio
async def test_account_push_reaches_registered_sockets_only(sim):
    async with sim.session.ws_connect(sim.ex.ws_url) as stock_ws, sim.session.ws_connect(sim.ex.ws_url) as fo_ws:
        await stock_ws.send_str(_sub(sim.token, "1", "AS1", ""))
        await fo_ws.send_str(_sub(sim.token, "1", "TC1", ""))
        assert (await _recv(stock_ws))["header"]["rsp_cd"] == "00000"
        assert (await _recv(fo_ws))["header"]["rsp_cd"] == "00000"
        n = sim.ex.push_account(sim.app_key, "futureoption", "TC1", {"svc_id": "HO01", "ordr_no": 34, "is_cd": "NQZ26"})
        assert n == 1
        push = await _recv(fo_ws)
        assert push["header"] == {"tr_cd": "TC1"}
        assert push["body"]["svc_id"] == "HO01" and push["body"]["ordr_no"] == "34"
        from app.ls.models import TC1

        assert set(TC1.Body.model_fields) <= set(push["body"])
        assert all(isinstance(v, str) for v in push["body"].values())
        with pytest.raises(asyncio.TimeoutError):
            await stock_ws.receive(timeout=0.2)
        assert sim.ex.push_account("someone-else", "futureoption", "TC1", {}) == 0


@pytest.mark.asyncio
async def test_bad_frames_get_error_frames_and_connection_stays(sim):
    async with sim.session.ws_connect(sim.ex.ws_url) as ws:
        for bad in ("not json", "[]", '{"header": 5}', json.dumps({"header": {}, "body": {}})):
            await ws.send_str(bad)
            frame = await _recv(ws)
            assert frame["header"]["rsp_cd"] != "00000"
        await ws.send_str(_sub("not-a-token", "3", "GSC", "82TSLA"))
        assert (await _recv(ws))["header"]["rsp_cd"] == "IGW00121"
        await ws.send_str(_sub(sim.token, "3", "GSC", "82NOSUCH"))
        assert (await _recv(ws))["header"]["rsp_cd"] != "00000"
        await ws.send_str(_sub(sim.token, "3", "XXX", "82TSLA"))
        assert (await _recv(ws))["header"]["rsp_cd"] != "00000"
        await ws.send_str(_sub(sim.token, "3", "GSC", "82TSLA".ljust(18)))
        assert (await _recv(ws))["header"]["rsp_cd"] == "00000"
        sim.ex.faults.expire_tokens()
        await ws.send_str(_sub(sim.token, "3", "GSH", "82TSLA".ljust(18)))
        assert (await _recv(ws))["header"]["rsp_cd"] == "IGW00123"
        assert not ws.closed


@pytest.mark.asyncio
async def test_each_option_strike_has_its_own_key_and_a_cut_key_gets_the_family(sim):
    market = sim.ex.market
    market.steps_per_second = 0
    options = [i.symbol for i in market.instruments("option")]
    a, b = options[0], next(s for s in options[1:] if s[:8] == options[0][:8])  # same series, another strike
    assert a != b and len({s.ljust(16) for s in options}) == len(options)
    async with sim.session.ws_connect(sim.ex.ws_url) as ws:
        await ws.send_str(_sub(sim.token, "3", "WOC", a.ljust(16)))
        assert (await _recv(ws))["header"]["rsp_cd"] == "00000"
        for _ in range(40):
            market.step(b)  # the other strike trades: nothing for this subscription
            market.step(a)
        push = await _until(ws, lambda f: f["header"].get("tr_cd") == "WOC" and f["body"])
        assert push["header"]["tr_key"] == a.ljust(16) and push["body"]["symbol"] == a
        await ws.send_str(_sub(sim.token, "4", "WOC", a.ljust(16)))
        await _until(ws, lambda f: f["header"].get("tr_type") == "4")
        # a client that cuts option codes to 8 characters gets every strike of that prefix,
        # each push under its own full key
        await ws.send_str(_sub(sim.token, "3", "WOC", a[:8]))
        assert (await _until(ws, lambda f: f["header"].get("tr_type") == "3"))["header"]["rsp_cd"] == "00000"
        seen = set()
        for _ in range(40):
            market.step(a)
            market.step(b)
        while seen != {a, b}:
            push = await _until(ws, lambda f: f["header"].get("tr_cd") == "WOC" and f["body"])
            assert push["header"]["tr_key"] == push["body"]["symbol"].ljust(16)
            seen.add(push["body"]["symbol"])
        await ws.send_str(_sub(sim.token, "3", "WOC", "2NOPE999_1"))
        assert (await _until(ws, lambda f: f["header"].get("tr_type") == "3"))["header"]["rsp_cd"] == "IGW40013"
