"""Reserved stock orders (COSAT00400): kept by LS and sent when their validity window opens, and
their results (COSAQ01400: waiting, sent with the order number, cancelled, refused, expired).
The order manager validates them like any order, plus the window; once LS sends one, the order
it became arrives through the pushes and the reconciliation like any other.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from app.trading.order_blocks import repay_lot
from app.trading.order_state import STOCK_CODES, canon

log = logging.getLogger(__name__)

MAX_WINDOW_DAYS = 90  # a reservation further out than this is a typo, not a plan
STATUS = {"1": "waiting", "2": "sent", "3": "cancelled", "4": "refused", "5": "expired"}


@dataclass
class Reservation:
    rsv_no: str
    symbol: str
    side: str
    qty: int
    price: Decimal | None
    price_type: str
    status: str  # waiting | sent | cancelled | refused | expired
    start: str = ""  # YYYYMMDD
    end: str = ""
    order_id: str = ""  # the order LS placed for it, once sent
    filled: int = 0
    error: str = ""
    entered: str = ""

    @property
    def working(self) -> bool:
        return self.status == "waiting"


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return datetime.strptime(str(value or "").replace("-", ""), "%Y%m%d").date()
    except ValueError:
        return None


def window_problems(start: Any, end: Any, today: str, tr=lambda s: s) -> list[str]:
    """The validity window's problems (each naming the field)."""
    out: list[str] = []
    s, e, t = _day(start), _day(end), _day(today)
    if s is None:
        out.append(tr("Valid from: enter a date."))
    if e is None:
        out.append(tr("Valid until: enter a date."))
    if out or t is None:
        return out
    if s < t:
        out.append(tr("Valid from: the window cannot start in the past."))
    if e < s:
        out.append(tr("Valid until: the window ends before it starts."))
    elif e > t + timedelta(days=MAX_WINDOW_DAYS):
        out.append(tr("Valid until: at most {n} days ahead.").format(n=MAX_WINDOW_DAYS))
    return out


def reserve_block(inst: Any, account: str, side: str, qty: int, price: Decimal | None, ptype: str,
                  start: Any, end: Any, today: str, loan: Any = None) -> Any:
    """``loan``: the loan lot a reserved sale repays (its MgntrnCode / LoanDt / LoanDtlClssCode)."""
    from app.ls.models import COSAT00400

    return COSAT00400.COSAT00400InBlock1(
        TrxTpCode="1", CntryCode="US", RsvOrdInptDt=today, RsvOrdNo=None,
        BnsTpCode="2" if side == "buy" else "1", AcntNo=account, Pwd="", FcurrMktCode=inst.exchcd or "82",
        IsuNo=inst.code, OrdQty=qty, OvrsOrdPrc=price or 0, OrdprcPtnCode=STOCK_CODES[ptype],
        RsvOrdSrtDt=_day(start).strftime("%Y%m%d"), RsvOrdEndDt=_day(end).strftime("%Y%m%d"),
        RsvOrdCndiCode="0", MgntrnCode=loan.repay_code if loan else "000", LoanDt=loan.date if loan else "",
        LoanDtlClssCode=loan.kind if loan else "")


def cancel_block(r: Reservation, account: str, today: str) -> Any:
    from app.ls.models import COSAT00400

    return COSAT00400.COSAT00400InBlock1(
        TrxTpCode="2", CntryCode="US", RsvOrdInptDt=r.entered or today, RsvOrdNo=int(r.rsv_no),
        BnsTpCode="2" if r.side == "buy" else "1", AcntNo=account, Pwd="", FcurrMktCode="82", IsuNo=r.symbol,
        OrdQty=r.qty, OvrsOrdPrc=r.price or 0, OrdprcPtnCode=STOCK_CODES.get(r.price_type, "00"),
        RsvOrdSrtDt=r.start or today, RsvOrdEndDt=r.end or today, RsvOrdCndiCode="0", MgntrnCode="000",
        LoanDt="", LoanDtlClssCode="")


def _ptype(name: str) -> str:
    """The price type from its name in COSAQ01400 (지정가, 시장가, LOO …)."""
    name = (name or "").strip().upper()
    if name in ("시장가", "MARKET"):
        return "market"
    return name.lower() if name.lower() in STOCK_CODES else "limit"


async def load_reservations(client: Any, since: str, until: str) -> list[Reservation]:
    """Every reservation entered between ``since`` and ``until`` (COSAQ01400), newest first."""
    from app.ls.models import COSAQ01400

    block = COSAQ01400.COSAQ01400InBlock1(QryTpCode="1", CntryCode="US", SrtDt=since, EndDt=until,
                                          BnsTpCode="0", RsvOrdCndiCode="0", RsvOrdStatCode="0")
    out: list[Reservation] = []
    async for page in client.overseas_stock().accno().COSAQ01400(block).pages():
        for r in page.COSAQ01400OutBlock2:
            ptype = _ptype(r.OrdprcPtnNm)
            out.append(Reservation(
                rsv_no=canon(r.RsvOrdNo), symbol=r.ShtnIsuNo.strip(),
                side="sell" if "매도" in (r.BnsTpNm or "") else "buy", qty=int(r.OrdQty or 0),
                price=Decimal(r.OvrsOrdPrc) if r.OvrsOrdPrc else None, price_type=ptype,
                status=STATUS.get(r.RsvOrdStatCode, r.RsvOrdStatCode), order_id=canon(r.OrdNo) if r.OrdNo else "",
                filled=int(r.TotExecQty or 0), error=r.ErrCnts or "", entered=r.RsvOrdInptDt or ""))
    return out


