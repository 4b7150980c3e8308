"""Exchange fidelity of the wire beyond test_fidelity's TR-by-TR checks: realtime price layouts
and blanks, the stock book's order counts, the HTTP response headers and the tokens' lifetime,
each against what the LS docs show (app/ls/data/spec.json, read here independently of the
exchange; test_fidelity_values holds the REST answer values).
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from tests.sim.spec_requests import spec
from tests.sim.test_fidelity import _frames

# LS's futures feed writes prices as "0." and the number right-aligned: "0. 14997.75", "0.    46.25"
PADDED = re.compile(r"0\.( *)(\d+(?:\.\d+)?)")


def padded_push_fields(tr_cd: str) -> dict[str, int]:
    """{field: width} of the push fields whose doc example value has the padded futures layout."""
    tr = spec()["websocket"]["trs"][tr_cd]
    body = tr["example_push"]["message"]["body"]
    out = {}
    for f in tr["push_body_fields"]:
        value = body.get(f["name"])
        if isinstance(value, str) and PADDED.fullmatch(value) and " " in value:
            out[f["name"]] = len(value)
    return out


async def _subscribe(sim, ws, quotes: dict[str, str]) -> None:
    for tr_cd, key in quotes.items():
        await ws.send_str(json.dumps({"header": {"token": sim.token, "tr_type": "3"},
                                      "body": {"tr_cd": tr_cd, "tr_key": key}}))


# ---- realtime price layouts ----

@pytest.mark.asyncio
async def test_futures_pushes_pad_prices_as_ls_does(sim):
    """OVC and OVH prices come as LS's doc example shows them ("0. 14997.75": '0.', then the
    price right-aligned in 9 characters) and still hold the exchange's price; the stock feed's
    (GSC "12.2100") and the options feed's stay plain, as their doc examples are."""
    widths = {tr: padded_push_fields(tr) for tr in ("OVC", "OVH", "GSC", "GSH")}
    assert set(widths["OVC"]) == {"curpr", "ydiffpr", "open", "high", "low"}
    assert set(widths["OVH"]) == {f"{side}ho{i}" for side in ("offer", "bid") for i in range(1, 6)}
    assert widths["GSC"] == widths["GSH"] == {}
    m = sim.ex.market
    fut = m.instruments("future")[0].symbol
    quotes = {"OVC": fut.ljust(8), "OVH": fut.ljust(8), "GSC": "82TSLA".ljust(18)}
    async with sim.session.ws_connect(sim.ex.ws_url) as ws:
        await _subscribe(sim, ws, quotes)
        await asyncio.sleep(0)
        for _ in range(30):
            m.step(fut)
            m.step("TSLA")
        frames = await _frames(ws, set(quotes))
    found = []
    for tr_cd in ("OVC", "OVH"):
        body = frames[tr_cd]["body"]
        for name, width in widths[tr_cd].items():
            value = body[name]
            if not (len(value) == width and PADDED.fullmatch(value)):
                found.append((tr_cd, name, f"'0.' + price in {width - 2}", value))
    assert not found, "\n".join(map(repr, found))
    inst, ovc, ovh = m.instrument(fut), frames["OVC"]["body"], frames["OVH"]["body"]
    numbers = {name: Decimal(PADDED.fullmatch(body[name]).group(2))
               for body, names in ((ovc, widths["OVC"]), (ovh, widths["OVH"])) for name in names}
    for name in ("curpr", "open", "high", "low", "offerho1", "bidho1"):  # the price inside is the exchange's
        assert numbers[name] % inst.tick_size == 0 and -numbers[name].as_tuple().exponent == inst.decimals, \
            (name, numbers[name])
    assert numbers["low"] <= numbers["curpr"] <= numbers["high"] and numbers["bidho1"] < numbers["offerho1"]
    gsc = frames["GSC"]["body"]
    assert re.fullmatch(r"\d+\.\d{4}", gsc["price"]), gsc["price"]  # the stock feed is plain


