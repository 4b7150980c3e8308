"""RealtimeSession against a fixture server on 127.0.0.1: wire format, dispatch, acks, errors."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest
import pytest_asyncio

from app.ls.errors import AuthError, LSBusinessError, TransportError
from app.ls.models import GSC
from app.ls.realtime import RealtimeSession, SessionState
from app.ls.realtime_wire import key_id, pad_key
from tests.conftest import free_port
from tests.ls.ws_fixture import WsFixture, example_push


def tokens():
    count = 0

    async def provide() -> str:
        nonlocal count
        count += 1
        return f"tok{count}"

    return provide


@pytest_asyncio.fixture
async def server():
    async with WsFixture() as srv:
        yield srv


@pytest_asyncio.fixture
async def session(server):
    s = RealtimeSession(server.url, tokens(), ack_timeout=2.0, backoff_base=0.02, backoff_max=0.1)
    await s.connect()
    yield s
    await s.close()


async def until(predicate, timeout: float = 5.0) -> None:
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.005)


def test_keys_are_padded_as_specified():
    assert pad_key("GSC", "82TSLA") == "82TSLA" + " " * 12
    assert pad_key("GSH", " 81SOXL ") == "81SOXL" + " " * 12
    assert pad_key("OVC", "NQU23") == "NQU23   "
    assert pad_key("WOC", "2ESU23_4400") == "2ESU23_4"
    assert key_id("WOH", "2ESU23_4400     ") == "2ESU23_4"
    assert key_id("GSC", "82TSLA            ") == "82TSLA"
    with pytest.raises(ValueError):
        pad_key("GSC", "   ")
    with pytest.raises(ValueError):
        pad_key("GSC", "82" + "X" * 17)
    with pytest.raises(ValueError):
        pad_key("ZZZ", "82TSLA")


@pytest.mark.asyncio
async def test_subscribe_and_unsubscribe_wire_format(server, session):
    await session.subscribe("GSC", "82TSLA")
    assert server.raw == [
        '{"header": {"token": "tok1", "tr_type": "3"}, "body": {"tr_cd": "GSC", "tr_key": "82TSLA            "}}'
    ]
    await session.subscribe("GSC", "82TSLA ")  # same symbol: nothing sent
    await session.subscribe("OVC", "NQU23")
    await session.unsubscribe("GSC", "82TSLA")
    await session.unsubscribe("GSC", "82TSLA")  # already gone: nothing sent
    assert [(m["header"]["tr_type"], m["body"]["tr_cd"], m["body"]["tr_key"]) for m in server.requests] == [
        ("3", "GSC", "82TSLA            "),
        ("3", "OVC", "NQU23   "),
        ("4", "GSC", "82TSLA            "),
    ]
    assert session.subscriptions == [("OVC", "NQU23")]
    with pytest.raises(ValueError):
        await session.subscribe("AS0", "")


@pytest.mark.asyncio
async def test_account_registration_per_family(server, session):
    await session.register_account("AS0")
    await session.register_account("AS3")  # same family: already registered
    await session.register_account("TC2")
    await session.unregister_account("AS1")
    assert server.raw[0] == '{"header": {"token": "tok1", "tr_type": "1"}, "body": {"tr_cd": "AS1", "tr_key": ""}}'
    assert [(m["header"]["tr_type"], m["body"]["tr_cd"], m["body"]["tr_key"]) for m in server.requests] == [
        ("1", "AS1", ""), ("1", "TC1", ""), ("2", "AS1", ""),
    ]
    assert session.accounts == {"TC1"}
    with pytest.raises(ValueError):
        await session.register_account("GSC")


@pytest.mark.asyncio
async def test_each_frame_decoded_once_and_dispatched_by_key(server, session):
    every, soxl, tsla, futures = [], [], [], []
    session.add_listener("GSC", every.append)
    session.add_listener("GSC", soxl.append, key="81SOXL")
    session.add_listener("GSC", tsla.append, key="82TSLA")
    session.add_listener("OVC", futures.append)
    await session.subscribe("GSC", "81SOXL")
    await server.push("GSC", "81SOXL            ")
    await server.push("GSC", "82TSLA", price="250.5000")  # an unpadded echo matches too
    await until(lambda: len(every) == 2)
    assert len(soxl) == 1 and len(tsla) == 1 and futures == []
    assert soxl[0] is every[0]  # one decode, shared by every listener
    msg = every[0]
    assert isinstance(msg, GSC.Response)
    assert msg.header.tr_cd == "GSC"
    assert msg.body.symbol == "SOXL" and msg.body.price == 12.21
    assert tsla[0].body.price == 250.5


@pytest.mark.asyncio
async def test_body_listeners_get_the_sent_strings_by_key_beside_typed_listeners(server, session):
    bodies, tsla_bodies, typed = [], [], []
    session.add_body_listener("GSC", lambda key, body: bodies.append((key, body)))
    tsla = session.add_body_listener("GSC", lambda key, body: tsla_bodies.append(body), key="82TSLA")
    session.add_listener("GSC", typed.append)
    await session.subscribe("GSC", "81SOXL")  # the ack is not a push for either kind
    await server.push("GSC", "81SOXL            ")
    await server.push("GSC", "82TSLA", price="250.5000")
    await until(lambda: len(bodies) == 2 and len(typed) == 2)
    assert bodies[0][0] == "81SOXL            " and bodies[0][1]["symbol"] == "SOXL"
    assert bodies[0][1]["price"] == example_push("GSC")["body"]["price"]  # as sent: a string
    assert [b["price"] for b in tsla_bodies] == ["250.5000"]
    assert typed[1].body.price == 250.5
    tsla.remove()
    session.add_listener("GSC", typed.append).remove()
    await server.push("GSC", "82TSLA", price="251.0000")
    await until(lambda: len(bodies) == 3)
    assert len(tsla_bodies) == 1 and session.listener_count("GSC") == 2


@pytest.mark.asyncio
async def test_raw_listeners_get_each_frame_unparsed_with_its_key(server, session):
    raws, tsla = [], []
    session.add_raw_listener("GSH", lambda key, raw: raws.append((key, raw)))
    session.add_raw_listener("GSH", lambda key, raw: tsla.append(raw), key="82TSLA")
    await session.subscribe("GSH", "82TSLA")  # the ack is not a push
    frames = [b'{"header":{"tr_cd":"GSH","tr_key":"82TSLA            "},"body":{"offerho1":"1"}}',
              b'{"header": {"tr_cd": "GSH", "tr_key" : "81SOXL"}, "body": {"offerho1": "2"}}',
              b'{"body": {"offerho1": "3"}, "header": {"tr_key": "82T\\u0053LA", "tr_cd": "GSH"}}',
              b'{"header": {"tr_cd": "GSH"}, "body": {"offerho1": "4"}}',
              b'{"header": {"tr_cd": "GSH", "tr_key": "82TSLA"}, "body": {"offerho1": ']  # cut short
    for frame in frames:
        await server.push_raw(frame.decode())
    await until(lambda: len(raws) == 4)
    assert [key for key, _raw in raws] == ["82TSLA            ", "81SOXL", "82TSLA", ""]
    assert [raw for _key, raw in raws] == frames[:4]  # as received
    assert tsla == [frames[0], frames[2]]
    assert session.bad_frames == 1


@pytest.mark.asyncio
async def test_any_json_layout_is_routed(server, session):
    got = []
    session.add_listener("GSH", got.append)
    body = '"body": {"symbol": "TSLA", "offerho1": "283.8300"}'
    await server.push_raw('{"header":{"tr_cd":"GSH","tr_key":"82TSLA            "},' + body.replace(": ", ":") + "}")
    await server.push_raw('{"header": {"tr_cd": "GSH", "tr_key": "82TSLA"}, ' + body + "}")
    await server.push_raw('{"body": {"symbol": "TSLA", "offerho1": "283.8300"}, "header": {"tr_key": "x", "tr_cd": "GSH"}}')
    await server.push_raw('{ "header" : { "tr_cd" : "GSH" }, ' + body + "}")
    await until(lambda: len(got) == 4)
    assert {m.body.offerho1 for m in got} == {283.83}


@pytest.mark.asyncio
async def test_futures_option_keys_match_after_truncation(server, session):
    got = []
    session.add_listener("WOC", got.append, key="2ESU23_4400")
    last = []
    session.add_listener("GSC", last.append)
    await server.push("WOC", "2ESU23_4400     ")
    await server.push("WOC", "2ESU23_4")
    await server.push("WOC", "NQU23   ")
    await server.push("GSC")
    await until(lambda: last)  # frames arrive in order: every WOC before it has been dispatched
    assert len(got) == 2


@pytest.mark.asyncio
async def test_async_listener_and_removal(server, session):
    got = []

    async def on_tick(msg):
        await asyncio.sleep(0)
        got.append(msg.body.price)

    handle = session.add_listener("GSC", on_tick)
    sync_got = []
    sync_handle = session.add_listener("GSC", sync_got.append)
    await server.push("GSC")
    await until(lambda: len(got) == 1 and len(sync_got) == 1)
    handle.remove()
    sync_handle()  # a handle is also callable
    handle.remove()  # twice is harmless
    assert session.listener_count("GSC") == 0
    marker = []
    session.add_listener("GSC", marker.append)
    await server.push("GSC")
    await until(lambda: marker)
    assert len(got) == 1 and len(sync_got) == 1


@pytest.mark.asyncio
async def test_failing_listener_does_not_stop_others(server, session, caplog):
    def broken(msg):
        raise RuntimeError("listener bug")

    got = []
    session.add_listener("GSC", broken)
    session.add_listener("GSC", got.append)
    with caplog.at_level(logging.ERROR, logger="app.ls.realtime"):
        await server.push("GSC")
        await until(lambda: got)
    assert "listener failed" in caplog.text
    assert session.connected


@pytest.mark.asyncio
async def test_refused_subscription_raises_and_is_forgotten(server, session):
    server.refuse["82BAD"] = "IGW40013"
    with pytest.raises(LSBusinessError) as caught:
        await session.subscribe("GSC", "82BAD")
    assert caught.value.rsp_cd == "IGW40013" and caught.value.tr_cd == "GSC"
    assert session.subscriptions == []
    await session.subscribe("GSC", "82TSLA")  # the session is still fine
    assert session.subscriptions == [("GSC", "82TSLA")]


@pytest.mark.asyncio
async def test_a_token_refusal_keeps_the_subscription_and_reconnects(server, session):
    states = []
    session.add_state_listener(states.append)
    server.refuse["82TOK"] = "IGW00121"
    await session.subscribe("GSC", "82TOK")  # refused for its token, not for the symbol
    assert ("GSC", "82TOK") in session.subscriptions
    await until(lambda: SessionState.RECONNECTING in states and session.connected)


@pytest.mark.asyncio
async def test_unclaimed_error_frame_reaches_error_listeners(server, session):
    errors = []
    session.add_error_listener(errors.append)
    await server.push_raw('{"header": {"tr_cd": null, "rsp_cd": "IGW00121", "rsp_msg": "invalid token"}, "body": null}')
    await server.push_raw('{"header": {"tr_cd": "OVH", "tr_key": "NQU23   ", "tr_type": "3", '
                          '"rsp_cd": "IGW40013", "rsp_msg": "no such symbol"}, "body": null}')
    await until(lambda: len(errors) == 2)
    assert isinstance(errors[0], AuthError) and errors[0].code == "IGW00121"
    assert isinstance(errors[1], LSBusinessError) and errors[1].tr_cd == "OVH"
    await until(lambda: session.connected)  # reconnected after the token refusal


@pytest.mark.asyncio
async def test_acks_are_not_dispatched_as_pushes(server, session):
    got = []
    session.add_listener("GSC", got.append)
    await session.subscribe("GSC", "82TSLA")  # acked while a listener exists
    await server.push("GSC")
    await until(lambda: got)
    assert len(got) == 1 and got[0].body is not None


@pytest.mark.asyncio
async def test_subscribing_before_connect_is_sent_on_connect(server):
    s = RealtimeSession(server.url, tokens())
    await s.subscribe("GSH", "81SOXL")
    await s.register_account("AS1")
    assert server.requests == []
    await s.connect()
    try:
        await server.wait_for(lambda: len(server.requests) == 2)
        assert {(m["header"]["tr_type"], m["body"]["tr_cd"]) for m in server.requests} == {("1", "AS1"), ("3", "GSH")}
    finally:
        await s.close()


@pytest.mark.asyncio
async def test_subscribe_from_inside_a_listener_does_not_deadlock(server, session):
    started = []

    def on_tick(msg):
        started.append(asyncio.ensure_future(session.subscribe("GSH", "81SOXL")))

    session.add_listener("GSC", on_tick)
    await server.push("GSC")
    await until(lambda: started)
    await asyncio.wait_for(started[0], 2)
    assert ("GSH", "81SOXL") in session.subscriptions


@pytest.mark.asyncio
async def test_paper_style_account_ack_without_tr_cd(caplog):
    async with WsFixture(null_account_ack=True) as srv:
        s = RealtimeSession(srv.url, tokens(), ack_timeout=3.0)
        await s.connect()
        try:
            with caplog.at_level(logging.WARNING, logger="app.ls.realtime"):
                await s.register_account("TC3")
            assert "no answer" not in caplog.text
            assert s.accounts == {"TC1"}
        finally:
            await s.close()


@pytest.mark.asyncio
async def test_silent_server_is_tolerated_after_ack_timeout(caplog):
    async with WsFixture(ack=False) as srv:
        s = RealtimeSession(srv.url, tokens(), ack_timeout=0.1)
        await s.connect()
        try:
            with caplog.at_level(logging.WARNING, logger="app.ls.realtime"):
                await s.subscribe("GSC", "82TSLA")
            assert "no answer" in caplog.text
            assert s.subscriptions == [("GSC", "82TSLA")]
        finally:
            await s.close()


@pytest.mark.asyncio
async def test_connect_failure_raises_transport_error():
    states = []
    s = RealtimeSession(f"ws://127.0.0.1:{free_port()}/websocket", tokens(), open_timeout=2)
    s.add_state_listener(states.append)
    with pytest.raises(TransportError):
        await s.connect()
    assert states == [SessionState.CONNECTING, SessionState.CLOSED]


@pytest.mark.asyncio
async def test_concurrent_connects_open_one_socket(server):
    s = RealtimeSession(server.url, tokens())
    await asyncio.gather(s.connect(), s.connect(), s.connect())
    await s.connect()
    await s.subscribe("GSC", "82TSLA")  # a round trip on the one socket
    assert server.connects == 1 and s.connected
    await s.close()


@pytest.mark.asyncio
async def test_clean_close(server):
    states = []
    s = RealtimeSession(server.url, tokens())
    s.add_state_listener(states.append)
    await s.connect()
    await server.wait_for(lambda: len(server.connections) == 1)
    await s.close()
    await server.wait_for(lambda: not server.connections)
    await s.close()  # twice is harmless
    assert states == [SessionState.CONNECTING, SessionState.CONNECTED, SessionState.CLOSED]
    assert s.state is SessionState.CLOSED
    assert s._runner is None  # the task that reconnects is gone: closing never triggers one
    assert server.connects == 1


@pytest.mark.asyncio
async def test_no_reconnect_when_disabled(server):
    states = []
    s = RealtimeSession(server.url, tokens(), reconnect=False)
    s.add_state_listener(states.append)
    await s.connect()
    await server.wait_for(lambda: len(server.connections) == 1)
    await server.drop()
    await until(lambda: s.state is SessionState.CLOSED)
    assert states == [SessionState.CONNECTING, SessionState.CONNECTED, SessionState.CLOSED]
    await s.close()


@pytest.mark.asyncio
async def test_slow_async_listeners_are_reported_not_dropped(caplog):
    from app.ls.realtime_dispatch import Dispatcher

    from app.ls.realtime_acks import AckBook

    dispatcher = Dispatcher("stock", AckBook(lambda *a: None))
    release = asyncio.Event()
    seen = []

    async def slow(msg):
        await release.wait()
        seen.append(msg)

    dispatcher.add_listener("GSC", slow)
    frame = json.dumps(example_push("GSC")).encode()
    for _ in range(1000):
        dispatcher.handle(frame)
    assert "1000 async listener calls pending" in caplog.text
    release.set()
    await until(lambda: len(seen) == 1000)  # every push delivered once the listener catches up
