"""Overseas-futures order TRs: CIDBT00100 (new), CIDBT00900 (modify), CIDBT01000 (cancel).

Order numbers go out zero-padded to 10 digits, as in LS's examples ("0000000136"); the TC1-TC3
pushes carry them unpadded. Incoming original-order numbers are read either way.
"""

from __future__ import annotations

from typing import Any

from app.sim.broker.orders import LIMIT, MARKET
from app.sim.broker.trs_common import (
    OK_FUT_CANCEL, OK_FUT_MODIFY, OK_FUT_ORDER, broker_of, echo, order_errors, pad_ord,
)
from app.sim.registry import TRContext, TRResult, handler

PRICE_TYPES = {"1": MARKET, "2": LIMIT}


def _answer(ctx: TRContext, tr_cd: str, block: Any, order: Any, code: tuple[str, str],
            msg_field: bool = True) -> TRResult:
    acct = broker_of(ctx).account(ctx.app_key)
    out1 = echo(block, acct.fut_acct_no)
    out2 = {"RecCnt": 1, "AcntNo": acct.fut_acct_no, "OvrsFutsOrdNo": pad_ord(order.ord_no)}
    if msg_field:
        out2["InnerMsgCnts"] = ""
    return TRResult({f"{tr_cd}OutBlock1": out1, f"{tr_cd}OutBlock2": out2}, *code)


@handler("CIDBT00100")
def cidbt00100(ctx: TRContext, req: Any) -> TRResult:
    b = req.CIDBT00100InBlock1
    broker = broker_of(ctx)
    with order_errors():
        order = broker.place(ctx.app_key, "future", b.IsuCodeVal, b.BnsTpCode, b.OrdQty,
                             b.OvrsDrvtOrdPrc, PRICE_TYPES[b.AbrdFutsOrdPtnCode])
    return _answer(ctx, "CIDBT00100", b, order, OK_FUT_ORDER, msg_field=False)


@handler("CIDBT00900")
def cidbt00900(ctx: TRContext, req: Any) -> TRResult:
    b = req.CIDBT00900InBlock1
    broker = broker_of(ctx)
    with order_errors():
        order = broker.modify(ctx.app_key, "future", b.OvrsFutsOrgOrdNo, b.OvrsDrvtOrdPrc,
                              b.OrdQty, b.IsuCodeVal)
    return _answer(ctx, "CIDBT00900", b, order, OK_FUT_MODIFY)


@handler("CIDBT01000")
def cidbt01000(ctx: TRContext, req: Any) -> TRResult:
    b = req.CIDBT01000InBlock1
    broker = broker_of(ctx)
    with order_errors():
        order = broker.cancel(ctx.app_key, "future", b.OvrsFutsOrgOrdNo, 0, b.IsuCodeVal)
    return _answer(ctx, "CIDBT01000", b, order, OK_FUT_CANCEL)