class ReservedMixin:
    """Mixed into OrderManager: reserve, cancel and list reserved stock orders."""

    client: Any
    instruments: Any
    account: str
    tr: Any
    reservations: list[Reservation]

    async def reserve(self, draft: Any, start: Any, end: Any, *, confirmed_limits: bool = False) -> Reservation:
        """Validate (as a new order, plus the window) and register a reserved stock order.
        Raises OrderRejected, nothing sent, when a check fails."""
        from app.ls.errors import LSBusinessError
        from app.trading import order_validation as ov
        from app.trading.order_state import MARKET_LIKE
        from app.trading.orders import OrderRejected
        from app.trading.reconcile import today

        d = draft.normalized()
        inst = self.instruments.get(d.symbol) if d.symbol else None
        more = [self.tr("Reserved orders: for stocks only.")] if inst is not None and inst.market != "stock" else []
        self.check(d, confirmed_limits, more + window_problems(start, end, today(), self.tr))
        qty = ov.as_int(d.qty)
        price = None if d.price_type in MARKET_LIKE else ov.as_price(d.price)
        loan = repay_lot(getattr(self, "holdings", None), d.symbol, d.side)  # a loan holding's sale repays it
        block = reserve_block(inst, self.account, d.side, qty, price, d.price_type, start, end, today(), loan)
        self._journal("action", "reserve", {"do": "reserve", "symbol": d.symbol, "side": d.side, "qty": qty,
                                            "price": str(price), "type": d.price_type,
                                            "start": block.RsvOrdSrtDt, "end": block.RsvOrdEndDt})
        try:
            resp = await self.client.overseas_stock().order().COSAT00400(block).req_async()
        except LSBusinessError as exc:
            self._journal("error", "reserve", {"tr": exc.tr_cd, "code": exc.rsp_cd, "msg": exc.rsp_msg})
            raise OrderRejected([exc.rsp_msg], "refused") from None
        out = resp.COSAT00400OutBlock2
        r = Reservation(rsv_no=canon(out.RsvOrdNo if out is not None else ""), symbol=d.symbol, side=d.side,
                        qty=qty, price=price, price_type=d.price_type, status="waiting",
                        start=block.RsvOrdSrtDt, end=block.RsvOrdEndDt, entered=today())
        self._journal("answer", "reserve", {"rsv_no": r.rsv_no})
        self.reservations.insert(0, r)
        self._emit("reserved", r)
        await self.load_reserved()  # LS may have sent it already (its window opens today)
        return r

    async def cancel_reserved(self, rsv_no: str) -> Reservation | None:
        from app.ls.errors import LSBusinessError
        from app.trading.orders import OrderRejected
        from app.trading.reconcile import today

        r = next((x for x in self.reservations if x.rsv_no == canon(rsv_no)), None)
        if r is None or not r.working:
            raise OrderRejected([self.tr("Reserved order {n}: nothing to cancel.").format(n=rsv_no)], "unknown")
        self._journal("action", "reserve", {"do": "cancel", "rsv_no": r.rsv_no})
        try:
            await self.client.overseas_stock().order().COSAT00400(cancel_block(r, self.account, today())).req_async()
        except LSBusinessError as exc:
            raise OrderRejected([exc.rsp_msg], "refused") from None
        await self.load_reserved()
        return r

    async def load_reserved(self, days: int = 30) -> list[Reservation]:
        """The reservations of the last ``days`` days and their results (COSAQ01400)."""
        from app.ls.errors import LSBusinessError
        from app.trading.reconcile import today

        t = _day(today())
        try:
            found = await load_reservations(self.client, (t - timedelta(days=days)).strftime("%Y%m%d"),
                                            t.strftime("%Y%m%d"))
        except LSBusinessError as exc:  # "no data" is an answer too
            log.info("reserved orders: %s", exc.rsp_msg)
            found = []
        except Exception as exc:
            log.warning("reserved orders not loaded: %s", exc)
            return self.reservations
        known = {r.rsv_no: r for r in self.reservations}
        for f in found:
            mine = known.get(f.rsv_no)
            f.start, f.end = (mine.start, mine.end) if mine is not None and not f.start else (f.start, f.end)
        self.reservations = found
        self._emit("reservations", found)
        if any(r.order_id and self.order(r.order_id) is None for r in found):
            # LS placed an order for a reservation and its push has not (yet) told us: ask the
            # server, so the working order is never missing from the book
            await self.reconcile()
        return found
