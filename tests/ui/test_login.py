"""Login dialog paths: demo, missing keys, wrong keys (LS's own message), remembering in the keyring."""

import pytest

from app.trading.session import Mode
from tests.ui.conftest import FakeClient, wait_signal


@pytest.mark.asyncio
async def test_demo_login_needs_no_keys(shell):
    shell.open_login(Mode.DEMO)
    dlg = shell.login_dialog
    assert not dlg.stock.isEnabled()
    dlg.submit()
    (result,) = await wait_signal(dlg.finished_login)
    assert result.ok
    assert shell.context.session.mode is Mode.DEMO and shell.context.state.logged_in
    assert shell.window.status.badge.text().startswith("DEMO")


@pytest.mark.asyncio
async def test_missing_keys_are_refused_before_sending(shell):
    shell.open_login(Mode.PAPER)
    dlg = shell.login_dialog
    count = len(FakeClient.instances)
    dlg.submit()
    assert "Enter a stock or a futures app key" in dlg.message.text()
    dlg.stock.appkey.setText("PSkey")
    dlg.submit()
    assert "both the app key and the app secret" in dlg.message.text()
    assert len(FakeClient.instances) == count and dlg.isVisible()


@pytest.mark.asyncio
async def test_wrong_keys_show_ls_message(shell, isolated):
    shell.open_login(Mode.PAPER)
    dlg = shell.login_dialog
    dlg.stock.appkey.setText("badkey-1234567")
    dlg.stock.secret.setText("secret-abcdefg")
    dlg.submit()
    (result,) = await wait_signal(dlg.finished_login)
    assert not result.ok
    assert "유효하지 않은 AppKey입니다." in dlg.message.text()
    assert dlg.isVisible() and dlg.buttons.isEnabled()
    assert shell.context.session is None or shell.context.session.mode is not Mode.PAPER \
        or not shell.context.state.logged_in
    assert isolated.store == {}  # failed keys are never remembered


@pytest.mark.asyncio
async def test_good_keys_switch_mode_and_are_remembered(shell, isolated, tmp_path):
    shell.open_login(Mode.LIVE)
    dlg = shell.login_dialog
    assert "real money" in dlg.hint.text()
    dlg.stock.appkey.setText("LIVEKEY-123456")
    dlg.stock.secret.setText("LIVESECRET-abcdef")
    dlg.remember.setChecked(True)
    dlg.submit()
    (result,) = await wait_signal(dlg.finished_login)
    assert result.ok and not dlg.isVisible()
    assert shell.window.mode is Mode.LIVE
    assert ("lsterm", "live:stock") in isolated.store
    shell.save_state()
    for f in (tmp_path / "config").rglob("*"):
        if f.is_file():
            assert "LIVESECRET" not in f.read_text("utf-8", "ignore")
    # The remembered keys fill the dialog next time.
    dlg.prepare(Mode.LIVE)
    assert dlg.stock.appkey.text() == "LIVEKEY-123456"


@pytest.mark.asyncio
async def test_env_keys_are_picked_up(shell, monkeypatch):
    monkeypatch.setenv("APPKEY", "ENVKEY-0000001")
    monkeypatch.setenv("APPSECRET", "ENVSECRET-00001")
    shell.open_login(Mode.PAPER)
    assert shell.login_dialog.stock.appkey.text() == "ENVKEY-0000001"


@pytest.mark.asyncio
async def test_start_in_paper_without_keys_opens_login(shell):
    result = await shell.start(Mode.PAPER)
    assert not result.ok and shell.login_dialog is not None and shell.login_dialog.isVisible()
    assert shell.login_dialog.current_mode() is Mode.PAPER


@pytest.mark.asyncio
async def test_start_demo_logs_in(shell):
    result = await shell.start(Mode.DEMO)
    assert result.ok and shell.context.state.rest.value == "up"
