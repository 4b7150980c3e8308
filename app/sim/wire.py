"""Turn handler results into LS's exact JSON and incoming bodies into typed requests.

Answers go through the TR's ``Response`` model so every field is written in the JSON type LS
uses (``"283.8200"`` strings, counts as numbers); any field left unset is filled with an empty
value of the right JSON type, so an answer never carries ``null``. Requests tolerate ``null``
(clients send it for unset optional fields) and unknown extra fields.
"""

from __future__ import annotations

import importlib
import json
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError

from app.ls.models.base import _block_type, parse_lenient
from app.ls.models.rules import OrderRuleError
from app.sim.registry import SimError

_SPEC_PATH = "app/ls/data/spec.json"


@cache
def model_module(tr_cd: str) -> Any:
    return importlib.import_module(f"app.ls.models.{tr_cd}")


@cache
def spec() -> dict:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    return json.loads((root / _SPEC_PATH).read_text(encoding="utf-8"))


def _empty_value(annotation: Any) -> Any:
    """The no-data value of a field in its wire JSON type: "" / "0" / 0."""
    args = get_args(annotation)
    if type(None) in args:
        annotation = next(a for a in args if a is not type(None))
    if annotation is str or get_origin(annotation) is not None and str in get_args(annotation):
        return ""
    meta = getattr(annotation, "__metadata__", ())
    base = get_args(annotation)[0] if meta else annotation
    for m in meta:
        ret = getattr(m, "return_type", None)
        if ret is str:
            return "0"
    if base is Decimal or base is float:
        return 0
    if base is int:
        return 0
    return ""


@cache
def _empties(block: type[BaseModel]) -> dict[str, Any]:
    return {name: _empty_value(f.annotation) for name, f in block.model_fields.items()}


def _fill(block: type[BaseModel], data: dict) -> dict:
    empties = _empties(block)
    for key, value in data.items():
        if value is None:
            data[key] = empties.get(key, "")
    return data


_DECIMAL_TEXT = re.compile(r"-?\d+\.(\d+)")
_NUMBER_TEXT = re.compile(r"-?\d+(\.\d+)?")


def _scale(length: str) -> int | None:
    """The decimals of a doc length such as "19.2" (None for "10")."""
    whole, dot, frac = length.partition(".")
    return int(frac) if dot and frac.isdigit() else None


def _fixed_fields(fields: list[dict], examples: list[dict]) -> dict[str, int]:
    """Fields written with a fixed number of decimals: the doc example's count when it shows
    one (``MgnclRat`` "27.1" is sent with 10), else the length's ("19.2" -> "0.00")."""
    out: dict[str, int] = {}
    for f in fields:
        scale = _scale(f.get("length", ""))
        if scale is None or f.get("wire_type_in_doc_example") == "number":
            continue
        shown = {len(m.group(1)) for row in examples
                 if isinstance(v := row.get(f["name"]), str) and (m := _DECIMAL_TEXT.fullmatch(v.strip()))}
        out[f["name"]] = shown.pop() if len(shown) == 1 else scale
    return out


@cache
def fixed_decimals(tr_cd: str) -> dict[str, dict[str, int]]:
    """{block: {field: decimals}} of an account or order TR's string numbers.

    LS's account and order TRs write every decimal field with exactly the decimals of its doc
    length, zeros included: "0.00" (19.2), "15.000000" (28.6), "122.00000000000" (30.11); 217
    of the 219 such values in the doc examples do (the other two are MgnclRat's, see above),
    while market and chart TRs write an instrument's own decimals ("283.8200", "0.67670") and
    are left alone.
    """
    tr = spec()["rest"]["trs"].get(tr_cd)
    if tr is None or tr.get("category") not in ("account", "order"):
        return {}
    example = tr.get("example_response") or {}
    body = {} if example.get("constructed") else example.get("body") or {}
    out = {}
    for b in tr["out_blocks"]:
        value = body.get(b["name"])
        rows = [r for r in (value if isinstance(value, list) else [value]) if isinstance(r, dict)]
        fixed = _fixed_fields(b["fields"], rows)
        if fixed:
            out[b["name"]] = fixed
    return out


