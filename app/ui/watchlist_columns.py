"""The watchlist's columns, declared once: id, headers (English/Korean), alignment, formatter,
colour rule and sort key. A new column is one line here; workspaces save column ids."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt

from app.trading.quotes import Quote
from app.ui.quotestyle import fmt_change, fmt_pct, fmt_price, fmt_qty, fmt_volume

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter

# Colour rules: "change" = sign of the change from the previous close (Korean HTS colours the
# last price this way too); "vs_prev" = the cell's own value against the previous close;
# "" = the plain text colour.
Formatter = Callable[[Quote, Any, int, str], str]  # quote, instrument, price decimals, lang -> text


@dataclass(frozen=True)
class Column:
    id: str
    title_en: str
    title_ko: str
    align: Any
    text: Formatter
    color: str = ""
    sort: Callable[[Quote, Any], Any] | None = None
    value: Callable[[Quote], float | None] | None = None  # the number "vs_prev" and flashes compare
    flash: bool = False  # an up/down change of `value` flashes the cell
    width: int = 78
    default: bool = True  # shown in a new list

    def title(self, lang: str) -> str:
        return self.title_ko if lang == "ko" else self.title_en


def _name(q: Quote, inst: Any, _d: int, lang: str) -> str:
    if inst is None:
        return ""
    return inst.name if lang == "ko" else (inst.name_en or inst.name)


def _price(attr: str) -> Formatter:
    return lambda q, _i, d, _l: fmt_price(getattr(q, attr), d)


def _num(attr: str) -> Callable[[Quote, Any], Any]:
    return lambda q, _i: getattr(q, attr)


COLUMNS: tuple[Column, ...] = (
    Column("symbol", "Symbol", "종목", LEFT, lambda q, _i, _d, _l: q.symbol, sort=lambda q, _i: q.symbol, width=66),
    Column("name", "Name", "종목명", LEFT, _name, sort=lambda q, i: (i.name if i else ""), width=120),
    Column("last", "Last", "현재가", RIGHT, _price("last"), "change", _num("last"), lambda q: q.last, True, 86),
    Column("change", "Change", "대비", RIGHT, lambda q, _i, d, _l: fmt_change(q.change, d), "change",
           _num("change"), width=74),
    Column("pct", "%", "등락률", RIGHT, lambda q, _i, _d, _l: fmt_pct(q.change_pct), "change",
           _num("change_pct"), width=66),
    Column("bid", "Bid", "매수호가", RIGHT, _price("bid"), "vs_prev", _num("bid"), lambda q: q.bid, True),
    Column("ask", "Ask", "매도호가", RIGHT, _price("ask"), "vs_prev", _num("ask"), lambda q: q.ask, True),
    Column("bid_size", "Bid size", "매수잔량", RIGHT, lambda q, _i, _d, _l: fmt_qty(q.bid_size),
           sort=_num("bid_size"), default=False, width=70),
    Column("ask_size", "Ask size", "매도잔량", RIGHT, lambda q, _i, _d, _l: fmt_qty(q.ask_size),
           sort=_num("ask_size"), default=False, width=70),
    Column("volume", "Volume", "거래량", RIGHT, lambda q, _i, _d, _l: fmt_volume(q.volume),
           sort=_num("volume"), width=84),
    Column("open", "Open", "시가", RIGHT, _price("open"), "vs_prev", _num("open"), lambda q: q.open, default=False),
    Column("high", "High", "고가", RIGHT, _price("high"), "vs_prev", _num("high"), lambda q: q.high),
    Column("low", "Low", "저가", RIGHT, _price("low"), "vs_prev", _num("low"), lambda q: q.low),
    Column("prev_close", "Prev close", "전일종가", RIGHT, _price("prev_close"), sort=_num("prev_close"),
           default=False),
    Column("time", "Time", "시간", CENTER, lambda q, _i, _d, _l: q.trade_time, sort=lambda q, _i: q.trade_time,
           width=70),
    Column("state", "State", "상태", CENTER, lambda q, _i, _d, _l: "", width=78),  # the model fills it
)
IDS = tuple(c.id for c in COLUMNS)
INDEX = {c.id: i for i, c in enumerate(COLUMNS)}
DEFAULT_IDS = [c.id for c in COLUMNS if c.default]
FLASHING = tuple(i for i, c in enumerate(COLUMNS) if c.flash)
STATE = INDEX["state"]
