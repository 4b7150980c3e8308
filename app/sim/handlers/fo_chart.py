"""Overseas futures/options charts: minute (o3103/o3123), day/week/month (o3108/o3128), N-tick
(o3117/o3137/o3139). Minute and tick charts page newest-first, day charts oldest-first, as LS does.
"""

from __future__ import annotations

from app.ls.models import o3103, o3108, o3117, o3123, o3128, o3137, o3139
from app.sim.clock import hours_behind_korea
from app.sim.handlers.common import OK, derivative, page_count
from app.sim.handlers.fo_market import DEFAULT_SESSION, SESSION
from app.sim.handlers.paging import day_key, half_minute_rows, in_range, minute_rows, page_back, tick_bars
from app.sim.market import SymbolState
from app.sim.registry import TRContext, TRResult, handler

KINDS = {"F": ("future",), "O": ("option",)}


def _minutes(ctx: TRContext, st: SymbolState, tr: str, ncnt: int | None, readcnt: int | None,
             cts_date: str | None, cts_time: str | None) -> TRResult:
    count = page_count(readcnt, 20, 500)
    # ncnt: N-minute bars, 0 for 30-second ones ("0(30초), 1(1분), 30(30분)")
    rows_all = half_minute_rows(st) if ncnt == 0 else minute_rows(st, max(1, ncnt or 1))
    cursor = ((cts_date or "") + (cts_time or "")).strip()
    if not cursor and ctx.tr_cont == "Y":
        cursor = ctx.tr_cont_key.strip()
    page, more = page_back(rows_all, lambda r: r[0] + r[1], cursor, count)
    rows = [{"date": d, "time": t, "open": st.text(b.o), "high": st.text(b.h), "low": st.text(b.l),
             "close": st.text(b.c), "volume": b.v} for d, t, b in reversed(page)]
    nd, nt = (page[0][0], page[0][1]) if more and page else ("", "")
    head = {"shcode": st.symbol, "timediff": hours_behind_korea(st.inst.exchange, ctx.exchange.clock.now()),
            "readcnt": len(rows), "cts_date": nd, "cts_time": nt}
    return TRResult({f"{tr}OutBlock": head, f"{tr}OutBlock1": rows}, rsp_msg=OK,
                    tr_cont="Y" if more else "N", tr_cont_key=nd + nt)


def _days(ctx: TRContext, st: SymbolState, tr: str, gubun: str, qrycnt: int | None, sdate: str | None,
          edate: str | None, cts_date: str | None) -> TRResult:
    count = page_count(qrycnt, 20, 500)
    bars = [b for b in st.history.period_bars({"0": "D", "1": "W", "2": "M"}.get(gubun, "D"))
            if in_range(day_key(b), sdate, edate)]
    cursor = (cts_date or "").strip()
    if not cursor.strip("0"):  # "00000000", the last page's cursor, is no cursor
        cursor = ""
    if not cursor and ctx.tr_cont == "Y":
        cursor = ctx.tr_cont_key.strip()
    page, more = page_back(bars, day_key, cursor, count)
    rows = [{"date": day_key(b), "open": st.text(b.o), "high": st.text(b.h), "low": st.text(b.l),
             "close": st.text(b.c), "volume": b.v} for b in page]
    days = st.history.day_bars()
    prev, today = (days[-2] if len(days) > 1 else days[-1]), days[-1]
    start, end = SESSION.get(st.inst.exchange, DEFAULT_SESSION)
    # the last page's cursor is "00000000", as in LS's o3128 example (tr_cont N, tr_cont_key "")
    next_date = day_key(page[0]) if more and page else "00000000"
    head = {"shcode": st.symbol, "jisiga": st.text(prev.o), "jihigh": st.text(prev.h), "jilow": st.text(prev.l),
            "jiclose": st.text(prev.c), "jivolume": prev.v, "disiga": st.text(today.o),
            "dihigh": st.text(today.h), "dilow": st.text(today.l), "diclose": st.text(today.c),
            "mk_stime": start, "mk_etime": end, "cts_date": next_date, "rec_count": len(rows)}
    return TRResult({f"{tr}OutBlock": head, f"{tr}OutBlock1": rows}, rsp_msg=OK,
                    tr_cont="Y" if more else "N", tr_cont_key=next_date if more else "")


