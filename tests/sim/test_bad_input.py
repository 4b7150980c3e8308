"""Bad input as a buggy bot sends it: each gets its own precise LS-style answer, nothing is placed,
nothing is echoed back, and the exchange logs no traceback."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest

COSAT = {"RecCnt": 1, "OrdPtnCode": "02", "OrgOrdNo": None, "OrdMktCode": "82", "IsuNo": "TSLA",
         "OrdQty": 1, "OvrsOrdPrc": 100.0, "OrdprcPtnCode": "00", "BrkTpCode": ""}
SECRET = b"SECRETBYTES-7f3a"


def order(**changes) -> dict:
    return {"COSAT00301InBlock1": {**COSAT, **changes}}


@pytest.fixture
def no_tracebacks(caplog):
    caplog.set_level(logging.DEBUG)
    yield
    traced = [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()]
    assert not traced, [r.getMessage() for r in traced]


@pytest.mark.asyncio
@pytest.mark.parametrize("field,value,label", [
    ("OrdQty", True, "OrdQty"), ("OrdQty", False, "OrdQty"), ("OrdQty", 1.5, "OrdQty"),
    ("OrdQty", "2.5", "OrdQty"), ("OrdQty", "lots", "OrdQty"), ("OvrsOrdPrc", True, "OvrsOrdPrc"),
    ("RecCnt", True, "RecCnt"),
])
async def test_booleans_and_fractions_in_numbers_are_refused(sim, no_tracebacks, field, value, label):
    status, _, body = await sim.call("COSAT00301", order(**{field: value}))
    assert status == 500 and body["rsp_cd"] == "IGW40011" and f"({label})" in body["rsp_msg"], body
    assert sim.ex.broker.orders_of(sim.app_key, "stock") == []  # nothing was placed


@pytest.mark.asyncio
async def test_a_huge_price_is_a_price_error(sim, no_tracebacks):
    for price in (1e308, 1e10, -1.0):
        status, _, body = await sim.call("COSAT00301", order(OvrsOrdPrc=price))
        assert (status, body["rsp_cd"]) == (500, "02714"), (price, body)
    fut = sim.ex.market.instruments("future")[0].symbol
    status, _, body = await sim.call("CIDBT00100", {"CIDBT00100InBlock1": {
        "RecCnt": 1, "OrdDt": "", "IsuCodeVal": fut, "FutsOrdTpCode": "1", "BnsTpCode": "2",
        "AbrdFutsOrdPtnCode": "2", "CrcyCode": "", "OvrsDrvtOrdPrc": 1e308, "CndiOrdPrc": 0, "OrdQty": 1,
        "PrdtCode": "", "DueYymm": "", "ExchCode": ""}})
    assert (status, body["rsp_cd"]) == (500, "02714"), body
    assert sim.ex.broker.orders_of(sim.app_key, "stock") == sim.ex.broker.orders_of(sim.app_key, "future") == []


@pytest.mark.asyncio
async def test_a_body_over_the_limit_is_too_large(sim, no_tracebacks):
    raw = json.dumps(order(BrkTpCode="x" * (3 << 20))).encode()
    status, _, body = await sim.call("COSAT00301", None, raw=raw)
    assert (status, body["rsp_cd"]) == (413, "IGW40014") and "1 MB" in body["rsp_msg"]


@pytest.mark.asyncio
@pytest.mark.parametrize("depth", [17, 1000, 5000])
async def test_deep_nesting_has_its_own_error(sim, no_tracebacks, depth):
    raw = ('{"COSAT00301InBlock1": {"IsuNo": ' + "[" * depth + "]" * depth + "}}").encode()
    status, _, body = await sim.call("COSAT00301", None, raw=raw)
    assert (status, body["rsp_cd"]) == (500, "IGW40016"), body
    status, _, body = await sim.call("COSAT00301", order())  # the exchange is fine afterwards
    assert status == 200, body


RAW = {
    "request line": (b"GARBAGE /x HTTP/1.1 " + SECRET + b"\r\nHost: x\r\n\r\n", 400, "request line"),
    "method bytes": (b"G\x01T /" + SECRET + b" HTTP/1.1\r\nHost: x\r\n\r\n", 400, "request line"),
    "chunked": (b"POST /overseas-stock/market-data HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + SECRET + b"\r\nabc\r\n0\r\n\r\n", 400, "chunked"),
    "20 KB header": (b"POST /overseas-stock/market-data HTTP/1.1\r\nHost: x\r\nX-Big: " + SECRET * 1300
                     + b"\r\n\r\n", 431, "8 KB"),
    "Content-Length -1": (b"POST /overseas-stock/market-data HTTP/1.1\r\nHost: x\r\nX-S: " + SECRET
                          + b"\r\nContent-Length: -1\r\n\r\n{}", 400, "Content-Length"),
}


@pytest.mark.asyncio
@pytest.mark.parametrize("case", sorted(RAW))
async def test_malformed_http_gets_the_envelope_and_no_echo(sim, no_tracebacks, case):
    raw, status, words = RAW[case]
    reader, writer = await asyncio.open_connection("127.0.0.1", sim.ex.port)
    try:
        writer.write(raw)
        await writer.drain()
        answer = await asyncio.wait_for(reader.read(), 10)
    finally:
        writer.close()
    head, _, payload = answer.partition(b"\r\n\r\n")
    assert head.split(b" ")[1] == str(status).encode(), head
    assert b"Content-Type: application/json" in head
    body = json.loads(payload)
    assert set(body) == {"rsp_cd", "rsp_msg"} and words in body["rsp_msg"]
    assert SECRET not in answer and b"GARBAGE" not in answer


def test_the_clients_in_blocks_refuse_booleans_and_fractions_too():
    from pydantic import ValidationError

    from app.ls.models.COSAT00301 import COSAT00301InBlock1

    for changes in ({"OrdQty": True}, {"OrdQty": 1.5}, {"OrdQty": "2.5"}, {"OvrsOrdPrc": True}):
        with pytest.raises(ValidationError) as err:
            COSAT00301InBlock1(**{**COSAT, "OrgOrdNo": 0, **changes})
        assert next(iter(changes)) in str(err.value)
    assert COSAT00301InBlock1(**{**COSAT, "OrgOrdNo": 0, "OrdQty": "3"}).OrdQty == 3
