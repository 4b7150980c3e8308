"""What the market-data hub asks LS for: a symbol's snapshot (g3101/g3106, o3105/o3106,
o3125/o3126) and its recent trades (g3102, o3116, o3136), as plain values the hub applies."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, NamedTuple

from app.trading import quotes as qs
from app.trading.instruments import Instrument
from app.trading.quotes import Trade
from app.trading.trading_hours import NEW_YORK, SEOUL


class Seed(NamedTuple):
    """A snapshot answer: the quote's fields, and the book block (with its depth) when asked."""

    last: Any
    change: Any
    sign: str
    pct: Any
    volume: Any
    open: Any
    high: Any
    low: Any
    prev_close: Any
    book: Any = None
    levels: int = 0
    book_time: str | None = None  # HHMMSS on the exchange's clock, when the book's own is not


def new_york_time(korean: str, now: datetime | None = None) -> str:
    """g3106 gives its book time on the Korean clock (LS's example: '144734' while New York read
    01:47); the terminal shows a stock's times on New York's, as GSH gives them. Anything that
    is no HHMMSS is kept as sent."""
    text = (korean or "").strip()
    if len(text) < 6 or not text[:6].isdigit():
        return text
    now = (now or datetime.now(SEOUL)).astimezone(SEOUL)
    try:
        stamp = now.replace(hour=int(text[:2]), minute=int(text[2:4]), second=int(text[4:6]), microsecond=0)
    except ValueError:
        return text
    if stamp - now > timedelta(hours=12):  # a time of yesterday evening read just after midnight
        stamp -= timedelta(days=1)
    return stamp.astimezone(NEW_YORK).strftime("%H%M%S")


async def fetch_seed(client: Any, inst: Instrument, depth: bool) -> Seed:
    """The quote (and the book when `depth`) of `inst` from its snapshot TR."""
    from app.ls.models import g3101, g3106, o3105, o3106, o3125, o3126

    symbol = inst.code
    if inst.market == "stock":
        market = client.overseas_stock().market()
        args = dict(keysymbol=inst.keysymbol, exchcd=inst.exchcd, symbol=symbol)
        if depth:
            b = (await market.g3106(g3106.G3106InBlock(**args)).req_async()).block
            return Seed(b.price, b.diff, b.sign, b.rate, b.volume, b.open, b.high, b.low, b.jnilclose, b, 10,
                        new_york_time(b.hotime))
        b = (await market.g3101(g3101.G3101InBlock(**args)).req_async()).block
        prev = None if b.price is None or b.diff is None else float(b.price) - (qs.signed(b.diff, b.sign) or 0.0)
        return Seed(b.price, b.diff, b.sign, b.rate, b.volume, b.open, b.high, b.low, prev)
    market = client.overseas_futureoption().market()
    option = inst.market == "option"
    if depth:
        req = market.o3126(o3126.O3126InBlock(mktgb="O", symbol=symbol)) if option \
            else market.o3106(o3106.O3106InBlock(symbol=symbol))
        b = (await req.req_async()).block
        return Seed(b.price, b.change, b.sign, b.diff, b.volume, b.open, b.high, b.low, b.jnilclose, b, 5)
    req = market.o3125(o3125.O3125InBlock(mktgb="O", symbol=symbol)) if option \
        else market.o3105(o3105.O3105InBlock(symbol=symbol))
    b = (await req.req_async()).block
    pct = abs(b.TrdP - b.CloseP) * 100 / b.CloseP if b.TrdP is not None and b.CloseP else None
    return Seed(b.TrdP, b.YdiffP, b.YdiffSign, pct, b.TotQ, b.OpenP, b.HighP, b.LowP, b.CloseP)


async def fetch_trades(client: Any, inst: Instrument, rows: int = 100) -> list[Trade]:
    """The recent trades of `inst`, oldest first (LS answers newest first)."""
    from app.ls.models import g3102, o3116, o3136

    symbol = inst.code
    out: list[Trade] = []
    if inst.market == "stock":
        req = client.overseas_stock().market().g3102(g3102.G3102InBlock(
            keysymbol=inst.keysymbol, symbol=symbol, exchcd=inst.exchcd, readcnt=rows))
        for r in (await req.req_async()).block1:
            out.append(Trade(qs.hms(r.loctime), float(r.price or 0), int(r.exevol or 0),
                             1 if r.cgubun == "+" else -1 if r.cgubun == "-" else 0, r.locdate))
    else:
        market = client.overseas_futureoption().market()
        req = market.o3136(o3136.O3136InBlock(gubun="0", mktgb="O", shcode=symbol, readcnt=rows)) \
            if inst.market == "option" else market.o3116(o3116.O3116InBlock(gubun="0", shcode=symbol, readcnt=rows))
        for r in (await req.req_async()).block1:
            out.append(Trade(qs.hms(r.ovstime), float(r.price or 0), int(r.cvolume or 0), 0, r.ovsdate))
    out.sort(key=lambda t: (t.date, t.time))
    return out
