"""Overseas-stock chart TRs: g3103 day/week/month, g3202 N-tick, g3203 N-minute, g3204 day..year."""

from __future__ import annotations

from bisect import bisect_left

from app.ls.models import g3103, g3202, g3203, g3204
from app.sim.clock import hours_behind_korea
from app.sim.handlers.common import OK, page_count, rate_text, sign_of, stock
from app.sim.handlers.paging import (
    day_key, in_range, minute_rows, older_than_cursor, page_back, tick_bars, tick_cursor,
)
from app.sim.market import SymbolState
from app.sim.registry import TRContext, TRResult, handler

PERIODS = {"2": "D", "3": "W", "4": "M", "5": "Y"}


def _head(st: SymbolState, ctx: TRContext) -> dict:
    """Previous-day and today's OHLC, session times and time difference shared by the charts."""
    days = st.history.day_bars()
    prev = days[-2] if len(days) > 1 else days[-1]
    inst = st.inst
    return {
        "delaygb": "R", "keysymbol": inst.keysymbol, "exchcd": inst.exchange, "symbol": inst.symbol,
        "preopen": st.text(prev.o), "prehigh": st.text(prev.h), "prelow": st.text(prev.l),
        "preclose": st.text(prev.c), "prevolume": prev.v, "open": st.text(st.day_open),
        "high": st.text(st.day_high), "low": st.text(st.day_low), "close": st.text(st.last),
        # as every chart example of LS's docs has them (our reading: New York time, from LS's day
        # session at 20:00 the evening before to the end of its after-market at 18:00)
        "s_time": "200000", "e_time": "180000",
        "timediff": str(hours_behind_korea(inst.exchange, ctx.exchange.clock.now())),
    }


@handler("g3103")
def g3103_periods(ctx: TRContext, req: g3103.Request) -> TRResult:
    ib = req.g3103InBlock
    st = stock(ctx, ib.symbol, ib.keysymbol, ib.exchcd)
    bars = st.history.period_bars(PERIODS.get(ib.gubun, "D"))
    until = (ib.date or "").strip()
    if until:
        bars = [b for b in bars if day_key(b) <= until] or bars[:2]  # (before the history: its first row)
    bars = bars[-121:]
    rows = []
    for prev, b in zip(bars, bars[1:]):
        rows.append({"chedate": day_key(b), "price": st.text(b.c), "sign": sign_of(b.c, prev.c),
                     "diff": st.text(abs(b.c - prev.c)), "rate": rate_text(b.c, prev.c), "volume": b.v,
                     "open": st.text(b.o), "high": st.text(b.h), "low": st.text(b.l),
                     "floatpoint": str(st.inst.decimals)})
    rows.reverse()  # newest first, as LS sends it
    inst = st.inst
    head = {"delaygb": "R", "keysymbol": inst.keysymbol, "exchcd": inst.exchange, "symbol": inst.symbol,
            "gubun": ib.gubun, "date": rows[-1]["chedate"] if rows else ""}
    return TRResult({"g3103OutBlock": head, "g3103OutBlock1": rows}, rsp_msg=OK)


def _tick_index(ticks: list, seq: int) -> int:
    return bisect_left(ticks, seq, key=lambda t: t.seq)


