"""Requests built from spec.json's examples, with expired example symbols mapped to live ones."""

from __future__ import annotations

import copy
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

SPEC = Path(__file__).resolve().parents[2] / "app" / "ls" / "data" / "spec.json"
FUT_CODE = re.compile(r"^([A-Z0-9]{1,4}?)([FGHJKMNQUVXZ])(\d{2})$")
SYMBOL_FIELDS = {"shcode", "symbol", "IsuCodeVal", "IsuNo"}


@cache
def spec() -> dict:
    return json.loads(SPEC.read_text(encoding="utf-8"))


def rest_trs() -> dict[str, dict]:
    return spec()["rest"]["trs"]


def live_symbol(market: Any, code: str) -> str:
    """A tradable code standing in for an example's (often expired) contract code."""
    code = code.strip()
    if market.instrument(code) is not None:
        return code
    if "_" in code:
        return market.instruments("option")[0].symbol
    m = FUT_CODE.match(code)
    futures = market.instruments("future")
    if m:
        for inst in futures:
            if inst.root == m.group(1):
                return inst.symbol
    return futures[0].symbol


def request_body(tr_cd: str, market: Any, library: bool = False) -> dict:
    example = rest_trs()[tr_cd]["example_request"]
    body = copy.deepcopy(example.get("library_wire_body") if library else example.get("body")) or {}
    if rest_trs()[tr_cd]["product"] != "futureoption":
        return body

    def fix(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: (live_symbol(market, v) if k in SYMBOL_FIELDS and isinstance(v, str) and v.strip() else fix(v))
                    for k, v in value.items()}
        if isinstance(value, list):
            return [fix(v) for v in value]
        return value

    return fix(body)


# The examples of these TRs name an order or a holding that a fresh demo account lacks;
# ``state_setup`` says which order to place first and points the example at its result.
NEEDS_STATE = {"COSAT00311", "COSMT00300", "CIDBT00900", "CIDBT01000"}


def _resting_price(market: Any, symbol: str, below: bool) -> float:
    from decimal import Decimal

    last = Decimal(str(market.last(symbol)))
    tick = Decimal(str(market.tick_size(symbol)))
    target = last * (Decimal("0.9") if below else Decimal("1.1"))
    return float((target / tick).quantize(Decimal(1)) * tick)


def state_setup(tr_cd: str, body: dict, market: Any):
    """(TR to send first, its body, apply(answer dict) -> the example body to send next)."""
    block_name = next(iter(body))
    block = dict(body[block_name])
    if tr_cd in ("COSAT00311", "COSMT00300"):
        symbol = block["IsuNo"]
        resting = tr_cd == "COSAT00311"  # modify needs a working order; sell-to-repay a holding
        setup = {"COSAT00301InBlock1": {
            "RecCnt": 1, "OrdPtnCode": "02", "OrdMktCode": block["OrdMktCode"], "IsuNo": symbol, "OrdQty": 1,
            # resting: well below the market; otherwise through the whole book (LS has no market buy)
            "OvrsOrdPrc": _resting_price(market, symbol, below=True) if resting else float(market.book(symbol).asks[-1][0]),
            "OrdprcPtnCode": "00", "BrkTpCode": ""}}

        def apply(answer: dict) -> dict:
            if resting:
                block["OrgOrdNo"] = answer["COSAT00301OutBlock2"]["OrdNo"]
            return {block_name: block}

        return "COSAT00301", setup, apply
    symbol = block["IsuCodeVal"]
    price = _resting_price(market, symbol, below=False)
    setup = {"CIDBT00100InBlock1": {
        "RecCnt": 1, "OrdDt": block["OrdDt"], "IsuCodeVal": symbol, "FutsOrdTpCode": "1", "BnsTpCode": "1",
        "AbrdFutsOrdPtnCode": "2", "OvrsDrvtOrdPrc": price, "CndiOrdPrc": 0, "OrdQty": 1}}

    def apply_futures(answer: dict) -> dict:
        block["OvrsFutsOrgOrdNo"] = answer["CIDBT00100OutBlock2"]["OvrsFutsOrdNo"]
        if tr_cd == "CIDBT00900":
            block["OvrsDrvtOrdPrc"] = price
        return {block_name: block}

    return "CIDBT00100", setup, apply_futures
