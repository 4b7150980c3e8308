"""How one fill moves a position, its realised P&L and the stock account's cash (a mixin of `PortfolioService`).

The push's own figures after the fill (size, average, cost, deposit) are used when it has them:
they are absolute, so applying the same push twice changes nothing; the arithmetic (weighted
average on adding, the average kept on reducing, the fill price after a flip) stands in for
what it lacks.
"""

from __future__ import annotations

import asyncio
import logging
from decimal import Decimal
from typing import Any

from app.trading.portfolio_fills import FillEvent, FillLedger
from app.trading.portfolio_model import Balance, Position, dec, point_value

log = logging.getLogger(__name__)


class FillApplier:
    ledger: FillLedger
    instruments: Any
    _pos: dict[str, Position]
    _bal: dict[tuple[str, str], Balance]
    _seq: dict[str, int]
    _acct_seq: dict[str, int]
    _touched: dict[str, int]
    _last_avg: dict[str, Decimal]
    _gen: int

    def _reprice_realized(self) -> None: ...  # provided by the service
    def _changed(self) -> None: ...
    def _problem(self, text: str) -> None: ...
    client: Any
    _reconcile: bool

    def _apply_fill(self, fill: FillEvent, body: Any) -> None:
        sym = fill.symbol
        new = fill.exec_id not in self.ledger
        p = self._pos.get(sym)
        newest = fill.seq > self._seq.get(sym, -1) if fill.seq else None
        avg_before = p.avg_price if p is not None else Decimal(0)
        qty_before = p.qty if p is not None else 0
        if new and self.ledger.covered(fill):
            self.ledger.add(fill, Decimal(0), count=False)  # a reconciled sum of its order holds it
        elif new:
            self.ledger.add(fill, self._realized(fill, p, avg_before, qty_before))
        if newest is False or (newest is None and not new):
            self._reprice_realized()
            self._changed()
            return  # a later push already set this symbol's state (or this one was applied)
        if fill.seq:
            self._seq[sym] = fill.seq
        qty, avg = self._after(fill, qty_before, avg_before)
        self._last_avg[sym] = avg if qty else avg_before
        if qty == 0:
            self._pos.pop(sym, None)
        elif p is None:
            inst = self.instruments.get(sym) if self.instruments is not None else None
            market = inst.market if inst is not None else fill.account
            market = "futures" if market not in ("stock", "futures", "option") else market
            self._pos[sym] = Position(sym, market, qty, avg, inst.currency if inst and inst.currency else "USD",
                                      name=inst.name if inst else "", multiplier=point_value(inst))
        else:
            p.qty, p.avg_price = qty, avg
        if qty and fill.account == "stock" and fill.cost_after is not None and fill.cost_after > 0 \
                and fill.qty_after == abs(qty):
            self._pos[sym].book_cost = fill.cost_after
        elif qty and p is not None:
            p.book_cost = None  # unknown now: the average stands in for it
        self._gen += 1
        self._touched[sym] = self._touched[fill.account] = self._gen
        if fill.account == "stock":
            self._stock_cash(fill, body)
        self._reprice_realized()
        self._changed()

    def _after(self, fill: FillEvent, qty_before: int, avg_before: Decimal) -> tuple[int, Decimal]:
        """The position after `fill`: the push's own figures when it has them, else the arithmetic."""
        d = fill.qty if fill.side == "buy" else -fill.qty
        if fill.qty_after is not None and fill.qty_after >= 0:
            if fill.qty_after == 0:
                return 0, Decimal(0)
            # LS gives the size unsigned: take the sign whose "before" is nearest what we knew
            plus, minus = fill.qty_after, -fill.qty_after
            qty = plus if abs(plus - d - qty_before) <= abs(minus - d - qty_before) else minus
            if fill.avg_after is not None and fill.avg_after > 0:
                return qty, fill.avg_after
            return qty, self._arith(fill, qty_before, avg_before, d)[1]
        return self._arith(fill, qty_before, avg_before, d)

    @staticmethod
    def _arith(fill: FillEvent, qty_before: int, avg_before: Decimal, d: int) -> tuple[int, Decimal]:
        qty = qty_before + d
        if qty == 0:
            return 0, Decimal(0)
        if qty_before == 0 or (qty_before > 0) == (d > 0):  # opening or adding: weighted average
            return qty, (avg_before * abs(qty_before) + fill.price * fill.qty) / abs(qty)
        if (qty > 0) != (qty_before > 0):  # flipped through zero: the rest opens at the fill price
            return qty, fill.price
        return qty, avg_before  # reducing keeps the average

    def _realized(self, fill: FillEvent, p: Position | None, avg_before: Decimal, qty_before: int) -> Decimal:
        if fill.account == "futures" and fill.realized is not None:
            return fill.realized  # the server's own figure (account currency)
        d = fill.qty if fill.side == "buy" else -fill.qty
        if fill.account == "stock":  # long only: a sale always closes part of the cost
            if fill.side == "buy":
                return Decimal(0)
            return fill.price * fill.qty - self._released(fill, p, avg_before)
        if qty_before == 0 or (qty_before > 0) == (d > 0):
            return Decimal(0)
        avg = avg_before
        closed = min(fill.qty, abs(qty_before))
        direction = 1 if qty_before > 0 else -1
        mult = p.multiplier if p is not None else Decimal(1)
        return (fill.price - avg) * closed * direction * mult

    @staticmethod
    def _released(fill: FillEvent, p: Position | None, avg_before: Decimal) -> Decimal:
        """The cost a stock sale takes out of the position, as exactly as the push allows.

        The average LS pushes is rounded; the cost it pushes is not: what is left costs
        `cost_after`, so the part sold cost `cost_after x sold / left`.
        """
        if fill.qty_after and fill.cost_after is not None and fill.cost_after > 0:
            return fill.cost_after * fill.qty / fill.qty_after
        if fill.qty_after == 0 and p is not None and p.qty == fill.qty and p.book_cost is not None:
            return p.book_cost
        avg = fill.avg_after if fill.avg_after is not None and fill.avg_after > 0 else avg_before
        return avg * fill.qty

    def _stock_cash(self, fill: FillEvent, body: Any) -> None:
        """A stock fill push carries the deposit and orderable cash after it: newer than the last query."""
        if fill.seq and fill.seq <= self._acct_seq.get("stock", -1):
            return
        self._acct_seq["stock"] = fill.seq
        cash, orderable = dec(getattr(body, "sDeposit", None)), dec(getattr(body, "sOrdAbleMny", None))
        inst = self.instruments.get(fill.symbol) if self.instruments is not None else None
        b = self._bal.get(("stock", inst.currency if inst and inst.currency else "USD"))
        if b is None:
            return
        if cash is not None and cash > 0:
            b.cash = cash
        if orderable is not None and orderable > 0:
            b.buying_power = orderable

    async def _reconcile_sales(self) -> None:
        """Book the realised P&L of sales whose fill pushes were missed (see portfolio_recon)."""
        from app.trading.portfolio_recon import missed_sales

        try:
            missed = await missed_sales(self.client, self.ledger)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # tried again after the next reconnect
            log.warning("portfolio: today's sales not reconciled: %s", exc)
            return
        self._reconcile = False
        for fill in missed:
            p = self._pos.get(fill.symbol)
            avg = p.avg_price if p is not None else self._last_avg.get(fill.symbol)
            if avg is None:
                self._problem(f"{fill.qty} {fill.symbol} sold on order {fill.order_no} while no fill was "
                              "seen here; its realised P&L is not known (the position is right)")
                self.ledger.add(fill, Decimal(0))
                continue
            self.ledger.add(fill, (fill.price - avg) * fill.qty)
        if missed:
            self._reprice_realized()
            self._changed()
