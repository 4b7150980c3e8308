"""Overseas futures/options market-data TRs: masters, quotes, books, watch lists, daily trades, ticks."""

from __future__ import annotations

import functools

from app.ls.models import o3101, o3104, o3105, o3106, o3107, o3116, o3121, o3125, o3126, o3127, o3136
from app.sim.clock import KST, hours_behind_korea
from app.sim.handlers.common import OK, derivative, local_times, market, page_count, rate_text, sign_of
from app.sim.handlers.paging import day_key
from app.sim.market import SymbolState
from app.sim.registry import Instrument, TRContext, TRResult, handler
from app.sim.sessions import DEFAULT_MASTER_HOURS, MASTER_HOURS

EXCH_KO = {"CME": "시카고상업거래소", "CBOT": "시카고상품거래소", "NYMEX": "뉴욕상업거래소",
           "COMEX": "뉴욕상품거래소", "HKEX": "홍콩거래소", "SGX": "싱가포르거래소"}
SESSION, DEFAULT_SESSION = MASTER_HOURS, DEFAULT_MASTER_HOURS  # exchange-local


def _num(value: object, places: int = 9) -> str:
    return f"{float(value):.{places}f}"  # type: ignore[arg-type]


def _korean(hhmmss: str, behind: int) -> str:
    """An exchange-local time of day on the Korean clock (LS gives DlStrtTm/DlEndTm in Korean
    time: "거래시작시간(한국)", a CME contract 07:00–06:00 in the summer, 08:00–07:00 in the winter)."""
    return f"{(int(hhmmss[:2]) - behind) % 24:02d}{hhmmss[2:]}"


def contract(ctx: TRContext, inst: Instrument) -> dict:
    """The master fields of one contract (o3101/o3105/o3121/o3125 share them)."""
    st = market(ctx).state(inst.symbol)
    x = inst.extra
    now = ctx.exchange.clock.now()
    today = now.astimezone(KST).strftime("%Y%m%d")
    behind = hours_behind_korea(inst.exchange, now)
    start, end = (_korean(t, behind) for t in SESSION.get(inst.exchange, DEFAULT_SESSION))
    return {
        "Symbol": inst.symbol, "SymbolNm": f"{x.get('base_name', inst.name)}({x.get('year')}.{x.get('month', 0):02d})",
        "ApplDate": today, "BscGdsCd": inst.root if inst.product == "future" else f"O_{inst.root}",
        "BscGdsNm": x.get("base_name", inst.name), "ExchCd": inst.exchange, "ExchNm": EXCH_KO.get(inst.exchange, inst.exchange),
        "CrncyCd": inst.currency, "NotaCd": "10", "UntPrc": _num(inst.tick_size), "MnChgAmt": _num(inst.tick_value),
        "RgltFctr": "1.0000000000", "CtrtPrAmt": f"{float(inst.multiplier):.2f}",
        "GdsCd": "001" if inst.product == "future" and inst.root in ("ES", "NQ", "YM", "MES", "MNQ", "HSI", "NK") else "002",
        "LstngYr": str(x.get("year", "")), "LstngM": inst.symbol[len(inst.root)] if inst.product == "future" else "",
        "EcPrc": _num(st.price(st.prev_close)), "DlStrtTm": start, "DlEndTm": end, "DlPsblCd": "1", "MgnCltCd": "1",
        "OpngMgn": f"{float(inst.margin):.2f}", "MntncMgn": f"{float(inst.maint_margin):.2f}",
        "OpngMgnR": "0.000", "MntncMgnR": "0.000", "DotGb": inst.decimals,
    }


def _quote_text(st: SymbolState, ticks: int) -> str:
    """A price as o3105/o3125 write it: the contract's decimals, at least one (LS's HSI, DotGb 0,
    comes as "18875.0")."""
    text = st.text(ticks)
    return text if st.inst.decimals else text + ".0"


