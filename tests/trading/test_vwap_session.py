"""A future's VWAP session and day bar open where its exchange's trading day does: CME Globex at
17:00 Chicago time the evening before the trade date (the master lists 07:00/08:00 Korean time),
not at midnight. Real bars from the embedded exchange over loopback: the 1-minute history across
several session opens, the day bars the exchange builds over the same minutes, and live trades on
both sides of 17:00; a stock keeps the calendar day."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import numpy as np
import pytest

from app.trading import bar_history, indicators
from app.trading.bar_series import DAY, BarSeries, Timeframe
from app.trading.bars import BarService
from app.trading.instruments import Instrument
from app.trading.trading_hours import SEOUL, exchange_zone, session_open
from tests.trading.test_bars import _trade_until, market, still_market  # noqa: F401 (fixtures: the exchange, running or still)

CME_OPEN = 17 * 3600


def reference_vwap(s: BarSeries, open_at: int) -> np.ndarray:
    """VWAP summed afresh over each session, a session being the bars with equal (t - open_at) // DAY."""
    typ = (s.h + s.l + s.c) / 3.0
    out = np.empty(len(s))
    key = (s.t - open_at) // DAY
    for k in np.unique(key):
        m = np.flatnonzero(key == k)
        out[m] = np.cumsum(typ[m] * s.v[m]) / np.cumsum(s.v[m])
    return out


def future(code: str, exchange: str, start: str, end: str) -> Instrument:
    return Instrument(code=code, name=code, name_en=code, market="futures", exchange=exchange, currency="USD",
                      tick=Decimal("0.25"), session_start=start, session_end=end)


def test_session_open_on_the_exchange_clock():
    winter, summer = datetime(2026, 12, 1, 12, tzinfo=SEOUL), datetime(2026, 7, 1, 12, tzinfo=SEOUL)
    assert session_open(future("ESZ26", "CME", "080000", "070000"), winter) == CME_OPEN
    assert session_open(future("ESU26", "CME", "070000", "060000"), summer) == CME_OPEN
    assert session_open(future("SGPZ26", "SGX", "084500", "065000"), winter) == 7 * 3600 + 45 * 60
    assert session_open(future("HSIZ26", "HKEX", "101500", "173000"), winter) == 0  # within the day
    assert session_open(future("XZ26", "CME", "", ""), winter) == 0  # hours unknown
    stock = Instrument(code="AAPL", name="AAPL", name_en="AAPL", market="stock", exchange="NASDAQ", currency="USD")
    assert session_open(stock, winter) == 0 and session_open(None, winter) == 0


@pytest.mark.asyncio
async def test_futures_vwap_and_day_bars_split_at_the_evening_open(market):  # noqa: F811
    inst = next(i for i in market.master.all() if i.code.startswith("ES") and i.market == "futures")
    assert exchange_zone(inst).key == "America/Chicago"
    svc = BarService(market.client, market.master, market.hub)
    minute, day = svc.open(inst.code, "1m"), svc.open(inst.code, "D")
    await minute.wait()
    await day.wait()
    s = minute.series
    assert s.session_open == CME_OPEN
    opens = np.flatnonzero((s.t % DAY == CME_OPEN)[1:]) + 1
    midnights = np.flatnonzero((s.t % DAY == 0)[1:]) + 1
    assert len(opens) >= 2 and len(midnights) >= 2  # the history crosses both, more than once

    vwap = indicators.make("vwap").compute(s)["vwap"][:len(s)]
    typ = (s.h + s.l + s.c) / 3.0
    assert np.allclose(vwap, reference_vwap(s, CME_OPEN))
    assert np.allclose(vwap[opens], typ[opens])  # starts again at 17:00 ...
    assert not np.allclose(vwap[midnights], typ[midnights])  # ... and runs on through midnight
    assert np.array_equal(indicators.session_breaks(s.t, 1, CME_OPEN), opens)  # the chart's line breaks
    after = midnights[midnights > opens[0]]  # (the history may start after a 17:00 or before one)
    for i in (int(after[0]), min(int(opens[-1]) + 5, len(s) - 1), len(s) - 1):  # (run just after an open: its bars)
        assert indicators.session_start(s.t, i, CME_OPEN) == opens[opens <= i].max()

    # the exchange's day bars are the same sessions: each whole one, summed from the minutes
    d = day.series
    trade_date = (s.t - CME_OPEN) // DAY + 1
    whole = np.unique(trade_date)[1:-1]  # (the first and the running one may hold part of a day only)
    assert len(whole) >= 1
    for k in whole:
        m = trade_date == k
        row = int(np.flatnonzero(d.t == k * DAY)[0])
        assert (d.o[row], d.h[row], d.l[row], d.c[row], d.v[row]) == \
            (s.o[m][0], s.h[m].max(), s.l[m].min(), s.c[m][-1], s.v[m].sum())
    svc.close()


@pytest.mark.asyncio
async def test_stock_vwap_keeps_the_calendar_day(market):  # noqa: F811
    svc = BarService(market.client, market.master, market.hub)
    feed = svc.open("AAPL", "5m")
    await feed.wait()
    s = feed.series
    assert s.session_open == 0
    vwap = indicators.make("vwap").compute(s)["vwap"][:len(s)]
    assert np.allclose(vwap, reference_vwap(s, 0))
    days = s.t // DAY
    assert np.array_equal(indicators.session_breaks(s.t), np.flatnonzero(days[1:] != days[:-1]) + 1)
    svc.close()


@pytest.mark.asyncio
async def test_live_trades_after_the_open_go_to_the_next_trade_date(still_market):  # noqa: F811
    m = still_market
    inst = next(i for i in m.master.all() if i.code.startswith("ES") and i.market == "futures")
    svc = BarService(m.client, m.master, m.hub)
    minute, day = svc.open(inst.code, "1m"), svc.open(inst.code, "D")
    await minute.wait()
    await day.wait()
    await m.hub.settled()
    zone = exchange_zone(inst)
    now = datetime.fromtimestamp(m.ex.clock.time(), zone)
    five_to = now.replace(hour=16, minute=55, second=0, microsecond=0)
    if five_to <= now:
        five_to += timedelta(days=1)
    m.ex.clock.advance(five_to.timestamp() - m.ex.clock.time())  # 16:55 Chicago time
    appended0 = minute.series.appended
    await _trade_until(m, minute, inst.code, lambda f: f.series.appended > appended0)
    # (counted after 16:55's trade, which opens a day bar of its own when none was running: run
    # on a Saturday, 16:55 is Sunday's)
    before, days0 = int(day.series.t[-1]), day.series.appended
    m.ex.clock.advance(10 * 60)  # 17:05: the next trade date's session
    await _trade_until(m, day, inst.code, lambda f: f.series.appended > days0)
    assert int(day.series.t[-1]) == before + DAY == ((int(minute.series.t[-1]) - CME_OPEN) // DAY + 1) * DAY
    s = minute.series
    vwap = indicators.make("vwap").compute(s)["vwap"][len(s) - 1]
    assert vwap == pytest.approx((s.h[-1] + s.l[-1] + s.c[-1]) / 3)  # the session's first bar
    hist = (await bar_history.fetch(m.client, inst, Timeframe.parse("D"), max_bars=10)).arrays
    for k in ("t", "o", "h", "l", "c", "v"):  # the exchange's own day bars say the same
        assert hist[k][-1] == getattr(day.series, k)[-1], k
    svc.close()
