"""The simulated market: instruments, live prices, 10-level books, history; the broker's view of it.

API for the broker and the server (symbols are tickers "TSLA" or contract codes "NQZ26"):

* ``market.instrument(symbol) -> Instrument | None`` (also accepts "82TSLA" and padded keys);
  ``market.instruments(product=None)`` lists them in master order.
* ``market.last(symbol) -> Decimal``, ``market.best(symbol) -> (bid, ask)`` (Decimals),
  ``market.book(symbol) -> Book`` (``bids``/``asks``: lists of ``(price, qty, count)``, best first),
  ``market.tick_size(symbol) -> Decimal``, ``market.on_tick(symbol, price) -> bool``.
* ``market.add_trade_listener(cb)``: ``cb(symbol, price: Decimal, qty: int, time: datetime)`` on
  every simulated trade (called synchronously in the market loop; keep it short).
* ``market.add_quote_listener(cb)``: ``cb(state, traded: bool)`` after every step (used for pushes)
  and on ``market.book_changed(symbol)``.
* ``market.consume(symbol, "asks" | "bids", price, qty)``: a trader's order took liquidity from a
  level; emptied levels leave the book until the next trade rebuilds it.
* ``market.fx_rate(ccy) -> Decimal`` (USD per unit), ``market.krw_per_usd() -> Decimal``.
* ``market.state(symbol) -> SymbolState`` (day open/high/low/volume, prev close, 52-week range)
  and ``market.history(symbol) -> SymbolHistory`` (bars and ticks).
* ``market.is_open(symbol)``: always True by default; real session hours with ``always_open=False``.
* ``market.halt(symbol)`` / ``market.resume(symbol)`` / ``market.is_halted(symbol)``: a halted
  instrument prints no trades and the exchange rejects orders routed to it (AS4 / TC2 HO03).
* ``market.step(symbol)`` advances one instrument by one step (tests, benchmarks);
  ``await market.start()`` / ``await market.stop()`` run the background loop.

Always open by default. Deterministic: with the same seed and trading date each instrument walks
through the same sequence of prices step by step.
"""

from __future__ import annotations

import asyncio
import logging
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal

from app.sim import sessions
from app.sim.clock import Clock, zone_of
from app.sim.history import SymbolHistory
from app.sim.instruments import build_master
from app.sim.pricing import PriceProcess, stable_seed
from app.sim.registry import Instrument

log = logging.getLogger(__name__)

TradeListener = Callable[[str, Decimal, int, datetime], None]
QuoteListener = Callable[["SymbolState", bool], None]


@dataclass
class Book:
    bids: list[tuple[Decimal, int, int]]
    asks: list[tuple[Decimal, int, int]]


class SymbolState:
    """Live state of one instrument (prices in ticks; ``price()``/``text()`` convert)."""

    def __init__(self, inst: Instrument, process: PriceProcess, history: SymbolHistory):
        self.inst = inst
        self.symbol = inst.symbol
        self.process = process
        self.history = history
        self.tick = inst.tick_size
        self._tick_f = float(inst.tick_size)
        self._fmt = f"{{:.{inst.decimals}f}}"
        self._texts: dict[int, str] = {}
        today, self.prev_close, self.high52, self.low52 = history.day_stats()
        self.day_open, self.day_high, self.day_low = today.o, today.h, today.l
        self.volume = today.v
        self.amount = float(today.v) * today.c * self._tick_f
        self.buy_volume = today.v // 2
        self.sell_volume = today.v - self.buy_volume
        self.last_qty = 0
        self.last_side = 0
        self.last_time = 0.0
        self.seq = 0  # trades within the current second (GSC lSeq)
        self._second = 0
        self._close = self.last  # the last trade's price, the previous close once the day turns
        self._day_end = history.day_end(today.day)  # the local midnight (or evening open) that starts a new trading day

    @property
    def last(self) -> int:
        return self.process.last_ticks

    def price(self, ticks: int) -> Decimal:
        return (self.tick * ticks).quantize(Decimal(1).scaleb(-self.inst.decimals))

    def text(self, ticks: int) -> str:
        cache = self._texts
        text = cache.get(ticks)
        if text is None:
            if len(cache) > 4096:
                cache.clear()
            text = cache[ticks] = self._fmt.format(ticks * self._tick_f)
        return text

    def _new_day(self, ticks: int, t: float) -> None:
        self.prev_close = self._close
        self.day_open = self.day_high = self.day_low = ticks
        self.volume = self.buy_volume = self.sell_volume = 0
        self.amount = 0.0
        self._day_end = self.history.day_end(self.history.trade_date(t))

    def apply_trade(self, ticks: int, qty: int, side: int, t: float) -> None:
        if t >= self._day_end:
            self._new_day(ticks, t)
        self._close = ticks
        self.day_high = max(self.day_high, ticks)
        self.day_low = min(self.day_low, ticks)
        self.high52 = max(self.high52, ticks)
        self.low52 = min(self.low52, ticks)
        self.volume += qty
        if side > 0:
            self.buy_volume += qty
        else:
            self.sell_volume += qty
        self.amount += qty * ticks * self._tick_f
        self.last_qty, self.last_side, self.last_time = qty, side, t
        sec = int(t)
        self.seq = self.seq + 1 if sec == self._second else 0
        self._second = sec


