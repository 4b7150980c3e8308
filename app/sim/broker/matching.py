"""Matching rules: how an order fills against the simulated book and the trades it prints.

The simulated market is the other side of every trade; the broker's orders do not move it.
- A new marketable order takes the opposite levels of the book, best first, each up to the
  level's size: several levels mean several partial fills. A limit order stops at its price and
  rests with the rest; a market order that runs out of visible depth fills the rest at the worst
  level it saw.
- A resting order fills when the market trades at or through its limit, at its limit price,
  up to the traded size; orders share a trade by price, then time priority.
"""

from __future__ import annotations

from decimal import Decimal

from app.sim.broker.market import Level
from app.sim.broker.orders import Order


def take_liquidity(order: Order, levels: list[Level]) -> list[tuple[int, Decimal]]:
    """The fills (qty, price) a new order gets from the book's ``levels`` on arrival."""
    fills: list[tuple[int, Decimal]] = []
    left = order.remaining
    for price, size in levels:
        if left <= 0 or not order.crosses(price):
            break
        qty = min(left, size)
        fills.append((qty, price))
        left -= qty
    if left > 0 and order.is_market and levels:
        worst = levels[-1][0] if fills else levels[0][0]
        fills.append((left, worst))
    return fills


def priority(order: Order) -> tuple:
    # Market orders first, then the best limit, then the earliest.
    if order.is_market:
        return (0, Decimal(0), order.seq)
    key = -order.price if order.side == "2" else order.price
    return (1, key, order.seq)


def match_trade(working: list[Order], price: Decimal, size: int) -> list[tuple[Order, int, Decimal]]:
    """Fills (order, qty, price) for resting orders of one symbol after a trade at ``price``.

    Each side gets at most ``size``: a print shows that much volume changed hands, and the
    simulated crowd could have been on either side of it.
    """
    out: list[tuple[Order, int, Decimal]] = []
    for side in ("2", "1"):
        left = size
        for order in sorted((o for o in working if o.side == side and o.remaining), key=priority):
            if left <= 0:
                break
            if not order.crosses(price):
                if not order.is_market:
                    break  # sorted by price: no later order crosses either
                continue
            qty = min(left, order.remaining)
            out.append((order, qty, price if order.is_market else order.price))
            left -= qty
    return out
