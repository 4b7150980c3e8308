"""Field values shared by quote answers and pushes: change sign, rate, times, realtime bodies.

Realtime bodies (GSC/GSH/OVC/OVH/WOC/WOH) carry every field of the TR as a JSON string, built
from the model's own field list so none can be missing, in the key order of LS's gateway
(java_order). The futures feed (OVC/OVH) writes its prices in LS's padded layout; the stock and
options feeds write them plain, as their doc examples do.
"""

from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache

from app.ls.models import GSC, GSH, OVC, OVH
from app.sim.clock import KST, zone_of
from app.sim.java_order import hash_order
from app.sim.market import SymbolState

# each body's keys in the order LS's gateway writes them (java_order), not the doc table's
GSC_FIELDS = hash_order(GSC.Body.model_fields)
GSH_FIELDS = hash_order(GSH.Body.model_fields)
OVC_FIELDS = hash_order(OVC.Body.model_fields)  # WOC's (LS's WOC example has no lSeq)
# a live OVC frame (HSIH24, quoted by a third-party LS client) carries lSeq, the trade's sequence
# within its second as in GSC, though LS's OVC table does not list it
OVC_FUTURE_FIELDS = hash_order([*OVC.Body.model_fields, "lSeq"])
OVH_FIELDS = hash_order(OVH.Body.model_fields)  # WOH has the same fields


def sign_of(last: int, prev: int) -> str:
    """LS change sign: 2 up, 3 unchanged, 5 down (1/4 limit up/down never happen here)."""
    return "2" if last > prev else "5" if last < prev else "3"


def rate_text(last: int, prev: int) -> str:
    return f"{(last - prev) * 100.0 / prev:.2f}" if prev else "0.00"


def local_times(st: SymbolState, t: float) -> tuple[str, str, str, str]:
    """(local date, local time, Korean date, Korean time) as YYYYMMDD / HHMMSS."""
    return _stamps(st.inst.exchange, int(t))


@lru_cache(maxsize=8192)
def _stamps(exchange: str, second: int) -> tuple[str, str, str, str]:
    utc = datetime.fromtimestamp(second, timezone.utc)
    loc = utc.astimezone(zone_of(exchange))
    kor = utc.astimezone(KST)
    return loc.strftime("%Y%m%d"), loc.strftime("%H%M%S"), kor.strftime("%Y%m%d"), kor.strftime("%H%M%S")


def gsc_body(st: SymbolState) -> dict[str, str]:
    last, prev = st.last, st.prev_close
    ld, lt, kd, kt = local_times(st, st.last_time)
    v = {
        "symbol": st.symbol, "ovsdate": ld, "kordate": kd, "trdtm": lt, "kortm": kt,
        "sign": sign_of(last, prev), "price": st.text(last), "diff": st.text(abs(last - prev)),
        "rate": rate_text(last, prev), "open": st.text(st.day_open), "high": st.text(st.day_high),
        "low": st.text(st.day_low), "trdq": str(st.last_qty), "totq": str(st.volume),
        "cgubun": "+" if st.last_side > 0 else "-", "lSeq": str(st.seq), "amount": str(int(st.amount)),
        "high52p": st.text(st.high52), "low52p": st.text(st.low52),
    }
    return {f: v.get(f, "") for f in GSC_FIELDS}


FUTURES_PRICE_WIDTH = 9


def padded(text: str) -> str:
    """A futures price as LS's OVC/OVH pushes carry it: "0." and the price right-aligned in 9
    characters ("0. 14997.75", "0.    46.25" in the doc examples; clients take the last word). A
    price of nine characters or more fills the width and leaves no space: a yen future's
    "0.0.0066295" (no LS example shows one; this is the same rule carried on)."""
    return "0." + text.rjust(FUTURES_PRICE_WIDTH)


def _padded_text(st: SymbolState):
    plain = st.text
    return lambda ticks: padded(plain(ticks))


def _book_into(v: dict[str, str], st: SymbolState, levels: int, text=None,
               counts: bool = True) -> dict[str, str]:
    """Append the book levels and totals to ``v`` in the field order LS uses; without ``counts``
    every order count is "0", as LS sends them for US stocks (GSH's example, programgarden live)."""
    p, text = st.process, text or st.text
    asks, bids = p.asks, p.bids
    ta = tb = ca = cb = 0
    for i in range(levels):
        a, b = asks[i], bids[i]
        n = _LEVEL_NAMES[i]
        v[n[0]], v[n[1]] = text(a[0]), text(b[0])
        v[n[2]], v[n[3]] = str(a[1]), str(b[1])
        v[n[4]], v[n[5]] = (str(a[2]), str(b[2])) if counts else ("0", "0")
        ta += a[1]
        tb += b[1]
        ca += a[2]
        cb += b[2]
    if not counts:
        ca = cb = 0
    v["totoffercnt"], v["totbidcnt"], v["totofferrem"], v["totbidrem"] = str(ca), str(cb), str(ta), str(tb)
    return v


_LEVEL_NAMES = [tuple(f"{k}{i}" for k in ("offerho", "bidho", "offerrem", "bidrem", "offerno", "bidno"))
                for i in range(1, 11)]


def gsh_body(st: SymbolState, t: float) -> dict[str, str]:
    _, lt, _, kt = local_times(st, t)
    v = _book_into({"symbol": st.symbol, "loctime": lt, "kortime": kt}, st, 10, counts=False)
    return {f: v[f] for f in GSH_FIELDS}


def ovc_body(st: SymbolState) -> dict[str, str]:
    """OVC (futures) or WOC (options) body: only the futures feed pads its prices, and it has no
    buy/sell volume split (mdvolume/msvolume "" in LS's example)."""
    last, prev = st.last, st.prev_close
    ld, lt, kd, kt = local_times(st, st.last_time)
    future = st.inst.product == "future"
    text = _padded_text(st) if future else st.text
    v = {
        "symbol": st.symbol, "ovsdate": ld, "kordate": kd, "trdtm": lt, "kortm": kt,
        "curpr": text(last), "ydiffpr": text(abs(last - prev)), "ydiffSign": sign_of(last, prev),
        "open": text(st.day_open), "high": text(st.day_high), "low": text(st.day_low),
        "chgrate": rate_text(last, prev), "trdq": str(st.last_qty), "totq": str(st.volume),
        "cgubun": "+" if st.last_side > 0 else "-", "mdvolume": "" if future else str(st.sell_volume),
        "msvolume": "" if future else str(st.buy_volume),
        # 장마감일, String 8: the day the trade's session closes (LS's 장마감 is the session's
        # end: o3128 mk_stime/mk_etime '170000'/'160000'), the exchange-local trade date, so a
        # CME trade from 17:00 on is the next day's. Live OVC frames quoted by third-party LS
        # clients agree: HSIH24 at 13:47 HKT on 20240307 closes 20240307, at 18:11 (after-hours)
        # on Friday 20240308 closes Monday 20240311. It was 'N', the spec's filler, not LS's
        "ovsmkend": st.history.trade_date(st.last_time).strftime("%Y%m%d"),
        "lSeq": str(st.seq),
    }
    return {f: v.get(f, "") for f in (OVC_FUTURE_FIELDS if future else OVC_FIELDS)}


def ovh_body(st: SymbolState, t: float) -> dict[str, str]:
    """OVH (futures) or WOH (options) body: only the futures feed pads its prices."""
    _, lt, _, _ = local_times(st, t)
    text = _padded_text(st) if st.inst.product == "future" else None
    v = _book_into({"symbol": st.symbol, "hotime": lt}, st, 5, text)
    return {f: v[f] for f in OVH_FIELDS}
