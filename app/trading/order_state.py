"""Orders and fills as the terminal knows them, and the state machine that the order TR answers,
the account pushes and the reconciliation queries drive — in whatever order they arrive.

An order's state is derived from facts that only ever grow (number known, quantity filled,
quantity cancelled, replaced, rejected), so a late or repeated event can never move an order
backwards or count a fill twice. Order numbers are compared as numbers: "0000000136" and
"136" are the same order.
"""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

PENDING_NEW = "pending_new"
ACCEPTED = "accepted"
PARTIALLY_FILLED = "partially_filled"
FILLED = "filled"
PENDING_MODIFY = "pending_modify"
PENDING_CANCEL = "pending_cancel"
CANCELLED = "cancelled"
REJECTED = "rejected"
REPLACED = "replaced"  # a modify moved the remaining quantity to a new order number

WORKING_STATES = frozenset({PENDING_NEW, ACCEPTED, PARTIALLY_FILLED, PENDING_MODIFY, PENDING_CANCEL})
DONE_STATES = frozenset({FILLED, CANCELLED, REJECTED, REPLACED})

PRICE_TYPES = ("limit", "market", "loo", "loc", "moo", "moc")
STOCK_CODES = {"limit": "00", "market": "03", "loo": "M1", "loc": "M2", "moo": "M3", "moc": "M4"}
STOCK_TYPES = {v: k for k, v in STOCK_CODES.items()}
MARKET_LIKE = frozenset({"market", "moo", "moc"})


def canon(number: Any) -> str:
    """The canonical text of an LS order or execution number ("" when there is none)."""
    if number is None:
        return ""
    text = str(number).strip()
    if not text:
        return ""
    try:
        value = int(Decimal(text))
    except Exception:
        return text
    return str(value) if value else ""


@dataclass
class Fill:
    order_id: str
    symbol: str
    side: str  # "buy" | "sell"
    qty: int
    price: Decimal
    time: str  # HHMMSS as LS stamps it (Korean time); "" for fills found by reconciliation
    exec_id: str  # canonical execution number; "R:<order>:<cum>" for fills found by reconciliation
    at: float = 0.0  # the instant of `time`, dated as it arrived (epoch seconds; 0.0: not known)

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["price"] = str(self.price)
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Fill:
        at = float(d.get("at") or 0.0)  # journals written before it was kept have none
        return cls(d["order_id"], d["symbol"], d["side"], int(d["qty"]), Decimal(d["price"]),
                   d.get("time", ""), d["exec_id"], at if math.isfinite(at) and at >= 0 else 0.0)


