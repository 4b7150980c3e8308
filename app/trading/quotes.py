"""The latest market state of one instrument (quote, depth, recent trades) and how LS frames fill it.

Plain mutable records with slots: the hub updates them in place from every frame and the panels
read them when they repaint, so nothing is allocated or queued per frame beyond one trade tuple.
Prices are floats here (display and P&L marking); orders use the instrument's Decimal tick grid.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any, NamedTuple

from app.ls.numbers import clean_number

DOWN_SIGNS = frozenset(("4", "5", "-"))  # LS change signs: 1 limit up, 2 up, 3 flat, 4 limit down, 5 down


def signed(value: Any, sign: str) -> float | None:
    """LS sends changes as magnitudes plus a sign code; give them their sign back."""
    if value is None:
        return None
    v = abs(float(value))
    return -v if str(sign).strip() in DOWN_SIGNS else v


def num(value: Any) -> float | None:
    """A float from a field as sent or as modelled ('' and None are unknown, never 0; so are NaN
    and infinities). LS pads a few futures prices ("0. 14997.75", "0.0.0066295"): see
    `clean_number`."""
    if value is None or value == "":
        return None
    try:
        v = float(value)
    except (TypeError, ValueError):
        try:
            v = float(clean_number(str(value)) or "")
        except ValueError:
            return None
    return v if v - v == 0 else None  # (NaN and ±inf are not)


def count(value: Any) -> int | None:
    v = num(value)
    return None if v is None else int(v)


def hms(text: str) -> str:
    """'093015' -> '09:30:15'; anything else is kept as sent."""
    t = (text or "").strip()
    return f"{t[0:2]}:{t[2:4]}:{t[4:6]}" if len(t) >= 6 and t[:6].isdigit() else t


_ASK = [(f"offerho{i}", f"offerrem{i}", f"offerno{i}") for i in range(1, 11)]  # push field names
_BID = [(f"bidho{i}", f"bidrem{i}", f"bidno{i}") for i in range(1, 11)]
_SNAP_ASK = [(f"offerho{i}", f"offerrem{i}", f"offercnt{i}") for i in range(1, 11)]  # snapshot answers
_SNAP_BID = [(f"bidho{i}", f"bidrem{i}", f"bidcnt{i}") for i in range(1, 11)]


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


class Depth:
    """The book of one symbol. A push is kept as received and its levels are built only when a
    panel reads them (at most once per repaint), not on every frame: most book frames are never
    shown level by level, and building ten levels per frame cost more than decoding the frame."""

    __slots__ = ("symbol", "time", "updated", "version", "live", "_raw", "_levels_n", "_names",
                 "_asks", "_bids", "_parsed")

    def __init__(self, symbol: str):
        self.symbol = symbol
        self.time = ""
        self.updated = 0.0
        self.version = 0
        self.live = False
        self._raw: Any = None
        self._levels_n = 0
        self._names: tuple[list, list] = (_ASK, _BID)
        self._asks: list[Level] = []
        self._bids: list[Level] = []
        self._parsed = 0

    def keep(self, raw: Any, levels: int, names: tuple[list, list], time: str, now: float, live: bool) -> None:
        self._raw, self._levels_n, self._names = raw, levels, names
        self.time, self.updated, self.live = time, now, live
        self.version += 1

    def _parse(self) -> None:
        if self._parsed != self.version:
            raw = self._raw
            if raw is not None:
                self._asks = _levels(raw, self._names[0], self._levels_n)
                self._bids = _levels(raw, self._names[1], self._levels_n)
            self._parsed = self.version

    @property
    def asks(self) -> list[Level]:
        """Best (lowest) first."""
        self._parse()
        return self._asks

    @property
    def bids(self) -> list[Level]:
        """Best (highest) first."""
        self._parse()
        return self._bids


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
# Pushes arrive as dicts of the strings LS sent (the client core's body listeners: no model is
# built for thousands of frames a second). A frame without a readable price raises ValueError.

# trade TR -> its (price, change, change sign, change %) field names; the other fields share names
TRADE_FIELDS = {"GSC": ("price", "diff", "sign", "rate"), "OVC": ("curpr", "ydiffpr", "ydiffSign", "chgrate"),
                "WOC": ("curpr", "ydiffpr", "ydiffSign", "chgrate")}


def apply_trade(q: Quote, b: dict, names: tuple[str, str, str, str], now: float) -> Trade:
    """A GSC / OVC / WOC body (`names` from TRADE_FIELDS) into the quote; the trade it reports.
    Everything is read before anything is set, so a frame that raises changes nothing."""
    get = b.get
    price = num(get(names[0]))
    if price is None:
        raise ValueError("no price")
    sign = get(names[2]) or ""
    change, pct = signed(num(get(names[1])), sign), signed(num(get(names[3])), sign)
    open_, volume, size = num(get("open")), count(get("totq")), count(get("trdq"))
    when, side = hms(get("trdtm") or ""), get("cgubun")
    q.set_last(price)
    q.change, q.change_pct = change, pct
    if open_ is not None:
        q.open, q.high, q.low = open_, num(get("high")), num(get("low"))
    if volume is not None:
        q.volume = volume
    q.last_size = size
    if change is not None:
        q.prev_close = round(price - change, 6)
    q.trade_time = when
    q.live = True
    q.touch(now)
    return Trade(when, price, size or 0, 1 if side == "+" else -1 if side == "-" else 0, get("ovsdate") or "")


def _levels(b: Any, names: list[tuple[str, str, str]], n: int) -> list[Level]:
    get = b.get if type(b) is dict else lambda name: getattr(b, name, None)  # a push, or a snapshot model
    out = []
    for p_name, s_name, c_name in names[:n]:
        price = num(get(p_name))
        if not price:  # an empty level ends the side
            break
        out.append(Level(price, count(get(s_name)) or 0, count(get(c_name))))
    return out


def apply_book(q: Quote, d: Depth | None, b: dict, levels: int, time_field: str, now: float) -> None:
    """GSH (10 levels) / OVH / WOH (5 levels) body: the top of book into the quote, the rest kept
    in `d` (when someone watches the depth) to be built when read."""
    get = b.get
    when = hms(get(time_field) or "")
    ask, bid = num(get("offerho1")), num(get("bidho1"))
    ask_size, bid_size = count(get("offerrem1")), count(get("bidrem1"))
    if d is not None:
        d.keep(b, levels, (_ASK, _BID), when, now, True)
    q.ask, q.ask_size = (ask, ask_size) if ask else (None, None)
    q.bid, q.bid_size = (bid, bid_size) if bid else (None, None)
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


def snapshot_depth(q: Quote, d: Depth, b: Any, levels: int, now: float, time: str | None = None) -> None:
    """g3106 / o3106 / o3126 answers: same level names as the pushes but 'offercnt' for counts;
    ``time`` (HHMMSS) replaces the answer's hotime when that is not on the exchange's clock."""
    if d.live:
        return
    d.keep(b, levels, (_SNAP_ASK, _SNAP_BID), hms(getattr(b, "hotime", "") if time is None else time), now, False)
    if not q.live_book:
        ask, bid = num(b.offerho1), num(b.bidho1)
        if ask:
            q.ask, q.ask_size = ask, count(b.offerrem1)
        if bid:
            q.bid, q.bid_size = bid, count(b.bidrem1)
    q.touch(now)
