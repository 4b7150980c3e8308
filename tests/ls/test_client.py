"""The REST client against a scripted LS server over real HTTP: envelope, tokens, errors, paging."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest
import pytest_asyncio

from app.ls import (
    LS,
    COSAQ00102,
    COSAT00301,
    AuthError,
    Endpoints,
    LSBusinessError,
    RateLimitError,
    ResponseFormatError,
    SetupOptions,
    TransportError,
    g3101,
    g3102,
)
from tests.ls.spec_server import REST, SpecServer, ThreadedSpecServer

KEY, SECRET = "PSabcdefghijklmnopqrstuvwxyz012345", "SECRETabcdefghijklmnopqrstuvwxyz0123"


@pytest_asyncio.fixture
async def server():
    srv = await SpecServer().start()
    yield srv
    await srv.stop()


@pytest_asyncio.fixture
async def ls(server):
    client = LS(Endpoints.local(server.port))
    assert await client.async_login(KEY, SECRET)
    yield client
    await client.aclose()


def tsla_block():
    return g3101.G3101InBlock(keysymbol="82TSLA", exchcd="82", symbol="TSLA")


@pytest.mark.asyncio
async def test_request_envelope_is_exactly_as_specified(ls, server):
    resp = await ls.overseas_stock().market().현재가조회(tsla_block()).req_async()
    assert isinstance(resp, g3101.Response)
    assert resp.block.symbol == REST["g3101"]["example_response"]["body"]["g3101OutBlock"]["symbol"]
    tr_cd, headers, body = server.calls[-1]
    assert tr_cd == "g3101"
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    assert headers["authorization"] == f"Bearer {server.current_token}"
    assert (headers["tr_cont"], headers["tr_cont_key"], headers["mac_address"]) == ("N", "", "")
    assert body == {"g3101InBlock": {"delaygb": "R", "keysymbol": "82TSLA", "exchcd": "82", "symbol": "TSLA"}}


def test_sync_api_from_a_script():
    threaded = ThreadedSpecServer()
    server = threaded.server
    client = LS(Endpoints.local(server.port))
    assert client.login(KEY, SECRET)
    resp = client.overseas_stock().market().g3101(tsla_block()).req()
    assert resp.rsp_cd == "00000"
    client.close()
    threaded.stop()
    assert server.revoked == 1


@pytest.mark.asyncio
async def test_bad_key_is_a_clear_login_failure(server):
    client = LS(Endpoints.local(server.port))
    assert not await client.async_login("BADKEY", SECRET)
    assert "유효하지 않은 AppKey입니다." in client.last_error
    await client.aclose()


@pytest.mark.asyncio
async def test_invalid_token_refreshes_once_and_retries(ls, server):
    server.current_token = "rotated-by-server"
    resp = await ls.overseas_stock().market().g3101(tsla_block()).req_async()
    assert resp.rsp_cd == "00000"
    assert server.issued == 2


@pytest.mark.asyncio
async def test_concurrent_callers_share_one_refresh(ls, server):
    ls.overseas_stock().tokens.invalidate()
    server.current_token = "gone"
    market = ls.overseas_stock().market()
    opts = SetupOptions(100, 1.0)
    results = await asyncio.gather(*(market.g3101(tsla_block(), opts).req_async() for _ in range(10)))
    assert all(r.rsp_cd == "00000" for r in results)
    assert server.issued == 2  # login + one shared refresh


@pytest.mark.asyncio
async def test_query_is_retried_after_a_dropped_connection(ls, server):
    server.drop_next = 1
    resp = await ls.overseas_stock().market().g3101(tsla_block()).req_async()
    assert resp.rsp_cd == "00000"
    assert [c[0] for c in server.calls] == ["g3101", "g3101"]


def order_block():
    return COSAT00301.COSAT00301InBlock1(OrdPtnCode="02", OrdMktCode="82", IsuNo="TSLA", OrdQty=1,
                                         OvrsOrdPrc="250.5", OrdprcPtnCode="00")


@pytest.mark.asyncio
async def test_an_order_is_never_resent_after_a_lost_answer(ls, server):
    server.drop_next = 1
    with pytest.raises(TransportError):
        await ls.overseas_stock().order().COSAT00301(order_block()).req_async()
    assert [c[0] for c in server.calls] == ["COSAT00301"]


RATE_REFUSAL = {"rsp_cd": "IGW00201", "rsp_msg": "호출 거래건수를 초과하였습니다."}


@pytest.mark.asyncio
async def test_an_order_refused_by_the_rate_limit_is_sent_again_and_logged(ls, server, caplog):
    """IGW00201 is the gateway refusing before the broker saw the order: safe to send again."""
    server.queue("COSAT00301", 500, RATE_REFUSAL)
    server.queue("COSAT00301", 500, RATE_REFUSAL)
    with caplog.at_level(logging.WARNING, logger="app.ls.client"):
        resp = await ls.overseas_stock().order().COSAT00301(
            order_block(), SetupOptions(10, 0.05)).req_async()
    assert resp.rsp_cd == REST["COSAT00301"]["example_response"]["body"]["rsp_cd"]
    assert [c[0] for c in server.calls] == ["COSAT00301"] * 3
    assert [c[2] for c in server.calls][0] == [c[2] for c in server.calls][2]  # the same order
    assert sum("IGW00201" in r.getMessage() for r in caplog.records) == 2


@pytest.mark.asyncio
async def test_rate_limit_refusals_are_sent_again_only_within_a_bound(ls, server):
    for _ in range(10):
        server.queue("COSAT00301", 500, RATE_REFUSAL)
    with pytest.raises(RateLimitError) as err:
        await ls.overseas_stock().order().COSAT00301(order_block(), SetupOptions(10, 0.02)).req_async()
    assert err.value.rsp_cd == "IGW00201" and not err.value.local
    assert len(server.calls) == 6  # the first and five more


@pytest.mark.asyncio
async def test_stop_mode_reports_a_server_rate_limit_at_once(ls, server):
    server.queue("COSAT00301", 500, RATE_REFUSAL)
    with pytest.raises(RateLimitError):
        await ls.overseas_stock().order().COSAT00301(order_block(), SetupOptions(10, 1.0, "stop")).req_async()
    assert len(server.calls) == 1


@pytest.mark.asyncio
async def test_server_rate_limit_on_a_query_waits_and_retries(ls, server):
    server.queue("g3101", 500, {"rsp_cd": "IGW00201", "rsp_msg": "호출 거래건수를 초과하였습니다."})
    resp = await ls.overseas_stock().market().g3101(tsla_block(), SetupOptions(10, 0.1)).req_async()
    assert resp.rsp_cd == "00000"
    assert len(server.calls) == 2


@pytest.mark.asyncio
async def test_local_limit_stop_raises_before_sending(ls, server):
    market = ls.overseas_stock().market()
    opts = SetupOptions(1, 5.0, "stop", "test-stop")
    await market.g3101(tsla_block(), opts).req_async()
    with pytest.raises(RateLimitError) as err:
        await market.g3101(tsla_block(), opts).req_async()
    assert err.value.local
    assert len(server.calls) == 1


@pytest.mark.asyncio
async def test_business_error_carries_tr_code_and_message(ls, server):
    server.queue("COSAT00301", 500, {"rsp_cd": "IGW40011", "rsp_msg": "주문수량(OrdQty) data type을 확인하세요."})
    with pytest.raises(LSBusinessError) as err:
        await ls.overseas_stock().order().COSAT00301(order_block()).req_async()
    assert (err.value.tr_cd, err.value.rsp_cd) == ("COSAT00301", "IGW40011")
    assert "OrdQty" in err.value.rsp_msg


@pytest.mark.asyncio
async def test_unreadable_answer_is_a_format_error(ls, server):
    server.queue("g3101", 200, {"g3101OutBlock": {"price": {"not": "a number"}}, "rsp_cd": "00000"})
    with pytest.raises(ResponseFormatError):
        await ls.overseas_stock().market().g3101(tsla_block()).req_async()


@pytest.mark.asyncio
async def test_cursor_paging_copies_the_cursor_and_moves_the_headers(ls, server):
    example = REST["g3102"]["example_response"]["body"]
    for i, cont in enumerate(["Y", "Y", "N"]):
        page = json.loads(json.dumps(example))
        page["g3102OutBlock"]["cts_seq"] = 1000 + i
        server.queue("g3102", 200, page, tr_cont=cont, tr_cont_key=f"k{i}" if cont == "Y" else "")
    block = g3102.G3102InBlock(keysymbol="82TSLA", exchcd="82", symbol="TSLA", readcnt=30)
    seen = []
    pages = await ls.overseas_stock().market().g3102(block).occurs_req_async(
        lambda resp, status: seen.append((status.value, resp is not None)))
    assert len(pages) == 3
    assert seen == [("response", True)] * 3 + [("complete", False)]
    sent = [(c[1]["tr_cont"], c[1]["tr_cont_key"], c[2]["g3102InBlock"]["cts_seq"]) for c in server.calls]
    assert sent == [("N", "", 0), ("Y", "k0", 1000), ("Y", "k1", 1001)]


@pytest.mark.asyncio
async def test_header_only_paging_resends_the_same_body(ls, server):
    example = REST["COSAQ00102"]["example_response"]["body"]
    server.queue("COSAQ00102", 200, example, tr_cont="Y", tr_cont_key="p1")
    server.queue("COSAQ00102", 200, example, tr_cont="Y", tr_cont_key="p1")  # repeated key: stop
    body = REST["COSAQ00102"]["example_request"]["body"]
    req = COSAQ00102.Request.model_validate(body)
    pages = [p async for p in ls.overseas_stock().accno().cosaq00102(req).pages()]
    assert len(pages) == 2
    assert server.calls[0][2] == server.calls[1][2] == body
    assert server.calls[1][1]["tr_cont_key"] == "p1"


@pytest.mark.asyncio
async def test_secrets_never_reach_a_log_record(server, caplog):
    caplog.set_level(logging.DEBUG)
    client = LS(Endpoints.local(server.port))
    assert await client.async_login(KEY, SECRET)
    await client.overseas_stock().market().g3101(tsla_block()).req_async()
    logging.getLogger("test").info("leak? %s %s %s", KEY, SECRET, server.current_token)
    await client.aclose()
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "logged in" in text
    for secret in (KEY, SECRET, server.current_token):
        assert secret not in text


@pytest.mark.asyncio
async def test_token_refused_twice_is_an_auth_error(ls, server):
    for _ in range(2):
        server.queue("g3101", 500, {"rsp_cd": "IGW00123", "rsp_msg": "기간이 만료된 token 입니다."})
    with pytest.raises(AuthError):
        await ls.overseas_stock().market().g3101(tsla_block()).req_async()


@pytest.mark.asyncio
async def test_cursor_paging_stops_when_neither_key_nor_cursor_moves(ls, server):
    example = REST["g3102"]["example_response"]["body"]
    for _ in range(6):
        page = json.loads(json.dumps(example))
        page["g3102OutBlock"]["cts_seq"] = 777  # the server keeps answering the same position
        server.queue("g3102", 200, page, tr_cont="Y", tr_cont_key="same")
    block = g3102.G3102InBlock(keysymbol="82TSLA", exchcd="82", symbol="TSLA", readcnt=30)
    opts = SetupOptions(100, 1.0)
    pages = [p async for p in ls.overseas_stock().market().g3102(block, opts).pages()]
    assert len(pages) == 2  # the third request would repeat the second exactly
    assert len(server.calls) == 2


@pytest.mark.asyncio
async def test_an_accepted_order_reaches_the_caller_even_if_the_limiter_fails_to_release(server, caplog):
    from app.ls.ratelimit import MemoryRateLimiter

    class BrokenStore(MemoryRateLimiter):
        async def release(self, slot, margin=0.0):
            raise ConnectionError("redis went away")

    client = LS(Endpoints.local(server.port), rate_limiter=BrokenStore())
    assert await client.async_login(KEY, SECRET)
    with caplog.at_level(logging.WARNING, logger="app.ls.client"):
        resp = await client.overseas_stock().order().COSAT00301(order_block()).req_async()
    assert resp.block2 is not None and len(server.calls) == 1
    assert "not released" in caplog.text
    await client.aclose()
