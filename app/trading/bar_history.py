"""Bar history from LS's chart TRs, newest page first, paged under each TR's rate limit.

Which TR serves a timeframe: stocks g3202 (N-tick), g3203 (N-minute), g3204 (day/week/month;
g3103 on request: one page of 120 bars); futures o3103 / o3108, options (and futures when asked)
o3123 / o3128; N-tick bars of both o3139 (o3117 and o3137 on request). Every one of them pages
from the newest bars back in time, so loading stops as soon as a page reaches a bar the caller
already has (the cache), or when the server says there is nothing older. The client core paces
each call under the TR's limit; cancelling the awaiting task stops between pages.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from app.trading.bar_series import FIELDS, Timeframe, date_text, local_seconds_many
from app.trading.instruments import exchange_day

log = logging.getLogger(__name__)

PAGE = 500  # rows per page (LS's uncompressed maximum)
STOCK_PERIOD = {"day": "2", "week": "3", "month": "4", "year": "5"}
FO_PERIOD = {"day": "0", "week": "1", "month": "2"}
# TR -> (facade group, row time field or None, volume field)
ROWS = {
    "g3202": ("chart", "loctime", "exevol"), "g3203": ("chart", "loctime", "exevol"),
    "g3204": ("chart", None, "volume"), "g3103": ("chart", None, "volume"),
    "o3103": ("chart", "time", "volume"), "o3108": ("chart", None, "volume"),
    "o3117": ("chart", "time", "volume"), "o3139": ("chart", "time", "volume"),
    "o3123": ("market", "time", "volume"), "o3128": ("market", None, "volume"),
    "o3137": ("market", "time", "volume"),
}


class NoHistory(Exception):
    """The symbol has no chart of this kind (unknown symbol or timeframe)."""


@dataclass
class HistoryResult:
    arrays: dict[str, np.ndarray]
    pages: int = 0
    complete: bool = False  # the server had nothing older
    ticks_in_last: int | None = None
    trs: list[str] = field(default_factory=list)
    pager: Any = None  # the page iterator, left where it stopped (the server had older pages)


def choose_tr(inst: Any, tf: Timeframe, prefer: str | None = None) -> str:
    """The chart TR for `inst` (an Instrument) and `tf`."""
    if prefer:
        if prefer not in ROWS:
            raise NoHistory(f"unknown chart TR {prefer}")
        return prefer
    if inst.market == "stock":
        return {"tick": "g3202", "min": "g3203"}.get(tf.unit, "g3204")
    option = inst.market == "option"
    if tf.unit == "tick":  # (o3139 for both: 10 calls a second where o3117/o3137 allow one, and
        return "o3139"      # its last_count tells how many trades the newest N-tick bar holds)
    if tf.unit == "min":
        return "o3123" if option else "o3103"
    return "o3128" if option else "o3108"


DATED = ("g3204", "o3108", "o3128")  # day/week/month TRs with an end date (`edate`)


def build_request(tr: str, inst: Any, tf: Timeframe, count: int = PAGE, until: str | None = None) -> dict:
    """The in-block of the first page of `tr` (a dict the facade validates); `until` (YYYYMMDD,
    the TRs in DATED): the newest date asked for (else today)."""
    if tr.startswith("g"):
        base = {"keysymbol": inst.keysymbol, "exchcd": inst.exchcd, "symbol": inst.code}
        if tr == "g3103":
            return {**base, "gubun": STOCK_PERIOD[tf.unit], "date": exchange_day()}
        if tr == "g3204":
            return {**base, "gubun": STOCK_PERIOD[tf.unit], "qrycnt": count, "sdate": "",
                    "edate": until or exchange_day()}
        return {**base, "ncnt": tf.n, "qrycnt": count, "sdate": "", "edate": ""}
    mkt = {"mktgb": "O" if inst.market == "option" else "F"}
    if tr in ("o3108", "o3128"):
        return {**({} if tr == "o3108" else mkt), "shcode": inst.code, "gubun": FO_PERIOD[tf.unit],
                "qrycnt": count, "sdate": "", "edate": until or ""}
    if tr in ("o3103", "o3123"):
        return {**({} if tr == "o3103" else mkt), "shcode": inst.code, "ncnt": tf.n, "readcnt": count}
    return {**({} if tr == "o3117" else mkt), "shcode": inst.code, "ncnt": tf.n, "qrycnt": count}


def parse_rows(tr: str, rows: list[Any]) -> dict[str, np.ndarray]:
    """One page's rows -> arrays ascending in time (LS sends some pages newest first)."""
    _group, time_field, vol_field = ROWS[tr]
    if tr == "g3103":
        rows = [r for r in rows if r.chedate]
        days = [r.chedate for r in rows]
        close = [r.price for r in rows]
    else:
        rows = [r for r in rows if r.date]
        days = [r.date for r in rows]
        close = [r.close for r in rows]
    t = local_seconds_many(days, [getattr(r, time_field) for r in rows] if time_field else None)
    out = {"t": t,
           "o": np.array([_f(r.open) for r in rows], np.float64),
           "h": np.array([_f(r.high) for r in rows], np.float64),
           "l": np.array([_f(r.low) for r in rows], np.float64),
           "c": np.array([_f(x) for x in close], np.float64),
           "v": np.array([_f(getattr(r, vol_field)) for r in rows], np.float64)}
    if len(t) > 1 and t[0] > t[-1]:
        out = {k: a[::-1].copy() for k, a in out.items()}
    return out


