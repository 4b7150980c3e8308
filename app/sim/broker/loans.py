"""Loan (credit) holdings of a demo stock account and their sell-to-repay orders (COSMT00300).

A loan holding is shares bought with USD the broker lent. LS lists each loan as its own
COSOQ00201 holdings row, told apart by the loan date (``LoanDt``) with its class
(``LoanDtlClssCode``), the amount owed (``LoanAmt``) and the due date (``DueDt``); the same
symbol may have a cash row and several loan rows. Such shares are sold with COSMT00300 naming the
loan date and the credit code of the repayment (``MgntrnCode``): the sale's proceeds pay the loan
back first, the rest is cash. A plain sale (COSAT00301) sells only the cash shares.

Repayment code. LS documents no value list for these fields. LS's credit codes (신용거래코드)
pair a new loan's code with its repayment as "0xx" / "1xx" (e.g. 003 / 103, 080 / 180), so a
loan of class ``xx`` is repaid with ``1xx``; the exchange takes that code and no other.

Demo accounts open without loans: ``book_loan`` (tests, the exchange's admin) books one — the
shares join the symbol's position, the amount is owed, the cash does not move.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from app.sim.broker.orders import E_INPUT, fail

E_LOAN = ("02727", "상환할 대출잔고가 없습니다. (no loan of that date in this symbol)")
DEFAULT_CLASS = "80"  # 예탁담보대출: a loan against the deposited shares
LOAN_DAYS = 90


@dataclass
class Loan:
    symbol: str
    loan_dt: str  # YYYYMMDD, with the symbol it names the loan
    qty: int  # shares of the position held on this loan
    cost: Decimal  # what those shares cost (USD)
    amount: Decimal  # USD still owed
    due_dt: str = ""
    kind: str = DEFAULT_CLASS  # LoanDtlClssCode

    @property
    def repay_code(self) -> str:
        """The MgntrnCode a sell-to-repay of this loan carries."""
        return "1" + self.kind

    def release(self, qty: int) -> tuple[Decimal, Decimal]:
        """Take ``qty`` shares off the loan: (their cost, the part of the loan they repay)."""
        whole = qty >= self.qty
        cost = self.cost if whole else self.cost * qty / self.qty
        repaid = self.amount if whole else (self.amount * qty / self.qty).quantize(Decimal("0.01"))
        self.qty -= qty
        self.cost -= cost
        self.amount -= repaid
        return cost, repaid


def loans_of(acct: Any, symbol: str) -> list[Loan]:
    return sorted((ln for ln in acct.loans.values() if ln.symbol == symbol and ln.qty > 0),
                  key=lambda ln: ln.loan_dt)


def cash_part(acct: Any, symbol: str) -> tuple[int, Decimal]:
    """(shares, cost) of the symbol's position bought with the account's own cash."""
    pos = acct.stocks.get(symbol)
    if pos is None:
        return 0, Decimal(0)
    loans = loans_of(acct, symbol)
    return pos.qty - sum(ln.qty for ln in loans), pos.cost - sum((ln.cost for ln in loans), Decimal(0))


def repay_loan(acct: Any, symbol: str, loan_dt: str, mgntrn: str) -> Loan:
    """The loan a COSMT00300 sale names, checked (LoanDt and the repayment code)."""
    loan = acct.loans.get((symbol, loan_dt.strip()))
    if loan is None or loan.qty <= 0:
        raise fail(E_LOAN)
    if mgntrn.strip() != loan.repay_code:
        raise fail(E_INPUT)
    return loan


def book_loan(broker: Any, app_key: str, symbol: str, qty: int, price: Any, *, loan_dt: str = "",
              due_dt: str = "", kind: str = DEFAULT_CLASS) -> Loan:
    """Book ``qty`` shares of ``symbol`` bought at ``price`` on a loan of the full amount."""
    from app.sim.broker.accounts import Position

    inst = broker.instrument(symbol, "stock")
    if qty <= 0:
        raise ValueError("a loan holding needs a positive quantity")
    acct = broker.account(app_key)
    today = broker.clock().date()
    loan_dt = loan_dt or today.strftime("%Y%m%d")
    start = date(int(loan_dt[:4]), int(loan_dt[4:6]), int(loan_dt[6:8]))
    cost = Decimal(str(price)) * qty
    loan = acct.loans.get((inst.symbol, loan_dt))
    if loan is None:
        loan = acct.loans[(inst.symbol, loan_dt)] = Loan(
            inst.symbol, loan_dt, 0, Decimal(0), Decimal(0),
            due_dt or (start + timedelta(days=LOAN_DAYS)).strftime("%Y%m%d"), kind)
    loan.qty += qty
    loan.cost += cost
    loan.amount += cost
    pos = acct.stocks.setdefault(inst.symbol, Position(inst.symbol, opened_date=loan_dt))
    pos.qty += qty
    pos.cost += cost
    with broker.store.tx():
        broker.store.save_loan(app_key, loan)
        broker.store.save_position(app_key, "stock", pos)
    return loan