def _process(inst: Instrument, seed: int) -> tuple[PriceProcess, float, int]:
    """An instrument's price process (seeded start), volatility and lot."""
    ref = float(inst.extra.get("ref_price", 100.0))
    vol = float(inst.extra.get("volatility", 0.3))
    rng = random.Random(stable_seed(seed, inst.symbol, "start"))
    start = max(4, round(ref * math.exp(rng.gauss(0, 0.03)) / float(inst.tick_size)))
    lot = 1 if inst.product != "stock" else (10 if ref < 50 else 1)
    return PriceProcess(inst.symbol, start, vol, seed, lot=lot), vol, lot


# a stock's (and fund's) mean yearly log return in its generated daily history: twenty years back
# from today's price it stood lower, as most did (a driftless walk drew as many decades of decline)
DRIFT = 0.07


def listed_on(inst: Instrument) -> date | None:
    """The day `inst` began trading (g3190 listed_date, the contract month's listing), or None."""
    text = str(inst.extra.get("listed") or "")
    try:  # (not strptime: warm_history's thread imports nothing)
        return date(int(text[:4]), int(text[4:6]), int(text[6:8])) if len(text) == 8 else None
    except ValueError:
        return None


def _history(inst: Instrument, seed: int, t0: float) -> tuple[PriceProcess, SymbolHistory]:
    """`inst`'s price process and its history (the same key `warm_history` generated it under)."""
    proc, vol, lot = _process(inst, seed)
    hist = SymbolHistory(inst.symbol, seed, proc.start_ticks, vol, t0, zone_of(inst.exchange), lot,
                         sessions.day_open(inst.exchange, inst.product), listed_on(inst),
                         DRIFT if inst.product == "stock" else 0.0)
    return proc, hist


def warm_history(seed: int, clock: Clock | None = None) -> int:
    """Generate every listed instrument's history ahead of the Market that will use it (the
    history is kept per seed and minute, see history._generate): the demo runs this on a thread
    while its main thread imports the rest of the exchange, and numpy leaves the GIL for most of
    it. Returns how many instruments were prepared."""
    now = (clock or Clock()).now()
    t0 = now.timestamp()
    instruments = build_master(now.date())
    for inst in instruments:
        _history(inst, seed, t0)
    return len(instruments)


