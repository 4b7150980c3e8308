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

    def is_option(self, symbol: str) -> bool:
        inst = self.market.instrument(symbol)
        return inst is not None and inst.product == "option"

    def futures_eval_pnl(self, acct: Account) -> Decimal:
        """Unrealised P&L of every open futures and options position (USD)."""
        total = Decimal(0)
        for sym, pos in acct.futures.items():
            if pos.qty:
                total += self.position_pnl(sym, pos)
        return total

    def position_pnl(self, symbol: str, pos: acc.Position) -> Decimal:
        """Unrealised P&L of a futures or options position in USD."""
        inst = self.market.instrument(symbol)
        if inst is None or not pos.qty:
            return Decimal(0)
        direction = 1 if pos.qty > 0 else -1
        pnl = (self.mark(symbol) * abs(pos.qty) - pos.cost) * direction * acc.point_value(inst)
        return (pnl * self.market.usd_per(inst.currency)).quantize(Decimal("0.01"))

    def position_value(self, symbol: str, pos: acc.Position) -> Decimal:
        """Market value of an options position in USD (negative for a short: what buying it back costs)."""
        inst = self.market.instrument(symbol)
        if inst is None or not pos.qty:
            return Decimal(0)
        return acc.premium(inst, self.mark(symbol), pos.qty, self.market.usd_per(inst.currency))

    def options_figures(self, acct: Account) -> dict[str, Decimal]:
        """Options in the futures account: market value of longs and shorts, their unrealised P&L,
        and today's premiums paid (buys) and received (sells)."""
        zero = Decimal(0)
        out = {"long_value": zero, "short_value": zero, "pnl": zero, "bought": zero, "sold": zero}
        for sym, pos in acct.futures.items():
            if pos.qty and self.is_option(sym):
                value = self.position_value(sym, pos)
                out["long_value" if value >= 0 else "short_value"] += abs(value)
                out["pnl"] += self.position_pnl(sym, pos)
        today = self.clock().strftime("%Y%m%d")
        for f in self.fills_of(acct.app_key, "future"):
            inst = self.market.instrument(f.symbol)
            if f.exec_date == today and inst is not None and inst.product == "option":
                amount = acc.premium(inst, f.price, f.qty, self.market.usd_per(inst.currency))
                out["bought" if f.side == "2" else "sold"] += amount
        return out

    def futures_equity(self, acct: Account) -> Decimal:
        """Deposit plus futures P&L plus the market value of options (their premiums are in the deposit)."""
        total = acct.fut_deposit
        for sym, pos in acct.futures.items():
            if pos.qty:
                total += self.position_value(sym, pos) if self.is_option(sym) else self.position_pnl(sym, pos)
        return total

    def option_buy_reserve(self, orders: list[Any], extra: tuple[str, str, int, Decimal] | None = None) -> Decimal:
        """Premium held back for working option buys (and a prospective one, ``extra``)."""
        rows = [(o.symbol, o.side, o.remaining, o.price) for o in orders if o.product == "future" and o.remaining]
        if extra is not None:
            rows.append(extra)
        total = Decimal(0)
        for sym, side, qty, price in rows:
            if side == "2" and self.is_option(sym):
                inst = self.market.instrument(sym)
                price = price or self.mark(sym)
                total += acc.premium(inst, price, qty, self.market.usd_per(inst.currency))
        return total

    def futures_order_fits(self, acct: Account, working: list[Any], symbol: str, side: str, qty: int,
                           price: Decimal) -> bool:
        _, worst = acc.futures_margin_required(acct, working, self.margin_of, (symbol, side, qty),
                                               short_only=self.is_option)
        reserve = self.option_buy_reserve(working, (symbol, side, qty, price))
        return worst + reserve <= self.futures_equity(acct)

    def futures_figures(self, acct: Account) -> dict[str, Decimal]:
        """Deposit, margins, equity and the amounts that can be ordered or withdrawn (USD)."""
        working = self.working_of(acct.app_key)
        held, worst = acc.futures_margin_required(acct, working, self.margin_of, short_only=self.is_option)
        eval_pnl = self.futures_eval_pnl(acct)
        equity = self.futures_equity(acct)
        orderable = equity - worst - self.option_buy_reserve(working)
        return {
            "deposit": acct.fut_deposit, "eval_pnl": eval_pnl, "equity": equity,
            "margin": held, "maint_margin": (held * Decimal("0.9")).quantize(Decimal("0.01")),
            "order_margin": worst - held, "orderable": orderable,
            "withdrawable": max(Decimal(0), min(acct.fut_deposit, orderable)),
            "realised": acct.fut_realised, "fees": acct.fut_fees,
        }

    def futures_orderable_qty(self, acct: Account, symbol: str, side: str, price: Decimal = Decimal(0)) -> int:
        """Contracts an order may have: an option buy's premium at ``price`` (0: the mark, as for
        a market order)."""
        working = self.working_of(acct.app_key)

        def fits(n: int) -> bool:
            return self.futures_order_fits(acct, working, symbol, side, n, price)

        lo, hi = 0, 1
        while fits(hi) and hi < 10**7:
            lo, hi = hi, hi * 2
        while hi - lo > 1:
            mid = (lo + hi) // 2
            lo, hi = (mid, hi) if fits(mid) else (lo, mid)
        return lo
