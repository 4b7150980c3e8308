"""Broker engine against a fake market: matching, accounting, events, persistence, reset."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.ls.models import AS0, AS1, AS2, AS3, AS4, TC1, TC2, TC3
from app.sim.broker import Broker, OrderError
from app.sim.broker.accounts import FUTURES_FEE_PER_CONTRACT, FUTURES_START_USD, STOCK_START_USD
from tests.sim.broker.fakes import FakeExchange

D = Decimal
KEY = "demo-key"
MODELS = {m.TR_CD: m.Body for m in (AS0, AS1, AS2, AS3, AS4, TC1, TC2, TC3)}


@pytest.fixture
def ex():
    return FakeExchange()


@pytest.fixture
def broker(ex, tmp_path):
    b = Broker(ex, tmp_path / "broker.sqlite")
    yield b
    b.store.close()


def codes(pushes):
    return [(tr, body.get("sOrdxctPtnCode") or body.get("svc_id")) for _, _, tr, body in pushes]


def check_bodies(pushes):
    for _, _, tr, body in pushes:
        assert list(body) == list(MODELS[tr].model_fields), tr
        assert all(isinstance(v, str) for v in body.values()), tr
        MODELS[tr].model_validate(body)


def test_buy_limit_rests_then_fills_on_trade(broker, ex):
    order = broker.place(KEY, "stock", "AAPL", "2", 10, D("199.00"), "00", "82")
    assert order.remaining == 10
    pushes = ex.take()
    assert codes(pushes) == [("AS0", "01")]
    check_bodies(pushes)
    acct = broker.account(KEY)
    assert acct.cash == STOCK_START_USD
    assert D(pushes[0][3]["sOrdAbleMny"]) == STOCK_START_USD - D("1990")

    ex.market.trade("AAPL", "199.50", 100)  # above the limit: no fill
    assert ex.take() == []
    ex.market.trade("AAPL", "198.90", 4)  # through the limit, 4 traded: partial fill at the limit
    ex.market.trade("AAPL", "199.00", 50)
    pushes = ex.take()
    assert codes(pushes) == [("AS1", "11"), ("AS1", "11")]
    check_bodies(pushes)
    assert [p[3]["sExecQty"] for p in pushes] == ["4", "6"]
    assert pushes[0][3]["sExecPrc"] == "199" and pushes[1][3]["sUnercQty"] == "0"
    assert order.status == "filled" and order.avg_price == D("199.00")
    assert acct.cash == STOCK_START_USD - D("1990")
    assert acct.stocks["AAPL"].qty == 10 and acct.stocks["AAPL"].avg_price == D("199")


def test_marketable_limit_walks_levels_and_rests_the_rest(broker, ex):
    order = broker.place(KEY, "stock", "AAPL", "2", 250, D("200.02"), "00", "82")
    pushes = ex.take()
    assert codes(pushes) == [("AS0", "01"), ("AS1", "11"), ("AS1", "11")]
    assert [(p[3]["sExecQty"], p[3]["sExecPrc"]) for p in pushes[1:]] == [("100", "200.01"), ("150", "200.02")]
    assert order.status == "filled"
    order = broker.place(KEY, "stock", "AAPL", "2", 200, D("200.01"), "00", "82")
    assert order.filled == 100 and order.remaining == 100 and order.status == "working"


def test_market_order_sweeps(broker, ex):
    order = broker.place(KEY, "stock", "AAPL", "2", 450, D(0), "03", "82")
    assert order.filled == 450
    # 100 @ 200.01, 300 @ 200.02, and the last 50 at the worst visible level
    assert order.fill_value == D("200.01") * 100 + D("200.02") * 350
    sell = broker.place(KEY, "stock", "AAPL", "1", 450, D(0), "M4", "82")  # MOC acts as market
    assert sell.filled == 450
    acct = broker.account(KEY)
    assert acct.stocks["AAPL"].qty == 0
    assert acct.stock_realised == sell.fill_value - order.fill_value


def test_modify_and_cancel(broker, ex):
    order = broker.place(KEY, "stock", "AAPL", "2", 10, D("190.00"), "00", "82")
    ex.take()
    new = broker.modify(KEY, "stock", order.ord_no, D("195.00"))
    assert new.ord_no != order.ord_no and new.org_ord_no == order.ord_no and new.qty == 10
    assert order.status == "replaced" and order.remaining == 0
    pushes = ex.take()
    assert codes(pushes) == [("AS0", "02"), ("AS2", "12")]
    check_bodies(pushes)
    assert pushes[1][3]["sMdfyCnfPrc"] == "195" and pushes[1][3]["sOrgOrdNo"] == str(order.ord_no)
    with pytest.raises(OrderError) as err:
        broker.modify(KEY, "stock", order.ord_no, D("196.00"))
    assert err.value.code == "02719"

    ex.market.trade("AAPL", "195.00", 3)
    ex.take()
    cancel = broker.cancel(KEY, "stock", new.ord_no)
    assert cancel.qty == 7 and new.status == "cancelled" and new.filled == 3
    pushes = ex.take()
    assert codes(pushes) == [("AS0", "03"), ("AS3", "13")]
    assert pushes[1][3]["sCancCnfQty"] == "7"
    acct = broker.account(KEY)
    assert broker.working_of(KEY) == []
    assert D(pushes[1][3]["sOrdAbleMny"]) == acct.cash
    with pytest.raises(OrderError) as err:
        broker.cancel(KEY, "stock", new.ord_no)
    assert err.value.code == "02719"
    with pytest.raises(OrderError) as err:
        broker.cancel(KEY, "stock", 999999)
    assert err.value.code == "02718"
    with pytest.raises(OrderError) as err:
        broker.cancel("someone-else", "stock", cancel.org_ord_no)
    assert err.value.code == "02718"


@pytest.mark.parametrize("args, code", [
    (("stock", "NOPE", "2", 1, D("10"), "00", "82"), "02711"),
    (("stock", "NQZ26", "2", 1, D("10"), "00", "82"), "02711"),
    (("stock", "AAPL", "2", 1, D("10"), "00", "81"), "02721"),
    (("stock", "AAPL", "2", 0, D("199"), "00", "82"), "02712"),
    (("stock", "AAPL", "2", -3, D("199"), "00", "82"), "02712"),
    (("stock", "AAPL", "2", 1.5, D("199"), "00", "82"), "02712"),
    (("stock", "AAPL", "2", 1, D("199.005"), "00", "82"), "02713"),
    (("stock", "AAPL", "2", 1, D("0"), "00", "82"), "02714"),
    (("stock", "AAPL", "2", 1000, D("199"), "00", "82"), "02715"),
    (("stock", "AAPL", "1", 1, D("199"), "00", "82"), "02717"),
    (("future", "NQZ26", "2", 1, D("20000.10"), "00", ""), "02713"),
    (("future", "NQZ26", "2", 6, D("19000.00"), "00", ""), "02716"),
])
def test_rejections(broker, ex, args, code):
    with pytest.raises(OrderError) as err:
        broker.place(KEY, *args)
    assert err.value.code == code
    assert ex.take() == []
    assert broker.orders_of(KEY, args[0]) == []


def test_exchange_rejects_limit_outside_price_band(broker, ex):
    order = broker.place(KEY, "stock", "AAPL", "2", 1, D("50.00"), "00", "82")
    assert order.status == "rejected"
    pushes = ex.take()
    assert codes(pushes) == [("AS0", "01"), ("AS4", "14")]
    check_bodies(pushes)
    assert pushes[1][3]["sRjtQty"] == "1"
    order = broker.place(KEY, "future", "NQZ26", "1", 1, D("40000.00"), "00")
    pushes = ex.take()
    assert codes(pushes) == [("TC1", "HO01"), ("TC2", "HO03")]
    assert pushes[1][3]["rfsl_cd"] and order.status == "rejected"


def test_futures_round_trip_margin_and_pnl(broker, ex):
    buy = broker.place(KEY, "future", "NQZ26", "2", 2, D(0), "03")
    pushes = ex.take()
    assert codes(pushes) == [("TC1", "HO01"), ("TC2", "HO02"), ("TC3", "CH01")]
    check_bodies(pushes)
    assert pushes[0][1] == "futureoption" and pushes[0][3]["ordr_no"] == str(buy.ord_no)
    assert pushes[2][3]["ccls_prc"] == "20000.25000000000" and pushes[2][3]["ccls_q"] == "2"
    acct = broker.account(KEY)
    fig = broker.futures_figures(acct)
    assert fig["margin"] == D("40000")
    assert acct.futures["NQZ26"].qty == 2
    assert fig["deposit"] == FUTURES_START_USD - 2 * FUTURES_FEE_PER_CONTRACT

    sell = broker.place(KEY, "future", "NQZ26", "1", 2, D("20010.00"), "00")
    assert sell.remaining == 2
    ex.take()
    # a closing order holds no extra margin
    assert broker.futures_figures(acct)["order_margin"] == 0
    ex.market.trade("NQZ26", "20010.25", 1)
    ex.market.trade("NQZ26", "20011.00", 5)
    pushes = ex.take()
    assert codes(pushes) == [("TC3", "CH01"), ("TC3", "CH01")]
    assert pushes[-1][3]["fcm_fee"] == "0"
    pnl = (D("20010.00") - D("20000.25")) * 2 * 20
    assert acct.fut_realised == pnl
    fig = broker.futures_figures(acct)
    assert fig["margin"] == 0 and fig["eval_pnl"] == 0
    assert fig["deposit"] == FUTURES_START_USD + pnl - 4 * FUTURES_FEE_PER_CONTRACT
    assert sum(D(p[3]["clr_pl_amt"]) for p in pushes) == pnl


def test_futures_short_and_foreign_currency(broker, ex):
    broker.place(KEY, "future", "HSIZ26", "1", 1, D(0), "03")  # sell 1 at 25000
    acct = broker.account(KEY)
    assert acct.futures["HSIZ26"].qty == -1
    ex.market.lasts["HSIZ26"] = D("24900")
    # 100 points * 50 HKD * 0.128
    assert broker.futures_figures(acct)["eval_pnl"] == D("640.00")
    assert broker.futures_figures(acct)["margin"] == D("12800.000")
    assert broker.futures_orderable_qty(acct, "NQZ26", "2") == 4


def test_persistence_across_restart(ex, tmp_path):
    path = tmp_path / "b.sqlite"
    b1 = Broker(ex, path)
    b1.place(KEY, "stock", "AAPL", "2", 100, D("200.01"), "00", "82")
    resting = b1.place(KEY, "stock", "AAPL", "2", 5, D("195.00"), "00", "82")
    fut = b1.place(KEY, "future", "NQZ26", "2", 1, D("19990.00"), "00")
    cash = b1.account(KEY).cash
    b1.store.close()

    ex2 = FakeExchange()
    b2 = Broker(ex2, path)
    acct = b2.account(KEY)
    assert acct.cash == cash and acct.stocks["AAPL"].qty == 100
    assert {o.ord_no for o in b2.working_of(KEY)} == {resting.ord_no, fut.ord_no}
    ex2.market.trade("AAPL", "195.00", 10)
    assert acct.stocks["AAPL"].qty == 105
    nxt = b2.place(KEY, "stock", "AAPL", "2", 1, D("190.00"), "00", "82")
    assert nxt.ord_no > resting.ord_no  # numbering continues
    assert len(b2.fills_of(KEY, "stock")) == 2
    b2.store.close()


def test_reset(broker, ex):
    broker.place(KEY, "stock", "AAPL", "2", 10, D("200.01"), "00", "82")
    broker.place(KEY, "stock", "AAPL", "2", 10, D("190.00"), "00", "82")
    acct = broker.reset(KEY)
    assert acct.cash == STOCK_START_USD and acct.stocks == {}
    assert broker.working_of(KEY) == [] and broker.orders_of(KEY, "stock") == []
    ex.market.trade("AAPL", "180.00", 100)
    assert broker.account(KEY).stocks == {}


def test_reset_all(broker, ex):
    broker.place("a", "stock", "AAPL", "2", 1, D("200.01"), "00", "82")
    broker.place("b", "future", "NQZ26", "2", 1, D(0), "03")
    broker.reset_all()
    assert broker.account("a").stocks == {} and broker.account("b").futures == {}
    assert broker.account("b").fut_deposit == FUTURES_START_USD