def _nticks(ctx: TRContext, st: SymbolState, tr: str, ncnt: int | None, qrycnt: int | None,
            cts_seq: str | None, with_last_count: bool = False) -> TRResult:
    count = page_count(qrycnt, 20, 500)
    bars = tick_bars(st, max(1, ncnt or 1))
    raw = (cts_seq or "").strip() or (ctx.tr_cont_key.strip() if ctx.tr_cont == "Y" else "")
    cursor = int(raw) if raw.isdigit() else 0
    page, more = page_back(bars, lambda b: b[0], cursor, count)
    rows = [{"date": d, "time": t, "open": st.text(b.o), "high": st.text(b.h), "low": st.text(b.l),
             "close": st.text(b.c), "volume": b.v} for _, d, t, b, _n in reversed(page)]
    next_seq = str(page[0][0]) if more and page else ""
    head = {"shcode": st.symbol, "rec_count": len(rows), "cts_seq": next_seq, "cts_daygb": "0" if more else ""}
    if with_last_count:
        head["last_count"] = str(bars[-1][4]) if bars else "0"
    return TRResult({f"{tr}OutBlock": head, f"{tr}OutBlock1": rows}, rsp_msg=OK,
                    tr_cont="Y" if more else "N", tr_cont_key=next_seq)


@handler("o3103")
def o3103_minutes(ctx: TRContext, req: o3103.Request) -> TRResult:
    ib = req.o3103InBlock
    return _minutes(ctx, derivative(ctx, ib.shcode, ("future",)), "o3103", ib.ncnt, ib.readcnt, ib.cts_date, ib.cts_time)


@handler("o3123")
def o3123_minutes(ctx: TRContext, req: o3123.Request) -> TRResult:
    ib = req.o3123InBlock
    st = derivative(ctx, ib.shcode, KINDS.get(ib.mktgb, ("future", "option")))
    return _minutes(ctx, st, "o3123", ib.ncnt, ib.readcnt, ib.cts_date, ib.cts_time)


@handler("o3108")
def o3108_days(ctx: TRContext, req: o3108.Request) -> TRResult:
    ib = req.o3108InBlock
    st = derivative(ctx, ib.shcode, ("future",))
    return _days(ctx, st, "o3108", ib.gubun, ib.qrycnt, ib.sdate, ib.edate, ib.cts_date)


@handler("o3128")
def o3128_days(ctx: TRContext, req: o3128.Request) -> TRResult:
    ib = req.o3128InBlock
    st = derivative(ctx, ib.shcode, KINDS.get(ib.mktgb, ("future", "option")))
    return _days(ctx, st, "o3128", ib.gubun, ib.qrycnt, ib.sdate, ib.edate, ib.cts_date)


@handler("o3117")
def o3117_nticks(ctx: TRContext, req: o3117.Request) -> TRResult:
    ib = req.o3117InBlock
    return _nticks(ctx, derivative(ctx, ib.shcode, ("future",)), "o3117", ib.ncnt, ib.qrycnt, ib.cts_seq)


@handler("o3137")
def o3137_nticks(ctx: TRContext, req: o3137.Request) -> TRResult:
    ib = req.o3137InBlock
    st = derivative(ctx, ib.shcode, KINDS.get(ib.mktgb, ("future", "option")))
    return _nticks(ctx, st, "o3137", ib.ncnt, ib.qrycnt, ib.cts_seq)


@handler("o3139")
def o3139_nticks(ctx: TRContext, req: o3139.Request) -> TRResult:
    ib = req.o3139InBlock
    st = derivative(ctx, ib.shcode, KINDS.get(ib.mktgb, ("future", "option")))
    return _nticks(ctx, st, "o3139", ib.ncnt, ib.qrycnt, ib.cts_seq, with_last_count=True)
