"""The market-data hub against the embedded exchange: ref-counted subscriptions, reconnects,
snapshot-then-stream ordering, bad frames, and the instrument master's day cache."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest
import pytest_asyncio

from app.ls import LS, Endpoints
from app.sim.exchange import start_exchange
from app.trading import quotes as qs
from app.trading.instruments import InstrumentMaster, cache_file
from app.trading.marketdata import MarketDataHub

KEY, SECRET = "HUB-TEST-KEY-0123456789", "HUB-TEST-SECRET-0123456789"


async def until(predicate, timeout: float = 10.0) -> None:
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.01)


@pytest_asyncio.fixture
async def market(tmp_path):
    ex = await start_exchange(seed=21, db_path=tmp_path / "hub.sqlite", port=0, steps_per_second=20.0)
    client = LS(Endpoints(ex.rest_url, ex.ws_url, "demo"))
    assert await client.async_login(KEY, SECRET)
    await client.overseas_stock().real().connect()
    master = InstrumentMaster()
    await master.load(client)
    hub = MarketDataHub(client, master)
    try:
        yield SimpleNamespace(ex=ex, client=client, master=master, hub=hub)
    finally:
        await hub.close()
        await client.aclose()
        await ex.stop()


def server_subs(ex, tr: str, key: str) -> int:
    """How many sockets the exchange pushes `tr`/`key` to."""
    return len(ex.hub.subs.get((tr, key), ()))


@pytest.mark.asyncio
async def test_one_subscription_per_symbol_however_many_watchers(market):
    hub, ex = market.hub, market.ex
    a, b = hub.watcher("a"), hub.watcher("b")
    assert a.watch("AAPL") and b.watch("AAPL", depth=True)
    await hub.settled()
    assert hub.subscriptions == {("GSC", "82AAPL"), ("GSH", "82AAPL")}
    await until(lambda: server_subs(ex, "GSC", "82AAPL") == 1 and server_subs(ex, "GSH", "82AAPL") == 1)
    await until(lambda: hub.quote("AAPL").live and hub.depth("AAPL").bids)
    assert {"AAPL"} <= a.take() and {"AAPL"} <= b.take()

    a.unwatch("AAPL")  # b still watches: nothing is released
    await hub.settled()
    assert hub.subscriptions == {("GSC", "82AAPL"), ("GSH", "82AAPL")}
    assert hub.depth("AAPL") is not None

    b.unwatch("AAPL")  # the last watcher goes: released on the client and on the server
    await hub.settled()
    assert hub.subscriptions == set() and hub.quote("AAPL") is None
    await until(lambda: server_subs(ex, "GSC", "82AAPL") == 0 and server_subs(ex, "GSH", "82AAPL") == 0)
    assert market.client.overseas_stock().real().session.subscriptions == []


@pytest.mark.asyncio
async def test_watch_unwatch_bursts_never_double_subscribe_or_leak(market):
    hub, ex = market.hub, market.ex
    w = hub.watcher("burst")
    for _ in range(5):
        w.watch("MSFT")
        w.unwatch("MSFT")
    w.watch("MSFT")
    await hub.settled()
    assert hub.subscriptions == {("GSC", "82MSFT"), ("GSH", "82MSFT")}
    await until(lambda: server_subs(ex, "GSC", "82MSFT") == 1)
    assert sorted(market.client.overseas_stock().real().session.subscriptions) == [
        ("GSC", "82MSFT"), ("GSH", "82MSFT")]


@pytest.mark.asyncio
async def test_unknown_symbols_are_refused(market):
    w = market.hub.watcher("x")
    assert w.watch("NOSUCH") is False
    assert "NOSUCH" not in w.symbols and market.hub.subscriptions == set()


@pytest.mark.asyncio
async def test_symbols_watched_before_the_master_loads_subscribe_when_it_does(market):
    master = InstrumentMaster()
    hub = MarketDataHub(market.client, master)
    try:
        w = hub.watcher("early")
        assert w.watch("AAPL") and w.watch("NOSUCH")  # not known yet either way
        assert hub.subscriptions == set()
        await master.load(market.client)
        await hub.settled()
        assert hub.subscriptions == {("GSC", "82AAPL"), ("GSH", "82AAPL")}
        await until(lambda: hub.quote("AAPL").live)
    finally:
        await hub.close()


@pytest.mark.asyncio
async def test_futures_and_options_use_their_own_feeds(market):
    hub = market.hub
    fut = next(i.code for i in market.master.all() if i.market == "futures")
    opt = next(i.code for i in market.master.all() if i.market == "option")
    w = hub.watcher("fo")
    assert w.watch(fut, depth=True) and w.watch(opt)
    await hub.settled()
    assert {("OVC", fut), ("OVH", fut), ("WOC", opt), ("WOH", opt)} <= hub.subscriptions
    await until(lambda: hub.quote(fut).live and len(hub.depth(fut).asks) == 5)
    await until(lambda: hub.quote(opt).last is not None)


@pytest.mark.asyncio
async def test_every_futures_contract_streams_readable_trades_and_books(market):
    """One contract of each product (index, energy, metals, currencies with seven decimals, HKEX,
    SGX): its live trades and book reach the quote; not one frame is skipped as unreadable."""
    hub = market.hub
    fronts: dict[str, str] = {}
    for inst in market.master.all():
        if inst.market == "futures":
            fronts.setdefault(inst.underlying or inst.code[:-3], inst.code)
    assert {"6J", "HSI", "NK", "ES", "CL"} <= {code[:-3] for code in fronts.values()}
    w = hub.watcher("all futures")
    for code in fronts.values():
        assert w.watch(code, depth=True)
    await hub.settled()
    await until(lambda: all(hub.quote(c).live and len(hub.depth(c).asks) == 5 for c in fronts.values()), 20)
    assert hub.bad_frames == 0
    for code in fronts.values():
        q, inst = hub.quote(code), market.master.get(code)
        assert q.last > 0 and q.bid > 0 and q.ask > q.bid
        tick = float(inst.tick)
        assert abs(q.last / tick - round(q.last / tick)) < 1e-6, (code, q.last)  # a price on the contract's grid


@pytest.mark.asyncio
async def test_quotes_resume_after_a_dropped_connection_without_double_subscribing(market):
    hub, ex = market.hub, market.ex
    w = hub.watcher("drop")
    w.watch("NVDA")
    await hub.settled()
    await until(lambda: hub.quote("NVDA").live)
    states = []
    hub.state_listeners.append(lambda product, state: states.append(state))
    ex.faults.drop_websockets()
    await until(lambda: "reconnecting" in states and states[-1] == "connected")
    before = hub.quote("NVDA").version
    await until(lambda: hub.quote("NVDA").version > before + 3)
    assert server_subs(ex, "GSC", "82NVDA") == 1 and server_subs(ex, "GSH", "82NVDA") == 1
    assert hub.subscriptions == {("GSC", "82NVDA"), ("GSH", "82NVDA")}
    assert "NVDA" in w.take()


@pytest.mark.asyncio
async def test_malformed_frames_are_skipped_and_the_feed_goes_on(market):
    hub, ex = market.hub, market.ex
    ex.faults.malformed_rate = 0.3
    w = hub.watcher("bad")
    w.watch("TSLA")
    await hub.settled()
    await until(lambda: hub.quote("TSLA").version > 10)
    real = market.client.overseas_stock().real().session
    assert real.bad_frames > 0  # cut short: dropped by the client core
    bad, last, key = hub.bad_frames, hub.quote("TSLA").last, "82TSLA            "
    hub._on_trade_frame("GSC", key, b'{"header": {"tr_cd": "GSC", "tr_key": "82TSLA"}, "body": {"price": ""}}')  # no price
    assert hub.quote("TSLA").last == last and hub.bad_frames == bad + 1  # counted when read, never applied
    hub._on_book_frame("GSH", key, b'{"header": {"tr_cd": "GSH"}, "body": {"offerho1": "1", "loctime": 93000}}')  # not a time
    hub._on_trade_frame("GSC", key, b'{"header": {"tr_cd": "GSC"}, "body": [1, 2]}')
    assert hub.quote("TSLA").last == last and hub.bad_frames == bad + 3
    for price in ("NaN", "inf", "-Infinity", "1e999"):  # not a price either (it would stick in the quote)
        hub._on_trade_frame("GSC", key, b'{"header": {"tr_cd": "GSC"}, "body": {"price": "%s"}}' % price.encode())
        assert hub.quote("TSLA").last == last  # (read: each frame is decoded, none is applied)
    assert hub.bad_frames == bad + 7


@pytest.mark.asyncio
async def test_frames_are_decoded_when_read_and_every_trade_reaches_the_tape(market):
    hub = market.hub
    quote_only, with_tape = hub.watcher("list"), hub.watcher("tape")
    assert quote_only.watch("AAPL") and with_tape.watch("MSFT", trades=True)
    await until(lambda: hub.quote("AAPL").live and hub.quote("MSFT").live)
    await market.ex.market.stop()

    def gsc(symbol: str, price: str, totq: str) -> bytes:
        return ('{"header": {"tr_cd": "GSC", "tr_key": "82%s"}, "body": {"symbol": "%s", "price": "%s", '
                '"diff": "1.00", "sign": "2", "rate": "0.5", "trdq": "3", "totq": "%s", "trdtm": "093001", '
                '"cgubun": "+"}}' % (symbol, symbol, price, totq)).encode()

    book = b'{"header": {"tr_cd": "GSH"}, "body": {"offerho1": "%s", "offerrem1": "7", "bidho1": "%s", "bidrem1": "9"}}'
    version = hub.quotes["AAPL"].version
    for i in range(5):
        hub._on_trade_frame("GSC", "82AAPL            ", gsc("AAPL", f"{200 + i}.00", str(1000 + i)))
        hub._on_book_frame("GSH", "82AAPL            ", book % (f"{201 + i}.01".encode(), f"{200 + i}.99".encode()))
    assert hub.quotes["AAPL"].version == version + 10  # each arrival is a change ...
    assert len(hub._raw_trades) == 1 and len(hub._raw_books) == 1  # ... kept as sent, the latest only
    q = hub.quote("AAPL")  # reading applies it
    assert (q.last, q.volume, q.ask, q.bid, q.bid_size) == (204.0, 1004, 205.01, 204.99, 9)
    assert not hub._raw_trades and not hub._raw_books

    tape = hub.tape("MSFT")
    before = len(tape.items)
    hub._on_book_frame("GSH", "82MSFT            ", book % (b"301.01", b"300.99"))
    for i in range(4):
        hub._on_trade_frame("GSC", "82MSFT            ", gsc("MSFT", f"{300 + i}.00", str(50 + i)))
    assert [t.price for t in list(tape.items)[before:]] == [300.0, 301.0, 302.0, 303.0]
    assert "MSFT" in hub._raw_books  # every trade is applied at once; the book still waits for a reader
    assert (hub.quote("MSFT").last, hub.quote("MSFT").ask) == (303.0, 301.01)
def test_a_snapshot_never_overwrites_a_newer_live_frame():
    q = qs.Quote("AAPL")
    body = {"price": "101.5000", "diff": "1.5000", "sign": "2", "rate": "1.50", "open": "100.0000",
            "high": "102.0000", "low": "99.5000", "totq": "1000", "trdq": "5", "trdtm": "093001", "cgubun": "+",
            "ovsdate": "20261130"}
    trade = qs.apply_trade(q, body, qs.TRADE_FIELDS["GSC"], now=1.0)
    assert trade == qs.Trade("09:30:01", 101.5, 5, 1, "20261130")
    qs.snapshot_quote(q, last="99.00", change="1.00", sign="5", pct="1.00", volume=500, open_="100",
                      high="101", low="98", prev_close="100.00", now=2.0)
    assert (q.last, q.change, q.volume) == (101.5, 1.5, 1000)
    fresh = qs.Quote("MSFT")  # no live frame yet: the snapshot seeds everything
    qs.snapshot_quote(fresh, last="99.00", change="1.00", sign="5", pct="1.01", volume=500, open_="100",
                      high="101", low="98", prev_close="100.00", now=2.0)
    assert (fresh.last, fresh.change, fresh.change_pct, fresh.prev_close) == (99.0, -1.0, -1.01, 100.0)


@pytest.mark.asyncio
async def test_snapshot_answered_after_live_frames_keeps_the_live_values(market):
    hub, ex = market.hub, market.ex
    ex.faults.rest_delay = 0.6  # the seed answers well after the first pushes
    w = hub.watcher("slow")
    w.watch("AMZN")
    await until(lambda: hub.quote("AMZN").live)
    await until(lambda: hub.snapshots >= 1, timeout=15)
    ex.faults.rest_delay = 0.0
    st = ex.market.state("AMZN")
    await until(lambda: abs(hub.quote("AMZN").last - float(st.price(st.last))) < 1e-9)


@pytest.mark.asyncio
async def test_trade_tape_has_history_then_live_trades_and_listeners_get_every_trade(market):
    hub = market.hub
    heard = []
    remove = hub.add_trade_listener("AAPL", lambda s, t: heard.append(t))
    w = hub.watcher("tape")
    w.watch("AAPL", trades=True)
    await until(lambda: hub.tape("AAPL").history_loaded and len(heard) >= 3)
    items = list(hub.tape("AAPL").items)
    assert len(items) > len(heard) and items[-1] == heard[-1]
    remove()
    n = len(heard)
    await until(lambda: len(hub.tape("AAPL").items) > len(items) + 2 or len(hub.tape("AAPL").items) == 500)
    assert len(heard) == n


@pytest.mark.asyncio
async def test_master_is_read_from_the_day_cache_on_the_second_start(market, tmp_path, monkeypatch):
    path = cache_file(tmp_path / "cache", market.ex.rest_url)
    first = InstrumentMaster()
    await first.load(market.client, cache=path)
    assert not first.from_cache and path.is_file()

    def no_server(*_a, **_k):
        raise AssertionError("the master was asked again although today's cache exists")

    monkeypatch.setattr(InstrumentMaster, "_load_stocks", no_server)
    monkeypatch.setattr(InstrumentMaster, "_load_futures", no_server)
    second = InstrumentMaster()
    await second.load(market.client, cache=path)
    assert second.from_cache and len(second) == len(first)
    assert second.get("AAPL") == first.get("AAPL")
    fut = next(i for i in first.all() if i.market == "futures")
    assert second.get(fut.code).tick == fut.tick and second.get(fut.code).multiplier == fut.multiplier


@pytest.mark.asyncio
async def test_a_damaged_cache_is_replaced_from_the_server(market, tmp_path):
    path = cache_file(tmp_path / "cache", market.ex.rest_url)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00\xffnot json")
    master = InstrumentMaster()
    await master.load(market.client, cache=path)
    assert not master.from_cache and master.get("AAPL") is not None
    again = InstrumentMaster()
    assert again.read_cache(path)  # rewritten whole


def test_korean_book_times_become_new_york_times():
    from datetime import datetime

    from app.trading.marketdata_fetch import new_york_time
    from app.trading.trading_hours import SEOUL

    # LS's g3106 example: '144734' Korean time, New York 01:47:34 (EDT, 13 hours behind)
    assert new_york_time("144734", datetime(2025, 4, 28, 14, 50, tzinfo=SEOUL)) == "014734"
    assert new_york_time("144734", datetime(2025, 12, 1, 14, 50, tzinfo=SEOUL)) == "004734"  # EST, 14 behind
    # a book stamped just before midnight and read just after it is yesterday's
    assert new_york_time("235959", datetime(2025, 4, 29, 0, 0, 30, tzinfo=SEOUL)) == "105959"
    assert new_york_time("", datetime(2025, 4, 29, tzinfo=SEOUL)) == ""
    assert new_york_time("2599xx", datetime(2025, 4, 29, tzinfo=SEOUL)) == "2599xx"
    assert new_york_time("250000", datetime(2025, 4, 29, tzinfo=SEOUL)) == "250000"


@pytest.mark.asyncio
async def test_a_stock_book_snapshot_is_stamped_on_new_york_time(market):
    """g3106 stamps its book on the Korean clock (as LS's example does), GSH on New York's: the
    snapshot's time is turned into New York's, so the book's time does not jump by 13-14 hours
    when the first push replaces it."""
    from datetime import datetime

    from app.trading.marketdata_fetch import fetch_seed
    from app.trading.trading_hours import NEW_YORK

    inst = market.master.get("AAPL")
    hours = {datetime.now(NEW_YORK).strftime("%H")}
    seed = await fetch_seed(market.client, inst, depth=True)
    hours.add(datetime.now(NEW_YORK).strftime("%H"))
    assert seed.book_time[:2] in hours, (seed.book.hotime, seed.book_time, hours)
    q, d = qs.Quote("AAPL"), qs.Depth("AAPL")
    qs.snapshot_depth(q, d, seed.book, seed.levels, 1.0, seed.book_time)
    assert d.time == qs.hms(seed.book_time) and d.bids
