"""Reconciliation: the day's orders and fills as the server knows them (COSAQ00102 for stocks,
CIDBQ02400 for futures/options), read into plain records the order manager merges into its own
state at start and after every reconnect, so no fill or state change is ever lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from app.trading.order_state import STOCK_TYPES, canon

KST = timezone(timedelta(hours=9))


def today() -> str:
    """LS dates its orders in Korean time."""
    return datetime.now(KST).strftime("%Y%m%d")


@dataclass
class ServerOrder:
    id: str
    symbol: str
    market: str  # "stock" | "futures"
    side: str
    qty: int
    price: Decimal | None
    price_type: str
    filled: int
    avg_price: Decimal | None
    remaining: int
    kind: str  # "new" | "modify" | "cancel"
    origin: str
    closed_as: str  # "" (working or filled), "cancelled", "replaced", "rejected"
    day: str
    reason: str = ""


@dataclass
class ServerFill:
    order_id: str
    exec_id: str
    qty: int
    price: Decimal
    time: str  # YYYYMMDDHHMMSS, Korean time (CIDBQ02400 ExecDttm); "" when not given


def _int(v: Any) -> int:
    try:
        return int(Decimal(str(v or 0)))
    except Exception:
        return 0


def _dec(v: Any) -> Decimal | None:
    try:
        d = Decimal(str(v))
    except Exception:
        return None
    return d if d else None


async def stock_orders(client: Any, day: str) -> list[ServerOrder]:
    from app.ls.models import COSAQ00102

    block = COSAQ00102.COSAQ00102InBlock1(OrdDt=day, BkseqTpCode="2", SrtOrdNo=0)
    out: list[ServerOrder] = []
    async for page in client.overseas_stock().accno().COSAQ00102(block).pages():
        for r in page.COSAQ00102OutBlock3:
            kind = {"07": "modify", "08": "cancel"}.get(r.OrdPtnCode, "new")
            qty, filled, left = _int(r.OrdQty), _int(r.ExecQty), _int(r.UnercQty)
            name = r.OrdTrxPtnNm or ""
            closed = ""
            if kind != "cancel" and not left and filled < qty:
                closed = "rejected" if "거부" in name else "replaced" if "정정" in name else "cancelled"
            ptype = STOCK_TYPES.get(r.OrdprcPtnCode, "limit")
            out.append(ServerOrder(
                id=canon(r.OrdNo), symbol=(r.ShtnIsuNo or r.IsuNo).strip(), market="stock",
                side="sell" if r.BnsTpCode == "1" else "buy", qty=qty,
                price=_dec(r.OvrsOrdPrc) if ptype not in ("market", "moo", "moc") else None,
                price_type=ptype, filled=filled, avg_price=_dec(r.OvrsExecPrc), remaining=left,
                kind=kind, origin=canon(r.OrgOrdNo), closed_as=closed, day=day))
    return out


FUT_CLOSED = {"5": "rejected", "6": "cancelled", "7": "replaced"}


async def futures_orders(client: Any, day: str) -> tuple[list[ServerOrder], list[ServerFill]]:
    from app.ls.models import CIDBQ02400

    block = CIDBQ02400.CIDBQ02400InBlock1(
        IsuCodeVal="", QrySrtDt=day, QryEndDt=day, ThdayTpCode="0", OrdStatCode="0",
        BnsTpCode="0", QryTpCode="2", OrdPtnCode="00", OvrsDrvtFnoTpCode="A")
    orders: dict[str, ServerOrder] = {}
    fills: list[ServerFill] = []
    async for page in client.overseas_futureoption().accno().CIDBQ02400(block).pages():
        for r in page.CIDBQ02400OutBlock2:
            oid = canon(r.OvrsFutsOrdNo)
            if not oid:
                continue
            o = orders.get(oid)
            if o is None:
                kind = {"2": "modify", "3": "cancel"}.get(r.FutsOrdTpCode, "new")
                market = r.AbrdFutsOrdPtnCode == "1"
                o = orders[oid] = ServerOrder(
                    id=oid, symbol=r.IsuCodeVal.strip(), market="futures",
                    side="sell" if r.BnsTpCode == "1" else "buy", qty=_int(r.OrdQty),
                    price=None if market else _dec(r.OvrsDrvtOrdPrc),
                    price_type="market" if market else "limit", filled=0, avg_price=None,
                    remaining=_int(r.UnercQty), kind=kind, origin=canon(r.OvrsFutsOrgOrdNo),
                    closed_as=FUT_CLOSED.get(r.FutsOrdStatCode, ""), day=r.OrdDt or day)
            exec_id = canon(r.OvrsFutsExecNo)
            if exec_id and _int(r.ExecQty):
                price = Decimal(str(r.AbrdFutsExecPrc or 0))
                fills.append(ServerFill(oid, exec_id, _int(r.ExecQty), price, (r.ExecDttm or "")[:14]
                                        if hasattr(r, "ExecDttm") else ""))
                value = (o.avg_price or Decimal(0)) * o.filled + price * _int(r.ExecQty)
                o.filled += _int(r.ExecQty)
                o.avg_price = value / o.filled
    return list(orders.values()), fills
