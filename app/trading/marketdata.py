"""The market-data hub: one realtime subscription per symbol however many panels watch it, the
latest quote, depth and trade tape of every watched symbol, and dirty marks the UI drains in batches.

Data path: a WebSocket frame is handed unparsed by the client core to the hub's listener for its
TR and the symbol is added to the dirty set of each `Watcher` (one per panel) that watches it.
The frame is applied in place to the symbol's `Quote` / `Depth` / `TradeTape` when read, or at
once where every trade counts (`marketdata_frames.py`): most frames are superseded unread. The UI
drains the dirty sets on its own timer (`Watcher.take()`); nothing is queued per frame and the
hub never calls into Qt.

Subscriptions are reference counted per symbol. The hub keeps a *desired* set of (TR, key) pairs
and one task brings the client's subscriptions in line with it, so a watch/unwatch/watch burst
never double-subscribes or leaks. After a dropped connection the client core replays its own
subscriptions; the hub only listens to the connection state (panels grey their values meanwhile).
Snapshots (`marketdata_fetch.py`) seed a newly watched symbol under the TRs' rate
limits and never overwrite what a live frame has already set.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Callable
from typing import Any

from app.trading.instruments import Instrument, InstrumentMaster
from app.trading import quotes as qs
from app.trading.marketdata_fetch import fetch_seed, fetch_trades
from app.trading.marketdata_frames import BOOK_SHAPE, FEEDS, LiveFrames
from app.trading.quotes import Depth, Quote, Trade, TradeTape

log = logging.getLogger(__name__)

PRODUCT = {"stock": "stock", "futures": "futures", "option": "futures"}  # which WebSocket
TradeListener = Callable[[str, Trade], None]


class Watcher:
    """One consumer's view of the hub (a panel): the symbols it watches and its dirty marks."""

    def __init__(self, hub: MarketDataHub, name: str):
        self.hub, self.name = hub, name
        self.symbols: dict[str, tuple[bool, bool]] = {}  # symbol -> (depth, trades)
        self.dirty: set[str] = set()
        self.closed = False

    def watch(self, symbol: str, *, depth: bool = False, trades: bool = False) -> bool:
        """Watch `symbol` (quote always; depth and trade tape when asked). False if it is unknown."""
        symbol = symbol.strip().upper()
        if symbol in self.symbols:
            if self.symbols[symbol] == (depth, trades):
                return self.hub.known(symbol) is not False
            self.unwatch(symbol)
        ok = self.hub._watch(self, symbol, depth, trades)
        if ok:
            self.symbols[symbol] = (depth, trades)
            self.dirty.add(symbol)
        return ok

    def unwatch(self, symbol: str) -> None:
        symbol = symbol.strip().upper()
        flags = self.symbols.pop(symbol, None)
        if flags is not None:
            self.hub._unwatch(self, symbol, *flags)
        self.dirty.discard(symbol)

    def unwatch_all(self) -> None:
        for symbol in list(self.symbols):
            self.unwatch(symbol)

    def take(self) -> set[str]:
        """The symbols that changed since the last call (and forget them)."""
        if not self.dirty:
            return set()
        out, self.dirty = self.dirty, set()
        return out

    def close(self) -> None:
        if not self.closed:
            self.unwatch_all()
            self.closed = True
            self.hub._watchers_all.discard(self)


