"""Demo mode always starts: imports never race between threads, and a failed start is shown with a
Retry that really starts the embedded exchange again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.trading.session import Mode
from tests.ui.conftest import fake_exchange, wait_signal

ROOT = Path(__file__).resolve().parents[2]


def app_env(tmp_path: Path) -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", LSTERM_CONFIG_DIR=str(tmp_path / "c"),
                LSTERM_LOG_DIR=str(tmp_path / "l"), LSTERM_DATA_DIR=str(tmp_path / "d"))


@pytest.mark.asyncio
async def test_failed_demo_start_offers_a_retry_that_retries(make_shell, qtbot):
    calls = []

    async def flaky():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("the embedded exchange could not bind a port")
        return await fake_exchange()

    shell = make_shell(start_exchange=flaky)
    shell.restore_workspace()
    result = await shell.start(Mode.DEMO)
    assert not result.ok
    box = shell.window.findChild(QMessageBox, "Retry")
    assert box is not None and box.isVisible()
    assert "could not bind a port" in box.text() and "Demo mode could not start" in box.text()
    assert "could not bind a port" in shell.window.status.currentMessage()
    retry = box.button(QMessageBox.StandardButton.Retry)
    qtbot.mouseClick(retry, Qt.MouseButton.LeftButton)
    (again,) = await wait_signal(shell.session_ready)
    assert again.ok and len(calls) == 2
    assert shell.context.session is not None and shell.context.session.mode is Mode.DEMO
    assert shell.window.status.currentMessage() == ""  # the old error does not linger


@pytest.mark.asyncio
async def test_embedded_exchange_starts_again_after_a_failed_start(tmp_path):
    pytest.importorskip("app.sim.exchange")
    from app.demo_exchange import ExchangeProcess

    from app.sim.broker.store import Store

    held = Store(tmp_path / "demo.sqlite")  # another exchange has the accounts open
    exchange = ExchangeProcess(7, tmp_path / "demo.sqlite")
    try:
        with pytest.raises(RuntimeError, match=r"exit code 1\): .*in use by another exchange"):
            await exchange.start()
    finally:
        held.close()  # that one ends: the next start serves on the same accounts
    try:
        endpoints = await exchange.start()
        assert "127.0.0.1" in endpoints.rest
    finally:
        await exchange.stop()


SPY = textwrap.dedent("""
    import sys, threading
    seen = []
    class Spy:
        def find_spec(self, name, path=None, target=None):
            seen.append((threading.current_thread().name, name))
    sys.meta_path.insert(0, Spy())
    import app.main
    code = app.main.main(["--mode", "demo", "--bench"])
    print("EXCHANGE-THREAD-IMPORTS", [m for t, m in seen if t != "MainThread"])
    sys.exit(code)