@dataclass
class Order:
    key: int  # local serial: stable from the moment the order is drafted (rows are keyed on it)
    symbol: str
    market: str  # "stock" | "futures" | "option"
    side: str  # "buy" | "sell"
    qty: int
    price: Decimal | None
    price_type: str  # "limit", "market", "loo", "loc", "moo", "moc"
    id: str = ""  # the canonical LS order number once known
    filled: int = 0
    fill_value: Decimal = Decimal(0)
    cancelled: int = 0
    acked: bool = False  # the exchange has the order (answer, push or query)
    rejected: bool = False
    replaced_by: str = ""
    origin: str = ""  # for a modify: the order it replaced
    pending: str = ""  # "", "modify" or "cancel": a request in flight
    reason: str = ""
    updated: float = field(default_factory=time.time)
    day: str = ""  # order date YYYYMMDD

    @property
    def state(self) -> str:
        if self.rejected:
            return REJECTED
        if self.filled >= self.qty > 0:
            return FILLED
        if self.replaced_by:
            return REPLACED
        if self.cancelled and self.filled + self.cancelled >= self.qty:
            return CANCELLED
        if self.pending == "cancel":
            return PENDING_CANCEL
        if self.pending == "modify":
            return PENDING_MODIFY
        if not self.acked:
            return PENDING_NEW
        return PARTIALLY_FILLED if self.filled else ACCEPTED

    @property
    def working(self) -> bool:
        return self.state in WORKING_STATES

    @property
    def remaining(self) -> int:
        if not self.working:
            return 0
        return max(0, self.qty - self.filled - self.cancelled)

    @property
    def avg_fill_price(self) -> Decimal | None:
        return self.fill_value / self.filled if self.filled else None

    def touch(self) -> None:
        self.updated = time.time()

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["price"] = None if self.price is None else str(self.price)
        d["fill_value"] = str(self.fill_value)
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Order:
        d = dict(d)
        d["price"] = None if d.get("price") in (None, "") else Decimal(d["price"])
        d["fill_value"] = Decimal(d.get("fill_value") or 0)
        known = {k: v for k, v in d.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def product(market: str) -> str:
    """Stocks and futures/options number their orders separately."""
    return "stock" if market == "stock" else "futures"


class OrderBook:
    """Every order and fill of the day, keyed by local key, (product, order number) and
    (product, execution number)."""

    def __init__(self) -> None:
        self.by_key: dict[int, Order] = {}
        self.by_id: dict[tuple[str, str], Order] = {}
        self.fills: list[Fill] = []
        self.exec_ids: set[str] = set()
        self._next_key = 1

    def new_key(self) -> int:
        key = self._next_key
        self._next_key += 1
        return key

    def add(self, order: Order) -> Order:
        self.by_key[order.key] = order
        self._next_key = max(self._next_key, order.key + 1)
        if order.id:
            self.by_id[(product(order.market), order.id)] = order
        return order

    def number(self, order: Order, number: Any) -> None:
        """Give ``order`` its LS number (the answer or a push told it)."""
        oid = canon(number)
        if not oid or order.id == oid:
            return
        order.id = oid
        self.by_id[(product(order.market), oid)] = order

    def get(self, prod: str, number: Any) -> Order | None:
        return self.by_id.get((prod, canon(number)))

    def find(self, number: Any) -> list[Order]:
        """Orders with this number (a stock and a futures order may share one)."""
        oid = canon(number)
        return [o for (_p, i), o in self.by_id.items() if i == oid]

    def forget(self, order: Order) -> None:
        self.by_key.pop(order.key, None)
        if order.id and self.by_id.get((product(order.market), order.id)) is order:
            del self.by_id[(product(order.market), order.id)]

    def exec_key(self, order: Order, exec_id: str) -> str:
        return f"{product(order.market)}:{exec_id}"

    def apply_fill(self, order: Order, fill: Fill) -> bool:
        """Count ``fill`` once: False when its execution number was seen before."""
        key = self.exec_key(order, fill.exec_id)
        if key in self.exec_ids:
            return False
        self.exec_ids.add(key)
        self.fills.append(fill)
        order.filled += fill.qty
        order.fill_value += fill.price * fill.qty
        order.acked = True
        order.touch()
        return True

    def replace_synthetic(self, order: Order, fill: Fill) -> bool:
        """A real fill push for a quantity a reconciliation already booked (as an "R:" fill):
        swap the stand-in for the real record without counting the quantity again."""
        for i, old in enumerate(self.fills):
            if old.order_id == order.id and old.exec_id.startswith("R:") and old.qty == fill.qty:
                self.exec_ids.discard(self.exec_key(order, old.exec_id))
                self.exec_ids.add(self.exec_key(order, fill.exec_id))
                order.fill_value += (fill.price - old.price) * fill.qty
                self.fills[i] = fill
                return True
        return False

    def seen(self, order: Order, exec_id: str) -> bool:
        return self.exec_key(order, exec_id) in self.exec_ids

    def orders(self) -> list[Order]:
        return sorted(self.by_key.values(), key=lambda o: o.key)


class OrderRejected(Exception):
    """Nothing was sent: ``messages`` say why (``kind``: invalid, limits, duplicate, unknown)."""

    def __init__(self, messages: list[str], kind: str = "invalid"):
        super().__init__("; ".join(messages))
        self.messages = messages
        self.kind = kind
