"""Checks an order draft before anything is sent: one clear message per problem, naming the field.

Hard checks (``problems``) block the order: known symbol, side, quantity, price on the tick
grid, price type allowed for the market (LS's own order rules, as the client core's in-blocks
check them), buying power. Fat-finger limits (``limit_warnings``) — max quantity, max order
value, max distance from the last price, set per mode — need an explicit confirmation.
Messages are English templates; ``tr`` translates them (the UI passes Qt's translator).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from app.trading.order_state import MARKET_LIKE, PRICE_TYPES

Translate = Callable[[str], str]

STOCK_PRICE_TYPES = ("limit", "market", "loo", "loc", "moo", "moc")
SELL_ONLY = frozenset({"market", "moo", "moc"})  # LS: a stock buy is limit, LOO or LOC
FUTURES_PRICE_TYPES = ("limit", "market")
MAX_QTY = 1_000_000  # beyond any real order: a typo, whatever the limits say
MAX_PRICE = Decimal(10) ** 9  # likewise for a price (and Decimal's remainder stays exact below it)

DEFAULT_LIMITS: dict[str, dict[str, float]] = {
    "demo": {"max_qty": 10_000, "max_value": 1_000_000, "max_distance_pct": 10.0},
    "paper": {"max_qty": 10_000, "max_value": 1_000_000, "max_distance_pct": 10.0},
    "live": {"max_qty": 1_000, "max_value": 100_000, "max_distance_pct": 5.0},
}


@dataclass
class Draft:
    """What the trader asked for; nothing here is trusted until ``problems`` says so."""

    symbol: str
    side: str  # "buy" | "sell"
    qty: Any
    price: Any = None  # Decimal for limit-like orders
    price_type: str = "limit"

    def normalized(self) -> Draft:
        return Draft(str(self.symbol or "").strip().upper(), str(self.side or "").lower(),
                     self.qty, self.price, str(self.price_type or "").lower())


def price_types_for(market: str, side: str = "") -> tuple[str, ...]:
    if market == "stock":
        return tuple(p for p in STOCK_PRICE_TYPES if side != "buy" or p not in SELL_ONLY)
    return FUTURES_PRICE_TYPES


def as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        d = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        return None
    if not d.is_finite():
        return None
    if d.adjusted() > 15:  # never build a gigantic int from "1e999999999"
        return 10**16 if d > 0 else -1
    return int(d) if d == d.to_integral_value() else None


def as_price(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        d = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None


def problems(draft: Draft, instrument: Any, tr: Translate = lambda s: s,
             buying_power: Decimal | None = None) -> list[str]:
    """Hard problems of ``draft`` for ``instrument`` (None: not in the master)."""
    d = draft.normalized()
    out: list[str] = []
    if not d.symbol or instrument is None:
        out.append(tr("Symbol: unknown symbol “{symbol}”.").format(symbol=d.symbol))
    if d.side not in ("buy", "sell"):
        out.append(tr("Side: choose buy or sell."))
    qty = as_int(d.qty)
    if qty is None or qty <= 0:
        out.append(tr("Quantity: enter a whole number greater than zero."))
    elif qty > MAX_QTY:
        out.append(tr("Quantity: {qty} is more than {limit}.").format(
            qty=f"{qty:,}" if qty < 10**15 else "…", limit=f"{MAX_QTY:,}"))
    if d.price_type not in PRICE_TYPES:
        out.append(tr("Price type: choose limit or market."))
        return out
    if instrument is not None:
        market = instrument.market
        if d.price_type not in price_types_for(market):
            out.append(tr("Price type: {ptype} is not available for this market.").format(
                ptype=d.price_type.upper()))
        elif market == "stock" and d.side == "buy" and d.price_type in SELL_ONLY:
            out.append(tr("Price type: LS takes market, MOO and MOC orders for sells only; "
                          "a buy must be limit, LOO or LOC."))
    if d.price_type not in MARKET_LIKE:
        price = as_price(d.price)
        if price is None or price <= 0:
            out.append(tr("Price: a limit order needs a price greater than zero."))
        elif price >= MAX_PRICE:
            out.append(tr("Price: {price} is not a price.").format(price=d.price))
        elif instrument is not None:
            tick = instrument.tick_at(price)
            if tick and price % tick != 0:
                out.append(tr("Price: {price} is not on the tick grid (steps of {tick}).").format(
                    price=price, tick=tick.normalize()))
            elif (buying_power is not None and d.side == "buy" and instrument.market == "stock"
                  and qty and qty > 0 and price * qty > buying_power):
                out.append(tr("Buying power: the order needs {need} but {have} is available.").format(
                    need=f"{price * qty:,.2f}", have=f"{buying_power:,.2f}"))
    return out


def _value_warning(value: Decimal, ccy: str, usd_per: Decimal | None, limit: Decimal, tr: Translate) -> list[str]:
    """The max order value is in US dollars: an order in another currency is compared at
    ``usd_per`` (dollars per unit of it). With no rate known the check cannot be made, and the
    order is held for the trader's confirmation, saying so: it never passes unchecked, nor is a
    yen amount judged as dollars."""
    if ccy == "USD":
        if value > limit:
            return [tr("Order value: {value} USD is more than your limit of {limit} USD.").format(
                value=f"{value:,.2f}", limit=f"{limit:,.2f}")]
    elif usd_per:
        usd = value * usd_per
        if usd > limit:
            return [tr("Order value: {value} {ccy} (about {usd} USD) is more than your limit of {limit} USD.").format(
                value=f"{value:,.2f}", ccy=ccy, usd=f"{usd:,.0f}", limit=f"{limit:,.2f}")]
    else:
        return [tr("Order value: {value} {ccy} cannot be checked against your limit of {limit} USD: "
                   "no {ccy} exchange rate is known yet.").format(value=f"{value:,.2f}", ccy=ccy,
                                                                  limit=f"{limit:,.2f}")]
    return []


def limit_warnings(draft: Draft, instrument: Any, last: float | None, limits: dict[str, float],
                   tr: Translate = lambda s: s, usd_per: Decimal | None = None) -> list[str]:
    """Fat-finger limits ``draft`` exceeds (each needs the trader's confirmation); ``usd_per``:
    US dollars per unit of the instrument's currency (None: not known)."""
    d = draft.normalized()
    out: list[str] = []
    qty = as_int(d.qty) or 0
    max_qty = limits.get("max_qty") or 0
    if max_qty and qty > max_qty:
        out.append(tr("Quantity: {qty} is more than your limit of {limit}.").format(
            qty=f"{qty:,}", limit=f"{int(max_qty):,}"))
    price = as_price(d.price) if d.price_type not in MARKET_LIKE else None
    ref = price if price is not None else (Decimal(str(last)) if last else None)
    if ref is not None and instrument is not None:
        mult = instrument.multiplier if instrument.market != "stock" and instrument.multiplier else Decimal(1)
        value = ref * qty * mult
        max_value = limits.get("max_value") or 0
        if max_value:
            out += _value_warning(value, (instrument.currency or "USD").upper(), usd_per,
                                  Decimal(str(max_value)), tr)
    pct_limit = limits.get("max_distance_pct") or 0
    if price is not None and last and pct_limit:
        pct = abs(float(price) - last) / last * 100
        if pct > pct_limit:
            out.append(tr("Price: {pct}% away from the last price (your limit is {limit}%).").format(
                pct=f"{pct:.1f}", limit=f"{pct_limit:g}"))
    return out


def limits_for(prefs: Any, mode: str) -> dict[str, float]:
    """The fat-finger limits of ``mode`` from the app settings, defaults for anything missing."""
    base = dict(DEFAULT_LIMITS.get(mode, DEFAULT_LIMITS["live"]))
    table = getattr(prefs, "order_limits", None)
    mine = table.get(mode) if isinstance(table, dict) else None
    if isinstance(mine, dict):
        for k in base:
            v = mine.get(k)
            if isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0:
                base[k] = float(v)
    return base
