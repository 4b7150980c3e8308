"""The latest market state of one instrument (quote, depth, recent trades) and how LS frames fill it.

Plain mutable records with slots: the hub updates them in place from every frame and the panels
read them when they repaint, so nothing is allocated or queued per frame beyond one trade tuple.
Prices are floats here (display and P&L marking); orders use the instrument's Decimal tick grid.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any, NamedTuple

DOWN_SIGNS = frozenset(("4", "5", "-"))  # LS change signs: 1 limit up, 2 up, 3 flat, 4 limit down, 5 down


def signed(value: Any, sign: str) -> float | None:
    """LS sends changes as magnitudes plus a sign code; give them their sign back."""
    if value is None:
        return None
    v = abs(float(value))
    return -v if str(sign).strip() in DOWN_SIGNS else v


def num(value: Any) -> float | None:
    """A float from a model field ('' and None are unknown, never 0)."""
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def count(value: Any) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def hms(text: str) -> str:
    """'093015' -> '09:30:15'; anything else is kept as sent."""
    t = (text or "").strip()
    return f"{t[0:2]}:{t[2:4]}:{t[4:6]}" if len(t) >= 6 and t[:6].isdigit() else t


class Trade(NamedTuple):
    time: str  # exchange-local HH:MM:SS
    price: float
    size: int
    side: int  # +1 buyer-initiated, -1 seller-initiated, 0 unknown
    date: str = ""  # exchange-local YYYYMMDD


class Level(NamedTuple):
    price: float
    size: int
    orders: int | None = None


@dataclass(slots=True)
class Quote:
    symbol: str
    last: float | None = None
    change: float | None = None
    change_pct: float | None = None
    bid: float | None = None
    ask: float | None = None
    bid_size: int | None = None
    ask_size: int | None = None
    volume: int | None = None
    open: float | None = None
    high: float | None = None
    low: float | None = None
    prev_close: float | None = None
    last_size: int | None = None
    trade_time: str = ""
    direction: int = 0  # +1 last tick up, -1 down, 0 same/unknown
    updated: float = 0.0  # monotonic time of the last change
    version: int = 0  # +1 on every change (consumers compare to skip unchanged rows)
    live: bool = False  # a realtime trade frame has arrived (snapshots then never overwrite)
    live_book: bool = False

    def touch(self, now: float) -> None:
        self.updated = now
        self.version += 1

    def set_last(self, price: float | None) -> None:
        if price is None:
            return
        if self.last is not None and price != self.last:
            self.direction = 1 if price > self.last else -1
        self.last = price

    @property
    def spread(self) -> float | None:
        return None if self.bid is None or self.ask is None else self.ask - self.bid


@dataclass(slots=True)
class Depth:
    symbol: str
    asks: list[Level] = field(default_factory=list)  # best (lowest) first
    bids: list[Level] = field(default_factory=list)  # best (highest) first
    time: str = ""
    updated: float = 0.0
    version: int = 0
    live: bool = False


class TradeTape:
    """Recent trades of one symbol, newest last, capped so it never grows without bound."""

    __slots__ = ("items", "version", "history_loaded")

    def __init__(self, cap: int):
        self.items: deque[Trade] = deque(maxlen=cap)
        self.version = 0
        self.history_loaded = False

    def append(self, trade: Trade) -> None:
        self.items.append(trade)
        self.version += 1

    def prepend_history(self, older: list[Trade]) -> None:
        """History rows (oldest first) go before the live trades that already arrived."""
        keep = list(self.items)
        room = self.items.maxlen - len(keep) if self.items.maxlen else len(older)
        self.items.clear()
        self.items.extend(older[-room:] if room > 0 else [])
        self.items.extend(keep)
        self.history_loaded = True
        self.version += 1


# ---- realtime frames -> records ------------------------------------------------------------
# One function per TR shape. Each returns a Trade for trade frames so the hub can fan it out.

def apply_stock_trade(q: Quote, b: Any, now: float) -> Trade:
    """GSC body."""
    q.set_last(b.price)
    q.change = signed(b.diff, b.sign)
    q.change_pct = signed(b.rate, b.sign)
    if b.open is not None:
        q.open, q.high, q.low = b.open, b.high, b.low
    if b.totq is not None:
        q.volume = b.totq
    q.last_size = b.trdq
    if q.last is not None and q.change is not None:
        q.prev_close = round(q.last - q.change, 6)
    q.trade_time = hms(b.trdtm)
    q.live = True
    q.touch(now)
    side = 1 if b.cgubun == "+" else -1 if b.cgubun == "-" else 0
    return Trade(q.trade_time, b.price or 0.0, b.trdq or 0, side, b.ovsdate)


def apply_fo_trade(q: Quote, b: Any, now: float) -> Trade:
    """OVC / WOC body."""
    q.set_last(b.curpr)
    q.change = signed(b.ydiffpr, b.ydiffSign)
    q.change_pct = signed(b.chgrate, b.ydiffSign)
    if b.open is not None:
        q.open, q.high, q.low = b.open, b.high, b.low
    if b.totq is not None:
        q.volume = b.totq
    q.last_size = b.trdq
    if q.last is not None and q.change is not None:
        q.prev_close = round(q.last - q.change, 6)
    q.trade_time = hms(b.trdtm)
    q.live = True
    q.touch(now)
    side = 1 if b.cgubun == "+" else -1 if b.cgubun == "-" else 0
    return Trade(q.trade_time, b.curpr or 0.0, b.trdq or 0, side, b.ovsdate)


_ASK = [(f"offerho{i}", f"offerrem{i}", f"offerno{i}") for i in range(1, 11)]
_BID = [(f"bidho{i}", f"bidrem{i}", f"bidno{i}") for i in range(1, 11)]


def _levels(b: Any, names: list[tuple[str, str, str]], n: int) -> list[Level]:
    out = []
    for p_name, s_name, c_name in names[:n]:
        price = num(getattr(b, p_name, None))
        if not price:  # an empty level ends the side
            break
        out.append(Level(price, count(getattr(b, s_name, None)) or 0, count(getattr(b, c_name, None))))
    return out


def apply_book(q: Quote, d: Depth, b: Any, levels: int, time_field: str, now: float) -> None:
    """GSH (10 levels) / OVH / WOH (5 levels) body: depth and the top of book of the quote."""
    d.asks = _levels(b, _ASK, levels)
    d.bids = _levels(b, _BID, levels)
    d.time = hms(getattr(b, time_field, ""))
    d.live = True
    d.updated = now
    d.version += 1
    top_a = d.asks[0] if d.asks else None
    top_b = d.bids[0] if d.bids else None
    q.ask, q.ask_size = (top_a.price, top_a.size) if top_a else (None, None)
    q.bid, q.bid_size = (top_b.price, top_b.size) if top_b else (None, None)
    q.live_book = True
    q.touch(now)


# ---- snapshot answers -> records ------------------------------------------------------------
# A snapshot only fills what no live frame has set yet: it may be answered after newer frames.

def _fill(q: Quote, **values: Any) -> None:
    for name, value in values.items():
        if value is not None:
            setattr(q, name, value)


def snapshot_quote(q: Quote, *, last: Any, change: Any, sign: str, pct: Any, volume: Any, open_: Any,
                   high: Any, low: Any, prev_close: Any, now: float) -> None:
    if q.prev_close is None or not q.live:
        _fill(q, prev_close=num(prev_close))
    if not q.live:
        _fill(q, last=num(last), change=signed(change, sign), change_pct=signed(pct, sign),
              volume=count(volume), open=num(open_), high=num(high), low=num(low))
    q.touch(now)


def snapshot_depth(q: Quote, d: Depth, b: Any, levels: int, now: float) -> None:
    """g3106 / o3106 / o3126 answers: same level names as the pushes but 'offercnt' for counts."""
    if d.live:
        return
    names_a = [(f"offerho{i}", f"offerrem{i}", f"offercnt{i}") for i in range(1, 11)]
    names_b = [(f"bidho{i}", f"bidrem{i}", f"bidcnt{i}") for i in range(1, 11)]
    d.asks, d.bids = _levels(b, names_a, levels), _levels(b, names_b, levels)
    d.time = hms(getattr(b, "hotime", ""))
    d.updated = now
    d.version += 1
    if not q.live_book:
        q.ask, q.ask_size = (d.asks[0].price, d.asks[0].size) if d.asks else (q.ask, q.ask_size)
        q.bid, q.bid_size = (d.bids[0].price, d.bids[0].size) if d.bids else (q.bid, q.bid_size)
    q.touch(now)