def _quote_info(ctx: TRContext, st: SymbolState) -> dict:
    """o3105/o3125: the master fields, but the tick and settlement price in the contract's price
    decimals and the margin rates as "0" ("0.0001", "7.2081", "0" for CUSN23 in LS's example,
    where o3101 writes "0.000050000", "0.665750000", "0.000"), then the day's trading."""
    inst = st.inst
    out = contract(ctx, inst)
    text = functools.partial(_quote_text, st)
    now = ctx.exchange.clock.now()
    ld, lt, kd, kt = local_times(st, st.last_time or now.timestamp())
    last, prev = st.last, st.prev_close
    expiry = inst.expiry
    local_start, local_end = SESSION.get(inst.exchange, DEFAULT_SESSION)  # the exchange's own clock
    out.update({
        "EcCd": "1", "LstngMCnt": 12, "MrktCd": "001", "EminiCd": "1" if inst.root in ("MES", "MNQ", "MGC") else "0",
        "SeqNo": int(inst.extra.get("seq", 1)), "LstngDt": inst.extra.get("listed", ""), "MtrtDt": expiry, "FnlDlDt": expiry, "FstTrsfrDt": "",
        "DlDt": ld, "OvsStrDay": ld, "OvsStrTm": local_start, "OvsEndDay": ld, "OvsEndTm": local_end,
        "TimeDiff": hours_behind_korea(inst.exchange, now), "OvsDate": ld, "KorDate": kd, "TrdTm": lt, "RcvTm": kt,
        "TrdP": text(last), "TrdQ": st.last_qty, "TotQ": st.volume,
        "TrdAmt": f"{float(st.text(last)) * st.last_qty:.2f}", "TotAmt": f"{st.amount:.2f}",
        "OpenP": text(st.day_open), "HighP": text(st.day_high), "LowP": text(st.day_low),
        "CloseP": text(prev), "YdiffP": text(abs(last - prev)), "YdiffSign": sign_of(last, prev),
        "Cgubun": "+" if st.last_side > 0 else "-", "Diff": rate_text(last, prev),
        "UntPrc": text(1), "EcPrc": text(prev), "OpngMgnR": "0", "MntncMgnR": "0",
        # o3125's example (HSIM23, a future) has "0": the minimum option premium means nothing there
        "MinOrcPrc": "0" if inst.product == "future" else _num(inst.tick_size), "MinBaseOrcPrc": "0",
    })
    return out


def _change(st: SymbolState, price: int) -> str:
    return st.text(price - st.prev_close)


def _book(st: SymbolState, ctx: TRContext, levels: int) -> dict:
    last, prev = st.last, st.prev_close
    out = {
        "symbol": st.symbol, "symbolname": contract(ctx, st.inst)["SymbolNm"], "price": st.text(last),
        "sign": sign_of(last, prev), "change": _change(st, last), "diff": rate_text(last, prev),
        "volume": st.volume, "jnilclose": st.text(prev), "open": st.text(st.day_open),
        "high": st.text(st.day_high), "low": st.text(st.day_low),
        "hotime": local_times(st, ctx.exchange.clock.time())[1],
    }
    p = st.process
    for i in range(levels):
        n = str(i + 1)
        out["offerho" + n], out["bidho" + n] = st.text(p.asks[i][0]), st.text(p.bids[i][0])
        out["offercnt" + n], out["bidcnt" + n] = p.asks[i][2], p.bids[i][2]
        out["offerrem" + n], out["bidrem" + n] = p.asks[i][1], p.bids[i][1]
    out["offercnt"] = sum(a[2] for a in p.asks[:levels])
    out["bidcnt"] = sum(b[2] for b in p.bids[:levels])
    out["offer"] = sum(a[1] for a in p.asks[:levels])
    out["bid"] = sum(b[1] for b in p.bids[:levels])
    return out


@handler("o3101")
def o3101_master(ctx: TRContext, req: o3101.Request) -> TRResult:
    rows = [contract(ctx, i) for i in market(ctx).instruments("future")]
    return TRResult({"o3101OutBlock": rows}, rsp_msg=OK)


@handler("o3121")
def o3121_master(ctx: TRContext, req: o3121.Request) -> TRResult:
    ib = req.o3121InBlock
    m = market(ctx)
    if (ib.MktGb or "F") == "F":
        rows = [contract(ctx, i) for i in m.instruments("future")]
    else:
        base = (ib.BscGdsCd or "").strip()
        opts = m.instruments("option")
        if not base:  # the list of option products
            first = opts[0]
            row = {k: "" for k in contract(ctx, first)}
            row.update(BscGdsCd=f"O_{first.root}", BscGdsNm=first.extra.get("base_name", ""), ExchCd=first.exchange,
                       ExchNm=EXCH_KO.get(first.exchange, ""), GdsCd="001", DotGb=0, UntPrc="0", MnChgAmt="0",
                       RgltFctr="0", CtrtPrAmt="0", EcPrc="0", OpngMgn="0", MntncMgn="0", OpngMgnR="0",
                       MntncMgnR="0", ApplDate=contract(ctx, first)["ApplDate"])
            rows = [row]
        else:
            rows = []
            for inst in opts:
                if f"O_{inst.root}" != base and inst.root != base:
                    continue
                row = contract(ctx, inst)
                und = m.state(inst.extra.get("underlying", ""))
                moneyness = (und.last * und._tick_f - float(inst.strike)) * (1 if inst.put_call == "C" else -1)
                row.update(XrcPrc=f"{float(inst.strike):.2f}", FdasBasePrc=und.text(und.last),
                           OptTpCode=inst.put_call, RgtXrcPtnCode="A",
                           Moneyness="ITM" if moneyness > 0 else "OTM" if moneyness < 0 else "ATM",
                           LastSettPtnCode="C", OptMinOrcPrc=_num(inst.tick_size), OptMinBaseOrcPrc="0")
                rows.append(row)
    return TRResult({"o3121OutBlock": rows}, rsp_msg=OK)


