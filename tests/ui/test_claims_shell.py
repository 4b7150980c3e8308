"""README's promises about the terminal, through the real window, keys and files.

Ctrl+L opens the login dialog; saved workspaces appear in the palette and open from it; keys
saved from the login dialog reach the keyring and no file under the config, data or cache
directories; ``--workspace NAME`` opens that workspace.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.trading.session import Mode
from tests.ui.conftest import MemoryKeyring, wait_signal

ROOT = Path(__file__).resolve().parents[2]


def test_ctrl_l_opens_the_login_dialog(shell, qtbot):
    import warnings

    from PySide6.QtWidgets import QApplication

    shell.window.show()
    qtbot.waitExposed(shell.window)
    with warnings.catch_warnings():  # the offscreen platform activates no window by itself
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(shell.window)
    qtbot.waitActive(shell.window)  # a window shortcut needs its window active
    assert shell.login_dialog is None or not shell.login_dialog.isVisible()
    QTest.keyClick(shell.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert shell.login_dialog is not None and shell.login_dialog.isVisible()
    shell.login_dialog.close()


def test_saved_workspaces_appear_in_the_palette_and_open_from_it(shell, qtbot):
    shell.workspaces.save("Futures desk")
    shell.workspaces.open("Default")
    assert shell.workspaces.current == "Default"
    shell.context.actions.trigger("app.palette")
    qtbot.keyClicks(shell.palette.edit, "futures d")
    assert ("workspace", "Futures desk") in shell.palette.results()
    shell.palette.list.setCurrentRow(shell.palette.results().index(("workspace", "Futures desk")))
    qtbot.keyClick(shell.palette.edit, Qt.Key.Key_Return)
    assert shell.workspaces.current == "Futures desk"


class RecordingKeyring(MemoryKeyring):
    """An in-memory keyring that records every call made to it."""

    def __init__(self):
        super().__init__()
        self.calls: list[tuple[str, str, str]] = []

    def set_password(self, service, username, password):
        self.calls.append(("set", service, username))
        super().set_password(service, username, password)


@pytest.mark.asyncio
async def test_keys_from_the_login_dialog_reach_the_keyring_and_no_file(make_shell, tmp_path, monkeypatch):
    import keyring
    from platformdirs import user_cache_dir, user_config_dir, user_data_dir

    home = tmp_path / "home"
    for name, sub in (("HOME", ""), ("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", ".local/share"),
                      ("XDG_CACHE_HOME", ".cache"), ("XDG_STATE_HOME", ".local/state")):
        monkeypatch.setenv(name, str(home / sub))
    ring = RecordingKeyring()
    keyring.set_keyring(ring)
    key, secret = "PAPERKEY-claim-7f3a9c", "PAPERSECRET-claim-0d41e8b2"
    futures_key, futures_secret = "FUTKEY-claim-51bb20", "FUTSECRET-claim-99ac3e17"
    shell = make_shell()
    shell.restore_workspace()
    shell.open_login(Mode.PAPER)
    dlg = shell.login_dialog
    dlg.stock.appkey.setText(key)
    dlg.stock.secret.setText(secret)
    dlg.futures.appkey.setText(futures_key)
    dlg.futures.secret.setText(futures_secret)
    dlg.remember.setChecked(True)
    dlg.submit()
    (result,) = await wait_signal(dlg.finished_login)
    assert result.ok
    await shell.shutdown()  # everything the app writes on the way out is written
    stored = " ".join(ring.store.values())
    assert {c[2] for c in ring.calls} == {"paper:stock", "paper:futures"}
    assert all(s in stored for s in (key, secret, futures_key, futures_secret))
    # the app's own dirs (LSTERM_*_DIR, under tmp_path) and the platform's user dirs (under home)
    dirs = [tmp_path / "config", tmp_path / "data", tmp_path / "cache", tmp_path / "log",
            Path(user_config_dir("lsterm")), Path(user_data_dir("lsterm")), Path(user_cache_dir("lsterm"))]
    assert all(str(d).startswith(str(tmp_path)) for d in dirs)
    files = [f for f in tmp_path.rglob("*") if f.is_file()]
    assert any(f.is_relative_to(tmp_path / "config") for f in files)  # the app did write its files
    for f in files:
        data = f.read_bytes()
        for value in (secret, futures_secret, key, futures_key):
            assert value.encode() not in data, f"{value[:8]}… found in {f}"


@pytest.mark.slow
def test_the_workspace_flag_opens_that_workspace(tmp_path):
    from app.ui.workspace import WorkspaceStore

    config = tmp_path / "c"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LSTERM_CONFIG_DIR=str(config),
               LSTERM_LOG_DIR=str(tmp_path / "l"), LSTERM_DATA_DIR=str(tmp_path / "d"),
               LSTERM_CACHE_DIR=str(tmp_path / "cache"))

    def run(*extra: str) -> None:
        out = subprocess.run([sys.executable, "-m", "app", "--mode", "demo", *extra, "--screenshot",
                              str(tmp_path / "s.png")], cwd=ROOT, env=env, capture_output=True, text=True,
                             timeout=120)
        assert out.returncode == 0, out.stderr[-3000:]

    run()  # a first start makes the Default workspace
    store = WorkspaceStore(config / "workspaces")
    store.save("Night shift", store.load("Default"))
    assert json.loads((config / "settings.json").read_text("utf-8"))["workspace"] == "Default"
    run("--workspace", "Night shift")
    settings = json.loads((config / "settings.json").read_text("utf-8"))
    assert settings["workspace"] == "Night shift"  # the workspace open when the app closed
