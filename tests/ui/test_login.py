"""Login dialog paths: demo, missing keys, wrong keys (LS's own message), remembering in the keyring."""

import asyncio

import pytest

from app.trading.session import Keys, Mode
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


class GatedClient(FakeClient):
    """Logins wait until the test opens the gate (demo logins go straight through)."""

    gate: asyncio.Event | None = None

    async def async_login(self, **keys):
        if not keys["appkey"].startswith("DEMO") and GatedClient.gate is not None:
            await GatedClient.gate.wait()
        return await super().async_login(**keys)


@pytest.mark.asyncio
async def test_cancel_while_connecting_keeps_the_mode(make_shell):
    GatedClient.gate = asyncio.Event()
    shell = make_shell(client_factory=GatedClient)
    shell.restore_workspace()
    assert (await shell.start(Mode.DEMO)).ok
    demo = shell.context.session
    shell.open_login(Mode.LIVE)
    dlg = shell.login_dialog
    dlg.stock.appkey.setText("LIVEKEY-123456")
    dlg.stock.secret.setText("LIVESECRET-abcdef")
    dlg.submit()
    await asyncio.sleep(0.01)
    live_client = FakeClient.instances[-1]
    dlg.reject()  # the user gives up: nothing may switch to live afterwards
    GatedClient.gate.set()
    for _ in range(5):
        await asyncio.sleep(0.01)
    assert shell.window.mode is Mode.DEMO and shell.context.session is demo
    assert live_client.closed  # the half-made live session was closed
    shell.open_login(Mode.LIVE)
    assert dlg.buttons.isEnabled() and dlg.message.text() == ""


@pytest.mark.asyncio
async def test_overlapping_logins_leave_one_session(make_shell):
    GatedClient.gate = asyncio.Event()
    shell = make_shell(client_factory=GatedClient)
    shell.restore_workspace()
    assert (await shell.start(Mode.DEMO)).ok
    keys = Keys("PAPERKEY-12345", "PAPERSECRET-123")
    first = asyncio.ensure_future(shell.switch_mode(Mode.PAPER, keys))
    await asyncio.sleep(0.01)
    second = asyncio.ensure_future(shell.switch_mode(Mode.LIVE, keys))
    await asyncio.sleep(0.01)
    GatedClient.gate.set()
    await asyncio.gather(first, second)
    open_clients = [c for c in FakeClient.instances[-3:] if not c.closed]
    assert len(open_clients) == 1 and shell.context.session.client is open_clients[0]
    assert shell.window.mode is shell.context.session.mode


@pytest.mark.asyncio
async def test_window_closed_while_logging_in(make_shell):
    GatedClient.gate = asyncio.Event()
    shell = make_shell(client_factory=GatedClient)
    shell.restore_workspace()
    await shell.start(Mode.LIVE)
    dlg = shell.login_dialog
    dlg.stock.appkey.setText("LIVEKEY-123456")
    dlg.stock.secret.setText("LIVESECRET-abcdef")
    dlg.submit()
    await asyncio.sleep(0.01)
    shell.window.close()
    await shell.shutdown()
    GatedClient.gate.set()
    (result,) = await wait_signal(dlg.finished_login)
    assert not result.ok
    session = shell.context.session
    assert not session.state.logged_in and session.client.closed >= 1


@pytest.mark.asyncio
async def test_unticking_remember_forgets_the_stored_keys(shell, isolated):
    shell.open_login(Mode.PAPER)
    dlg = shell.login_dialog
    dlg.stock.appkey.setText("PAPERKEY-123456")
    dlg.stock.secret.setText("PAPERSECRET-abcdef")
    dlg.remember.setChecked(True)
    dlg.submit()
    assert (await wait_signal(dlg.finished_login))[0].ok
    assert ("lsterm", "paper:stock") in isolated.store
    shell.open_login(Mode.PAPER)
    assert dlg.remember.isChecked() and dlg.stock.appkey.text() == "PAPERKEY-123456"
    dlg.remember.setChecked(False)
    dlg.submit()
    assert (await wait_signal(dlg.finished_login))[0].ok
    assert ("lsterm", "paper:stock") not in isolated.store


@pytest.mark.asyncio
async def test_no_keyring_is_said_not_hidden(shell, isolated, monkeypatch):
    from PySide6.QtWidgets import QApplication, QMessageBox

    def broken(*_a, **_k):
        raise RuntimeError("no keyring backend")

    monkeypatch.setattr(isolated, "set_password", broken)
    shell.open_login(Mode.PAPER)
    dlg = shell.login_dialog
    dlg.stock.appkey.setText("PAPERKEY-123456")
    dlg.stock.secret.setText("PAPERSECRET-abcdef")
    dlg.remember.setChecked(True)
    dlg.submit()
    (result,) = await wait_signal(dlg.finished_login)
    assert result.ok  # logged in all the same
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert any("keyring" in b.text() for b in boxes)
    for b in boxes:
        b.close()


def test_the_dialog_speaks_the_language_switched_to_since_it_was_made(shell, qtbot):
    """The dialog is made once: opened again after English → 한국어 it kept its English labels and
    title, its Connect button turned into Qt's own 확인, and only the mode note was Korean."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    shell.open_login(Mode.PAPER)
    dlg = shell.login_dialog
    assert dlg.windowTitle() == "Log in"
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert not dlg.isVisible()
    shell.context.actions.trigger("view.language.ko")
    shell.open_login(Mode.PAPER)
    assert shell.login_dialog is dlg and dlg.isVisible()
    assert dlg.windowTitle() == "로그인" and dlg.mode_label.text() == "모드"
    assert dlg.stock.title() == "해외주식" and dlg.stock.key_label.text() == "앱 키"
    assert dlg.mode.currentText().startswith("모의투자")
    assert dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == "접속"
    dlg.submit()  # no keys: the refusal is Korean too
    assert "Enter a stock" not in dlg.message.text() and dlg.message.text()
    dlg.reject()
