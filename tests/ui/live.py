"""A live market for panel tests: the embedded exchange on loopback, the real client core logged in,
the instrument master loaded, a market-data hub and an AppContext wired to them.

Use the `live` fixture (an async fixture on the qasync loop):

    @pytest.mark.asyncio
    async def test_something(live, qtbot):
        panel = WatchlistPanel(live.context)
        ...
        await live.until(lambda: ...)
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import pytest
import pytest_asyncio

from app.ls import LS, Endpoints
from app.sim.exchange import start_exchange
from app.trading.instruments import InstrumentMaster
from app.trading.marketdata import MarketDataHub
from app.trading.session import Link, Mode, TradingSession
from app.ui.context import AppContext
from app.ui.settings import AppSettings

KEY, SECRET = "PANEL-TEST-KEY-0123456789", "PANEL-TEST-SECRET-0123456789"


@dataclass
class Live:
    exchange: Any
    client: LS
    master: InstrumentMaster
    hub: MarketDataHub
    context: AppContext
    session: TradingSession

    @staticmethod
    async def until(predicate, timeout: float = 30.0, step: float = 0.01) -> None:
        """Wait (without a nested Qt loop) until `predicate()` is true; fail after `timeout` s
        (generous: a loaded CI machine is slow, and a passing test never waits that long)."""
        async with asyncio.timeout(timeout):
            while not predicate():
                await asyncio.sleep(step)


async def make_live(tmp_path, *, seed: int = 11, steps_per_second: float = 10.0, lang: str = "en",
                    master_cache: Any = None, **exchange_kw: Any) -> Live:
    ex = await start_exchange(seed=seed, db_path=tmp_path / "live-exchange.sqlite", port=0,
                              steps_per_second=steps_per_second, **exchange_kw)
    endpoints = Endpoints(ex.rest_url, ex.ws_url, "demo")
    session = TradingSession(Mode.DEMO, endpoints, client_factory=LS)
    result = await session.login()
    assert result.ok, result.message
    await session.connect_realtime()
    assert session.state.realtime is Link.UP
    client = session.client
    master = InstrumentMaster()
    # the embedded exchange lists the same instruments in every test: page the masters once a run
    await master.load(client, cache=master_cache)
    hub = MarketDataHub(client, master)
    context = AppContext(lang)
    context.prefs = AppSettings()
    context.set_session(session)
    context.set_market(hub, master)
    context.symbols = master
    return Live(ex, client, master, hub, context, session)


async def close_live(live: Live) -> None:
    live.context.set_market(None)
    live.context.frame_clock.stop()
    await live.hub.close()
    await live.session.shutdown()
    await live.exchange.stop()


@pytest.fixture(scope="session")
def master_cache(tmp_path_factory):
    return tmp_path_factory.mktemp("master") / "instruments.json"


@pytest_asyncio.fixture
async def live(tmp_path, qapp, qtbot, master_cache):
    # qtbot first: its teardown processes Qt events outside the asyncio loop, which would run the
    # exchange's timers with no running loop; set up before `live`, it is torn down after it
    lv = await make_live(tmp_path, master_cache=master_cache)
    try:
        yield lv
    finally:
        await close_live(lv)
