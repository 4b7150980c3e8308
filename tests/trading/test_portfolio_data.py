"""Bad server data never loses what the portfolio knew: an unreadable holding keeps the last known
position with a clear message, a failed query keeps everything and is retried, a malformed fill
push changes nothing. A stand-in client answers with typed LS models (no network)."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from types import SimpleNamespace

import pytest

from app.ls.models import AS1, CIDBQ05300, COSOQ00201, COSOQ02701
from app.ls.models.base import RealHeader
from app.trading.portfolio import PortfolioService
from tests.trading.test_portfolio_support import until


def holdings(*rows: dict) -> COSOQ00201.Response:
    return COSOQ00201.Response.model_validate({
        "rsp_cd": "00001", "rsp_msg": "ok",
        "COSOQ00201OutBlock1": {"AcntNo": "55500001"},
        "COSOQ00201OutBlock3": [{"CrcyCode": "USD", "FcurrDps": "1000.00", "FcurrOrdAbleAmt": "900.00",
                                 "BaseXchrat": "1400.5"}],
        "COSOQ00201OutBlock4": list(rows)})


def row(symbol: str, qty, avg) -> dict:
    return {"ShtnIsuNo": symbol, "CrcyCode": "USD", "AstkBalQty": qty, "FcstckUprc": avg,
            "OvrsScrtsCurpri": "110", "FcurrBuyAmt": None, "AstkSellAbleQty": qty}


class Request:
    def __init__(self, script: "Script", name: str):
        self.script, self.name = script, name

    async def pages(self):
        yield await self.req_async()

    async def req_async(self):
        answer = self.script.answers[self.name]
        if isinstance(answer, list):
            answer = answer.pop(0) if len(answer) > 1 else answer[0]
        if isinstance(answer, Exception):
            raise answer
        return answer


class Script:
    """A client whose stock account answers what the test says (futures: nothing held)."""

    def __init__(self):
        self.answers: dict = {
            "COSOQ02701": COSOQ02701.Response.model_validate({"COSOQ02701OutBlock3": []}),
            "CIDBQ01500": SimpleNamespace(CIDBQ01500OutBlock1=None, CIDBQ01500OutBlock2=[]),
            "CIDBQ05300": CIDBQ05300.Response.model_validate({"CIDBQ05300OutBlock2": []}),
            "CIDBQ03000": SimpleNamespace(CIDBQ03000OutBlock2=[]),
        }

    def accno(self):
        return SimpleNamespace(**{name: (lambda _body, n=name: Request(self, n)) for name in (
            "COSOQ00201", "COSOQ02701", "CIDBQ01500", "CIDBQ05300", "CIDBQ03000")})


class FakeReal:
    state = "connected"

    def add_listener(self, tr, cb):
        return SimpleNamespace(remove=lambda: None)

    def add_state_listener(self, cb):
        return lambda: None

    async def connect(self):
        pass

    session = SimpleNamespace(register_account=lambda tr: asyncio.sleep(0))


class FakeClient:
    def __init__(self, script: Script):
        self.script = script
        self.real = FakeReal()

    def overseas_stock(self):
        return SimpleNamespace(accno=self.script.accno, real=lambda: self.real)

    overseas_futureoption = overseas_stock


@pytest.mark.asyncio
async def test_an_unreadable_holding_keeps_the_last_known_position_with_a_message():
    script = Script()
    script.answers["COSOQ00201"] = [holdings(row("AAPL", "10", "100.5"), row("MSFT", "3", "400"))]
    pf = PortfolioService(FakeClient(script), debounce=0.01, retry_delay=0.01)
    await pf.start()
    assert pf.position("AAPL").qty == 10 and pf.position("AAPL").avg_price == Decimal("100.5")
    assert pf.position("AAPL").last == Decimal("110")  # no hub: the server's price of the query
    script.answers["COSOQ00201"] = [holdings(row("AAPL", None, "100.5"), row("MSFT", "3", "400"), row("", "1", "1"))]
    await pf.refresh("stock")
    assert pf.position("AAPL").qty == 10 and pf.position("AAPL").avg_price == Decimal("100.5")
    assert any("AAPL" in p and "kept the last known position" in p for p in pf.problems)
    assert any("without a symbol" in p for p in pf.problems)
    # a sound answer later replaces it; a holding gone from the server goes
    script.answers["COSOQ00201"] = [holdings(row("AAPL", "4", "101"))]
    await pf.refresh("stock")
    assert pf.position("AAPL").qty == 4 and pf.position("MSFT") is None
    await pf.close()


@pytest.mark.asyncio
async def test_a_failed_query_keeps_everything_and_is_retried():
    script = Script()
    script.answers["COSOQ00201"] = [holdings(row("AAPL", "10", "100"))]
    pf = PortfolioService(FakeClient(script), debounce=0.01, retry_delay=0.01)
    await pf.start()
    heard: list[int] = []
    pf.add_listener(lambda: heard.append(pf.version))
    script.answers["COSOQ00201"] = [RuntimeError("gateway timeout"), holdings(row("AAPL", "12", "100"))]
    await pf.refresh("stock")
    assert "gateway timeout" in pf.error and pf.position("AAPL").qty == 10 and heard
    await until(lambda: pf.position("AAPL").qty == 12)  # the retry answered
    assert pf.error == ""
    await pf.close()


@pytest.mark.asyncio
async def test_a_malformed_fill_push_changes_nothing_and_says_why():
    script = Script()
    script.answers["COSOQ00201"] = [holdings(row("AAPL", "10", "100"))]
    pf = PortfolioService(FakeClient(script), debounce=3600)
    await pf.start()
    bad = AS1.Response(header=RealHeader(tr_cd="AS1"), body=AS1.Body(
        sOrdxctPtnCode="11", sShtnIsuNo="AAPL", sBnsTp="1", sExecQty=None, sExecPrc=Decimal("120"), sExecNO="7"))
    pf.handle_push(bad)
    assert pf.position("AAPL").qty == 10 and pf.realized() == 0
    assert any("AS1 fill push unreadable" in p for p in pf.problems)
    await pf.close()


@pytest.mark.asyncio
async def test_won_totals_round_once_and_unknown_is_not_zero():
    script = Script()
    script.answers["COSOQ00201"] = [holdings(row("AAPL", "3", "100.333"))]
    pf = PortfolioService(FakeClient(script), debounce=3600)
    await pf.start()
    usd = next(b for b in pf.totals() if b.currency == "USD")
    krw = next(b for b in pf.totals() if b.currency == "KRW")
    assert usd.krw_rate == Decimal("1400.5") and krw.krw_rate == 1
    assert krw.pnl_krw == usd.pnl_krw and krw.equity_krw == usd.equity_krw
    assert usd.equity == Decimal("1000.00") + 3 * Decimal("110")
    pf._bal[("stock", "USD")].cash = None  # the server did not say: the totals do not pretend
    assert next(b for b in pf.totals() if b.currency == "USD").equity is None
    assert next(b for b in pf.totals() if b.currency == "KRW").equity is None
    await pf.close()


def test_a_reconciled_sum_covers_the_late_pushes_of_its_order(tmp_path):
    from app.trading.portfolio_fills import FillEvent, FillLedger

    ledger = FillLedger(tmp_path / "fills.jsonl")
    summed = FillEvent("S7.R10", "stock", "AAPL", "sell", 10, Decimal("101"), 0, order_no="7", cum_after=10)
    assert ledger.add(summed, Decimal("10")) and not ledger.add(summed, Decimal("10"))
    late = FillEvent("S7.3", "stock", "AAPL", "sell", 4, Decimal("101"), 3, order_no="7", cum_after=4)
    beyond = FillEvent("S7.9", "stock", "AAPL", "sell", 2, Decimal("102"), 9, order_no="7", cum_after=12)
    assert ledger.covered(late) and not ledger.covered(beyond)
    again = FillLedger(tmp_path / "fills.jsonl")  # after a restart, the same
    assert again.covered(late) and not again.covered(beyond)
    assert again.booked("stock", "7") == (Decimal(10), Decimal(1010))


@pytest.mark.asyncio
async def test_a_late_push_of_a_reconciled_order_adds_nothing():
    from app.trading.portfolio_fills import FillEvent

    script = Script()
    script.answers["COSOQ00201"] = [holdings(row("AAPL", "6", "100"))]
    pf = PortfolioService(FakeClient(script), debounce=3600)
    await pf.start()
    pf.ledger.add(FillEvent("S7.R4", "stock", "AAPL", "sell", 4, Decimal("101"), 0, order_no="7", cum_after=4),
                  Decimal("4"))
    late = AS1.Response(header=RealHeader(tr_cd="AS1"), body=AS1.Body(
        sOrdxctPtnCode="11", sShtnIsuNo="AAPL", sBnsTp="1", sExecQty=Decimal(4), sExecPrc=Decimal("101"),
        sExecNO="3", sOrdNo=7, sOrdQty=Decimal(10), sUnercQty=Decimal(6), sSecBalQty=Decimal(6),
        sAvrPchsPrc=Decimal(100)))
    pf.handle_push(late)
    pf.handle_push(late)
    assert pf.realized() == Decimal(4) and pf.position("AAPL").qty == 6
    await pf.close()