def blank_push_fields(tr_cd: str) -> set[str]:
    """Fields LS's own push example leaves blank (not the ones the spec's author filled in)."""
    example = spec()["websocket"]["trs"][tr_cd]["example_push"]
    source = example.get("source", "")
    filled = set(source.split("were filled:", 1)[1].replace(" ", "").split(",")) if "were filled:" in source else set()
    return {k for k, v in example["message"]["body"].items() if v == "" and k not in filled}


@pytest.mark.asyncio
async def test_quote_pushes_leave_blank_what_ls_leaves_blank(sim):
    """OVC's doc example has no buy/sell volume split (mdvolume, msvolume ""): LS's futures feed
    does not carry it; the exchange sent its own running totals. The stock pushes' examples
    leave nothing blank, so nothing is blanked there."""
    blanks = {tr: blank_push_fields(tr) for tr in ("GSC", "GSH", "OVC", "OVH")}
    assert blanks == {"GSC": set(), "GSH": set(), "OVC": {"mdvolume", "msvolume"}, "OVH": set()}
    m, fut = sim.ex.market, sim.ex.market.instruments("future")[0].symbol
    async with sim.session.ws_connect(sim.ex.ws_url) as ws:
        await _subscribe(sim, ws, {"OVC": fut.ljust(8), "GSC": "82TSLA".ljust(18)})
        await asyncio.sleep(0)
        for _ in range(30):
            m.step(fut)
            m.step("TSLA")
        frames = await _frames(ws, {"OVC", "GSC"})
    ovc = frames["OVC"]["body"]
    assert {k: ovc[k] for k in blanks["OVC"]} == dict.fromkeys(blanks["OVC"], "")
    assert int(ovc["totq"]) > 0 and all(frames["GSC"]["body"][k] for k in ("price", "totq", "amount"))


# ---- the trade push's session close day ----

async def _trade_push(sim, tr_cd: str, symbol: str, key: str) -> dict:
    """The body of the first ``tr_cd`` push of ``symbol`` traded at the exchange clock's time."""
    m = sim.ex.market
    async with sim.session.ws_connect(sim.ex.ws_url) as ws:
        await _subscribe(sim, ws, {tr_cd: key})
        ack = (await _frames(ws, {("ack", tr_cd, "3")}))[("ack", tr_cd, "3")]  # subscribed before the trades
        assert ack["header"]["rsp_cd"] == "00000", ack["header"]
        for _ in range(60):
            m.step(symbol)
        return (await _frames(ws, {tr_cd}))[tr_cd]["body"]


@pytest.mark.asyncio
async def test_trade_pushes_carry_the_session_close_day(sim):
    """OVC/WOC ovsmkend is 장마감일 (String 8): the day the trade's session closes, LS's 장마감
    being the session's end (o3128 mk_stime '170000', mk_etime '160000' on CME's clock). A CME
    trade at 16:55 closes with its own date, one at 17:05 with the next (Globex opens the next
    trade date's session in the evening); an HKEX trade with its own date (live frames quoted by
    third-party LS clients: HSIH24 at 13:47 HKT, 20240307 -> '20240307'). The exchange sent 'N',
    which only the spec's author wrote in, where LS's examples have no ovsmkend at all."""
    for tr_cd in ("OVC", "WOC"):
        tr = spec()["websocket"]["trs"][tr_cd]
        field = next(f for f in tr["push_body_fields"] if f["name"] == "ovsmkend")
        assert (field["korean"], field["type"], field["length"]) == ("장마감일", "String", "8")
        assert "filled: ovsmkend" in tr["example_push"]["source"]
    head = spec()["rest"]["trs"]["o3128"]["example_response"]["body"]["o3128OutBlock"]
    assert (head["mk_stime"], head["mk_etime"]) == ("170000", "160000")
    await sim.ex.market.stop()
    m, clock = sim.ex.market, sim.ex.clock
    es = next(i.symbol for i in m.instruments("future") if i.symbol.startswith("ES"))
    option = next(i.symbol for i in m.instruments("option") if i.exchange == "CME")
    hsi = next(i.symbol for i in m.instruments("future") if i.exchange == "HKEX")
    chicago = ZoneInfo("America/Chicago")
    now = datetime.fromtimestamp(clock.time(), chicago)
    five_to = now.replace(hour=16, minute=55, second=0, microsecond=0)
    if five_to <= now:
        five_to += timedelta(days=1)
    clock.advance(five_to.timestamp() - clock.time())
    # up to a day on: past the fixture's token lifetime when run between 16:55 and 17:05 Chicago
    # time, so a new token, as a client takes one when its token has expired
    sim.token = await sim.issue()
    found = []
    for when, symbol, tr_cd, key in (("16:55", es, "OVC", es.ljust(8)), ("17:05", es, "OVC", es.ljust(8)),
                                     ("17:05", option, "WOC", option.ljust(16)), ("17:05", hsi, "OVC", hsi.ljust(8))):
        if when == "17:05" and datetime.fromtimestamp(clock.time(), chicago).minute == 55:
            clock.advance(10 * 60)
        body = await _trade_push(sim, tr_cd, symbol, key)
        day = datetime.strptime(body["ovsdate"], "%Y%m%d")
        closes = day + timedelta(days=1) if m.instrument(symbol).exchange == "CME" and body["trdtm"] >= "170000" else day
        if body["ovsmkend"] != closes.strftime("%Y%m%d"):
            found.append((when, tr_cd, symbol, body["ovsdate"], body["trdtm"], body["ovsmkend"]))
    assert not found, found