@handler("g3202")
def g3202_ticks(ctx: TRContext, req: g3202.Request) -> TRResult:
    ib = req.g3202InBlock
    st = stock(ctx, ib.symbol, ib.keysymbol, ib.exchcd)
    count = page_count(ib.qrycnt, 500, 500)
    ticks = st.history.tick_list()
    bars = [b for b in tick_bars(st, ib.ncnt or 1) if in_range(b[1], ib.sdate, ib.edate)]
    cursor = ib.cts_seq or (int(ctx.tr_cont_key) if ctx.tr_cont == "Y" and ctx.tr_cont_key.isdigit() else 0)
    if cursor and ticks:  # LS's stamp (or this exchange's old tick number): the bars before that trade
        older = older_than_cursor(st, ticks, int(cursor))
        limit = ticks[older].seq if older < len(ticks) else ticks[-1].seq + 1
        bars = [b for b in bars if b[0] < limit]
    page, more = page_back(bars, lambda b: b[0], None, count)
    prev_close = st.prev_close
    rows = [{"date": d, "loctime": t, "open": st.text(b.o), "high": st.text(b.h), "low": st.text(b.l),
             "close": st.text(b.c), "exevol": b.v, "jongchk": 0, "prtt_rate": "0", "pricechk": 0,
             "sign": sign_of(b.c, prev_close)} for _, d, t, b, _n in page]
    # LS's 17-digit stamp of the page's oldest trade, as g3102's (20250428014650000 in the doc
    # example, whose oldest bar closes at 01:47:21 New York time)
    next_seq = tick_cursor(st, ticks, _tick_index(ticks, page[0][0])) if more and page else 0
    head = _head(st, ctx)
    head.update(cts_seq=next_seq, rec_count=len(rows), last_count=str(bars[-1][4]) if bars else "0")
    return TRResult({"g3202OutBlock": head, "g3202OutBlock1": rows}, rsp_msg=OK,
                    tr_cont="Y" if more else "N", tr_cont_key=str(next_seq) if more else "")


@handler("g3203")
def g3203_minutes(ctx: TRContext, req: g3203.Request) -> TRResult:
    ib = req.g3203InBlock
    st = stock(ctx, ib.symbol, ib.keysymbol, ib.exchcd)
    count = page_count(ib.qrycnt, 500, 500)
    bars = [r for r in minute_rows(st, ib.ncnt or 1) if in_range(r[0], ib.sdate, ib.edate)]
    cursor = (ib.cts_date or "") + (ib.cts_time or "")
    if not cursor.strip() and ctx.tr_cont == "Y":
        cursor = ctx.tr_cont_key
    page, more = page_back(bars, lambda r: r[0] + r[1], cursor.strip(), count)
    rows = [{"date": d, "loctime": t, "open": st.text(b.o), "high": st.text(b.h), "low": st.text(b.l),
             "close": st.text(b.c), "exevol": b.v, "amount": int(b.v * float(st.text(b.c)))}
            for d, t, b in page]
    cts_date, cts_time = (page[0][0], page[0][1]) if more and page else ("", "")
    head = _head(st, ctx)
    head.update(cts_date=cts_date, cts_time=cts_time, rec_count=len(rows))
    return TRResult({"g3203OutBlock": head, "g3203OutBlock1": rows}, rsp_msg=OK,
                    tr_cont="Y" if more else "N", tr_cont_key=cts_date + cts_time)


@handler("g3204")
def g3204_periods(ctx: TRContext, req: g3204.Request) -> TRResult:
    ib = req.g3204InBlock
    st = stock(ctx, ib.symbol, ib.keysymbol, ib.exchcd)
    count = page_count(ib.qrycnt, 500, 500)
    bars = [b for b in st.history.period_bars(PERIODS.get(ib.gubun, "D")) if in_range(day_key(b), ib.sdate, ib.edate)]
    cursor = (ib.cts_date or "").strip() or (ctx.tr_cont_key if ctx.tr_cont == "Y" else "")
    page, more = page_back(bars, day_key, cursor, count)
    # previous close for sign: the bar just before each one
    index = {id(b): i for i, b in enumerate(bars)}
    rows = []
    for b in page:
        i = index[id(b)]
        prev_c = bars[i - 1].c if i > 0 else b.o
        rows.append({"date": day_key(b), "open": st.text(b.o), "high": st.text(b.h), "low": st.text(b.l),
                     "close": st.text(b.c), "volume": b.v, "amount": int(b.v * float(st.text(b.c))),
                     "jongchk": 0, "prtt_rate": "0.00", "pricechk": 0, "ratevalue": 0,
                     "sign": sign_of(b.c, prev_c)})
    cts_date = day_key(page[0]) if more and page else ""
    head = _head(st, ctx)
    head.update(cts_date=cts_date, cts_info="999999" if more else "", rec_count=len(rows),
                uplimit=st.text(0), dnlimit=st.text(0), dshmin="")
    head.pop("timediff")
    return TRResult({"g3204OutBlock": head, "g3204OutBlock1": rows}, rsp_msg=OK,
                    tr_cont="Y" if more else "N", tr_cont_key=cts_date)
