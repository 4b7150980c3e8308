"""The seed-shaped realtime objects (StockReal / FuturesReal) over a real socket."""

from __future__ import annotations

import asyncio

import pytest
import pytest_asyncio

from app.ls.facade_real import FuturesReal, StockReal
from app.ls.models import AS0, GSC, OVC, TC1
from app.ls.models.catalog import REAL
from app.ls.realtime import RealtimeSession, SessionState
from tests.ls.ws_fixture import WsFixture


async def token() -> str:
    return "tok"


async def until(predicate, timeout: float = 5.0) -> None:
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.005)


@pytest_asyncio.fixture
async def server():
    async with WsFixture() as srv:
        yield srv


def test_every_realtime_tr_has_its_seed_methods_and_korean_alias():
    for tr_cd, info in REAL.items():
        owner = StockReal if info.product == "stock" else FuturesReal
        feed_type = type(getattr(owner, tr_cd)(owner(RealtimeSession("ws://127.0.0.1:9/", token))))
        low = tr_cd.lower()
        names = [f"on_{low}_message", f"on_remove_{low}_message"]
        if info.kind == "quote":
            names += [f"add_{low}_symbols", f"remove_{low}_symbols"]
        for name in names:
            assert callable(getattr(feed_type, name)), name
        if info.korean_alias.isidentifier():
            assert getattr(owner, info.korean_alias) is getattr(owner, tr_cd)


@pytest.mark.asyncio
async def test_stock_quotes_the_seed_way(server):
    client = StockReal(RealtimeSession(server.url, token_provider=token))
    states = []
    client.add_state_listener(states.append)
    await client.connect()
    gsc = client.GSC()
    assert client.GSC() is gsc and client.해외주식체결() is gsc
    got = []
    gsc.add_gsc_symbols(symbols=["81SOXL", "82TSLA"])  # not awaited, as in the seed guide
    gsc.on_gsc_message(got.append)
    await server.wait_for(lambda: len(server.seen("3")) == 2)
    assert sorted(m["body"]["tr_key"] for m in server.seen("3")) == ["81SOXL            ", "82TSLA            "]
    await server.push("GSC", "81SOXL            ")
    await until(lambda: got)
    assert isinstance(got[0], GSC.Response) and got[0].body.symbol == "SOXL"

    replaced = []
    gsc.on_gsc_message(replaced.append)  # one callback per feed, as in the seed
    await server.push("GSC", "82TSLA            ")
    await until(lambda: replaced)
    assert len(got) == 1

    await gsc.remove_gsc_symbols(["82TSLA"])
    await gsc.on_remove_gsc_message()  # callback off and the rest unsubscribed
    assert sorted(m["body"]["tr_key"].strip() for m in server.seen("4")) == ["81SOXL", "82TSLA"]
    assert client.session.subscriptions == []
    last = []
    client.session.add_listener("GSH", last.append)
    await server.push("GSC", "81SOXL            ")
    await server.push("GSH", "81SOXL            ")
    await until(lambda: last)  # in order: the GSC push before it was dispatched to nobody
    assert len(replaced) == 1
    await client.close()
    assert states[-1] is SessionState.CLOSED and client.state is SessionState.CLOSED


@pytest.mark.asyncio
async def test_stock_account_feed_registers_and_unregisters_the_family(server):
    client = StockReal(RealtimeSession(server.url, token_provider=token))
    await client.connect()
    as0, as1 = client.AS0(), client.AS1()
    accepted, filled = [], []
    await as0.on_as0_message(accepted.append)
    as1.on_as1_message(filled.append)
    await server.wait_for(lambda: len(server.requests) >= 1)
    await client.session.subscribe("GSC", "82TSLA")  # a later request: everything before it was sent
    assert [(m["header"]["tr_type"], m["body"]["tr_cd"]) for m in server.requests][:-1] == [("1", "AS1")]
    await server.push("AS0")
    await server.push("AS1")
    await until(lambda: accepted and filled)
    assert isinstance(accepted[0], AS0.Response) and len(accepted) == 1 and len(filled) == 1
    assert as0.on_remove_as0_message() is None  # AS1 still listens: the family stays registered
    await as1.on_remove_as1_message()
    assert [(m["header"]["tr_type"], m["body"]["tr_cd"]) for m in server.requests][-1] == ("2", "AS1")
    await client.close()


@pytest.mark.asyncio
async def test_futures_quotes_and_account_feed(server):
    client = FuturesReal(RealtimeSession(server.url, token_provider=token, name="futures"))
    await client.connect()
    ovc, tc1 = client.OVC(), client.해외선물주문접수()
    ticks, orders = [], []
    ovc.on_ovc_message(ticks.append)
    await ovc.add_ovc_symbols(symbols=["NQU23"])
    await tc1.on_tc1_message(orders.append)
    assert [(m["header"]["tr_type"], m["body"]["tr_cd"], m["body"]["tr_key"]) for m in server.requests] == [
        ("3", "OVC", "NQU23   "), ("1", "TC1", "")]
    await server.push("OVC", "NQU23   ")
    await server.push("TC1")
    await until(lambda: ticks and orders)
    assert isinstance(ticks[0], OVC.Response) and isinstance(orders[0], TC1.Response)
    await client.unsubscribe_all()
    assert {(m["header"]["tr_type"], m["body"]["tr_cd"]) for m in server.requests[-2:]} == {("4", "OVC"), ("2", "TC1")}
    await client.close()


def test_symbols_added_outside_async_code_are_sent_on_connect():
    client = StockReal(RealtimeSession("ws://127.0.0.1:9/", token_provider=token))
    assert client.GSH().add_gsh_symbols("82TSLA") is None  # no loop yet: remembered only

    async def run():
        async with WsFixture() as srv:
            client.session.url = srv.url
            await client.connect()
            await srv.wait_for(lambda: srv.seen("3", "GSH"))
            await client.close()
            return srv.seen("3", "GSH")[0]["body"]["tr_key"]

    assert asyncio.run(run()) == "82TSLA            "
