"""The order manager: the one place that submits, modifies and cancels orders (stocks COSAT00301 /
COSAT00311, COSMT00300 for a sale repaying a loan holding; futures/options CIDBT00100 / CIDBT00900 /
CIDBT01000), keeps the day's orders and fills from the TR answers and the account pushes, journals
everything, and reconciles with the server at start and after every reconnect.

Panels listen with ``add_listener(cb)``: ``cb("order", Order)`` after any change of an order,
``cb("fill", Fill)`` once per new fill.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.trading import order_validation as ov
from app.trading.journal import Journal, journal_path
from app.trading.order_blocks import modify_call, new_block, repay_lot, repay_problems, stock_new_call
from app.trading.order_cancel import OrderCancel
from app.trading.order_events import EventApplier
from app.trading.order_power import FuturesOrderable
from app.trading.order_reserved import Reservation, ReservedMixin
from app.trading.order_sync import FUTURES_PUSHES, STOCK_PUSHES, OrderSync
from app.trading.order_state import (  # noqa: F401 - OrderRejected: where callers import it
    MARKET_LIKE, Fill, Order, OrderBook, OrderRejected, canon, product,
)
from app.trading.order_validation import Draft
from app.trading.reconcile import today

log = logging.getLogger(__name__)
Listener = Callable[[str, Any], Any]


CONFIRM_WAIT_S = 3.0  # a modify/cancel confirmed by no push within this long triggers a reconcile


class OrderManager(ReservedMixin, OrderSync, OrderCancel):
    def __init__(self, client: Any, instruments: Any, *, hub: Any = None, mode: str = "demo",
                 data_dir: Path | str | None = None, prefs: Any = None,
                 tr: Callable[[str], str] = lambda s: s):
        self.client = client
        self.instruments = instruments
        self.hub = hub
        self.mode = mode
        self.data_dir = data_dir
        self.prefs = prefs
        self.tr = tr
        self.book = OrderBook()
        self.events = EventApplier(self.book, today, self._market_of)
        self.journal: Journal | None = None
        self.account = ""
        self.buying_power: Decimal | None = None  # stock orderable USD (COSOQ02701, then pushes)
        self.reservations: list[Reservation] = []  # reserved stock orders (COSAT00400 / COSAQ01400)
        self.orderable = FuturesOrderable(client)  # futures/options: CIDBQ01400 per symbol and side
        self.holdings: Callable[[str], Any] | None = None  # the portfolio's position(symbol): loan lots
        self.krw_rate: Callable[[str], Any] | None = None  # the portfolio's won per unit of a currency
        self._listeners: list[Listener] = []
        self._inflight: set[tuple] = set()
        self._cancel_answered: set[int] = set()  # keys of orders in flight a cancel asked for (see cancel_all)
        self._modifying: set[int] = set()  # keys of orders whose modify is out, not answered yet
        self._handles: list[Any] = []
        self._tasks: set[asyncio.Task] = set()  # background work (reservations after a reconnect)
        self._reconciling: asyncio.Task | None = None
        self._again = False
        self._was_down: dict[str, bool] = {}
        self.reconciles = 0
        self.started = False
        self._watcher = hub.watcher("orders") if hub is not None else None

    # ---- lifecycle ---------------------------------------------------------------------------
    async def start(self, *, futures: bool = True, reconcile: bool = True) -> None:
        """Account and buying power, journal reload, account pushes, then reconcile."""
        day = today()
        await self._load_account()
        if self.data_dir is not None:
            self.journal = Journal(journal_path(self.data_dir, self.mode, self.account))
            orders, fills = self.journal.load(day)
            for o in orders:
                self.book.add(o)
            for f in fills:
                o = next((x for x in orders if x.id == f.order_id and x.symbol == f.symbol), None)
                self.book.fills.append(f)
                if o is not None:
                    self.book.exec_ids.add(self.book.exec_key(o, f.exec_id))
            if orders:
                log.info("order journal: %d orders, %d fills reloaded", len(orders), len(fills))
        await self._listen(futures)
        self.started = True
        if reconcile:
            await self.reconcile()
            await self.load_reserved()

    async def _load_account(self) -> None:
        from app.ls.models import COSOQ02701

        try:
            resp = await self.client.overseas_stock().accno().COSOQ02701(
                COSOQ02701.COSOQ02701InBlock1(CrcyCode="USD")).req_async()
            if resp.COSOQ02701OutBlock1 is not None:
                self.account = resp.COSOQ02701OutBlock1.AcntNo or ""
            usd = next((r for r in resp.COSOQ02701OutBlock3 if r.CrcyCode in ("USD", "")), None)
            if usd is not None and usd.FcurrOrdAbleAmt is not None:
                self.buying_power = Decimal(usd.FcurrOrdAbleAmt)
        except Exception as exc:
            log.warning("orderable amount not loaded: %s", exc)

    async def _listen(self, futures: bool) -> None:
        real = self.client.overseas_stock().real()
        for tr_cd in STOCK_PUSHES:
            self._handles.append(real.add_listener(tr_cd, self._on_stock_push))
        self._handles.append(real.add_state_listener(lambda s: self._on_link("stock", s)))
        self._handles.append(real.add_skip_listener(self._on_skipped))
        await real.connect()
        await real.session.register_account("AS0")
        if futures:
            freal = self.client.overseas_futureoption().real()
            for tr_cd in FUTURES_PUSHES:
                self._handles.append(freal.add_listener(tr_cd, lambda r, t=tr_cd: self._on_futures_push(t, r)))
            self._handles.append(freal.add_state_listener(lambda s: self._on_link("futures", s)))
            self._handles.append(freal.add_skip_listener(self._on_skipped))
            try:
                await freal.connect()
                await freal.session.register_account("TC1")
            except Exception as exc:
                log.warning("futures account pushes not available: %s", exc)

    async def close(self) -> None:
        self.started = False
        for h in self._handles:
            try:
                h()
            except Exception:
                pass
        self._handles.clear()
        for task in list(self._tasks):
            task.cancel()
        if self._reconciling is not None:
            self._reconciling.cancel()
            try:  # let it finish unwinding before the journal it writes to closes
                await self._reconciling
            except BaseException:  # noqa: BLE001 - cancelled or failed: either way it is done
                pass
        if self._watcher is not None:
            self._watcher.close()
        self.orderable.close()
        if self.journal is not None:
            self.journal.close()

    # ---- queries ------------------------------------------------------------------------------
    def add_listener(self, cb: Listener) -> Callable[[], None]:
        self._listeners.append(cb)
        return lambda: self._listeners.remove(cb) if cb in self._listeners else None

    def orders(self, symbol: str | None = None) -> list[Order]:
        return [o for o in self.book.orders() if symbol is None or o.symbol == symbol]

    def working(self, symbol: str | None = None) -> list[Order]:
        return [o for o in self.orders(symbol) if o.working]

    def fills(self, symbol: str | None = None) -> list[Fill]:
        return [f for f in self.book.fills if symbol is None or f.symbol == symbol]

    def order(self, order_id: Any) -> Order | None:
        if isinstance(order_id, Order):
            return order_id
        found = self.book.find(order_id)
        working = [o for o in found if o.working]
        return (working or found or [None])[0]

    def working_by_price(self, symbol: str) -> dict[Decimal, tuple[int, int]]:
        out: dict[Decimal, tuple[int, int]] = {}
        for o in self.working(symbol):
            if o.price is None or o.price_type in MARKET_LIKE:
                continue
            buy, sell = out.get(o.price, (0, 0))
            left = o.remaining
            out[o.price] = (buy + left, sell) if o.side == "buy" else (buy, sell + left)
        return out

    # ---- validation ---------------------------------------------------------------------------
    def _market_of(self, symbol: str) -> str:
        inst = self.instruments.get(symbol) if self.instruments is not None else None
        return inst.market if inst is not None else "stock"

    def last_price(self, symbol: str) -> float | None:
        """The live last price (the symbol is watched from its first check on)."""
        if self._watcher is not None and symbol:
            self._watcher.watch(symbol)
        q = self.hub.quote(symbol) if self.hub is not None else None
        return q.last if q is not None else None

    def validate(self, draft: Draft) -> list[str]:
        d = draft.normalized()
        inst = self.instruments.get(d.symbol) if d.symbol else None
        out = ov.problems(d, inst, self.tr, self.buying_power)
        out += [] if out else repay_problems(self.holdings, d.symbol, d.side, d.qty, self.tr)
        qty, able = ov.as_int(d.qty), self.orderable.qty(d.symbol, d.side)
        if not out and inst.market != "stock" and able is not None and qty > able:
            out.append(self.tr("Quantity: at most {n} contracts can be ordered now (margin).").format(n=f"{able:,}"))
        return out

    def usd_per(self, currency: str) -> Decimal | None:
        """US dollars per unit of ``currency`` from the won rates LS reports (None: not known)."""
        rate = self.krw_rate
        ccy, usd = (currency or "USD").upper(), rate("USD") if rate is not None else None
        if ccy == "USD":
            return Decimal(1)
        theirs = rate(ccy) if rate is not None else None
        return Decimal(theirs) / Decimal(usd) if theirs and usd else None

    def limit_warnings(self, draft: Draft) -> list[str]:
        d = draft.normalized()
        inst = self.instruments.get(d.symbol) if d.symbol else None
        last = self.last_price(d.symbol)
        out = ov.limit_warnings(d, inst, last, ov.limits_for(self.prefs, self.mode), self.tr,
                                self.usd_per(inst.currency) if inst is not None else None)
        if last is None and d.price_type not in MARKET_LIKE and ov.limits_for(self.prefs, self.mode)["max_distance_pct"]:
            out.append(self.tr("Price: there is no last price yet to check the distance against."))
        return out

    def check(self, d: Draft, confirmed_limits: bool, more: list[str] | None = None) -> None:
        """Raise OrderRejected (nothing is sent) on a problem, or a limit not confirmed."""
        errors = self.validate(d) + (more or [])
        if errors:
            raise OrderRejected(errors)
        warnings = [] if confirmed_limits else self.limit_warnings(d)
        if warnings:
            raise OrderRejected(warnings, "limits")

    # ---- orders -------------------------------------------------------------------------------
    async def submit(self, draft: Draft, *, confirmed_limits: bool = False) -> Order:
        """Validate and send a new order; returns it (accepted, or rejected with LS's reason).
        Raises OrderRejected, with nothing sent, when a check fails."""
        d = draft.normalized()
        inst = self.instruments.get(d.symbol) if d.symbol else None
        if inst is not None and inst.market != "stock" and d.side in ("buy", "sell"):
            await self.orderable.wait_for(inst, d.side)  # known already unless this is the first
        self.check(d, confirmed_limits)
        inst = self.instruments.get(d.symbol)
        qty = ov.as_int(d.qty)
        price = None if d.price_type in MARKET_LIKE else ov.as_price(d.price)
        sig = (d.symbol, d.side, qty, price, d.price_type)
        if sig in self._inflight:
            raise OrderRejected([self.tr("Order: the same order is already being sent.")], "duplicate")
        try:
            block = new_block(inst, d.side, qty, price, d.price_type,
                              repay_lot(self.holdings, d.symbol, d.side), self.account)
        except Exception as exc:  # the client core's order rules
            raise OrderRejected([str(exc).splitlines()[-1]]) from None
        order = Order(key=self.book.new_key(), symbol=d.symbol, market=inst.market, side=d.side, qty=qty,
                      price=price, price_type=d.price_type, day=today())
        self.book.add(order)
        self._inflight.add(sig)
        self._journal("action", order.key, {"do": "new", **order.to_json()})
        self._emit_order(order)
        try:
            await self._send(order, block, inst)
        finally:
            self._inflight.discard(sig)
        self._cancel_if_asked(order)
        return order

    async def _send(self, order: Order, block: Any, inst: Any) -> None:
        from app.ls.errors import LSBusinessError

        try:
            if inst.market == "stock":
                resp = await stock_new_call(self.client, block).req_async()
                out = next((getattr(resp, n) for n in type(resp).OUT_BLOCKS if n.endswith("OutBlock2")), None)
                number = out.OrdNo if out is not None else None
            else:
                resp = await self.client.overseas_futureoption().order().CIDBT00100(block).req_async()
                out = resp.CIDBT00100OutBlock2
                number = out.OvrsFutsOrdNo if out is not None else None
        except LSBusinessError as exc:
            order.rejected = True
            order.reason = exc.rsp_msg
            self._journal("error", order.key, {"tr": exc.tr_cd, "code": exc.rsp_cd, "msg": exc.rsp_msg})
            self._emit_order(order)
            return
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the answer is lost: the order may or may not be at the exchange
            order.reason = self.tr("No answer from the server; checking the order book.")
            self._journal("error", order.key, {"lost": str(exc)})
            self._emit_order(order)
            self.schedule_reconcile()
            return
        self._journal("answer", order.key, {"number": str(number)})
        self._numbered(order, number)

    def _numbered(self, order: Order, number: Any) -> None:
        """The answer's order number; a push may have created a record for it first: merge."""
        prod = product(order.market)
        other = self.book.get(prod, number)
        if other is not None and other is not order:
            for name in ("filled", "fill_value", "cancelled", "rejected", "replaced_by", "reason"):
                setattr(order, name, getattr(other, name))
            order.acked = True
            self.book.forget(other)
            self._emit_order(other)  # rows keyed on the stray record drop it (state unchanged)
        self.book.number(order, number)
        order.acked = True
        order.reason = "" if not order.rejected else order.reason
        self._emit_order(order)

    async def modify(self, order_id: Any, *, price: Any = None, qty: Any = None) -> Order:
        """Change the price (and/or reduce the quantity) of a working order. LS gives the modified
        order a new number: the returned order carries it; the original ends as replaced."""
        orig = self.order(order_id)
        if orig is None or not orig.working or not orig.id:
            raise OrderRejected([self.tr("Order: there is no working order {id}.").format(id=order_id)], "unknown")
        new_price = ov.as_price(price) if price is not None else orig.price
        new_qty = ov.as_int(qty) if qty is not None else orig.remaining
        if new_qty is not None and orig.remaining and new_qty > orig.remaining:
            raise OrderRejected([self.tr("Quantity: a modify can only reduce the quantity (at most {n}).").format(
                n=orig.remaining)])
        draft = Draft(orig.symbol, orig.side, new_qty, new_price, "limit" if orig.price_type in MARKET_LIKE
                      else orig.price_type)
        errors = ov.problems(draft, self.instruments.get(orig.symbol), self.tr)
        if errors:
            raise OrderRejected(errors)
        if orig.pending:
            raise OrderRejected([self.tr("Order: a change of this order is already being sent.")], "duplicate")
        inst = self.instruments.get(orig.symbol)
        new = Order(key=self.book.new_key(), symbol=orig.symbol, market=orig.market, side=orig.side,
                    qty=new_qty, price=new_price, price_type=draft.price_type, origin=orig.id, day=today())
        call = modify_call(self.client, inst, orig, new_qty, new_price, draft.price_type)
        self.book.add(new)
        orig.pending = "modify"
        self._journal("action", orig.key, {"do": "modify", "id": orig.id, "price": str(new_price), "qty": new_qty})
        self._emit_order(orig)
        self._modifying.add(orig.key)
        try:
            ok, number = await self._change(orig, call)
        finally:
            self._modifying.discard(orig.key)
        if not ok:
            self.book.forget(new)
            self._cancel_answered.discard(new.key)
            self._cancel_if_asked(orig)
            return orig
        self._numbered(new, number)
        if orig.key in self._cancel_answered:  # a cancel asked for the order while it was being modified
            self._cancel_answered.discard(orig.key)
            self._cancel_answered.add(new.key)
        self._cancel_if_asked(new)
        return new

    async def _change(self, orig: Order, call: Any) -> tuple[bool, Any]:
        """Send a modify or cancel of ``orig``; on a refusal the original keeps working."""
        from app.ls.errors import LSBusinessError

        try:
            resp = await call.req_async()
        except LSBusinessError as exc:
            orig.pending = ""
            orig.reason = exc.rsp_msg
            self._journal("error", orig.key, {"tr": exc.tr_cd, "code": exc.rsp_cd, "msg": exc.rsp_msg})
            self._emit_order(orig)
            self.schedule_reconcile()  # LS may refuse because the order just filled
            return False, None
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            self._journal("error", orig.key, {"lost": str(exc)})
            self.schedule_reconcile()
            return False, None
        out = next((getattr(resp, n) for n in type(resp).OUT_BLOCKS if n.endswith("OutBlock2")), None)
        number = getattr(out, "OrdNo", None) or getattr(out, "OvrsFutsOrdNo", None)
        self._journal("answer", orig.key, {"number": str(number)})
        if orig.pending == "cancel":
            self.events.cancel_ids.add((product(orig.market), canon(number)))
        orig.reason = ""
        # The confirmation is a push; should it never come, the server's order list settles it.
        asyncio.get_running_loop().call_later(CONFIRM_WAIT_S, self._confirm_overdue, orig)
        return True, number

    def _confirm_overdue(self, order: Order) -> None:
        if order.pending and self.started and order.working:
            log.info("no confirmation of the %s of order %s: reconciling", order.pending, order.id)
            self.schedule_reconcile()

    # ---- events -------------------------------------------------------------------------------
    def _journal(self, kind: str, ref: Any, body: Any) -> None:
        if self.journal is not None:
            self.journal.append(kind, ref, body, today())

    def _emit_order(self, order: Order) -> None:
        order.touch()
        if self.journal is not None:
            self.journal.order(order)
        self._emit("order", order)

    def _emit(self, kind: str, item: Any) -> None:
        for cb in list(self._listeners):
            try:
                cb(kind, item)
            except Exception:
                log.exception("order listener failed")
