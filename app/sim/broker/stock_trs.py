"""Overseas-stock order TRs: COSAT00301 (new / cancel), COSAT00311 (modify), COSMT00300, COSAT00400.

On-open/on-close price types: the simulated market never closes, so there is no opening or
closing auction to wait for. M1 LOO and M2 LOC are handled as limit orders, M3 MOO and M4 MOC
as market orders; the order keeps its price-type code in every answer and push.
COSMT00300 (sell-to-repay) sells the shares of the loan its LoanDt names, with the loan's
repayment code in MgntrnCode (see loans.py); without a LoanDt it is a cash order like COSAT00301.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.sim.broker.loans import repay_loan
from app.sim.broker.orders import E_INPUT, fail
from app.sim.broker.trs_common import (
    ACCOUNT_NAME, OK_ORDER, broker_of, echo, order_errors,
)
from app.sim.registry import TRContext, TRResult, handler


def _echo(block: Any, acct_no: str, pwd_field: str = "InptPwd") -> dict[str, Any]:
    data = echo(block, acct_no, pwd_field, RegCommdaCode="41")
    if data.get("OrgOrdNo") is None:
        data["OrgOrdNo"] = 0
    return data


def _order_result(ctx: TRContext, tr_cd: str, block: Any, order: Any, **top: Any) -> TRResult:
    broker = broker_of(ctx)
    acct = broker.account(ctx.app_key)
    inst = broker.market.instrument(order.symbol)
    body = {
        f"{tr_cd}OutBlock1": _echo(block, acct.acct_no),
        f"{tr_cd}OutBlock2": {"RecCnt": 1, "OrdNo": order.ord_no, "AcntNm": ACCOUNT_NAME,
                              "IsuNm": inst.name if inst else order.symbol},
        **top,
    }
    return TRResult(body, *OK_ORDER)


def _new_or_cancel(ctx: TRContext, tr_cd: str, b: Any, loan_dt: str = "") -> Any:
    broker = broker_of(ctx)
    with order_errors():
        if b.OrdPtnCode == "08":
            if b.OrgOrdNo is None:
                raise fail(E_INPUT)
            return broker.cancel(ctx.app_key, "stock", b.OrgOrdNo, b.OrdQty, b.IsuNo)
        side = "1" if b.OrdPtnCode == "01" else "2"
        return broker.place(ctx.app_key, "stock", b.IsuNo, side, b.OrdQty, b.OvrsOrdPrc,
                            b.OrdprcPtnCode, b.OrdMktCode, loan_dt)


@handler("COSAT00301")
def cosat00301(ctx: TRContext, req: Any) -> TRResult:
    b = req.COSAT00301InBlock1
    order = _new_or_cancel(ctx, "COSAT00301", b)
    return _order_result(ctx, "COSAT00301", b, order)


@handler("COSMT00300")
def cosmt00300(ctx: TRContext, req: Any) -> TRResult:
    b = req.COSMT00300InBlock1
    kind = ""
    if b.OrdPtnCode == "01" and (b.LoanDt or "").strip():
        broker = broker_of(ctx)
        inst = broker.market.instrument(b.IsuNo)
        with order_errors():
            loan = repay_loan(broker.account(ctx.app_key), inst.symbol if inst else b.IsuNo,
                              b.LoanDt, b.MgntrnCode or "")
        kind = loan.kind
        order = _new_or_cancel(ctx, "COSMT00300", b, loan.loan_dt)
    else:
        order = _new_or_cancel(ctx, "COSMT00300", b)
    result = _order_result(ctx, "COSMT00300", b, order, LoanDtlClssCode=kind)
    result.body["COSMT00300OutBlock1"]["LoanDtlClssCode"] = kind
    return result


@handler("COSAT00311")
def cosat00311(ctx: TRContext, req: Any) -> TRResult:
    b = req.COSAT00311InBlock1
    broker = broker_of(ctx)
    with order_errors():
        order = broker.modify(ctx.app_key, "stock", b.OrgOrdNo, b.OvrsOrdPrc, b.OrdQty, b.IsuNo,
                              b.OrdprcPtnCode or "00")
    return _order_result(ctx, "COSAT00311", b, order)


@handler("COSAT00400")
def cosat00400(ctx: TRContext, req: Any) -> TRResult:
    """Reserved order: TrxTpCode 1 registers, 2 cancels ``RsvOrdNo``."""
    b = req.COSAT00400InBlock1
    broker = broker_of(ctx)
    acct = broker.account(ctx.app_key)
    with order_errors():
        if b.TrxTpCode == "2":
            rsv = broker.reserved.cancel(ctx.app_key, b.RsvOrdNo)
        elif b.TrxTpCode == "1":
            if b.BnsTpCode not in ("1", "2"):
                raise fail(E_INPUT)
            loan_dt = (b.LoanDt or "").strip() if b.BnsTpCode == "1" else ""
            if loan_dt:  # a reserved sell-to-repay: the loan and its repayment code, as COSMT00300
                inst = broker.market.instrument(b.IsuNo)
                loan_dt = repay_loan(acct, inst.symbol if inst else b.IsuNo, loan_dt, b.MgntrnCode or "").loan_dt
            rsv = broker.reserved.register(
                ctx.app_key, symbol=b.IsuNo, side=b.BnsTpCode, qty=b.OrdQty,
                price=Decimal(b.OvrsOrdPrc or 0), price_type=b.OrdprcPtnCode or "00",
                market_code=b.FcurrMktCode, start=b.RsvOrdSrtDt, end=b.RsvOrdEndDt, loan_dt=loan_dt)
        else:
            raise fail(E_INPUT)
    out1 = echo(b, acct.acct_no, RegCommdaCode="41", RsvOrdNo=b.RsvOrdNo or 0)
    body = {"COSAT00400OutBlock1": out1,
            "COSAT00400OutBlock2": {"RecCnt": 1, "RsvOrdNo": rsv.rsv_no}}
    return TRResult(body, *OK_ORDER)