def _f(x: Any) -> float:
    return float(x) if x is not None else np.nan


def concat(parts: list[dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    if not parts:
        return empty()
    return {k: np.concatenate([p[k] for p in parts]) for k in ("t", *FIELDS)}


def empty() -> dict[str, np.ndarray]:
    return {"t": np.zeros(0, np.int64), **{k: np.zeros(0, np.float64) for k in FIELDS}}


def merge(old: dict[str, np.ndarray], new: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """`old` bars older than the first of `new`, then all of `new` (new wins on overlap)."""
    if not len(new["t"]):
        return old
    if not len(old["t"]):
        return new
    keep = int(np.searchsorted(old["t"], new["t"][0], side="left"))
    return {k: np.concatenate((old[k][:keep], new[k])) for k in ("t", *FIELDS)}


async def fetch(client: Any, inst: Any, tf: Timeframe, *, stop_at: int | None = None,
                max_bars: int = 20_000, page_size: int = PAGE, tr: str | None = None,
                progress: Callable[[int, int], None] | None = None,
                on_first_page: Callable[[], None] | None = None,
                parts: list[dict[str, np.ndarray]] | None = None,
                pager: Any = None, older_than: int | None = None) -> HistoryResult:
    """Bars of `inst` in `tf`, newest first, until the server runs out, `max_bars` are loaded, or a
    page reaches `stop_at` (local seconds of a bar the caller already has; that bar is refetched).
    `parts` (if given) collects the pages as they come, so a cancelled caller keeps them.

    Older history: `result.pager` is the page iterator when the server had more; pass it back as
    `pager` (with `older_than`, the time of the oldest bar held) to go on where it stopped. Only
    bars older than `older_than` count and are returned. With no pager, a TR in DATED is asked
    for the days up to the oldest bar's (not every page from today again)."""
    tr = choose_tr(inst, tf, tr)
    if tr in ("g3103", "g3204", "o3108", "o3128") and tf.unit not in ("day", "week", "month"):
        raise NoHistory(f"{tr} has no {tf.id} bars")
    if pager is None:
        product = client.overseas_stock() if tr.startswith("g") else client.overseas_futureoption()
        group = getattr(product, ROWS[tr][0])()
        until = date_text(older_than) if older_than is not None and tr in DATED else None
        request = getattr(group, tr)({f"{tr}InBlock": build_request(tr, inst, tf, page_size, until)})
        pager = request.pages().__aiter__()
    parts = [] if parts is None else parts
    result = HistoryResult(empty(), trs=[tr])
    bars = 0
    complete = True
    while True:
        try:
            resp = await pager.__anext__()
        except StopAsyncIteration:
            break
        result.pages += 1
        if result.pages == 1 and on_first_page is not None:
            on_first_page()
        head = resp.block
        if tf.unit == "tick" and result.pages == 1 and older_than is None:
            last = getattr(head, "last_count", None)
            try:
                result.ticks_in_last = int(last) if last not in (None, "") else None
            except (TypeError, ValueError):
                result.ticks_in_last = None
        rows = getattr(resp, f"{tr}OutBlock1", None) or []
        page = parse_rows(tr, rows)
        got_rows = len(page["t"])
        if older_than is not None and got_rows:  # pages overlapping what the caller has count for nothing
            keep = page["t"] < older_than
            page = {k: a[keep] for k, a in page.items()}
        if len(page["t"]):
            parts.append(page)
            bars += len(page["t"])
        if progress is not None:
            progress(result.pages, bars)
        if not got_rows:
            break
        if stop_at is not None and page["t"][0] <= stop_at:
            complete = False
            break
        if bars >= max_bars:
            complete = resp.tr_cont != "Y"
            break
        if resp.tr_cont != "Y":
            break
    result.arrays = assemble(parts, tf)
    result.complete = complete
    result.pager = None if complete else pager
    log.debug("%s %s %s: %d bars in %d pages", tr, inst.code, tf.id, len(result.arrays["t"]), result.pages)
    return result


def assemble(parts: list[dict[str, np.ndarray]], tf: Timeframe) -> dict[str, np.ndarray]:
    """Pages fetched newest first -> one ascending set of bars."""
    arrays = concat(parts[::-1])
    if len(arrays["t"]) > 1:  # pages overlap by a bar on some servers: keep each time once, in order
        order = np.argsort(arrays["t"], kind="stable")
        arrays = {k: a[order] for k, a in arrays.items()}
        if tf.unit != "tick":
            keep = np.concatenate((arrays["t"][1:] != arrays["t"][:-1], [True]))
            arrays = {k: a[keep] for k, a in arrays.items()}
    return arrays
