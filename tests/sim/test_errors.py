"""Gateway errors: tokens, rate limits, bad TRs/paths/bodies, and the exact bytes of the headers."""

from __future__ import annotations

import asyncio
import json

import pytest

from app.ls.models.catalog import REST
from tests.sim.spec_requests import request_body

G3101 = {"g3101InBlock": {"delaygb": "R", "keysymbol": "82TSLA", "exchcd": "82", "symbol": "TSLA"}}


def _is_envelope(body: dict) -> bool:
    return set(body) == {"rsp_cd", "rsp_msg"} and all(isinstance(v, str) and v for v in body.values())


@pytest.mark.asyncio
async def test_token_issue_and_bad_key(sim):
    async with sim.session.post(sim.ex.rest_url + "/oauth2/token", data={
            "grant_type": "client_credentials", "appkey": "k", "appsecretkey": "s", "scope": "oob"}) as r:
        body = await r.json()
        assert r.status == 200 and r.headers["Content-Type"] == "application/json; charset=utf-8"
        assert body["token_type"] == "Bearer" and body["scope"] == "oob"
        assert isinstance(body["expires_in"], int) and body["expires_in"] > 3600
        assert body["access_token"].count(".") == 2
    for form in ({"appkey": "", "appsecretkey": "s"}, {"appkey": "k"}, {}):
        async with sim.session.post(sim.ex.rest_url + "/oauth2/token", data=form) as r:
            assert r.status == 403
            assert await r.json() == {"error_code": "IGW00103", "error_description": "유효하지 않은 AppKey입니다."}


@pytest.mark.asyncio
async def test_invalid_expired_and_revoked_tokens(sim):
    status, _, body = await sim.call("g3101", G3101, token="garbage")
    assert status == 500 and body["rsp_cd"] == "IGW00121" and _is_envelope(body)
    status, _, body = await sim.call("g3101", G3101, token="")
    assert status == 500 and body["rsp_cd"] == "IGW00121"
    status, _, _ = await sim.call("g3101", G3101)
    assert status == 200
    sim.ex.clock.advance(86400 + 1)
    status, _, body = await sim.call("g3101", G3101)
    assert status == 500 and body == {"rsp_cd": "IGW00123", "rsp_msg": "기간이 만료된 token 입니다."}
    sim.ex.clock.advance(-(86400 + 1))
    token = await sim.issue()
    async with sim.session.post(sim.ex.rest_url + "/oauth2/revoke", data={
            "appkey": sim.app_key, "appsecretkey": sim.secret, "token": token, "token_type_hint": "access_token"}) as r:
        assert r.status == 200 and (await r.json())["code"] == 200
    status, _, body = await sim.call("g3101", G3101, token=token)
    assert body["rsp_cd"] == "IGW00121"


@pytest.mark.asyncio
async def test_short_token_lifetime(tmp_path):
    from app.sim.exchange import start_exchange
    from tests.sim.simclient import SimClient

    ex = await start_exchange(seed=3, db_path=tmp_path / "s.db", token_lifetime=1.0, run_market=False)
    client = SimClient(ex)
    try:
        await client.open()
        assert (await client.call("g3101", G3101))[0] == 200
        await asyncio.sleep(1.1)
        status, _, body = await client.call("g3101", G3101)
        assert status == 500 and body["rsp_cd"] == "IGW00123"
    finally:
        await client.close()
        await ex.stop()


@pytest.mark.asyncio
async def test_rate_limit_igw00201_under_load(sim):
    sim.ex.limiter.enabled = True
    results = await asyncio.gather(*(sim.call("g3101", G3101) for _ in range(12)))
    ok = [r for r in results if r[0] == 200]
    limited = [r for r in results if r[0] == 500]
    assert len(ok) == REST["g3101"].rate_calls  # 3 per second
    assert limited and all(r[2] == {"rsp_cd": "IGW00201", "rsp_msg": "호출 거래건수를 초과하였습니다."} for r in limited)
    # limits are per token: a second token has its own budget
    other = await sim.issue()
    assert (await sim.call("g3101", G3101, token=other))[0] == 200
    await asyncio.sleep(1.05)
    assert (await sim.call("g3101", G3101))[0] == 200


