"""The instrument master: every symbol the server lists (g3190 stocks, o3101 futures, o3121 options).

Loaded once after login, page by page under the TRs' rate limits, and kept on disk for the
exchange day (one JSON file per server and New York date), so a second start that day reads the
file instead of paging the masters again. Names (Korean and English where LS has them), exchange
codes, currencies, tick sizes and contract specs come from here for every panel. Until it is
loaded, search falls back to a small built-in list so the palette is never empty.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from app.trading.symbols import DEFAULT_SYMBOLS, SymbolInfo

log = logging.getLogger(__name__)

EXCHANGES = {"81": "NYSE/AMEX", "82": "NASDAQ"}
NEW_YORK = ZoneInfo("America/New_York")
CACHE_FORMAT = 2  # 2: contract_month
STOCK_TICK = Decimal("0.01")
STOCK_SUB_DOLLAR_TICK = Decimal("0.0001")  # US equities priced under $1 trade in 1/100 cents


@dataclass(frozen=True)
class Instrument:
    code: str  # "AAPL", "ESZ26", "2ESZ26_6000"
    name: str  # Korean name where LS gives one, else English
    name_en: str
    market: str  # "stock" | "futures" | "option"
    exchange: str  # "NASDAQ", "NYSE/AMEX", or the futures exchange code
    currency: str
    keysymbol: str = ""  # stocks: "82AAPL"
    exchcd: str = ""  # stocks: "81" | "82"
    tick: Decimal | None = None  # futures/options: the price step (stocks: by price, see tick_at)
    tick_value: Decimal | None = None  # value of one tick per contract
    decimals: int | None = None  # digits after the point the prices carry
    multiplier: Decimal | None = None  # contract value per point (CtrtPrAmt)
    margin: Decimal | None = None  # initial margin per contract
    underlying: str = ""  # futures/options: the base product's code (BscGdsCd)
    strike: str = ""  # options
    put_call: str = ""  # options: "C" | "P" as LS codes it
    session_start: str = ""  # trading hours as LS gives them (HHMMSS, Korean time)
    session_end: str = ""
    tradable: bool = True
    contract_month: str = ""  # futures/options: "YYYYMM" of the contract (o3101 LstngYr, LstngM)

    @property
    def is_stock(self) -> bool:
        return self.market == "stock"

    def tick_at(self, price: Decimal | float | None = None) -> Decimal:
        """The price step at `price` (US stocks: $0.0001 below $1, else $0.01)."""
        if self.tick is not None and self.tick > 0:
            return self.tick
        if price is not None and Decimal(str(price)) < 1:
            return STOCK_SUB_DOLLAR_TICK
        return STOCK_TICK

    def price_decimals(self, price: float | None = None) -> int:
        """Digits to show a price with: the tick's own digits (at least the ones LS says)."""
        return max(0, -self.tick_at(price).normalize().as_tuple().exponent)

    def names(self) -> list[str]:
        """The Korean then the English name, each once and neither one that only repeats the code
        ("AMD" is named "Advanced Micro Devices Inc", not "AMD AMD Advanced …")."""
        kept: list[str] = []
        seen = {self.code.casefold()}
        for name in (self.name, self.name_en):
            name = " ".join((name or "").split())
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                kept.append(name)
        return kept

    def info(self) -> SymbolInfo:
        """The palette's row: '세일즈포스 · Salesforce Inc', as the symbol entries' completions show it."""
        return SymbolInfo(self.code, " · ".join(self.names()) or self.code,
                          "stock" if self.market == "stock" else "futures", self.exchange)


def format_average(value: Decimal | float, decimals: int) -> str:
    """An average price to the tick's digits, with up to three more where it has them (10.1235,
    6,152.625): an average of fills is rarely on the tick, and rounding it hides the cost."""
    q = Decimal(str(value)).quantize(Decimal(1).scaleb(-(decimals + 3)), rounding=ROUND_HALF_UP)
    text = f"{q:,.{decimals + 3}f}"
    while "." in text and len(text.split(".")[1]) > decimals and text.endswith("0"):
        text = text[:-1]
    return text.rstrip(".")


