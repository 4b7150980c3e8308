"""Overseas-futures account TRs: CIDBQ01400 (orderable quantity), CIDBQ01500 (open positions),
CIDBQ01800 (orders), CIDBQ02400 (orders and fills), CIDEQ00800 (positions by date); the deposit
and margin TRs CIDBQ03000 / CIDBQ05300 are in ``futures_deposits``.

A position's AbrdFutsEvalPnlAmt is in USD, converted at the market's rate from the contract's
currency (CrcyCodeVal); CIDEQ00800's FcurrEvalAmt / FcurrEvalPnlAmt are in the contract's currency.
Order status codes (FutsOrdStatCode): 2 confirmed, 3 partly filled, 4 filled, 5 rejected,
6 cancelled, 7 modified (replaced by a newer number).
"""

from __future__ import annotations

import bisect
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from app.sim.clock import KST

from app.sim.broker import accounts as acc
from app.sim.broker.orders import CANCELLED, DONE, FILLED, REJECTED, REPLACED, Order
from app.sim.broker.trs_common import (
    NO_DATA_POSITIONS, OK_QUERY, SIDE_NAMES, broker_of, echo, money, pad_ord, page,
)
from app.sim.registry import TRContext, TRResult, handler

KIND_CODES = {"new": ("1", "신규"), "modify": ("2", "정정"), "cancel": ("3", "취소")}


def _status(o: Order) -> tuple[str, str]:
    if o.kind == "cancel" or o.status in (CANCELLED, DONE):
        return "6", "취소"
    if o.status == REJECTED:
        return "5", "거부"
    if o.status == REPLACED:
        return "7", "정정"
    if o.status == FILLED:
        return "4", "체결"
    return ("3", "부분체결") if o.filled else ("2", "확인")


def _echo(block: Any, acct: acc.Account, pwd: str = "Pwd") -> dict[str, Any]:
    return echo(block, acct.fut_acct_no, pwd)


def _inst_fields(broker: Any, symbol: str) -> dict[str, Any]:
    inst = broker.market.instrument(symbol)
    if inst is None:
        return {"IsuNm": symbol, "CrcyCodeVal": "USD", "OvrsDrvtPrdtCode": "", "DueDt": "",
                "OvrsDrvtOptTpCode": "F"}
    return {"IsuNm": inst.name, "CrcyCodeVal": inst.currency, "OvrsDrvtPrdtCode": inst.root,
            "DueDt": inst.expiry, "OvrsDrvtOptTpCode": "O" if inst.product == "option" else "F",
            "inst": inst}


def _order_fields(broker: Any, o: Order) -> dict[str, Any]:
    info = _inst_fields(broker, o.symbol)
    stat, stat_name = _status(o)
    kind, kind_name = KIND_CODES[o.kind]
    return {
        "OvrsFutsOrdNo": pad_ord(o.ord_no), "OvrsFutsOrgOrdNo": pad_ord(o.org_ord_no),
        "FcmOrdNo": pad_ord(o.ord_no), "IsuCodeVal": o.symbol, "IsuNm": info["IsuNm"],
        "AbrdFutsXrcPrc": info["inst"].strike if "inst" in info else Decimal(0),
        "FcmAcntNo": "SIMFCM01", "BnsTpCode": o.side, "BnsTpNm": SIDE_NAMES[o.side],
        "FutsOrdStatCode": stat, "TpCodeNm": stat_name, "FutsOrdTpCode": kind, "TrdTpNm": kind_name,
        "AbrdFutsOrdPtnCode": "1" if o.is_market else "2",
        "OrdPtnNm": "시장가" if o.is_market else "지정가", "OrdPtnTermTpCode": "01",
        "CmnCodeNm": "일반", "AppSrtDt": "", "AppEndDt": "", "OvrsDrvtOrdPrc": o.price,
        "OrdQty": o.qty, "OvrsDrvtExecIsuCode": o.symbol, "ExecIsuNm": info["IsuNm"],
        "ExecBnsTpCode": o.side, "ExecBnsTpNm": SIDE_NAMES[o.side], "OrdCndiPrc": Decimal(0),
        "OvrsDrvtNowPrc": broker.mark(o.symbol), "UnercQty": o.remaining, "RegTmnlNo": "",
        "RegUserId": "simuser", "OrdDt": o.ord_date, "OvrsOptXrcRsvTpCode": "0",
        "OvrsDrvtOptTpCode": info["OvrsDrvtOptTpCode"], "SprdBaseIsuYn": "N",
        "OvrsDrvtIsuCode2": o.symbol,
    }


