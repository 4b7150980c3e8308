"""The seed-shaped realtime objects: ``ls.overseas_stock().real()`` and its per-TR feeds.

    client = StockReal(RealtimeSession(endpoints.ws, token_provider=tokens.get))
    await client.connect()
    gsc = client.GSC()
    gsc.add_gsc_symbols(symbols=["81SOXL", "82TSLA"])   # may be awaited; need not be
    gsc.on_gsc_message(print)
    ...
    gsc.on_remove_gsc_message()                        # stop: callback off, symbols unsubscribed
    await client.close()

Quote feeds (GSC, GSH, OVC, OVH, WOC, WOH) offer ``add_<tr>_symbols``, ``remove_<tr>_symbols``,
``on_<tr>_message`` and ``on_remove_<tr>_message``; account feeds (AS0–AS4, TC1–TC3) offer the
last two, and registering a callback registers the account family. Methods that talk to the
server return an ``asyncio.Task`` (awaitable) so they work with and without ``await``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Iterable
from typing import Any

from app.ls.models.catalog import REAL
from app.ls.realtime import ListenerHandle, RealtimeSession
from app.ls.realtime_wire import family_code

log = logging.getLogger("app.ls.realtime")


class _Feed:
    """One realtime TR of one product: at most one message callback at a time (as the seed)."""

    TR = ""

    def __init__(self, real: _Real):
        self._real = real
        self._session = real.session
        self._handle: ListenerHandle | None = None

    def on_message(self, listener: Callable[[Any], Any]) -> asyncio.Task | None:
        """Call ``listener(response)`` for each push (replaces the previous callback)."""
        if self._handle is not None:
            self._handle.remove()
        self._handle = self._session.add_listener(self.TR, listener)
        return None

    def on_remove_message(self) -> asyncio.Task | None:
        if self._handle is not None:
            self._handle.remove()
            self._handle = None
        return None


class _QuoteFeed(_Feed):
    def __init__(self, real: _Real):
        super().__init__(real)
        self.symbols: list[str] = []

    def add_symbols(self, symbols: Iterable[str] | str) -> asyncio.Task:
        """Subscribe each symbol (stock: exchange code + ticker, "82TSLA"; futures: "NQU23")."""
        wanted = [symbols] if isinstance(symbols, str) else list(symbols)
        for symbol in wanted:
            if symbol not in self.symbols:
                self.symbols.append(symbol)
        return self._real._spawn(self._each(self._session.subscribe, wanted))

    def remove_symbols(self, symbols: Iterable[str] | str) -> asyncio.Task:
        gone = [symbols] if isinstance(symbols, str) else list(symbols)
        self.symbols = [s for s in self.symbols if s not in gone]
        return self._real._spawn(self._each(self._session.unsubscribe, gone))

    def on_remove_message(self) -> asyncio.Task:
        """The seed's way to end a feed: drop the callback and unsubscribe this feed's symbols."""
        super().on_remove_message()
        return self.remove_symbols(list(self.symbols))

    async def _each(self, action: Callable[[str, str], Coroutine], symbols: list[str]) -> None:
        await asyncio.gather(*(action(self.TR, s) for s in symbols))


class _AccountFeed(_Feed):
    def on_message(self, listener: Callable[[Any], Any]) -> asyncio.Task:
        """Call ``listener`` for each order event; registers the account family if needed."""
        super().on_message(listener)
        return self._real._spawn(self._session.register_account(self.TR))

    def on_remove_message(self) -> asyncio.Task | None:
        """Drop the callback; the family is unregistered when none of its feeds listens."""
        super().on_remove_message()
        family = family_code(self.TR)
        members = [tr for tr in REAL if REAL[tr].kind == "account" and family_code(tr) == family]
        if any(self._session.listener_count(tr) for tr in members):
            return None
        return self._real._spawn(self._session.unregister_account(self.TR))


class GSCFeed(_QuoteFeed):
    TR = "GSC"
    add_gsc_symbols = _QuoteFeed.add_symbols
    remove_gsc_symbols = _QuoteFeed.remove_symbols
    on_gsc_message = _QuoteFeed.on_message
    on_remove_gsc_message = _QuoteFeed.on_remove_message


class GSHFeed(_QuoteFeed):
    TR = "GSH"
    add_gsh_symbols = _QuoteFeed.add_symbols
    remove_gsh_symbols = _QuoteFeed.remove_symbols
    on_gsh_message = _QuoteFeed.on_message
    on_remove_gsh_message = _QuoteFeed.on_remove_message


class OVCFeed(_QuoteFeed):
    TR = "OVC"
    add_ovc_symbols = _QuoteFeed.add_symbols
    remove_ovc_symbols = _QuoteFeed.remove_symbols
    on_ovc_message = _QuoteFeed.on_message
    on_remove_ovc_message = _QuoteFeed.on_remove_message


class OVHFeed(_QuoteFeed):
    TR = "OVH"
    add_ovh_symbols = _QuoteFeed.add_symbols
    remove_ovh_symbols = _QuoteFeed.remove_symbols
    on_ovh_message = _QuoteFeed.on_message
    on_remove_ovh_message = _QuoteFeed.on_remove_message


class WOCFeed(_QuoteFeed):
    TR = "WOC"
    add_woc_symbols = _QuoteFeed.add_symbols
    remove_woc_symbols = _QuoteFeed.remove_symbols
    on_woc_message = _QuoteFeed.on_message
    on_remove_woc_message = _QuoteFeed.on_remove_message


class WOHFeed(_QuoteFeed):
    TR = "WOH"
    add_woh_symbols = _QuoteFeed.add_symbols
    remove_woh_symbols = _QuoteFeed.remove_symbols
    on_woh_message = _QuoteFeed.on_message
    on_remove_woh_message = _QuoteFeed.on_remove_message


class AS0Feed(_AccountFeed):
    TR = "AS0"
    on_as0_message = _AccountFeed.on_message
    on_remove_as0_message = _AccountFeed.on_remove_message


class AS1Feed(_AccountFeed):
    TR = "AS1"
    on_as1_message = _AccountFeed.on_message
    on_remove_as1_message = _AccountFeed.on_remove_message


class AS2Feed(_AccountFeed):
    TR = "AS2"
    on_as2_message = _AccountFeed.on_message
    on_remove_as2_message = _AccountFeed.on_remove_message


class AS3Feed(_AccountFeed):
    TR = "AS3"
    on_as3_message = _AccountFeed.on_message
    on_remove_as3_message = _AccountFeed.on_remove_message


class AS4Feed(_AccountFeed):
    TR = "AS4"
    on_as4_message = _AccountFeed.on_message
    on_remove_as4_message = _AccountFeed.on_remove_message


class TC1Feed(_AccountFeed):
    TR = "TC1"
    on_tc1_message = _AccountFeed.on_message
    on_remove_tc1_message = _AccountFeed.on_remove_message


class TC2Feed(_AccountFeed):
    TR = "TC2"
    on_tc2_message = _AccountFeed.on_message
    on_remove_tc2_message = _AccountFeed.on_remove_message


class TC3Feed(_AccountFeed):
    TR = "TC3"
    on_tc3_message = _AccountFeed.on_message
    on_remove_tc3_message = _AccountFeed.on_remove_message


FEEDS: dict[str, type[_Feed]] = {cls.TR: cls for cls in (
    GSCFeed, GSHFeed, OVCFeed, OVHFeed, WOCFeed, WOHFeed,
    AS0Feed, AS1Feed, AS2Feed, AS3Feed, AS4Feed, TC1Feed, TC2Feed, TC3Feed,
)}


class _Real:
    """The realtime side of one product, over one ``RealtimeSession``."""

    PRODUCT = ""

    def __init__(self, session: RealtimeSession):
        self.session = session
        self._feeds: dict[str, _Feed] = {}
        self._tasks: set[asyncio.Task] = set()

    async def connect(self) -> None:
        await self.session.connect()

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await self.session.close()

    async def unsubscribe_all(self) -> None:
        await self.session.unsubscribe_all()

    def add_state_listener(self, callback: Callable[[Any], Any]) -> Callable[[], None]:
        return self.session.add_state_listener(callback)

    def add_listener(self, tr_cd: str, callback: Callable[[Any], Any], key: str | None = None) -> ListenerHandle:
        return self.session.add_listener(tr_cd, callback, key)

    def add_skip_listener(self, callback: Callable[[str], Any]) -> Callable[[], None]:
        return self.session.add_skip_listener(callback)

    @property
    def state(self):
        return self.session.state

    def _feed(self, tr_cd: str) -> Any:
        feed = self._feeds.get(tr_cd)
        if feed is None:
            feed = self._feeds[tr_cd] = FEEDS[tr_cd](self)
        return feed

    def _spawn(self, coro: Coroutine) -> asyncio.Task | None:
        """Run ``coro`` in the background and hand back its task (awaitable, never lost)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # not in async code: nothing is connected, so only remember
            asyncio.run(coro)
            return None
        task = loop.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    def _done(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("realtime %s: %s", self.session.name, task.exception())


class StockReal(_Real):
    """해외주식 실시간: GSC, GSH and the account feeds AS0–AS4."""

    PRODUCT = "stock"

    def GSC(self) -> GSCFeed:
        return self._feed("GSC")

    def GSH(self) -> GSHFeed:
        return self._feed("GSH")

    def AS0(self) -> AS0Feed:
        return self._feed("AS0")

    def AS1(self) -> AS1Feed:
        return self._feed("AS1")

    def AS2(self) -> AS2Feed:
        return self._feed("AS2")

    def AS3(self) -> AS3Feed:
        return self._feed("AS3")

    def AS4(self) -> AS4Feed:
        return self._feed("AS4")


class FuturesReal(_Real):
    """해외선물옵션 실시간: OVC, OVH, WOC, WOH and the account feeds TC1–TC3."""

    PRODUCT = "futureoption"

    def OVC(self) -> OVCFeed:
        return self._feed("OVC")

    def OVH(self) -> OVHFeed:
        return self._feed("OVH")

    def WOC(self) -> WOCFeed:
        return self._feed("WOC")

    def WOH(self) -> WOHFeed:
        return self._feed("WOH")

    def TC1(self) -> TC1Feed:
        return self._feed("TC1")

    def TC2(self) -> TC2Feed:
        return self._feed("TC2")

    def TC3(self) -> TC3Feed:
        return self._feed("TC3")


def _add_korean_aliases() -> None:
    """``client.해외주식체결()`` is ``client.GSC()``, with the catalog's Korean names."""
    for tr_cd, info in REAL.items():
        owner = StockReal if info.product == "stock" else FuturesReal
        alias = info.korean_alias
        if alias.isidentifier() and not hasattr(owner, alias):
            setattr(owner, alias, getattr(owner, tr_cd))


_add_korean_aliases()
