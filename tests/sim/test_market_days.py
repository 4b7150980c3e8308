"""The live quote of an instrument follows the exchange-local trading day: after the date
changes, open/high/low/volume start again and the previous close is the last trade before."""

from __future__ import annotations

from app.sim.clock import Clock
from app.sim.market import Market


def _trade(market: Market, symbol: str) -> None:
    st = market.state(symbol)
    seq = st.history._seq
    for _ in range(100):
        market.step(symbol)
        if st.history._seq != seq:
            return
    raise AssertionError("no trade in 100 steps")


def test_quote_rolls_over_with_the_local_date():
    clock = Clock()
    market = Market(seed=2, clock=clock)
    hsi = next(i.symbol for i in market.instruments("future") if i.root == "HSI")
    for symbol in ("AAPL", hsi):
        st = market.state(symbol)
        _trade(market, symbol)
        close_before = st.last
        clock.advance(86400)
        _trade(market, symbol)
        days = st.history.day_bars()
        assert days[-1].day == st.history.local_date(clock.time())
        assert days[-2].c == close_before
        assert st.prev_close == close_before, symbol
        today = days[-1]
        assert (st.day_open, st.day_high, st.day_low, st.volume) == (today.o, today.h, today.l, today.v), symbol
        assert st.buy_volume + st.sell_volume == st.volume
