"""Orders and fills of the embedded broker, and the order state machine.

An order is one numbered request as LS numbers them: a new order, a modify (which takes over the
remaining quantity of its original under a new number) or a cancel (which takes the remaining
quantity away). Only new and modify orders can be ``working``; modify and cancel records keep
the link to their original in ``org_ord_no``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Product = Literal["stock", "future"]
Side = Literal["1", "2"]  # LS: 1 sell, 2 buy
Kind = Literal["new", "modify", "cancel"]

WORKING = "working"  # accepted, quantity left to fill
FILLED = "filled"
CANCELLED = "cancelled"  # remaining quantity cancelled (a partial fill may precede it)
REPLACED = "replaced"  # remaining quantity moved to a modify order
REJECTED = "rejected"
DONE = "done"  # a modify/cancel request that has been carried out

ACTIVE = frozenset({WORKING})

# Price types. Stocks use LS's OrdprcPtnCode; futures map AbrdFutsOrdPtnCode 1/2 onto 03/00.
LIMIT = "00"
MARKET = "03"
LOO, LOC, MOO, MOC = "M1", "M2", "M3", "M4"
LIMIT_LIKE = frozenset({LIMIT, LOO, LOC})
MARKET_LIKE = frozenset({MARKET, MOO, MOC})
PRICE_TYPE_NAMES = {LIMIT: "지정가", MARKET: "시장가", LOO: "LOO", LOC: "LOC", MOO: "MOO", MOC: "MOC"}


class OrderError(Exception):
    """A broker-side refusal: LS-style code and message, sent back as the REST error answer."""

    def __init__(self, code: str, message: str):
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.message = message


# Refusals of the broker, LS-style codes (the sim's own numbering; LS does not publish them).
E_SYMBOL = ("02711", "종목코드를 확인하십시오. (unknown symbol)")
E_QTY = ("02712", "주문수량을 확인하십시오. (quantity must be a positive integer)")
E_TICK = ("02713", "주문가격이 호가단위에 맞지 않습니다. (price off the tick grid)")
E_PRICE = ("02714", "주문가격을 확인하십시오. (a limit price must be positive and under 1,000,000,000)")
E_FUNDS = ("02715", "주문가능금액이 부족합니다. (insufficient buying power)")
E_MARGIN = ("02716", "주문가능증거금이 부족합니다. (insufficient margin)")
E_SELLABLE = ("02717", "매도가능수량이 부족합니다. (not enough shares to sell)")
E_ORIG = ("02718", "원주문번호를 확인하십시오. (unknown original order)")
E_NOT_WORKING = ("02719", "정정/취소 가능수량이 없습니다. (order already filled or cancelled)")
E_NO_QUOTE = ("02720", "시세가 없어 주문할 수 없습니다. (no market price)")
E_MARKET = ("02721", "주문시장코드를 확인하십시오. (wrong market code for the symbol)")
E_PRICE_TYPE = ("02722", "호가유형코드를 확인하십시오. (unsupported price type)")
E_RSV = ("02723", "예약주문번호를 확인하십시오. (unknown reserved order)")
E_INPUT = ("02724", "입력값을 확인하십시오. (invalid input)")
E_CLOSED = ("02726", "장운영시간이 아닙니다. (market closed: market orders are not accepted)")

# Exchange-side rejection (sent as AS4 / TC2 HO03 after the order was accepted).
REJECT_PRICE_BAND = ("0341", "가격제한폭 초과 (limit price outside the exchange price band)")
REJECT_HALTED = ("0342", "매매거래정지 종목입니다. (trading in the symbol is halted)")
REJECT_FAULT = ("0343", "거래소에서 주문이 거부되었습니다. (rejected by the exchange)")
PRICE_BAND = Decimal("0.5")  # a limit more than 50 % away from the last trade is refused


def fail(err: tuple[str, str]) -> OrderError:
    return OrderError(*err)


@dataclass
class Order:
    ord_no: int
    app_key: str
    product: Product
    symbol: str
    side: Side
    qty: int  # quantity of this record (for modify/cancel: the quantity it took over)
    price: Decimal  # 0 for market orders
    price_type: str
    kind: Kind = "new"
    org_ord_no: int = 0
    status: str = WORKING
    filled: int = 0
    fill_value: Decimal = Decimal(0)  # sum of qty * price of the fills
    cancelled: int = 0  # cancelled part of this order's quantity
    replaced: int = 0  # part moved to a modify order
    market_code: str = ""  # stocks: 81/82
    ord_date: str = ""  # YYYYMMDD (KST)
    ord_time: str = ""  # HHMMSSmmm (KST)
    reject_code: str = ""
    reject_msg: str = ""
    seq: int = 0  # arrival sequence, for time priority
    loan_dt: str = ""  # stocks: a sale repaying the loan of this date (COSMT00300)

    @property
    def remaining(self) -> int:
        if self.kind == "cancel" or self.status != WORKING:
            return 0
        return self.qty - self.filled - self.cancelled - self.replaced

    @property
    def avg_price(self) -> Decimal:
        return self.fill_value / self.filled if self.filled else Decimal(0)

    @property
    def is_market(self) -> bool:
        return self.price_type in MARKET_LIKE

    def crosses(self, price: Decimal) -> bool:
        """Would this working order trade at ``price``?"""
        if self.is_market:
            return True
        return price <= self.price if self.side == "2" else price >= self.price

    def add_fill(self, qty: int, price: Decimal) -> None:
        self.filled += qty
        self.fill_value += price * qty
        if self.filled + self.cancelled + self.replaced >= self.qty:
            self.status = FILLED


@dataclass
class Fill:
    exec_no: int
    ord_no: int
    app_key: str
    product: Product
    symbol: str
    side: Side
    qty: int
    price: Decimal
    fee: Decimal = Decimal(0)
    realised: Decimal = Decimal(0)  # realised P&L of this fill in account currency (USD)
    realised_ccy: Decimal = Decimal(0)  # futures: the same in the contract's currency (TC3 clr_pl_amt)
    exec_date: str = ""
    exec_time: str = ""


@dataclass
class ReservedOrder:
    """A COSAT00400 reserved order: kept until its window ends or it is cancelled."""

    rsv_no: int
    app_key: str
    symbol: str
    side: Side
    qty: int
    price: Decimal
    price_type: str
    market_code: str
    input_date: str
    start_date: str
    end_date: str
    status: str = "1"  # 1 registered, 2 cancelled, 3 sent (order placed)
    ord_no: int = 0
    extra: dict = field(default_factory=dict)
    loan_dt: str = ""  # a sale repaying the loan of this date (MgntrnCode / LoanDt of COSAT00400)
