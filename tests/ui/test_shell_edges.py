"""The rough edges a new user hits, each driven as a user would: workspace dialogs (Default always
listed, sensible preselection, delete with a choice, wide enough), floating panels, the shortcuts
dialog, the palette, language items, title, About, export folder, status messages, session events."""

from __future__ import annotations

import json

import pytest
from importlib import metadata

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QPushButton

from app.trading.session import Link, Mode, SessionState
from tests.ui import probe_panel  # noqa: F401


def dialog(shell, cls, name):
    found = [w for w in shell.window.findChildren(cls, name) if w.isVisible()]
    assert len(found) == 1, f"{len(found)} visible {name}"
    return found[0]


def choose(dlg: QInputDialog, value: str) -> None:
    dlg.setTextValue(value)
    dlg.accept()


def test_default_stays_listed_and_switch_offers_the_other_workspace(shell, qtbot):
    shell.window.show()
    ws = shell.workspaces
    ws.ask_save_as()
    ask = dialog(shell, QInputDialog, "AskText")
    assert ask.textValue() == "Workspace 1"  # a fresh name, not the current one
    ask.setTextValue("Mine")
    ask.accept()
    assert ws.current == "Mine" and shell.store.names() == ["Mine"]
    ws.ask_load()
    switch = dialog(shell, QInputDialog, "AskChoice")
    assert switch.comboBoxItems() == ["Default", "Mine"]
    assert switch.textValue() == "Default"  # the one before, not the one already open
    switch.reject()
    shell.open_palette()
    qtbot.keyClicks(shell.palette.edit, "defa")
    assert ("workspace", "Default") in shell.palette.results()
    shell.palette.hide()
    ws.ask_load()
    choose(dialog(shell, QInputDialog, "AskChoice"), "Default")
    assert ws.current == "Default"
    ws.ask_load()
    assert dialog(shell, QInputDialog, "AskChoice").textValue() == "Mine"


def test_delete_offers_a_choice(shell, qtbot):
    shell.window.show()
    ws = shell.workspaces
    shell.window.open_panel("probe")
    ws.save("Keep")
    ws.reset()
    ws.save("Gone")
    ws.save("Current")
    ws.ask_delete()
    ask = dialog(shell, QInputDialog, "AskChoice")
    assert ask.comboBoxItems() == ["Current", "Gone", "Keep"] and ask.textValue() == "Current"
    choose(ask, "Gone")
    box = dialog(shell, QMessageBox, "Confirm")
    assert "Gone" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert shell.store.names() == ["Current", "Keep"] and ws.current == "Current"
    assert "Gone" in shell.window.status.currentMessage()
    ws.ask_delete()
    choose(dialog(shell, QInputDialog, "AskChoice"), "Current")
    box = dialog(shell, QMessageBox, "Confirm")
    assert "Default" in box.text()  # says what opens instead
    box.button(QMessageBox.StandardButton.Yes).click()
    assert ws.current == "Default" and shell.store.names() == ["Keep"]


def test_dialogs_are_wide_enough_for_their_titles(make_shell, qtbot):
    for lang in ("en", "ko"):
        shell = make_shell(lang=lang)
        shell.restore_workspace()
        shell.window.show()
        shell.workspaces.ask_load()
        ask = dialog(shell, QInputDialog, "AskChoice")
        assert ask.width() >= ask.fontMetrics().horizontalAdvance(ask.windowTitle()) + 100
        ask.reject()
        shell.workspaces.save("A")
        shell.workspaces._confirm_delete("A")
        box = dialog(shell, QMessageBox, "Confirm")
        box.adjustSize()
        assert box.width() >= box.fontMetrics().horizontalAdvance(box.windowTitle()) + 100
        box.reject()


def test_a_floated_panel_is_a_framed_window_beside_its_old_place(shell, qtbot):
    win = shell.window
    win.show()
    qtbot.waitExposed(win)
    dock = win.open_panel("probe", area="right")
    qtbot.waitUntil(dock.isVisible)
    old = dock.mapToGlobal(QPoint(0, 0))
    old_size = dock.size()
    qtbot.mouseClick(dock.title_bar.float_btn, Qt.MouseButton.LeftButton)
    assert dock.isFloating()
    qtbot.waitUntil(lambda: not dock.windowFlags() & Qt.WindowType.FramelessWindowHint)
    assert dock.isVisible() and dock.windowFlags() & Qt.WindowType.WindowTitleHint
    assert dock.width() >= max(480, old_size.width()) and dock.height() >= 320
    screen = dock.screen().availableGeometry()
    assert screen.contains(dock.geometry())  # on screen, even from the screen's edge
    want = dock.geometry().translated(0, 0)
    want.moveTopLeft(old + QPoint(40, 40))  # beside its old place ...
    if want.right() > screen.right():
        want.moveRight(screen.right())
    if want.bottom() > screen.bottom():  # ... unless that would leave the screen
        want.moveBottom(screen.bottom())
    assert dock.geometry() == want
    qtbot.mouseClick(dock.title_bar.float_btn, Qt.MouseButton.LeftButton)
    assert not dock.isFloating()


