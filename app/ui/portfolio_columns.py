"""The columns of the positions and balances panels, declared once (a new column is one line)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.trading.portfolio_model import Balance, Position
from app.ui.portfolio_table import LEFT, Column, money, pct, price
from app.ui.quotestyle import fmt_average

_decimals_of: dict[str, int] = {}
_instruments: Any = None
_lang = "ko"


def set_instruments(instruments: Any, lang: str = "ko") -> None:
    """Remember the instrument master (prices to each instrument's digits, names in the interface language)."""
    global _instruments, _lang
    _instruments, _lang = instruments, lang
    _decimals_of.clear()


def name(p: Position) -> str:
    inst = _instruments.get(p.symbol) if _instruments is not None else None
    if inst is not None and _lang != "ko" and inst.name_en:
        return inst.name_en
    return p.name or (inst.name if inst is not None else "")


def decimals(p: Position) -> int:
    d = _decimals_of.get(p.symbol)
    if d is None:
        inst = _instruments.get(p.symbol) if _instruments is not None else None
        ref = p.last if p.last is not None else p.avg_price
        d = inst.price_decimals(float(ref) if ref is not None else None) if inst is not None else 2
        _decimals_of[p.symbol] = d
    return d


def average(p: Position) -> str:
    """The average to the tick's digits, with up to three more where it has them (10.1235)."""
    return fmt_average(p.avg_price, decimals(p))


def side(p: Position) -> str:
    return QCoreApplication.translate("Positions", "Long") if p.qty > 0 else \
        QCoreApplication.translate("Positions", "Short")


def market(p: Position) -> str:
    names = {"stock": QT_TRANSLATE_NOOP("Positions", "Stock"),
             "futures": QT_TRANSLATE_NOOP("Positions", "Futures"),
             "option": QT_TRANSLATE_NOOP("Positions", "Option")}
    return QCoreApplication.translate("Positions", names.get(p.market, p.market))


def _day(yyyymmdd: str) -> str:
    d = yyyymmdd.strip()
    return f"{d[:4]}-{d[4:6]}-{d[6:]}" if len(d) == 8 else d


def on_loan(p: Position) -> str:
    return f"{sum(lot.qty for lot in p.loans):,}" if p.loans else ""


def loans_tip(p: Position) -> str:
    """One line per loan: its date, shares (free to sell), due date and what is owed."""
    lines = []
    for lot in p.loans:
        text = QCoreApplication.translate("Positions", "Loan of {date}: {qty} shares ({free} free to sell), due {due}").format(
            date=_day(lot.date), qty=f"{lot.qty:,}", free=f"{lot.sellable:,}", due=_day(lot.due) or "-")
        if lot.amount:
            text += QCoreApplication.translate("Positions", ", owed {amount} KRW").format(amount=f"{lot.amount:,.0f}")
        lines.append(text)
    return "\n".join(lines)


def opening(p: Position) -> str:
    return "" if p.opening is None else f"{p.opening.qty:+,}" if p.opening.qty else "0"


def opening_tip(p: Position) -> str:
    o = p.opening
    if o is None:
        return ""
    if not o.qty:
        return QCoreApplication.translate("Positions", "Flat at the close of {date}").format(date=_day(o.day))
    return QCoreApplication.translate("Positions", "{qty} at the close of {date}, valued at {price}").format(
        qty=f"{o.qty:+,}", date=_day(o.day), price=price(o.price, decimals(p)))


# A futures name as the account names it: shown whole; a longer name elides in the middle (the
# contract month at its end stays) and its tooltip has it all.
NAME_WIDEST = "Micro E-mini Nasdaq-100(2026.12)"

POSITION_COLUMNS: tuple[Column, ...] = (
    Column("symbol", QT_TRANSLATE_NOOP("Positions", "Symbol"), lambda p: p.symbol, LEFT, number=False),
    Column("name", QT_TRANSLATE_NOOP("Positions", "Name"), name, LEFT, number=False, cell_tip=name,
           widest=NAME_WIDEST),
    Column("market", QT_TRANSLATE_NOOP("Positions", "Market"), market, LEFT, number=False),
    Column("side", QT_TRANSLATE_NOOP("Positions", "Side"), side, LEFT, sign=lambda p: p.qty, number=False),
    Column("qty", QT_TRANSLATE_NOOP("Positions", "Qty"), lambda p: f"{abs(p.qty):,}"),
    Column("avg", QT_TRANSLATE_NOOP("Positions", "Avg price"), average),
    Column("last", QT_TRANSLATE_NOOP("Positions", "Last"), lambda p: price(p.last, decimals(p)), live=True,
           sign=lambda p: None if p.last is None else p.last - p.avg_price),
    Column("pnl", QT_TRANSLATE_NOOP("Positions", "P&L"), lambda p: money(p.unrealized, signed=True),
           live=True, sign=lambda p: p.unrealized, tip=QT_TRANSLATE_NOOP("Positions", "Unrealised P&L at the last price")),
    Column("pnl_krw", QT_TRANSLATE_NOOP("Positions", "P&L (KRW)"), lambda p: money(p.pnl_krw, 0, signed=True),
           live=True, sign=lambda p: p.pnl_krw, tip=QT_TRANSLATE_NOOP(
               "Positions", "Unrealised P&L in won, at the rate LS reports for the position's currency")),
    Column("pct", QT_TRANSLATE_NOOP("Positions", "P&L %"), lambda p: pct(p.pct), live=True, sign=lambda p: p.pct),
    Column("realized", QT_TRANSLATE_NOOP("Positions", "Realised"), lambda p: money(p.realized, signed=True),
           sign=lambda p: p.realized, tip=QT_TRANSLATE_NOOP("Positions", "Realised P&L of today's fills")),
    Column("day_pnl", QT_TRANSLATE_NOOP("Positions", "Day P&L"), lambda p: money(p.day_pnl, signed=True),
           live=True, sign=lambda p: p.day_pnl, tip=QT_TRANSLATE_NOOP(
               "Positions", "Futures/options: today's P&L against the previous close — open P&L now plus "
               "today's realised, less the open P&L of the opening position (CIDEQ00800)")),
    Column("opening", QT_TRANSLATE_NOOP("Positions", "Opening"), opening, sign=lambda p: p.opening and p.opening.qty,
           cell_tip=opening_tip, tip=QT_TRANSLATE_NOOP(
               "Positions", "Futures/options: the position at the previous business day's close")),
    Column("loan", QT_TRANSLATE_NOOP("Positions", "On loan"), on_loan, cell_tip=loans_tip, tip=QT_TRANSLATE_NOOP(
        "Positions", "Shares held on loans: a sale repays the oldest loan first (COSMT00300)")),
    Column("value", QT_TRANSLATE_NOOP("Positions", "Value"), lambda p: money(p.value), live=True),
    Column("currency", QT_TRANSLATE_NOOP("Positions", "Ccy"), lambda p: p.currency, LEFT, number=False),
)
POSITION_DEFAULT_HIDDEN = ("market", "value", "opening")


ACCOUNT_NAMES = {"stock": QT_TRANSLATE_NOOP("Balances", "Stocks"),
                 "futures": QT_TRANSLATE_NOOP("Balances", "Futures/options"),
                 "total": QT_TRANSLATE_NOOP("Balances", "Total")}


def account(b: Balance) -> str:
    return QCoreApplication.translate("Balances", ACCOUNT_NAMES.get(b.account, b.account))


def _places(b: Balance) -> int:
    return 0 if b.currency == "KRW" else 2


BALANCE_COLUMNS: tuple[Column, ...] = (
    Column("account", QT_TRANSLATE_NOOP("Balances", "Account"), account, LEFT, number=False,
           fits=tuple(ACCOUNT_NAMES.values())),  # as wide before the futures account answers as after
    Column("currency", QT_TRANSLATE_NOOP("Balances", "Ccy"), lambda b: b.currency, LEFT, number=False),
    Column("cash", QT_TRANSLATE_NOOP("Balances", "Cash"), lambda b: money(b.cash, _places(b)),
           tip=QT_TRANSLATE_NOOP("Balances", "Deposit in this currency")),
    Column("buying_power", QT_TRANSLATE_NOOP("Balances", "Buying power"), lambda b: money(b.buying_power),
           live=True, tip=QT_TRANSLATE_NOOP("Balances", "What can be ordered now, as LS reports it")),
    Column("margin_used", QT_TRANSLATE_NOOP("Balances", "Margin used"), lambda b: money(b.margin_used)),
    Column("margin_available", QT_TRANSLATE_NOOP("Balances", "Margin free"), lambda b: money(b.margin_available),
           live=True),
    Column("equity", QT_TRANSLATE_NOOP("Balances", "Equity"), lambda b: money(b.equity, _places(b)), live=True,
           tip=QT_TRANSLATE_NOOP("Balances", "Cash plus holdings at the last price (futures: deposit plus open P&L)")),
    Column("unrealized", QT_TRANSLATE_NOOP("Balances", "Open P&L"), lambda b: money(b.unrealized, _places(b), signed=True),
           live=True, sign=lambda b: b.unrealized),
    Column("realized", QT_TRANSLATE_NOOP("Balances", "Realised"), lambda b: money(b.realized, _places(b), signed=True),
           sign=lambda b: b.realized),
    Column("day_pnl", QT_TRANSLATE_NOOP("Balances", "Day P&L"), lambda b: money(b.day_pnl, _places(b), signed=True),
           live=True, sign=lambda b: b.day_pnl, tip=QT_TRANSLATE_NOOP(
               "Balances", "Futures/options: today's P&L against the positions at the previous close (CIDEQ00800)")),
    Column("rate", QT_TRANSLATE_NOOP("Balances", "KRW rate"), lambda b: money(b.krw_rate),
           tip=QT_TRANSLATE_NOOP("Balances", "Won per unit of the currency, as LS reports it")),
    Column("equity_krw", QT_TRANSLATE_NOOP("Balances", "Equity (KRW)"), lambda b: money(b.equity_krw, 0),
           live=True),
    Column("pnl_krw", QT_TRANSLATE_NOOP("Balances", "P&L (KRW)"), lambda b: money(b.pnl_krw, 0, signed=True),
           live=True, sign=lambda b: b.pnl_krw),
)