@pytest.mark.asyncio
async def test_bad_requests_get_the_envelope(sim):
    cases = [
        dict(tr_cd="g9999", body=G3101),  # unknown TR
        dict(tr_cd="g3101", body=G3101, path="/overseas-stock/chart"),  # TR on the wrong path
        dict(tr_cd="g3101", body=None, raw=b"{not json"),  # malformed JSON
        dict(tr_cd="g3101", body={"g3101InBlock": {"keysymbol": 5}}),  # missing / mistyped fields
        dict(tr_cd="g3101", body={"g3101InBlock": {**G3101["g3101InBlock"], "exchcd": "99"}}),
        dict(tr_cd="g3101", body=[1, 2, 3]),
        dict(tr_cd="g3101", body={"g3101InBlock": {**G3101["g3101InBlock"], "symbol": "NOPE", "keysymbol": "82NOPE"}}),
        dict(tr_cd="g3102", body={"g3102InBlock": {"keysymbol": "82TSLA", "symbol": "TSLA", "exchcd": "82",
                                                   "readcnt": "many", "cts_seq": 0}}),
        dict(tr_cd="o3105", body={"o3105InBlock": {"symbol": "ZZZ99"}}),
    ]
    for case in cases:
        status, headers, body = await sim.call(**case)
        assert status >= 400 and _is_envelope(body), (case, status, body)
        assert headers["Content-Type"] == "application/json; charset=utf-8"
    status, _, body = await sim.call("g3102", {"g3102InBlock": {
        "keysymbol": "82TSLA", "symbol": "TSLA", "exchcd": "82", "readcnt": "many", "cts_seq": 0}})
    assert body["rsp_cd"] == "IGW40011" and "readcnt" in body["rsp_msg"]
    async with sim.session.get(sim.ex.rest_url + "/no/such/path") as r:
        assert r.status == 404 and _is_envelope(await r.json())
    async with sim.session.get(sim.ex.rest_url + "/overseas-stock/market-data") as r:
        assert r.status in (404, 405) and _is_envelope(await r.json())
    assert (await sim.call("g3101", G3101))[0] == 200  # still serving


@pytest.mark.asyncio
async def test_nulls_in_request_are_accepted(sim):
    body = request_body("o3108", sim.ex.market, library=True)
    body["o3108InBlock"]["cts_date"] = None
    status, _, answer = await sim.call("o3108", body)
    assert status == 200, answer


@pytest.mark.asyncio
async def test_header_names_keep_their_case_on_the_wire(sim):
    """Read the raw response bytes: 'Content-Type', 'tr_cd', 'tr_cont', 'tr_cont_key' exactly."""
    payload = json.dumps(G3101).encode()
    head = (f"POST /overseas-stock/market-data HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"content-type: application/json; charset=utf-8\r\nAUTHORIZATION: Bearer {sim.token}\r\n"
            f"TR_CD: g3101\r\ntr_cont: N\r\ntr_cont_key: \r\nContent-Length: {len(payload)}\r\n"
            f"Connection: close\r\n\r\n").encode()
    reader, writer = await asyncio.open_connection("127.0.0.1", sim.ex.port)
    writer.write(head + payload)
    await writer.drain()
    raw = await reader.read()
    writer.close()
    header_block = raw.split(b"\r\n\r\n", 1)[0].decode()
    lines = header_block.split("\r\n")
    assert lines[0].startswith("HTTP/1.1 200")
    names = [line.split(":", 1)[0] for line in lines[1:]]
    for name in ("Content-Type", "tr_cd", "tr_cont", "tr_cont_key"):
        assert name in names, names
    assert "Content-Type: application/json; charset=utf-8" in lines
    assert "tr_cd: g3101" in lines and "tr_cont: N" in lines


def test_token_store_forgets_tokens_a_day_after_they_expire():
    from app.sim.clock import Clock
    from app.sim.tokens import PRUNE_AFTER, TokenStore

    clock = Clock()
    store = TokenStore(clock, lifetime=60)
    old = store.issue("k").token
    clock.advance(60 + PRUNE_AFTER + 1)
    for _ in range(256):
        store.issue("k")
    assert store.lookup(old) == (None, "invalid")
    assert len(store.tokens_of("k")) == 256


@pytest.mark.asyncio
async def test_token_requests_are_rate_limited_per_app_key(tmp_path):
    import aiohttp

    from app.sim.exchange import start_exchange

    ex = await start_exchange(seed=1, db_path=tmp_path / "t.sqlite", port=0)
    try:
        form = {"grant_type": "client_credentials", "appkey": "burst-key", "appsecretkey": "s", "scope": "oob"}
        async with aiohttp.ClientSession() as http:
            async def ask(appkey: str) -> tuple[int, str | None]:
                async with http.post(ex.rest_url + "/oauth2/token", data={**form, "appkey": appkey}) as r:
                    return r.status, (await r.json()).get("rsp_cd")

            # sent together, so that all 11 arrive within the second however slow the machine
            # (one after the other, a loaded machine took over a second for them)
            statuses = await asyncio.gather(*(ask("burst-key") for _ in range(11)))
            assert await ask("other-key") == (200, None)  # per app key
        assert sorted(statuses, key=str) == [(200, None)] * 10 + [(500, "IGW00201")]
    finally:
        await ex.stop()
