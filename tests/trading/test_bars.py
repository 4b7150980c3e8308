"""The bar service against the embedded exchange over loopback: every chart TR, paging to the end
under the rate limit, cancelling, the SQLite cache (gaps only, corrupt file rebuilt), and live
trades aggregated into the same bars the history TRs return afterwards."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import numpy as np
import pytest
import pytest_asyncio

from app.ls import LS, Endpoints
from app.sim.exchange import start_exchange
from app.trading import bar_history
from app.trading.bar_cache import BarCache
from app.trading.bar_series import Timeframe, local_seconds
from app.trading.bars import BarService
from app.trading.instruments import InstrumentMaster
from app.trading.marketdata import MarketDataHub

KEY, SECRET = "BARS-TEST-KEY-0123456789", "BARS-TEST-SECRET-0123456789"


async def until(predicate, timeout: float = 20.0) -> None:
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.01)


class Refusals:
    """Counts the IGW00201 answers the exchange's throttle gives."""

    def __init__(self, limiter):
        self.inner, self.refused, self.calls = limiter, 0, 0

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def allow(self, *args, **kwargs):
        self.calls += 1
        ok = self.inner.allow(*args, **kwargs)
        self.refused += not ok
        return ok


async def _market(tmp_path, run_market: bool):
    ex = await start_exchange(seed=31, db_path=tmp_path / "bars.sqlite", port=0, steps_per_second=5.0,
                              run_market=run_market)
    ex.limiter = Refusals(ex.limiter)
    client = LS(Endpoints(ex.rest_url, ex.ws_url, "demo"))
    assert await client.async_login(KEY, SECRET)
    master = InstrumentMaster()
    await master.load(client)
    hub = MarketDataHub(client, master)
    return SimpleNamespace(ex=ex, client=client, master=master, hub=hub)


async def _close(m) -> None:
    await m.hub.close()
    await m.client.aclose()
    await m.ex.stop()


@pytest_asyncio.fixture
async def market(tmp_path):
    m = await _market(tmp_path, True)
    try:
        yield m
    finally:
        await _close(m)


@pytest_asyncio.fixture
async def still_market(tmp_path):
    """No trades unless the test steps the market; the exchange clock moves only when told."""
    m = await _market(tmp_path, False)
    await m.client.overseas_stock().real().connect()
    await m.client.overseas_futureoption().real().connect()
    try:
        yield m
    finally:
        await _close(m)


def fo(master, market: str):
    return next(i for i in master.all() if i.market == market)


def check_bars(a: dict) -> None:
    assert len(a["t"]) > 0
    assert np.all(np.diff(a["t"]) >= 0)
    assert np.all(a["h"] >= np.maximum(a["o"], a["c"])) and np.all(a["l"] <= np.minimum(a["o"], a["c"]))
    assert np.all(a["v"] >= 0)


@pytest.mark.asyncio
async def test_every_chart_tr_answers_bars(market):
    stock, fut, opt = market.master.get("AAPL"), fo(market.master, "futures"), fo(market.master, "option")
    cases = [(stock, "1t", None, "g3202"), (stock, "1m", None, "g3203"), (stock, "W", None, "g3204"),
             (stock, "D", "g3103", "g3103"),
             (fut, "1t", None, "o3139"), (fut, "5m", None, "o3103"), (fut, "M", None, "o3108"),
             (fut, "30t", "o3117", "o3117"),
             (opt, "10t", None, "o3139"), (opt, "10m", None, "o3123"), (opt, "W", None, "o3128"),
             (opt, "1t", "o3137", "o3137")]
    for inst, tf, prefer, tr in cases:
        r = await bar_history.fetch(market.client, inst, Timeframe.parse(tf), tr=prefer, max_bars=400)
        assert r.trs == [tr]
        check_bars(r.arrays)
    assert market.ex.limiter.refused == 0