class Market:
    def __init__(self, seed: int = 1, clock: Clock | None = None, steps_per_second: float = 2.0,
                 interval: float = 0.1, instruments: list[Instrument] | None = None,
                 always_open: bool = True):
        self.seed = seed
        self.clock = clock or Clock()
        self.steps_per_second = steps_per_second
        self.interval = interval
        self.always_open = always_open
        self.halted: set[str] = set()  # symbols whose trading is halted (fault injection)
        now = self.clock.now()
        t0 = now.timestamp()
        self._instruments = instruments or build_master(now.date())
        self._by_symbol: dict[str, Instrument] = {}
        self._states: dict[str, SymbolState] = {}
        for inst in self._instruments:
            proc, hist = _history(inst, seed, t0)
            self._by_symbol[inst.symbol] = inst
            self._states[inst.symbol] = SymbolState(inst, proc, hist)
        self._trade_listeners: list[TradeListener] = []
        self._quote_listeners: list[QuoteListener] = []
        self._schedule = random.Random(stable_seed(seed, "schedule"))
        self._task: asyncio.Task | None = None

    # ---- lookups ----

    def instruments(self, product: str | None = None) -> list[Instrument]:
        return [i for i in self._instruments if product is None or i.product == product]

    def instrument(self, symbol: str) -> Instrument | None:
        key = (symbol or "").strip()
        inst = self._by_symbol.get(key)
        if inst is None and len(key) > 2 and key[:2] in ("81", "82"):
            inst = self._by_symbol.get(key[2:])
            if inst is not None and inst.exchange != key[:2]:
                inst = None
        return inst

    def state(self, symbol: str) -> SymbolState:
        inst = self.instrument(symbol)
        if inst is None:
            raise KeyError(symbol)
        return self._states[inst.symbol]

    def states(self) -> list[SymbolState]:
        return list(self._states.values())

    def history(self, symbol: str) -> SymbolHistory:
        return self.state(symbol).history

    def tick_size(self, symbol: str) -> Decimal:
        return self.state(symbol).tick

    def on_tick(self, symbol: str, price: Decimal) -> bool:
        return (Decimal(price) / self.tick_size(symbol)) % 1 == 0

    def last(self, symbol: str) -> Decimal:
        st = self.state(symbol)
        return st.price(st.last)

    def best(self, symbol: str) -> tuple[Decimal, Decimal]:
        st = self.state(symbol)
        return st.price(st.process.bids[0][0]), st.price(st.process.asks[0][0])

    def book(self, symbol: str) -> Book:
        st = self.state(symbol)
        return Book([(st.price(p), q, n) for p, q, n in st.process.bids],
                    [(st.price(p), q, n) for p, q, n in st.process.asks])

    def consume(self, symbol: str, book_side: str, price: Decimal, qty: int) -> bool:
        """A trader's order took ``qty`` at ``price`` from the ``"asks"`` or ``"bids"``: the
        level shrinks, an emptied one leaves the book (see PriceProcess.consume). The book stays
        so until the next trade rebuilds it around the new price."""
        st = self.state(symbol)
        ticks = int((Decimal(price) / st.tick).to_integral_value())
        return st.process.consume(1 if book_side == "asks" else -1, ticks, int(qty))

    def book_changed(self, symbol: str) -> None:
        """Tell the quote listeners the book of ``symbol`` changed without a trade (a trader's
        order took liquidity): subscribers get the new book at once, not at the next step."""
        st = self.state(symbol)
        for qcb in self._quote_listeners:
            try:
                qcb(st, False)
            except Exception:
                log.exception("quote listener failed")

    # ---- currencies ----

    _USD_PER = {"USD": Decimal(1), "EUR": Decimal("1.0545"), "JPY": Decimal("0.006545"),
                "HKD": Decimal("0.1285"), "AUD": Decimal("0.6520"), "SGD": Decimal("0.7430")}

    def fx_rate(self, currency: str) -> Decimal:
        """USD per one unit of ``currency`` (fixed for the session)."""
        return self._USD_PER.get(currency, Decimal(1))

    def krw_per_usd(self) -> Decimal:
        return Decimal("1398.50")

    # ---- listeners ----

    def add_trade_listener(self, cb: TradeListener) -> None:
        self._trade_listeners.append(cb)

    def remove_trade_listener(self, cb: TradeListener) -> None:
        if cb in self._trade_listeners:
            self._trade_listeners.remove(cb)

    def add_quote_listener(self, cb: QuoteListener) -> None:
        self._quote_listeners.append(cb)

    def remove_quote_listener(self, cb: QuoteListener) -> None:
        if cb in self._quote_listeners:
            self._quote_listeners.remove(cb)

    # ---- simulation ----

    def step(self, symbol: str) -> None:
        st = self.state(symbol)
        res = st.process.step()
        traded = res.qty > 0
        if traded:
            t = self.clock.time()
            st.apply_trade(res.price_ticks, res.qty, res.side, t)
            st.history.on_trade(t, res.price_ticks, res.qty, res.side)
            if self._trade_listeners:
                when = datetime.fromtimestamp(t, timezone.utc)
                price = st.price(res.price_ticks)
                for cb in list(self._trade_listeners):
                    try:
                        cb(st.symbol, price, res.qty, when)
                    except Exception:  # a listener's bug must not stop the market
                        log.exception("trade listener failed")
        for qcb in self._quote_listeners:
            try:
                qcb(st, traded)
            except Exception:
                log.exception("quote listener failed")

    def halt(self, symbol: str) -> str:
        """Halt trading in ``symbol`` (ticker, key or contract code); returns its symbol."""
        inst = self.instrument(symbol)
        if inst is None:
            raise KeyError(f"unknown symbol {symbol!r}")
        self.halted.add(inst.symbol)
        return inst.symbol

    def resume(self, symbol: str) -> None:
        inst = self.instrument(symbol)
        if inst is not None:
            self.halted.discard(inst.symbol)

    def is_halted(self, symbol: str) -> bool:
        if not self.halted:
            return False
        inst = self.instrument(symbol)
        return inst is not None and inst.symbol in self.halted

    def is_open(self, symbol: str) -> bool:
        """Always True unless the market follows real session hours (``always_open=False``)."""
        if self.always_open:
            return True
        return sessions.is_open(self.state(symbol).inst.exchange, self.clock.time())

    def tick_once(self) -> None:
        """One scheduler tick: each open instrument steps with probability rate * interval."""
        p = min(1.0, self.steps_per_second * self.interval)
        rnd = self._schedule.random
        if self.always_open:
            open_now = None
        else:
            t = self.clock.time()
            exchanges = {st.inst.exchange for st in self._states.values()}
            open_now = {e for e in exchanges if sessions.is_open(e, t)}
        halted = self.halted
        for sym, st in self._states.items():
            if rnd() < p and (open_now is None or st.inst.exchange in open_now) and sym not in halted:
                self.step(sym)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            self.tick_once()

    async def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="sim-market")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass
