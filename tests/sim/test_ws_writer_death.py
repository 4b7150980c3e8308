"""A connection of the embedded exchange whose writer dies (or whose request handler raises) is
closed, not left open and mute: the real client sees the close, reconnects, resubscribes, and
the terminal's order manager and positions get the fill made while it was down."""

from __future__ import annotations

import asyncio
import logging
from decimal import Decimal
from types import SimpleNamespace

import pytest
import pytest_asyncio

from app.ls.realtime import SessionState
from app.trading.order_validation import Draft
from app.trading.orders import OrderManager
from app.trading.portfolio import PortfolioService
from tests.trading.test_portfolio_support import open_market

pytestmark = pytest.mark.asyncio
KEY, SECRET = "WS-WRITER-KEY-0123456789", "WS-WRITER-SECRET-0123456789"
SIM_LOG = "app.sim.ws"


async def until(predicate, timeout: float = 15.0) -> None:
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.01)


def sim_warnings(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == SIM_LOG and r.levelno >= logging.WARNING]


@pytest_asyncio.fixture
async def terminal(tmp_path):
    """The exchange, and the terminal's client core, order manager and positions on top of it."""
    ex, client, master, hub = await open_market(tmp_path, KEY, SECRET, seed=5, steps_per_second=5.0)
    real = client.overseas_stock().real()
    real.session.backoff_base, real.session.backoff_max = 0.05, 0.2
    mgr = OrderManager(client, master, hub=hub, mode="demo", data_dir=tmp_path / "data")
    pf = PortfolioService(client, hub, master, debounce=3600)  # only a reconnect re-queries
    t = SimpleNamespace(ex=ex, client=client, real=real, master=master, hub=hub, mgr=mgr, pf=pf, states=[])
    try:
        await mgr.start(futures=False)
        await pf.start()
        mgr.last_price("AAPL")
        await until(lambda: hub.quote("AAPL") is not None and hub.quote("AAPL").last is not None)
        real.add_state_listener(t.states.append)
        yield t
    finally:
        for stop in (pf.close, mgr.close, hub.close, client.aclose, ex.stop):
            await stop()


def below(t, symbol: str, pct: str = "0.95") -> Decimal:
    px = Decimal(t.ex.broker.market.last(symbol)) * Decimal(pct)
    tick = t.master.get(symbol).tick_at(px)
    return (px / tick).to_integral_value() * tick


def server_conn(t):
    """The exchange's side of the terminal's stock socket (the one registered for AS pushes)."""
    conns = [c for c in t.ex.hub.conns if (KEY, "stock") in c.accounts]
    return conns[0] if len(conns) == 1 else None


@pytest.mark.parametrize("cancel", [False, True], ids=["raises", "cancelled"])
async def test_a_dead_writer_closes_the_socket_and_no_fill_is_lost(terminal, caplog, cancel):
    t = terminal
    caplog.set_level(logging.WARNING, logger=SIM_LOG)
    price = below(t, "AAPL")
    order = await t.mgr.submit(Draft("AAPL", "buy", 5, price, "limit"))
    assert order.id and order.state == "accepted"
    before = server_conn(t)
    assert before is not None and ("GSC", "82AAPL") in before.quotes
    reconciles, queries = t.mgr.reconciles, t.pf.queries

    assert t.ex.faults.kill_ws_writers(cancel=cancel) >= 1
    t.ex.broker.force_trade("AAPL", price, 2)  # its AS1 push goes to a socket that cannot send

    # the client sees the close, reconnects and registers and subscribes again
    await until(lambda: SessionState.RECONNECTING in t.states and t.real.state is SessionState.CONNECTED)
    await until(lambda: server_conn(t) is not None and server_conn(t) is not before
                and ("GSC", "82AAPL") in server_conn(t).quotes)
    cause = "cancelled" if cancel else "RuntimeError: writer killed by fault injection"
    assert any("writer died" in m and cause in m for m in sim_warnings(caplog)), sim_warnings(caplog)

    # the fill made while the socket was mute reaches the order manager and the positions, once
    await until(lambda: t.mgr.reconciles > reconciles and order.filled == 2)
    assert order.state == "partially_filled" and sum(f.qty for f in t.mgr.fills("AAPL")) == 2
    await until(lambda: t.pf.queries > queries and t.pf.position("AAPL") is not None
                and t.pf.position("AAPL").qty == 2)

    # and pushes flow on the new socket: the rest of the order fills by push
    t.ex.broker.force_trade("AAPL", price, 10)
    await until(lambda: order.state == "filled")
    assert sum(f.qty for f in t.mgr.fills("AAPL")) == 5
    await until(lambda: t.pf.position("AAPL").qty == 5)


async def test_a_failing_request_handler_closes_the_connection_whole(terminal, caplog, monkeypatch):
    """A request whose handling raises half-way ends the connection (1011) with a warning; the
    client reconnects, replays its subscriptions, and quotes flow again."""
    t = terminal
    caplog.set_level(logging.WARNING, logger=SIM_LOG)
    hub = t.ex.hub
    real_on_message, failures = hub.on_message, []

    def on_message(conn, text):
        if not failures and "82MSFT" in text:
            failures.append(text)
            raise KeyError("boom")
        return real_on_message(conn, text)

    monkeypatch.setattr(hub, "on_message", on_message)
    before = server_conn(t)
    t.mgr.last_price("MSFT")  # the hub subscribes MSFT: the first try fails on the server
    await until(lambda: SessionState.RECONNECTING in t.states and t.real.state is SessionState.CONNECTED)
    assert before.ws.closed and before not in hub.conns
    assert any("request handler failed (KeyError: 'boom')" in m for m in sim_warnings(caplog))
    await until(lambda: server_conn(t) is not None and ("GSC", "82MSFT") in server_conn(t).quotes)
    await until(lambda: t.hub.quote("MSFT") is not None and t.hub.quote("MSFT").last is not None)


async def test_normal_ends_of_a_connection_stay_quiet(terminal, caplog):
    t = terminal
    caplog.set_level(logging.DEBUG, logger=SIM_LOG)
    t.ex.faults.drop_websockets()  # the server closes
    await until(lambda: SessionState.RECONNECTING in t.states and t.real.state is SessionState.CONNECTED)
    t.ex.faults.ws_drop_after = 1  # the writer closes the socket itself
    await until(lambda: t.states.count(SessionState.CONNECTED) >= 2)
    t.ex.faults.ws_drop_after = 0
    await until(lambda: t.real.state is SessionState.CONNECTED and server_conn(t) is not None)
    await t.real.close()  # the client closes
    await until(lambda: not t.ex.hub.conns)
    assert sim_warnings(caplog) == []
