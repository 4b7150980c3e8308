"""Demo accounts: cash, positions, realised P&L, and the arithmetic of buying power and margin.

Each app key owns one stock account (USD cash, long-only share positions with an average price)
and one futures account (a USD deposit, signed net positions per contract). Options live in the
futures account but are booked as options: a buy pays its premium (price x multiplier) out of the
deposit, a sell receives it, so their realised P&L is already in the deposit; a long option holds
no margin, a short one holds the contract's margin. Amounts in another
currency (HKD, JPY, EUR futures) are converted to USD at the rate of the moment they are booked.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from app.sim.broker.loans import Loan, cash_part
from app.sim.broker.orders import Fill, Order
from app.sim.registry import Instrument

STOCK_START_USD = Decimal("100000.00")
FUTURES_START_USD = Decimal("100000.00")
FUTURES_FEE_PER_CONTRACT = Decimal("2.50")  # USD, each side
STOCK_FEE_RATE = Decimal(0)


def account_numbers(app_key: str) -> tuple[str, str]:
    """Stable 11-digit account numbers (stock, futures) derived from the app key."""
    base = int(hashlib.sha256(app_key.encode()).hexdigest()[:12], 16) % 10**9
    return f"{base:09d}01", f"{base:09d}03"


@dataclass
class Position:
    symbol: str
    qty: int = 0  # stocks: shares held (>= 0); futures: signed contracts (+ long, - short)
    cost: Decimal = Decimal(0)  # price x quantity paid for what is held (kept exact, not averaged)
    realised: Decimal = Decimal(0)  # USD, since the position was first opened
    currency: str = "USD"
    opened_date: str = ""

    @property
    def avg_price(self) -> Decimal:
        if not self.qty:
            return Decimal(0)
        return (self.cost / abs(self.qty)).quantize(Decimal("0.00000001")).normalize()

    def _release(self, closed: int) -> Decimal:
        """Cost of ``closed`` units of the position, taken out of it."""
        part = self.cost if closed == abs(self.qty) else self.cost * closed / abs(self.qty)
        self.cost -= part
        return part


@dataclass
class Account:
    app_key: str
    acct_no: str
    fut_acct_no: str
    cash: Decimal = STOCK_START_USD  # stock account USD deposit
    fut_deposit: Decimal = FUTURES_START_USD  # futures deposit: start + realised - fees
    stock_realised: Decimal = Decimal(0)
    stock_fees: Decimal = Decimal(0)
    fut_realised: Decimal = Decimal(0)
    fut_fees: Decimal = Decimal(0)
    stocks: dict[str, Position] = field(default_factory=dict)
    futures: dict[str, Position] = field(default_factory=dict)
    loans: dict[tuple[str, str], Loan] = field(default_factory=dict)  # (symbol, loan date) -> loan

    @classmethod
    def new(cls, app_key: str) -> Account:
        stock_no, fut_no = account_numbers(app_key)
        return cls(app_key=app_key, acct_no=stock_no, fut_acct_no=fut_no)


def point_value(inst: Instrument) -> Decimal:
    """Currency value of a one-point move of one contract."""
    if inst.tick_value and inst.tick_size:
        return inst.tick_value / inst.tick_size
    return inst.multiplier or Decimal(1)


def premium(inst: Instrument, price: Decimal, signed_qty: int, usd_per: Decimal) -> Decimal:
    """USD premium of ``signed_qty`` options at ``price`` (positive for a buy: paid)."""
    return (price * signed_qty * point_value(inst) * usd_per).quantize(Decimal("0.01"))


def apply_stock_fill(acct: Account, fill: Fill, loan_dt: str = "") -> Position:
    """Book a stock fill; a sale repaying the loan of ``loan_dt`` (COSMT00300) sells that loan's
    shares and pays the loan back out of the proceeds, any other sale sells cash shares."""
    pos = acct.stocks.setdefault(fill.symbol, Position(fill.symbol, opened_date=fill.exec_date))
    value = fill.price * fill.qty
    fill.fee = (value * STOCK_FEE_RATE).quantize(Decimal("0.01"))
    if fill.side == "2":
        pos.cost += value
        pos.qty += fill.qty
        acct.cash -= value + fill.fee
    else:
        loan = acct.loans.get((fill.symbol, loan_dt)) if loan_dt else None
        repaid = Decimal(0)
        if loan is not None:
            cost, repaid = loan.release(fill.qty)
            pos.cost -= cost
        else:
            cash_qty, cash_cost = cash_part(acct, fill.symbol)
            cost = pos._release(fill.qty) if cash_qty == pos.qty else \
                (cash_cost if fill.qty >= cash_qty else cash_cost * fill.qty / cash_qty)
            if cash_qty != pos.qty:
                pos.cost -= cost
        fill.realised = value - cost
        pos.qty -= fill.qty
        pos.realised += fill.realised
        acct.stock_realised += fill.realised
        acct.cash += value - repaid - fill.fee
    acct.stock_fees += fill.fee
    return pos


def apply_future_fill(acct: Account, fill: Fill, inst: Instrument, usd_per: Decimal) -> Position:
    pos = acct.futures.setdefault(
        fill.symbol, Position(fill.symbol, currency=inst.currency, opened_date=fill.exec_date))
    signed = fill.qty if fill.side == "2" else -fill.qty
    fill.fee = FUTURES_FEE_PER_CONTRACT * fill.qty
    option = inst.product == "option"
    if option:  # the premium changes hands now
        acct.fut_deposit -= premium(inst, fill.price, signed, usd_per)
    if pos.qty == 0 or (pos.qty > 0) == (signed > 0):
        pos.cost += fill.price * fill.qty
        pos.qty += signed
    else:
        closed = min(abs(signed), abs(pos.qty))
        direction = 1 if pos.qty > 0 else -1
        points = (fill.price * closed - pos._release(closed)) * direction
        fill.realised = (points * point_value(inst) * usd_per).quantize(Decimal("0.01"))
        fill.realised_ccy = (points * point_value(inst)).quantize(Decimal("0.01"))
        pos.realised += fill.realised
        acct.fut_realised += fill.realised
        if not option:  # an option's premiums have already settled it
            acct.fut_deposit += fill.realised
        pos.qty += signed
        if (pos.qty > 0) == (signed > 0) and pos.qty:  # flipped: the rest opens at the fill price
            pos.cost = fill.price * abs(pos.qty)
    acct.fut_fees += fill.fee
    acct.fut_deposit -= fill.fee
    return pos


# --- buying power -------------------------------------------------------------------------


def stock_reserved(orders: Iterable[Order]) -> Decimal:
    """Cash held back by working buy orders (limit price times the quantity left)."""
    return sum((o.price * o.remaining for o in orders
                if o.product == "stock" and o.side == "2" and o.remaining), Decimal(0))


def stock_orderable(acct: Account, orders: Iterable[Order]) -> Decimal:
    return acct.cash - stock_reserved(orders)


def stock_sellable(acct: Account, symbol: str, orders: Iterable[Order], loan_dt: str = "") -> int:
    """Shares a sale can still take: the cash shares, or those of the loan of ``loan_dt``."""
    loan = acct.loans.get((symbol, loan_dt)) if loan_dt else None
    held = loan.qty if loan is not None else cash_part(acct, symbol)[0] if not loan_dt else 0
    pending = sum(o.remaining for o in orders if o.product == "stock" and o.side == "1"
                  and o.symbol == symbol and o.loan_dt == loan_dt)
    return held - pending


def stock_sellable_all(acct: Account, symbol: str, orders: Iterable[Order]) -> int:
    """Shares of every kind (cash and each loan) still free to sell."""
    orders = list(orders)
    dates = {ln.loan_dt for ln in acct.loans.values() if ln.symbol == symbol}
    return sum(stock_sellable(acct, symbol, orders, d) for d in {"", *dates})


def futures_margin_required(
    acct: Account, orders: Iterable[Order], margin_of: Callable[[str], Decimal],
    extra: tuple[str, str, int] | None = None, short_only: Callable[[str], bool] | None = None,
) -> tuple[Decimal, Decimal]:
    """(margin held by positions, margin held by positions plus the worst case of working orders).

    Per contract the worst case is the larger of "every working buy fills" and "every working
    sell fills", so closing orders hold nothing and opening orders hold initial margin.
    ``extra`` = (symbol, side, qty) adds a prospective order. Contracts for which ``short_only``
    is true (options) hold margin for short contracts only.
    """
    buys: dict[str, int] = {}
    sells: dict[str, int] = {}
    for o in orders:
        if o.product == "future" and o.remaining:
            book = buys if o.side == "2" else sells
            book[o.symbol] = book.get(o.symbol, 0) + o.remaining
    if extra is not None:
        sym, side, qty = extra
        book = buys if side == "2" else sells
        book[sym] = book.get(sym, 0) + qty
    held = Decimal(0)
    worst = Decimal(0)
    for sym in set(buys) | set(sells) | {s for s, p in acct.futures.items() if p.qty}:
        pos = acct.futures.get(sym)
        q = pos.qty if pos else 0
        m = margin_of(sym)
        cases = (q, q + buys.get(sym, 0), q - sells.get(sym, 0))
        if short_only is not None and short_only(sym):
            held += m * max(0, -q)
            worst += m * max(max(0, -c) for c in cases)
        else:
            held += m * abs(q)
            worst += m * max(abs(c) for c in cases)
    return held, worst
