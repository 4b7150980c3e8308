"""How the market-data hub takes live frames: kept as received, decoded when someone reads them.

The client core hands the hub each push as (tr_key, frame bytes), unparsed. A book frame (GSH /
OVH / WOH) replaces the whole book, so the hub keeps only the latest per symbol and parses it when
a panel reads the quote or the depth; most are superseded unread (a symbol scrolled out of view,
a second book frame before the next repaint). A trade frame (GSC / OVC / WOC) is parsed at once
when the symbol has a trade tape or trade listeners (every trade counts there), and otherwise
kept like a book frame: its quote fields are all latest-wins (cumulative volume, day high/low).
Reading settles what is pending, trade first, in arrival order. Either way the quote's `version`
and `updated` move on arrival, so panels know to repaint and staleness is measured from the frame.

A frame that will not parse is counted in `bad_frames`, logged and skipped when it is read; the
quote keeps what it had. Frames cut short never get here (the client core drops them).
"""

from __future__ import annotations

import logging
from typing import Any

import orjson

from app.trading import quotes as qs

log = logging.getLogger("app.trading.marketdata")

# market -> (trade TR, book TR, book levels, book time field)
FEEDS = {"stock": ("GSC", "GSH", 10, "loctime"), "futures": ("OVC", "OVH", 5, "hotime"),
         "option": ("WOC", "WOH", 5, "hotime")}
BOOK_SHAPE = {book: (levels, time_field) for _t, book, levels, time_field in FEEDS.values()}


def _body(raw: bytes) -> dict:
    body = orjson.loads(raw).get("body")
    if type(body) is not dict:
        raise ValueError("no body")
    return body


class LiveFrames:
    """The frame half of `MarketDataHub` (which provides quotes, depths, tapes, _codes, clock …)."""

    quotes: dict[str, qs.Quote]
    depths: dict[str, qs.Depth]
    tapes: dict[str, qs.TradeTape]
    _codes: dict[tuple[str, str], str]
    _watchers: dict[str, list[Any]]
    _trade_listeners: dict[str, list[Any]]
    frames: int
    bad_frames: int

    def _init_frames(self) -> None:
        self._raw_trades: dict[str, tuple[str, bytes, float]] = {}  # symbol -> (TR, frame, arrival)
        self._raw_books: dict[str, tuple[str, bytes, float]] = {}

    # ---- arrival -----------------------------------------------------------------------------
    def _symbol(self, tr: str, key: str, raw: bytes) -> str | None:
        symbol = self._codes.get((tr, key.strip()))
        if symbol is None:  # not a key we subscribed as: the body may still name a watched symbol
            try:
                symbol = str(_body(raw).get("symbol") or "").strip().upper()
            except (ValueError, TypeError, AttributeError):
                return None
        return symbol if symbol in self.quotes else None

    def _on_trade_frame(self, tr: str, key: str, raw: bytes) -> None:
        self.frames += 1
        symbol = self._symbol(tr, key, raw)
        if symbol is None:
            return
        now = self.clock()
        if symbol in self.tapes or symbol in self._trade_listeners:
            if symbol in self._raw_trades:  # an older trade still pending goes first
                self._apply_trade(symbol, *self._raw_trades.pop(symbol), every=False)
            self._apply_trade(symbol, tr, raw, now, every=True)
        else:
            self._raw_trades[symbol] = (tr, raw, now)
            self.quotes[symbol].touch(now)
        self._mark(symbol)

    def _on_book_frame(self, tr: str, key: str, raw: bytes) -> None:
        self.frames += 1
        symbol = self._symbol(tr, key, raw)
        if symbol is None:
            return
        now = self.clock()
        self._raw_books[symbol] = (tr, raw, now)
        self.quotes[symbol].touch(now)
        depth = self.depths.get(symbol)
        if depth is not None:
            depth.version += 1
        self._mark(symbol)

    # ---- reading -----------------------------------------------------------------------------
    def _settle(self, symbol: str) -> None:
        """Apply the frames of `symbol` that nobody has read yet."""
        if symbol in self._raw_trades:
            tr, raw, when = self._raw_trades.pop(symbol)
            self._apply_trade(symbol, tr, raw, when, every=False)
        if symbol in self._raw_books:
            tr, raw, when = self._raw_books.pop(symbol)
            self._apply_book(symbol, tr, raw, when)

    def _forget_frames(self, symbol: str) -> None:
        self._raw_trades.pop(symbol, None)
        self._raw_books.pop(symbol, None)

    def _apply_trade(self, symbol: str, tr: str, raw: bytes, when: float, every: bool) -> None:
        q = self.quotes.get(symbol)
        if q is None:
            return
        try:
            trade = qs.apply_trade(q, _body(raw), qs.TRADE_FIELDS[tr], when)
        except (TypeError, ValueError, AttributeError) as exc:  # orjson's errors are ValueErrors
            self._bad(tr, symbol, exc)
            return
        if not every:
            return
        tape = self.tapes.get(symbol)
        if tape is not None:
            tape.append(trade)
        for cb in self._trade_listeners.get(symbol, ()):
            try:
                cb(symbol, trade)
            except Exception:
                log.exception("trade listener failed")

    def _apply_book(self, symbol: str, tr: str, raw: bytes, when: float) -> None:
        q = self.quotes.get(symbol)
        if q is None:
            return
        levels, time_field = BOOK_SHAPE[tr]
        try:  # quote-only watchers get the top of book; the levels are kept only for depth watchers
            qs.apply_book(q, self.depths.get(symbol), _body(raw), levels, time_field, when)
        except (TypeError, ValueError, AttributeError) as exc:
            self._bad(tr, symbol, exc)

    def _bad(self, tr: str, symbol: str, exc: Exception) -> None:
        self.bad_frames += 1
        log.warning("market data: skipped an unreadable %s frame for %s: %s", tr, symbol, type(exc).__name__)

    def _mark(self, symbol: str) -> None:
        for w in self._watchers.get(symbol, ()):
            w.dirty.add(symbol)
