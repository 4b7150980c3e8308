"""Named watchlists of symbols (stocks and futures/options may share one): add, remove, move, CSV.

Qt-free. Symbols are checked against a `known(code) -> bool` callable (the instrument master) so
an unknown symbol is refused with a reason and never becomes an empty row. Errors carry a `kind`
and arguments rather than English text, so the interface can say them in its own language.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

HEADER_NAMES = {"symbol", "code", "ticker", "종목", "종목코드", "심볼"}
MAX_SYMBOLS = 1000  # a list longer than this is a mistake (a wrong file), not a watchlist


class WatchlistError(ValueError):
    """A refused change. `kind`: unknown | duplicate | empty | malformed | too_many | name_taken |
    no_name | last_list | not_found; `symbol`, `line` and `name` say where."""

    def __init__(self, kind: str, *, symbol: str = "", line: int = 0, name: str = "", detail: str = ""):
        self.kind, self.symbol, self.line, self.name, self.detail = kind, symbol, line, name, detail
        where = f" line {line}" if line else ""
        super().__init__(f"{kind}{where}: {symbol or name} {detail}".strip())


@dataclass
class Watchlist:
    name: str
    symbols: list[str] = field(default_factory=list)
    # Display state the UI keeps per list (visible column ids in order, widths by id, sort).
    columns: list[str] | None = None
    widths: dict[str, int] = field(default_factory=dict)
    sort: tuple[str, bool] | None = None  # (column id, descending)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "symbols": list(self.symbols)}
        if self.columns is not None:
            out["columns"] = list(self.columns)
        if self.widths:
            out["widths"] = dict(self.widths)
        if self.sort:
            out["sort"] = [self.sort[0], bool(self.sort[1])]
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Watchlist:
        name = str(data.get("name") or "").strip() or "Watchlist"
        symbols = [str(s).strip().upper() for s in data.get("symbols") or [] if str(s).strip()]
        cols = data.get("columns")
        widths = data.get("widths") or {}
        sort = data.get("sort")
        return cls(name, list(dict.fromkeys(symbols)),
                   [str(c) for c in cols] if isinstance(cols, list) else None,
                   {str(k): int(v) for k, v in widths.items() if isinstance(v, int | float)}
                   if isinstance(widths, dict) else {},
                   (str(sort[0]), bool(sort[1])) if isinstance(sort, list) and len(sort) == 2 else None)


def normalize(symbol: str) -> str:
    return (symbol or "").strip().upper()


class Watchlists:
    """Several named lists and the one being shown; every change goes through here."""

    def __init__(self, known: Callable[[str], bool | None] | None = None):
        self.known = known or (lambda _s: True)
        self.lists: list[Watchlist] = [Watchlist("Watchlist 1")]
        self.current = 0
        self.listeners: list[Callable[[str], None]] = []  # called with "lists" | "symbols"

    # ---- lists -------------------------------------------------------------------------------
    @property
    def active(self) -> Watchlist:
        return self.lists[self.current]

    def names(self) -> list[str]:
        return [w.name for w in self.lists]

    def _check_name(self, name: str, ignore: Watchlist | None = None) -> str:
        name = (name or "").strip()
        if not name:
            raise WatchlistError("no_name")
        if any(w.name.casefold() == name.casefold() and w is not ignore for w in self.lists):
            raise WatchlistError("name_taken", name=name)
        return name

    def new_list(self, name: str, symbols: Iterable[str] = ()) -> Watchlist:
        w = Watchlist(self._check_name(name), list(symbols))
        self.lists.append(w)
        self.current = len(self.lists) - 1
        self._changed("lists")
        return w

    def rename(self, index: int, name: str) -> None:
        w = self.lists[index]
        w.name = self._check_name(name, ignore=w)
        self._changed("lists")

    def delete(self, index: int) -> Watchlist:
        if len(self.lists) <= 1:
            raise WatchlistError("last_list", name=self.lists[0].name)
        w = self.lists.pop(index)
        if self.current >= len(self.lists) or self.current > index:
            self.current = max(0, self.current - 1)
        self._changed("lists")
        return w

    def select(self, index: int) -> None:
        if 0 <= index < len(self.lists) and index != self.current:
            self.current = index
            self._changed("lists")

    # ---- symbols of the active list ----------------------------------------------------------
    def check(self, symbol: str) -> str:
        """The symbol as stored, or a WatchlistError saying why it cannot be added."""
        s = normalize(symbol)
        if not s:
            raise WatchlistError("empty")
        if self.known(s) is False:
            raise WatchlistError("unknown", symbol=s)
        if s in self.active.symbols:
            raise WatchlistError("duplicate", symbol=s, name=self.active.name)
        if len(self.active.symbols) >= MAX_SYMBOLS:
            raise WatchlistError("too_many", symbol=s, detail=str(MAX_SYMBOLS))
        return s

    def add(self, symbol: str, at: int | None = None) -> int:
        """Add to the active list (at the end or at `at`); returns the row it went to."""
        s = self.check(symbol)
        items = self.active.symbols
        row = len(items) if at is None else max(0, min(at, len(items)))
        items.insert(row, s)
        self._changed("symbols")
        return row

    def remove(self, symbol: str) -> int:
        s = normalize(symbol)
        items = self.active.symbols
        if s not in items:
            raise WatchlistError("not_found", symbol=s)
        row = items.index(s)
        del items[row]
        self._changed("symbols")
        return row

    def move(self, src: int, dst: int) -> None:
        """Move the symbol at row `src` so that it ends up at row `dst` (both in the final list)."""
        items = self.active.symbols
        if not (0 <= src < len(items)) or not (0 <= dst < len(items)) or src == dst:
            return
        items.insert(dst, items.pop(src))
        self._changed("symbols")

    def set_order(self, symbols: list[str]) -> None:
        """Adopt a new order of the same symbols (a sorted view made the manual order)."""
        if sorted(symbols) != sorted(self.active.symbols):
            raise WatchlistError("malformed", detail="not the same symbols")
        self.active.symbols[:] = symbols
        self._changed("symbols")

    def replace_symbols(self, symbols: list[str]) -> None:
        self.active.symbols[:] = symbols
        self._changed("symbols")

    def roll(self, front: Callable[[str], str | None]) -> bool:
        """Put the contract `front(symbol)` names in place of each symbol it names one for, in every
        list (a futures product "ES" becomes its front month "ESZ26"; a contract already in that
        list is not added twice); True when a list changed."""
        changed = False
        for w in self.lists:
            out: list[str] = []
            for s in w.symbols:
                code = front(s)
                if code and code != s:
                    changed = True
                    s = code
                if s not in out:
                    out.append(s)
            w.symbols[:] = out
        if changed:
            self._changed("lists")
        return changed

    # ---- persistence -------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {"lists": [w.to_dict() for w in self.lists], "current": self.current}

    def load_dict(self, data: dict[str, Any]) -> None:
        lists = [Watchlist.from_dict(d) for d in data.get("lists") or [] if isinstance(d, dict)]
        if not lists:
            return
        seen: set[str] = set()
        for w in lists:  # two lists of the same name would be ambiguous in the selector
            base, n = w.name, 2
            while w.name.casefold() in seen:
                w.name, n = f"{base} ({n})", n + 1
            seen.add(w.name.casefold())
        self.lists = lists
        cur = data.get("current", 0)
        self.current = cur if isinstance(cur, int) and 0 <= cur < len(lists) else 0
        self._changed("lists")

    def _changed(self, what: str) -> None:
        for cb in list(self.listeners):
            cb(what)


# ---- CSV ---------------------------------------------------------------------------------------
def export_csv(symbols: Iterable[str], names: Callable[[str], str] | None = None) -> str:
    """A header row (symbol, name) then one symbol per line; the name is for people, not for import."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["symbol", "name"])
    for s in symbols:
        writer.writerow([s, names(s) if names else ""])
    return out.getvalue()


