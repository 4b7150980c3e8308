"""The portfolio's records: a position and a balance as panels and charts read them, and their P&L arithmetic."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

CENT = Decimal("0.01")


def cents(value: Decimal) -> Decimal:
    """Money to the cent, rounded half up as LS rounds it."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def dec(value: Any) -> Decimal | None:
    """A Decimal from a model field or a float quote; '' and None are unknown (never 0)."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    try:
        d = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return d if d.is_finite() else None


def won(amount: Decimal | None, krw_rate: Decimal | None) -> Decimal | None:
    """``amount`` in won at ``krw_rate`` (won per unit), to the won; None when either is unknown."""
    if amount is None or krw_rate is None:
        return None
    return (amount * krw_rate).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def point_value(inst: Any) -> Decimal:
    """Currency value of a one-point move of one contract (stocks: 1).

    LS gives both the tick's value (MnChgAmt) and the contract size (CtrtPrAmt); the tick's value
    over the tick size is what a point is worth even where CtrtPrAmt is quoted differently.
    """
    if inst is None or getattr(inst, "market", "stock") == "stock":
        return Decimal(1)
    tick, tick_value = getattr(inst, "tick", None), getattr(inst, "tick_value", None)
    if tick and tick_value and tick > 0 and tick_value > 0:
        return tick_value / tick
    mult = getattr(inst, "multiplier", None)
    return mult if mult and mult > 0 else Decimal(1)


@dataclass(frozen=True)
class LoanLot:
    """Shares of a stock held on a loan (credit), as COSOQ00201 lists them: a row of their own
    whose loan date (``LoanDt``) names the loan. Such shares are sold with COSMT00300."""

    date: str  # LoanDt, YYYYMMDD
    kind: str  # LoanDtlClssCode, the loan's class
    qty: int  # AstkBalQty
    sellable: int  # AstkSellAbleQty: not held by working sells
    amount: Decimal | None = None  # LoanAmt: still owed (KRW)
    due: str = ""  # DueDt

    @property
    def repay_code(self) -> str:
        """COSMT00300's MgntrnCode for repaying this loan. LS lists no values; its credit codes
        pair a loan's class with its repayment as "0xx" / "1xx" (003 / 103, 080 / 180)."""
        return "1" + self.kind.strip().zfill(2)


@dataclass(frozen=True)
class Opening:
    """A futures/options position at the previous business day's close, as CIDEQ00800 of that
    day reports it (a contract flat that day: quantity 0, P&L 0)."""

    day: str  # TrdDt, YYYYMMDD
    qty: int = 0  # signed: BalQty, short when BnsTpNm says 매도
    price: Decimal | None = None  # OvrsDrvtNowPrc: the price that day's positions were valued at
    pnl: Decimal = Decimal(0)  # FcurrEvalPnlAmt: their open P&L at that price (contract currency)
    currency: str = ""  # CrcyCodeVal


@dataclass
class Position:
    """One open position. `qty` is signed (+ long, - short); money is in `currency`."""

    symbol: str
    market: str  # "stock" | "futures" | "option"
    qty: int
    avg_price: Decimal
    currency: str = "USD"
    name: str = ""
    multiplier: Decimal = Decimal(1)  # value of a one-point move of one unit (stocks: 1)
    last: Decimal | None = None  # the hub's last price, else the server's at the last query
    realized: Decimal = Decimal(0)  # today's realised P&L of fills this terminal has seen
    sellable: int | None = None  # stocks: shares free to sell (not held by working sells)
    server_last: Decimal | None = field(default=None, repr=False)
    book_cost: Decimal | None = field(default=None, repr=False)  # exact cost of what is held, when known
    loans: tuple[LoanLot, ...] = ()  # stocks: the shares held on loans, oldest loan first
    opening: Opening | None = None  # futures: the position at the previous business day's close
    krw_rate: Decimal | None = field(default=None, repr=False)  # KRW per unit of `currency`, as LS reports it

    @property
    def account(self) -> str:
        return "stock" if self.market == "stock" else "futures"

    @property
    def side(self) -> str:
        return "long" if self.qty > 0 else "short" if self.qty < 0 else "flat"

    @property
    def cost(self) -> Decimal:
        """What was paid for what is held (average times quantity times multiplier)."""
        return self.avg_price * abs(self.qty) * self.multiplier

    @property
    def value(self) -> Decimal | None:
        """Market value at `last` (signed: a short is negative)."""
        return None if self.last is None else self.last * self.qty * self.multiplier

    @property
    def unrealized(self) -> Decimal | None:
        if self.last is None or not self.qty:
            return None
        return cents((self.last - self.avg_price) * self.qty * self.multiplier)

    @property
    def pct(self) -> Decimal | None:
        """Unrealised P&L as a percentage of cost."""
        pnl, cost = self.unrealized, self.cost
        if pnl is None or not cost:
            return None
        return cents(pnl * 100 / cost)

    @property
    def pnl_krw(self) -> Decimal | None:
        """Unrealised P&L in won at `krw_rate` (None while either is unknown)."""
        return won(self.unrealized, self.krw_rate)

    @property
    def day_pnl(self) -> Decimal | None:
        """Futures: today's P&L against the opening position — open P&L now plus today's
        realised, less the open P&L the opening position had at the previous close."""
        if self.opening is None:
            return None
        pnl = self.unrealized
        if pnl is None and self.qty:
            return None
        return cents((pnl or Decimal(0)) + self.realized - self.opening.pnl)

    def repay_lot(self) -> LoanLot | None:
        """The loan a sale repays: the oldest with shares free to sell (None: a sale sells cash shares)."""
        return next((lot for lot in self.loans if lot.sellable > 0), None) if self.qty > 0 else None

    def closing_order(self) -> dict[str, Any]:
        """The order that would flatten this position (for the ticket to review, never sent).
        Shares held on loans are sold loan by loan (one COSMT00300 repays one loan), oldest first."""
        order = {"symbol": self.symbol, "side": "sell" if self.qty > 0 else "buy",
                 "qty": abs(self.qty), "price": self.last, "price_type": "limit"}
        lot = self.repay_lot()
        if lot is not None:
            order.update(qty=lot.sellable, loan=lot.date)
        return order


@dataclass
class Balance:
    """One account's money in one currency (stock account: cash; futures account: deposit and margin)."""

    account: str  # "stock" | "futures"
    currency: str
    cash: Decimal | None = None  # stock: FX deposit; futures: deposit
    buying_power: Decimal | None = None  # stock: orderable amount; futures: orderable (margin free)
    margin_used: Decimal | None = None  # futures only
    margin_available: Decimal | None = None  # futures only
    equity: Decimal | None = None  # cash + holdings at last (stock); deposit + open P&L (futures)
    unrealized: Decimal | None = None
    realized: Decimal = Decimal(0)
    krw_rate: Decimal | None = None  # KRW per unit of `currency`, as LS reports it
    day_pnl: Decimal | None = None  # futures: today's P&L against the previous close (see Position.day_pnl)

    @property
    def pnl(self) -> Decimal | None:
        return None if self.unrealized is None else self.unrealized + self.realized

    def krw(self, amount: Decimal | None) -> Decimal | None:
        return won(amount, self.krw_rate)

    @property
    def equity_krw(self) -> Decimal | None:
        return self.krw(self.equity)

    @property
    def pnl_krw(self) -> Decimal | None:
        return self.krw(self.pnl)
