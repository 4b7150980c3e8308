"""The bar service: one live bar feed per (symbol, timeframe) — cached bars at once, history paged
from LS for what the cache lacks, then every live trade folded into the newest bar. No Qt.

    feed = service.open("AAPL", Timeframe.parse("1m"))   # shared; feed.release() when done
    feed.listeners.append(lambda feed, what: ...)        # "state" | "progress" | "history"
    feed.series                                           # BarSeries (its own listeners: live)

Live trades are buffered from the moment the first (newest) history page has answered, and
applied once the history is merged, so the newest bar neither misses nor double counts them.

A chart with nothing cached is ready after one page (the newest `page_size` bars: painted at once,
live from then on); the rest of its history, up to MAX_BARS, comes behind it a chunk of pages at a
time (`loading_older`, as when scrolling back), put before the bars shown. At LS's rate limits a
whole load is seconds (a future's 1-minute bars, one page a second: 9 s for three days); the first
page is one call.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from app.trading import bar_history
from app.trading.bar_cache import BarCache
from app.trading.bar_history import NoHistory
from app.trading.bar_series import BarSeries, Timeframe, local_seconds
from app.trading.quotes import Trade
from app.trading.trading_hours import session_open

log = logging.getLogger(__name__)

FeedListener = Callable[["BarFeed", str], None]
MAX_BARS = {"tick": 5_000, "min": 20_000, "day": 10_000, "week": 5_000, "month": 2_000}
OLDER_SHARE = 4  # scrolling back loads MAX_BARS / OLDER_SHARE older bars at a time


class BarFeed:
    """History plus live bars of one symbol and timeframe."""

    def __init__(self, service: BarService, symbol: str, tf: Timeframe, tr: str | None = None):
        self.service = service
        self.symbol = symbol
        self.tf = tf
        self.tr = tr
        self.series = BarSeries(tf)
        # a future's trading day opens the evening before: its day bars and VWAP sessions too
        self.series.session_open = session_open(service.instruments.get(symbol))
        self.state = "loading"  # "loading" | "ready" | "empty" | "error" | "cancelled"
        self.message = ""
        self.pages = 0
        self.bars_loaded = 0
        self.from_cache = False
        self.fetched_pages = 0
        self.complete = False  # the server has nothing older than the first bar
        self.loading_older = False
        self.older_pages = 0
        self.older_bars = 0
        self._pager: Any = None  # the history pages, left where the first load stopped
        self._older_task: asyncio.Task | None = None  # older history: the fill, or a scroll back
        self._fill_task: asyncio.Task | None = None  # the rest of a fresh load (see the module doc)
        self.listeners: list[FeedListener] = []
        self.refs = 1
        self._buffer: list[Trade] | None = None  # trades held while history merges
        self._live = False
        self._unlisten: Callable[[], None] | None = None
        self._watcher: Any = None
        self._day_cache: dict[str, int] = {}
        self.task: asyncio.Task | None = None
        self.closed = False

    @property
    def key(self) -> str:
        return f"{self.service.tag}:{self.symbol}:{self.tf.id}:{self.tr or ''}"

    @property
    def loading(self) -> bool:
        return self.state == "loading"

    def _emit(self, what: str) -> None:
        for cb in list(self.listeners):
            try:
                cb(self, what)
            except Exception:
                log.exception("bar feed listener failed")

    def _set_state(self, state: str, message: str = "") -> None:
        self.state, self.message = state, message
        self._emit("state")

    # ---- loading ----
    def start(self) -> None:
        """Cached bars now (a reopened chart paints them at once), history from LS in a task."""
        svc = self.service
        if svc.cache is not None and svc.instruments.get(self.symbol) is not None:
            cached = svc.cache.load(self.key)
            if cached is not None and len(cached[0]["t"]):
                self.series.replace(cached[0])
                self.from_cache = True
                self.complete = cached[1]
                self.bars_loaded = len(cached[0]["t"])
        self.task = asyncio.ensure_future(self._load())
        self.task.add_done_callback(self._first_done)

    def _first_done(self, task: asyncio.Task) -> None:
        if task.cancelled() and self.state == "loading":  # (cancelled before it ran)
            self._set_state("cancelled", "loading cancelled")

    async def wait(self) -> None:
        """Until the history load is over: its first part and the rest that comes behind it."""
        await self.wait_first()
        await _settled(self._fill_task)

    async def wait_first(self) -> None:
        """Until the first part of the history is in (what a chart paints first)."""
        await _settled(self.task)

    def cancel(self) -> None:
        """Stop loading history (between pages); what is loaded so far stays."""
        for task in (self.task, self._older_task):
            if task is not None and not task.done():
                task.cancel()

    async def _load(self) -> None:
        svc = self.service
        inst = svc.instruments.get(self.symbol)
        if inst is None:
            self._set_state("error", "unknown symbol")
            return
        stop_at = int(self.series.t[-1]) if self.from_cache and self.series.n else None
        if self.from_cache:
            self._emit("history")
        self._subscribe()
        parts: list = []
        limit = MAX_BARS[self.tf.unit]
        first = limit if self.from_cache else max(1, min(limit, svc.page_size))  # (a cache: its gap, at once)
        try:
            result = await bar_history.fetch(
                svc.client, inst, self.tf, stop_at=stop_at, max_bars=first,
                tr=self.tr, page_size=svc.page_size, progress=self._progress,
                on_first_page=self._hold_trades, parts=parts)
        except asyncio.CancelledError:
            if parts:  # keep the pages that came; live trades fold in from here
                got = bar_history.assemble(parts, self.tf)
                self.series.replace(bar_history.merge(self.series.arrays(), got) if self.from_cache else got)
                self._emit("history")
            self._buffer = None
            self._live = self.series.n > 0
            self._set_state("cancelled", "loading cancelled")
            raise
        except NoHistory as exc:
            self._set_state("error", str(exc))
            return
        except Exception as exc:  # a refused or failed TR: keep what the cache had, say why
            log.warning("chart history %s %s: %s", self.symbol, self.tf.id, exc)
            self._buffer = None
            self._live = self.series.n > 0
            self._set_state("ready" if self.series.n else "error", str(exc))
            return
        self.fetched_pages = result.pages
        got = result.arrays["t"]
        if self.from_cache and len(got) and stop_at is not None and int(got[0]) > stop_at and not result.complete:
            # MAX_BARS came before the newest cached bar did (a chart not opened for weeks): the
            # cached bars would stand before a hole in time; the new ones are the history now
            log.info("chart %s %s: the cache ends before the newest %d bars; dropped", self.symbol, self.tf.id, len(got))
            self.from_cache = False
        # after a cache's gap the pages go on into the cached bars: older ones start afresh
        self._pager = None if self.from_cache else result.pager
        if not self.from_cache:
            self.complete = result.complete
        merged = bar_history.merge(self.series.arrays(), result.arrays) if self.from_cache else result.arrays
        self.series.replace(merged, result.ticks_in_last)
        self.bars_loaded = len(merged["t"])
        held, self._buffer = self._buffer or [], None
        self._live = True
        for trade in held:
            self._fold(trade)
        if svc.cache is not None and len(merged["t"]):
            svc.cache.save(self.key, merged, self.complete)
        if not self.from_cache and not self.complete and self._pager is not None and self.series.n < limit:
            self.loading_older, self.older_pages, self.older_bars = True, 0, 0
            self._fill_task = self._older_task = asyncio.ensure_future(self._fill())
        self._emit("history")
        self._set_state("ready" if self.series.n else "empty", "" if self.series.n else "no data")

    # ---- older history (scrolling back) ----
    def load_older(self) -> bool:
        """Load bars older than the first one (the chart was scrolled to its start), in the
        background with progress; False when there is nothing older or a load is running."""
        if self.loading or self.loading_older or self.complete or not self.series.n or self.state == "error":
            return False
        self.loading_older, self.older_pages, self.older_bars = True, 0, 0
        self._older_task = asyncio.ensure_future(self._load_older())
        self._emit("progress")
        return True

    async def _load_older(self) -> None:
        try:
            await self._older(max(1, MAX_BARS[self.tf.unit] // OLDER_SHARE))
        finally:
            self.loading_older = False
            self._emit("progress")

    async def _fill(self) -> None:
        """The rest of a fresh load, behind the painted first page: older chunks on from where it
        stopped until MAX_BARS or the server's end (Cancel stops it; what came stays)."""
        limit = MAX_BARS[self.tf.unit]
        try:
            while not self.complete and self.series.n < limit:
                pages = await self._older(min(limit - self.series.n, max(1, limit // OLDER_SHARE)),
                                          self.older_pages, self.older_bars)
                if not pages:
                    break
                self.fetched_pages += pages
        finally:
            self.loading_older = False
            self._emit("progress")

    async def _older(self, max_bars: int, pages0: int = 0, bars0: int = 0) -> int:
        """Up to `max_bars` bars older than the first, put before it; the pages fetched (0: none,
        nothing older or failed, logged; the bars so far are kept). Progress counts on from
        `pages0`, `bars0`."""
        svc = self.service
        inst = svc.instruments.get(self.symbol)
        if inst is None or not self.series.n:
            return 0

        def progress(pages: int, bars: int) -> None:
            self.older_pages, self.older_bars = pages0 + pages, bars0 + bars
            self._emit("progress")

        parts: list = []
        try:
            result = await bar_history.fetch(
                svc.client, inst, self.tf, max_bars=max_bars, tr=self.tr, page_size=svc.page_size,
                progress=progress, pager=self._pager, older_than=int(self.series.t[0]), parts=parts)
        except asyncio.CancelledError:
            # the pager was stopped inside its page: it cannot go on (the next load starts afresh)
            self._pager = None
            if parts and not self.closed:  # the pages that came stay
                self._put_before(bar_history.assemble(parts, self.tf))
            raise
        except Exception as exc:  # keep what we have; the next scroll may try again
            log.warning("older chart history %s %s: %s", self.symbol, self.tf.id, exc)
            self._pager = None
            return 0
        self._pager = result.pager
        self.complete = result.complete
        added = self._put_before(result.arrays)
        log.debug("older %s %s: %d bars in %d pages", self.symbol, self.tf.id, added, result.pages)
        return result.pages

    def _put_before(self, arrays: dict) -> int:
        svc = self.service
        added = self.series.prepend(arrays)
        self.bars_loaded = self.series.n
        if svc.cache is not None and self.series.n:
            svc.cache.save(self.key, self.series.arrays(), self.complete)
        self._emit("history")
        return added

    def _progress(self, pages: int, bars: int) -> None:
        self.pages = pages
        self.bars_loaded = bars
        self._emit("progress")

    def _hold_trades(self) -> None:
        self._buffer = []

    # ---- live ----
    def _subscribe(self) -> None:
        hub = self.service.hub
        if hub is None or self._unlisten is not None:
            return
        self._unlisten = hub.add_trade_listener(self.symbol, self._on_trade)
        self._watcher = hub.watcher(f"chart {self.symbol}")
        self._watcher.watch(self.symbol)

    def _on_trade(self, _symbol: str, trade: Trade) -> None:
        if self._live:
            self._fold(trade)
        elif self._buffer is not None:
            self._buffer.append(trade)

    def _fold(self, trade: Trade) -> None:
        t = self.trade_seconds(trade)
        if t is None or not trade.price:
            return
        self.series.add_trade(t, float(trade.price), float(trade.size or 0))

    def trade_seconds(self, trade: Trade) -> int | None:
        day = trade.date or (self._last_date() or "")
        if len(day) != 8 or len(trade.time) < 8:
            return None
        base = self._day_cache.get(day)
        if base is None:
            base = self._day_cache[day] = local_seconds(day)
        hh, mm, ss = trade.time[0:2], trade.time[3:5], trade.time[6:8]
        return base + int(hh) * 3600 + int(mm) * 60 + int(ss)

    def _last_date(self) -> str | None:
        last = self.series.last()
        if last is None:
            return None
        from app.trading.bar_series import date_text
        return date_text(last[0])

    # ---- lifetime ----
    def release(self) -> None:
        self.refs -= 1
        if self.refs <= 0:
            self.close()

    def close(self) -> None:
        self.closed = True
        self.cancel()
        if self._unlisten is not None:
            self._unlisten()
            self._unlisten = None
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
        self.service._forget(self)
        self.listeners.clear()


class BarService:
    """Feeds by (symbol, timeframe), shared by the panels that show them."""

    def __init__(self, client: Any, instruments: Any, hub: Any = None, cache: BarCache | None = None,
                 tag: str = ""):
        self.client = client
        self.instruments = instruments
        self.hub = hub
        self.cache = cache
        self.tag = tag
        self.page_size = bar_history.PAGE
        self._feeds: dict[tuple[str, str, str], BarFeed] = {}

    def open(self, symbol: str, tf: Timeframe | str, tr: str | None = None) -> BarFeed:
        tf = Timeframe.parse(tf) if isinstance(tf, str) else tf
        symbol = symbol.strip().upper()
        key = (symbol, tf.id, tr or "")
        feed = self._feeds.get(key)
        if feed is not None and feed.state not in ("error", "cancelled"):
            feed.refs += 1
            return feed
        feed = BarFeed(self, symbol, tf, tr)
        self._feeds[key] = feed
        feed.start()
        return feed

    def _forget(self, feed: BarFeed) -> None:
        key = (feed.symbol, feed.tf.id, feed.tr or "")
        if self._feeds.get(key) is feed:
            del self._feeds[key]

    def close(self) -> None:
        for feed in list(self._feeds.values()):
            feed.close()
        if self.cache is not None:
            self.cache.close()


async def _settled(task: asyncio.Task | None) -> None:
    """Until `task` is over (its cancellation is not the caller's)."""
    if task is not None:
        try:
            await asyncio.shield(task)
        except asyncio.CancelledError:
            if not task.cancelled():
                raise