def parse_csv(text: str, known: Callable[[str], bool | None] | None = None) -> list[str]:
    """The symbols of a CSV file (a header row is optional; the symbol is the first column unless
    the header names a 'symbol' column). Any bad line raises WatchlistError naming it; nothing is
    half-imported."""
    if "\x00" in text:
        raise WatchlistError("malformed", line=1, detail="binary")
    try:
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    except csv.Error as exc:
        raise WatchlistError("malformed", line=0, detail=str(exc)) from exc
    col, first = 0, True
    symbols: list[str] = []
    for lineno, row in enumerate(rows, start=1):
        cells = [c.strip() for c in row]
        if not any(cells):
            continue
        if first:
            first = False
            lowered = [c.casefold() for c in cells]
            hit = next((i for i, c in enumerate(lowered) if c in HEADER_NAMES), None)
            if hit is not None:
                col = hit
                continue
        if col >= len(cells) or not cells[col]:
            raise WatchlistError("malformed", line=lineno, detail="no symbol")
        s = normalize(cells[col])
        if any(ch.isspace() for ch in s) or len(s) > 40 or not all(ch.isprintable() for ch in s):
            raise WatchlistError("malformed", line=lineno, symbol=s[:40])
        if known is not None and known(s) is False:
            raise WatchlistError("unknown", line=lineno, symbol=s)
        if s not in symbols:
            symbols.append(s)
        if len(symbols) > MAX_SYMBOLS:
            raise WatchlistError("too_many", line=lineno, detail=str(MAX_SYMBOLS))
    if not symbols:
        raise WatchlistError("empty", detail="file")
    return symbols
