"""The simulated market: master contents, determinism, tick grid, book/trade agreement, history joins."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

from app.sim.clock import Clock
from app.sim.market import Market


@pytest.fixture(scope="module")
def market():
    return Market(seed=5)


def test_master_contents(market):
    stocks = market.instruments("stock")
    assert len(stocks) >= 60
    assert {s.exchange for s in stocks} == {"81", "82"}
    assert all(s.name and s.name_ko and s.currency == "USD" for s in stocks)
    futures = market.instruments("future")
    roots = {f.root for f in futures}
    assert len(roots) >= 12 and {"ES", "NQ", "YM", "CL", "GC", "SI", "6E", "6J", "HSI", "NK", "MES", "MNQ"} <= roots
    for f in futures:
        assert f.tick_size > 0 and f.tick_value > 0 and f.margin > 0 and len(f.expiry) == 8
        assert f.symbol.startswith(f.root) and f.symbol[len(f.root)] in "FGHJKMNQUVXZ"
    options = market.instruments("option")
    assert options and {o.put_call for o in options} == {"C", "P"}
    assert market.instrument("82TSLA").symbol == "TSLA" and market.instrument("81TSLA") is None
    assert market.instrument("NOPE") is None


def test_same_seed_same_prices():
    # half a minute from the next minute: the exchanges generate their history for the minute they
    # start in, and a boundary between building `a` and `b` made their day bars differ (a CI run)
    clock = Clock(offset=30 - time.time() % 60)
    a, b = Market(seed=9, clock=clock), Market(seed=9, clock=clock)
    c = Market(seed=10, clock=clock)
    for m in (a, b, c):
        for _ in range(300):
            m.step("AAPL")
            m.step("ESZ26" if m.instrument("ESZ26") else m.instruments("future")[0].symbol)
    assert a.last("AAPL") == b.last("AAPL")
    assert a.book("AAPL") == b.book("AAPL")
    assert [x.c for x in a.history("MSFT").day_bars()] == [x.c for x in b.history("MSFT").day_bars()]
    assert a.last("AAPL") != c.last("AAPL")


def test_trades_and_book_on_the_grid_and_consistent(market):
    trades = []
    market.add_trade_listener(lambda sym, price, qty, when: trades.append((sym, price, qty)))
    for inst in market.instruments():
        for _ in range(40):
            market.step(inst.symbol)
            bid, ask = market.best(inst.symbol)
            assert bid < ask
            book = market.book(inst.symbol)
            assert len(book.bids) == len(book.asks) == 10
            assert all(book.bids[i][0] > book.bids[i + 1][0] for i in range(9))
            assert all(book.asks[i][0] < book.asks[i + 1][0] for i in range(9))
            assert bid <= market.last(inst.symbol) <= ask
    assert trades
    for sym, price, qty in trades:
        assert isinstance(price, Decimal) and qty > 0
        assert market.on_tick(sym, price), (sym, price)


def test_history_joins_the_live_price(market):
    sym = "NVDA"
    st = market.state(sym)
    hist = market.history(sym)
    minutes = hist.minute_bars(1)
    days = hist.day_bars()
    assert days[-1].c == st.last == minutes[-1].c
    assert days[-1].o == st.day_open and days[-1].h == st.day_high and days[-1].l == st.day_low
    assert days[-2].c == st.prev_close
    # bars are continuous: each minute opens at the previous close (generated part)
    gen = minutes[: hist._gen["t"].size]
    assert all(gen[i].o == gen[i - 1].c for i in range(1, len(gen)))
    assert all(b.l <= min(b.o, b.c) and b.h >= max(b.o, b.c) for b in minutes + days)
    for period in ("W", "M", "Y"):
        bars = hist.period_bars(period)
        assert bars[-1].c == st.last and len(bars) < len(days)
    five = hist.minute_bars(5)
    assert all(b.t % 300 == 0 for b in five) and five[-1].c == st.last
    ticks = hist.tick_list()
    assert ticks[-1].price == st.last and all(ticks[i].seq < ticks[i + 1].seq for i in range(len(ticks) - 1))


def test_fx_rates(market):
    assert market.fx_rate("USD") == 1 and market.fx_rate("HKD") < 1 and market.krw_per_usd() > 1000


def test_session_hours():
    from datetime import datetime, timezone

    from app.sim.sessions import is_open

    def at(y, mo, d, h, mi):  # UTC
        return datetime(y, mo, d, h, mi, tzinfo=timezone.utc).timestamp()

    assert is_open("82", at(2026, 11, 24, 15, 0))  # Tue 10:00 New York
    assert not is_open("82", at(2026, 11, 24, 22, 0))  # Tue 17:00 New York
    assert not is_open("81", at(2026, 11, 28, 15, 0))  # Saturday
    assert is_open("CME", at(2026, 11, 24, 3, 0))  # Mon 21:00 Chicago (Globex night)
    assert not is_open("CME", at(2026, 11, 24, 22, 30))  # 16:30 Chicago daily break
    assert not is_open("CME", at(2026, 11, 29, 12, 0))  # Sunday morning
    assert is_open("HKEX", at(2026, 11, 24, 3, 0))  # 11:00 Hong Kong
    m = Market(seed=1, always_open=False, clock=Clock())
    assert m.is_open("TSLA") == is_open("82", m.clock.time())
    assert Market(seed=1).is_open("TSLA")


def test_the_history_trades_as_much_as_the_live_market():
    """A chart's live bars stand as tall as its history's: the generated minutes hold about the
    lots a minute the live market trades (they held a tenth: every intraday chart's volume jumped
    tenfold at the present), the older daily bars as many as the generated days, and a synthetic
    tick (a 1-tick chart's past, the tape's first rows) is a trade of a live trade's size."""
    import statistics

    from app.sim.history import SYNTH_TICKS

    m = Market(seed=3)
    m.always_open = True
    states = list(m._states.values())
    trades: dict[str, list[int]] = {}
    m.add_trade_listener(lambda symbol, _price, qty, _when: trades.setdefault(symbol, []).append(int(qty)))
    before = [st.volume for st in states]
    for _ in range(600 * 10):  # ten minutes of the market's 0.1 s steps
        m.tick_once()
    for st, v0 in list(zip(states, before))[::10]:
        live = (st.volume - v0) / 10
        minutes = [b.v for b in st.history.minute_bars()[:-30]]
        assert 0.5 < statistics.median(minutes) / max(live, 1) < 2, (st.symbol, statistics.median(minutes), live)
        days = st.history.day_bars()
        old, made = [b.v for b in days[:-4]], [b.v for b in days[-3:-1]]
        assert 0.5 < statistics.median(old) / statistics.mean(made) < 2, (st.symbol, statistics.median(old), made)
        synthetic = [t.qty for t in st.history.tick_list() if t.seq <= SYNTH_TICKS]
        live_trade = statistics.mean(trades[st.symbol])
        assert 0.4 < statistics.mean(synthetic) / live_trade < 2.5, (st.symbol, statistics.mean(synthetic), live_trade)


