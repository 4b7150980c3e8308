"""The futures account's money per currency, as CIDBQ05300 and CIDBQ03000 list it: one set of
figures for each currency the account deals in, each in that currency, with its won rate.

The demo keeps one deposit, in US dollars: commissions are charged in dollars, and a contract's
realised P&L in another currency is exchanged into the deposit when it is booked (at the
market's rate, fixed for the session). So the USD figures carry the deposit, the fees and what
can be withdrawn; an HKD or JPY row carries what its contracts hold and made in their own
currency — margin, open P&L, the realised P&L of its fills — and the amount that can be ordered
in it (the account's, converted). Converted back at the same rates, the rows add up to the
account's dollar totals (``Valuation.futures_figures``) to the cent of each conversion.

Xchrat is won per one unit of the currency (USD about 1,400; JPY about 9.2). LS's examples write
0.0000 and do not say how they quote the yen; won per unit is what BaseXchrat is for the dollar
on the stock side, and it is the same market rate (``krw_per_usd`` times ``usd_per``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app.sim.broker import accounts as acc
from app.sim.broker.trs_common import money

ZERO = Decimal(0)
BASE = "USD"


def currency_of(broker: Any, acct: acc.Account, symbol: str) -> str:
    """A contract's currency: the master's, else the position's (a contract that expired)."""
    inst = broker.market.instrument(symbol)
    if inst is not None:
        return inst.currency or BASE
    pos = acct.futures.get(symbol)
    return pos.currency if pos is not None and pos.currency else BASE


def krw_per(broker: Any, currency: str) -> Decimal:
    """Won per one unit of ``currency`` at the market's rates (what the stock side uses for USD)."""
    return broker.market.krw_per_usd() * broker.market.usd_per(currency)


def currencies(broker: Any, acct: acc.Account) -> list[str]:
    """The currencies the account deals in: the dollar (its deposit), and those of its open
    positions, working orders and booked fills; in alphabetical order as LS lists them."""
    found = {BASE}
    found |= {currency_of(broker, acct, s) for s, p in acct.futures.items() if p.qty}
    found |= {currency_of(broker, acct, o.symbol) for o in broker.working_of(acct.app_key) if o.product == "future"}
    found |= {currency_of(broker, acct, f.symbol) for f in broker.fills_of(acct.app_key, "future")}
    return sorted(found)


def _realised(broker: Any, acct: acc.Account, currency: str) -> Decimal:
    """Realised P&L of the fills of ``currency``'s contracts, in it. The dollar's is the account's
    total less what the other currencies' fills brought into the deposit."""
    fills = broker.fills_of(acct.app_key, "future")
    if currency == BASE:
        return acct.fut_realised - sum((f.realised for f in fills
                                        if currency_of(broker, acct, f.symbol) != BASE), ZERO)
    total = ZERO
    for f in fills:
        if currency_of(broker, acct, f.symbol) == currency:
            # a fill booked before fills kept their own currency's figure: converted back
            total += f.realised_ccy if f.realised_ccy or not f.realised else \
                money(f.realised / broker.market.usd_per(currency))
    return total


def figures(broker: Any, acct: acc.Account, currency: str, total: dict[str, Decimal]) -> dict[str, Decimal]:
    """The account's figures in ``currency`` (``total``: the dollar totals of ``futures_figures``)."""
    market = broker.market

    def mine(symbol: str) -> bool:
        return currency_of(broker, acct, symbol) == currency

    def margin_of(symbol: str) -> Decimal:  # one contract's initial margin in its own currency
        inst = market.instrument(symbol)
        if inst is None or not mine(symbol):
            return ZERO
        return inst.margin or broker.mark(symbol) * acc.point_value(inst) / 10

    held, worst = acc.futures_margin_required(acct, broker.working_of(acct.app_key), margin_of,
                                              short_only=broker.is_option)
    pnl = longs = shorts = ZERO
    for sym, pos in acct.futures.items():
        inst = market.instrument(sym)
        if not pos.qty or inst is None or not mine(sym):
            continue
        if inst.product == "option":
            value = acc.premium(inst, broker.mark(sym), pos.qty, Decimal(1))
            longs, shorts = (longs + value, shorts) if value >= 0 else (longs, shorts - value)
        else:
            direction = 1 if pos.qty > 0 else -1
            pnl += money((broker.mark(sym) * abs(pos.qty) - pos.cost) * direction * acc.point_value(inst))
    bought = sold = ZERO
    today = broker.clock().strftime("%Y%m%d")
    for f in broker.fills_of(acct.app_key, "future"):
        inst = market.instrument(f.symbol)
        if f.exec_date == today and inst is not None and inst.product == "option" and mine(f.symbol):
            amount = acc.premium(inst, f.price, f.qty, Decimal(1))
            bought, sold = (bought + amount, sold) if f.side == "2" else (bought, sold + amount)
    base = currency == BASE
    deposit = total["deposit"] if base else ZERO
    rate = market.usd_per(currency)
    return {
        "deposit": deposit, "fees": total["fees"] if base else ZERO,
        "realised": _realised(broker, acct, currency), "margin": money(held),
        "order_margin": money(worst - held), "eval_pnl": pnl,
        "equity": deposit + pnl + longs - shorts,
        "orderable": total["orderable"] if base else money(total["orderable"] / rate),
        "withdrawable": total["withdrawable"] if base else ZERO,
        "long_value": longs, "short_value": shorts, "bought": bought, "sold": sold,
        "krw_rate": money(krw_per(broker, currency), "0.0001"),
    }


def by_currency(broker: Any, acct: acc.Account) -> dict[str, dict[str, Decimal]]:
    total = broker.futures_figures(acct)
    return {c: figures(broker, acct, c, total) for c in currencies(broker, acct)}