""")


@pytest.mark.slow
def test_only_the_main_thread_imports(tmp_path):
    """The race needs two threads importing: every module is imported by the main thread."""
    pytest.importorskip("app.sim.exchange")
    out = subprocess.run([sys.executable, "-c", SPY], cwd=ROOT, env=app_env(tmp_path),
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    lines = out.stdout.splitlines()
    assert json.loads([ln for ln in lines if ln.startswith("{")][-1])["ok"] is True
    assert [ln for ln in lines if ln.startswith("EXCHANGE-THREAD-IMPORTS")] == ["EXCHANGE-THREAD-IMPORTS []"]


@pytest.mark.slow
def test_demo_starts_every_time(tmp_path):
    pytest.importorskip("app.sim.exchange")
    runs = 5
    for n in range(runs):
        out = subprocess.run([sys.executable, "-m", "app", "--mode", "demo", "--bench"], cwd=ROOT,
                             env=app_env(tmp_path / str(n)), capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr[-3000:]
        result = json.loads([ln for ln in out.stdout.splitlines() if ln.startswith("{")][-1])
        assert result["ok"] is True, f"start {n + 1} of {runs} failed:\n{out.stderr[-3000:]}"
        log = (tmp_path / str(n) / "l" / "lsterm.log").read_text("utf-8")
        assert "not available" not in log and "partially initialized" not in log


@pytest.mark.asyncio
async def test_a_damaged_demo_accounts_file_is_told_once(make_shell, qtbot, tmp_path):
    """The demo starts on a file that is not SQLite at all: the file is kept aside, and the trader
    is told so once, in the interface's language, where it was kept; the next start says nothing."""
    pytest.importorskip("app.sim.exchange")
    from app.demo_exchange import ExchangeProcess
    from app.ls import LS

    path = tmp_path / "exchange-data" / "demo-exchange.sqlite"
    path.parent.mkdir()
    path.write_bytes(b"not the demo's accounts " * 500)
    for start, lang in enumerate(("ko", "en")):
        exchange = ExchangeProcess(7, path)
        shell = make_shell(start_exchange=exchange.start, demo_notice=exchange.take_notice, client_factory=LS,
                           lang=lang)
        shell.restore_workspace()
        shell.window.show()
        try:
            assert (await shell.start(Mode.DEMO)).ok
            told = [box for box in shell.window.findChildren(QMessageBox, "Inform") if box.isVisible()]
            if start == 0:
                (kept,) = path.parent.glob("demo-exchange.sqlite.damaged-*")
                assert kept.read_bytes() == b"not the demo's accounts " * 500
                assert len(told) == 1 and told[0].windowTitle().startswith("모의 계좌")
                assert str(kept) in told[0].text() and "SQLite 데이터베이스가 아님" in told[0].text()
                assert "새 모의 계좌로 시작합니다" in told[0].text()
                qtbot.mouseClick(told[0].button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
                qtbot.waitUntil(lambda: not told[0].isVisible())
            else:
                assert told == []  # a sound file now: nothing to tell
                assert len(list(path.parent.glob("demo-exchange.sqlite.damaged-*"))) == 1
        finally:
            await shell.shutdown()
            await exchange.stop()


@pytest.mark.asyncio
@pytest.mark.parametrize("runs_as", ["process", "thread"])
async def test_demo_accounts_in_use_are_named_and_retry_starts_on_them(make_shell, qtbot, tmp_path, monkeypatch,
                                                                      runs_as):
    """Another exchange has the demo's accounts open: they are not moved, the Retry box says who has
    them (the exchange in its own process, or on a thread where it cannot run as one); once that
    one has closed them, Retry starts the demo on the same accounts."""
    pytest.importorskip("app.sim.exchange")
    import app.demo_exchange as de
    from app.ls import LS
    from app.main import DemoExchange
    from app.sim.broker.store import Store

    if runs_as == "thread":
        monkeypatch.setattr(de, "command_line", lambda *a: [sys.executable, "-c", "raise SystemExit(3)"])
    path = tmp_path / "exchange-data" / "demo-exchange.sqlite"
    path.parent.mkdir()
    held = Store(path)
    demo = DemoExchange(7, path)
    shell = make_shell(start_exchange=demo.start, demo_notice=demo.take_notice, client_factory=LS)
    shell.restore_workspace()
    try:
        assert not (await shell.start(Mode.DEMO)).ok
        box = shell.window.findChild(QMessageBox, "Retry")
        assert box is not None and box.isVisible()
        assert box.text() == ("Demo mode could not start: Another lsterm demo is using the demo accounts in "
                              f"{path}. Close it, then press Retry.")
        assert sorted(os.listdir(path.parent)) == ["demo-exchange.sqlite", "demo-exchange.sqlite-wal"]
        assert (demo.thread is not None) == (runs_as == "thread")
        held.close()
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Retry), Qt.MouseButton.LeftButton)
        (again,) = await wait_signal(shell.session_ready, 60)
        assert again.ok
        assert not [b for b in shell.window.findChildren(QMessageBox, "Inform") if b.isVisible()]
        assert not [p for p in os.listdir(path.parent) if ".damaged-" in p]
    finally:
        held.close()
        await shell.shutdown()
        await demo.stop()


@pytest.mark.asyncio
async def test_where_no_accounts_file_can_be_made_the_demo_says_its_accounts_are_not_saved(make_shell, tmp_path):
    pytest.importorskip("app.sim.exchange")
    from app.demo_exchange import ExchangeProcess
    from app.ls import LS

    blocker = tmp_path / "exchange-data"
    blocker.write_text("a file where the data folder should be")
    exchange = ExchangeProcess(7, blocker / "demo-exchange.sqlite")
    shell = make_shell(start_exchange=exchange.start, demo_notice=exchange.take_notice, client_factory=LS)
    shell.restore_workspace()
    shell.window.show()
    try:
        assert (await shell.start(Mode.DEMO)).ok
        (told,) = [box for box in shell.window.findChildren(QMessageBox, "Inform") if box.isVisible()]
        assert told.text().startswith(f"The demo account database {blocker / 'demo-exchange.sqlite'} could not "
                                      "be created (")
        assert told.text().endswith("This demo runs on temporary accounts that are not saved when lsterm closes.")
    finally:
        await shell.shutdown()
        await exchange.stop()