class MarketDataHub(LiveFrames):
    def __init__(self, client: Any, instruments: InstrumentMaster, *, tape_size: int = 500,
                 clock: Callable[[], float] = time.monotonic):
        self.client = client
        self.instruments = instruments
        self.tape_size = tape_size
        self.clock = clock
        self.quotes: dict[str, Quote] = {}
        self.depths: dict[str, Depth] = {}
        self.tapes: dict[str, TradeTape] = {}
        self.frames = 0
        self.bad_frames = 0
        self.snapshots = 0
        self._watchers: dict[str, list[Watcher]] = {}  # symbol -> watchers (one entry per watch)
        self._watchers_all: set[Watcher] = set()
        self._refs: dict[str, int] = {}
        self._depth_refs: dict[str, int] = {}
        self._tape_refs: dict[str, int] = {}
        self._pending: set[str] = set()  # watched before the master was loaded
        self._keys: dict[str, tuple[str, str, str]] = {}  # symbol -> (trade TR, book TR, key)
        self._codes: dict[tuple[str, str], str] = {}  # (TR, key) -> symbol
        self._desired: set[tuple[str, str]] = set()
        self._actual: set[tuple[str, str]] = set()
        self._sync_task: asyncio.Task | None = None
        self._sync_again = False
        self._reals: dict[str, Any] = {}  # product -> the client core's realtime object
        self._connected: dict[str, asyncio.Task] = {}
        self._links: dict[str, str] = {}  # product -> realtime state name
        self._trade_listeners: dict[str, list[TradeListener]] = {}
        self._snap_queue: asyncio.Queue[tuple[str, str]] | None = None
        self._snap_workers: list[asyncio.Task] = []
        self._tasks: set[asyncio.Task] = set()
        self._closed = False
        self.state_listeners: list[Callable[[str, str], None]] = []  # (product, state)
        self._init_frames()
        instruments.listeners.append(self._on_master_loaded)
        instruments.progress_listeners.append(self._on_master_loaded)

    # ---- reading -----------------------------------------------------------------------------
    def watcher(self, name: str = "") -> Watcher:
        w = Watcher(self, name)
        self._watchers_all.add(w)
        return w

    def quote(self, symbol: str) -> Quote | None:
        """The latest quote of `symbol` (frames that arrived since the last read applied now)."""
        if symbol in self._raw_trades or symbol in self._raw_books:
            self._settle(symbol)
        return self.quotes.get(symbol)

    def depth(self, symbol: str) -> Depth | None:
        if symbol in self._raw_books:
            self._settle(symbol)
        return self.depths.get(symbol)

    def updated(self, symbol: str) -> float | None:
        """When the last frame of `symbol` arrived (monotonic; 0 never), without decoding anything."""
        q = self.quotes.get(symbol)
        return None if q is None else q.updated

    def tape(self, symbol: str) -> TradeTape | None:
        return self.tapes.get(symbol)

    def instrument(self, symbol: str) -> Instrument | None:
        return self.instruments.get(symbol)

    def known(self, symbol: str) -> bool | None:
        """True/False once the master is loaded; None while it is not (yet)."""
        if self.instruments.get(symbol) is not None:
            return True
        return False if self.instruments.loaded else None

    def link_state(self, symbol: str) -> str:
        """The realtime state ('connected', 'reconnecting' …) of the socket that carries `symbol`."""
        inst = self.instruments.get(symbol)
        product = PRODUCT.get(inst.market, "stock") if inst else "stock"
        try:
            real = self._real(product)
        except Exception:  # a client without realtime (logged out)
            return "closed"
        state = str(getattr(real.state, "value", real.state))
        if state == "closed" and product not in self._connected and not self._closed:
            return "connecting"  # not needed yet: opened with the first symbol of that product
        return state

    @property
    def subscriptions(self) -> set[tuple[str, str]]:
        """(TR, key) pairs the hub wants subscribed right now."""
        return set(self._desired)

    def add_trade_listener(self, symbol: str, listener: TradeListener) -> Callable[[], None]:
        """Call `listener(symbol, trade)` for every live trade of `symbol` (bar service); no Qt."""
        symbol = symbol.strip().upper()
        self._trade_listeners.setdefault(symbol, []).append(listener)

        def remove() -> None:
            items = self._trade_listeners.get(symbol, [])
            if listener in items:
                items.remove(listener)
            if not items:
                self._trade_listeners.pop(symbol, None)
        return remove

    # ---- watching ----------------------------------------------------------------------------
    def _watch(self, watcher: Watcher, symbol: str, depth: bool, trades: bool) -> bool:
        if self._closed:
            return False
        if self.known(symbol) is False:
            return False
        self._watchers.setdefault(symbol, []).append(watcher)
        self._refs[symbol] = self._refs.get(symbol, 0) + 1
        self.quotes.setdefault(symbol, Quote(symbol))
        if depth:
            self._depth_refs[symbol] = self._depth_refs.get(symbol, 0) + 1
            self.depths.setdefault(symbol, Depth(symbol))
        if trades:
            self._tape_refs[symbol] = self._tape_refs.get(symbol, 0) + 1
            self.tapes.setdefault(symbol, TradeTape(self.tape_size))
        if self._refs[symbol] == 1 or (depth and self._depth_refs[symbol] == 1) \
                or (trades and self._tape_refs[symbol] == 1):
            self._activate(symbol, first=self._refs[symbol] == 1, depth=depth, trades=trades)
        return True

    def _unwatch(self, watcher: Watcher, symbol: str, depth: bool, trades: bool) -> None:
        items = self._watchers.get(symbol, [])
        if watcher in items:
            items.remove(watcher)
        if not items:
            self._watchers.pop(symbol, None)
        for refs, flag in ((self._depth_refs, depth), (self._tape_refs, trades)):
            if flag and symbol in refs:
                refs[symbol] -= 1
                if refs[symbol] <= 0:
                    del refs[symbol]
        if symbol not in self._tape_refs:
            self.tapes.pop(symbol, None)
        if symbol not in self._depth_refs:
            self.depths.pop(symbol, None)
        n = self._refs.get(symbol, 0) - 1
        if n > 0:
            self._refs[symbol] = n
            return
        self._refs.pop(symbol, None)
        self._pending.discard(symbol)
        self.quotes.pop(symbol, None)
        self._forget_frames(symbol)
        keys = self._keys.pop(symbol, None)
        if keys:
            trade_tr, book_tr, key = keys
            self._desired.discard((trade_tr, key))
            self._desired.discard((book_tr, key))
            self._schedule_sync()

    def _activate(self, symbol: str, *, first: bool, depth: bool, trades: bool) -> None:
        inst = self.instruments.get(symbol)
        if inst is None:  # the master is still loading: subscribe when it is
            self._pending.add(symbol)
            return
        if first:
            trade_tr, book_tr, _levels, _tf = FEEDS[inst.market]
            key = inst.keysymbol or inst.code
            self._keys[symbol] = (trade_tr, book_tr, key)
            self._codes[(trade_tr, key)] = symbol
            self._codes[(book_tr, key)] = symbol
            self._desired.update({(trade_tr, key), (book_tr, key)})
            self._ensure_listening(PRODUCT[inst.market])
            self._schedule_sync()
            self._snapshot(symbol, "depth" if depth else "quote")
        elif depth:
            self._snapshot(symbol, "depth")
        if trades:
            self._spawn(self._load_tape(inst), f"trade history {symbol}")

    def _on_master_loaded(self, _count: int) -> None:
        pending, self._pending = self._pending, set()
        for symbol in pending:
            if symbol not in self._refs:
                continue
            if self.instruments.get(symbol) is None:
                if not self.instruments.loaded:  # a part of the master: it may still come
                    self._pending.add(symbol)
                    continue
                log.warning("market data: %s is not a listed instrument; not subscribed", symbol)
                continue
            self._activate(symbol, first=True, depth=symbol in self._depth_refs,
                           trades=symbol in self._tape_refs)

    # ---- subscriptions -----------------------------------------------------------------------
    def _real(self, product: str) -> Any:
        real = self._reals.get(product)
        if real is None:
            facade = self.client.overseas_stock() if product == "stock" else self.client.overseas_futureoption()
            real = self._reals[product] = facade.real()
            for tr in ("GSC", "GSH") if product == "stock" else ("OVC", "OVH", "WOC", "WOH"):
                on_frame = self._on_book_frame if tr in BOOK_SHAPE else self._on_trade_frame
                real.session.add_raw_listener(tr, functools.partial(on_frame, tr))
            real.add_state_listener(lambda state, p=product: self._on_state(p, state))
            self._links[product] = str(getattr(real.state, "value", real.state))
        return real

    def _ensure_listening(self, product: str) -> None:
        """Open the product's socket once (connect() is idempotent; the session may have opened it)."""
        real = self._real(product)
        if product not in self._connected:
            self._connected[product] = self._spawn(real.connect(), f"{product} realtime connect")

    def _on_state(self, product: str, state: Any) -> None:
        name = str(getattr(state, "value", state))
        self._links[product] = name
        for cb in list(self.state_listeners):
            try:
                cb(product, name)
            except Exception:
                log.exception("market data state listener failed")
        if name == "connected":  # values may have moved while we were away: repaint everything
            for watcher in list(self._watchers_all):
                watcher.dirty.update(watcher.symbols)

    def _schedule_sync(self) -> None:
        if self._closed:
            return
        if self._sync_task is not None and not self._sync_task.done():
            self._sync_again = True
            return
        self._sync_task = self._spawn(self._sync(), "market data subscriptions")

    async def _sync(self) -> None:
        """Bring the client's subscriptions in line with the desired set, one change at a time."""
        while True:
            self._sync_again = False
            for tr, key in sorted(self._desired - self._actual):
                product = "stock" if tr in ("GSC", "GSH") else "futures"
                try:
                    await self._real(product).session.subscribe(tr, key)
                    self._actual.add((tr, key))
                except Exception as exc:
                    log.warning("market data: %s %s not subscribed: %s", tr, key, exc)
                    self._desired.discard((tr, key))
            for tr, key in sorted(self._actual - self._desired):
                product = "stock" if tr in ("GSC", "GSH") else "futures"
                self._actual.discard((tr, key))
                try:
                    await self._real(product).session.unsubscribe(tr, key)
                except Exception as exc:
                    log.warning("market data: %s %s not unsubscribed: %s", tr, key, exc)
                if (tr, key) not in self._desired:
                    self._codes.pop((tr, key), None)
            if not self._sync_again and self._desired == self._actual:
                return

    async def settled(self) -> None:
        """Wait until the client's subscriptions match the watched symbols (tests, benchmarks)."""
        while self._sync_task is not None and not self._sync_task.done():
            await asyncio.shield(self._sync_task)

    # ---- snapshots and history ---------------------------------------------------------------
    def _snapshot(self, symbol: str, kind: str) -> None:
        if self._snap_queue is None:
            self._snap_queue = asyncio.Queue()
            # two workers, one per snapshot TR (each has its own rate limit): the second answers
            # quote seeds with the book TR, which carries the quote too, so seeding runs twice as fast
            self._snap_workers = [self._spawn(self._snap_worker(i), f"snapshots {i}") for i in range(2)]
        self._snap_queue.put_nowait((symbol, kind))

    async def _snap_worker(self, index: int) -> None:
        assert self._snap_queue is not None
        while True:
            symbol, kind = await self._snap_queue.get()
            if index == 1:
                kind = "depth"
            if symbol not in self._refs or self._closed:
                continue
            inst = self.instruments.get(symbol)
            if inst is None:
                continue
            try:
                await self._snapshot_one(inst, kind)
                self.snapshots += 1
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the stream still fills the row; say why the seed is missing
                log.info("market data: %s snapshot of %s failed: %s", kind, symbol, exc)

    async def _snapshot_one(self, inst: Instrument, kind: str) -> None:
        seed = await fetch_seed(self.client, inst, depth=kind == "depth")
        symbol, q = inst.code, self.quote(inst.code)  # live frames that came first are applied first
        if q is None:
            return
        now = self.clock()
        qs.snapshot_quote(q, last=seed.last, change=seed.change, sign=seed.sign, pct=seed.pct,
                          volume=seed.volume, open_=seed.open, high=seed.high, low=seed.low,
                          prev_close=seed.prev_close, now=now)
        if seed.book is not None:
            qs.snapshot_depth(q, self.depths.get(symbol) or Depth(symbol), seed.book, seed.levels, now,
                              seed.book_time)
        self._mark(symbol)

    async def _load_tape(self, inst: Instrument) -> None:
        """The recent trades before the first live one, put before the live ones already in."""
        tape = self.tapes.get(inst.code)
        if tape is None or tape.history_loaded:
            return
        try:
            older = await fetch_trades(self.client, inst)
        except Exception as exc:
            log.info("market data: trade history of %s not loaded: %s", inst.code, exc)
            return
        tape = self.tapes.get(inst.code)
        if tape is not None and not tape.history_loaded:
            tape.prepend_history(older)
            self._mark(inst.code)

    # ---- lifecycle ---------------------------------------------------------------------------
    def _spawn(self, coro: Any, what: str) -> asyncio.Task:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)

        def done(t: asyncio.Task) -> None:
            self._tasks.discard(t)
            if not t.cancelled() and t.exception() is not None:
                log.warning("market data: %s failed: %s", what, t.exception())
        task.add_done_callback(done)
        return task

    async def close(self) -> None:
        """Stop every task and drop every subscription this hub made (the session closes sockets)."""
        if self._closed:
            return
        self._closed = True
        for listeners in (self.instruments.listeners, self.instruments.progress_listeners):
            if self._on_master_loaded in listeners:
                listeners.remove(self._on_master_loaded)
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._desired.clear()
        for watcher in list(self._watchers_all):
            watcher.closed = True
        self._watchers.clear()
