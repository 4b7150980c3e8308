"""The client core against the embedded exchange over real sockets: every TR, paging, tokens, limits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import pytest_asyncio

from app.ls import LS, Endpoints, RateLimitError, SetupOptions
from app.ls.client import tr_module
from app.ls.models.catalog import REST
from app.sim.exchange import start_exchange

SPEC = json.loads((Path(__file__).resolve().parents[2] / "app/ls/data/spec.json").read_text("utf-8"))
EXAMPLE_FUTURES = ("ADM23", "CUSN23", "HSIM23", "NQU23")
FAST = SetupOptions(1000, 1.0)
KEY, SECRET = "E2E-APPKEY-000000000000000000000000", "E2E-SECRET-00000000000000000000000"


pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def exchange(tmp_path_factory):
    db = tmp_path_factory.mktemp("e2e") / "e2e.sqlite"
    ex = await start_exchange(seed=11, db_path=db, port=0, rate_limits=False)
    yield ex
    await ex.stop()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def ls(exchange):
    client = LS(Endpoints(exchange.rest_url, exchange.ws_url, "demo"))
    assert await client.async_login(KEY, SECRET), client.last_error
    yield client
    await client.aclose()


def group_of(ls: LS, tr_cd: str):
    info = REST[tr_cd]
    product = ls.overseas_stock() if info.product == "stock" else ls.overseas_futureoption()
    return getattr(product, {"account": "accno"}.get(info.category, info.category))()


async def a_future(ls: LS) -> str:
    master = await ls.overseas_futureoption().market().o3101(body={"o3101InBlock": {"gubun": "1"}}).req_async()
    return master.block[0].Symbol


def example_body(tr_cd: str, future: str) -> dict:
    """The spec's example request, with its 2023 contract replaced by one the exchange lists."""
    text = json.dumps(SPEC["rest"]["trs"][tr_cd]["example_request"]["body"], ensure_ascii=False)
    for old in EXAMPLE_FUTURES:
        text = text.replace(old, future)
    return json.loads(text)


MARKET_TRS = sorted(tr for tr, info in REST.items() if info.category in ("market", "chart"))
ACCOUNT_TRS = sorted(tr for tr, info in REST.items() if info.category == "account")
PAGING_TRS = sorted(tr for tr in MARKET_TRS + ACCOUNT_TRS if REST[tr].paging != "none")


@pytest.mark.parametrize("tr_cd", MARKET_TRS + ACCOUNT_TRS)
async def test_every_query_tr_answers_typed(ls, tr_cd):
    future = await a_future(ls)
    module = tr_module(tr_cd)
    request = module.Request.model_validate(example_body(tr_cd, future))
    resp = await group_of(ls, tr_cd)._request(tr_cd, request, FAST).req_async()
    assert isinstance(resp, module.Response)
    assert resp.rsp_cd in {"00000", "00001", "00136", "00200", "00707", "02679"}, (resp.rsp_cd, resp.rsp_msg)
    assert resp.tr_cont in ("Y", "N")


@pytest.mark.parametrize("tr_cd", PAGING_TRS)
async def test_paging_trs_page_to_the_end(ls, tr_cd):
    future = await a_future(ls)
    module = tr_module(tr_cd)
    body = example_body(tr_cd, future)
    block = next(iter(body.values()))
    for count_field in ("qrycnt", "readcnt"):  # big pages: the point is reaching the end
        if count_field in block:
            block[count_field] = 500
    request = module.Request.model_validate(body)
    pages = [p async for p in group_of(ls, tr_cd)._request(tr_cd, request, FAST).pages(max_pages=60)]
    assert pages, tr_cd
    assert pages[-1].tr_cont == "N", f"{tr_cd}: still more after {len(pages)} pages"


async def test_expired_token_is_refreshed_transparently(tmp_path):
    ex = await start_exchange(seed=2, db_path=tmp_path / "t.sqlite", port=0, token_lifetime=3600)
    try:
        ls = LS(Endpoints(ex.rest_url, ex.ws_url, "demo"))
        assert await ls.async_login(KEY, SECRET)
        ex.faults.expire_tokens()  # the server forgets every token it issued
        resp = await ls.overseas_stock().market().g3101(
            {"g3101InBlock": {"keysymbol": "82AAPL", "exchcd": "82", "symbol": "AAPL"}}).req_async()
        assert resp.block.symbol == "AAPL"
        await ls.aclose()
    finally:
        await ex.stop()


async def test_server_side_rate_limit_is_igw00201_and_stop_raises(tmp_path):
    ex = await start_exchange(seed=2, db_path=tmp_path / "r.sqlite", port=0, rate_limits=True)
    try:
        ls = LS(Endpoints(ex.rest_url, ex.ws_url, "demo"))
        assert await ls.async_login(KEY, SECRET)
        # bypass our own limiter, ask the server to enforce its own, and refuse to wait
        greedy = SetupOptions(1000, 1.0, "stop", "greedy")
        market = ls.overseas_futureoption().market()
        with pytest.raises(RateLimitError) as err:
            for _ in range(20):
                await market.o3101(body={"o3101InBlock": {"gubun": "1"}}, options=greedy).req_async()
        assert err.value.rsp_cd == "IGW00201" and not err.value.local
        await ls.aclose()
    finally:
        await ex.stop()