@pytest.mark.asyncio
async def test_paging_stops_at_the_end_under_the_rate_limit(market):
    inst = market.master.get("AAPL")
    expected = len(market.ex.market.history("AAPL").minute_bars(5))
    pages: list[tuple[int, int]] = []
    r = await bar_history.fetch(market.client, inst, Timeframe.parse("5m"), page_size=100,
                                progress=lambda p, b: pages.append((p, b)))
    assert r.complete
    assert r.pages == -(-expected // 100)  # every page once, none after the server said "no more"
    assert pages[-1] == (r.pages, expected) and [p for p, _ in pages] == list(range(1, r.pages + 1))
    assert len(r.arrays["t"]) == expected and len(np.unique(r.arrays["t"])) == expected
    assert market.ex.limiter.refused == 0  # g3203 is 3 a second: paced, never refused


@pytest.mark.asyncio
async def test_loading_cancels_between_pages(market):
    svc = BarService(market.client, market.master, market.hub)
    inst = market.master.get("AAPL")
    two = asyncio.Event()
    task = asyncio.ensure_future(bar_history.fetch(
        market.client, inst, Timeframe.parse("1m"), page_size=50,
        progress=lambda p, b: two.set() if p >= 2 else None))
    await asyncio.wait_for(two.wait(), 20)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    calls = market.ex.limiter.calls
    await asyncio.sleep(1.0)  # (three pages' worth of the TR's rate)
    assert market.ex.limiter.calls == calls

    svc.page_size = 50
    feed = svc.open("AAPL", "1m")
    await feed.wait_first()
    # ready (a chart paints it) after its first page; the rest of the history comes behind it
    assert feed.state == "ready" and feed.fetched_pages == 1 and feed.loading_older and not feed.complete
    first = feed.series.n  # 50 (+1 if a live bar opened since)
    await until(lambda: feed.older_pages >= 2)
    feed.cancel()
    await feed.wait()
    calls = market.ex.limiter.calls
    assert feed.state == "ready" and not feed.loading_older and not feed.complete
    assert feed.series.n >= first + 100 and np.all(np.diff(feed.series.t) > 0)  # the pages that came stay
    await asyncio.sleep(1.0)
    assert market.ex.limiter.calls == calls  # nothing asked after Cancel

    svc.page_size = 500
    oldest = int(feed.series.t[0])
    assert feed.load_older()  # scrolled back later, older history still comes (its pages anew)
    await until(lambda: not feed.loading_older)
    assert int(feed.series.t[0]) < oldest and np.all(np.diff(feed.series.t) > 0)

    feed = svc.open("MSFT", "1m")
    feed.cancel()  # at once: before its task ran
    await feed.wait()
    assert feed.state == "cancelled" and not feed.loading_older  # not "loading" for ever
    svc.close()


async def first_load(market, cache_path, tf: str) -> tuple[int, int]:
    """Open `tf` of AAPL with an empty cache at `cache_path`, load it, close: (bars the history
    brought, pages); the cache holds those bars (live trades folded in since are not saved)."""
    first = BarService(market.client, market.master, market.hub, BarCache(cache_path), tag="t")
    feed = first.open("AAPL", tf)
    await feed.wait()
    assert feed.state == "ready" and not feed.from_cache and feed.series.n > 0
    got = feed.bars_loaded, feed.fetched_pages
    feed.release()
    first.close()
    return got


@pytest.mark.asyncio
async def test_cache_paints_at_once_and_fetches_only_the_gap(market, tmp_path):
    cache_path = tmp_path / "cache" / "bars.sqlite"
    _n, pages = await first_load(market, cache_path, "1m")
    assert pages >= 9  # three days of minutes, 500 a page

    second = BarService(market.client, market.master, market.hub, BarCache(cache_path), tag="t")
    events: list[tuple[str, int, bool]] = []
    feed = second.open("AAPL", "1m")
    assert feed.from_cache and feed.series.n > 4000 and feed.loading  # before any page: paint now
    feed.listeners.append(lambda f, what: events.append((what, f.series.n, f.loading)))
    await feed.wait()
    assert events[0][0] == "history" and events[0][1] > 4000 and events[0][2]  # painted before any page
    assert feed.from_cache and feed.fetched_pages == 1  # only the newest page: the gap
    got = feed.series.arrays()  # cached + the gap page (+ live trades since)
    fresh = (await bar_history.fetch(market.client, market.master.get("AAPL"), Timeframe.parse("1m"))).arrays
    # every bar but the newest one or two (still trading while we compare) is the server's
    common, gi, fi = np.intersect1d(got["t"][:-2], fresh["t"][:-2], return_indices=True)
    assert len(common) >= len(fresh["t"]) - 3 and np.all(np.diff(got["t"]) > 0)
    for k in "ohlcv":
        assert np.allclose(got[k][gi], fresh[k][fi]), k
    feed.release()
    second.close()


def test_corrupt_cache_is_rebuilt(tmp_path):
    path = tmp_path / "bars.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    cache = BarCache(path)
    assert cache.load("k") is None and cache.rebuilt == 1
    a = {"t": np.arange(5, dtype=np.int64) * 60, **{k: np.arange(5, dtype=float) + 1 for k in "ohlcv"}}
    cache.save("k", a, True)
    got, complete = cache.load("k")
    assert complete and np.array_equal(got["t"], a["t"]) and np.array_equal(got["c"], a["c"])
    # an entry cut short is dropped, not believed
    cache._open().execute("UPDATE series SET data=substr(data, 1, 17) WHERE key='k'")
    cache._open().commit()
    assert cache.load("k") is None
    cache.close()
    cache = BarCache(path)
    assert cache.load("k") is None and cache.rebuilt == 0


async def _trade_until(m, feed, symbol: str, what) -> None:
    """Step the (still) market for `symbol` until `what(feed)` holds."""
    for _ in range(2000):
        if what(feed):
            return
        m.ex.market.step(symbol)
        await asyncio.sleep(0.005)
    raise AssertionError("the market never traded")


@pytest.mark.asyncio
@pytest.mark.parametrize("symbol", ["AAPL", "futures"])
async def test_live_aggregation_equals_history_minute_and_day(still_market, symbol, monkeypatch):
    m = still_market
    if symbol == "futures":
        symbol = fo(m.master, "futures").code
    # the client's exchange day comes from the exchange's clock, which this test moves on: moved
    # across New York midnight alone, it had g3204 asked for the day before the live trades' day
    # (the run in the last two minutes before midnight failed)
    real_day = bar_history.exchange_day
    monkeypatch.setattr(bar_history, "exchange_day", lambda now=None: real_day(now or m.ex.clock.now()))
    svc = BarService(m.client, m.master, m.hub)
    minute, day = svc.open(symbol, "1m"), svc.open(symbol, "D")
    await minute.wait()
    await day.wait_first()  # (today's bar is on the first page; older years come behind it)
    await m.hub.settled()
    # land in the first seconds of a fresh minute, then trade through two whole minutes
    now = m.ex.clock.time()
    m.ex.clock.advance(60 - now % 60 + 1)
    n0 = minute.series.appended
    await _trade_until(m, minute, symbol, lambda f: f.series.appended == n0 + 1 and f.series.v[-1] > 0)
    await _trade_until(m, minute, symbol, lambda f: f.series.c[-1] != f.series.o[-1] or f.series.v[-1] > 50)
    m.ex.clock.advance(60)
    await _trade_until(m, minute, symbol, lambda f: f.series.appended == n0 + 2)
    await _trade_until(m, minute, symbol, lambda f: f.series.h[-1] != f.series.l[-1])
    live_min, live_day = minute.series.arrays(), day.series.arrays()
    inst = m.master.get(symbol)
    hist_min = (await bar_history.fetch(m.client, inst, Timeframe.parse("1m"), max_bars=10)).arrays
    hist_day = (await bar_history.fetch(m.client, inst, Timeframe.parse("D"), max_bars=10)).arrays
    for k in ("t", "o", "h", "l", "c", "v"):
        assert np.array_equal(live_min[k][-2:], hist_min[k][-2:]), k  # both live-built minutes
        assert live_day[k][-1] == hist_day[k][-1], k  # today: history plus every live trade
    svc.close()


@pytest.mark.asyncio
@pytest.mark.parametrize("symbol", ["AAPL", "futures"])
async def test_live_n_tick_bars_equal_history(still_market, symbol):
    """A 10-tick chart: the history's newest bar holds last_count trades; live trades fill it to
    ten, then open a bar every ten trades. Afterwards the history TR (g3202, o3139) returns the
    same bars, the partly filled one included."""
    m = still_market
    if symbol == "futures":
        symbol = fo(m.master, "futures").code
    svc = BarService(m.client, m.master, m.hub)
    feed = svc.open(symbol, "10t")
    await feed.wait()
    await m.hub.settled()
    assert feed.state == "ready" and feed.series.n > 10
    n0, filled = feed.series.appended, feed.series.ticks_in_last
    await _trade_until(m, feed, symbol, lambda f: f.series.appended == n0 + 3 and 2 < f.series.ticks_in_last < 10)
    assert feed.series.appended == n0 + 3, filled
    live = feed.series.arrays()
    inst = m.master.get(symbol)
    hist = await bar_history.fetch(m.client, inst, Timeframe.parse("10t"), max_bars=20)
    assert hist.ticks_in_last == feed.series.ticks_in_last
    for k in ("t", "o", "h", "l", "c", "v"):
        assert np.array_equal(live[k][-5:], hist.arrays[k][-5:]), k  # the loaded bar, three live, one filling
    svc.close()


@pytest.mark.asyncio
async def test_older_history_pages_on_where_the_first_load_stopped(still_market, monkeypatch):
    from app.trading import bars

    monkeypatch.setitem(bars.MAX_BARS, "min", 400)
    svc = BarService(still_market.client, still_market.master, still_market.hub)
    svc.page_size = 200
    feed = svc.open("AAPL", "5m")
    await feed.wait()  # a first page, then the rest up to MAX_BARS behind it
    assert feed.state == "ready" and feed.series.n == 400 and not feed.complete and feed.fetched_pages == 2
    first, n, before = int(feed.series.t[0]), feed.series.n, feed.series.prepended
    seen: list[tuple[int, int]] = []
    feed.listeners.append(lambda f, what: seen.append((f.older_pages, f.older_bars)) if f.loading_older else None)
    assert feed.load_older() and not feed.load_older()  # one load at a time
    await feed._older_task
    assert feed.series.n == n + 200 and int(feed.series.t[0]) < first and feed.series.prepended == before + 200
    assert seen[-1] == (1, 200)  # progress: pages and bars so far
    everything = (await bar_history.fetch(still_market.client, still_market.master.get("AAPL"),
                                          Timeframe.parse("5m"), page_size=500)).arrays
    got = feed.series.arrays()
    at = np.searchsorted(everything["t"], got["t"][0])
    for k in ("t", "o", "h", "l", "c", "v"):  # the same bars the server gives in one go
        assert np.array_equal(got[k][:600], everything[k][at:at + 600]), k
    while feed.load_older():  # to the very start: then nothing more is asked for
        await feed._older_task
    assert feed.complete and feed.series.n == len(everything["t"])
    calls = still_market.ex.limiter.calls
    assert not feed.load_older() and still_market.ex.limiter.calls == calls
    assert still_market.ex.limiter.refused == 0
    feed.release()
    svc.close()


@pytest.mark.asyncio
async def test_scrolled_back_after_a_restart_a_day_chart_asks_only_for_older_days(market, tmp_path, monkeypatch):
    """A day chart reopened from the cache, scrolled back: o3108 is asked for the days up to the
    oldest cached one (one page), not for every page from today again."""
    from app.trading import bars

    monkeypatch.setitem(bars.MAX_BARS, "day", 100)  # a first load of 2 pages of 50 days
    code = fo(market.master, "futures").code
    cache_path = tmp_path / "cache" / "bars.sqlite"
    first = BarService(market.client, market.master, market.hub, BarCache(cache_path), tag="t")
    first.page_size = 50
    feed = first.open(code, "D")
    await feed.wait()
    assert feed.series.n == 100 and not feed.complete
    first.close()

    second = BarService(market.client, market.master, market.hub, BarCache(cache_path), tag="t")
    second.page_size = 50
    feed = second.open(code, "D")
    await feed.wait()
    assert feed.from_cache and feed.fetched_pages == 1 and feed.series.n == 100
    oldest = int(feed.series.t[0])
    assert feed.load_older()
    await until(lambda: not feed.loading_older)
    assert feed.older_pages == 1 and feed.older_bars == 49  # a page, its newest day the one held
    everything = (await bar_history.fetch(market.client, market.master.get(code), Timeframe.parse("D"))).arrays
    got = feed.series.arrays()
    at = int(np.searchsorted(everything["t"], got["t"][0]))
    assert int(got["t"][48]) < oldest == int(got["t"][49])
    for k in ("t", "o", "h", "l", "c", "v"):  # the server's days, none twice, none left out
        assert np.array_equal(got[k][:120], everything[k][at:at + 120]), k
    second.close()


@pytest.mark.asyncio
async def test_a_cache_older_than_the_newest_history_it_would_reach_is_dropped(market, tmp_path, monkeypatch):
    """A chart not opened for weeks: MAX_BARS of new bars come before the newest cached one. The
    cached bars would stand before a hole in time: the chart shows the new ones (and loads older
    ones behind them), not old bars glued to them."""
    from app.trading import bars

    monkeypatch.setitem(bars.MAX_BARS, "min", 400)
    cache_path = tmp_path / "cache" / "bars.sqlite"
    cache = BarCache(cache_path)
    weeks_ago = int(local_seconds("20200106")) + 14 * 3600 + np.arange(300, dtype=np.int64) * 60
    cache.save("t:AAPL:1m:", {"t": weeks_ago, **{k: np.full(300, 100.0) for k in "ohlcv"}}, False)
    cache.close()
    svc = BarService(market.client, market.master, market.hub, BarCache(cache_path), tag="t")
    svc.page_size = 200
    feed = svc.open("AAPL", "1m")
    assert feed.from_cache and feed.series.n == 300  # painted at once, as any cache
    await feed.wait()
    got = feed.series.arrays()
    assert int(got["t"][0]) > int(weeks_ago[-1]) and 400 <= feed.series.n <= 402, (feed.series.n, got["t"][0])
    assert np.all(np.diff(got["t"]) > 0)
    again, _complete = svc.cache.load("t:AAPL:1m:")
    assert int(again["t"][0]) > int(weeks_ago[-1])  # the cache holds the new bars only
    svc.close()


@pytest.mark.asyncio
async def test_tick_bars_are_cached_like_the_others(market, tmp_path):
    cache_path = tmp_path / "cache" / "bars.sqlite"
    n, _pages = await first_load(market, cache_path, "1t")

    second = BarService(market.client, market.master, market.hub, BarCache(cache_path), tag="t")
    feed = second.open("AAPL", "1t")
    assert feed.from_cache and feed.series.n >= n - 1 and feed.loading  # painted before any page
    await feed.wait()
    assert feed.state == "ready" and feed.fetched_pages == 1  # only the newest page
    assert np.all(np.diff(feed.series.t) >= 0)
    feed.release()
    second.close()