@handler("o3105")
def o3105_quote(ctx: TRContext, req: o3105.Request) -> TRResult:
    st = derivative(ctx, req.o3105InBlock.symbol, ("future",))
    out = _quote_info(ctx, st)
    return TRResult({"o3105OutBlock": out}, rsp_msg=OK)


@handler("o3125")
def o3125_quote(ctx: TRContext, req: o3125.Request) -> TRResult:
    st = derivative(ctx, req.o3125InBlock.symbol)
    return TRResult({"o3125OutBlock": _quote_info(ctx, st)}, rsp_msg=OK)


@handler("o3106")
def o3106_book(ctx: TRContext, req: o3106.Request) -> TRResult:
    st = derivative(ctx, req.o3106InBlock.symbol, ("future",))
    return TRResult({"o3106OutBlock": _book(st, ctx, 5)}, rsp_msg=OK)


@handler("o3126")
def o3126_book(ctx: TRContext, req: o3126.Request) -> TRResult:
    st = derivative(ctx, req.o3126InBlock.symbol)
    return TRResult({"o3126OutBlock": _book(st, ctx, 5)}, rsp_msg=OK)


@handler("o3107")
def o3107_watch(ctx: TRContext, req: o3107.Request) -> TRResult:
    st = derivative(ctx, req.o3107InBlock.symbol, ("future",))
    return TRResult({"o3107OutBlock": [_book(st, ctx, 1)]}, rsp_msg=OK)


@handler("o3127")
def o3127_watch(ctx: TRContext, req: o3127.Request) -> TRResult:
    rows = []
    for item in (req.o3127InBlock1 or [])[: max(1, req.o3127InBlock.nrec or 1)]:
        inst = market(ctx).instrument(item.symbol)
        if inst is not None and inst.product in ("future", "option"):
            rows.append(_book(market(ctx).state(inst.symbol), ctx, 1))
    return TRResult({"o3127OutBlock": rows}, rsp_msg=OK)


@handler("o3104")
def o3104_daily(ctx: TRContext, req: o3104.Request) -> TRResult:
    ib = req.o3104InBlock
    st = derivative(ctx, ib.shcode, ("future",))
    bars = st.history.period_bars({"0": "D", "1": "W", "2": "M"}.get(ib.gubun, "D"))
    until = (ib.date or "").strip()
    if until:
        bars = [b for b in bars if day_key(b) <= until] or bars[:1]
    bars = bars[-31:]
    rows = [{"chedate": day_key(b), "price": st.text(b.c), "sign": sign_of(b.c, p.c),
             "change": st.text(b.c - p.c), "diff": rate_text(b.c, p.c), "open": st.text(b.o),
             "high": st.text(b.h), "low": st.text(b.l), "cgubun": "", "volume": b.v}
            for p, b in zip(bars, bars[1:])]
    rows.reverse()
    return TRResult({"o3104OutBlock1": rows}, rsp_msg=OK)


def _ticks(ctx: TRContext, st: SymbolState, readcnt: int | None, cts_seq: int | None, tr: str, yesterday: bool = False) -> TRResult:
    count = page_count(readcnt, 20, 500)
    cursor = cts_seq or (int(ctx.tr_cont_key) if ctx.tr_cont == "Y" and ctx.tr_cont_key.isdigit() else 0)
    ticks = st.history.tick_list()
    today = local_times(st, ctx.exchange.clock.time())[0]
    if yesterday:  # "1" = previous day: ticks before today's local date
        ticks = [t for t in ticks if local_times(st, t.t)[0] < today]
    if cursor:
        ticks = [t for t in ticks if t.seq < cursor]
    page = ticks[-count:]
    more = len(ticks) > len(page)
    cum = st.volume - sum(t.qty for t in st.history.tick_list() if t.seq > (page[-1].seq if page else 0))
    rows = []
    for t in reversed(page):
        ld, lt, _, _ = local_times(st, t.t)
        rows.append({"ovsdate": ld, "ovstime": lt, "price": st.text(t.price), "sign": sign_of(t.price, st.prev_close),
                     "change": _change(st, t.price), "diff": rate_text(t.price, st.prev_close),
                     "cvolume": t.qty, "volume": max(cum, t.qty)})
        cum -= t.qty
    next_seq = page[0].seq if more and page else 0
    return TRResult({f"{tr}OutBlock": {"cts_seq": next_seq}, f"{tr}OutBlock1": rows}, rsp_msg=OK,
                    tr_cont="Y" if more else "N", tr_cont_key=str(next_seq) if more else "")


@handler("o3116")
def o3116_ticks(ctx: TRContext, req: o3116.Request) -> TRResult:
    ib = req.o3116InBlock
    st = derivative(ctx, ib.shcode, ("future",))
    return _ticks(ctx, st, ib.readcnt, ib.cts_seq, "o3116")


@handler("o3136")
def o3136_ticks(ctx: TRContext, req: o3136.Request) -> TRResult:
    ib = req.o3136InBlock
    st = derivative(ctx, ib.shcode)
    return _ticks(ctx, st, ib.readcnt, ib.cts_seq, "o3136", yesterday=ib.gubun == "1")