MONTH_CODES = "FGHJKMNQUVXZ"  # the futures month letters, January to December


def contract_month(year: Any, month: Any) -> str:
    """"YYYYMM" from o3101's LstngYr and LstngM (a month number, or its futures letter "Z");
    "" when either is missing or not one."""
    y, m = str(year or "").strip(), str(month or "").strip().upper()
    if m in MONTH_CODES and len(m) == 1:
        m = str(MONTH_CODES.index(m) + 1)
    if not (y.isdigit() and len(y) == 4 and m.isdigit() and 1 <= int(m) <= 12):
        return ""
    return f"{y}{int(m):02d}"


def code_month(code: str, root: str) -> str:
    """"YYYYMM" read off a futures code of the usual form, root + month letter + year ("ESZ26"); ""
    when it is not of that form."""
    rest = code[len(root):] if code.upper().startswith(root.upper()) else ""
    if len(rest) != 3 or rest[0].upper() not in MONTH_CODES or not rest[1:].isdigit():
        return ""
    return f"20{rest[1:]}{MONTH_CODES.index(rest[0].upper()) + 1:02d}"


def snap_to_tick(value: float | Decimal, tick: Decimal) -> Decimal:
    """`value` rounded to the nearest multiple of `tick` (half up), exactly: 101.2371 at 0.25 is 101.25."""
    return (Decimal(str(value)) / tick).quantize(Decimal(1), rounding=ROUND_HALF_UP) * tick


