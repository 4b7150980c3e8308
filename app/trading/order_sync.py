"""The order manager's side of the account pushes and the reconciliation: each AS0–AS4 / TC1–TC3
push and each server snapshot goes through the event applier, is journaled, and its changes are
told to the listeners; a reconciliation runs at start, after every reconnect, after a lost
answer and after an account push that could not be read (one at a time, again if asked meanwhile)."""

from __future__ import annotations

import asyncio
import logging
from decimal import Decimal
from typing import Any

from app.trading.order_events import Changes
from app.trading.order_state import product
from app.trading.reconcile import futures_orders, stock_orders, today

log = logging.getLogger("app.trading.orders")
STOCK_PUSHES = ("AS0", "AS1", "AS2", "AS3", "AS4")
FUTURES_PUSHES = ("TC1", "TC2", "TC3")


class OrderSync:
    """Mixed into OrderManager (which provides the book, journal, listeners and client)."""

    client: Any
    events: Any
    book: Any
    journal: Any
    started: bool
    reconciles: int
    buying_power: Decimal | None
    _reconciling: asyncio.Task | None
    _again: bool
    _was_down: dict[str, bool]
    _inflight: set
    _cancel_answered: set  # keys of orders a cancel asked for before they were numbered (orders.py)
    _modifying: set
    _handles: list
    _tasks: set
    orderable: Any

    def _on_link(self, prod: str, state: Any) -> None:
        name = getattr(state, "value", str(state))
        if name in ("reconnecting", "closed"):
            self._was_down[prod] = True
        elif name == "connected" and self._was_down.pop(prod, False):
            log.info("%s realtime back: reconciling orders", prod)
            self.schedule_reconcile()
            if prod == "stock" and self.started:  # reservations LS sent or expired meanwhile
                self._tasks.add(task := asyncio.ensure_future(self.load_reserved()))
                task.add_done_callback(self._tasks.discard)

    def _on_skipped(self, tr_cd: str) -> None:
        if tr_cd in STOCK_PUSHES or tr_cd in FUTURES_PUSHES:  # what it told is lost: ask the server
            log.warning("an unreadable %s push: reconciling orders", tr_cd)
            self.schedule_reconcile()

    # ---- pushes and reconciliation ---------------------------------------------------------
    def _on_stock_push(self, resp: Any) -> None:
        body = resp.body
        if body is None:
            return
        self._journal("push", getattr(body, "sOrdNo", ""), body.model_dump(exclude_defaults=True))
        able = getattr(body, "sOrdAbleMny", None)
        if able is not None:
            self.buying_power = Decimal(able)
        self._apply(self.events.stock_push(body))

    def _on_futures_push(self, tr_cd: str, resp: Any) -> None:
        body = resp.body
        if body is None:
            return
        self._journal("push", getattr(body, "ordr_no", ""), {"tr": tr_cd, **body.model_dump(exclude_defaults=True)})
        self._apply(self.events.futures_push(tr_cd, body))
        self.orderable.changed()  # the margin moved: the orderable quantities are asked again

    def _apply(self, ch: Changes) -> None:
        for fill, replaces in ch.fills:
            if self.journal is not None:
                self.journal.fill(fill, today(), replaces)
        for order in ch.orders:
            self._emit_order(order)
        for order in ch.orders:  # numbered at last by a push or the reconciliation: a cancel asked for it
            if order.key in self._cancel_answered and order.key not in self._modifying:
                self._cancel_if_asked(order)
        for fill, replaces in ch.fills:
            if not replaces:
                self._emit("fill", fill)

    def schedule_reconcile(self) -> asyncio.Task | None:
        if not self.started:
            return None
        if self._reconciling is not None and not self._reconciling.done():
            self._again = True
            return self._reconciling
        self._reconciling = asyncio.ensure_future(self.reconcile())
        return self._reconciling

    async def reconcile(self) -> None:
        """Merge the server's view of today's orders and fills into ours."""
        while True:
            self._again = False
            day = today()
            records, fills = [], []
            try:
                records += await stock_orders(self.client, day)
            except Exception as exc:
                log.warning("stock order reconciliation failed: %s", exc)
            if any(o.market != "stock" for o in self.book.orders()) or self._handles_futures():
                try:
                    more, fills = await futures_orders(self.client, day)
                    records += more
                except Exception as exc:
                    log.warning("futures order reconciliation failed: %s", exc)
            ch = self.events.server(records, fills)
            known = {(product(r.market), r.id) for r in records}
            for o in self.book.orders():  # sent, answer lost, and the server never heard of it
                if (not o.id and not o.rejected and o.reason and (product(o.market), o.id) not in known
                        and not any(s[0] == o.symbol and s[2] == o.qty for s in self._inflight)):
                    o.rejected = True
                    o.reason = self.tr("The order did not reach the exchange.")
                    ch.touch(o)
            self.reconciles += 1
            self._journal("reconcile", "", {"orders": len(records), "fills": len(fills),
                                            "changed": [o.key for o in ch.orders]})
            self._apply(ch)
            if not self._again:
                return

    def _handles_futures(self) -> bool:
        return any(getattr(h, "tr_cd", "") in FUTURES_PUSHES for h in self._handles)