def test_n_tick_bars_stay_fixed_as_old_ticks_leave_the_buffer(monkeypatch):
    """N-tick bars are fixed (g3202's and o3139's): a bar holds the trades of seq k*n+1 … (k+1)*n
    whatever has left the exchange's tick buffer since, so a chart's bars do not change under it
    as trades come; a bar whose first trades are gone is not served; only the newest may be short
    (last_count). Grouped from the oldest trade kept, every bar shifted with each trade."""
    from app.sim import history
    from app.sim.handlers.paging import tick_bars

    monkeypatch.setattr(history, "LIVE_TICKS", history.SYNTH_TICKS + 100)  # the buffer rolls soon
    m = Market(seed=4)
    m.always_open = True
    st = m.state("AAPL")
    before = {b[0]: b for b in tick_bars(st, 30)}
    while st.history.tick_list()[0].seq < 200:  # 99+ of the oldest trades gone, the bars' too
        m.step("AAPL")
    after = tick_bars(st, 30)
    assert after[0][0] == 211 and all((b[0] - 1) % 30 == 0 for b in after)
    assert all(b[4] == 30 for b in after[:-1]) and 1 <= after[-1][4] <= 30
    kept = [b for b in after if b[0] in before][:-1]  # (the newest of then may have filled since)
    assert len(kept) > 50 and all(b[1:] == before[b[0]][1:] for b in kept)