def _dec(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _int(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def exchange_day(now: datetime | None = None) -> str:
    """The US exchange day an instant belongs to (New York date)."""
    return (now or datetime.now(NEW_YORK)).astimezone(NEW_YORK).strftime("%Y%m%d")


def cache_file(cache_dir: Path, server: str, now: datetime | None = None) -> Path:
    """Where the master of `server` is kept for today's exchange day."""
    tag = hashlib.sha1(server.encode("utf-8")).hexdigest()[:10]
    return Path(cache_dir) / f"instruments-{tag}-{exchange_day(now)}.json"


class InstrumentMaster:
    """Every listed instrument by code, and search over them (the palette's SymbolProvider)."""

    def __init__(self) -> None:
        self._by_code: dict[str, Instrument] = {}
        self._fallback = list(DEFAULT_SYMBOLS)
        self.loaded = False
        self.from_cache = False
        self.listeners: list[Callable[[int], None]] = []  # the whole master is loaded
        # Part of it arrived (a page of stocks, the futures, an option chain): symbols known by now
        # can be used at once; a symbol not found yet may still come until `loaded`.
        self.progress_listeners: list[Callable[[int], None]] = []

    def __len__(self) -> int:
        return len(self._by_code)

    def __contains__(self, code: str) -> bool:
        return self.get(code) is not None

    def get(self, code: str) -> Instrument | None:
        return self._by_code.get(code.strip().upper())

    def all(self) -> list[Instrument]:
        return list(self._by_code.values())

    def add(self, instruments: list[Instrument]) -> None:
        for inst in instruments:
            self._by_code[inst.code.upper()] = inst

    def _arrived(self, instruments: list[Instrument]) -> None:
        """A part of the master came from the server: add it and tell whoever waits for symbols."""
        self.add(instruments)
        for cb in list(self.progress_listeners):
            try:
                cb(len(self._by_code))
            except Exception:
                log.exception("instrument master progress listener failed")

    # ---- loading -----------------------------------------------------------------------------
    async def load(self, ls: Any, *, stocks: bool = True, futures: bool = True, options: bool = True,
                   max_pages: int = 60, cache: Path | None = None) -> int:
        """Fill the master from `cache` if it holds today's copy, else from the server (then save it)."""
        if cache is not None and self.read_cache(cache):
            self.from_cache = True
        else:
            # Three parts, each under its own TR's rate limit (o3101/o3121 allow one call a second,
            # and the option chains take one o3121 each): asked side by side, and each page is
            # usable as soon as it arrives, so a watchlist of stocks need not wait for the options.
            parts = []
            if stocks:
                parts.append(self._load_stocks(ls, max_pages))
            if futures:
                parts.append(self._load_futures(ls))
            if options:
                parts.append(self._load_options_quietly(ls))
            results = await asyncio.gather(*parts, return_exceptions=True)
            failed = next((r for r in results if isinstance(r, BaseException)), None)
            if failed is not None:
                raise failed
            if cache is not None:
                self.write_cache(cache)
        self._finish()
        return len(self._by_code)

    def _finish(self) -> None:
        self.loaded = True
        log.info("instrument master: %d instruments%s", len(self._by_code),
                 " (from today's cache)" if self.from_cache else "")
        for cb in list(self.listeners):
            try:
                cb(len(self._by_code))
            except Exception:
                log.exception("instrument master listener failed")

    async def _load_stocks(self, ls: Any, max_pages: int) -> None:
        from app.ls.models import g3190

        for exgubun in ("1", "2", "3"):  # NYSE, NASDAQ, AMEX: asked one by one
            block = g3190.G3190InBlock(natcode="US", exgubun=exgubun, readcnt=500, cts_value="")
            async for page in ls.overseas_stock().market().g3190(block).pages(max_pages=max_pages):
                self._arrived([Instrument(
                    code=row.symbol.strip(), name=(row.korname or row.engname).strip(),
                    name_en=row.engname.strip(), market="stock",
                    exchange=EXCHANGES.get(row.exchcd, row.exchcd), currency=row.currency.strip() or "USD",
                    keysymbol=row.keysymbol.strip(), exchcd=row.exchcd.strip(),
                    decimals=_int(row.floatpoint), tradable=row.suspend.strip() not in ("Y", "1"))
                    for row in page.block1 if row.symbol.strip()])

    async def _load_futures(self, ls: Any) -> None:
        from app.ls.models import o3101

        resp = await ls.overseas_futureoption().market().o3101(o3101.O3101InBlock(gubun="1")).req_async()
        self._arrived([self._fo(row, "futures") for row in resp.block if row.Symbol.strip()])

    async def _load_options_quietly(self, ls: Any) -> None:
        try:
            await self._load_options(ls)
        except Exception as exc:  # options are optional: a server without o3121 still trades
            log.warning("option master not loaded: %s", exc)

    async def _load_options(self, ls: Any) -> None:
        from app.ls.models import o3121

        market = ls.overseas_futureoption().market()
        products = await market.o3121(o3121.O3121InBlock(MktGb="O")).req_async()  # the option products
        for base in sorted({row.BscGdsCd.strip() for row in products.block if row.BscGdsCd.strip()}):
            resp = await market.o3121(o3121.O3121InBlock(MktGb="O", BscGdsCd=base)).req_async()
            self._arrived([self._fo(row, "option") for row in resp.block if row.Symbol.strip()])

    @staticmethod
    def _fo(row: Any, market: str) -> Instrument:
        name = row.SymbolNm.strip()
        return Instrument(
            code=row.Symbol.strip(), name=name, name_en=name, market=market, exchange=row.ExchCd.strip(),
            currency=row.CrncyCd.strip(), tick=row.UntPrc, tick_value=row.MnChgAmt,
            decimals=row.DotGb, multiplier=row.CtrtPrAmt, margin=row.OpngMgn,
            underlying=row.BscGdsCd.strip(), strike=str(getattr(row, "XrcPrc", "") or "").strip(),
            put_call=str(getattr(row, "OptTpCode", "") or "").strip(),
            session_start=row.DlStrtTm.strip(), session_end=row.DlEndTm.strip(),
            tradable=row.DlPsblCd.strip() not in ("N", "0"),
            contract_month=contract_month(getattr(row, "LstngYr", ""), getattr(row, "LstngM", "")))

    # ---- the day cache -----------------------------------------------------------------------
    def read_cache(self, path: Path) -> bool:
        """Load a cache file; a missing, old-format or damaged file is ignored (and a damaged one removed)."""
        try:
            data = json.loads(Path(path).read_text("utf-8"))
            if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
                raise ValueError("unknown format")
            names = {f.name for f in fields(Instrument)}
            items = []
            for raw in data["instruments"]:
                row = {k: v for k, v in raw.items() if k in names}
                for k in ("tick", "tick_value", "multiplier", "margin"):
                    row[k] = _dec(row.get(k))
                items.append(Instrument(**row))
        except FileNotFoundError:
            return False
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("instrument cache %s unusable (%s); loading from the server", Path(path).name, exc)
            try:
                Path(path).unlink()
            except OSError:
                pass
            return False
        if not items:
            return False
        self.add(items)
        return True

    def write_cache(self, path: Path) -> None:
        path = Path(path)
        rows = []
        for inst in self._by_code.values():
            row = asdict(inst)
            for k in ("tick", "tick_value", "multiplier", "margin"):
                row[k] = None if row[k] is None else str(row[k])
            rows.append(row)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            for old in path.parent.glob(path.name.rsplit("-", 1)[0] + "-*.json"):
                if old != path:  # yesterday's copies of this server's master
                    old.unlink(missing_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_text(json.dumps({"format": CACHE_FORMAT, "instruments": rows}, ensure_ascii=False), "utf-8")
            os.replace(tmp, path)
        except OSError as exc:
            log.warning("instrument cache not written: %s", exc)

    def front(self, root: str) -> Instrument | None:
        """The front month of a futures product (`root`, LS's base product code: "ES", "CL"): its
        tradable contract of the nearest contract month (the server lists no expired contract);
        None when `root` is no futures product here, or is itself a code."""
        root = (root or "").strip().upper()
        if not root or root in self._by_code:
            return None
        best: tuple | None = None
        for inst in self._by_code.values():
            if inst.market == "futures" and inst.tradable and inst.underlying.upper() == root:
                month = inst.contract_month or code_month(inst.code, root) or "999999"  # (none: last)
                key = (month, inst.code)
                if best is None or key < best[0]:
                    best = (key, inst)
        return best[1] if best is not None else None

    def rolled(self, symbol: str) -> Instrument | None:
        """What a stored futures symbol stands for now: a product's front month ("ES"), or, for a
        contract the server no longer lists (expired: "ESU26"), its product's front month; None for
        a listed code or anything else."""
        inst = self.front(symbol)
        if inst is not None or not symbol or symbol.upper() in self._by_code:
            return inst
        code = symbol.strip().upper()
        roots = {i.underlying.upper() for i in self._by_code.values() if i.market == "futures" and i.underlying}
        for root in sorted(roots, key=len, reverse=True):  # "MNQ" before "NQ"... (each must fit exactly)
            if code_month(code, root):
                return self.front(root)
        return None

    # ---- search ------------------------------------------------------------------------------
    def search(self, text: str, limit: int = 20) -> list[SymbolInfo]:
        """Exact code first, then code prefix, then any part of the code or a name (Korean or English)."""
        q = text.strip().upper()
        if not q:
            return []
        ranked = []
        if self._by_code:
            for inst in self._by_code.values():
                code = inst.code.upper()
                if code == q:
                    ranked.append((0, len(code), code, inst))
                elif code.startswith(q):
                    ranked.append((1, len(code), code, inst))
                elif q in code or q in inst.name.upper() or q in inst.name_en.upper():
                    ranked.append((2, len(code), code, inst))
            ranked.sort(key=lambda r: r[:3])
            return [r[3].info() for r in ranked[:limit]]
        for s in self._fallback:
            code, name = s.code.upper(), s.name.upper()
            rank = 0 if code == q else 1 if code.startswith(q) else 2 if (q in code or q in name) else None
            if rank is not None:
                ranked.append((rank, len(code), code, s))
        ranked.sort(key=lambda r: r[:3])
        return [r[3] for r in ranked[:limit]]
