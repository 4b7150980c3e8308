"""Loan holdings at the embedded exchange: COSOQ00201 lists each loan as its own row, COSMT00300
sells a loan's shares and repays it out of the proceeds, COSAT00301 sells cash shares only; the
loans survive a restart. Raw LS wire over loopback (no app.ls), the market's loop off."""

from __future__ import annotations

from decimal import Decimal

import pytest
import pytest_asyncio

from app.sim.broker.loans import book_loan
from tests.sim.broker.wire import Trader

D = Decimal
pytestmark = pytest.mark.asyncio
HOLDINGS = {"RecCnt": 1, "BaseDt": "", "CrcyCode": "ALL", "AstkBalTpCode": "00"}


async def _start(path):
    from app.sim.exchange import start_exchange

    return await start_exchange(seed=3, db_path=path, run_market=False, rate_limits=False)


@pytest_asyncio.fixture
async def ex(tmp_path):
    exchange = await _start(tmp_path / "loans.sqlite")
    yield exchange
    await exchange.stop()


def repay(qty: int, loan_dt: str, code: str = "180", price: D = D(0), ptype: str = "03") -> dict:
    return {"RecCnt": 1, "OrdPtnCode": "01", "OrgOrdNo": None, "AcntNo": "", "InptPwd": "",
            "OrdMktCode": "82", "IsuNo": "AAPL", "OrdQty": qty, "OvrsOrdPrc": float(price),
            "OrdprcPtnCode": ptype, "BrkTpCode": "", "MgntrnCode": code, "LoanDt": loan_dt}


async def rows(trader: Trader) -> dict[str, dict]:
    body = await trader.ok("COSOQ00201", HOLDINGS)
    return {r["LoanDt"]: r for r in body["COSOQ00201OutBlock4"]}, body


async def test_loan_rows_repay_and_cash_sale(ex, trader):
    price = ex.market.book("AAPL").asks[-1][0]  # a marketable limit
    await trader.stock_order("buy", "AAPL", 5, price)
    await trader.pushes_n(2)
    loan = book_loan(ex.broker, trader.app_key, "AAPL", 10, D("150.00"), loan_dt="20261102")
    assert (loan.due_dt, loan.repay_code, loan.amount) == ("20270131", "180", D("1500.00"))
    cash_before = ex.broker.account(trader.app_key).cash

    by_date, body = await rows(trader)
    assert set(by_date) == {"", "20261102"}
    cash_row, loan_row = by_date[""], by_date["20261102"]
    assert (D(cash_row["AstkBalQty"]), cash_row["LoanDtlClssCode"], cash_row["LoanAmt"]) == (5, "", 0)
    assert (D(loan_row["AstkBalQty"]), D(loan_row["AstkSellAbleQty"])) == (10, 10)
    assert (loan_row["LoanDtlClssCode"], loan_row["DueDt"], D(loan_row["FcstckUprc"])) == ("80", "20270131", 150)
    assert loan_row["LoanAmt"] > 0 and body["COSOQ00201OutBlock2"]["LoanAmt"] == loan_row["LoanAmt"]

    # a plain sale takes cash shares only; a repay names its loan with the loan's repayment code
    status, refused = await trader.stock_order("sell", "AAPL", 6, 0, "03")
    assert (status, refused["rsp_cd"]) == (500, "02717")
    for block, code in ((repay(11, "20261102"), "02717"), (repay(1, "20261102", "101"), "02724"),
                        (repay(1, "20261103"), "02727")):
        status, _, refused = await trader.call("COSMT00300", block)
        assert (status, refused["rsp_cd"]) == (500, code), block

    body = await trader.ok("COSMT00300", repay(4, "20261102"))
    assert body["LoanDtlClssCode"] == "80" == body["COSMT00300OutBlock1"]["LoanDtlClssCode"]
    pushes = await trader.pushes_n(2)
    assert [(t, p["sMgntrnCode"]) for t, p in pushes] == [("AS0", "180"), ("AS1", "180")]
    order = ex.broker.orders[("stock", body["COSMT00300OutBlock2"]["OrdNo"])]
    assert (order.loan_dt, order.filled) == ("20261102", 4)
    fill_value = order.fill_value
    acct = ex.broker.account(trader.app_key)
    assert acct.cash == cash_before + fill_value - D("600.00")  # the proceeds repay 4/10 of the loan first
    assert acct.stocks["AAPL"].qty == 11

    by_date, _ = await rows(trader)
    assert D(by_date["20261102"]["AstkBalQty"]) == 6 and D(by_date[""]["AstkBalQty"]) == 5
    orders = await trader.ok("COSAQ00102", {
        "RecCnt": 1, "QryTpCode": "1", "BkseqTpCode": "1", "OrdMktCode": "82", "BnsTpCode": "0",
        "IsuNo": "", "SrtOrdNo": 999999999, "OrdDt": order.ord_date, "ExecYn": "0", "CrcyCode": "000",
        "ThdayBnsAppYn": "0", "LoanBalHldYn": "0"})
    assert {r["OrdNo"]: r["LoanDt"] for r in orders["COSAQ00102OutBlock3"]}[order.ord_no] == "20261102"

    # the cash shares still sell as before, at their own cost
    status, body = await trader.stock_order("sell", "AAPL", 5, ex.market.book("AAPL").bids[-1][0])
    assert status == 200, body
    await trader.pushes_n(2)
    by_date, _ = await rows(trader)
    assert set(by_date) == {"20261102"} and D(by_date["20261102"]["FcstckUprc"]) == 150


async def test_loans_survive_a_restart(tmp_path):
    path = tmp_path / "restart.sqlite"
    ex = await _start(path)
    book_loan(ex.broker, "broker-test-key", "AAPL", 3, D("100"), loan_dt="20261001", kind="03")
    await ex.stop()
    ex = await _start(path)
    t = await Trader(ex).open(register=False)
    try:
        by_date, _ = await rows(t)
        assert by_date["20261001"]["LoanDtlClssCode"] == "03" and D(by_date["20261001"]["AstkBalQty"]) == 3
        body = await t.ok("COSMT00300", repay(3, "20261001", "103"))
        assert body["LoanDtlClssCode"] == "03"
    finally:
        await t.close()
        await ex.stop()
