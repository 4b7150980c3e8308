"""The trading session without Qt: login paths, state events, realtime states, clean shutdown."""

import asyncio
import logging

import pytest

from app.ls.config import Endpoints
from app.trading.session import Keys, Link, Mode, TokenState, TradingSession


class Real:
    def __init__(self):
        self.listeners = []
        self.closed = 0

    def add_state_listener(self, cb):
        self.listeners.append(cb)

    async def connect(self):
        for cb in self.listeners:
            cb("connecting")
            cb("connected")

    async def close(self):
        self.closed += 1


class Client:
    def __init__(self, endpoints, ok=True, error="[IGW00105] 유효하지 않은 AppKey입니다."):
        self.endpoints, self.ok, self.error = endpoints, ok, error
        self.last_error = None
        self.closed = 0
        self.keys = None
        self.real_feed = Real()

    async def async_login(self, **keys):
        self.keys = keys
        if not self.ok:
            self.last_error = self.error
        return self.ok

    async def aclose(self):
        self.closed += 1

    def overseas_stock(self):
        return self

    def real(self):
        return self.real_feed


def session(mode=Mode.DEMO, **kw):
    made = []

    def factory(endpoints):
        c = Client(endpoints, **kw)
        made.append(c)
        return c

    return TradingSession(mode, Endpoints.local(9), factory), made


@pytest.mark.asyncio
async def test_demo_login_uses_fixed_demo_keys():
    s, made = session()
    states = []
    s.add_listener(states.append)
    assert await s.login()
    assert made[0].keys["appkey"].startswith("DEMO")
    assert s.state.rest is Link.UP and s.state.token is TokenState.VALID and s.state.logged_in
    assert [st.rest for st in states] == [Link.CONNECTING, Link.UP]


@pytest.mark.asyncio
async def test_paper_without_keys_is_refused_without_a_request():
    s, made = session(Mode.PAPER)
    result = await s.login(None, Keys("", ""))
    assert not result and "required" in result.message and made == []


@pytest.mark.asyncio
async def test_wrong_keys_give_ls_message():
    s, _ = session(Mode.PAPER, ok=False)
    result = await s.login(Keys("PSbad-123456", "secret-123456"))
    assert not result.ok and "유효하지 않은 AppKey입니다." in result.message
    assert s.state.token is TokenState.REFUSED and s.state.rest is Link.DOWN
    assert "유효하지 않은" in s.state.error


@pytest.mark.asyncio
async def test_futures_keys_are_passed_separately():
    s, made = session(Mode.LIVE)
    await s.login(Keys("STOCK-KEY-0001", "S" * 10), Keys("FUT-KEY-00001", "F" * 10))
    assert made[0].keys["futures_appkey"] == "FUT-KEY-00001"


@pytest.mark.asyncio
async def test_transport_failure_is_a_message_not_a_crash():
    def factory(endpoints):
        raise RuntimeError("connection refused")

    s = TradingSession(Mode.DEMO, Endpoints.local(9), factory)
    result = await s.login()
    assert not result and "connection refused" in result.message


@pytest.mark.asyncio
async def test_realtime_states_and_shutdown():
    s, made = session()
    await s.login()
    assert await s.connect_realtime()
    assert s.state.realtime is Link.UP
    made[0].real_feed.listeners[0]("reconnecting")
    assert s.state.realtime is Link.RECONNECTING
    await s.shutdown()
    await s.shutdown()  # idempotent
    assert made[0].closed == 1 and made[0].real_feed.closed == 1
    assert s.state.rest is Link.DOWN and s.state.token is TokenState.REVOKED


@pytest.mark.asyncio
async def test_a_failing_listener_does_not_break_the_session(caplog):
    s, _ = session()

    def bad(_state):
        raise ValueError("listener bug")

    s.add_listener(bad)
    with caplog.at_level(logging.ERROR):
        assert await s.login()
    assert "session listener failed" in caplog.text


@pytest.mark.asyncio
async def test_keys_never_reach_the_log(caplog):
    s, _ = session(Mode.PAPER, ok=False, error="bad key")
    with caplog.at_level(logging.DEBUG):
        await s.login(Keys("APPKEY-VISIBLE-1", "TOPSECRET-VALUE-9"))
        logging.getLogger("x").info("echo TOPSECRET-VALUE-9")
    from app.trading.logfile import redact

    assert "TOPSECRET" not in redact(caplog.text)


def test_pressure_and_clock_without_client():
    s, _ = session()
    assert s.pressure() == 0.0
    assert s.exchange_time().tzinfo is not None
    asyncio.run(s.shutdown())


@pytest.mark.asyncio
async def test_shutdown_during_login_gives_the_token_back():
    gate = asyncio.Event()

    class Slow(Client):
        async def async_login(self, **keys):
            await gate.wait()
            return await super().async_login(**keys)

    s = TradingSession(Mode.LIVE, Endpoints.local(9), Slow)
    login = asyncio.ensure_future(s.login(Keys("LIVE-KEY-0001", "S" * 10)))
    await asyncio.sleep(0)
    await s.shutdown()
    gate.set()
    result = await login
    assert not result.ok and not s.state.logged_in
    assert s.client.closed == 2  # once by shutdown, once more after the late token arrived
