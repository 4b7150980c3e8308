"""The account pushes each order state change causes, in the order a broker sends them.

Stock:   new      AS0(01)                      then AS1(11) per fill
         modify   AS0(02) on the new number    then AS2(12)
         cancel   AS0(03) on the cancel number then AS3(13)
         reject   AS0(01) then AS4(14) (the exchange refused an accepted order)
Futures: new      TC1 HO01 then TC2 HO02       then TC3 CH01 per fill
         modify   TC1 HO01 (ordr_ccd 2)        then TC2 HO02 (ordr_ccd 2)
         cancel   TC1 HO01 (ordr_ccd 3)        then TC2 HO02 (ordr_ccd 3)
         reject   TC1 HO01 then TC2 HO03 with the reason in rfsl_cd / text
"""

from __future__ import annotations

from typing import Any

from app.sim.broker import accounts as acc
from app.sim.broker.accounts import Account
from app.sim.broker.events import (
    XCT_CANCEL, XCT_CANCELLED, XCT_FILL, XCT_MODIFIED, XCT_MODIFY, XCT_NEW, XCT_REJECTED,
    futures_event, stock_event,
)
from app.sim.broker.orders import REJECTED, Fill, Order
from app.sim.registry import Instrument


class Notifier:
    """Mixin of ``Broker``: builds the AS*/TC* bodies and queues them on ``self.pushes``."""

    pushes: Any
    clock: Any

    def stock_snapshot(self, acct: Account, symbol: str) -> dict[str, Any]:
        working = self.working_of(acct.app_key)
        pos = acct.stocks.get(symbol)
        qty = pos.qty if pos else 0
        avg = pos.avg_price if pos else 0
        cost = pos.cost if pos else 0
        sellable = acc.stock_sellable_all(acct, symbol, working)
        return {
            "sSecBalQty": qty, "sSecBalQtyD2": qty, "sSellAbleQty": sellable,
            "sSpotOrdAbleQty": sellable, "sUnercSellOrdQty": qty - sellable,
            "sAvrPchsPrc": avg, "sPchsAmt": cost, "sDeposit": acct.cash,
            "sOrdAbleMny": acc.stock_orderable(acct, working),
            "sCsgnMnyMgn": acc.stock_reserved(working),
        }

    def _hms(self) -> str:
        return self.clock().strftime("%H%M%S")

    def _stock(self, acct: Account, tr_cd: str, xct: str, order: Order, inst: Instrument,
               fill: Fill | None = None, **extra: Any) -> None:
        loan = acct.loans.get((order.symbol, order.loan_dt)) if order.loan_dt else None
        if loan is not None:  # a sale repaying a loan carries its credit code, as it was sent
            extra.setdefault("sMgntrnCode", loan.repay_code)
        body = stock_event(tr_cd, xct, order=order, inst=inst, acct_no=acct.acct_no,
                           seq=next(self._push_seq), now_hms=self._hms(),
                           snapshot=self.stock_snapshot(acct, inst.symbol), fill=fill, extra=extra)
        self.pushes.emit(acct.app_key, "stock", tr_cd, body)

    def _future(self, acct: Account, tr_cd: str, svc_id: str, order: Order, inst: Instrument,
                fill: Fill | None = None, position: Any = None, **extra: Any) -> None:
        body = futures_event(tr_cd, svc_id, order=order, inst=inst, acct_no=acct.fut_acct_no,
                             seq=next(self._push_seq), now_hms=self._hms(), fill=fill,
                             position=position, extra=extra)
        self.pushes.emit(acct.app_key, "futureoption", tr_cd, body)

    def _accepted(self, acct: Account, inst: Instrument, order: Order) -> None:
        if order.product == "stock":
            self._stock(acct, "AS0", XCT_NEW, order, inst)
        else:
            self._future(acct, "TC1", "HO01", order, inst)

    def _confirmed(self, acct: Account, inst: Instrument, order: Order) -> None:
        if order.product == "future":
            self._future(acct, "TC2", "HO02", order, inst)

    def _reject(self, acct: Account, inst: Instrument, order: Order, reason: tuple[str, str]) -> None:
        order.status = REJECTED
        order.reject_code, order.reject_msg = reason
        if order.product == "stock":
            self._stock(acct, "AS4", XCT_REJECTED, order, inst, sRjtQty=order.qty,
                        sRjtRsn=reason[1], sUnercQty=0)
        else:
            self._future(acct, "TC2", "HO03", order, inst, rfsl_cd=reason[0], text=reason[1],
                         cnfr_q="0")

    def _modified(self, acct: Account, inst: Instrument, orig: Order, order: Order) -> None:
        if order.product == "stock":
            self._stock(acct, "AS0", XCT_MODIFY, order, inst)
            self._stock(acct, "AS2", XCT_MODIFIED, order, inst, sMdfyCnfQty=order.qty,
                        sMdfyCnfPrc=order.price, sOrgOrdMdfyQty=orig.replaced,
                        sOrgOrdUnercQty=orig.remaining)
        else:
            self._future(acct, "TC1", "HO01", order, inst)
            self._future(acct, "TC2", "HO02", order, inst)

    def _cancelled(self, acct: Account, inst: Instrument, orig: Order, order: Order) -> None:
        if order.product == "stock":
            extra = {"sCancCnfQty": order.qty, "sOrgOrdCancQty": orig.cancelled,
                     "sOrgOrdUnercQty": orig.remaining, "sUnercQty": orig.remaining}
            self._stock(acct, "AS0", XCT_CANCEL, order, inst, **extra)
            self._stock(acct, "AS3", XCT_CANCELLED, order, inst, **extra)
        else:
            self._future(acct, "TC1", "HO01", order, inst)
            self._future(acct, "TC2", "HO02", order, inst)

    def _filled(self, acct: Account, inst: Instrument, order: Order, fill: Fill, pos: Any) -> None:
        if order.product == "stock":
            self._stock(acct, "AS1", XCT_FILL, order, inst, fill=fill,
                        sOrdPtnCode="01" if order.side == "1" else "02")
        else:
            self._future(acct, "TC3", "CH01", order, inst, fill=fill, position=pos,
                         now_prc=self.mark(inst.symbol))
