"""Overseas-stock account TRs: COSAQ00102 (orders and fills), COSAQ01400 (reserved orders),
COSOQ00201 (balance and holdings), COSOQ02701 (FX deposit and orderable amount).

All figures come from the same account state the order TRs change, valued at the market's last
price; KRW figures use the market's USD/KRW rate.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.sim.broker import accounts as acc
from app.sim.broker.loans import cash_part, loans_of
from app.sim.broker.orders import CANCELLED, DONE, FILLED, PRICE_TYPE_NAMES, REJECTED, REPLACED, Order
from app.sim.broker.trs_common import (
    ACCOUNT_NAME, MARKET_NAMES, NO_DATA_PENDING, NO_DATA_RSV, OK_BALANCE, OK_QUERY, PWD_MASK,
    SIDE_NAMES, broker_of, echo, money, page, rate, won,
)
from app.sim.registry import TRContext, TRResult, handler


def _state_name(o: Order) -> str:
    if o.kind == "cancel":
        return "취소확인"
    if o.status == REJECTED:
        return "거부"
    if o.status == CANCELLED:
        return "취소완료"
    if o.status == REPLACED:
        return "정정완료"
    if o.status == FILLED:
        return "체결완료"
    return "부분체결" if o.filled else "접수"


def _order_row(broker: Any, acct: acc.Account, o: Order, last_exec: dict[int, str]) -> dict[str, Any]:
    inst = broker.market.instrument(o.symbol)
    ptn_code = {"new": "01" if o.side == "1" else "02", "modify": "07", "cancel": "08"}[o.kind]
    ptn_name = {"new": SIDE_NAMES[o.side], "modify": "정정", "cancel": "취소"}[o.kind]
    return {
        "MgmtBrnNo": "001", "AcntNo": acct.acct_no, "AcntNm": ACCOUNT_NAME,
        "ExecTime": last_exec.get(o.ord_no, ""), "OrdTime": o.ord_time, "OrdNo": o.ord_no,
        "OrgOrdNo": o.org_ord_no, "ShtnIsuNo": o.symbol, "OrdTrxPtnNm": _state_name(o),
        "OrdTrxPtnCode": 0, "MrcAbleQty": o.remaining, "OrdQty": o.qty, "OvrsOrdPrc": o.price,
        "ExecQty": o.filled, "OvrsExecPrc": o.avg_price, "OrdprcPtnCode": o.price_type,
        "OrdprcPtnNm": PRICE_TYPE_NAMES.get(o.price_type, ""), "OrdPtnNm": ptn_name,
        "OrdPtnCode": ptn_code, "MrcTpCode": {"new": "", "modify": "1", "cancel": "2"}[o.kind],
        "MrcTpNm": {"new": "정상", "modify": "정정", "cancel": "취소"}[o.kind],
        "AllExecQty": o.filled, "CommdaCode": "41", "OrdMktCode": o.market_code,
        "MktNm": MARKET_NAMES.get(o.market_code, ""), "CommdaNm": "OPEN API",
        "JpnMktHanglIsuNm": (inst.name_ko or inst.name) if inst else o.symbol,
        "UnercQty": o.remaining, "CnfQty": o.qty if o.kind != "new" and o.status == DONE else 0,
        "CrcyCode": "USD", "RegMktCode": o.market_code, "IsuNo": o.symbol,
        "BrkTpCode": "18",  # 중개인구분코드: every order in LS's example lists "18"
        "OppBrkNm": "", "BnsTpCode": o.side, "LoanDt": o.loan_dt, "LoanAmt": 0,
    }


@handler("COSAQ00102")
def cosaq00102(ctx: TRContext, req: Any) -> TRResult:
    """Orders and fills of a day. BkseqTpCode 1 = newest first from SrtOrdNo down, 2 = oldest
    first from SrtOrdNo up; ExecYn 0 all, 1 with fills, 2 still working. OrdMktCode does not
    filter (an account's orders span both US markets); IsuNo does."""
    b = req.COSAQ00102InBlock1
    broker = broker_of(ctx)
    acct = broker.account(ctx.app_key)
    symbol = ""
    if b.IsuNo.strip():
        inst = broker.market.instrument(b.IsuNo)
        symbol = inst.symbol if inst else b.IsuNo.strip()
    newest_first = b.BkseqTpCode != "2"
    orders = [
        o for o in broker.orders_of(ctx.app_key, "stock")
        if (not b.OrdDt.strip() or o.ord_date == b.OrdDt.strip())
        and (not symbol or o.symbol == symbol)
        and (b.BnsTpCode not in ("1", "2") or o.side == b.BnsTpCode)
        and (b.ExecYn != "1" or o.filled > 0)
        and (b.ExecYn != "2" or o.remaining > 0)
        and (o.ord_no <= b.SrtOrdNo if newest_first else o.ord_no >= b.SrtOrdNo)
    ]
    orders.sort(key=lambda o: o.ord_no, reverse=newest_first)
    last_exec: dict[int, str] = {}
    for f in broker.fills_of(ctx.app_key, "stock"):
        last_exec[f.ord_no] = f.exec_time
    sums = {"1": [Decimal(0), 0], "2": [Decimal(0), 0]}
    for o in orders:
        sums[o.side][0] += o.fill_value
        sums[o.side][1] += o.filled
    rows, cont, key = page(ctx, orders, key=lambda o: str(o.ord_no))
    body = {
        "COSAQ00102OutBlock1": echo(b, acct.acct_no),
        "COSAQ00102OutBlock2": {
            "RecCnt": 1, "AcntNm": ACCOUNT_NAME, "JpnMktHanglIsuNm": "", "MgmtBrnNm": "SIM",
            "SellExecFcurrAmt": money(sums["1"][0], "0.0001"), "SellExecQty": sums["1"][1],
            "BuyExecFcurrAmt": money(sums["2"][0], "0.0001"), "BuyExecQty": sums["2"][1]},
        "COSAQ00102OutBlock3": [_order_row(broker, acct, o, last_exec) for o in rows],
    }
    code = NO_DATA_PENDING if (b.ExecYn == "2" and not orders) else OK_QUERY
    return TRResult(body, *code, tr_cont=cont, tr_cont_key=key)


@handler("COSAQ01400")
def cosaq01400(ctx: TRContext, req: Any) -> TRResult:
    """Reserved orders entered between SrtDt and EndDt. RsvOrdStatCode "", 0 or 1 = all,
    otherwise one status (1 waiting, 2 sent, 3 cancelled, 4 refused, 5 expired)."""
    b = req.COSAQ01400InBlock1
    broker = broker_of(ctx)
    acct = broker.account(ctx.app_key)
    broker.reserved.release_due(ctx.app_key)
    stat = b.RsvOrdStatCode.strip()
    rows = []
    for r in sorted(broker.reserved.of(ctx.app_key), key=lambda r: r.rsv_no, reverse=True):
        if b.SrtDt and r.input_date < b.SrtDt or b.EndDt and r.input_date > b.EndDt:
            continue
        if b.BnsTpCode in ("1", "2") and r.side != b.BnsTpCode:
            continue
        if stat not in ("", "0", "1") and r.status != stat:
            continue
        order = broker.orders.get(("stock", r.ord_no)) if r.ord_no else None
        inst = broker.market.instrument(r.symbol)
        rows.append({
            "AcntNo": acct.acct_no, "AcntNm": ACCOUNT_NAME, "OrdDt": order.ord_date if order else "",
            "OrdNo": r.ord_no, "RsvOrdInptDt": r.input_date, "RsvOrdNo": r.rsv_no,
            "ShtnIsuNo": r.symbol, "JpnMktHanglIsuNm": (inst.name_ko or inst.name) if inst else "",
            "OrdQty": r.qty, "OrdprcPtnNm": PRICE_TYPE_NAMES.get(r.price_type, ""),
            "OvrsOrdPrc": r.price, "BnsTpNm": SIDE_NAMES[r.side],
            "ExecQty": order.filled if order else 0, "UnercQty": order.remaining if order else r.qty,
            "TotExecQty": order.filled if order else 0, "CrcyCode": "USD",
            "RsvOrdStatCode": r.status, "MktTpNm": MARKET_NAMES.get(r.market_code, ""),
            "ErrCnts": r.extra.get("error", "") if r.extra else "", "LoanDt": r.loan_dt,
            "MgntrnCode": acct.loans[(r.symbol, r.loan_dt)].repay_code if (r.symbol, r.loan_dt) in acct.loans else "000",
        })
    body = {"COSAQ01400OutBlock1": echo(b, acct.acct_no), "COSAQ01400OutBlock2": rows}
    return TRResult(body, *(OK_QUERY if rows else NO_DATA_RSV))


def stock_valuation(broker: Any, acct: acc.Account) -> tuple[list[dict[str, Any]], dict[str, Decimal]]:
    """Holdings valued at the last price, and their USD totals."""
    working = broker.working_of(acct.app_key)
    holdings = []
    totals = {"cost": Decimal(0), "value": Decimal(0)}
    for sym, pos in sorted(acct.stocks.items()):
        if pos.qty <= 0:
            continue
        last = broker.mark(sym)
        value = last * pos.qty
        totals["cost"] += pos.cost
        totals["value"] += value
        cash_qty, cash_cost = cash_part(acct, sym)
        parts = [(cash_qty, cash_cost, acc.stock_sellable(acct, sym, working), None)] if cash_qty > 0 else []
        parts += [(ln.qty, ln.cost, acc.stock_sellable(acct, sym, working, ln.loan_dt), ln)
                  for ln in loans_of(acct, sym)]
        for qty, cost, sellable, loan in parts:  # LS lists each loan of a symbol as its own row
            holdings.append({"symbol": sym, "qty": qty, "cost": cost, "last": last, "value": last * qty,
                             "sellable": sellable, "loan": loan})
    return holdings, totals


@handler("COSOQ00201")
def cosoq00201(ctx: TRContext, req: Any) -> TRResult:
    b = req.COSOQ00201InBlock1
    broker = broker_of(ctx)
    acct = broker.account(ctx.app_key)
    fx = broker.market.krw_per_usd()
    holdings, totals = stock_valuation(broker, acct)
    usd = b.CrcyCode.strip().upper() in ("", "ALL", "USD")
    orderable = acc.stock_orderable(acct, broker.working_of(ctx.app_key))
    pnl = totals["value"] - totals["cost"]
    owed = won(sum((ln.amount for ln in acct.loans.values() if ln.qty > 0), Decimal(0)) * fx)
    summary = {
        "RecCnt": 1, "ErnRat": rate(pnl, totals["cost"]), "DpsConvEvalAmt": won(acct.cash * fx),
        "StkConvEvalAmt": won(totals["value"] * fx),
        "DpsastConvEvalAmt": won((acct.cash + totals["value"]) * fx),
        "WonEvalSumAmt": won(totals["cost"] * fx), "ConvEvalPnlAmt": won(pnl * fx),
        "WonDpsBalAmt": 0, "D2EstiDps": 0, "LoanAmt": owed,
    }
    per_ccy = [{
        "CrcyCode": "USD", "FcurrDps": money(acct.cash, "0.0001"),
        "FcurrEvalAmt": money(totals["value"], "0.0001"), "FcurrEvalPnlAmt": money(pnl, "0.0001"),
        "PnlRat": rate(pnl, totals["cost"]), "BaseXchrat": money(fx, "0.0001"),
        "DpsConvEvalAmt": won(acct.cash * fx), "PchsAmt": won(totals["cost"] * fx),
        "StkConvEvalAmt": won(totals["value"] * fx), "ConvEvalPnlAmt": won(pnl * fx),
        "FcurrBuyAmt": money(totals["cost"], "0.0001"), "FcurrOrdAbleAmt": money(orderable),
        "LoanAmt": owed,
    }] if usd else []
    rows = []
    # AstkBalTpCode "00 전체 10 일반 20 소수점": every holding here is of whole shares (10)
    whole = (b.AstkBalTpCode or "00").strip() in ("", "00", "10")
    for h in holdings if usd and whole else []:
        qty, cost, loan, inst = h["qty"], h["cost"], h["loan"], broker.market.instrument(h["symbol"])
        isin = str(inst.extra.get("isin", "")) if inst and inst.extra else ""
        pnl_i = h["value"] - cost
        avg = (cost / qty).quantize(Decimal("0.00000001")) if qty else Decimal(0)
        rows.append({
            "CrcyCode": "USD", "ShtnIsuNo": h["symbol"], "IsuNo": isin or h["symbol"],
            "JpnMktHanglIsuNm": (inst.name_ko or inst.name) if inst else h["symbol"],
            "AstkBalTpCode": "10", "AstkBalTpCodeNm": "일반",
            "AstkBalQty": Decimal(qty), "AstkSellAbleQty": Decimal(h["sellable"]),
            "FcstckUprc": money(avg, "0.0001"), "FcurrBuyAmt": money(cost, "0.0001"),
            "FcstckMktIsuCode": f"{inst.exchange if inst else ''}{isin or h['symbol']}",
            "OvrsScrtsCurpri": h["last"], "FcurrEvalAmt": money(h["value"], "0.0001"),
            "FcurrEvalPnlAmt": money(pnl_i, "0.0001"), "PnlRat": rate(pnl_i, cost),
            "BaseXchrat": money(fx, "0.0001"), "PchsAmt": won(cost * fx),
            "DpsConvEvalAmt": 0, "StkConvEvalAmt": won(h["value"] * fx),
            "ConvEvalPnlAmt": won(pnl_i * fx), "AstkSettQty": Decimal(qty),
            "MktTpNm": MARKET_NAMES.get(inst.exchange, "") if inst else "",
            "FcurrMktCode": inst.exchange if inst else "", "LoanDt": loan.loan_dt if loan else "",
            "LoanDtlClssCode": loan.kind if loan else "", "LoanAmt": won(loan.amount * fx) if loan else 0,
            "DueDt": loan.due_dt if loan else "", "AstkBasePrc": h["last"],
        })
    rows_page, cont, key = page(ctx, rows)
    today = broker.clock().strftime("%Y%m%d")
    body = {"COSOQ00201OutBlock1": echo(b, acct.acct_no, BaseDt=b.BaseDt or today), "COSOQ00201OutBlock2": summary,
            "COSOQ00201OutBlock3": per_ccy, "COSOQ00201OutBlock4": rows_page}
    return TRResult(body, *OK_BALANCE, tr_cont=cont, tr_cont_key=key)


@handler("COSOQ02701")
def cosoq02701(ctx: TRContext, req: Any) -> TRResult:
    """FX deposit and orderable amount. Fills settle at once in the demo, so the settlement
    columns are zero and the estimated deposit equals the cash balance."""
    b = req.COSOQ02701InBlock1
    broker = broker_of(ctx)
    acct = broker.account(ctx.app_key)
    fx = broker.market.krw_per_usd()
    working = broker.working_of(ctx.app_key)
    orderable = acc.stock_orderable(acct, working)
    cash = money(acct.cash, "0.0001")
    adjust = {f"{k}{i}": Decimal(0) for k in ("FcurrBuyAdjstAmt", "FcurrSellAdjstAmt") for i in range(1, 5)}
    estimates = {f"{k}{i}": cash for k in ("PrsmptFcurrDps", "PrsmptMxchgAbleAmt") for i in range(1, 5)}
    body = {
        "COSOQ02701OutBlock1": {"RecCnt": 1, "AcntNo": acct.acct_no, "Pwd": PWD_MASK,
                                "CrcyCode": b.CrcyCode},
        "COSOQ02701OutBlock2": [{"CrcyCode": "USD", **adjust, **estimates}],
        "COSOQ02701OutBlock3": [{
            "CntryNm": "미국", "CrcyCode": "USD", "T4FcurrDps": cash, "FcurrDps": cash,
            "FcurrOrdAbleAmt": money(orderable, "0.0001"), "PrexchOrdAbleAmt": Decimal(0),
            "FcurrOrdAmt": money(acc.stock_reserved(working), "0.0001"),
            "FcurrPldgAmt": Decimal(0), "ExecRuseFcurrAmt": Decimal(0),
            "FcurrMxchgAbleAmt": money(orderable, "0.0001"), "BaseXchrat": money(fx, "0.0001")}],
        "COSOQ02701OutBlock4": {"RecCnt": 1, "WonDpsBalAmt": 0, "MnyoutAbleAmt": 0,
                                "WonPrexchAbleAmt": 0, "OvrsMgn": 0},
        "COSOQ02701OutBlock5": {"RecCnt": 1, "NrfCode": "01"},  # 내외국인코드: "01" as in the doc
    }
    return TRResult(body, *OK_QUERY)
