"""What the broker needs from the simulated market, and one adapter that asks it.

The broker only reads the market: instruments, the touch and depth of the book, the last trade,
tick sizes and exchange rates, and it listens to trades to fill resting orders. ``MarketView``
lists what the adapter looks for; anything optional the market lacks falls back to a sensible
default so the broker keeps working while the market grows.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any, Protocol

from app.sim.registry import Instrument

TradeListener = Callable[[str, Decimal, int, Any], None]
Level = tuple[Decimal, int]

# USD per unit of currency, used when the market offers no rate of its own.
FALLBACK_USD_PER = {
    "USD": Decimal(1), "EUR": Decimal("1.08"), "GBP": Decimal("1.27"), "JPY": Decimal("0.0067"),
    "HKD": Decimal("0.128"), "CHF": Decimal("1.12"), "CAD": Decimal("0.73"), "AUD": Decimal("0.66"),
    "SGD": Decimal("0.74"), "CNH": Decimal("0.138"), "CNY": Decimal("0.138"),
}
KRW_PER_USD = Decimal("1380.00")


class MarketView(Protocol):
    """The required part of the market (optional extras are probed with ``getattr``).

    Optional: ``book(symbol)`` -> an object with ``bids``/``asks`` (or a ``(bids, asks)`` pair),
    lists of ``(price, qty, ...)`` best first; ``tick_size(symbol)``; ``fx_rate(ccy) -> USD per unit``, ``krw_per_usd()``.
    """

    def instrument(self, symbol: str) -> Instrument | None: ...

    def best(self, symbol: str) -> tuple[Decimal | None, Decimal | None]: ...

    def last(self, symbol: str) -> Decimal | None: ...

    def add_trade_listener(self, cb: TradeListener) -> None: ...


def _dec(value: Any) -> Decimal | None:
    if value is None:
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


class MarketAdapter:
    """Normalises the market's answers (Decimal prices, int sizes, missing methods)."""

    def __init__(self, market: Any):
        self.market = market

    def instrument(self, symbol: str) -> Instrument | None:
        symbol = (symbol or "").strip()
        if not symbol:
            return None
        try:
            return self.market.instrument(symbol)
        except (KeyError, LookupError, ValueError):
            return None

    def best(self, symbol: str) -> tuple[Decimal | None, Decimal | None]:
        try:
            bid, ask = self.market.best(symbol)
        except (KeyError, LookupError):
            return None, None
        return _dec(bid), _dec(ask)

    def last(self, symbol: str) -> Decimal | None:
        try:
            last = _dec(self.market.last(symbol))
        except (KeyError, LookupError):
            return None
        if last is None:
            bid, ask = self.best(symbol)
            if bid is not None and ask is not None:
                return (bid + ask) / 2
            return bid if bid is not None else ask
        return last

    def levels(self, symbol: str, side: str) -> list[Level]:
        """The levels a new order on ``side`` ("2" buy | "1" sell) would take, best first."""
        book = getattr(self.market, "book", None)
        if book is not None:
            snap = book(symbol)
            bids, asks = (snap.bids, snap.asks) if hasattr(snap, "asks") else snap
            rows = asks if side == "2" else bids
            return [(_dec(row[0]), int(row[1])) for row in rows if row[1] and int(row[1]) > 0]
        bid, ask = self.best(symbol)
        touch = ask if side == "2" else bid
        # Without depth, the touch is taken to be deep enough for the whole order.
        return [(touch, 10**9)] if touch is not None else []

    def consume(self, symbol: str, side: str, price: Decimal, qty: int) -> None:
        """An order on ``side`` ("2" buy | "1" sell) took ``qty`` at ``price`` from the book:
        the market's level shrinks (a market without ``consume`` keeps its book as it is)."""
        fn = getattr(self.market, "consume", None)
        if fn is not None:
            fn(symbol, "asks" if side == "2" else "bids", price, qty)

    def book_changed(self, symbol: str) -> None:
        fn = getattr(self.market, "book_changed", None)
        if fn is not None:
            fn(symbol)

    def is_open(self, symbol: str) -> bool:
        """Whether the instrument's market trades now (always, for a market without sessions)."""
        fn = getattr(self.market, "is_open", None)
        if fn is None:
            return True
        try:
            return bool(fn(symbol))
        except (KeyError, LookupError):
            return True

    def tick_size(self, inst: Instrument, price: Decimal | None = None) -> Decimal:
        if inst.product == "stock" and price is not None and price < 1:
            return Decimal("0.0001")  # US sub-dollar quotes
        fn = getattr(self.market, "tick_size", None)
        if fn is not None:
            try:
                tick = fn(inst.symbol)
            except (KeyError, LookupError):
                tick = None
            if tick:
                return _dec(tick)
        return inst.tick_size

    def usd_per(self, currency: str) -> Decimal:
        fn = getattr(self.market, "fx_rate", None)
        if fn is not None:
            try:
                rate = fn(currency)
            except (KeyError, LookupError, ValueError):
                rate = None
            if rate:
                return _dec(rate)
        return FALLBACK_USD_PER.get(currency, Decimal(1))

    def krw_per_usd(self) -> Decimal:
        fn = getattr(self.market, "krw_per_usd", None)
        if fn is not None:
            rate = fn()
            if rate:
                return _dec(rate)
        return KRW_PER_USD

    def add_trade_listener(self, cb: TradeListener) -> None:
        self.market.add_trade_listener(cb)
