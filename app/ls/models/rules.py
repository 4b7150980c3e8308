"""Rules of LS's order TRs that a field type cannot express, checked when an in-block is built.

Each rule raises ValueError with a sentence a trader can act on; pydantic turns it into a
ValidationError, so a half-valid order never leaves the client (or enters the embedded exchange).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SELL_ONLY_PRICE_TYPES = {"03": "market (03)", "M3": "MOO (M3)", "M4": "MOC (M4)"}


class OrderRuleError(ValueError):
    """A broken order rule; ``kind`` says which: quantity, price, price_type, original_order."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


def _positive(value: Any, what: str, kind: str) -> None:
    if value is None or value <= 0:
        raise OrderRuleError(kind, f"{what} must be greater than zero")


def _stock_order(buy: bool, b: Any) -> None:
    """Quantity, price type and price of a US stock order (new or reserved)."""
    _positive(b.OrdQty, "OrdQty (quantity)", "quantity")
    if buy and b.OrdprcPtnCode in SELL_ONLY_PRICE_TYPES:
        raise OrderRuleError("price_type", f"LS accepts {SELL_ONLY_PRICE_TYPES[b.OrdprcPtnCode]} for sell orders "
                                           "only; a buy must be limit (00), LOO (M1) or LOC (M2)")
    if b.OrdprcPtnCode in ("00", "M1", "M2"):
        _positive(b.OvrsOrdPrc, "OvrsOrdPrc (limit price)", "price")


def cosat00301(b: Any) -> None:
    """US stock new order (01 sell / 02 buy) or cancel (08)."""
    if b.OrdPtnCode == "08":
        if not b.OrgOrdNo:
            raise OrderRuleError("original_order", "a cancel (OrdPtnCode 08) needs OrgOrdNo, the order to cancel")
        return
    _stock_order(b.OrdPtnCode == "02", b)


def cosat00400(b: Any) -> None:
    """US stock reserved order: TrxTpCode 1 registers (BnsTpCode 1 sell / 2 buy), 2 cancels."""
    if b.TrxTpCode == "2":
        if not b.RsvOrdNo:
            raise OrderRuleError("original_order", "cancelling a reservation needs RsvOrdNo")
        return
    _stock_order(b.BnsTpCode == "2", b)


def cosat00311(b: Any) -> None:
    """US stock modify: a new price for a working order."""
    if b.OrdPtnCode != "07":
        raise OrderRuleError("price_type", "a modify uses OrdPtnCode 07")
    if not b.OrgOrdNo:
        raise OrderRuleError("original_order", "a modify needs OrgOrdNo, the order to change")
    _positive(b.OvrsOrdPrc, "OvrsOrdPrc (new price)", "price")


def cidbt00100(b: Any) -> None:
    """Futures/options new order: AbrdFutsOrdPtnCode 1 market, 2 limit."""
    _positive(b.OrdQty, "OrdQty (quantity)", "quantity")
    if b.AbrdFutsOrdPtnCode == "2":
        _positive(b.OvrsDrvtOrdPrc, "OvrsDrvtOrdPrc (limit price)", "price")


def cidbt00900(b: Any) -> None:
    if not str(b.OvrsFutsOrgOrdNo or "").strip():
        raise OrderRuleError("original_order", "a modify needs OvrsFutsOrgOrdNo, the order to change")
    _positive(b.OrdQty, "OrdQty (quantity)", "quantity")
    _positive(b.OvrsDrvtOrdPrc, "OvrsDrvtOrdPrc (new price)", "price")


def cidbt01000(b: Any) -> None:
    if not str(b.OvrsFutsOrgOrdNo or "").strip():
        raise OrderRuleError("original_order", "a cancel needs OvrsFutsOrgOrdNo, the order to cancel")


RULES: dict[str, Callable[[Any], None]] = {
    "COSAT00301InBlock1": cosat00301,
    "COSAT00311InBlock1": cosat00311,
    "COSAT00400InBlock1": cosat00400,
    "CIDBT00100InBlock1": cidbt00100,
    "CIDBT00900InBlock1": cidbt00900,
    "CIDBT01000InBlock1": cidbt01000,
}
