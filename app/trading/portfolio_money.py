"""Money per account and currency, marked to the hub, and the totals in USD and KRW (a mixin of `PortfolioService`).

Stocks: equity is the deposit plus every holding at its last price. Futures: LS's equity, free
margin and buying power moved by how far open P&L has moved since the query (deposit and margin
are the server's). A won total is the sum of unrounded won amounts, rounded once; a total with an
unknown part is unknown, never 0.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.trading.portfolio_fills import FillLedger
from app.trading.portfolio_model import Balance, Opening, Position, cents


def _sum(values: Any) -> Decimal | None:
    """The sum, or None when any part is unknown (a total of unknowns is not 0)."""
    total = Decimal(0)
    for v in values:
        if v is None:
            return None
        total += v
    return total


class BalanceBook:
    ledger: FillLedger
    instruments: Any
    _pos: dict[str, Position]
    _bal: dict[tuple[str, str], Balance]
    _server_pnl: dict[tuple[str, str], Decimal]
    _rates: dict[str, Decimal]
    _openings: dict[str, Opening] | None

    def positions(self) -> list[Position]: ...  # provided by the service

    def balances(self) -> list[Balance]:
        """Money per account and currency, equity and open P&L marked to the hub."""
        positions = self.positions()
        out = []
        for (account, ccy), base in sorted(self._bal.items(), key=lambda kv: (kv[0][0] != "stock", kv[0])):
            b = Balance(account, ccy, base.cash, base.buying_power, base.margin_used,
                        base.margin_available, base.equity, base.unrealized, Decimal(0),
                        base.krw_rate or self._rates.get(ccy))
            held = [p for p in positions if p.account == account and p.currency == ccy]
            b.realized = sum((v for s, v in self.ledger.realized_by_symbol(account).items()
                              if self._currency_of(s, account) == ccy), Decimal(0))
            if account == "stock":
                pnls = [p.unrealized for p in held]
                b.unrealized = sum((x for x in pnls if x is not None), Decimal(0)) if held else Decimal(0)
                values = [p.value for p in held]
                if b.cash is not None and all(v is not None for v in values):
                    b.equity = cents(b.cash + sum(values, Decimal(0)))
            else:
                self._mark_futures(b, held, positions)
                b.day_pnl = self._day_pnl(ccy, held)
            out.append(b)
        return out

    def totals(self) -> list[Balance]:
        """One row per currency over both accounts, and the grand total in KRW (account "total")."""
        bals = self.balances()
        out = []
        for ccy in sorted({b.currency for b in bals}):
            group = [b for b in bals if b.currency == ccy]
            rate = next((b.krw_rate for b in group if b.krw_rate), None)
            days = [b.day_pnl for b in group if b.account == "futures"]
            out.append(Balance("total", ccy, cash=_sum(b.cash for b in group), equity=_sum(b.equity for b in group),
                               unrealized=_sum(b.unrealized for b in group),
                               realized=sum((b.realized for b in group), Decimal(0)), krw_rate=rate,
                               day_pnl=_sum(days) if days else None))
        if out:
            krw = [b for b in out if b.krw_rate]
            whole = len(krw) == len(out)  # unrounded products: the won total rounds once

            def won(attr: str) -> Decimal | None:
                parts = [getattr(b, attr) for b in krw]
                return None if not whole or any(v is None for v in parts) else \
                    sum((v * b.krw_rate for v, b in zip(parts, krw)), Decimal(0))
            days = [b for b in out if b.day_pnl is not None]  # futures only; all need a rate
            day_krw = None if not days or any(not b.krw_rate for b in days) else \
                sum((b.day_pnl * b.krw_rate for b in days), Decimal(0))
            out.append(Balance("total", "KRW", equity=won("equity"), unrealized=won("unrealized"),
                               realized=sum((b.realized * b.krw_rate for b in krw), Decimal(0)),
                               krw_rate=Decimal(1), day_pnl=day_krw))
        return out

    def _mark_futures(self, b: Balance, held: list[Position], positions: list[Position]) -> None:
        """Move the server's equity and free margin by how far open P&L moved since the query."""
        futures = [p for p in positions if p.account == "futures"]
        own = {(a, c) for a, c in self._bal if a == "futures"}
        if any(("futures", p.currency) not in own for p in futures):
            return  # a contract in a currency LS did not list: keep LS's converted figures
        pnls = [p.unrealized for p in held]
        if any(x is None for x in pnls):
            return
        live = sum(pnls, Decimal(0))
        move = live - self._server_pnl.get(("futures", b.currency), Decimal(0))
        b.unrealized = live
        if b.equity is not None:
            b.equity += move
        if b.margin_available is not None:
            b.margin_available += move
        if b.buying_power is not None:
            b.buying_power += move

    def _day_pnl(self, ccy: str, held: list[Position]) -> Decimal | None:
        """Futures in ``ccy``: today's P&L against the previous close — each contract's open P&L
        now plus today's realised less its open P&L at that close, contracts closed today included."""
        if self._openings is None:
            return None
        total = Decimal(0)
        for p in held:
            if p.day_pnl is None:
                return None
            total += p.day_pnl
        realized = self.ledger.realized_by_symbol("futures")
        for sym in (set(self._openings) | set(realized)) - {p.symbol for p in held}:
            o = self._openings.get(sym)
            if ((o.currency if o is not None else "") or self._currency_of(sym, "futures")) == ccy:
                total += realized.get(sym, Decimal(0)) - (o.pnl if o is not None else Decimal(0))
        return cents(total)

    def _currency_of(self, symbol: str, account: str) -> str:
        p = self._pos.get(symbol)
        if p is not None:
            return p.currency
        inst = self.instruments.get(symbol) if self.instruments is not None else None
        return inst.currency if inst is not None and inst.currency else "USD"