def _order_filter(broker: Any, b: Any, o: Order) -> bool:
    """CIDBQ01800/CIDBQ02400's filters. OrdPtnCode is the order's kind, not its price type
    ("00:전체 01:일반 02:Average 03:Spread"): every order here is a plain one, and the exchange
    takes no average or spread orders. OvrsDrvtFnoTpCode "A:전체 F:선물 O:옵션"."""
    if b.IsuCodeVal.strip() and o.symbol != b.IsuCodeVal.strip():
        return False
    if b.BnsTpCode in ("1", "2") and o.side != b.BnsTpCode:
        return False
    if b.OrdStatCode == "1" and not o.filled or b.OrdStatCode == "2" and not o.remaining:
        return False
    if b.OrdPtnCode in ("02", "03"):
        return False
    if b.OvrsDrvtFnoTpCode in ("F", "O"):
        inst = broker.market.instrument(o.symbol)
        product = inst.product if inst is not None else "future"
        if (product == "option") != (b.OvrsDrvtFnoTpCode == "O"):
            return False
    return True


def _sorted(orders: list[Order], qry_tp: str) -> list[Order]:
    # QryTpCode 1: newest first; 2: in order of entry.
    return sorted(orders, key=lambda o: o.ord_no, reverse=qry_tp != "2")


def _new_or_closing(broker: Any, acct: acc.Account, symbol: str, side: str, total: int, closing: bool) -> int:
    """CIDBQ01400 QryTpCode "1:신규 2:청산 3:총가능": of the ``total`` contracts an order on
    ``side`` may have, those that close the position (a sell against a long, a buy against a
    short, less the working orders already closing it) or those that open new ones."""
    pos = acct.futures.get(symbol)
    held = pos.qty if pos is not None else 0
    against = max(0, held) if side == "1" else max(0, -held)
    pending = sum(o.remaining for o in broker.working_of(acct.app_key) if o.symbol == symbol and o.side == side)
    closable = min(total, max(0, against - pending))
    return closable if closing else total - closable


@handler("CIDBQ01400")
def cidbq01400(ctx: TRContext, req: Any) -> TRResult:
    b = req.CIDBQ01400InBlock1
    broker = broker_of(ctx)
    acct = broker.account(ctx.app_key)
    inst = broker.market.instrument(b.IsuCodeVal)
    # a limit's price (AbrdFutsOrdPtnCode 2) prices an option buy's premium; a market order's, the mark
    price = max(Decimal(str(b.OvrsDrvtOrdPrc or 0)), Decimal(0)) if b.AbrdFutsOrdPtnCode == "2" else Decimal(0)
    qty = 0 if inst is None or inst.product == "stock" else \
        broker.futures_orderable_qty(acct, inst.symbol, b.BnsTpCode, price)
    if qty and b.QryTpCode in ("1", "2"):
        qty = _new_or_closing(broker, acct, inst.symbol, b.BnsTpCode, qty, b.QryTpCode == "2")
    body = {"CIDBQ01400OutBlock1": _echo(b, acct),
            "CIDBQ01400OutBlock2": {"RecCnt": 1, "OrdAbleQty": qty}}
    return TRResult(body, *OK_QUERY)


def _position_rows(broker: Any, acct: acc.Account) -> list[tuple[str, acc.Position]]:
    return [(s, p) for s, p in sorted(acct.futures.items()) if p.qty]


@handler("CIDBQ01500")
def cidbq01500(ctx: TRContext, req: Any) -> TRResult:
    b = req.CIDBQ01500InBlock1
    broker = broker_of(ctx)
    acct = broker.account(ctx.app_key)
    fig = broker.futures_figures(acct)
    today = broker.clock().strftime("%Y%m%d")
    rows = []
    for sym, pos in _position_rows(broker, acct):
        info = _inst_fields(broker, sym)
        rows.append({
            "BaseDt": b.QryDt or today, "Dps": money(fig["deposit"]), "LpnlAmt": money(fig["realised"]),
            "FutsDueBfLpnlAmt": money(fig["realised"]), "FutsDueBfCmsn": money(fig["fees"]),
            "CsgnMgn": money(fig["margin"]), "MaintMgn": fig["maint_margin"],
            "CtlmtAmt": Decimal(0), "AddMgn": money(max(Decimal(0), fig["margin"] - fig["equity"])),
            "MgnclRat": Decimal(0), "OrdAbleAmt": money(fig["orderable"]),
            "WthdwAbleAmt": money(fig["withdrawable"]), "AcntNo": acct.fut_acct_no,
            "IsuCodeVal": sym, "IsuNm": info["IsuNm"], "CrcyCodeVal": info["CrcyCodeVal"],
            "OvrsDrvtPrdtCode": info["OvrsDrvtPrdtCode"],
            "OvrsDrvtOptTpCode": info["OvrsDrvtOptTpCode"], "DueDt": info["DueDt"],
            "OvrsDrvtXrcPrc": info["inst"].strike if "inst" in info else Decimal(0),
            "BnsTpCode": "2" if pos.qty > 0 else "1", "CmnCodeNm": "매수" if pos.qty > 0 else "매도",
            "TpCodeNm": "일반", "BalQty": abs(pos.qty), "PchsPrc": pos.avg_price,
            "OvrsDrvtNowPrc": broker.mark(sym), "AbrdFutsEvalPnlAmt": broker.position_pnl(sym, pos),
            "CsgnCmsn": money(acc.FUTURES_FEE_PER_CONTRACT * abs(pos.qty)), "PosNo": "",
            "EufOneCmsnAmt": Decimal(0), "EufTwoCmsnAmt": Decimal(0),
        })
    rows_page, cont, key = page(ctx, rows)
    body = {"CIDBQ01500OutBlock1": _echo(b, acct), "CIDBQ01500OutBlock2": rows_page}
    return TRResult(body, *(OK_QUERY if rows else NO_DATA_POSITIONS), tr_cont=cont, tr_cont_key=key)


