"""Cancelling orders for the order manager: one order, or all working ones (of a symbol or side),
and an order still in flight (no number yet, or being modified) cancelled the moment it is
numbered, by its answer, a push or a reconciliation."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from app.trading.order_blocks import cancel_call
from app.trading.order_state import Order, OrderRejected

log = logging.getLogger("app.trading.orders")


class OrderCancel:
    """Mixed into OrderManager (which provides the book, journal, listeners, client and `_change`)."""

    client: Any
    instruments: Any
    journal: Any
    _cancel_answered: set  # keys of orders a cancel asked for while they were in flight
    _modifying: set
    _tasks: set

    async def cancel(self, order_id: Any) -> Order:
        orig = self.order(order_id)
        if orig is not None and orig.working and self._in_flight(orig):
            self._cancel_answered.add(orig.key)  # in flight: cancelled the moment it is answered
            return orig
        if orig is None or not orig.working or not orig.id:
            raise OrderRejected([self.tr("Order: there is no working order {id}.").format(id=order_id)], "unknown")
        if orig.pending == "cancel":
            return orig  # already on its way: a second key press sends nothing
        await self._change(orig, self._cancelling(orig))
        return orig

    def _cancelling(self, orig: Order) -> Any:
        """Mark ``orig`` as being cancelled (journal, listeners); returns the call to send."""
        call = cancel_call(self.client, self.instruments.get(orig.symbol), orig)
        orig.pending = "cancel"
        self._journal("action", orig.key, {"do": "cancel", "id": orig.id})
        self._emit_order(orig)
        return call

    def _in_flight(self, order: Order) -> bool:
        """Sent and not answered yet: a new order without its number, or one being modified."""
        return not order.id or order.key in self._modifying

    def _cancel_if_asked(self, order: Order) -> None:
        """Cancel ``order``, now answered, if a cancel asked for it while it was in flight."""
        if order.key not in self._cancel_answered:
            return
        if not order.id and order.working:  # its answer was lost: a push or a reconciliation numbers it
            return  # (and `_apply` cancels it then)
        self._cancel_answered.discard(order.key)
        if order.working and order.id and order.pending != "cancel":
            task = asyncio.ensure_future(self._cancel_quietly(order))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    async def _cancel_quietly(self, order: Order) -> None:
        try:
            await self.cancel(order)
        except OrderRejected as exc:  # filled or gone meanwhile
            log.info("cancel of order %s after its answer: %s", order.id, exc)

    async def cancel_all(self, symbol: str | None = None, side: str | None = None) -> list[Order]:
        """Cancel every working order (of ``symbol`` / ``side``); the calls run concurrently and
        the client core paces them to the TR's rate limit."""
        mine = [o for o in self.working(symbol) if side is None or o.side == side]
        # An order still on its way (no number yet, or being modified) cannot be cancelled yet:
        # it is cancelled the moment its answer comes (QA: one sent or modified just before
        # Cancel all kept working at the exchange).
        self._cancel_answered.update(o.key for o in mine if self._in_flight(o))
        targets = [o for o in mine if o.id and not o.pending]
        # every row shows "cancelling" first, journaled in one commit; then the calls go out
        with self.journal.batch() if self.journal is not None else contextlib.nullcontext():
            calls = [self._cancelling(o) for o in targets]
        results = await asyncio.gather(*(self._change(o, c) for o, c in zip(targets, calls)),
                                       return_exceptions=True)
        for r in results:
            if isinstance(r, Exception) and not isinstance(r, OrderRejected):
                log.warning("cancel failed: %s", r)
        return targets