def test_shortcuts_dialog_closes_takes_one_key_and_saves_at_once(shell, qtbot):
    shell.window.show()
    shell.open_hotkeys()
    dlg = shell.hotkeys
    qtbot.waitExposed(dlg)
    dlg.select("app.about")
    dlg.keys.setFocus()
    qtbot.keyClick(dlg.keys, Qt.Key.Key_F6)
    assert dlg.keys.findChild(QLineEdit).text() == "F6"  # not "F6, ..." waiting for more
    qtbot.mouseClick(dlg.assign_btn, Qt.MouseButton.LeftButton)
    assert shell.context.actions.keys("app.about") == ("F6",)
    saved = json.loads(shell.settings_path.read_text("utf-8"))  # written now, not on quit
    assert saved["keymap"]["app.about"] == ["F6"]
    close = [b for b in dlg.findChildren(QPushButton) if b.text() == "Close"]
    assert len(close) == 1
    qtbot.mouseClick(close[0], Qt.MouseButton.LeftButton)
    assert not dlg.isVisible()


def test_palette_speaks_one_language_and_greys_what_cannot_run(shell, qtbot):
    shell.open_palette()
    pal = shell.palette
    qtbot.keyClicks(pal.edit, "order")  # matches the trading commands no panel handles yet
    texts = [pal.list.item(i).text() for i in range(pal.list.count())]
    assert texts and not any("\uac00" <= ch <= "\ud7a3" for t in texts for ch in t)  # no Hangul
    enabled = [bool(pal.list.item(i).flags() & Qt.ItemFlag.ItemIsEnabled) for i in range(pal.list.count())]
    assert enabled == sorted(enabled, reverse=True)  # runnable first
    off = [pal.list.item(i) for i in range(pal.list.count()) if not enabled[i]]
    assert off and all("Not available now" in item.text() for item in off)
    pal.edit.clear()
    pal.edit.setText("작업공간 저장")  # search still finds either language
    texts = [pal.list.item(i).text() for i in range(pal.list.count())]
    assert texts[0].startswith("Save workspace")


def test_language_items_title_about_and_export_folder(shell, qtbot, tmp_path, monkeypatch):
    reg = shell.context.actions
    assert reg.qaction("view.language.en").isChecked() and not reg.qaction("view.language.ko").isChecked()
    reg.qaction("view.language.ko").trigger()
    assert reg.qaction("view.language.ko").isChecked() and not reg.qaction("view.language.en").isChecked()
    assert json.loads(shell.settings_path.read_text("utf-8"))["language"] == "ko"
    shell.set_language("en")
    title = shell.window.windowTitle()
    assert title.count("lsterm") == 1 and title.endswith("lsterm") and "Default" in title
    shell.show_about()
    about = dialog(shell, QMessageBox, "Inform")
    assert metadata.version("lsterm") in about.text()
    about.accept()
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOCUMENTS_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    shell.workspaces.ask_export()
    pick = shell.window.findChild(QFileDialog, "PickFile")
    assert pick.directory().absolutePath() == str(home / "Documents")
    assert pick.findChild(QLineEdit, "fileNameEdit").text() == "Default.json"
    pick.reject()


def test_a_later_success_replaces_an_old_error(shell):
    status = shell.window.status
    status.show_error("The workspace could not be exported: disk full")
    shell.workspaces.save(announce=True)
    assert "saved" in status.currentMessage()
    status.show_error("login failed: no keys")
    status.show_state(SessionState(Mode.DEMO))  # a state with no error and REST down: keep it
    assert status.currentMessage() == "login failed: no keys"
    status.show_state(SessionState(Mode.DEMO, rest=Link.UP, logged_in=True))
    assert status.currentMessage() == ""


def test_session_events_read_oldest_first_like_the_log(shell):
    panel = shell.window.docks.get("session-1") or shell.window.open_panel("session")
    panel = panel.panel
    panel.show_state(SessionState(Mode.DEMO, events=("10:00:00 connecting to REST", "10:00:01 logged in")))
    rows = [panel.events.item(i).text() for i in range(panel.events.count())]
    assert rows == ["10:00:00 connecting to REST", "10:00:01 logged in"]


@pytest.mark.parametrize("env, which", [("LSTERM_LOG_DIR", "log_dir"), ("LSTERM_CONFIG_DIR", "config_dir"),
                                        ("LSTERM_DATA_DIR", "data_dir"), ("LSTERM_CACHE_DIR", "cache_dir")])
def test_a_file_in_place_of_a_folder_is_kept_aside_and_the_folder_made(tmp_path, monkeypatch, env, which):
    """A log folder that was a file (garbage) stopped the terminal before its window (FileExistsError
    in main()); each of its folders is now made, the file kept aside byte for byte."""
    from app.ui import paths

    spot = tmp_path / "lsterm-dir"
    spot.write_bytes(b"\x00garbage")
    monkeypatch.setenv(env, str(spot))
    assert getattr(paths, which)() == spot and spot.is_dir()
    kept = list(tmp_path.glob("lsterm-dir.broken-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"\x00garbage"
    assert getattr(paths, which)() == spot and len(list(tmp_path.glob("lsterm-dir.broken-*"))) == 1
