"""Where the command palette finds symbols: a provider interface the instrument master fills later."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class SymbolInfo:
    code: str  # the symbol as the trader types it: "AAPL", "ESZ26"
    name: str  # display name (Korean where LS gives one)
    market: str = "stock"  # "stock" or "futures"
    exchange: str = ""  # "NASDAQ", "NYSE", "CME" ...


class SymbolProvider(Protocol):
    def search(self, text: str, limit: int = 20) -> list[SymbolInfo]: ...


class StaticSymbolProvider:
    """A fixed list; ranks exact code, then code prefix, then any substring of code or name."""

    def __init__(self, symbols: list[SymbolInfo]):
        self.symbols = list(symbols)

    def extend(self, symbols: list[SymbolInfo]) -> None:
        known = {s.code for s in self.symbols}
        self.symbols += [s for s in symbols if s.code not in known]

    def search(self, text: str, limit: int = 20) -> list[SymbolInfo]:
        q = text.strip().upper()
        if not q:
            return []
        ranked = []
        for s in self.symbols:
            code, name = s.code.upper(), s.name.upper()
            if code == q:
                ranked.append((0, s.code, s))
            elif code.startswith(q):
                ranked.append((1, s.code, s))
            elif q in code or q in name:
                ranked.append((2, s.code, s))
        ranked.sort(key=lambda r: (r[0], r[1]))
        return [r[2] for r in ranked[:limit]]


# Until the instrument master lands: well-known names the embedded exchange lists too.
DEFAULT_SYMBOLS = [
    SymbolInfo("AAPL", "애플 Apple", "stock", "NASDAQ"),
    SymbolInfo("MSFT", "마이크로소프트 Microsoft", "stock", "NASDAQ"),
    SymbolInfo("NVDA", "엔비디아 NVIDIA", "stock", "NASDAQ"),
    SymbolInfo("TSLA", "테슬라 Tesla", "stock", "NASDAQ"),
    SymbolInfo("AMZN", "아마존 Amazon", "stock", "NASDAQ"),
    SymbolInfo("GOOGL", "알파벳 Alphabet", "stock", "NASDAQ"),
    SymbolInfo("META", "메타 Meta Platforms", "stock", "NASDAQ"),
    SymbolInfo("KO", "코카콜라 Coca-Cola", "stock", "NYSE"),
    SymbolInfo("JPM", "JP모건 JPMorgan Chase", "stock", "NYSE"),
    SymbolInfo("SPY", "SPDR S&P 500 ETF", "stock", "NYSE"),
]


def default_provider() -> StaticSymbolProvider:
    return StaticSymbolProvider(DEFAULT_SYMBOLS)
