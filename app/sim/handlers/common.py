"""Helpers shared by the market and chart handlers: lookups, paging keys, field values."""

from __future__ import annotations

from datetime import datetime, timezone

from app.sim.market import Market, SymbolState
from app.sim.quotes import local_times, rate_text, sign_of  # noqa: F401  (re-exported)
from app.sim.registry import SimError, TRContext

NO_SYMBOL = ("IGW40013", "데이터 조회에 실패 했습니다.")
OK = "조회완료"


def market(ctx: TRContext) -> Market:
    return ctx.exchange.market


def stock(ctx: TRContext, symbol: str, keysymbol: str = "", exchcd: str = "") -> SymbolState:
    m = market(ctx)
    inst = m.instrument(keysymbol) or m.instrument(symbol)
    if inst is None or inst.product != "stock" or (exchcd and inst.exchange != exchcd):
        raise SimError(*NO_SYMBOL)
    return m.state(inst.symbol)


def derivative(ctx: TRContext, code: str, kinds: tuple[str, ...] = ("future", "option")) -> SymbolState:
    m = market(ctx)
    inst = m.instrument(code)
    if inst is None or inst.product not in kinds:
        raise SimError(*NO_SYMBOL)
    return m.state(inst.symbol)


def now(ctx: TRContext) -> datetime:
    return ctx.exchange.clock.now()


def dt_local(st: SymbolState, t: float) -> datetime:
    from app.sim.clock import zone_of

    return datetime.fromtimestamp(t, timezone.utc).astimezone(zone_of(st.inst.exchange))


def cont_key(*parts: object) -> str:
    """An opaque continuation key (LS's is up to 18 characters)."""
    return "".join(str(p) for p in parts)[:18]


def page_count(value: object, default: int, limit: int) -> int:
    try:
        n = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        n = default
    return max(1, min(limit, n if n > 0 else default))
