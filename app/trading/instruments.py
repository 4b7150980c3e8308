"""The instrument master: every symbol the server lists (g3190 stocks, o3101 futures), for search.

Loaded in the background after login, page by page under the TRs' rate limits; until it is
loaded, search falls back to a small built-in list so the palette is never empty.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.trading.symbols import DEFAULT_SYMBOLS, SymbolInfo

log = logging.getLogger(__name__)

EXCHANGES = {"81": "NYSE/AMEX", "82": "NASDAQ"}


@dataclass(frozen=True)
class Instrument:
    code: str  # "AAPL", "ESZ26"
    name: str  # Korean name where LS gives one, else English
    name_en: str
    market: str  # "stock" | "futures"
    exchange: str  # "NASDAQ", "NYSE/AMEX", or the futures exchange code
    currency: str
    keysymbol: str = ""  # stocks: "82AAPL"
    exchcd: str = ""  # stocks: "81" | "82"
    tick: Decimal | None = None  # futures: the price step (stocks: by price band, not here)
    tick_value: Decimal | None = None

    def info(self) -> SymbolInfo:
        name = self.name if self.name == self.name_en or not self.name_en else f"{self.name} {self.name_en}"
        return SymbolInfo(self.code, name, self.market, self.exchange)


class InstrumentMaster:
    """Search over the server's listed instruments (implements the palette's SymbolProvider)."""

    def __init__(self) -> None:
        self._by_code: dict[str, Instrument] = {}
        self._fallback = list(DEFAULT_SYMBOLS)
        self.loaded = False
        self.listeners: list[Callable[[int], None]] = []

    def __len__(self) -> int:
        return len(self._by_code)

    def get(self, code: str) -> Instrument | None:
        return self._by_code.get(code.strip().upper())

    def add(self, instruments: list[Instrument]) -> None:
        for inst in instruments:
            self._by_code[inst.code.upper()] = inst

    async def load(self, ls: Any, *, stocks: bool = True, futures: bool = True, max_pages: int = 60) -> int:
        """Fetch the masters through the client core; returns how many instruments are known."""
        if stocks:
            await self._load_stocks(ls, max_pages)
        if futures:
            await self._load_futures(ls)
        self.loaded = True
        log.info("instrument master: %d instruments", len(self._by_code))
        for cb in list(self.listeners):
            cb(len(self._by_code))
        return len(self._by_code)

    async def _load_stocks(self, ls: Any, max_pages: int) -> None:
        from app.ls.models import g3190

        for exgubun in ("1", "2", "3"):  # NYSE, NASDAQ, AMEX: asked one by one
            block = g3190.G3190InBlock(natcode="US", exgubun=exgubun, readcnt=500, cts_value="")
            await self._load_stock_pages(ls.overseas_stock().market().g3190(block), max_pages)

    async def _load_stock_pages(self, request: Any, max_pages: int) -> None:
        async for page in request.pages(max_pages=max_pages):
            self.add([Instrument(
                code=row.symbol.strip(), name=(row.korname or row.engname).strip(), name_en=row.engname.strip(),
                market="stock", exchange=EXCHANGES.get(row.exchcd, row.exchcd), currency=row.currency,
                keysymbol=row.keysymbol.strip(), exchcd=row.exchcd) for row in page.block1 if row.symbol.strip()])

    async def _load_futures(self, ls: Any) -> None:
        from app.ls.models import o3101

        resp = await ls.overseas_futureoption().market().o3101(o3101.O3101InBlock(gubun="1")).req_async()
        self.add([Instrument(
            code=row.Symbol.strip(), name=row.SymbolNm.strip(), name_en=row.SymbolNm.strip(), market="futures",
            exchange=row.ExchCd.strip(), currency=row.CrncyCd.strip(), tick=row.UntPrc, tick_value=row.MnChgAmt)
            for row in resp.block if row.Symbol.strip()])

    def search(self, text: str, limit: int = 20) -> list[SymbolInfo]:
        """Exact code first, then code prefix, then any part of the code or a name."""
        q = text.strip().upper()
        if not q:
            return []
        pool = [i.info() for i in self._by_code.values()] if self._by_code else self._fallback
        ranked = []
        for s in pool:
            code, name = s.code.upper(), s.name.upper()
            if code == q:
                ranked.append((0, len(code), code, s))
            elif code.startswith(q):
                ranked.append((1, len(code), code, s))
            elif q in code or q in name:
                ranked.append((2, len(code), code, s))
        ranked.sort(key=lambda r: r[:3])
        return [r[3] for r in ranked[:limit]]
