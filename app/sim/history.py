"""Deterministic price history of one instrument, joined to its live trades.

Generated backward from the live starting price, so the newest generated bar closes exactly where
the live market opens: three days of 1-minute bars (the source of N-minute bars, today's session
and the daily bars they cover), older daily bars before them back to the instrument's listing
date, twenty years at most (a stock listed in 2010 from 2010 on, a futures contract from the day
its month was listed, about a year), and synthetic
ticks for the last two hours (twenty a minute through each minute's open, high, low and close,
each of a size drawn as the live trades' are: together a fraction of the minute's volume). Live
trades are folded into 1-minute bars and a tick buffer as they happen. All prices are integer
tick counts; the market turns them into decimals.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import deque
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

import numpy as np

from app.sim.pricing import MAX_LOTS, TAIL_SHAPE, TAIL_SHARE, stable_seed

MINUTE_DAYS = 3
DAILY_BARS = 5200  # weekdays: about twenty years
SYNTH_TICK_MINUTES = 120
# a generated minute's volume, on average, as the live market trades one (Market: two steps a
# second, two in three a trade, of 2.8 lots on average: ~213 measured): the live bars of a chart
# do not tower over the history's (they stood ten times as tall)
LOTS_PER_MINUTE = 200
LIVE_TICKS = 20000


@dataclass(slots=True)
class Bar:
    t: int  # start, epoch seconds (minute bars) | day ordinal for day bars (see ``day``)
    o: int
    h: int
    l: int  # noqa: E741
    c: int
    v: int
    day: date | None = None

    def merge(self, other: Bar) -> None:
        self.h = max(self.h, other.h)
        self.l = min(self.l, other.l)
        self.c = other.c
        self.v += other.v


@dataclass(slots=True)
class Tick:
    t: float  # epoch seconds
    price: int
    qty: int
    side: int
    seq: int


@lru_cache(maxsize=16)
def _weekdays_before(first_day: date, count: int) -> tuple[date, ...]:
    """The ``count`` weekdays before ``first_day``, oldest first."""
    days: list[date] = []
    d = first_day - timedelta(days=1)
    while len(days) < count:
        if d.weekday() < 5:
            days.append(d)
        d -= timedelta(days=1)
    return tuple(reversed(days))


def _walk_back(rng: np.random.Generator, end: float, n: int, sigma: float, drift: float = 0.0) -> np.ndarray:
    """Closes of ``n`` bars whose last close is ``end``, with clustered volatility and a mean log
    return of ``drift`` a bar."""
    kernel = 0.97 ** np.arange(150)
    log_vol = np.convolve(rng.normal(0.0, 0.06, n + 150), kernel)[150:n + 150]
    r = rng.normal(0.0, sigma, n) * np.exp(log_vol) + drift
    jumps = rng.random(n) < 0.001
    r[jumps] *= 8.0
    r[-1] = 0.0
    tail = np.cumsum(r[::-1])[::-1]  # tail[i] = sum of r[i:]
    log_c = math.log(end) - np.concatenate((tail[1:], [0.0]))
    return np.exp(log_c)


def _ohlc(rng: np.random.Generator, closes: np.ndarray, first_open: float, sigma: float):
    opens = np.concatenate(([first_open], closes[:-1]))
    wick = np.abs(rng.normal(0.0, sigma * 0.6, (2, len(closes))))
    highs = np.maximum(opens, closes) * np.exp(wick[0])
    lows = np.minimum(opens, closes) * np.exp(-wick[1])
    o = np.maximum(1, np.rint(opens)).astype(np.int64)
    c = np.maximum(1, np.rint(closes)).astype(np.int64)
    h = np.maximum(np.maximum(o, c), np.rint(highs).astype(np.int64))
    lo = np.maximum(1, np.minimum(np.minimum(o, c), np.rint(lows).astype(np.int64)))
    return o, h, lo, c


class _Generated:
    """What the seed alone decides: the same for every exchange started in the same minute. The
    older daily bars and the synthetic ticks become objects only when first asked for (a chart or
    tape of that symbol): an exchange serves sooner, and most symbols are never asked."""

    __slots__ = ("gen", "gen_days", "old", "recent", "lot", "by_width", "_old_days", "_ticks")

    def __init__(self, gen: dict, gen_days: tuple, old: tuple, recent: tuple, lot: int = 1):
        self.gen = gen  # 1-minute columns t, o, h, l, c, v (numpy; never written)
        self.gen_days = gen_days  # Bars (copied before anyone merges into them)
        self.old = old  # older daily columns o, h, l, c, v (numpy int64) and their dates (a tuple)
        self.recent = recent  # the last two hours' minute columns the synthetic ticks walk
        self.lot = lot
        self.by_width: dict[int, list[Bar]] = {}  # N-minute bars of ``gen`` per width
        self._old_days: tuple | None = None
        self._ticks: tuple | None = None

    @property
    def old_days(self) -> tuple:
        if self._old_days is None:
            *cols, days = self.old
            self._old_days = tuple(Bar(0, bo, bh, bl, bc, bv, day)
                                   for bo, bh, bl, bc, bv, day in zip(*(c.tolist() for c in cols), days))
        return self._old_days

    @property
    def ticks(self) -> tuple:
        """The synthetic ticks of the last two hours (SYNTH_TICKS of them, seq 1…)."""
        if self._ticks is None:
            ticks: list[Tick] = []
            sizes = iter(trade_lots(int(self.recent[0][0]) if self.recent[0] else 0, SYNTH_TICKS))
            for bt, bo, bh, bl, bc, _bv in zip(*self.recent):
                prev = bo
                for k, p in enumerate(minute_path(int(bt), bo, bh, bl, bc)):
                    q = self.lot * next(sizes)
                    ticks.append(Tick(float(bt + 1 + 3 * k), p, q, 1 if p >= prev else -1, len(ticks) + 1))
                    prev = p
            self._ticks = tuple(ticks)
        return self._ticks


SYNTH_PER_MINUTE = 20  # a quarter of the live market's trades: N-tick bars of the history are not
# much wider in time than the live ones, and a 1-tick chart's history is a few pages
SYNTH_TICKS = SYNTH_TICK_MINUTES * SYNTH_PER_MINUTE
_ANCHORS = (0, 6, 13, SYNTH_PER_MINUTE - 1)  # where the path is at the open, high/low, low/high, close


def trade_lots(seed: int, n: int) -> list[int]:
    """`n` trade sizes in lots drawn as the live market draws its own (pricing.PriceProcess.step,
    vectorised: numpy's pareto is the Lomax form, one less than random.paretovariate), the same
    for the same `seed`."""
    rng = np.random.default_rng(seed)
    tail = np.maximum(1, np.floor(rng.pareto(TAIL_SHAPE, n) + 1)).astype(np.int64)
    lots = np.where(rng.random(n) < TAIL_SHARE, tail, rng.integers(1, 6, n))
    return np.minimum(lots, MAX_LOTS).tolist()


def minute_path(t: int, o: int, h: int, lo: int, c: int) -> list[int]:
    """SYNTH_PER_MINUTE prices (integer ticks) through a minute's bar: the open, the high and the
    low (the low first in a falling minute), the close; between them a straight walk with a
    jitter of a tick that ``t`` decides, never outside the bar."""
    stops = (o, h, lo, c) if c >= o else (o, lo, h, c)
    out: list[int] = []
    for a in range(3):
        i0, i1 = _ANCHORS[a], _ANCHORS[a + 1]
        p0, p1 = stops[a], stops[a + 1]
        for i in range(i0, i1):
            p = p0 + (p1 - p0) * (i - i0) / (i1 - i0)
            jitter = 0 if i == i0 else ((t * 2654435761 + i * 40503) >> 9) % 3 - 1
            out.append(min(h, max(lo, round(p) + jitter)))
    out.append(c)
    return out


_generated: dict[tuple, _Generated] = {}


def _generate(symbol: str, seed: int, start_ticks: int, volatility: float, m0: int, zone: ZoneInfo,
              lot: int, day_open: int = 0, listed: date | None = None, drift: float = 0.0) -> _Generated:
    """The generated history, kept for the minute it starts in: a test run starts hundreds of
    exchanges, and generating 112 instruments' history took ~1 s of CPU each time."""
    key = (symbol, seed, start_ticks, volatility, m0, zone.key, lot, day_open, listed, drift)
    hit = _generated.get(key)
    if hit is None:
        if any(k[4] != m0 for k in _generated):
            _generated.clear()  # another minute: the old ones will not be asked for again
        hit = _generated[key] = _build(symbol, seed, start_ticks, volatility, m0, zone, lot, day_open, listed, drift)
    return hit


def _build(symbol: str, seed: int, start_ticks: int, volatility: float, m0: int, zone: ZoneInfo,
           lot: int, day_open: int = 0, listed: date | None = None, drift: float = 0.0) -> _Generated:
    rng = np.random.default_rng(stable_seed(seed, symbol, "history"))
    n = MINUTE_DAYS * 1440
    sig_min = volatility / math.sqrt(252 * 1440)
    closes = _walk_back(rng, float(start_ticks), n, sig_min)
    o, h, lo, c = _ohlc(rng, closes, closes[0] * math.exp(rng.normal(0, sig_min)), sig_min)
    gen = {
        "t": m0 - (n - np.arange(n, dtype=np.int64)) * 60, "o": o, "h": h, "l": lo, "c": c,
        "v": rng.integers(1, 40, n).astype(np.int64) * (LOTS_PER_MINUTE // 20) * lot,  # (1-39: 20 on average)
    }
    for col in gen.values():
        col.flags.writeable = False
    # trading date of each generated minute (exchange-local, at m0's UTC offset; from `day_open`
    # on, the next date's session)
    off = int((datetime.fromtimestamp(m0, timezone.utc).astimezone(zone).utcoffset()).total_seconds())
    gen_days = SymbolHistory._aggregate(gen, (gen["t"] + off - day_open) // 86400 + (1 if day_open else 0), True)
    # older daily bars, walking back from the open of the first generated minute
    days = _weekdays_before(gen_days[0].day, DAILY_BARS)
    if listed is not None:  # nothing before the instrument began trading
        days = days[bisect_left(days, listed):]
    count = len(days)
    if count:
        sig_day = 0.6 * volatility / math.sqrt(252)
        dcl = _walk_back(rng, float(o[0]), count, sig_day, drift / 252)
        do, dh, dl, dc = _ohlc(rng, dcl, dcl[0] * math.exp(rng.normal(0, sig_day)), sig_day * 0.5)
        # as many lots a day as the generated days hold (their minutes trade as the live market does)
        whole = [b.v for b in gen_days[1:-1]] or [b.v for b in gen_days]
        dv = np.maximum(1, np.rint(rng.integers(5000, 60000, count) / 32500 * (sum(whole) / len(whole) / lot)))
        old = (do, dh, dl, dc, dv.astype(np.int64) * lot, days)
    else:  # listed within the generated days
        old = (*(np.zeros(0, np.int64) for _ in range(5)), days)
    k0 = n - SYNTH_TICK_MINUTES
    recent = tuple(col[k0:].tolist() for col in (gen["t"], o, h, lo, c, gen["v"]))
    return _Generated(gen, tuple(gen_days), old, recent, lot)


class SymbolHistory:
    def __init__(self, symbol: str, seed: int, start_ticks: int, volatility: float, t0: float,
                 zone: ZoneInfo, lot: int, day_open: int = 0, listed: date | None = None,
                 drift: float = 0.0):
        self.symbol = symbol
        self.zone = zone
        self.day_open = day_open  # local seconds a trading day opens on the evening before (0: midnight)
        made = _generate(symbol, seed, start_ticks, volatility, int(t0 // 60) * 60, zone, lot, day_open, listed,
                          drift)
        self._made = made
        self._gen = made.gen
        self._gen_days = made.gen_days
        self.live_minutes: list[Bar] = []
        self._gen_by_width: dict[int, list[Bar]] = made.by_width  # generated N-minute bars never change
        self.stamps: dict[int, dict[int, tuple[str, str]]] = {}  # per width: bar start -> local stamp
        # the synthetic ticks are shared (made on first read), live ones kept here
        self._live_ticks: deque[Tick] = deque(maxlen=LIVE_TICKS)
        self._seq = SYNTH_TICKS

    @property
    def old_days(self) -> tuple:
        return self._made.old_days

    def day_stats(self) -> tuple[Bar, int, int, int]:
        """Today's bar (a copy), the previous close and the 52-week high and low, without
        building the older daily bars (the market asks this of every symbol at start)."""
        if self.live_minutes:
            days = self.day_bars()
            today, prev = days[-1], days[-2].c if len(days) > 1 else days[-1].o
            last = days[-252:]
            return today, prev, max(b.h for b in last), min(b.l for b in last)
        gd = self._gen_days
        g = gd[-1]
        today = Bar(0, g.o, g.h, g.l, g.c, g.v, g.day)
        _o, oh, ol, oc, _v, _d = self._made.old
        prev = gd[-2].c if len(gd) > 1 else (int(oc[-1]) if len(oc) else g.o)
        recent = gd[-252:]
        k = 252 - len(recent)
        older = (oh[-k:], ol[-k:]) if k > 0 and len(oh) else None
        high = max(max(b.h for b in recent), int(older[0].max()) if older else 0)
        low = min(min(b.l for b in recent), int(older[1].min()) if older else high)
        return today, prev, high, low

    @staticmethod
    def _aggregate(a: dict, keys: np.ndarray, as_days: bool) -> list[Bar]:
        """Group consecutive minutes with equal ``keys`` into bars (open first, close last)."""
        if len(keys) == 0:
            return []
        starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
        ends = np.concatenate((starts[1:], [len(keys)])) - 1
        hi = np.maximum.reduceat(a["h"], starts)
        lo = np.minimum.reduceat(a["l"], starts)
        vol = np.add.reduceat(a["v"], starts)
        k = keys[starts].tolist()
        cols = zip(k, a["o"][starts].tolist(), hi.tolist(), lo.tolist(), a["c"][ends].tolist(), vol.tolist())
        if as_days:
            return [Bar(0, o, h, lo_, c, v, date.fromordinal(key + 719163)) for key, o, h, lo_, c, v in cols]
        return [Bar(key, o, h, lo_, c, v) for key, o, h, lo_, c, v in cols]

    def local_date(self, t: float) -> date:
        return datetime.fromtimestamp(t, timezone.utc).astimezone(self.zone).date()

    def trade_date(self, t: float) -> date:
        """The trading date instant `t` belongs to: the local date, or the next one from the
        evening open on (a CME trade at 18:00 Chicago time on Sunday is Monday's)."""
        local = datetime.fromtimestamp(t, timezone.utc).astimezone(self.zone)
        if self.day_open and local.hour * 3600 + local.minute * 60 + local.second >= self.day_open:
            return local.date() + timedelta(days=1)
        return local.date()

    def day_end(self, day: date) -> float:
        """When trading date `day` ends: the next local midnight, or its own evening open."""
        end = datetime.combine(day if self.day_open else day + timedelta(days=1), time(0), tzinfo=self.zone)
        return (end + timedelta(seconds=self.day_open)).timestamp()  # (wall-clock arithmetic)

    def _add_tick(self, t: float, price: int, qty: int, side: int) -> Tick:
        self._seq += 1
        tick = Tick(t, price, qty, side, self._seq)
        self._live_ticks.append(tick)
        return tick

    def on_trade(self, t: float, price: int, qty: int, side: int) -> Tick:
        start = int(t // 60) * 60
        live = self.live_minutes
        if live and live[-1].t == start:
            last = live[-1]
            last.h, last.l, last.c, last.v = max(last.h, price), min(last.l, price), price, last.v + qty
        else:
            live.append(Bar(start, price, price, price, price, qty))
        return self._add_tick(t, price, qty, side)

    # ---- queries (ascending in time) ----

    def minute_bars(self, n: int = 1) -> list[Bar]:
        """N-minute bars (n >= 1) aligned to multiples of n minutes: generated, then live."""
        width = 60 * max(1, n)
        cached = self._gen_by_width.get(width)
        if cached is None:
            cached = self._gen_by_width[width] = self._aggregate(self._gen, self._gen["t"] - self._gen["t"] % width, False)
        gen = list(cached)
        own_last = False  # the last generated bar is shared with the cache until copied
        for b in self.live_minutes:
            start = b.t - b.t % width
            if gen and gen[-1].t == start:
                if not own_last and len(gen) == len(cached):
                    last = gen[-1]
                    gen[-1] = Bar(last.t, last.o, last.h, last.l, last.c, last.v)
                    own_last = True
                gen[-1].merge(b)
            else:
                gen.append(Bar(start, b.o, b.h, b.l, b.c, b.v))
        return gen

    def day_bars(self) -> list[Bar]:
        """Daily bars: generated older days, days aggregated from 1-minute bars, today with live."""
        # the older days as they are (read only: live minutes merge into the generated days' copies
        # or bars of their own): copying twenty years of them cost about 5 ms a chart page
        out = list(self.old_days)
        out += [Bar(0, b.o, b.h, b.l, b.c, b.v, b.day) for b in self._gen_days]
        for b in self.live_minutes:
            d = self.trade_date(b.t)
            if out[-1].day == d:
                out[-1].merge(b)
            else:
                out.append(Bar(0, b.o, b.h, b.l, b.c, b.v, d))
        return out

    def period_bars(self, period: str) -> list[Bar]:
        """``"D"`` daily, ``"W"`` weekly, ``"M"`` monthly, ``"Y"`` yearly; labelled by last date."""
        days = self.day_bars()
        if period == "D":
            return days
        out: list[Bar] = []
        key_prev = None
        for b in days:
            assert b.day is not None
            if period == "W":
                key = b.day.isocalendar()[:2]
            elif period == "M":
                key = (b.day.year, b.day.month)
            else:
                key = (b.day.year,)
            if out and key == key_prev:
                out[-1].merge(b)
                out[-1].day = b.day
            else:
                out.append(Bar(0, b.o, b.h, b.l, b.c, b.v, b.day))
            key_prev = key
        return out

    def tick_list(self) -> list[Tick]:
        """The last LIVE_TICKS ticks, oldest first: synthetic, then live."""
        live = self._live_ticks
        keep = LIVE_TICKS - len(live)
        synth = self._made.ticks[-keep:] if keep > 0 else ()
        return [*synth, *live]

    def today(self) -> Bar:
        return self.day_bars()[-1]

    def gen_last_close(self) -> int:
        return int(self._gen["c"][-1])

    def prev_close(self) -> int:
        bars = self.day_bars()
        return bars[-2].c if len(bars) > 1 else bars[-1].o
