"""The order TRs' in-blocks, built from the order manager's records: new orders (stocks COSAT00301,
futures/options CIDBT00100), modifies (COSAT00311 / CIDBT00900) and cancels (COSAT00301 with
OrdPtnCode 08 / CIDBT01000). The client core's models check LS's own rules as they are built.

A sale of a stock held on a loan repays the loan: COSMT00300 with the loan's date (LoanDt) and
repayment code (MgntrnCode), in place of COSAT00301. The holdings decide (COSOQ00201 gives each
loan its own row): a sale takes the oldest loan with shares free to sell, at most that loan's
free shares (one COSMT00300 repays one loan); once no loan has free shares, sales sell cash shares.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from app.trading.order_state import STOCK_CODES, Order
from app.trading.order_validation import as_int
from app.trading.portfolio_model import LoanLot
from app.trading.reconcile import today


def repay_lot(holdings: Callable[[str], Any] | None, symbol: str, side: str) -> LoanLot | None:
    """The loan a sale of ``symbol`` repays (``holdings``: the portfolio's position lookup), or None."""
    if holdings is None or side != "sell" or not symbol:
        return None
    p = holdings(symbol)
    return p.repay_lot() if p is not None and p.market == "stock" else None


def repay_problems(holdings: Callable[[str], Any] | None, symbol: str, side: str, qty: Any,
                   tr: Callable[[str], str]) -> list[str]:
    """A repay above the loan's free shares is refused, naming the loan."""
    lot = repay_lot(holdings, symbol, side)
    n = as_int(qty)
    if lot is None or n is None or n <= lot.sellable:
        return []
    day = f"{lot.date[:4]}-{lot.date[4:6]}-{lot.date[6:]}" if len(lot.date) == 8 else lot.date
    return [tr("Quantity: this sale repays the loan of {date}; at most {n} of its shares can be sold "
               "in one order.").format(date=day, n=f"{lot.sellable:,}")]


def stock_new_call(client: Any, block: Any) -> Any:
    """The call that sends a new stock order: COSMT00300 for a loan's repay, else COSAT00301 (told
    by the block's class name: importing the model here would cost a first cash order its import)."""
    order = client.overseas_stock().order()
    return order.COSMT00300(block) if type(block).__name__.startswith("COSMT00300") else order.COSAT00301(block)


def new_block(inst: Any, side: str, qty: int, price: Decimal | None, ptype: str,
              loan: LoanLot | None = None, account: str = "") -> Any:
    if inst.market == "stock" and loan is not None and side == "sell":
        from app.ls.models import COSMT00300

        return COSMT00300.COSMT00300InBlock1(
            OrdPtnCode="01", AcntNo=account, InptPwd="", OrdMktCode=inst.exchcd or "82", IsuNo=inst.code,
            OrdQty=qty, OvrsOrdPrc=price or 0, OrdprcPtnCode=STOCK_CODES[ptype],
            MgntrnCode=loan.repay_code, LoanDt=loan.date)
    if inst.market == "stock":
        from app.ls.models import COSAT00301

        return COSAT00301.COSAT00301InBlock1(
            OrdPtnCode="02" if side == "buy" else "01", OrdMktCode=inst.exchcd or "82",
            IsuNo=inst.code, OrdQty=qty, OvrsOrdPrc=price or 0, OrdprcPtnCode=STOCK_CODES[ptype])
    from app.ls.models import CIDBT00100

    return CIDBT00100.CIDBT00100InBlock1(
        OrdDt=today(), IsuCodeVal=inst.code, FutsOrdTpCode="1", BnsTpCode="2" if side == "buy" else "1",
        AbrdFutsOrdPtnCode="1" if ptype == "market" else "2", CrcyCode=inst.currency or "",
        OvrsDrvtOrdPrc=price or 0, CndiOrdPrc=0, OrdQty=qty)


def modify_call(client: Any, inst: Any, orig: Order, new_qty: int, new_price: Decimal, ptype: str) -> Any:
    """The call that changes ``orig`` to ``new_qty`` at ``new_price``."""
    if inst.market == "stock":
        from app.ls.models import COSAT00311

        block = COSAT00311.COSAT00311InBlock1(
            OrdPtnCode="07", OrgOrdNo=int(orig.id), OrdMktCode=inst.exchcd or "82", IsuNo=inst.code,
            OrdQty=new_qty, OvrsOrdPrc=new_price, OrdprcPtnCode=STOCK_CODES[ptype])
        return client.overseas_stock().order().COSAT00311(block)
    from app.ls.models import CIDBT00900

    block = CIDBT00900.CIDBT00900InBlock1(
        OrdDt=orig.day or today(), OvrsFutsOrgOrdNo=orig.id, IsuCodeVal=inst.code, FutsOrdTpCode="2",
        BnsTpCode="2" if orig.side == "buy" else "1", FutsOrdPtnCode="2",
        CrcyCodeVal=inst.currency or "", OvrsDrvtOrdPrc=new_price, CndiOrdPrc=0, OrdQty=new_qty)
    return client.overseas_futureoption().order().CIDBT00900(block)


def cancel_call(client: Any, inst: Any, orig: Order) -> Any:
    """The call that cancels what is left of ``orig``."""
    if orig.market == "stock":
        from app.ls.models import COSAT00301

        block = COSAT00301.COSAT00301InBlock1(
            OrdPtnCode="08", OrgOrdNo=int(orig.id), OrdMktCode=(inst.exchcd if inst else "") or "82",
            IsuNo=orig.symbol, OrdQty=orig.remaining or orig.qty, OvrsOrdPrc=0, OrdprcPtnCode="00")
        return client.overseas_stock().order().COSAT00301(block)
    from app.ls.models import CIDBT01000

    block = CIDBT01000.CIDBT01000InBlock1(OrdDt=orig.day or today(), IsuCodeVal=orig.symbol,
                                          OvrsFutsOrgOrdNo=orig.id, FutsOrdTpCode="3")
    return client.overseas_futureoption().order().CIDBT01000(block)
