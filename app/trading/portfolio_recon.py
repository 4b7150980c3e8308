"""Stock sales whose fill pushes never arrived (the socket was down): found per order in COSAQ00102.

After a reconnect the queries put positions right, but the realised P&L of a sale lives only in
its fill. COSAQ00102 gives each order's filled quantity and average fill price; what the ledger has
not booked of an order is booked once as a reconciled sum (id `S<order>.R<filled>`), at the
position's average (a sale does not move it; buys during the gap make this an estimate). A push
that arrives late for that order is then covered and adds nothing.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from typing import Any

from app.trading.portfolio_fills import FillEvent, FillLedger, _int, _num_id
from app.trading.portfolio_model import dec

log = logging.getLogger(__name__)
KST = timezone(timedelta(hours=9))


def order_day(now: datetime | None = None) -> str:
    """LS dates orders in Korean time."""
    return (now or datetime.now(KST)).astimezone(KST).strftime("%Y%m%d")


async def missed_sales(client: Any, ledger: FillLedger, day: str | None = None) -> list[FillEvent]:
    """Today's sell fills the ledger has not booked, one reconciled sum per order."""
    from app.ls.models import COSAQ00102

    req = client.overseas_stock().accno().COSAQ00102(COSAQ00102.COSAQ00102InBlock1(
        RecCnt=1, QryTpCode="1", BkseqTpCode="1", BnsTpCode="1", IsuNo="", SrtOrdNo=999999999,
        OrdDt=day or order_day(), ExecYn="1"))
    out: list[FillEvent] = []
    async for page in req.pages():
        for r in getattr(page, "COSAQ00102OutBlock3", None) or []:
            if (r.BnsTpCode or "").strip() != "1":
                continue
            order, filled, avg = _num_id(r.OrdNo), _int(r.ExecQty), dec(r.OvrsExecPrc)
            symbol = (r.ShtnIsuNo or r.IsuNo or "").strip().upper()
            if not order or not filled or filled <= 0 or avg is None or avg <= 0 or not symbol:
                continue
            booked_qty, booked_value = ledger.booked("stock", order)
            missed = filled - int(booked_qty)
            if missed <= 0:
                continue
            price = (avg * filled - booked_value) / missed
            log.info("portfolio: %d %s sold on order %s with no fill push seen; booked from COSAQ00102",
                     missed, symbol, order)
            out.append(FillEvent(f"S{order}.R{filled}", "stock", symbol, "sell", missed, price, 0,
                                 order_no=order, cum_after=filled))
    return out
