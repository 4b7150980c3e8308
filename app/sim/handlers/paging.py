"""Continuation paging of history TRs: each page walks further back in time.

A page is the ``count`` newest items strictly older than the cursor; the cursor handed back is
the key of the oldest item in the page, and ``more`` says whether anything older remains.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from functools import lru_cache
from itertools import groupby
from typing import Any, TypeVar

from app.sim.clock import zone_of
from app.sim.history import Bar, Tick
from app.sim.market import SymbolState

T = TypeVar("T")


def page_back(items: Sequence[T], key: Callable[[T], Any], cursor: Any, count: int) -> tuple[list[T], bool]:
    """(page in ascending order, more) for ``items`` sorted ascending by ``key``."""
    if cursor not in (None, "", 0):
        lo, hi = 0, len(items)
        while lo < hi:  # first index whose key >= cursor
            mid = (lo + hi) // 2
            if key(items[mid]) < cursor:
                lo = mid + 1
            else:
                hi = mid
        items = items[:lo]
    page = list(items[-count:]) if count > 0 else []
    return page, len(items) > len(page)


def in_range(day: str, sdate: str | None, edate: str | None) -> bool:
    s, e = (sdate or "").strip(), (edate or "").strip()
    return (not s or day >= s) and (not e or day <= e)


def local_dt(st: SymbolState, t: float) -> datetime:
    return datetime.fromtimestamp(t, timezone.utc).astimezone(zone_of(st.inst.exchange))


@lru_cache(maxsize=400_000)
def _local_stamp(exchange: str, t: int) -> tuple[str, str]:
    dt = datetime.fromtimestamp(t, timezone.utc).astimezone(zone_of(exchange))
    return dt.strftime("%Y%m%d"), dt.strftime("%H%M%S")


def _stamp_all(exchange: str, starts: list[int]) -> dict[int, tuple[str, str]]:
    """Local (YYYYMMDD, HHMMSS) of many bar starts at once: one zone look-up when the UTC offset
    is the same at both ends (no daylight-saving change in between), else one per bar."""
    if not starts:
        return {}
    zone = zone_of(exchange)

    def offset(t: int) -> int:
        return int(datetime.fromtimestamp(t, timezone.utc).astimezone(zone).utcoffset().total_seconds())

    off = offset(starts[0])
    if off != offset(starts[-1]):
        return {t: _local_stamp(exchange, t) for t in starts}
    out = {}
    day_text: dict[int, str] = {}
    for t in starts:
        local = t + off
        day, sec = divmod(local, 86400)
        text = day_text.get(day)
        if text is None:
            text = day_text[day] = datetime.fromtimestamp(day * 86400, timezone.utc).strftime("%Y%m%d")
        h, rem = divmod(sec, 3600)
        out[t] = (text, f"{h:02d}{rem // 60:02d}{rem % 60:02d}")
    return out


def minute_rows(st: SymbolState, n: int) -> list[tuple[str, str, Bar]]:
    """N-minute bars as (local YYYYMMDD, local HHMMSS, bar), ascending."""
    exch = st.inst.exchange
    bars = st.history.minute_bars(n)
    stamps = st.history.stamps.get(n)
    if stamps is None:  # the first query of this width stamps every generated bar at once
        stamps = st.history.stamps[n] = _stamp_all(exch, [b.t for b in bars])
    out = []
    for b in bars:
        stamp = stamps.get(b.t)
        if stamp is None:
            stamp = stamps[b.t] = _local_stamp(exch, b.t)
        out.append((*stamp, b))
    return out


def half_minute_rows(st: SymbolState) -> list[tuple[str, str, Bar]]:
    """30-second bars (o3103/o3123 ``ncnt`` 0) as (local YYYYMMDD, local HHMMSS, bar), ascending,
    built from the trades the exchange keeps (the last two hours' and the live ones)."""
    bars: dict[int, Bar] = {}
    for t in st.history.tick_list():
        start = int(t.t) // 30 * 30
        bar = bars.get(start)
        if bar is None:
            bars[start] = Bar(start, t.price, t.price, t.price, t.price, t.qty)
        else:
            bar.h, bar.l, bar.c, bar.v = max(bar.h, t.price), min(bar.l, t.price), t.price, bar.v + t.qty
    starts = sorted(bars)
    stamps = _stamp_all(st.inst.exchange, starts)
    return [(*stamps[t], bars[t]) for t in starts]


def tick_bars(st: SymbolState, n: int) -> list[tuple[int, str, str, Bar, int]]:
    """Bars of ``n`` ticks each, as (first tick seq, local date, local time of the last tick, bar,
    ticks in the bar), ascending. Fixed bars: a bar holds the ticks of seq k*n+1 … (k+1)*n, so a
    bar's ticks stay together as trades come and the oldest ones leave the exchange's buffer; only
    the newest bar may hold fewer than ``n`` (its count is g3202's and o3139's ``last_count``). A
    bar whose first ticks have left the buffer is not served."""
    n = max(1, n)
    ticks: list[Tick] = st.history.tick_list()
    out = []
    for key, same in groupby(ticks, key=lambda t: (t.seq - 1) // n):
        group = list(same)
        if group[0].seq != key * n + 1:  # the bar's first ticks are gone: half a bar
            continue
        prices = [t.price for t in group]
        bar = Bar(0, prices[0], max(prices), min(prices), prices[-1], sum(t.qty for t in group))
        dt = local_dt(st, group[-1].t)
        out.append((group[0].seq, dt.strftime("%Y%m%d"), dt.strftime("%H%M%S"), bar, len(group)))
    return out


def day_key(b: Bar) -> str:
    assert b.day is not None
    return b.day.strftime("%Y%m%d")


# ---- LS's tick cursor: local date, time and the tick's place within its second ----

def tick_cursor(st: SymbolState, ticks: Sequence[Tick], i: int) -> int:
    """LS's g3102 cts_seq of ``ticks[i]``: its local date and time and its place among that
    second's ticks, 17 digits ("20250428014018000" in the doc example)."""
    second = int(ticks[i].t)
    j = i
    while j > 0 and int(ticks[j - 1].t) == second:
        j -= 1
    dt = local_dt(st, second)
    return int(f"{dt:%Y%m%d%H%M%S}{i - j:03d}")


def older_than_cursor(st: SymbolState, ticks: Sequence[Tick], cursor: int) -> int:
    """How many of ``ticks`` (ascending) are older than LS's ``cursor``; 0 when it is no such
    cursor. A cursor of fewer digits is the tick sequence number this exchange sent before."""
    if cursor < 10**16:
        return bisect_left(ticks, cursor, key=lambda t: t.seq)
    text = f"{cursor:017d}"
    try:
        local = datetime.strptime(text[:14], "%Y%m%d%H%M%S").replace(tzinfo=zone_of(st.inst.exchange))
    except ValueError:
        return 0
    second = int(local.timestamp())
    lo = bisect_left(ticks, second, key=lambda t: int(t.t))
    hi = bisect_left(ticks, second + 1, key=lambda t: int(t.t))
    return min(lo + int(text[14:]), hi)
