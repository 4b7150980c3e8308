"""RealtimeSession reconnects with backoff, a fresh token, and every subscription restored."""

from __future__ import annotations

import asyncio

import pytest

from app.ls.errors import AuthError
from app.ls.realtime import RealtimeSession, SessionState
from tests.ls.ws_fixture import WsFixture


async def until(predicate, timeout: float = 5.0) -> None:
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.005)


@pytest.mark.asyncio
async def test_drop_reconnect_resubscribe_and_pushes_flow_again():
    issued = []

    async def token() -> str:  # a refreshing provider: each connect gets the current token
        issued.append(f"tok{len(issued) + 1}")
        return issued[-1]

    async with WsFixture() as server:
        states = []
        s = RealtimeSession(server.url, token, backoff_base=0.02, backoff_max=0.1)
        s.add_state_listener(states.append)
        got = []
        s.add_listener("GSC", got.append, key="82TSLA")
        await s.connect()
        await s.subscribe("GSC", "82TSLA")
        await s.subscribe("GSH", "81SOXL")
        await s.register_account("AS0")
        await server.push("GSC", "82TSLA            ")
        await until(lambda: len(got) == 1)

        server.requests.clear()
        await server.drop()
        await server.wait_for(lambda: server.connects == 2 and len(server.requests) == 3)
        again = {(m["header"]["token"], m["header"]["tr_type"], m["body"]["tr_cd"], m["body"]["tr_key"])
                 for m in server.requests}
        assert again == {
            ("tok2", "1", "AS1", ""),
            ("tok2", "3", "GSC", "82TSLA            "),
            ("tok2", "3", "GSH", "81SOXL            "),
        }
        await until(lambda: s.connected)
        await server.push("GSC", "82TSLA            ", price="251.0000")
        await until(lambda: len(got) == 2)
        assert got[1].body.price == 251.0

        # later requests carry the refreshed token
        await s.subscribe("GSC", "82AAPL")
        assert server.requests[-1]["header"]["token"] == "tok2"

        await s.close()
        assert states == [SessionState.CONNECTING, SessionState.CONNECTED, SessionState.RECONNECTING,
                          SessionState.CONNECTED, SessionState.CLOSED]


@pytest.mark.asyncio
async def test_backoff_grows_with_jitter_until_the_server_is_reachable():
    failures = {"left": 3}

    async def token() -> str:  # the first reconnect attempts fail at the token step
        if failures["left"] and sessions[0].state is SessionState.RECONNECTING:
            failures["left"] -= 1
            raise AuthError("token service down")
        return "tok"

    sleeps = []

    async def recording_sleep(delay):
        sleeps.append(delay)
        await asyncio.sleep(0)

    async with WsFixture() as server:
        sessions = [RealtimeSession(server.url, token, backoff_base=0.1, backoff_max=0.3, rng=lambda: 1.0,
                                    sleep=recording_sleep)]
        s = sessions[0]
        await s.connect()
        await s.subscribe("OVC", "NQU23")
        server.requests.clear()
        await server.drop()
        await server.wait_for(lambda: server.connects == 2 and server.requests)
        assert sleeps[:4] == pytest.approx([0.1, 0.2, 0.3, 0.3])  # doubling, capped, full jitter factor 1.0
        assert server.requests[0]["body"] == {"tr_cd": "OVC", "tr_key": "NQU23   "}
        await until(lambda: s.connected)
        await s.close()


@pytest.mark.asyncio
async def test_close_during_backoff_stops_reconnecting():
    async with WsFixture() as server:
        states = []

        async def token() -> str:
            return "tok"

        s = RealtimeSession(server.url, token, backoff_base=5.0, backoff_max=5.0)
        s.add_state_listener(states.append)
        await s.connect()
        await server.drop()
        await until(lambda: s.state is SessionState.RECONNECTING)
        await asyncio.wait_for(s.close(), 2)
        assert states[-2:] == [SessionState.RECONNECTING, SessionState.CLOSED]
        assert server.connects == 1


@pytest.mark.asyncio
async def test_server_restart_on_the_same_port():
    async def token() -> str:
        return "tok"

    async with WsFixture() as first:
        url = first.url
        s = RealtimeSession(url, token, backoff_base=0.05, backoff_max=0.2)
        await s.connect()
        await s.subscribe("GSC", "82TSLA")
    # the server is gone; bring a new one up on the same port
    await until(lambda: s.state is SessionState.RECONNECTING)
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    second = WsFixture()
    from websockets.asyncio.server import serve

    second._server = await serve(second._serve, "127.0.0.1", port, compression=None)
    try:
        await second.wait_for(lambda: second.seen("3", "GSC"), timeout=10)
        await until(lambda: s.connected)
    finally:
        await s.close()
        second._server.close()
        await second._server.wait_closed()


@pytest.mark.asyncio
async def test_what_is_dropped_during_a_replay_is_taken_back():
    import json

    async def token() -> str:
        return "tok"

    s = RealtimeSession("ws://127.0.0.1:9/websocket", token)
    await s.subscribe("GSC", "82TSLA")  # not connected: remembered only
    await s.subscribe("GSC", "82AAPL")
    s._token = "tok"
    sent = []

    class SlowSocket:  # another task unsubscribes while the replay's first send is pending
        async def send(self, text):
            sent.append(json.loads(text))
            if len(sent) == 1:
                await s.unsubscribe("GSC", "82AAPL")

    await s._replay(SlowSocket())
    wire = [(m["header"]["tr_type"], m["body"]["tr_key"].strip()) for m in sent]
    assert ("3", "82AAPL") in wire and wire[-1] == ("4", "82AAPL")
    assert s.subscriptions == [("GSC", "82TSLA")]
