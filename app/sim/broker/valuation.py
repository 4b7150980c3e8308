"""Valuations of a demo account at the market's prices: P&L, margin, buying power (USD).

A mixin of ``Broker``: it reads ``self.market`` and the working orders and changes nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.sim.broker import accounts as acc
from app.sim.broker.accounts import Account


class Valuation:
    market: Any

    def mark(self, symbol: str) -> Decimal:
        price = self.market.last(symbol)
        return price if price is not None else Decimal(0)

    def margin_of(self, symbol: str) -> Decimal:
        """Initial margin of one contract in USD."""
        inst = self.market.instrument(symbol)
        if inst is None:
            return Decimal(0)
        margin = inst.margin or self.mark(symbol) * acc.point_value(inst) / 10
        return margin * self.market.usd_per(inst.currency)

    def futures_eval_pnl(self, acct: Account) -> Decimal:
        total = Decimal(0)
        for sym, pos in acct.futures.items():
            if pos.qty:
                total += self.position_pnl(sym, pos)
        return total

    def position_pnl(self, symbol: str, pos: acc.Position) -> Decimal:
        """Unrealised P&L of a futures position in USD."""
        inst = self.market.instrument(symbol)
        if inst is None or not pos.qty:
            return Decimal(0)
        direction = 1 if pos.qty > 0 else -1
        pnl = (self.mark(symbol) * abs(pos.qty) - pos.cost) * direction * acc.point_value(inst)
        return (pnl * self.market.usd_per(inst.currency)).quantize(Decimal("0.01"))

    def futures_figures(self, acct: Account) -> dict[str, Decimal]:
        """Deposit, margins, equity and the amounts that can be ordered or withdrawn (USD)."""
        working = self.working_of(acct.app_key)
        held, worst = acc.futures_margin_required(acct, working, self.margin_of)
        eval_pnl = self.futures_eval_pnl(acct)
        equity = acct.fut_deposit + eval_pnl
        orderable = equity - worst
        return {
            "deposit": acct.fut_deposit, "eval_pnl": eval_pnl, "equity": equity,
            "margin": held, "maint_margin": (held * Decimal("0.9")).quantize(Decimal("0.01")),
            "order_margin": worst - held, "orderable": orderable,
            "withdrawable": max(Decimal(0), min(acct.fut_deposit, orderable)),
            "realised": acct.fut_realised, "fees": acct.fut_fees,
        }

    def futures_orderable_qty(self, acct: Account, symbol: str, side: str) -> int:
        working = self.working_of(acct.app_key)
        equity = acct.fut_deposit + self.futures_eval_pnl(acct)

        def fits(n: int) -> bool:
            _, worst = acc.futures_margin_required(acct, working, self.margin_of, (symbol, side, n))
            return worst <= equity

        lo, hi = 0, 1
        while fits(hi) and hi < 10**7:
            lo, hi = hi, hi * 2
        while hi - lo > 1:
            mid = (lo + hi) // 2
            lo, hi = (mid, hi) if fits(mid) else (lo, mid)
        return lo
