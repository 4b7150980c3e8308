"""The contract between the embedded exchange's server and the code that answers each TR.

A handler is registered per TR code with ``@handler("g3101")``. It receives the parsed request
(the TR's ``Request`` model from ``app.ls.models``) and a ``TRContext``, and returns a
``TRResult`` or raises ``SimError``; the server turns either into LS's wire envelope.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal


@dataclass
class TRContext:
    exchange: Any  # app.sim.exchange.Exchange
    app_key: str  # the app key that owns the token: identifies the demo account
    tr_cd: str
    tr_cont: str = "N"  # request header: "Y" when asking for the next page
    tr_cont_key: str = ""


@dataclass
class TRResult:
    body: dict[str, Any]  # out-blocks keyed by name, JSON-ready (no rsp_cd / rsp_msg)
    rsp_cd: str = "00000"
    rsp_msg: str = "조회완료"
    tr_cont: Literal["Y", "N"] = "N"
    tr_cont_key: str = ""


class SimError(Exception):
    """An LS-style error answer: ``{"rsp_cd": ..., "rsp_msg": ...}`` with an HTTP status."""

    def __init__(self, rsp_cd: str, rsp_msg: str, http_status: int = 500):
        super().__init__(f"[{rsp_cd}] {rsp_msg}")
        self.rsp_cd = rsp_cd
        self.rsp_msg = rsp_msg
        self.http_status = http_status


Handler = Callable[[TRContext, Any], "TRResult | Awaitable[TRResult]"]
HANDLERS: dict[str, Handler] = {}


def handler(tr_cd: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        if tr_cd in HANDLERS:
            raise RuntimeError(f"two handlers for {tr_cd}")
        HANDLERS[tr_cd] = fn
        return fn

    return register


@dataclass(frozen=True)
class Instrument:
    """One tradable thing of the embedded exchange (stock, ETF, future or option)."""

    symbol: str  # ticker ("TSLA") or contract code ("NQZ26", "2ESZ26_5800")
    product: Literal["stock", "future", "option"]
    name: str  # display name (English)
    name_ko: str
    exchange: str  # stock: "81" NYSE/AMEX | "82" NASDAQ; futures: exchange id ("CME", "HKEX")
    currency: str  # "USD", "HKD", "JPY", "EUR"...
    tick_size: Decimal
    tick_value: Decimal = Decimal(0)  # futures: currency value of one tick per contract
    multiplier: Decimal = Decimal(1)  # futures: contract size
    margin: Decimal = Decimal(0)  # futures: initial margin per contract
    maint_margin: Decimal = Decimal(0)
    root: str = ""  # futures: "NQ"; options: underlying root
    expiry: str = ""  # futures/options: YYYYMMDD
    strike: Decimal = Decimal(0)  # options
    put_call: str = ""  # options: "C" | "P"
    decimals: int = 2
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def keysymbol(self) -> str:
        """LS's stock key: exchange code + ticker ("82TSLA"); the code itself for derivatives."""
        return f"{self.exchange}{self.symbol}" if self.product == "stock" else self.symbol
