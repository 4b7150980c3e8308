"""Helpers shared by the broker's TR handlers: the broker of a request, errors, paging, names."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

from app.sim.broker.orders import OrderError
from app.sim.registry import SimError, TRContext

T = TypeVar("T")
PAGE_SIZE = 20
PWD_MASK = "********"
ACCOUNT_NAME = "SIM DEMO"

OK_QUERY = ("00136", "조회가 완료되었습니다.")
OK_BALANCE = ("00001", "조회가 완료되었습니다")
OK_ORDER = ("00000", "정상처리되었습니다.")
OK_FUT_ORDER = ("00000", "정상 처리되었습니다.")
OK_FUT_MODIFY = ("00131", "정정이 완료되었습니다.")
OK_FUT_CANCEL = ("00156", "취소주문이 완료되었습니다.")
NO_DATA_RSV = ("00200", "조회내역이 없습니다.")
NO_DATA_POSITIONS = ("00707", "조회할 내역이 없습니다.")
NO_DATA_PENDING = ("02679", "미체결 내역이 없습니다.")
BAD_CONT_KEY = ("IGW40013", "데이터 조회에 실패 했습니다. (연속키 오류)")
NO_BROKER = ("IGW40013", "데이터 조회에 실패 했습니다. (모의거래소 계좌 미지원)")

SIDE_NAMES = {"1": "매도", "2": "매수"}
MARKET_NAMES = {"81": "NYSE/AMEX", "82": "NASDAQ"}


def echo(block: Any, acct_no: str, pwd_field: str = "Pwd", **extra: Any) -> dict[str, Any]:
    """An answer's OutBlock1: the request's in-block as LS repeats it, with the account number,
    the password masked and ``extra``. LS trims the values it repeats: a blank sent (" ", as
    programgarden sends FcmAcntNo or ExchCode) comes back "" in every doc example that has one."""
    data = {k: v.strip() if isinstance(v, str) else v for k, v in block.model_dump(exclude_none=True).items()}
    data.update({"RecCnt": 1, "AcntNo": acct_no, pwd_field: PWD_MASK}, **extra)
    return data


def broker_of(ctx: TRContext) -> Any:
    broker = getattr(ctx.exchange, "broker", None)
    if broker is None:
        raise SimError(*NO_BROKER)
    return broker


@contextmanager
def order_errors() -> Iterator[None]:
    """A broker refusal becomes LS's error envelope (HTTP 500, as LS answers errors)."""
    try:
        yield
    except OrderError as err:
        raise SimError(err.code, err.message, 500) from None


def page(ctx: TRContext, rows: Sequence[T], size: int = PAGE_SIZE,
         key: Callable[[T], str] | None = None) -> tuple[list[T], str, str]:
    """Header-only continuation: (rows of this page, tr_cont, tr_cont_key).

    The body is resent unchanged by the client. The key is the offset of the next page, or with
    ``key`` (a row's unique id) the id of the next page's first row, so that rows added or
    changed between two calls neither repeat nor disappear.
    """
    start = 0
    if ctx.tr_cont == "Y" and ctx.tr_cont_key:
        if key is not None:
            start = next((i for i, row in enumerate(rows) if key(row) == ctx.tr_cont_key), -1)
        else:
            try:
                start = int(ctx.tr_cont_key)
            except ValueError:
                raise SimError(*BAD_CONT_KEY) from None
        if start < 0 or start > len(rows):
            raise SimError(*BAD_CONT_KEY)
    end = start + size
    if end < len(rows):
        return list(rows[start:end]), "Y", str(end) if key is None else key(rows[end])
    return list(rows[start:]), "N", ""


def money(value: Decimal, places: str = "0.01") -> Decimal:
    return Decimal(value).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def won(value: Decimal) -> int:
    return int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def rate(part: Decimal, whole: Decimal) -> Decimal:
    return money(part * 100 / whole, "0.000001") if whole else Decimal(0)


def pad_ord(no: int) -> str:
    """Futures order numbers as the REST TRs write them: 10 digits, zero-padded."""
    return f"{no:010d}" if no else "0000000000"


def select(rows: list[T], *tests: Callable[[T], bool]) -> list[T]:
    return [r for r in rows if all(t(r) for t in tests)]
