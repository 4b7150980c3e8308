"""Random and malformed bodies and headers at every path: always the LS envelope, server still up."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.loops import shut_down
from app.ls.models.catalog import REST
from app.sim.exchange import Exchange
from tests.sim.spec_requests import request_body

PATHS = sorted({i.path for i in REST.values()}) + ["/oauth2/token", "/oauth2/revoke", "/websocket", "/x", "/"]
TRS = sorted(REST) + ["", "g9999", "G3101", "../etc", "x" * 300]

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12), st.floats(allow_nan=False),
                         st.text(max_size=20))
json_values = st.recursive(json_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)), max_leaves=12)


@st.composite
def bodies(draw):
    kind = draw(st.sampled_from(["raw", "json", "spec", "mutated"]))
    tr = draw(st.sampled_from(TRS))
    if kind == "raw":
        return tr, draw(st.binary(max_size=200))
    if kind == "json":
        return tr, json.dumps(draw(json_values)).encode()
    base = request_body(tr, _MARKET, library=draw(st.booleans())) if tr in REST else {}
    if kind == "mutated" and base:
        block = next(iter(base))
        if isinstance(base[block], dict) and base[block]:
            field = draw(st.sampled_from(sorted(base[block])))
            base[block][field] = draw(json_values)
    return tr, json.dumps(base).encode()


_MARKET = None
_STATE: dict = {}


def _loop() -> asyncio.AbstractEventLoop:
    if "loop" not in _STATE:
        _STATE["loop"] = asyncio.new_event_loop()
    return _STATE["loop"]


@pytest.fixture(scope="module")
def fuzz_server(tmp_path_factory):
    """An exchange on a private loop that the synchronous hypothesis test drives."""
    global _MARKET
    loop = _loop()
    ex = Exchange(seed=11, db_path=tmp_path_factory.mktemp("fz") / "f.db", run_market=False)
    loop.run_until_complete(ex.start())
    ex.limiter.enabled = False
    _MARKET = ex.market

    async def setup():
        session = aiohttp.ClientSession()
        async with session.post(ex.rest_url + "/oauth2/token", data={"appkey": "fz", "appsecretkey": "s"}) as r:
            token = (await r.json())["access_token"]
        return session, token

    session, token = loop.run_until_complete(setup())
    yield ex, session, token
    loop.run_until_complete(session.close())
    loop.run_until_complete(ex.stop())
    shut_down(loop)  # (a connection's task that aiohttp's shutdown cancelled may still be pending)
    _STATE.clear()


async def _post(session, url, data, headers):
    async with session.post(url, data=data, headers=headers) as r:
        return r.status, r.headers.get("Content-Type", ""), await r.read()


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(case=bodies(), path=st.sampled_from(PATHS), good_token=st.booleans(),
       extra=st.dictionaries(st.sampled_from(["tr_cont", "tr_cont_key", "mac_address", "Content-Type"]),
                             st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=30),
                             max_size=3))
def test_fuzz_every_path(fuzz_server, case, path, good_token, extra):
    ex, session, token = fuzz_server
    tr, data = case
    if path == "/websocket":
        path = REST[tr].path if tr in REST else "/overseas-stock/market-data"
    headers = {"Content-Type": "application/json; charset=utf-8", "authorization": f"Bearer {token if good_token else 'x'}",
               "tr_cd": tr}
    headers.update(extra)
    status, ctype, raw = _loop().run_until_complete(_post(session, ex.rest_url + path, data, headers))
    assert ctype == "application/json; charset=utf-8", (status, raw[:200])
    body = json.loads(raw)
    assert status != 500 or set(body) == {"rsp_cd", "rsp_msg"}, body
    if status == 200 and path.startswith("/overseas"):
        assert body["rsp_cd"] and "rsp_msg" in body
        assert b"null" not in raw
    elif status >= 400 and not path.startswith("/oauth2"):
        assert set(body) == {"rsp_cd", "rsp_msg"} and body["rsp_cd"], body
    # the server still answers a good request
    good = request_body("g3101", ex.market)
    hdr = {"Content-Type": "application/json; charset=utf-8", "authorization": f"Bearer {token}", "tr_cd": "g3101"}
    status, _, _ = _loop().run_until_complete(_post(session, ex.rest_url + REST["g3101"].path,
                                                    json.dumps(good).encode(), hdr))
    assert status == 200