@handler("CIDBQ01800")
def cidbq01800(ctx: TRContext, req: Any) -> TRResult:
    """Orders of OrdDt (all dates when blank). OrdStatCode 0 all, 1 with fills, 2 working."""
    b = req.CIDBQ01800InBlock1
    broker = broker_of(ctx)
    acct = broker.account(ctx.app_key)
    day = b.OrdDt.strip()
    orders = [o for o in broker.orders_of(ctx.app_key, "future")
              if (not day or o.ord_date == day) and _order_filter(broker, b, o)]
    rows = []
    for o in _sorted(orders, b.QryTpCode):
        row = _order_fields(broker, o)
        row.update({
            "AbrdFutsExecPrc": o.avg_price, "ExecQty": o.filled,
            "MdfyQty": o.replaced, "CancQty": o.cancelled if o.kind == "new" or o.kind == "modify" else o.qty,
            "RjtQty": o.qty if o.status == REJECTED else 0,
            "CnfQty": o.qty if o.status != REJECTED else 0, "CvrgYn": "N", "RegBrnNo": "000",
            "OrdTime": o.ord_time, "OvrsFutsOrdDt": o.ord_date,
            "OvrsFutsOrdNo2": pad_ord(o.ord_no), "OvrsFutsOrgOrdNo2": pad_ord(o.org_ord_no),
        })
        rows.append(row)
    rows_page, cont, key = page(ctx, rows, key=lambda r: str(int(r["OvrsFutsOrdNo"])))
    body = {"CIDBQ01800OutBlock1": _echo(b, acct), "CIDBQ01800OutBlock2": rows_page}
    return TRResult(body, *OK_QUERY, tr_cont=cont, tr_cont_key=key)


@handler("CIDBQ02400")
def cidbq02400(ctx: TRContext, req: Any) -> TRResult:
    """Orders and fills between QrySrtDt and QryEndDt (today when ThdayTpCode is 1 and the dates
    are blank): one row per fill, and one per order that has no fill."""
    b = req.CIDBQ02400InBlock1
    broker = broker_of(ctx)
    acct = broker.account(ctx.app_key)
    start, end = b.QrySrtDt.strip(), b.QryEndDt.strip()
    if b.ThdayTpCode == "1" and not start and not end:
        start = end = broker.clock().strftime("%Y%m%d")
    orders = {o.ord_no: o for o in broker.orders_of(ctx.app_key, "future")
              if (not start or o.ord_date >= start) and (not end or o.ord_date <= end)
              and _order_filter(broker, b, o)}
    fills: dict[int, list] = {}
    for f in broker.fills_of(ctx.app_key, "future"):
        if f.ord_no in orders:
            fills.setdefault(f.ord_no, []).append(f)
    rows = []
    for o in _sorted(list(orders.values()), b.QryTpCode):
        base = _order_fields(broker, o)
        base.update({"CsgnCmsn": Decimal(0), "FcmCmsn": Decimal(0), "ThcoCmsn": Decimal(0),
                     "MdaCode": "40", "MdaCodeNm": "OPEN API", "OrdSndDttm": o.ord_date + o.ord_time})
        for f in fills.get(o.ord_no, []):
            rows.append({**base, "ExecDt": f.exec_date, "OvrsFutsExecNo": pad_ord(f.exec_no),
                         "ExecQty": f.qty, "AbrdFutsExecPrc": f.price, "TrxStatCode": "1",
                         "TrxStatCodeNm": "체결", "CsgnCmsn": money(f.fee),
                         "ExecDttm": f.exec_date + f.exec_time})
        if not o.filled and b.OrdStatCode != "1":
            rows.append({**base, "ExecQty": 0, "AbrdFutsExecPrc": Decimal(0), "TrxStatCode": "0",
                         "TrxStatCodeNm": base["TpCodeNm"]})
    rows_page, cont, key = page(
        ctx, rows, key=lambda r: f"{int(r['OvrsFutsOrdNo'])}.{int(r.get('OvrsFutsExecNo') or 0)}")
    body = {"CIDBQ02400OutBlock1": _echo(b, acct), "CIDBQ02400OutBlock2": rows_page}
    return TRResult(body, *OK_QUERY, tr_cont=cont, tr_cont_key=key)


