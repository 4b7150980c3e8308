"""The instrument master loads every stock and future the embedded exchange lists, and searches them."""

from __future__ import annotations

import asyncio
import time

import pytest
import pytest_asyncio

from app.ls import LS, Endpoints
from app.sim.exchange import start_exchange
from app.trading.instruments import InstrumentMaster
from app.trading.marketdata import MarketDataHub


@pytest_asyncio.fixture
async def ls(tmp_path):
    ex = await start_exchange(seed=5, db_path=tmp_path / "m.sqlite", port=0, rate_limits=False)
    client = LS(Endpoints(ex.rest_url, ex.ws_url, "demo"))
    assert await client.async_login("MASTER-KEY-0123456789", "MASTER-SECRET-0123456789")
    yield client, ex
    await client.aclose()
    await ex.stop()


@pytest.mark.asyncio
async def test_master_holds_every_listed_instrument(ls):
    client, ex = ls
    master = InstrumentMaster()
    heard = []
    master.listeners.append(heard.append)
    count = await master.load(client)
    stocks = {i.symbol for i in ex.market.instruments("stock")}
    futures = {i.symbol for i in ex.market.instruments("future")}
    assert stocks | futures <= {code for code in master._by_code}
    assert count == len(master) and heard == [count]
    es = master.get(next(s for s in futures if s.startswith("ES")))
    assert es.market == "futures" and es.tick is not None and es.tick > 0
    aapl = master.get("AAPL")
    assert (aapl.exchcd, aapl.keysymbol, aapl.exchange) == ("82", "82AAPL", "NASDAQ")


@pytest.mark.asyncio
async def test_stocks_are_subscribed_before_the_option_chains_arrive(ls):
    """The master's parts load side by side, each usable when it arrives: the option chains take
    one o3121 each at one call a second, and a watchlist of stocks must not wait for them (in the
    self-test's fresh start they held the first prices back by a whole second)."""
    client, _ = ls
    master = InstrumentMaster()
    hub = MarketDataHub(client, master)
    progress = []
    master.progress_listeners.append(progress.append)
    try:
        w = hub.watcher("early")
        assert w.watch("AAPL") and w.watch("NOSUCH")  # neither known yet
        load = asyncio.create_task(master.load(client))
        deadline = time.monotonic() + 10
        while ("GSC", "82AAPL") not in hub.subscriptions and time.monotonic() < deadline:
            await asyncio.sleep(0.005)
        assert ("GSC", "82AAPL") in hub.subscriptions
        assert not master.loaded and not load.done()  # the options are still on their way
        assert await load == len(master) and master.loaded
        assert len(progress) >= 3 and progress == sorted(progress)
        assert hub.subscriptions == {("GSC", "82AAPL"), ("GSH", "82AAPL")}  # NOSUCH refused once complete
        assert not w.hub._pending
    finally:
        await hub.close()


@pytest.mark.asyncio
async def test_search_ranks_exact_code_then_prefix_then_names(ls):
    client, _ = ls
    master = InstrumentMaster()
    assert master.search("AAPL")[0].code == "AAPL"  # built-in list before loading
    await master.load(client)
    assert master.search("aapl")[0].code == "AAPL"
    found = [s.code for s in master.search("ES", 50)]
    assert found and all(c.startswith("ES") for c in found[:2])
    assert "AAPL" in [s.code for s in master.search("애플")]
    assert master.search("   ") == []


@pytest.mark.asyncio
async def test_palette_rows_name_each_instrument_once(ls):
    """QA (Korean palette): "AMD  AMD Advanced Micro Devices Inc", "CRM  세일즈포스 Salesforce Inc":
    the code repeated as a name and two languages run together. The Korean name, then the English
    one after a separator, each once, none only repeating the code; a futures contract (English
    only at LS) has its one name."""
    client, _ = ls
    master = InstrumentMaster()
    await master.load(client, options=False)
    names = {c: master.get(c).info().name for c in ("CRM", "AMD", "IBM", "AAPL")}
    assert names["CRM"] == "세일즈포스 · SALESFORCE INC"
    assert names["AAPL"] == "애플 · APPLE INC"
    assert names["AMD"] == "ADVANCED MICRO DEVICES INC"
    assert names["IBM"] == "INTERNATIONAL BUSINESS MACHINES"
    es = master.get(sorted(c.code for c in master.all() if c.code.startswith("ES"))[0])
    assert es.info().name == es.name and "·" not in es.name
    assert [s.name for s in master.search("salesforce")] == ["세일즈포스 · SALESFORCE INC"]


@pytest.mark.asyncio
async def test_futures_hours_are_on_the_korean_clock_as_ls_gives_them(ls):
    """o3101 DlStrtTm/DlEndTm are Korean time ("거래시작시간(한국)"; LS's example: a CME contract
    070000–060000 in June). The embedded exchange sent the exchange's own clock (CME 170000–160000
    Chicago), which the terminal read, and showed, as 17:00–16:00 Korean time."""
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo

    client, _ = ls
    master = InstrumentMaster()
    await master.load(client, options=False)

    def korean(zone: str, hhmm: str) -> str:
        """The exchange's time of day on the Korean clock at the exchange's UTC offset now (not the
        offset of that time today: on the night daylight saving starts, they differ)."""
        now = datetime.now(ZoneInfo(zone))
        local = now.replace(hour=int(hhmm[:2]), minute=int(hhmm[2:]), second=0, tzinfo=timezone(now.utcoffset()))
        return local.astimezone(ZoneInfo("Asia/Seoul")).strftime("%H%M%S")

    es = master.get(sorted(c.code for c in master.all() if c.code.startswith("ES"))[0])
    assert (es.session_start, es.session_end) == (korean("America/Chicago", "1700"), korean("America/Chicago", "1600"))
    assert es.session_start in ("070000", "080000")
    hsi = master.get(next(c.code for c in master.all() if c.code.startswith("HSI")))
    assert (hsi.session_start, hsi.session_end) == ("101500", "173000")
