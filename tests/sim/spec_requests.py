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