@cache
def push_fixed_decimals(tr_cd: str) -> dict[str, int]:
    """{field: decimals} of a futures account push (TC1-TC3): the doc's TC3 example writes its
    prices and amounts with the length's decimals ("122.00000000000", "7.50"). The examples'
    filled-in values are the spec author's, not LS's, so only the lengths count here."""
    tr = spec()["websocket"]["trs"].get(tr_cd)
    if tr is None or not tr_cd.startswith("TC"):
        return {}
    return _fixed_fields(tr["push_body_fields"], [])


def with_decimals(row: dict[str, Any], fixed: dict[str, int]) -> dict[str, Any]:
    """``row`` with each string number of ``fixed`` written with exactly its decimals."""
    for name, places in fixed.items():
        value = row.get(name)
        if not isinstance(value, str) or not _NUMBER_TEXT.fullmatch(value.strip()):
            continue
        try:
            number = Decimal(value.strip()).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        except InvalidOperation:  # more digits than Decimal's context holds: leave as sent
            continue
        row[name] = format(number.copy_abs() if number.is_zero() else number, "f")
    return row


def out_body(tr_cd: str, body: dict[str, Any]) -> dict[str, Any]:
    """The JSON-ready out-blocks of ``tr_cd`` for ``body`` (python values or wire values)."""
    mod = model_module(tr_cd)
    resp_cls = mod.Response
    resp = resp_cls.model_validate(body)
    dumped = resp.model_dump(mode="json", exclude={"rsp_cd", "rsp_msg"})
    out: dict[str, Any] = {}
    decimals = fixed_decimals(tr_cd)
    for name in resp_cls.OUT_BLOCKS:
        block = _block_type(resp_cls.model_fields[name].annotation)
        value = dumped.get(name)
        if value is None:
            value = block().model_dump(mode="json")
        fixed = decimals.get(name)
        if isinstance(value, list):
            out[name] = [_fill(block, row) for row in value]
            if fixed:
                out[name] = [with_decimals(row, fixed) for row in out[name]]
        else:
            out[name] = _fill(block, value)
            if fixed:
                with_decimals(out[name], fixed)
    for key, value in dumped.items():  # top-level extras some TRs carry (COSMT00300)
        if key not in out and value is not None:
            out[key] = value
    return out


def _drop_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_nulls(v) for v in value]
    return value


def _known_only(model: type[BaseModel], data: Any) -> Any:
    """Drop keys the model does not know (LS ignores them; our in-blocks forbid them)."""
    if not isinstance(data, dict):
        return data
    out = {}
    for name, f in model.model_fields.items():
        key = f.alias or name
        if key not in data:
            continue
        sub = _block_type(f.annotation)
        value = data[key]
        if sub is not None and isinstance(value, list):
            value = [_known_only(sub, v) for v in value]
        elif sub is not None:
            value = _known_only(sub, value)
        out[key] = value
    return out


@cache
def _korean_names(tr_cd: str) -> dict[str, str]:
    tr = spec()["rest"]["trs"].get(tr_cd, {})
    return {f["name"]: f.get("korean", "") for b in tr.get("in_blocks", []) for f in b["fields"]}


# what the broker answers for the same mistake when it finds it itself
RULE_CODES = {"quantity": "02712", "price": "02714", "original_order": "02718", "price_type": "02725"}


def parse_request(tr_cd: str, raw: Any) -> Any:
    """Validate a request body dict as ``tr_cd``'s Request, or raise an LS-style ``SimError``."""
    mod = model_module(tr_cd)
    if not isinstance(raw, dict):
        raise SimError("IGW40011", "요청 데이터 형식을 확인하세요.")
    data = _known_only(mod.Request, _drop_nulls(raw))
    try:
        return parse_lenient(mod.Request, data)
    except (ValidationError, ValueError, TypeError) as exc:
        field = ""
        first = exc.errors()[0] if isinstance(exc, ValidationError) and exc.errors() else {}
        rule = (first.get("ctx") or {}).get("error")
        if isinstance(rule, OrderRuleError):
            # a whole-block order rule, not a field's type: the broker's code for that kind
            code = RULE_CODES.get(rule.kind, "02725")
            raise SimError(code, f"주문 조건을 확인하세요: {rule}") from None
        if isinstance(exc, ValidationError) and exc.errors():
            loc = [str(p) for p in exc.errors()[0].get("loc", ()) if not str(p).isdigit()]
            field = loc[-1] if loc else ""
        korean = _korean_names(tr_cd).get(field, "")
        label = f"{korean}({field})" if korean else (field or "InBlock")
        raise SimError("IGW40011", f"{label} data type을 확인하세요.") from None
