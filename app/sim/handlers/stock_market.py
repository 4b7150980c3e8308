"""Overseas-stock market-data TRs: g3101 quote, g3102 time and sales, g3104 info, g3106 book, g3190 master."""

from __future__ import annotations

import random

from app.ls.models import g3101, g3102, g3104, g3106, g3190
from app.sim.handlers.common import OK, local_times, market, page_count, rate_text, sign_of, stock
from app.sim.handlers.paging import older_than_cursor, tick_cursor
from app.sim.market import SymbolState
from app.sim.pricing import stable_seed
from app.sim.registry import TRContext, TRResult, handler

EXCHANGE_ID = {"82": "0537", "81": "0520"}
EXCHANGE_NAME = {"82": "나스닥", "81": "뉴욕/아멕스"}


def _fundamentals(ctx: TRContext, st: SymbolState) -> tuple[str, str]:
    """(PER, EPS) text, fixed per seed and symbol."""
    if st.inst.extra.get("etf"):
        return "0.00", "0.00"
    rng = random.Random(stable_seed(ctx.exchange.seed, st.symbol, "per"))
    per = rng.uniform(9, 70)
    price = float(st.text(st.last))
    return f"{per:.2f}", f"{price / per:.2f}"


def _quote_fields(st: SymbolState) -> dict:
    last, prev = st.last, st.prev_close
    return {
        "price": st.text(last), "sign": sign_of(last, prev), "diff": st.text(abs(last - prev)),
        "rate": rate_text(last, prev), "volume": st.volume, "amount": int(st.amount),
        "open": st.text(st.day_open), "high": st.text(st.day_high), "low": st.text(st.day_low),
    }


@handler("g3101")
def g3101_quote(ctx: TRContext, req: g3101.Request) -> TRResult:
    ib = req.g3101InBlock
    st = stock(ctx, ib.symbol, ib.keysymbol, ib.exchcd)
    inst = st.inst
    per, eps = _fundamentals(ctx, st)
    out = {
        "delaygb": "R", "keysymbol": inst.keysymbol, "exchcd": inst.exchange,
        "exchange": EXCHANGE_ID[inst.exchange], "suspend": "N", "sellonly": 0, "symbol": inst.symbol,
        "korname": inst.name_ko, "induname": inst.extra.get("industry", ""), "floatpoint": str(inst.decimals),
        "currency": inst.currency, "high52p": st.text(st.high52), "low52p": st.text(st.low52),
        "uplimit": st.text(0), "dnlimit": st.text(0), "perv": per, "epsv": eps, **_quote_fields(st),
    }
    return TRResult({"g3101OutBlock": out}, rsp_msg=OK)


@handler("g3102")
def g3102_ticks(ctx: TRContext, req: g3102.Request) -> TRResult:
    ib = req.g3102InBlock
    st = stock(ctx, ib.symbol, ib.keysymbol, ib.exchcd)
    count = page_count(ib.readcnt, 30, 500)
    cursor = ib.cts_seq or 0
    if not cursor and ctx.tr_cont == "Y" and ctx.tr_cont_key.isdigit():
        cursor = int(ctx.tr_cont_key)
    ticks = st.history.tick_list()
    if cursor:
        ticks = ticks[:older_than_cursor(st, ticks, int(cursor))]
    page = ticks[-count:][::-1]
    more = len(ticks) > count
    prev = st.prev_close
    rows = []
    for t in page:
        ld, lt, kd, kt = local_times(st, t.t)
        rows.append({
            "locdate": ld, "loctime": lt, "kordate": kd, "kortime": kt, "price": st.text(t.price),
            "sign": sign_of(t.price, prev), "diff": st.text(abs(t.price - prev)), "rate": rate_text(t.price, prev),
            "open": st.text(st.day_open), "high": st.text(st.day_high), "low": st.text(st.day_low),
            "exevol": t.qty, "cgubun": "+" if t.side > 0 else "-", "floatpoint": str(st.inst.decimals),
        })
    next_seq = tick_cursor(st, ticks, len(ticks) - len(page)) if more and page else 0
    inst = st.inst
    head = {"delaygb": "R", "keysymbol": inst.keysymbol, "exchcd": inst.exchange, "symbol": inst.symbol,
            "cts_seq": next_seq, "rec_count": len(rows)}
    return TRResult({"g3102OutBlock": head, "g3102OutBlock1": rows}, rsp_msg=OK,
                    tr_cont="Y" if more else "N", tr_cont_key=str(next_seq) if more else "")


