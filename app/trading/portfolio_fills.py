"""Fills as the portfolio applies them: read from the account pushes (AS1 stocks, TC3 futures) and kept in a day ledger.

Every fill has an id made of its order and execution numbers (numbers compared as integers, so
padded and unpadded forms are one id). The ledger remembers each id with the realised P&L it
booked, appends it to a JSON-lines file for the day (when given a directory), and reads that file
back at start: a fill replayed by the server, pushed twice, or seen again after a restart is
never counted twice.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.trading.portfolio_model import dec

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FillEvent:
    exec_id: str
    account: str  # "stock" | "futures"
    symbol: str
    side: str  # "buy" | "sell"
    qty: int
    price: Decimal
    seq: int  # execution number: the order in which the server booked the fills
    qty_after: int | None = None  # the position's size after this fill, as the server says
    avg_after: Decimal | None = None  # its average price after this fill (0 when flat)
    cost_after: Decimal | None = None  # what the position left cost after this fill (exact)
    realized: Decimal | None = None  # futures: the server's realised P&L of this fill
    fee: Decimal | None = None
    order_no: str = ""  # the order that filled (numbers as digits, unpadded)
    cum_after: int | None = None  # how much of that order had filled after this fill


def _int(text: Any) -> int | None:
    d = dec(text)
    if d is None or d != d.to_integral_value():
        return None
    return int(d)


def _num_id(text: Any) -> str:
    """'0000001234' and '1234' are the same number; anything else is kept as sent."""
    t = str(text or "").strip()
    return str(int(t)) if t.isdigit() else t


def stock_fill(body: Any) -> FillEvent | str:
    """An AS1 body (sOrdxctPtnCode 11) as a fill, or the reason it cannot be one."""
    symbol = (body.sShtnIsuNo or "").strip().upper() or (body.sIsuNo or "").strip().upper()[2:]
    qty, price = _int(body.sExecQty), dec(body.sExecPrc)
    side = {"1": "sell", "2": "buy"}.get((body.sBnsTp or "").strip())
    if not symbol or not qty or qty <= 0 or price is None or price <= 0 or side is None:
        return (f"AS1 fill push unreadable (symbol {symbol!r}, side {body.sBnsTp!r}, qty "
                f"{body.sExecQty!r}, price {body.sExecPrc!r})")
    exec_no = _num_id(body.sExecNO) or _num_id(body.sAbrdExecId)
    if not exec_no:
        return f"AS1 fill push for {symbol} carries no execution number"
    seq = _int(exec_no) if exec_no.isdigit() else 0
    order_no = _num_id(body.sOrdNo)
    ordered, left = _int(body.sOrdQty), _int(body.sUnercQty)
    cum = ordered - left if ordered is not None and left is not None and 0 <= left <= ordered else None
    return FillEvent(f"S{order_no}.{exec_no}", "stock", symbol, side, qty, price, seq or 0,
                     qty_after=_int(body.sSecBalQty), avg_after=dec(body.sAvrPchsPrc),
                     cost_after=dec(body.sPchsAmt), fee=dec(body.sCmsnAmtExecAmt),
                     order_no=order_no, cum_after=cum)


def futures_fill(body: Any) -> FillEvent | str:
    """A TC3 body (svc_id CH01) as a fill, or the reason it cannot be one."""
    symbol = (body.is_cd or "").strip().upper()
    qty, price = _int(body.ccls_q), dec(body.ccls_prc)
    side = {"1": "sell", "2": "buy"}.get((body.s_b_ccd or "").strip())
    if not symbol or not qty or qty <= 0 or price is None or side is None:
        return (f"TC3 fill push unreadable (symbol {symbol!r}, side {body.s_b_ccd!r}, qty "
                f"{body.ccls_q!r}, price {body.ccls_prc!r})")
    exec_no = _num_id(body.ccls_no)
    if not exec_no:
        return f"TC3 fill push for {symbol} carries no execution number"
    seq = _int(exec_no) if exec_no.isdigit() else 0
    return FillEvent(f"F{_num_id(body.ordr_no)}.{exec_no}", "futures", symbol, side, qty, price, seq or 0,
                     qty_after=_int(body.fcm_fee),  # LS's TC3 labels fcm_fee "position quantity"
                     avg_after=dec(body.avg_byng_uprc), cost_after=dec(body.byug_amt), realized=dec(body.clr_pl_amt),
                     fee=dec(body.ent_fee), order_no=_num_id(body.ordr_no))


class FillLedger:
    """The fills booked today: id -> (symbol, realised). Appended to `path` when given."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self.realized: dict[str, tuple[str, str, Decimal]] = {}  # id -> (account, symbol, realised)
        self.orders: dict[str, list[Decimal]] = {}  # "stock:<order>" -> [quantity, value] booked
        if path is not None:
            self._read(path)

    def _read(self, path: Path) -> None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return
        except OSError as exc:
            log.warning("portfolio: the fill ledger %s could not be read: %s", path, exc)
            return
        for n, line in enumerate(lines, 1):
            try:
                rec = json.loads(line)
                self.realized[rec["exec_id"]] = (rec["account"], rec["symbol"], Decimal(rec["realized"]))
                if rec.get("order_no") and int(rec.get("qty") or 0) > 0:
                    self._count(f"{rec['account']}:{rec['order_no']}", int(rec["qty"]), Decimal(rec["price"]))
            except (ValueError, KeyError, TypeError, ArithmeticError):
                # a torn last line after a crash: the fill comes again from the server's replay
                log.warning("portfolio: line %d of %s is unreadable; skipped", n, path)

    def __contains__(self, exec_id: str) -> bool:
        return exec_id in self.realized

    def _count(self, key: str, qty: int, price: Decimal) -> None:
        booked = self.orders.setdefault(key, [Decimal(0), Decimal(0)])
        booked[0] += qty
        booked[1] += price * qty

    def booked(self, account: str, order_no: str) -> tuple[Decimal, Decimal]:
        """Quantity and value of an order's fills booked so far."""
        q, v = self.orders.get(f"{account}:{order_no}", (Decimal(0), Decimal(0)))
        return q, v

    def covered(self, fill: FillEvent) -> bool:
        """Booked already under another id (a reconciled sum): the order has this much filled."""
        if not fill.order_no or fill.cum_after is None:
            return False
        return self.booked(fill.account, fill.order_no)[0] >= fill.cum_after

    def add(self, fill: FillEvent, realized: Decimal, count: bool = True) -> bool:
        """Book a fill once; False if its id was booked already. `count=False` only marks the id seen."""
        if fill.exec_id in self.realized:
            return False
        self.realized[fill.exec_id] = (fill.account, fill.symbol, realized)
        if count and fill.order_no:
            self._count(f"{fill.account}:{fill.order_no}", fill.qty, fill.price)
        if self.path is not None:
            rec = {k: str(v) if isinstance(v, Decimal) else v for k, v in asdict(fill).items()}
            if not count:
                rec["qty"] = 0
            rec["realized"] = str(realized)
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with self.path.open("a", encoding="utf-8") as fh:
                    fh.write(json.dumps(rec) + "\n")
            except OSError as exc:
                log.warning("portfolio: fill %s not written to %s: %s", fill.exec_id, self.path, exc)
        return True

    def realized_by_symbol(self, account: str) -> dict[str, Decimal]:
        out: dict[str, Decimal] = {}
        for acct, symbol, value in self.realized.values():
            if acct == account:
                out[symbol] = out.get(symbol, Decimal(0)) + value
        return out
