"""The account queries the portfolio trusts: holdings, deposits and margins of both accounts, read into plain records.

Stocks: COSOQ00201 (holdings and per-currency totals, BaseXchrat; a loan's shares come in a row
of their own with LoanDt / LoanDtlClssCode, kept as the position's loan lots) and COSOQ02701
(deposit and orderable amount). Futures/options: CIDBQ01500 (open positions, several rows per contract are
summed), CIDBQ05300 (deposited assets per currency, each row in its currency with its won rate
Xchrat: HSI's margin and P&L in the HKD row) and CIDBQ03000 (deposit and margin, used when
CIDBQ05300 gives no row); CIDEQ00800 of the previous business day gives the day's opening
positions (quantity, side from BnsTpNm, OvrsDrvtNowPrc, FcurrEvalPnlAmt). A row that cannot be read is reported and its symbol is marked, so the
service keeps what it knew of that symbol instead of dropping it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from app.trading.portfolio_model import Balance, LoanLot, Opening, Position, dec, point_value

log = logging.getLogger(__name__)


@dataclass
class Snapshot:
    """What one round of account queries said (one product)."""

    account_no: str = ""
    positions: dict[str, Position] = field(default_factory=dict)
    balances: dict[str, Balance] = field(default_factory=dict)  # currency -> balance
    krw_rates: dict[str, Decimal] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)  # symbols whose rows were bad: keep the old
    problems: list[str] = field(default_factory=list)
    server_pnl: dict[str, Decimal] = field(default_factory=dict)  # futures: currency -> open P&L


def _qty(value: Any) -> int | None:
    d = dec(value)
    if d is None or d != d.to_integral_value():
        return None
    return int(d)


async def _rows(request: Any, block: str) -> tuple[Any, list[Any]]:
    """Every page of a paged TR: (the first answer, the rows of `block` over all pages)."""
    first, rows = None, []
    async for page in request.pages():
        first = first or page
        rows.extend(getattr(page, block, None) or [])
    return first, rows


async def load_stock(client: Any, instruments: Any) -> Snapshot:
    from app.ls.models import COSOQ00201, COSOQ02701

    snap = Snapshot()
    acct = client.overseas_stock().accno()
    first, holdings = await _rows(acct.COSOQ00201(COSOQ00201.COSOQ00201InBlock1(
        RecCnt=1, BaseDt="", CrcyCode="ALL", AstkBalTpCode="00")), "COSOQ00201OutBlock4")
    if first is not None and first.COSOQ00201OutBlock1 is not None:
        snap.account_no = first.COSOQ00201OutBlock1.AcntNo
    for c in (first.COSOQ00201OutBlock3 if first is not None else []):
        ccy = c.CrcyCode.strip().upper()
        if not ccy:
            continue
        rate = dec(c.BaseXchrat)
        if rate:
            snap.krw_rates[ccy] = rate
        snap.balances[ccy] = Balance("stock", ccy, cash=dec(c.FcurrDps),
                                     buying_power=dec(c.FcurrOrdAbleAmt), krw_rate=rate)
    for row in holdings:
        symbol = (row.ShtnIsuNo or "").strip().upper()
        qty, avg = _qty(row.AstkBalQty), dec(row.FcstckUprc)
        if not symbol:
            snap.problems.append("COSOQ00201: a holding without a symbol was skipped")
            continue
        if qty is None or qty < 0 or avg is None or avg < 0:
            snap.problems.append(f"COSOQ00201: {symbol}: unreadable quantity {row.AstkBalQty!r} "
                                 f"or average {row.FcstckUprc!r}; kept the last known position")
            snap.unreadable.add(symbol)
            continue
        if qty == 0:
            continue
        ccy = (row.CrcyCode or "USD").strip().upper()
        prev = snap.positions.get(symbol)
        cost = dec(row.FcurrBuyAmt)
        if prev is not None:  # one row per balance type (normal, loan …): one position
            total = prev.qty + qty
            avg = (prev.avg_price * prev.qty + avg * qty) / total
            qty = total
            cost = None if cost is None or prev.book_cost is None else cost + prev.book_cost
        inst = instruments.get(symbol) if instruments is not None else None
        loans = prev.loans if prev is not None else ()
        loan_dt = (row.LoanDt or "").strip()
        if loan_dt or (row.LoanDtlClssCode or "").strip():  # a loan's own row: its shares repay it
            loans = tuple(sorted(loans + (LoanLot(
                loan_dt, (row.LoanDtlClssCode or "").strip(), _qty(row.AstkBalQty) or 0,
                _qty(row.AstkSellAbleQty) or 0, dec(row.LoanAmt), (row.DueDt or "").strip()),),
                key=lambda lot: lot.date))
        snap.positions[symbol] = Position(
            symbol, "stock", qty, avg, ccy, name=(row.JpnMktHanglIsuNm or "").strip() or
            (inst.name if inst else ""), server_last=dec(row.OvrsScrtsCurpri),
            sellable=(prev.sellable or 0 if prev else 0) + (_qty(row.AstkSellAbleQty) or 0),
            book_cost=cost, loans=loans)
    # COSOQ02701: the deposit and orderable amount of the moment (00201's can lag a settlement)
    dep = await acct.COSOQ02701(COSOQ02701.COSOQ02701InBlock1(RecCnt=1, CrcyCode="USD")).req_async()
    for c in dep.COSOQ02701OutBlock3 or []:
        ccy = c.CrcyCode.strip().upper()
        if not ccy:
            continue
        bal = snap.balances.setdefault(ccy, Balance("stock", ccy))
        bal.cash = dec(c.FcurrDps) if dec(c.FcurrDps) is not None else bal.cash
        bp = dec(c.FcurrOrdAbleAmt)
        bal.buying_power = bp if bp is not None else bal.buying_power
        rate = dec(c.BaseXchrat)
        if rate:
            bal.krw_rate = snap.krw_rates[ccy] = rate
    return snap


async def load_futures(client: Any, instruments: Any) -> Snapshot:
    from app.ls.models import CIDBQ01500, CIDBQ03000, CIDBQ05300

    snap = Snapshot()
    acct = client.overseas_futureoption().accno()
    _first, rows = await _rows(acct.CIDBQ01500(CIDBQ01500.CIDBQ01500InBlock1(
        RecCnt=1, AcntTpCode="1", QryDt="", BalTpCode="1", FcmAcntNo="")), "CIDBQ01500OutBlock2")
    for row in rows:
        symbol = (row.IsuCodeVal or "").strip().upper()
        qty, avg = _qty(row.BalQty), dec(row.PchsPrc)
        side = (row.BnsTpCode or "").strip()
        snap.account_no = snap.account_no or (row.AcntNo or "").strip()
        if not symbol:
            snap.problems.append("CIDBQ01500: a position without a symbol was skipped")
            continue
        if qty is None or qty < 0 or avg is None or side not in ("1", "2"):
            snap.problems.append(f"CIDBQ01500: {symbol}: unreadable quantity {row.BalQty!r}, price "
                                 f"{row.PchsPrc!r} or side {row.BnsTpCode!r}; kept the last known position")
            snap.unreadable.add(symbol)
            continue
        if qty == 0:
            continue
        signed = qty if side == "2" else -qty  # BnsTpCode 2 = bought (long), 1 = sold (short)
        inst = instruments.get(symbol) if instruments is not None else None
        market = inst.market if inst is not None else \
            ("option" if (row.OvrsDrvtOptTpCode or "").strip() == "O" else "futures")
        ccy = (row.CrcyCodeVal or (inst.currency if inst else "") or "USD").strip().upper()
        prev = snap.positions.get(symbol)
        if prev is not None:  # LS lists a position per lot: net them
            if (prev.qty > 0) == (signed > 0):
                total = prev.qty + signed
                avg = (prev.avg_price * abs(prev.qty) + avg * qty) / abs(total)
            else:  # opposite lots of one contract net out; the larger one's price stays
                total = prev.qty + signed
                avg = prev.avg_price if abs(prev.qty) >= qty else avg
            signed = total
            if not signed:
                snap.positions.pop(symbol)
                continue
        snap.positions[symbol] = Position(
            symbol, market, signed, avg, ccy, name=(row.IsuNm or "").strip() or (inst.name if inst else ""),
            multiplier=point_value(inst) if inst is not None else Decimal(1),
            server_last=dec(row.OvrsDrvtNowPrc))
        if inst is None:
            snap.problems.append(f"CIDBQ01500: {symbol} is not in the instrument master; "
                                 "its P&L is shown per point (multiplier 1)")
    dep = await acct.CIDBQ05300(CIDBQ05300.CIDBQ05300InBlock1(
        RecCnt=1, OvrsAcntTpCode="1", FcmAcntNo="", CrcyCode="ALL")).req_async()
    for c in dep.CIDBQ05300OutBlock2 or []:
        ccy = (c.CrcyCode or "").strip().upper()
        if not ccy or ccy in ("ALL", "TOT"):
            continue
        snap.account_no = snap.account_no or (c.AcntNo or "").strip()
        snap.balances[ccy] = Balance(
            "futures", ccy, cash=dec(c.OvrsFutsDps), buying_power=dec(c.AbrdFutsOrdAbleAmt),
            margin_used=dec(c.AbrdFutsCsgnMgn), margin_available=dec(c.AbrdFutsOrdAbleAmt),
            equity=dec(c.AbrdFutsEvalDpstgTotAmt), unrealized=dec(c.AbrdFutsEvalPnlAmt))
        snap.server_pnl[ccy] = dec(c.AbrdFutsEvalPnlAmt) or Decimal(0)
        rate = dec(c.Xchrat)
        if rate and rate > 0 and (rate != 1 or ccy == "KRW"):
            # won per unit (the yen's is about 9); LS's examples write 0 when it has none, and a 1
            # beside a foreign currency is no won rate
            snap.krw_rates[ccy] = snap.balances[ccy].krw_rate = rate
    if not snap.balances:  # no per-currency rows: the deposit TR's own currency rows
        bal = await acct.CIDBQ03000(CIDBQ03000.CIDBQ03000InBlock1(
            RecCnt=1, AcntTpCode="1", TrdDt="")).req_async()
        for c in bal.CIDBQ03000OutBlock2 or []:
            ccy = (c.CrcyObjCode or "").strip().upper()
            if not ccy or ccy.startswith("TOT"):
                continue
            snap.balances[ccy] = Balance(
                "futures", ccy, cash=dec(c.OvrsFutsDps), buying_power=dec(c.AbrdFutsOrdAbleAmt),
                margin_used=dec(c.AbrdFutsCsgnMgn), margin_available=dec(c.AbrdFutsOrdAbleAmt),
                equity=dec(c.EvalAssetAmt), unrealized=dec(c.AbrdFutsEvalPnlAmt))
            snap.server_pnl[ccy] = dec(c.AbrdFutsEvalPnlAmt) or Decimal(0)
    return snap


def previous_business_day(day: str) -> str:
    """The weekday before ``day`` (YYYYMMDD; LS's trading dates are Korean dates)."""
    d = date(int(day[:4]), int(day[4:6]), int(day[6:8])) - timedelta(days=1)
    while d.weekday() >= 5:
        d -= timedelta(days=1)
    return d.strftime("%Y%m%d")


async def load_openings(client: Any, day: str) -> tuple[dict[str, Opening], list[str]]:
    """The futures/options positions at the close of ``day`` (CIDEQ00800), by symbol, and the
    rows that could not be read."""
    from app.ls.models import CIDEQ00800

    resp = await client.overseas_futureoption().accno().CIDEQ00800(
        CIDEQ00800.CIDEQ00800InBlock1(RecCnt=1, TrdDt=day)).req_async()
    out: dict[str, Opening] = {}
    problems: list[str] = []
    for row in resp.CIDEQ00800OutBlock2 or []:
        symbol = (row.IsuCodeVal or "").strip().upper()
        qty, side = _qty(row.BalQty), (row.BnsTpNm or "").strip()
        short = side in ("매도", "1") or side.lower().startswith("sell")
        if not symbol or qty is None or not (short or side in ("매수", "2") or side.lower().startswith("buy")):
            problems.append(f"CIDEQ00800: unreadable row {symbol!r} (quantity {row.BalQty!r}, side {side!r})")
            continue
        prev = out.get(symbol)
        signed = (-qty if short else qty) + (prev.qty if prev else 0)
        pnl = dec(row.FcurrEvalPnlAmt)
        out[symbol] = Opening(day, signed, dec(row.OvrsDrvtNowPrc),
                              (pnl or Decimal(0)) + (prev.pnl if prev else Decimal(0)),
                              (row.CrcyCodeVal or "").strip().upper())
    return out, problems