@handler("g3104")
def g3104_info(ctx: TRContext, req: g3104.Request) -> TRResult:
    ib = req.g3104InBlock
    st = stock(ctx, ib.symbol, ib.keysymbol, ib.exchcd)
    inst = st.inst
    per, eps = _fundamentals(ctx, st)
    shares = int(inst.extra.get("shares", 0))
    out = {
        "delaygb": "R", "keysymbol": inst.keysymbol, "exchcd": inst.exchange,
        "exchange": EXCHANGE_ID[inst.exchange], "symbol": inst.symbol, "korname": inst.name_ko,
        "engname": inst.name, "exchange_name": EXCHANGE_NAME[inst.exchange], "nation_name": "미국",
        "induname": inst.extra.get("industry", ""), "instname": "ETF" if inst.extra.get("etf") else "주식",
        "floatpoint": str(inst.decimals), "currency": inst.currency, "suspend": "N", "sellonly": "0",
        "share": shares, "untprc": st.text(1), "bidlotsize": "1", "asklotsize": "1",
        "volume": st.volume, "amount": int(st.amount), "pcls": st.text(st.prev_close),
        "clos": st.text(st.prev_close), "open": st.text(st.day_open), "high": st.text(st.day_high),
        "low": st.text(st.day_low), "high52p": st.text(st.high52), "low52p": st.text(st.low52),
        "shareprc": int(shares * float(st.text(st.last))), "perv": per, "epsv": eps,
        "exrate": f"{market(ctx).krw_per_usd():.2f}",
        "bidlotsize2": "1", "asklotsize2": "1",
    }
    return TRResult({"g3104OutBlock": out}, rsp_msg=OK)


@handler("g3106")
def g3106_book(ctx: TRContext, req: g3106.Request) -> TRResult:
    ib = req.g3106InBlock
    st = stock(ctx, ib.symbol, ib.keysymbol, ib.exchcd)
    inst = st.inst
    kt = local_times(st, ctx.exchange.clock.time())[3]  # Korean time, as LS's example shows
    out = {
        "delaygb": "R", "keysymbol": inst.keysymbol, "exchcd": inst.exchange, "symbol": inst.symbol,
        "korname": inst.name_ko, "floatpoint": str(inst.decimals), "jnilclose": st.text(st.prev_close),
        "hotime": kt, **_quote_fields(st),
    }
    p = st.process
    for i in range(10):  # LS has no order counts for US stocks: "0", as in its example (and GSH)
        n = str(i + 1)
        out["offerho" + n], out["bidho" + n] = st.text(p.asks[i][0]), st.text(p.bids[i][0])
        out["offercnt" + n] = out["bidcnt" + n] = "0"
        out["offerrem" + n], out["bidrem" + n] = p.asks[i][1], p.bids[i][1]
    out["offercnt"] = out["bidcnt"] = "0"
    out["offer"] = sum(a[1] for a in p.asks)
    out["bid"] = sum(b[1] for b in p.bids)
    return TRResult({"g3106OutBlock": out}, rsp_msg=OK)


@handler("g3190")
def g3190_master(ctx: TRContext, req: g3190.Request) -> TRResult:
    ib = req.g3190InBlock
    wanted = {"1": "81", "3": "81", "2": "82"}.get(ib.exgubun or "")
    rows_all = [i for i in market(ctx).instruments("stock") if wanted is None or i.exchange == wanted]
    rows_all.sort(key=lambda i: i.keysymbol)
    cursor = (ib.cts_value or "").strip()
    if not cursor and ctx.tr_cont == "Y":
        cursor = ctx.tr_cont_key.strip()
    # LS's cursor is the next row's number, zero-padded to 16 ("0000000000000011" after rows
    # 1-10); a keysymbol cursor (what this exchange sent before) is still understood
    start = 0
    if cursor.isdigit():
        start = max(0, int(cursor) - 1)
    elif cursor:
        start = next((n for n, i in enumerate(rows_all) if i.keysymbol >= cursor), len(rows_all))
    count = page_count(ib.readcnt, 100, 500)
    page, rest = rows_all[start:start + count], rows_all[start + count:]
    next_value = f"{start + count + 1:016d}" if rest else ""
    rows = []
    for inst in page:
        st = market(ctx).state(inst.symbol)
        shares = int(inst.extra.get("shares", 0))
        rows.append({
            "keysymbol": inst.keysymbol, "natcode": "US", "exchcd": inst.exchange, "symbol": inst.symbol,
            "seccode": inst.keysymbol, "korname": inst.name_ko, "engname": inst.name, "currency": inst.currency,
            "isin": inst.extra.get("isin", ""), "floatpoint": str(inst.decimals), "indusury": inst.extra.get("industry_code", "0000"),
            "share": shares, "marketcap": int(shares * float(st.text(st.last)) // 1_000_000),
            "par": "0.0000", "parcurr": "", "bidlotsize2": "1", "asklotsize2": "1",
            # listed_date: the listing day; "00000000" (LS's "no date", as in expire_date)
            # for an instrument the master has none for
            "clos": st.text(st.prev_close), "listed_date": inst.extra.get("listed", "00000000"),
            "expire_date": "00000000", "suspend": "N",
            "bymd": ctx.exchange.clock.now().strftime("%Y%m%d"), "sellonly": "0", "stamp": "",
            # as in each row of LS's example: the VCM/CAS/POS flags (Korean-market ones) blank,
            # point (fractional trading allowed) "N"
            "ticktype": "1", "pcls": st.text(st.prev_close), "vcmf": "", "casf": "", "posf": "",
            "point": "N",
        })
    head = {"delaygb": "R", "natcode": ib.natcode or "US", "exgubun": ib.exgubun or "",
            "cts_value": next_value, "rec_count": len(rows)}
    return TRResult({"g3190OutBlock": head, "g3190OutBlock1": rows}, rsp_msg=OK,
                    tr_cont="Y" if rest else "N", tr_cont_key=next_value)
