"""Sales of loan (credit) stock holdings: the order manager sends COSMT00300 with the loan's date and
repayment code, read from the holdings (COSOQ00201) the portfolio loaded, and refuses a repay above
the loan's free shares; a cash holding still sells with COSAT00301. The real client core against the
embedded exchange over loopback; the exchange's own handlers record what arrived."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
import pytest_asyncio

from app.sim.broker.loans import book_loan
from app.trading.order_validation import Draft
from app.trading.orders import OrderManager, OrderRejected
from app.trading.portfolio import PortfolioService
from tests.trading.test_portfolio_support import buy_stock, open_market, record_requests, until

KEY, SECRET = "LOANS-TEST-KEY-0123456789", "LOANS-TEST-SECRET-0123456789"
pytestmark = pytest.mark.asyncio


@pytest_asyncio.fixture
async def market(tmp_path, monkeypatch):
    received = record_requests(monkeypatch, "COSAT00301", "COSMT00300", "COSAT00400")
    ex, client, master, hub = await open_market(tmp_path, KEY, SECRET, seed=5, steps_per_second=5.0)
    mgr = OrderManager(client, master, hub=hub, mode="demo", data_dir=tmp_path / "data")
    await mgr.start(futures=False)
    pf = PortfolioService(client, hub, master, orders=mgr, debounce=0.05, accounts=("stock",))
    await pf.start()
    mgr.last_price("AAPL")
    await until(lambda: hub.quote("AAPL") is not None and hub.quote("AAPL").last)
    try:
        yield SimpleNamespace(ex=ex, client=client, master=master, mgr=mgr, pf=pf, received=received)
    finally:
        await pf.close()
        await mgr.close()
        await hub.close()
        await client.aclose()
        await ex.stop()


def marketable_sell(m) -> Decimal:
    """A limit under the best bid: fills at once."""
    bid = m.ex.market.best("AAPL")[0]
    inst = m.master.get("AAPL")
    px = bid * Decimal("0.98")
    return (px / inst.tick_at(px)).to_integral_value() * inst.tick_at(px)


async def test_a_loan_holding_sells_with_cosmt00300_and_a_cash_holding_with_cosat00301(market):
    m = market
    await buy_stock(m.client, m.master, "AAPL", 3)  # 3 cash shares
    book_loan(m.ex.broker, KEY, "AAPL", 5, Decimal("180.00"), loan_dt="20261102")
    await m.pf.refresh("stock")
    p = m.pf.position("AAPL")
    assert p.qty == 8 and [(lot.date, lot.kind, lot.qty, lot.sellable) for lot in p.loans] == [("20261102", "80", 5, 5)]
    assert p.closing_order()["qty"] == 5 and p.closing_order()["loan"] == "20261102"

    # above the loan's free shares: refused, nothing sent
    with pytest.raises(OrderRejected) as refused:
        await m.mgr.submit(Draft("AAPL", "sell", 6, marketable_sell(m), "limit"))
    assert "repays the loan of 2026-11-02" in refused.value.messages[0] and "at most 5" in refused.value.messages[0]
    assert m.received == [("COSAT00301", m.received[0][1])]  # the cash buy only

    order = await m.mgr.submit(Draft("AAPL", "sell", 2, marketable_sell(m), "limit"))
    assert order.id and not order.rejected
    tr_cd, block = m.received[-1]
    assert tr_cd == "COSMT00300"
    assert (block["OrdPtnCode"], block["IsuNo"], block["OrdQty"], block["LoanDt"], block["MgntrnCode"]) == \
        ("01", "AAPL", 2, "20261102", "180")
    assert block["AcntNo"] == m.mgr.account and block["OrdMktCode"] == m.master.get("AAPL").exchcd
    await until(lambda: order.filled == 2)
    loan = m.ex.broker.account(KEY).loans[("AAPL", "20261102")]
    assert (loan.qty, loan.amount) == (3, Decimal("540.00"))
    await until(lambda: m.pf.position("AAPL").qty == 6 and m.pf.position("AAPL").loans[0].qty == 3)

    # the rest of the loan, then the cash shares: COSAT00301 as before
    await m.mgr.submit(Draft("AAPL", "sell", 3, marketable_sell(m), "limit"))
    assert m.received[-1][0] == "COSMT00300" and m.received[-1][1]["OrdQty"] == 3
    await until(lambda: m.pf.position("AAPL").qty == 3 and m.pf.position("AAPL").loans == ())
    assert "loan" not in m.pf.position("AAPL").closing_order()
    cash_sale = await m.mgr.submit(Draft("AAPL", "sell", 3, marketable_sell(m), "limit"))
    tr_cd, block = m.received[-1]
    assert tr_cd == "COSAT00301" and (block["OrdPtnCode"], block["OrdQty"]) == ("01", 3)
    await until(lambda: cash_sale.filled == 3 and m.pf.position("AAPL") is None)
    assert ("AAPL", "20261102") not in {k for k, v in m.ex.broker.account(KEY).loans.items() if v.qty}


async def test_without_a_portfolio_every_sale_is_a_cash_sale(market):
    m = market
    await m.pf.close()
    assert m.mgr.holdings is None
    await buy_stock(m.client, m.master, "AAPL", 2)
    await m.mgr.submit(Draft("AAPL", "sell", 1, marketable_sell(m), "limit"))
    assert m.received[-1][0] == "COSAT00301"


async def test_a_reserved_sale_of_a_loan_holding_carries_the_loan(market):
    """COSAT00400 has the same loan fields: a reservation to sell a loan holding repays the loan,
    and the order the exchange places for it when its window opens sells the loan's shares."""
    from datetime import datetime

    from app.trading.reconcile import KST

    m = market
    book_loan(m.ex.broker, KEY, "AAPL", 4, Decimal("170.00"), loan_dt="20261015", kind="03")
    await m.pf.refresh("stock")
    day = datetime.now(KST).date()
    with pytest.raises(OrderRejected):
        await m.mgr.reserve(Draft("AAPL", "sell", 5, marketable_sell(m), "limit"), day, day)
    r = await m.mgr.reserve(Draft("AAPL", "sell", 4, marketable_sell(m), "limit"), day, day)
    tr_cd, block = m.received[-1]
    assert tr_cd == "COSAT00400" and (block["BnsTpCode"], block["OrdQty"]) == ("1", 4)
    assert (block["MgntrnCode"], block["LoanDt"], block["LoanDtlClssCode"]) == ("103", "20261015", "03")
    [placed] = [o for o in m.ex.broker.orders.values() if o.kind == "new" and o.side == "1"]
    assert placed.loan_dt == "20261015" and r.rsv_no
    await until(lambda: m.ex.broker.account(KEY).loans[("AAPL", "20261015")].qty == 0)