# ---- HTTP response headers ----

async def _raw_head(port: int, request: bytes) -> tuple[str, dict[str, str]]:
    """Send raw bytes, return the answer's status line and headers (names lower-cased)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        await writer.drain()
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
    finally:
        writer.close()
    lines = head.decode("latin-1").split("\r\n")
    return lines[0], {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)}


@pytest.mark.asyncio
async def test_no_answer_names_the_server_software(sim):
    """LS's docs record no Server header for the gateway; the exchange must not advertise what it
    runs on (aiohttp's default 'Python/3.x aiohttp/3.y'): no Server header on any answer (token,
    TR success and error, unknown path, WebSocket upgrade, a request aiohttp itself refuses)."""
    ex = sim.ex
    headers = []
    form = {"grant_type": "client_credentials", "appkey": "nobody", "appsecretkey": "", "scope": "oob"}
    async with sim.session.post(ex.rest_url + "/oauth2/token", data=form) as r:
        assert r.status == 403
        headers.append(("token refused", r.headers))
    headers.append(("TR", (await sim.call("g3101", {"g3101InBlock": {
        "delaygb": "R", "keysymbol": "82TSLA", "exchcd": "82", "symbol": "TSLA"}}))[1]))
    headers.append(("TR error", (await sim.call("g3101", {}, token="bad"))[1]))
    async with sim.session.post(ex.rest_url + "/no/such/path", data=b"{}") as r:
        assert r.status == 404
        headers.append(("no path", r.headers))
    async with sim.session.post(ex.rest_url + "/oauth2/token", data=form | {"appkey": sim.app_key,
                                                                             "appsecretkey": sim.secret}) as r:
        assert r.status == 200
        headers.append(("token", r.headers))
    port = ex.port
    upgrade = (b"GET /websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
    status, ws_head = await _raw_head(port, upgrade)
    assert " 101 " in status, status
    headers.append(("websocket", ws_head))
    status, bad_head = await _raw_head(port, b"POST /oauth2/token HTTP/1.1\r\nHost: x\r\nContent-Length: zz\r\n\r\n")
    assert " 400 " in status, status
    headers.append(("malformed", bad_head))
    found = [(what, dict(h)) for what, h in headers
             if "server" in {k.lower() for k in h}
             or any(w in v.lower() for v in h.values() for w in ("aiohttp", "python"))]
    assert not found, found


# ---- token lifetime ----

def _claims(token: str) -> dict:
    import base64

    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


@pytest.mark.asyncio
async def test_tokens_end_at_seven_in_the_korean_morning(tmp_path):
    """LS's tokens (the JWTs in its doc examples) end at 06:59:59 KST the next morning, not 24 h
    after issue: iat 2023-06-15 07:47:45 KST, exp 2023-06-16 06:59:59, so expires_in 83534.
    The exchange issued 86400 s tokens; an explicit lifetime (the CLI's --token-lifetime, for
    tests of refresh) still gives exactly that."""
    import datetime as dt

    from app.sim.exchange import start_exchange
    from tests.sim.simclient import SimClient

    kst = dt.timezone(dt.timedelta(hours=9))
    ex = await start_exchange(seed=3, db_path=tmp_path / "s.db", run_market=False)
    client = SimClient(ex)
    await client.open()
    try:
        day = dt.datetime(2026, 12, 1, tzinfo=kst)
        for issued, ends in ((1686782865, 1686866399),  # the doc example's token: 83534 s
                             ((day + dt.timedelta(hours=6)).timestamp(), (day + dt.timedelta(hours=7)).timestamp() - 1),
                             ((day + dt.timedelta(hours=7)).timestamp(), (day + dt.timedelta(hours=31)).timestamp() - 1)):
            ex.clock.offset = issued - time.time()
            async with client.session.post(ex.rest_url + "/oauth2/token", data={
                    "grant_type": "client_credentials", "appkey": "k", "appsecretkey": "s", "scope": "oob"}) as r:
                body = await r.json()
            claims = _claims(body["access_token"])
            assert claims["exp"] == ends and issued <= claims["iat"] < issued + 5, claims
            assert body["expires_in"] == claims["exp"] - claims["iat"]
    finally:
        await client.close()
        await ex.stop()
    ex = await start_exchange(seed=3, db_path=tmp_path / "t.db", run_market=False, token_lifetime=600.0)
    client = SimClient(ex)
    await client.open()
    try:
        async with client.session.post(ex.rest_url + "/oauth2/token", data={
                "grant_type": "client_credentials", "appkey": "k", "appsecretkey": "s", "scope": "oob"}) as r:
            assert (await r.json())["expires_in"] == 600
    finally:
        await client.close()
        await ex.stop()


# ---- order counts of the stock book ----

def zero_count_fields(where: str, tr_cd: str) -> set[str]:
    """The count fields ("...cnt", "...no") of a stock book's doc example: every one is "0"."""
    if where == "rest":
        body = spec()["rest"]["trs"][tr_cd]["example_response"]["body"][f"{tr_cd}OutBlock"]
    else:
        body = spec()["websocket"]["trs"][tr_cd]["example_push"]["message"]["body"]
    names = {k for k in body if re.fullmatch(r"(offer|bid|totoffer|totbid)(cnt|no)\d*", k)}
    assert names and all(body[k] == "0" for k in names), {k: body[k] for k in names}
    return names


