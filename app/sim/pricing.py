"""Seeded price process for one instrument: trades and a 10-level book on the tick grid.

Prices are held as integer tick counts, so every trade and every book level is on the grid by
construction. The mid follows a log random walk with drift, GARCH-like volatility clustering and
rare jumps; a trade prints at the ask when the mid rises (buyer-initiated) and at the bid when it
falls, and the book is rebuilt around the trade so trade and book always agree.
"""

from __future__ import annotations

import hashlib
import math
import random
from dataclasses import dataclass, field

# A trade's size in lots: 1-5 (uniform), or TAIL_SHARE of the time a Pareto tail of TAIL_SHAPE, at
# most MAX_LOTS (the synthetic history draws its trades the same way: history.trade_lots)
TAIL_SHARE, TAIL_SHAPE, MAX_LOTS = 0.3, 1.6, 50

LEVELS = 10
_STEP_SECONDS = 1.0  # nominal time one step represents, for scaling annual volatility
_YEAR_SECONDS = 252 * 6.5 * 3600


def stable_seed(*parts: object) -> int:
    """A seed that does not depend on Python's per-process string hashing."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big")


@dataclass
class Step:
    """The outcome of one step: a trade (qty > 0) or only a book change (qty == 0)."""

    price_ticks: int
    qty: int
    side: int  # +1 buyer-initiated (at the ask), -1 seller-initiated (at the bid)


@dataclass
class PriceProcess:
    symbol: str
    start_ticks: int
    volatility: float  # annualised
    seed: int
    lot: int = 1  # typical trade size unit
    max_lots: int = MAX_LOTS
    drift: float = 0.0
    rng: random.Random = field(init=False, repr=False)
    log_mid: float = field(init=False)
    var: float = field(init=False)
    last_ticks: int = field(init=False)
    spread: int = field(init=False)
    bids: list[list[int]] = field(init=False)  # [price_ticks, qty, count] per level, best first
    asks: list[list[int]] = field(init=False)

    def __post_init__(self) -> None:
        self.rng = random.Random(stable_seed(self.seed, self.symbol, "live"))
        self.base_var = self.volatility ** 2 * _STEP_SECONDS / _YEAR_SECONDS
        self.var = self.base_var
        self.start_ticks = max(self.start_ticks, 4)
        self.log_mid = math.log(self.start_ticks)
        self.last_ticks = self.start_ticks
        # wide enough that a cheap instrument still has room for ten bid levels
        self.spread = 1 if self.start_ticks > 400 else 1 + (self.rng.random() < 0.3)
        self._rebuild(self.start_ticks, 1)

    def step(self) -> Step:
        """Advance one step; about two steps in three print a trade."""
        rng = self.rng
        if rng.random() < 0.35:
            self._refresh_sizes()
            return Step(self.last_ticks, 0, 0)
        shock = rng.gauss(0.0, 1.0) * math.sqrt(self.var)
        if rng.random() < 0.0008:  # occasional jump of 6-15 standard deviations
            shock += rng.choice((-1, 1)) * rng.uniform(6, 15) * math.sqrt(self.base_var)
        self.var = 0.05 * self.base_var + 0.10 * shock * shock + 0.85 * self.var
        self.log_mid += self.drift + shock
        target = max(4, round(math.exp(self.log_mid)))
        if target > self.last_ticks:
            side = 1
        elif target < self.last_ticks:
            side = -1
        else:
            side = 1 if rng.random() < 0.5 else -1
        price = target
        qty = self.lot * max(1, int(rng.paretovariate(TAIL_SHAPE)) if rng.random() < TAIL_SHARE else rng.randint(1, 5))
        qty = min(qty, self.lot * self.max_lots)
        self.last_ticks = price
        self._rebuild(price, side)
        return Step(price, qty, side)

    def _rebuild(self, price: int, side: int) -> None:
        rng = self.rng
        if side > 0:
            ask1, bid1 = price, price - self.spread
        else:
            bid1, ask1 = price, price + self.spread
        bid1 = max(bid1, LEVELS + 1)
        ask1 = max(ask1, bid1 + 1)
        asks = [[ask1 + i, self._size(rng, i)] for i in range(LEVELS)]
        bids = [[bid1 - i, self._size(rng, i)] for i in range(LEVELS)]
        for level in asks + bids:
            level.append(self._orders(level[1]))
        self.asks, self.bids = asks, bids

    def consume(self, book_side: int, price_ticks: int, qty: int) -> bool:
        """A trader took ``qty`` from the level at ``price_ticks`` of the asks (``book_side`` +1)
        or the bids (-1). The level shrinks; an emptied one leaves the book and a deeper level
        joins at its far end, so the book keeps its ten levels and its touch moves away from the
        taker (a buy that empties the best ask leaves the next ask as the best). Draws nothing
        from the rng: the seeded walk is the same whatever traders do. False: no such level."""
        levels = self.asks if book_side > 0 else self.bids
        for i, level in enumerate(levels):
            if level[0] == price_ticks and level[1] > 0:
                break
        else:
            return False
        level[1] = max(0, level[1] - qty)
        if level[1]:
            level[2] = self._orders(level[1])
            return True
        far = levels[-1][0] + book_side
        if far < 1:  # no room under the lowest bid: the level stays, empty
            level[2] = 0
            return True
        del levels[i]
        size = self.lot * (11 + 4 * (LEVELS - 1)) // 2  # the mean size of the deepest level
        levels.append([far, size, self._orders(size)])
        return True

    def _refresh_sizes(self) -> None:
        rng = self.rng
        for levels in (self.asks, self.bids):
            i = rng.randrange(LEVELS)
            levels[i][1] = self._size(rng, i)
            levels[i][2] = self._orders(levels[i][1])

    def _size(self, rng: random.Random, level: int) -> int:
        return self.lot * rng.randint(1, 10 + 4 * level)

    def _orders(self, size: int) -> int:
        """The order count shown for a level of `size` (about one order per three lots)."""
        return max(1, size // max(1, self.lot * 3))
