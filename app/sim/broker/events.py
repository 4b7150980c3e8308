"""Builders of the account push bodies (AS0-AS4 for stocks, TC1-TC3 for futures).

A body carries every field of its TR, each as a string, in the TR's field order: the values the
broker knows are filled in, the rest are blank ("" for text, "0" for numbers). Order-execution
codes (sOrdxctPtnCode): 01 new accepted, 02 modify accepted, 03 cancel accepted, 11 filled,
12 modify done, 13 cancel done, 14 rejected.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.ls.models import AS0, AS1, AS2, AS3, AS4, TC1, TC2, TC3
from app.sim.broker.orders import Fill, Order
from app.sim.registry import Instrument
from app.sim.wire import push_fixed_decimals, with_decimals

STOCK_MODELS = {"AS0": AS0.Body, "AS1": AS1.Body, "AS2": AS2.Body, "AS3": AS3.Body, "AS4": AS4.Body}
FUTURES_MODELS = {"TC1": TC1.Body, "TC2": TC2.Body, "TC3": TC3.Body}

XCT_NEW, XCT_MODIFY, XCT_CANCEL = "01", "02", "03"
XCT_FILL, XCT_MODIFIED, XCT_CANCELLED, XCT_REJECTED = "11", "12", "13", "14"

SIM_USER = "simuser"
BRANCH = "001"


_TEN_DECIMALS = Decimal("1e-10")


def num(value: Any) -> str:
    """A number as LS writes it in pushes: plain digits, no exponent, at most 10 decimals.

    Averages of partial closes can carry 28 digits; LS's widest push fields have 11 decimals.
    """
    if isinstance(value, Decimal):
        if value.as_tuple().exponent < -10:  # type: ignore[operator]
            value = value.quantize(_TEN_DECIMALS)
        text = format(value.normalize(), "f") if value else "0"
        return text
    return str(value)


def project(model: Any, values: dict[str, Any]) -> dict[str, str]:
    """Every field of ``model`` in order, as strings; unknown ones blank."""
    numeric = model.NUMERIC_FIELDS
    out: dict[str, str] = {}
    for name in model.model_fields:
        value = values.get(name)
        if value is None:
            out[name] = "0" if name in numeric else ""
        else:
            out[name] = num(value) if not isinstance(value, str) else value
    return out


def _stock_header(tr_cd: str, acct_no: str, seq: int, now_hms: str) -> dict[str, Any]:
    return {
        "lineseq": str(seq), "accno": acct_no, "user": SIM_USER, "len": "0512", "gubun": "B",
        "compress": "0", "encrypt": "0", "offset": "000", "trcode": tr_cd, "comid": "063",
        "userid": SIM_USER, "media": "HT", "ifid": "000", "seq": f"{seq:09d}", "trid": "",
        "pubip": "127.0.0.1", "prvip": "127.0.0.1", "pcbpno": BRANCH, "bpno": BRANCH,
        "termno": "", "lang": "K", "proctm": now_hms, "msgcode": "0000", "outgu": "",
        "compreq": "0", "funckey": "C", "reqcnt": "0001", "filler": "", "cont": "N",
        "contkey": "", "varlen": "0", "varhdlen": "0", "varmsglen": "0", "trsrc": "",
        "eventid": "", "ifinfo": "", "filler1": "",
    }


def stock_event(
    tr_cd: str, xct: str, *, order: Order, inst: Instrument, acct_no: str, seq: int,
    now_hms: str, snapshot: dict[str, Any], fill: Fill | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, str]:
    """An AS0-AS4 body. ``snapshot`` holds the account figures after the event."""
    ord_ptn = {"new": "01" if order.side == "1" else "02", "modify": "07", "cancel": "08"}[order.kind]
    v: dict[str, Any] = _stock_header(tr_cd, acct_no, seq, now_hms)
    v.update({
        "sOrdxctPtnCode": xct, "sOrdMktCode": order.market_code, "sOrdPtnCode": ord_ptn,
        "sMgmtBrnNo": BRANCH, "sAcntNo": acct_no, "sAcntNm": "SIM DEMO", "sPwd": "",
        "sIsuNo": inst.keysymbol, "sShtnIsuNo": inst.symbol, "sIsuNm": inst.name_ko or inst.name,
        "sStdIsuNo": str(inst.extra.get("isin", "")) if inst.extra else "",
        "sOrdNo": order.ord_no, "sOrgOrdNo": order.org_ord_no, "sPrntOrdNo": "0",
        "sOrdQty": order.qty, "sOrdPrc": order.price, "sOrdCndi": "0",
        "sOrdprcPtnCode": order.price_type, "sCommdaCode": "41", "sOrdSeqno": "0",
        "sOrdTime": order.ord_time[:6], "sOrdAmt": order.price * order.qty, "sBnsTp": order.side,
        "sOrdUserId": SIM_USER, "sOrdAcntNo": acct_no, "sAgrgtBrnNo": BRANCH,
        "sRegMktCode": order.market_code, "sUnercQty": order.remaining,
        "sOrdAvrExecPrc": order.avg_price, "sOrdTrxPtnCode": "0", "sMgntrnCode": "000",
        "sRcptExecTime": now_hms, "sOrdMny": order.price * order.qty if order.side == "2" else 0,
    })
    v.update(snapshot)
    if fill is not None:
        v.update({
            "sExecNO": fill.exec_no, "sAbrdExecId": f"SIM{fill.exec_no:010d}",
            "sExecQty": fill.qty, "sExecPrc": fill.price, "sMnyExecAmt": fill.price * fill.qty,
            "sCmsnAmtExecAmt": fill.fee, "sSpotExecQty": fill.qty, "sExecTime": fill.exec_time[:6],
            "sFlctQty": fill.qty if fill.side == "2" else -fill.qty,
        })
    if extra:
        v.update(extra)
    return project(STOCK_MODELS[tr_cd], v)


def futures_event(
    tr_cd: str, svc_id: str, *, order: Order, inst: Instrument, acct_no: str, seq: int,
    now_hms: str, fill: Fill | None = None, position: Any = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, str]:
    """A TC1-TC3 body. Order numbers are unpadded here (REST pads them to 10 digits), the
    execution number is padded ("0000000029", as in the doc's TC3 example); prices
    and amounts carry their doc length's decimals ("122.00000000000", "7.50"). A fill's realised
    P&L (clr_pl_amt) is in the contract's currency, the push's crncy_cd (HSI: HKD)."""
    ccd = {"new": "1", "modify": "2", "cancel": "3"}[order.kind]
    v: dict[str, Any] = {
        "lineseq": str(seq), "key": acct_no, "user": SIM_USER, "svc_id": svc_id,
        "ordr_dt": order.ord_date, "brn_cd": BRANCH, "ordr_no": str(order.ord_no),
        "orgn_ordr_no": str(order.org_ord_no), "mthr_ordr_no": str(order.org_ord_no or order.ord_no),
        "ac_no": acct_no, "is_cd": inst.symbol, "s_b_ccd": order.side, "ordr_ccd": ccd,
        "ordr_typ_cd": "1" if order.is_market else "2", "ordr_typ_prd_ccd": "01",
        "ordr_aplc_strt_dt": order.ord_date, "ordr_aplc_end_dt": order.ord_date,
        "ordr_prc": order.price, "cndt_ordr_prc": Decimal(0), "ordr_q": str(order.qty),
        "ordr_tm": order.ord_time, "userid": SIM_USER, "xrc_rsv_tp_code": "0",
        "cnfr_q": str(order.qty), "rfsl_cd": "", "text": "",
    }
    if fill is not None:
        v.update({
            "ccls_q": str(fill.qty), "ccls_prc": fill.price, "ccls_no": f"{fill.exec_no:010d}",
            "ccls_tm": fill.exec_time, "ccls_dt": fill.exec_date,
            "clr_pl_amt": fill.realised_ccy, "ent_fee": fill.fee, "now_prc": fill.price,
            "last_now_prc": fill.price, "crncy_cd": inst.currency, "mtrt_dt": inst.expiry,
            "ord_prdt_tp_code": "O" if inst.product == "option" else "F",
            "exec_prdt_tp_code": "O" if inst.product == "option" else "F",
            "sprd_base_isu_yn": "N", "lme_sprd_prc": Decimal(0), "clr_q": "0", "fcm_fee": "0",
        })
        if position is not None:
            v["avg_byng_uprc"] = position.avg_price
            v["byug_amt"] = position.cost
            v["fcm_fee"] = str(abs(position.qty))  # LS labels this field "position quantity"
    if extra:
        v.update(extra)
    return with_decimals(project(FUTURES_MODELS[tr_cd], v), push_fixed_decimals(tr_cd))
