"""Reserved stock orders (COSAT00400 / COSAQ01400): stored now, sent when their window opens.

The simulated market is always open, so a reservation whose start date has come is placed as
a normal order at once (its result shows in COSAQ01400 with the order number); a later one
waits and is placed on the first broker activity on or after its start date. Status codes:
1 waiting, 2 sent, 3 cancelled, 4 refused when sent, 5 expired.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.sim.broker.orders import E_RSV, OrderError, ReservedOrder, fail

WAITING, SENT, CANCELLED, REFUSED, EXPIRED = "1", "2", "3", "4", "5"


class ReservedBook:
    def __init__(self, broker: Any):
        self.broker = broker
        self.items: dict[int, ReservedOrder] = {r.rsv_no: r for r in broker.store.load_reserved()}

    def of(self, app_key: str) -> list[ReservedOrder]:
        return [r for r in self.items.values() if r.app_key == app_key]

    def forget(self, app_key: str) -> None:
        self.items = {n: r for n, r in self.items.items() if r.app_key != app_key}

    def register(self, app_key: str, *, symbol: str, side: str, qty: int, price: Decimal,
                 price_type: str, market_code: str, start: str, end: str, loan_dt: str = "") -> ReservedOrder:
        broker = self.broker
        broker.account(app_key)
        inst = broker.instrument(symbol, "stock")
        if not isinstance(qty, int) or qty <= 0:
            raise fail(("02712", "주문수량을 확인하십시오. (quantity must be a positive integer)"))
        broker._check_price(inst, Decimal(price or 0), price_type)
        today = broker.clock().strftime("%Y%m%d")
        rsv = ReservedOrder(
            rsv_no=0, app_key=app_key, symbol=inst.symbol, side=side, qty=qty,
            price=Decimal(price or 0), price_type=price_type, market_code=market_code or inst.exchange,
            input_date=today, start_date=start or today, end_date=end or start or today, loan_dt=loan_dt)
        with broker.store.tx():
            rsv.rsv_no = broker._next("rsv")
            self.items[rsv.rsv_no] = rsv
            broker.store.save_reserved(rsv)
        self.release_due(app_key)
        return rsv

    def cancel(self, app_key: str, rsv_no: Any) -> ReservedOrder:
        try:
            rsv = self.items.get(int(rsv_no))
        except (TypeError, ValueError):
            rsv = None
        if rsv is None or rsv.app_key != app_key:
            raise fail(E_RSV)
        if rsv.status != WAITING:
            raise fail(("02719", "정정/취소 가능수량이 없습니다. (reservation already sent or cancelled)"))
        rsv.status = CANCELLED
        with self.broker.store.tx():
            self.broker.store.save_reserved(rsv)
        return rsv

    def release_due(self, app_key: str) -> None:
        """Place every waiting reservation of ``app_key`` whose window has opened."""
        today = self.broker.clock().strftime("%Y%m%d")
        for rsv in self.of(app_key):
            if rsv.status != WAITING:
                continue
            if rsv.end_date and rsv.end_date < today:
                rsv.status = EXPIRED
            elif rsv.start_date <= today:
                try:
                    order = self.broker.place(app_key, "stock", rsv.symbol, rsv.side, rsv.qty,
                                              rsv.price, rsv.price_type, rsv.market_code, rsv.loan_dt)
                except OrderError as exc:
                    rsv.status = REFUSED
                    rsv.extra = {"error": exc.message}
                else:
                    rsv.status = SENT
                    rsv.ord_no = order.ord_no
            else:
                continue
            with self.broker.store.tx():
                self.broker.store.save_reserved(rsv)
