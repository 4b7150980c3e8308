"""The demo's exchange in its own process (app/demo_exchange.py): it serves a real client over
loopback, answers its commands, ends cleanly when stopped and on its own when the terminal dies."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from app.demo_exchange import RESTARTS, ExchangeProcess
from app.ls import LS

ROOT = Path(__file__).resolve().parents[1]
KEY, SECRET = "DEMO-APPKEY-lsterm", "DEMO-SECRET-lsterm"


@pytest.mark.asyncio
async def test_it_serves_a_client_and_answers_its_commands(tmp_path):
    ex = ExchangeProcess(seed=3, db_path=tmp_path / "demo.sqlite")
    ex.spawn()  # as the terminal does at its first instant
    try:
        ls = LS(await ex.start())
        try:
            assert await ls.async_login(KEY, SECRET), ls.last_error
            quote = await ls.overseas_stock().market().g3101(body={"g3101InBlock": {
                "keysymbol": "82AAPL", "exchcd": "82", "symbol": "AAPL"}}).req_async()
            assert quote.block.price > 0
        finally:
            await ls.aclose()
        await ex.reset_accounts()
        await ex.set_fault("reject_rate", 0.0)
        with pytest.raises(RuntimeError, match="no fault named 'melt_down'"):
            await ex.set_fault("melt_down", 1.0)
        with pytest.raises(RuntimeError, match="no fault named 'reject_next'"):  # a method, not a value
            await ex.set_fault("reject_next", 1.0)
        with pytest.raises(RuntimeError, match="unknown command 'dance'"):
            await ex.command("dance")
        assert (await ex.command("reset")) == {"ok": "reset"}  # it went on after the refusals
        proc = ex.proc
    finally:
        await ex.stop()
    assert proc.returncode == 0  # stopped by the end of its input, not killed


PARENT = textwrap.dedent("""
    import asyncio, sys, time
    from pathlib import Path
    from app.demo_exchange import RESTARTS, ExchangeProcess

    async def main():
        ex = ExchangeProcess(seed=3, db_path=Path(sys.argv[1]))
        await ex.start()
        print(ex.proc.pid, flush=True)
        time.sleep(600)  # killed here

    asyncio.run(main())
""")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_exchange_ends_when_the_terminal_dies(tmp_path):
    parent = subprocess.Popen([sys.executable, "-c", PARENT, str(tmp_path / "demo.sqlite")], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        child = int(parent.stdout.readline())
        assert _alive(child)
        os.kill(parent.pid, signal.SIGKILL)  # no clean shutdown: the child sees its input end
        parent.wait(10)
        deadline = time.monotonic() + 15
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(child), "the exchange outlived the terminal"
    finally:
        if parent.poll() is None:
            parent.kill()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"  # a zombie has ended
    except FileNotFoundError:
        return False


@pytest.mark.asyncio
async def test_an_exchange_that_dies_is_started_again_where_it_was(tmp_path, caplog):
    """Killed while it serves, the exchange comes back on the same port with the same accounts:
    a client at the old address logs in again (the terminal's reconnect); one that keeps dying
    stays down after RESTARTS starts within a minute, with an error in the log."""
    ex = ExchangeProcess(seed=3, db_path=tmp_path / "demo.sqlite")
    try:
        endpoints = await ex.start()
        first = ex.proc.pid
        ex.proc.kill()
        deadline = time.monotonic() + 30
        while (ex.proc is None or ex.proc.pid == first or not ex._ready.done()) and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        again = await ex.start()
        assert ex.proc.pid != first and again.rest == endpoints.rest and again.ws == endpoints.ws
        ls = LS(endpoints)  # the old address
        try:
            assert await ls.async_login(KEY, SECRET), ls.last_error
        finally:
            await ls.aclose()
        assert "starting it again on port" in caplog.text
        for _ in range(RESTARTS - 1):  # it keeps dying: started again RESTARTS times in all ...
            pid = ex.proc.pid
            await ex.start()
            ex.proc.kill()
            while ex.proc.pid == pid and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
        await ex.start()
        assert len(ex.restarts) == RESTARTS
        last = ex.proc
        last.kill()  # ... and then no more
        await asyncio.to_thread(last.wait, 10)
        await asyncio.sleep(1.0)
        assert ex.proc is last and last.poll() is not None  # down for good
        assert "is not started again" in caplog.text
        with pytest.raises(RuntimeError, match="stopped|not running"):
            await ex.command("reset")
    finally:
        await ex.stop()


@pytest.mark.asyncio
async def test_where_it_cannot_run_as_a_process_the_demo_runs_it_on_a_thread(tmp_path, monkeypatch, caplog):
    """A child that ends before any of its code runs (this program cannot start itself here) is a
    launch failure: the terminal runs the exchange on a thread of its own process, as it used to.
    A child whose code ran and failed (its accounts file in use by another exchange) is not: that
    would fail the same."""
    import app.demo_exchange as de
    from app.main import DemoExchange

    real = de.command_line
    monkeypatch.setattr(de, "command_line", lambda *a: [sys.executable, "-c", "raise SystemExit(3)"])
    (tmp_path / "demo.sqlite").write_bytes(b"damaged " * 100)  # kept aside there too
    demo = DemoExchange(seed=3, db_path=tmp_path / "demo.sqlite")
    demo.spawn()
    try:
        endpoints = await demo.start()
        assert demo.thread is not None and "running the exchange in the terminal's own process" in caplog.text
        notice = demo.take_notice()
        assert notice["kind"] == "kept" and Path(notice["kept"]).read_bytes() == b"damaged " * 100
        assert demo.take_notice() is None  # told once
        ls = LS(endpoints)
        try:
            assert await ls.async_login(KEY, SECRET), ls.last_error
        finally:
            await ls.aclose()
        await demo.reset_accounts()
    finally:
        await demo.stop()
    monkeypatch.setattr(de, "command_line", real)
    from app.sim.broker.store import Store

    held = Store(tmp_path / "held.sqlite")  # another exchange has these accounts open
    bad = ExchangeProcess(seed=3, db_path=tmp_path / "held.sqlite")
    try:
        with pytest.raises(RuntimeError) as failed:
            await bad.start()
    finally:
        held.close()
        await bad.stop()
    assert not isinstance(failed.value, de.LaunchError)
