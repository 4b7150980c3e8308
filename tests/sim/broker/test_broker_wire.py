"""Trading scenarios against the running exchange over real loopback sockets.

Each scenario is checked through the REST answers and the account pushes. The market's own
loop is off (``run_market=False``): prices stand still and fills happen only when a test makes
the market print a trade (``broker.force_trade``), so nothing waits on randomness.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
import pytest_asyncio

from app.ls.models import AS0, AS1, AS2, AS3, AS4, TC1, TC2, TC3
from app.sim.broker.accounts import FUTURES_FEE_PER_CONTRACT, FUTURES_START_USD, STOCK_START_USD
from tests.sim.broker.wire import Trader, below, front
from tests.sim.test_fidelity_push_order import java_hash_map_order

D = Decimal
BODIES = {m.TR_CD: m.Body for m in (AS0, AS1, AS2, AS3, AS4, TC1, TC2, TC3)}
pytestmark = pytest.mark.asyncio


async def _start(path):
    from app.sim.exchange import start_exchange

    ex = await start_exchange(seed=3, db_path=path, run_market=False, rate_limits=False)
    return ex


@pytest_asyncio.fixture
async def ex(tmp_path):
    exchange = await _start(tmp_path / "broker.sqlite")
    yield exchange
    await exchange.stop()


def full_body(tr_cd: str, body: dict) -> None:
    # every field, in the key order of LS's gateway (tests/sim/test_fidelity_push_order.py)
    assert list(body) == java_hash_map_order(BODIES[tr_cd].model_fields), tr_cd
    assert all(isinstance(v, str) for v in body.values()), tr_cd


async def test_buy_limit_rests_then_fills(ex, trader):
    price = below(ex, "AAPL")
    status, body = await trader.stock_order("buy", "AAPL", 10, price)
    assert status == 200, body
    ord_no = body["COSAT00301OutBlock2"]["OrdNo"]
    assert isinstance(ord_no, int) and ord_no > 0
    tr, push = await trader.push()
    assert tr == "AS0" and push["sOrdxctPtnCode"] == "01" and push["sOrdNo"] == str(ord_no)
    full_body(tr, push)
    assert D(push["sOrdAbleMny"]) == STOCK_START_USD - 10 * price

    today = push["sOrdTime"] and ex.broker.orders[("stock", ord_no)].ord_date
    q = await trader.ok("COSAQ00102", {"RecCnt": 1, "QryTpCode": "1", "BkseqTpCode": "1",
                                        "OrdMktCode": "82", "BnsTpCode": "0", "IsuNo": "",
                                        "SrtOrdNo": 999999999, "OrdDt": today, "ExecYn": "2",
                                        "CrcyCode": "000", "ThdayBnsAppYn": "0", "LoanBalHldYn": "0"})
    rows = q["COSAQ00102OutBlock3"]
    assert [(r["OrdNo"], r["MrcAbleQty"], r["UnercQty"]) for r in rows] == [(ord_no, 10, 10)]

    ex.broker.force_trade("AAPL", price, 4)
    tr, push = await trader.push()
    assert (tr, push["sOrdxctPtnCode"], push["sExecQty"], push["sUnercQty"]) == ("AS1", "11", "4", "6")
    full_body(tr, push)
    ex.broker.force_trade("AAPL", price - D("0.05"), 100)
    tr, push = await trader.push()
    assert (tr, push["sExecQty"], D(push["sExecPrc"]), push["sUnercQty"]) == ("AS1", "6", price, "0")
    assert push["sSecBalQty"] == "10"

    bal = await trader.ok("COSOQ00201", {"RecCnt": 1, "BaseDt": today, "CrcyCode": "ALL",
                                         "AstkBalTpCode": "00"})
    assert bal["rsp_cd"] == "00001"
    (ccy,) = bal["COSOQ00201OutBlock3"]
    assert D(ccy["FcurrDps"]) == STOCK_START_USD - 10 * price
    (row,) = bal["COSOQ00201OutBlock4"]
    assert (row["ShtnIsuNo"], D(row["AstkBalQty"]), D(row["FcstckUprc"])) == ("AAPL", 10, price)
    last = ex.market.last("AAPL")
    assert D(row["FcurrEvalPnlAmt"]) == (last - price) * 10
    fx = await trader.ok("COSOQ02701", {"RecCnt": 1, "CrcyCode": "USD"})
    assert D(fx["COSOQ02701OutBlock3"][0]["FcurrOrdAbleAmt"]) == STOCK_START_USD - 10 * price
    q = await trader.ok("COSAQ00102", {"RecCnt": 1, "OrdDt": today, "ExecYn": "2", "SrtOrdNo": 999999999})
    assert q["rsp_cd"] == "02679" and q["COSAQ00102OutBlock3"] == []
    q = await trader.ok("COSAQ00102", {"RecCnt": 1, "OrdDt": today, "ExecYn": "1", "SrtOrdNo": 999999999})
    assert q["COSAQ00102OutBlock3"][0]["ExecQty"] == 10
    assert q["COSAQ00102OutBlock2"]["BuyExecQty"] == 10


async def test_marketable_limit_fills_partly_across_levels_then_rests(ex, trader):
    asks = ex.market.book("AAPL").asks
    limit = asks[1][0]
    depth = asks[0][1] + asks[1][1]
    status, body = await trader.stock_order("buy", "AAPL", depth + 5, limit)
    assert status == 200, body
    pushes = await trader.pushes_n(3)
    assert [(t, p["sOrdxctPtnCode"]) for t, p in pushes] == [("AS0", "01"), ("AS1", "11"), ("AS1", "11")]
    assert [(int(p["sExecQty"]), D(p["sExecPrc"])) for _, p in pushes[1:]] == [
        (asks[0][1], asks[0][0]), (asks[1][1], asks[1][0])]
    assert pushes[-1][1]["sUnercQty"] == "5"
    order = ex.broker.orders[("stock", body["COSAT00301OutBlock2"]["OrdNo"])]
    assert order.status == "working" and order.remaining == 5


async def test_market_buy_is_refused_as_ls_does(ex, trader):
    # LS takes market (03), MOO (M3) and MOC (M4) for sells only
    status, body = await trader.stock_order("buy", "MSFT", 20, 0, "03")
    assert status == 500 and set(body) == {"rsp_cd", "rsp_msg"}
    assert "sell orders only" in body["rsp_msg"]
    assert ex.broker.orders_of(trader.app_key, "stock") == []


async def test_marketable_buy_then_market_sell(ex, trader):
    asks = ex.market.book("MSFT").asks
    qty = min(20, sum(level[1] for level in asks))
    status, body = await trader.stock_order("buy", "MSFT", qty, asks[-1][0])  # through the book
    assert status == 200, body
    tr, push = await trader.push()
    assert tr == "AS0"
    got = 0
    while got < qty:
        tr, push = await trader.push()
        assert tr == "AS1"
        got += int(push["sExecQty"])
    assert got == qty and push["sUnercQty"] == "0"
    status, body = await trader.stock_order("sell", "MSFT", qty, 0, "M4")  # MOC: executes now
    assert status == 200, body
    tr, _ = await trader.push()
    assert tr == "AS0"
    got = 0
    while got < qty:
        tr, push = await trader.push()
        got += int(push["sExecQty"])
    assert push["sSecBalQty"] == "0"
    acct = ex.broker.account(trader.app_key)
    assert acct.cash == STOCK_START_USD + acct.stock_realised


async def test_modify_then_cancel(ex, trader):
    price = below(ex, "NVDA")
    _, body = await trader.stock_order("buy", "NVDA", 10, price)
    first = body["COSAT00301OutBlock2"]["OrdNo"]
    await trader.push()
    new_price = price + D("0.50")
    status, _, body = await trader.call("COSAT00311", {
        "RecCnt": 1, "OrdPtnCode": "07", "OrgOrdNo": first, "OrdMktCode": "82", "IsuNo": "NVDA",
        "OrdQty": 0, "OvrsOrdPrc": float(new_price), "OrdprcPtnCode": "00", "BrkTpCode": ""})
    assert status == 200, body
    second = body["COSAT00311OutBlock2"]["OrdNo"]
    assert second != first
    (t1, p1), (t2, p2) = await trader.pushes_n(2)
    assert (t1, p1["sOrdxctPtnCode"], p1["sOrdNo"], p1["sOrgOrdNo"]) == ("AS0", "02", str(second), str(first))
    assert (t2, p2["sOrdxctPtnCode"], D(p2["sMdfyCnfPrc"]), p2["sMdfyCnfQty"]) == ("AS2", "12", new_price, "10")
    full_body(t2, p2)

    ex.broker.force_trade("NVDA", price, 3)  # the old price is gone: fills at the new limit
    tr, push = await trader.push()
    assert (tr, push["sOrdNo"], push["sExecQty"], D(push["sExecPrc"])) == ("AS1", str(second), "3", new_price)

    status, body = await trader.stock_order("cancel", "NVDA", 7, 0, org=second)
    assert status == 200, body
    cancel_no = body["COSAT00301OutBlock2"]["OrdNo"]
    (t1, p1), (t2, p2) = await trader.pushes_n(2)
    assert (t1, p1["sOrdxctPtnCode"], p1["sOrdNo"]) == ("AS0", "03", str(cancel_no))
    assert (t2, p2["sOrdxctPtnCode"], p2["sCancCnfQty"], p2["sOrgOrdNo"]) == ("AS3", "13", "7", str(second))
    full_body(t2, p2)

    q = await trader.ok("COSAQ00102", {"RecCnt": 1, "OrdDt": "", "SrtOrdNo": 999999999})
    states = {r["OrdNo"]: (r["OrdTrxPtnNm"], r["MrcAbleQty"], r["ExecQty"]) for r in q["COSAQ00102OutBlock3"]}
    assert states[first] == ("정정완료", 0, 0)
    assert states[second] == ("취소완료", 0, 3)
    assert states[cancel_no][0] == "취소확인"
    fx = await trader.ok("COSOQ02701", {"RecCnt": 1, "CrcyCode": "USD"})
    assert D(fx["COSOQ02701OutBlock3"][0]["FcurrOrdAmt"]) == 0


async def test_rejections_over_rest_and_pushes(ex, trader):
    price = below(ex, "AAPL")
    cases = [
        (("buy", "NOSUCH", 1, price), "02711"),
        (("buy", "AAPL", 0, price), "02712"),
        (("buy", "AAPL", 1.5, price), "IGW40011"),  # fractional quantity fails the type check
        (("buy", "AAPL", 1, price + D("0.005")), "02713"),
        (("buy", "AAPL", 100000, price), "02715"),
        (("sell", "AAPL", 1, price), "02717"),
        (("buy", "AAPL", 1, price, "00", "81"), "02721"),
        (("cancel", "AAPL", 1, 0, "00", "82", 987654), "02718"),
    ]
    for args, code in cases:
        status, body = await trader.stock_order(*args)
        assert (status, body["rsp_cd"]) == (500, code), (args, body)
        assert set(body) == {"rsp_cd", "rsp_msg"} and body["rsp_msg"]
    nq = front(ex, "NQ")
    status, body = await trader.fut_order("buy", nq, 50, below(ex, nq))
    assert (status, body["rsp_cd"]) == (500, "02716")

    # accepted, then refused by the exchange (limit far outside the price band): AS0 then AS4
    status, body = await trader.stock_order("buy", "AAPL", 1, below(ex, "AAPL", "0.3"))
    assert status == 200
    ord_no = body["COSAT00301OutBlock2"]["OrdNo"]
    (t1, p1), (t2, p2) = await trader.pushes_n(2)  # nothing was pushed for the refusals above
    assert (t1, p1["sOrdNo"]) == ("AS0", str(ord_no))
    assert (t2, p2["sOrdxctPtnCode"], p2["sRjtQty"]) == ("AS4", "14", "1") and p2["sRjtRsn"]
    full_body(t2, p2)
    status, body = await trader.stock_order("cancel", "AAPL", 1, 0, org=ord_no)
    assert (status, body["rsp_cd"]) == (500, "02719")  # rejected orders cannot be cancelled


async def test_futures_round_trip_with_margin_and_pnl(ex, trader):
    sym = front(ex, "NQ")
    inst = ex.market.instrument(sym)
    status, body = await trader.fut_order("buy", sym, 2, 0, market=True)
    assert status == 200 and body["rsp_cd"] == "00000", body
    ord_no = body["CIDBT00100OutBlock2"]["OvrsFutsOrdNo"]
    assert len(ord_no) == 10 and ord_no.startswith("0")
    pushes = await trader.pushes_n(3)
    assert [(t, p["svc_id"]) for t, p in pushes] == [("TC1", "HO01"), ("TC2", "HO02"), ("TC3", "CH01")]
    for t, p in pushes:
        full_body(t, p)
        assert p["ordr_no"] == str(int(ord_no))  # unpadded in pushes
    filled = int(pushes[2][1]["ccls_q"])
    while filled < 2:
        t, p = await trader.push()
        filled += int(p["ccls_q"])
    order = ex.broker.orders[("future", int(ord_no))]
    entry_cost = order.fill_value

    pos = await trader.ok("CIDBQ01500", {"RecCnt": 1, "AcntTpCode": "1", "QryDt": "", "BalTpCode": "1"})
    (row,) = pos["CIDBQ01500OutBlock2"]
    assert (row["IsuCodeVal"], row["BnsTpCode"], row["BalQty"]) == (sym, "2", 2)
    assert D(str(row["CsgnMgn"])) == 2 * inst.margin
    dep = await trader.ok("CIDBQ03000", {"RecCnt": 1, "AcntTpCode": "1", "TrdDt": ""})
    tot = dep["CIDBQ03000OutBlock2"][0]
    fees = 2 * FUTURES_FEE_PER_CONTRACT
    assert D(tot["OvrsFutsDps"]) == FUTURES_START_USD - fees
    assert D(tot["AbrdFutsOrdAbleAmt"]) == D(tot["EvalAssetAmt"]) - 2 * inst.margin
    qty = await trader.ok("CIDBQ01400", {"RecCnt": 1, "QryTpCode": "1", "IsuCodeVal": sym,
                                         "BnsTpCode": "2", "OvrsDrvtOrdPrc": 0, "AbrdFutsOrdPtnCode": "1"})
    assert qty["CIDBQ01400OutBlock2"]["OrdAbleQty"] == int(D(tot["AbrdFutsOrdAbleAmt"]) // inst.margin)

    # a resting sell, modified, then filled by a trade through its price
    exit_price = ex.market.last(sym) + 40 * inst.tick_size
    status, body = await trader.fut_order("sell", sym, 2, exit_price + 4 * inst.tick_size)
    sell_no = body["CIDBT00100OutBlock2"]["OvrsFutsOrdNo"]
    assert [t for t, _ in await trader.pushes_n(2)] == ["TC1", "TC2"]
    status, _, body = await trader.call("CIDBT00900", {
        "RecCnt": 1, "OrdDt": "", "OvrsFutsOrgOrdNo": sell_no, "IsuCodeVal": sym, "FutsOrdTpCode": "2",
        "BnsTpCode": "1", "FutsOrdPtnCode": "2", "CrcyCodeVal": "", "OvrsDrvtOrdPrc": float(exit_price),
        "CndiOrdPrc": 0, "OrdQty": 2, "OvrsDrvtPrdtCode": "", "DueYymm": "", "ExchCode": ""})
    assert (status, body["rsp_cd"]) == (200, "00131"), body
    new_no = body["CIDBT00900OutBlock2"]["OvrsFutsOrdNo"]
    (t1, p1), (t2, p2) = await trader.pushes_n(2)
    assert (t1, p1["ordr_ccd"], t2, p2["svc_id"], p2["ordr_ccd"]) == ("TC1", "2", "TC2", "HO02", "2")
    assert p1["orgn_ordr_no"] == str(int(sell_no)) and p1["ordr_no"] == str(int(new_no))

    ex.broker.force_trade(sym, exit_price, 1)
    ex.broker.force_trade(sym, exit_price + inst.tick_size, 5)
    fills = await trader.pushes_n(2)
    assert [(t, p["ccls_q"]) for t, p in fills] == [("TC3", "1"), ("TC3", "1")]
    pnl = (exit_price * 2 - entry_cost) * inst.tick_value / inst.tick_size
    assert sum(D(p["clr_pl_amt"]) for _, p in fills) == pnl
    assert fills[-1][1]["fcm_fee"] == "0"  # flat

    pos = await trader.ok("CIDBQ01500", {"RecCnt": 1, "AcntTpCode": "1", "QryDt": "", "BalTpCode": "1"})
    assert pos["rsp_cd"] == "00707" and pos["CIDBQ01500OutBlock2"] == []
    bal = await trader.ok("CIDBQ05300", {"RecCnt": 1, "OvrsAcntTpCode": "1", "CrcyCode": "ALL"})
    total = bal["CIDBQ05300OutBlock3"]
    assert D(total["AbrdFutsLqdtPnlAmt"]) == pnl
    assert D(total["OvrsFutsDps"]) == FUTURES_START_USD + pnl - 2 * fees
    assert D(total["AbrdFutsCsgnMgn"]) == 0
    hist = await trader.ok("CIDBQ01800", {"RecCnt": 1, "IsuCodeVal": sym, "OrdDt": "", "OrdStatCode": "0",
                                          "BnsTpCode": "0", "QryTpCode": "2", "OrdPtnCode": "00",
                                          "OvrsDrvtFnoTpCode": "A"})
    rows = {r["OvrsFutsOrdNo"]: r for r in hist["CIDBQ01800OutBlock2"]}
    assert set(rows) == {ord_no, sell_no, new_no}
    assert (rows[sell_no]["FutsOrdStatCode"], rows[new_no]["FutsOrdStatCode"]) == ("7", "4")
    assert rows[new_no]["OvrsFutsOrgOrdNo"] == sell_no
    det = await trader.ok("CIDBQ02400", {"RecCnt": 1, "IsuCodeVal": sym, "QrySrtDt": "", "QryEndDt": "",
                                         "ThdayTpCode": "1", "OrdStatCode": "1", "BnsTpCode": "0",
                                         "QryTpCode": "2", "OrdPtnCode": "00", "OvrsDrvtFnoTpCode": "A"})
    execs = det["CIDBQ02400OutBlock2"]
    assert sum(r["ExecQty"] for r in execs if r["BnsTpCode"] == "1") == 2


async def test_futures_cancel_and_unknown_order(ex, trader):
    es = front(ex, "ES")
    price = below(ex, es, "0.95")
    _, body = await trader.fut_order("buy", es, 1, price)
    no = body["CIDBT00100OutBlock2"]["OvrsFutsOrdNo"]
    await trader.pushes_n(2)
    block = {"RecCnt": 1, "OrdDt": "", "IsuCodeVal": es, "OvrsFutsOrgOrdNo": no,
             "FutsOrdTpCode": "3", "PrdtTpCode": "", "ExchCode": ""}
    status, _, body = await trader.call("CIDBT01000", block)
    assert (status, body["rsp_cd"]) == (200, "00156")
    (t1, p1), (t2, p2) = await trader.pushes_n(2)
    assert (t1, p1["ordr_ccd"], t2, p2["svc_id"], p2["ordr_ccd"]) == ("TC1", "3", "TC2", "HO02", "3")
    status, _, body = await trader.call("CIDBT01000", block)
    assert (status, body["rsp_cd"]) == (500, "02719")
    status, _, body = await trader.call("CIDBT01000", {**block, "OvrsFutsOrgOrdNo": "0000099999"})
    assert (status, body["rsp_cd"]) == (500, "02718")


async def test_paging_of_order_history(ex, trader):
    price = below(ex, "AMZN")
    for _ in range(23):
        status, _ = await trader.stock_order("buy", "AMZN", 1, price)
        assert status == 200
    block = {"RecCnt": 1, "OrdDt": "", "SrtOrdNo": 999999999, "ExecYn": "2"}
    status, headers, first = await trader.call("COSAQ00102", block)
    assert headers["tr_cont"] == "Y" and headers["tr_cont_key"]
    status, headers2, second = await trader.call("COSAQ00102", block, tr_cont="Y", key=headers["tr_cont_key"])
    assert headers2["tr_cont"] == "N" and headers2["tr_cont_key"] == ""
    nos = [r["OrdNo"] for r in first["COSAQ00102OutBlock3"] + second["COSAQ00102OutBlock3"]]
    assert len(nos) == 23 and nos == sorted(nos, reverse=True)


async def test_state_survives_restart_and_reset(tmp_path):
    path = tmp_path / "persist.sqlite"
    ex = await _start(path)
    t = await Trader(ex).open()
    price = below(ex, "AAPL")
    await t.stock_order("buy", "AAPL", 5, 0, "03")  # market: fills in full
    _, body = await t.stock_order("buy", "AAPL", 3, price)
    resting = body["COSAT00301OutBlock2"]["OrdNo"]
    cl = front(ex, "CL")
    await t.fut_order("sell", cl, 1, 0, market=True)
    before = await t.ok("COSOQ00201", {"RecCnt": 1, "BaseDt": "", "CrcyCode": "ALL", "AstkBalTpCode": "00"})
    await t.close()
    await ex.stop()

    ex = await _start(path)
    t = await Trader(ex).open()
    try:
        after = await t.ok("COSOQ00201", {"RecCnt": 1, "BaseDt": "", "CrcyCode": "ALL", "AstkBalTpCode": "00"})
        assert after["COSOQ00201OutBlock3"][0]["FcurrDps"] == before["COSOQ00201OutBlock3"][0]["FcurrDps"]
        assert after["COSOQ00201OutBlock4"] == before["COSOQ00201OutBlock4"]
        pos = await t.ok("CIDBQ01500", {"RecCnt": 1})
        assert [(r["IsuCodeVal"], r["BnsTpCode"], r["BalQty"]) for r in pos["CIDBQ01500OutBlock2"]] == [(cl, "1", 1)]
        q = await t.ok("COSAQ00102", {"RecCnt": 1, "OrdDt": "", "SrtOrdNo": 999999999, "ExecYn": "2"})
        assert [r["OrdNo"] for r in q["COSAQ00102OutBlock3"]] == [resting]
        ex.broker.force_trade("AAPL", price, 10)  # the working order still fills after the restart
        tr, push = await t.push()
        assert (tr, push["sOrdNo"], push["sExecQty"]) == ("AS1", str(resting), "3")
        _, body = await t.stock_order("buy", "AAPL", 1, price)
        assert body["COSAT00301OutBlock2"]["OrdNo"] > resting

        ex.broker.reset(t.app_key)
        bal = await t.ok("COSOQ00201", {"RecCnt": 1, "BaseDt": "", "CrcyCode": "ALL", "AstkBalTpCode": "00"})
        assert D(bal["COSOQ00201OutBlock3"][0]["FcurrDps"]) == STOCK_START_USD
        assert bal["COSOQ00201OutBlock4"] == []
        pos = await t.ok("CIDBQ01500", {"RecCnt": 1})
        assert pos["rsp_cd"] == "00707"
    finally:
        await t.close()
        await ex.stop()


async def test_reserved_orders_and_credit_sell(ex, trader):
    today = ex.broker.clock().strftime("%Y%m%d")
    block = {"RecCnt": 1, "TrxTpCode": "1", "CntryCode": "US", "RsvOrdInptDt": today, "RsvOrdNo": None,
             "BnsTpCode": "2", "AcntNo": "", "Pwd": "", "FcurrMktCode": "82", "IsuNo": "AAPL",
             "OrdQty": 2, "OvrsOrdPrc": float(below(ex, "AAPL")), "OrdprcPtnCode": "00",
             "RsvOrdSrtDt": "29991230", "RsvOrdEndDt": "29991231", "RsvOrdCndiCode": "0",
             "MgntrnCode": "000", "LoanDt": "", "LoanDtlClssCode": ""}
    later = (await trader.ok("COSAT00400", block))["COSAT00400OutBlock2"]["RsvOrdNo"]
    now = (await trader.ok("COSAT00400", {**block, "RsvOrdSrtDt": today, "RsvOrdEndDt": today}))
    now_no = now["COSAT00400OutBlock2"]["RsvOrdNo"]
    tr, push = await trader.push()  # a reservation whose window is open goes out at once
    assert tr == "AS0" and push["sOrdQty"] == "2"
    query = {"RecCnt": 1, "QryTpCode": "1", "CntryCode": "001", "SrtDt": today, "EndDt": today,
             "BnsTpCode": "0", "RsvOrdCndiCode": "00", "RsvOrdStatCode": "0"}
    rows = {r["RsvOrdNo"]: r for r in (await trader.ok("COSAQ01400", query))["COSAQ01400OutBlock2"]}
    assert rows[later]["RsvOrdStatCode"] == "1" and rows[later]["OrdNo"] == 0
    assert rows[now_no]["RsvOrdStatCode"] == "2" and str(rows[now_no]["OrdNo"]) == push["sOrdNo"]
    await trader.ok("COSAT00400", {**block, "TrxTpCode": "2", "RsvOrdNo": later})
    status, _, body = await trader.call("COSAT00400", {**block, "TrxTpCode": "2", "RsvOrdNo": later})
    assert (status, body["rsp_cd"]) == (500, "02719")
    empty = await trader.ok("COSAQ01400", {**query, "SrtDt": "20000101", "EndDt": "20000102"})
    assert empty["rsp_cd"] == "00200" and empty["COSAQ01400OutBlock2"] == []

    # COSMT00300 without a loan holding acts as a cash order
    await trader.stock_order("buy", "AAPL", 1, ex.market.book("AAPL").asks[-1][0])  # marketable limit
    await trader.pushes_n(2)
    body = await trader.ok("COSMT00300", {
        "RecCnt": 1, "OrdPtnCode": "01", "OrgOrdNo": None, "AcntNo": "", "InptPwd": "",
        "OrdMktCode": "82", "IsuNo": "AAPL", "OrdQty": 1, "OvrsOrdPrc": 0, "OrdprcPtnCode": "03",
        "BrkTpCode": "", "MgntrnCode": "", "LoanDt": ""})
    assert body["LoanDtlClssCode"] == "" and body["COSMT00300OutBlock2"]["OrdNo"] > 0
    assert [t for t, _ in await trader.pushes_n(2)] == ["AS0", "AS1"]


async def test_futures_views_agree(ex, trader):
    await trader.fut_order("sell", front(ex, "HSI"), 1, 0, market=True)
    pos = await trader.ok("CIDBQ01500", {"RecCnt": 1})
    by_date = await trader.ok("CIDEQ00800", {"RecCnt": 1, "TrdDt": ""})
    dep = await trader.ok("CIDBQ05300", {"RecCnt": 1, "OvrsAcntTpCode": "1", "CrcyCode": "ALL"})
    (p,) = pos["CIDBQ01500OutBlock2"]
    (q,) = by_date["CIDEQ00800OutBlock2"]
    assert (p["IsuCodeVal"], p["BalQty"], p["PchsPrc"]) == (q["IsuCodeVal"], q["BalQty"], q["PchsPrc"])
    assert p["AbrdFutsEvalPnlAmt"] == q["AbrdFutsEvalPnlAmt"]
    assert D(str(p["CsgnMgn"])) == D(dep["CIDBQ05300OutBlock3"]["AbrdFutsCsgnMgn"])
    assert D(str(p["OrdAbleAmt"])) == D(dep["CIDBQ05300OutBlock3"]["AbrdFutsOrdAbleAmt"])


async def test_resting_order_fills_from_the_markets_own_trades(ex, trader):
    """No forced prints: the market's deterministic steps trade through a limit at the touch."""
    sym = "GOOGL"
    limit = ex.market.best(sym)[0]  # join the bid: rests, fills once the market sells down to it
    status, body = await trader.stock_order("buy", sym, 5, limit)
    assert status == 200, body
    ord_no = body["COSAT00301OutBlock2"]["OrdNo"]
    assert (await trader.push())[0] == "AS0"
    order = ex.broker.orders[("stock", ord_no)]
    for _ in range(2000):
        if order.filled:
            break
        ex.market.step(sym)
    assert order.filled, "the market never traded at the bid in 2000 steps"
    tr, push = await trader.push()
    assert (tr, push["sOrdNo"], D(push["sExecPrc"])) == ("AS1", str(ord_no), limit)
