"""The demo reset really puts the accounts back: balances and positions, read with the account TRs.

Both ways README names: ``lsterm-sim --reset-accounts`` on the exchange's database, and
Trading → Reset demo account in the terminal (confirmed in its dialog).
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import time
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from app.ls import LS
from app.trading.reconcile import KST
from app.trading.session import Mode

ROOT = Path(__file__).resolve().parents[2]
KEY, SECRET = "RESET-APPKEY-00000000000000000000000", "RESET-SECRET-0000000000000000000000"


async def accounts(ls: LS) -> dict:
    """USD deposit and stock holdings (COSOQ00201), futures deposit (CIDBQ05300) and positions
    (CIDEQ00800), as a user of the API sees them."""
    today = datetime.now(KST).strftime("%Y%m%d")  # LS dates are Korean (a day ahead after 15:00 UTC)
    stock = await ls.overseas_stock().accno().COSOQ00201(body={"COSOQ00201InBlock1": {
        "RecCnt": 1, "BaseDt": today, "CrcyCode": "ALL", "AstkBalTpCode": "00"}}).req_async()
    deposit = await ls.overseas_futureoption().accno().CIDBQ05300(body={"CIDBQ05300InBlock1": {
        "RecCnt": 1, "OvrsAcntTpCode": "1", "FcmAcntNo": " ", "CrcyCode": "ALL"}}).req_async()
    positions = await ls.overseas_futureoption().accno().CIDEQ00800(body={"CIDEQ00800InBlock1": {
        "RecCnt": 1, "TrdDt": today}}).req_async()
    return {
        "usd": [b.FcurrDps for b in stock.COSOQ00201OutBlock3 if b.CrcyCode == "USD"],
        "stocks": {b.ShtnIsuNo or b.IsuNo: b.AstkBalQty for b in stock.COSOQ00201OutBlock4 if b.AstkBalQty},
        "futures_deposit": [(b.CrcyCode, b.OvrsFutsDps) for b in _rows(deposit.CIDBQ05300OutBlock2)],
        "futures": {b.IsuCodeVal: b.BalQty for b in positions.CIDEQ00800OutBlock2 if b.BalQty},
    }


def _rows(block) -> list:
    return block if isinstance(block, list) else [block] if block is not None else []


async def trade(ls: LS) -> None:
    """Buy 2 AAPL above the market (fills at once) and 1 futures contract at market."""
    stock, fut = ls.overseas_stock(), ls.overseas_futureoption()
    quote = await stock.market().g3101(body={"g3101InBlock": {"keysymbol": "82AAPL", "exchcd": "82",
                                                              "symbol": "AAPL"}}).req_async()
    price = (quote.block.price * Decimal("1.05")).quantize(Decimal("0.01"))
    await stock.order().COSAT00301(body={"COSAT00301InBlock1": {
        "RecCnt": 1, "OrdPtnCode": "02", "OrdMktCode": "82", "IsuNo": "AAPL", "OrdQty": 2,
        "OvrsOrdPrc": price, "OrdprcPtnCode": "00"}}).req_async()
    master = await fut.market().o3101(body={"o3101InBlock": {"gubun": "1"}}).req_async()
    await fut.order().CIDBT00100(body={"CIDBT00100InBlock1": {
        "RecCnt": 1, "OrdDt": time.strftime("%Y%m%d"), "IsuCodeVal": master.block[0].Symbol,
        "FutsOrdTpCode": "1", "BnsTpCode": "2", "AbrdFutsOrdPtnCode": "1", "OvrsDrvtOrdPrc": 0,
        "CndiOrdPrc": 0, "OrdQty": 1}}).req_async()


async def until(predicate, timeout: float = 20.0) -> None:
    async with asyncio.timeout(timeout):
        while not await predicate():
            await asyncio.sleep(0.05)


def run_cli_reset(db: Path) -> str:
    proc = subprocess.Popen([sys.executable, "-m", "app.sim", "--port", "0", "--db", str(db), "--reset-accounts"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    try:
        while not lines or "Ctrl+C" not in lines[-1]:
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, "".join(lines)
    return "".join(lines)


async def _exchange_client(db: Path):
    """The embedded exchange in its own process, as the terminal runs it, and a logged-in client."""
    from app.demo_exchange import ExchangeProcess

    embedded = ExchangeProcess(seed=9, db_path=db)
    ls = LS(await embedded.start())
    assert await ls.async_login(KEY, SECRET), ls.last_error
    return embedded, ls


@pytest.mark.asyncio
async def test_the_sim_cli_reset_puts_balances_and_positions_back(tmp_path):
    db = tmp_path / "reset.db"
    embedded, ls = await _exchange_client(db)
    try:
        start = await accounts(ls)
        assert start["stocks"] == {} and start["futures"] == {} and start["usd"]
        await trade(ls)
        traded = await accounts(ls)
        assert traded["stocks"] == {"AAPL": 2} and len(traded["futures"]) == 1
        assert traded["usd"] != start["usd"] and traded["futures_deposit"] != start["futures_deposit"]
    finally:
        await ls.aclose()
        await embedded.stop()
    await asyncio.to_thread(run_cli_reset, db)
    embedded, ls = await _exchange_client(db)
    try:
        assert await accounts(ls) == start
    finally:
        await ls.aclose()
        await embedded.stop()


@pytest.mark.asyncio
async def test_trading_reset_demo_account_puts_balances_and_positions_back(make_shell, tmp_path):
    from app.demo_exchange import ExchangeProcess

    embedded = ExchangeProcess(seed=9, db_path=tmp_path / "demo.db")
    shell = make_shell(start_exchange=embedded.start, reset_demo=embedded.reset_accounts, client_factory=LS)
    shell.restore_workspace()
    try:
        assert (await shell.start(Mode.DEMO)).ok
        ls = shell.context.session.client
        start = await accounts(ls)
        await trade(ls)
        assert (await accounts(ls))["stocks"] == {"AAPL": 2}
        # and one order resting at the exchange, sent from the terminal
        from app.trading.order_validation import Draft

        mgr, portfolio = shell.context.orders, shell.context.portfolio
        quote = await ls.overseas_stock().market().g3101(body={"g3101InBlock": {
            "keysymbol": "82MSFT", "exchcd": "82", "symbol": "MSFT"}}).req_async()
        below = (quote.block.price * Decimal("0.95")).quantize(Decimal("0.01"))
        resting = await mgr.submit(Draft("MSFT", "buy", 1, below, "limit"))
        positions = shell.window.panels("positions")[0]

        async def seen() -> bool:  # what the trader sees before the reset
            return positions.model.rowCount() >= 1 and resting.working and resting.id

        await until(seen)
        shell.context.actions.trigger("account.reset_demo")
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        assert boxes, "no confirmation dialog"
        boxes[-1].button(QMessageBox.StandardButton.Yes).click()

        async def back() -> bool:
            return await accounts(ls) == start

        await until(back)

        async def shown() -> bool:  # the terminal's own panels, not only the exchange, start over
            return (positions.model.rowCount() == 0 and not portfolio.positions() and not mgr.working()
                    and "reset" in shell.window.status.currentMessage())

        await until(shown, 10)
        assert resting.state == "cancelled"
        cash = {b.account: b.cash for b in portfolio.balances() if b.currency == "USD"}
        assert [cash["stock"]] == start["usd"]
    finally:
        await shell.shutdown()
        await embedded.stop()
