"""One watchlist row's cached cells, and how rows are coloured and described (state cell, tooltip)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.trading.quotes import Quote
from app.trading.trading_hours import NEW_YORK, hours_of
from app.ui.quotestyle import QuoteColors
from app.ui.watchlist_columns import COLUMNS, STATE

NCOL = len(COLUMNS)
FLASH_LEVELS = (1.0, 0.6, 0.3)  # strength of each fade step
VS_PREV = [c.value for c in COLUMNS if c.color == "vs_prev"]


class Row:
    """The formatted texts, colours and flash state of one symbol's row (`data()` reads these)."""

    __slots__ = ("symbol", "inst", "hours", "version", "texts", "fg", "bg", "values", "flash", "tip",
                 "stale", "closed", "off_hours", "link", "dec_key", "dec", "pending")

    def __init__(self, symbol: str, inst: Any):
        self.symbol, self.inst = symbol, inst
        self.hours = hours_of(inst)
        self.version = -1
        self.texts: list[str] = [""] * NCOL
        self.texts[0] = symbol
        self.fg: list[Any] = [None] * NCOL
        self.bg: list[Any] = [None] * NCOL
        self.values: list[float | None] = [None] * NCOL
        self.flash: dict[int, tuple[float, int, int]] = {}  # col -> (start, direction, level)
        self.tip = ""
        self.stale = self.closed = False
        self.off_hours = False  # outside the instrument's session by the calendar (`closed` may still be False: demo)
        self.link = "connected"
        self.dec_key: Any = None
        self.dec = 2
        self.pending = False  # changed while off screen: formatted when shown or read


class RowStyle:
    """Text colours by the signs a row shows (shared lists, built once each) and flash colours."""

    def __init__(self, convention: str = "korean"):
        self.colors = QuoteColors(convention)
        self._cache: dict[tuple, list[Any]] = {}
        self.flash = self._make_flash()

    def refresh(self, convention: str) -> None:
        self.colors.refresh(convention)
        self._cache.clear()
        self.flash = self._make_flash()

    def row_colors(self, row: Row, q: Quote) -> list[Any]:
        """The row's text colours, shared between rows with the same signs (built once each)."""
        if row.stale or row.link != "connected":
            key: tuple = (True,)
        else:
            prev, ch = q.prev_close, q.change
            key = (False, 0 if not ch else 1 if ch > 0 else -1) + tuple(
                2 if (v := q_val(q)) is None or prev is None else (v > prev) - (v < prev) for q_val in VS_PREV)
        out = self._cache.get(key)
        if out is None:
            out = self._cache[key] = self._build(row, q)
        return out

    def _build(self, row: Row, q: Quote) -> list[Any]:
        colors = self.colors
        if row.stale or row.link != "connected":
            grey = colors.stale
            return [None if c.id == "symbol" else grey for c in COLUMNS]
        change = colors.for_sign(q.change)
        prev = q.prev_close
        out: list[Any] = []
        for col in COLUMNS:
            if col.color == "change":
                out.append(change)
            elif col.color == "vs_prev":
                v = col.value(q) if col.value else None
                out.append(colors.flat if v is None or prev is None else colors.for_sign(v - prev))
            else:
                out.append(None)
        return out

    def _make_flash(self) -> dict[int, list[Any]]:
        """The few background colours a fade steps through, made once per theme/convention."""
        return {d: [self.colors.flash(d, level) for level in FLASH_LEVELS] for d in (1, -1)}


def names_line(symbol: str, inst: Any, lang: str) -> str:
    """'AAPL  애플 (Apple Inc)' in Korean, 'AAPL  Apple Inc (애플)' in English: the name the name
    column shows first, the other language's in brackets (futures: LS names them in English only)."""
    ko, en = (inst.name or inst.name_en).strip(), (inst.name_en or inst.name).strip()
    first, second = (ko, en) if lang == "ko" else (en, ko)
    return f"{symbol}  {first} ({second})" if second and second != first else f"{symbol}  {first}"


def session_label(hours: Any) -> str:
    """The session in the interface language: '09:30–16:00 뉴욕 시간' / '09:30–16:00 New York'."""
    clock = QT_TRANSLATE_NOOP("WatchlistModel", "New York") if hours.zone is NEW_YORK else \
        QT_TRANSLATE_NOOP("WatchlistModel", "KST")  # LS gives futures hours in Korean time
    return f"{hours.start:%H:%M}–{hours.end:%H:%M} {QCoreApplication.translate('WatchlistModel', clock)}"


def describe(row: Row, prefs: Any, master_loaded: bool, lang: str = "en") -> None:
    """Fill the row's state cell and tooltip (instrument, feed, market hours, staleness)."""
    inst = row.inst
    if row.link != "connected":
        state = QCoreApplication.translate("WatchlistModel", "Disconnected")
    elif inst is None:
        state = QCoreApplication.translate("WatchlistModel", "Unknown") if master_loaded else QCoreApplication.translate("WatchlistModel", "Loading")
    elif row.closed:
        state = QCoreApplication.translate("WatchlistModel", "Closed")
    elif row.stale:
        state = QCoreApplication.translate("WatchlistModel", "Stale")
    else:
        state = QCoreApplication.translate("WatchlistModel", "Live")
    row.texts[STATE] = state
    lines = []
    if inst is not None:
        lines.append(names_line(row.symbol, inst, lang))
        lines.append(QCoreApplication.translate("WatchlistModel", "Exchange %1 · Currency %2").replace(
            "%1", inst.exchange).replace("%2", inst.currency))
    if row.hours is not None and row.off_hours and not row.closed:
        lines.append(QCoreApplication.translate(
            "WatchlistModel", "The demo exchange is trading outside the session (%1)").replace("%1", session_label(row.hours)))
    elif row.hours is not None:
        what = QCoreApplication.translate("WatchlistModel", "Market closed") if row.closed else QCoreApplication.translate("WatchlistModel", "Market open")
        lines.append(QCoreApplication.translate("WatchlistModel", "%1 (session %2)").replace(
            "%1", what).replace("%2", session_label(row.hours)))
    if row.stale:
        lines.append(QCoreApplication.translate("WatchlistModel", "No update for more than %n second(s)").replace(
            "%n", str(getattr(prefs, "stale_seconds", 10))))
    if row.link != "connected":
        lines.append(QCoreApplication.translate("WatchlistModel", "Realtime feed disconnected; values are the last ones received"))
    row.tip = "\n".join(lines) or row.symbol