@pytest.mark.asyncio
async def test_stock_books_carry_no_order_counts(sim):
    """LS has no order counts for US stocks: g3106's and GSH's doc examples give "0" for every
    level's count and the totals (programgarden saw the same live), while the futures book
    (o3106, OVH) has them. The exchange sent its own counts for stocks too."""
    g3106_names, gsh_names = zero_count_fields("rest", "g3106"), zero_count_fields("ws", "GSH")
    assert len(g3106_names) == 22 and len(gsh_names) == 22
    status, _, answer = await sim.call("g3106", {"g3106InBlock": {
        "delaygb": "R", "keysymbol": "82TSLA", "exchcd": "82", "symbol": "TSLA"}})
    assert status == 200, answer
    book = answer["g3106OutBlock"]
    assert {k: book[k] for k in g3106_names} == dict.fromkeys(g3106_names, "0")
    assert book["offerrem1"] > 0 and book["bidrem2"] > 0  # the quantities are there
    m, fut = sim.ex.market, sim.ex.market.instruments("future")[0].symbol
    async with sim.session.ws_connect(sim.ex.ws_url) as ws:
        await _subscribe(sim, ws, {"GSH": "82TSLA".ljust(18), "OVH": fut.ljust(8)})
        await asyncio.sleep(0)
        for _ in range(10):
            m.step("TSLA")
            m.step(fut)
        frames = await _frames(ws, {"GSH", "OVH"})
    gsh, ovh = frames["GSH"]["body"], frames["OVH"]["body"]
    assert {k: gsh[k] for k in gsh_names} == dict.fromkeys(gsh_names, "0")
    assert int(gsh["offerrem1"]) > 0 and int(ovh["totoffercnt"]) > 0  # futures keep their counts

