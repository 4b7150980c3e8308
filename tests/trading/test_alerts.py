"""Price alerts against the embedded exchange: fire exactly once when the price is driven across,
survive a restart, a damaged file is kept aside, and the book watches its symbols on its own."""

from __future__ import annotations

import asyncio
import json
import logging
from types import SimpleNamespace

import pytest
import pytest_asyncio

from app.ls import LS, Endpoints
from app.sim.exchange import start_exchange
from app.trading.alerts import AlertBook, AlertError
from app.trading.instruments import InstrumentMaster
from app.trading.marketdata import MarketDataHub

KEY, SECRET = "ALERT-TEST-KEY-0123456789", "ALERT-TEST-SECRET-0123456789"


async def until(predicate, timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.01)


@pytest_asyncio.fixture
async def market(tmp_path):
    # the market does not move by itself: the test steps it
    ex = await start_exchange(seed=3, db_path=tmp_path / "alerts.sqlite", port=0, run_market=False)
    client = LS(Endpoints(ex.rest_url, ex.ws_url, "demo"))
    assert await client.async_login(KEY, SECRET)
    await client.overseas_stock().real().connect()
    master = InstrumentMaster()
    await master.load(client, futures=False, options=False)
    hub = MarketDataHub(client, master)
    try:
        yield SimpleNamespace(ex=ex, client=client, master=master, hub=hub)
    finally:
        await hub.close()
        await client.aclose()
        await ex.stop()


async def drive(m, symbol: str, reached, drift: float, steps: int = 4000) -> None:
    """Step the exchange's price process with a drift until `reached(exchange last)` holds."""
    proc = m.ex.market.state(symbol).process
    proc.drift = drift
    for _ in range(steps):
        m.ex.market.step(symbol)
        await asyncio.sleep(0)
        if reached(float(m.ex.market.last(symbol))):
            break
    proc.drift = 0.0
    assert reached(float(m.ex.market.last(symbol)))


@pytest.mark.asyncio
async def test_alert_fires_exactly_once_when_price_crosses(market, tmp_path, caplog):
    m = market
    book = AlertBook(tmp_path / "alerts.json")
    book.attach(m.hub)
    start = float(m.ex.market.last("AAPL"))
    up = book.add("aapl", ">=", round(start * 1.01, 2))
    down = book.add("AAPL", "<=", round(start * 0.5, 2))  # far away: must not fire
    fired = []
    book.fired_listeners.append(fired.append)
    # the book subscribed AAPL itself: no panel watches it
    await until(lambda: any(tr == "GSC" for tr, _k in m.hub.subscriptions))
    with caplog.at_level(logging.WARNING, logger="app.trading.alerts"):
        await drive(m, "AAPL", lambda last: last >= up.price * 1.01, drift=0.002)
        await until(lambda: fired)
        for _ in range(50):  # more trades above the level: still one firing
            m.ex.market.step("AAPL")
        await asyncio.sleep(0.2)
    assert [a.id for a in fired] == [up.id]
    assert up.triggered and up.triggered_price >= up.price and not down.triggered
    assert sum("ALERT AAPL" in r.getMessage() for r in caplog.records) == 1
    # what fired is remembered across a restart, and does not fire again
    again = AlertBook(tmp_path / "alerts.json")
    again.attach(m.hub)
    refired = []
    again.fired_listeners.append(refired.append)
    assert [(a.id, a.triggered) for a in again.alerts] == [(up.id, True), (down.id, False)]
    for _ in range(30):
        m.ex.market.step("AAPL")
    await asyncio.sleep(0.2)
    assert refired == []
    # removing the last active alert of a symbol drops the book's subscription
    assert again.remove(down.id) and not again.remove("nope")
    book.detach()
    await asyncio.sleep(0)
    await until(lambda: not m.hub.subscriptions)


@pytest.mark.asyncio
async def test_below_alert_and_refusals(market, tmp_path):
    m = market
    book = AlertBook(tmp_path / "a.json")
    book.attach(m.hub)
    start = float(m.ex.market.last("MSFT"))
    a = book.add("MSFT", "<=", round(start * 0.99, 2))
    fired = []
    book.fired_listeners.append(fired.append)
    await m.hub.settled()
    await drive(m, "MSFT", lambda last: last <= a.price * 0.99, drift=-0.002)
    await until(lambda: fired)
    assert fired == [a]
    for bad, kind in ((("NOPE", ">=", 10), "unknown"), (("MSFT", ">=", -1), "bad_price"),
                      (("MSFT", ">=", "abc"), "bad_price"), (("MSFT", "=", 10), "bad_op"),
                      (("MSFT", ">=", float("nan")), "bad_price")):
        with pytest.raises(AlertError) as e:
            book.add(*bad)
        assert e.value.kind == kind
    assert len(book.alerts) == 1


def test_damaged_file_is_kept_aside_and_reported(tmp_path, caplog):
    path = tmp_path / "alerts.json"
    path.write_text('{"format": 1, "alerts": [{"id": "x", "symbol": "AAPL", "op": ">=", "price": 1', "utf-8")
    with caplog.at_level(logging.WARNING):
        book = AlertBook(path)
    assert book.alerts == [] and book.problem
    aside = [p for p in tmp_path.iterdir() if "damaged" in p.name]
    assert len(aside) == 1 and aside[0].read_text("utf-8").startswith('{"format": 1')
    assert "damaged" in caplog.text
    book.add("AAPL", ">=", 100)  # no hub: accepted, and the damaged copy is untouched
    assert json.loads(path.read_text("utf-8"))["alerts"][0]["symbol"] == "AAPL"
    assert len([p for p in tmp_path.iterdir() if "damaged" in p.name]) == 1
    wrong = tmp_path / "w.json"
    wrong.write_text('{"format": 1, "alerts": [{"id": "x", "symbol": "AAPL", "op": "!", "price": 1}]}')
    assert AlertBook(wrong).problem
