"""Overseas-futures deposit and margin TRs: CIDBQ03000 (deposit and balance status) and
CIDBQ05300 (deposited assets), one row per currency the account deals in (``futures_money``).

As LS lays them out: CIDBQ03000's OutBlock2 starts with the account's total in dollars
(CrcyObjCode "TOT(USD)") followed by a row per currency; CIDBQ05300's OutBlock2 has a row per
currency (CrcyCode, its won rate Xchrat; CrcyCode "ALL" or blank in the request: all of them,
a currency code: that one) and OutBlock3 the account's total in dollars. Every row's amounts
are in its own currency. Options report LS's option fields: OvrsOptBalEvalAmt (market value of
the options held, shorts negative), OvrsOptSettAmt (today's premiums, received minus paid),
OvrsFutsOptBuyAmt / OvrsFutsOptSellAmt (premiums paid / received today), OptBuyMktWrthAmt /
OptSellMktWrthAmt (value of longs / shorts).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.sim.broker import accounts as acc
from app.sim.broker.futures_money import by_currency
from app.sim.broker.trs_common import OK_QUERY, broker_of, echo, money
from app.sim.registry import TRContext, TRResult, handler

ZERO = Decimal(0)


def _total(broker: Any, acct: acc.Account) -> dict[str, Decimal]:
    """The account's dollar totals in the keys ``futures_money.figures`` uses."""
    opt = broker.options_figures(acct)
    return {**broker.futures_figures(acct), "long_value": opt["long_value"], "short_value": opt["short_value"],
            "bought": opt["bought"], "sold": opt["sold"]}


def _common(f: dict[str, Decimal]) -> dict[str, Any]:
    """The fields CIDBQ03000 and CIDBQ05300 share, from one currency's (or the total's) figures."""
    return {
        "OvrsFutsDps": money(f["deposit"]), "AbrdFutsCsgnMgn": money(f["margin"]),
        "AbrdFutsEvalPnlAmt": money(f["eval_pnl"]), "AbrdFutsCmsnAmt": money(f["fees"]),
        "AbrdFutsLqdtPnlAmt": money(f["realised"]), "AbrdFutsOrdAbleAmt": money(f["orderable"]),
        "AbrdFutsWthdwAbleAmt": money(f["withdrawable"]),
        "OvrsOptSettAmt": money(f["sold"] - f["bought"]),
        "OvrsOptBalEvalAmt": money(f["long_value"] - f["short_value"]),
    }


def _short_of_margin(f: dict[str, Decimal]) -> Decimal:
    return money(max(ZERO, f["margin"] - f["equity"]))


@handler("CIDBQ03000")
def cidbq03000(ctx: TRContext, req: Any) -> TRResult:
    b = req.CIDBQ03000InBlock1
    broker = broker_of(ctx)
    acct = broker.account(ctx.app_key)
    day = b.TrdDt or broker.clock().strftime("%Y%m%d")
    rows = []
    for label, f in [("TOT(USD)", _total(broker, acct)), *by_currency(broker, acct).items()]:
        c = _common(f)
        rows.append({
            "AcntNo": acct.fut_acct_no, "TrdDt": day, "CrcyObjCode": label, **c,
            "CustmMnyioAmt": ZERO, "PrexchDps": ZERO, "EvalAssetAmt": money(f["equity"]),
            "AbrdFutsAddMgn": _short_of_margin(f), "LastSettPnlAmt": money(f["realised"] - f["fees"]),
        })
    body = {"CIDBQ03000OutBlock1": echo(b, acct.fut_acct_no, "AcntPwd"), "CIDBQ03000OutBlock2": rows}
    return TRResult(body, *OK_QUERY)


def _block2_fields(f: dict[str, Decimal]) -> dict[str, Any]:
    c = _common(f)
    return {
        "OvrsFutsDps": c["OvrsFutsDps"], "AbrdFutsCsgnMgn": c["AbrdFutsCsgnMgn"],
        "OvrsFutsSplmMgn": _short_of_margin(f), "CustmLpnlAmt": money(f["realised"] - f["fees"]),
        "AbrdFutsEvalPnlAmt": c["AbrdFutsEvalPnlAmt"], "AbrdFutsCmsnAmt": c["AbrdFutsCmsnAmt"],
        "AbrdFutsEvalDpstgTotAmt": money(f["equity"]), "FcurrRealMxchgAmt": ZERO,
        "AbrdFutsWthdwAbleAmt": c["AbrdFutsWthdwAbleAmt"], "AbrdFutsOrdAbleAmt": c["AbrdFutsOrdAbleAmt"],
        "FutsDueNarrvLqdtPnlAmt": c["AbrdFutsLqdtPnlAmt"], "FutsDueNarrvCmsn": c["AbrdFutsCmsnAmt"],
        "AbrdFutsLqdtPnlAmt": c["AbrdFutsLqdtPnlAmt"], "OvrsFutsDueCmsn": ZERO,
        "OvrsFutsOptBuyAmt": money(f["bought"]), "OvrsFutsOptSellAmt": money(f["sold"]),
        "OptBuyMktWrthAmt": money(f["long_value"]), "OptSellMktWrthAmt": money(f["short_value"]),
    }


@handler("CIDBQ05300")
def cidbq05300(ctx: TRContext, req: Any) -> TRResult:
    b = req.CIDBQ05300InBlock1
    broker = broker_of(ctx)
    acct = broker.account(ctx.app_key)
    total = _total(broker, acct)
    want = (b.CrcyCode or "").strip().upper()
    rows = [{"AcntNo": acct.fut_acct_no, "CrcyCode": ccy, **_block2_fields(f), "Xchrat": f["krw_rate"]}
            for ccy, f in by_currency(broker, acct).items() if want in ("", "ALL", ccy)]
    c = _common(total)
    block3 = {
        "RecCnt": 1, **_block2_fields(total), "OvrsFutsMaintMgn": total["maint_margin"],
        "CtlmtAmt": ZERO, "MgnclRat": ZERO, "OvrsOptSettAmt": c["OvrsOptSettAmt"],
        "OvrsOptBalEvalAmt": c["OvrsOptBalEvalAmt"],
    }
    body = {"CIDBQ05300OutBlock1": echo(b, acct.fut_acct_no, "AcntPwd"), "CIDBQ05300OutBlock2": rows,
            "CIDBQ05300OutBlock3": block3}
    return TRResult(body, *OK_QUERY)