def positions_on(broker: Any, acct: acc.Account, day: str) -> list[tuple[str, acc.Position]]:
    """The futures/options positions at the end of ``day`` (YYYYMMDD, Korean time as fills are
    stamped): the account's fills up to that day booked again on a blank account."""
    scratch = acc.Account.new(acct.app_key)
    for f in sorted(broker.fills_of(acct.app_key, "future"), key=lambda f: f.exec_no):
        inst = broker.market.instrument(f.symbol)
        if f.exec_date > day or inst is None:
            continue
        again = acc.Fill(f.exec_no, f.ord_no, f.app_key, f.product, f.symbol, f.side, f.qty, f.price)
        acc.apply_future_fill(scratch, again, inst, broker.market.usd_per(inst.currency))
    return sorted((s, p) for s, p in scratch.futures.items() if p.qty)


def close_on(broker: Any, symbol: str, day: str) -> Decimal:
    """The symbol's last price of ``day`` (a Korean date, as fills are stamped): the close of the
    last minute bar before that day ended in Seoul; before the minute history, the last daily bar
    up to that date; else its price now."""
    try:
        state = broker.market.market.state(symbol)
    except (AttributeError, KeyError, LookupError):
        return broker.mark(symbol)
    end = (datetime.strptime(day, "%Y%m%d").replace(tzinfo=KST) + timedelta(days=1)).timestamp()
    minutes = state.history.minute_bars(1)
    k = bisect.bisect_left(minutes, end, key=lambda b: b.t)
    if k:
        return state.price(minutes[k - 1].c)
    days = [b for b in state.history.day_bars() if b.day is not None and b.day.strftime("%Y%m%d") <= day]
    return state.price(days[-1].c) if days else broker.mark(symbol)


@handler("CIDEQ00800")
def cideq00800(ctx: TRContext, req: Any) -> TRResult:
    """Open positions at the end of TrdDt (today or no date: as they are now), valued at that day's close."""
    b = req.CIDEQ00800InBlock1
    broker = broker_of(ctx)
    acct = broker.account(ctx.app_key)
    today = broker.clock().strftime("%Y%m%d")
    day = (b.TrdDt or "").strip() or today
    past = day < today
    working = [] if past else broker.working_of(ctx.app_key)
    rows = []
    for sym, pos in (positions_on(broker, acct, day) if past else _position_rows(broker, acct)):
        info = _inst_fields(broker, sym)
        inst = info.get("inst")
        pv = acc.point_value(inst) if inst else Decimal(1)
        closing = "1" if pos.qty > 0 else "2"
        pending = sum(o.remaining for o in working if o.symbol == sym and o.side == closing)
        last = close_on(broker, sym, day) if past else broker.mark(sym)
        local_pnl = (last * abs(pos.qty) - pos.cost) * (1 if pos.qty > 0 else -1) * pv
        usd_pnl = money(local_pnl * broker.market.usd_per(info["CrcyCodeVal"])) if past else broker.position_pnl(sym, pos)
        rows.append({
            "AcntNo": acct.fut_acct_no, "TrdDt": day, "IsuCodeVal": sym,
            "BnsTpNm": "매수" if pos.qty > 0 else "매도", "BalQty": abs(pos.qty),
            "LqdtAbleQty": max(0, abs(pos.qty) - pending), "PchsPrc": pos.avg_price,
            "OvrsDrvtNowPrc": last, "AbrdFutsEvalPnlAmt": usd_pnl,
            "CustmBalAmt": money(pos.cost * pv), "FcurrEvalAmt": money(last * abs(pos.qty) * pv, "0.0001"),
            "IsuNm": info["IsuNm"], "CrcyCodeVal": info["CrcyCodeVal"],
            "OvrsDrvtPrdtCode": info["OvrsDrvtPrdtCode"], "DueDt": info["DueDt"],
            "PrcntrAmt": money(pv), "FcurrEvalPnlAmt": money(local_pnl, "0.0001"),
        })
    body = {"CIDEQ00800OutBlock1": _echo(b, acct, "AcntPwd"), "CIDEQ00800OutBlock2": rows}
    return TRResult(body, *OK_QUERY)
