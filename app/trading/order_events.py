"""How each account push (AS0–AS4 stocks, TC1–TC3 futures/options) and each reconciliation record
changes the order book. Every handler is idempotent: a repeated or late event changes nothing
it already said, an event for an order not seen yet creates it (adopting the local draft that
is waiting for its number), and a fill is counted once per execution number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.trading.order_state import STOCK_TYPES, Fill, Order, OrderBook, canon, product
from app.trading.reconcile import ServerFill, ServerOrder
from app.trading.trading_hours import ls_stamp


@dataclass
class Changes:
    orders: list[Order] = field(default_factory=list)
    fills: list[tuple[Fill, str]] = field(default_factory=list)  # (fill, exec id it replaces)

    def touch(self, order: Order) -> None:
        order.touch()
        if order not in self.orders:
            self.orders.append(order)


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


class EventApplier:
    """Applies pushes and server records to ``book``; ``day()`` is the order date of new orders."""

    def __init__(self, book: OrderBook, day: Callable[[], str], market_of: Callable[[str], str]):
        self.book = book
        self.day = day
        self.market_of = market_of  # symbol -> "stock" | "futures" | "option"
        self.cancel_ids: set[tuple[str, str]] = set()  # numbers of cancel requests (not orders)

    # ---- finding orders ------------------------------------------------------------------
    def resolve(self, prod: str, number: Any, *, symbol: str, side: str, qty: int,
                price: Decimal | None, price_type: str, origin: str = "") -> Order:
        """The order of ``number``: known, the local draft waiting for it, or a new record."""
        order = self.book.get(prod, number)
        if order is not None:
            return order
        for o in self.book.orders():
            if (not o.id and not o.rejected and product(o.market) == prod and o.symbol == symbol
                    and o.side == side and o.origin == origin and (origin or o.qty == qty)):
                self.book.number(o, number)
                return o
        o = Order(key=self.book.new_key(), symbol=symbol, market=self.market_of(symbol), side=side,
                  qty=qty, price=price, price_type=price_type, origin=origin, day=self.day())
        o.acked = True
        self.book.add(o)
        self.book.number(o, number)
        return o

    def _fill(self, ch: Changes, order: Order, exec_id: str, qty: int, price: Decimal, when: str,
              cum: int | None = None) -> None:
        if not exec_id or qty <= 0 or self.book.seen(order, exec_id):
            return
        digits = (when or "").strip()
        hms = digits[8:14] if len(digits) >= 14 else digits[:6]  # a query's date and time: the time
        fill = Fill(order.id, order.symbol, order.side, qty, price, hms, exec_id, ls_stamp(digits))
        if cum is not None and order.filled >= cum:
            # a reconciliation booked this quantity already: swap its stand-in for the real fill
            for old in self.book.fills:
                if old.order_id == order.id and old.exec_id.startswith("R:") and old.qty == qty:
                    replaced = old.exec_id
                    if self.book.replace_synthetic(order, fill):
                        ch.fills.append((fill, replaced))
                        ch.touch(order)
                    return
            return
        if self.book.apply_fill(order, fill):
            ch.fills.append((fill, ""))
            ch.touch(order)

    # ---- stocks: AS0–AS4 -----------------------------------------------------------------
    def stock_push(self, b: Any) -> Changes:
        ch = Changes()
        xct, ptn = b.sOrdxctPtnCode, b.sOrdPtnCode
        no, org = canon(b.sOrdNo), canon(b.sOrgOrdNo)
        if not no:
            return ch
        symbol = (b.sShtnIsuNo or b.sIsuNo or "").strip()
        if symbol[:2] in ("81", "82") and len(symbol) > 2 and not b.sShtnIsuNo:
            symbol = symbol[2:]
        side = "sell" if b.sBnsTp == "1" else "buy"
        ptype = STOCK_TYPES.get(b.sOrdprcPtnCode, "limit")
        price = _dec(b.sOrdPrc) if ptype not in ("market", "moo", "moc") else None

        def order(origin: str = "") -> Order:
            return self.resolve("stock", no, symbol=symbol, side=side, qty=_int(b.sOrdQty),
                                price=price, price_type=ptype, origin=origin)

        if xct in ("03", "13") or (ptn == "08" and xct not in ("11", "14")):  # a cancel request: its number is not an order
            self.cancel_ids.add(("stock", no))
            orig = self.book.get("stock", org)
            if orig is None:
                return ch
            if xct == "13":
                done = max(_int(b.sOrgOrdCancQty), _int(b.sCancCnfQty))
                if done > orig.cancelled:
                    orig.cancelled = done
                if orig.filled + orig.cancelled >= orig.qty:
                    orig.pending = ""
            elif orig.working:
                orig.pending = "cancel"
            orig.acked = True
            ch.touch(orig)
            return ch
        if xct in ("02", "12"):  # a modify: a new number takes over the original
            o = order(org)
            o.acked = True
            if xct == "12":
                confirmed = _int(b.sMdfyCnfQty)
                if confirmed:
                    o.qty = confirmed
                orig = self.book.get("stock", org)
                if orig is not None and not orig.replaced_by:
                    orig.replaced_by = o.id
                    orig.pending = ""
                    ch.touch(orig)
            ch.touch(o)
            return ch
        o = order(org if ptn == "07" else "")
        if o.origin and _int(b.sOrdQty) > 0:  # a modify the exchange cut to what was really left
            o.qty = _int(b.sOrdQty)
        if xct == "14":
            o.rejected = True
            o.reason = (b.sRjtRsn or "").strip()
            o.pending = ""
        elif xct == "11":
            cum = _int(b.sOrdQty) - _int(b.sUnercQty) if b.sUnercQty is not None else None
            self._fill(ch, o, canon(b.sExecNO) or (b.sAbrdExecId or "").strip(), _int(b.sExecQty),
                       Decimal(str(b.sExecPrc or 0)), b.sExecTime or "", cum)
        o.acked = True
        ch.touch(o)
        return ch

    # ---- futures/options: TC1–TC3 ----------------------------------------------------------
    def futures_push(self, tr_cd: str, b: Any) -> Changes:
        ch = Changes()
        no, org = canon(b.ordr_no), canon(b.orgn_ordr_no)
        if not no:
            return ch
        ccd = b.ordr_ccd
        symbol = (b.is_cd or "").strip()
        side = "sell" if b.s_b_ccd == "1" else "buy"
        if ccd == "3":
            self.cancel_ids.add(("futures", no))
            orig = self.book.get("futures", org)
            if orig is None:
                return ch
            if tr_cd == "TC2" and b.svc_id == "HO02":
                done = _int(getattr(b, "cnfr_q", 0)) or _int(getattr(b, "ordr_q", 0))
                orig.cancelled = max(orig.cancelled, min(done, orig.qty - orig.filled))
                orig.pending = ""
            elif orig.working:
                orig.pending = "cancel"
            orig.acked = True
            ch.touch(orig)
            return ch
        market = getattr(b, "ordr_typ_cd", "2") == "1"
        o = self.resolve("futures", no, symbol=symbol, side=side, qty=_int(getattr(b, "ordr_q", 0)),
                         price=None if market else _dec(getattr(b, "ordr_prc", None)),
                         price_type="market" if market else "limit",
                         origin=org if ccd == "2" else "")
        o.acked = True
        if o.origin and _int(getattr(b, "ordr_q", 0)) > 0:  # a modify cut to what was really left
            o.qty = _int(b.ordr_q)
        if tr_cd == "TC2" and b.svc_id == "HO03":
            o.rejected = True
            o.reason = (b.text or b.rfsl_cd or "").strip()
            o.pending = ""
        elif ccd == "2" and tr_cd == "TC2":
            orig = self.book.get("futures", org)
            if orig is not None and not orig.replaced_by:
                orig.replaced_by = o.id
                orig.pending = ""
                ch.touch(orig)
        elif tr_cd == "TC3":
            self._fill(ch, o, canon(b.ccls_no), _int(b.ccls_q), Decimal(str(b.ccls_prc or 0)),
                       b.ccls_tm or "")
        ch.touch(o)
        return ch

    # ---- reconciliation ------------------------------------------------------------------
    def server(self, records: list[ServerOrder], fills: list[ServerFill]) -> Changes:
        ch = Changes()
        by_id = {(product(r.market), r.id): r for r in records}
        for r in sorted(records, key=lambda r: int(r.id) if r.id.isdigit() else 0):
            prod = product(r.market)
            if r.kind == "cancel":
                self.cancel_ids.add((prod, r.id))
                continue
            fresh = self.book.get(prod, r.id) is None  # placed elsewhere, or its answer was lost
            o = self.resolve(prod, r.id, symbol=r.symbol, side=r.side, qty=r.qty, price=r.price,
                             price_type=r.price_type, origin=r.origin if r.kind == "modify" else "")
            before = (o.acked, o.rejected, o.cancelled, o.replaced_by, o.pending, o.filled)
            if fresh:
                ch.touch(o)
            o.acked = True
            if r.kind == "modify" and r.qty and r.qty != o.qty:
                o.qty = r.qty  # the exchange cuts a modify to what was left: its quantity is the one
            if r.closed_as == "rejected":
                o.rejected = True
            elif r.closed_as == "replaced":
                newer = next((x for x in records if x.kind == "modify" and x.origin == r.id), None)
                o.replaced_by = o.replaced_by or (newer.id if newer else "?")
            elif r.closed_as == "cancelled":
                o.cancelled = max(o.cancelled, r.qty - r.filled)
            if r.closed_as or (r.filled >= r.qty and r.qty):
                o.pending = ""
            if prod == "stock" and r.filled > o.filled:
                delta = r.filled - o.filled
                total = (r.avg_price or r.price or Decimal(0)) * r.filled
                price = (total - o.fill_value) / delta if r.avg_price else (r.price or Decimal(0))
                self._fill(ch, o, f"R:{o.id}:{r.filled}", delta, price.quantize(Decimal("0.0001")), "")
            if (o.acked, o.rejected, o.cancelled, o.replaced_by, o.pending, o.filled) != before:
                ch.touch(o)
        for f in fills:
            o = self.book.get("futures", f.order_id)
            if o is not None:
                self._fill(ch, o, f.exec_id, f.qty, f.price, f.time)
        del by_id
        return ch
