"""Save → quit → start restores the same panels, settings and link groups; broken files fall back."""

import json

import pytest

from app.ui.workspace_ops import default_workspace
from tests.ui import probe_panel  # noqa: F401  (registers the probe kind)


def test_save_quit_start_restores(make_shell):
    first = make_shell()
    first.restore_workspace()
    win = first.window
    assert sorted(win.docks) == sorted(p["id"] for p in default_workspace()["panels"])
    win.docks["log-1"].panel.apply_settings({"level": "ERROR", "search": "token"})
    a = win.open_panel("probe", link_group="red")
    b = win.open_panel("probe", link_group="blue")
    a.panel.timeframe = "5m"
    first.context.links.publish("red", "TSLA")
    win.docks["session-1"].close()  # closed panels are remembered closed
    first.save_state()
    win.close()

    second = make_shell()
    second.restore_workspace()
    docks = second.window.docks
    assert sorted(docks) == sorted([p["id"] for p in default_workspace()["panels"]] + ["probe-1", "probe-2"])
    assert docks["log-1"].panel.settings() == {"level": "ERROR", "search": "token"}
    assert docks["probe-1"].panel.timeframe == "5m"
    assert docks["probe-1"].panel.link_group == "red" and docks["probe-1"].panel.symbol == "TSLA"
    assert docks["probe-2"].panel.link_group == "blue" and b.panel.symbol == ""
    assert docks["session-1"].isHidden()
    assert second.workspaces.current == "Default"


def test_named_workspace_is_current_on_next_start(make_shell):
    first = make_shell()
    first.restore_workspace()
    first.window.open_panel("probe")
    first.workspaces.save("Futures")
    first.save_state()
    second = make_shell()
    second.restore_workspace()
    assert second.workspaces.current == "Futures"
    assert "probe-1" in second.window.docks


def test_corrupt_workspace_opens_default_and_tells(make_shell, tmp_path):
    first = make_shell()
    first.restore_workspace()
    first.save_state()
    path = first.store.path("Default")
    path.write_text("{ broken", "utf-8")
    second = make_shell()
    messages = []
    second.workspaces.problem.connect(messages.append)
    second.restore_workspace()
    assert sorted(second.window.docks) == sorted(p["id"] for p in default_workspace()["panels"])
    assert messages and "could not be read" in messages[0]
    kept = list(path.parent.glob("Default.broken-*.json"))
    assert len(kept) == 1 and kept[0].read_text("utf-8") == "{ broken"


def test_export_then_import(make_shell, tmp_path):
    s = make_shell()
    s.restore_workspace()
    s.window.open_panel("probe", link_group="green")
    target = tmp_path / "out" / "mine.json"
    target.parent.mkdir()
    s.workspaces.export_to(target)
    assert json.loads(target.read_text("utf-8"))["panels"][-1]["kind"] == "probe"
    s.workspaces.reset()
    assert "probe-1" not in s.window.docks
    name = s.workspaces.import_from(target)
    assert name == "Default (2)" and s.workspaces.current == name
    assert s.window.docks["probe-1"].panel.link_group == "green"
    problems = []
    s.workspaces.problem.connect(problems.append)
    (tmp_path / "junk.json").write_text("[]", "utf-8")
    assert s.workspaces.import_from(tmp_path / "junk.json") is None and problems


def test_rename_and_delete(make_shell):
    s = make_shell()
    s.restore_workspace()
    s.workspaces.save("One")
    s.workspaces.rename("One", "Two")
    assert s.workspaces.current == "Two" and "Two" in s.store.names() and "One" not in s.store.names()
    s.workspaces.delete("Two")
    assert "Two" not in s.store.names() and s.workspaces.current == "Default"


def test_panels_reopen_from_view_menu(shell):
    dock = shell.window.docks["log-1"]
    dock.close()
    assert dock.isHidden()
    toggles = {a.text(): a for a in shell.panels_menu.actions()}
    toggles["Log"].trigger()
    assert not dock.isHidden()
    shell.context.actions.trigger("panel.open.log")
    assert "log-2" in shell.window.docks
    assert "Log 2" in {a.text() for a in shell.panels_menu.actions()}


def test_broken_workspace_does_not_overwrite_the_saved_default(make_shell):
    first = make_shell()
    first.restore_workspace()
    first.window.open_panel("probe", link_group="red")
    first.workspaces.save("Default")
    first.workspaces.save("Futures")
    first.save_state()
    first.store.path("Futures").write_text("{", "utf-8")
    second = make_shell()
    second.restore_workspace()
    assert second.workspaces.current == "Default"
    assert "probe-1" in second.window.docks  # the user's own Default, not the factory layout
    second.save_state()
    assert [p["id"] for p in second.store.load("Default")["panels"]][-1] == "probe-1"


def test_deleting_the_current_workspace_opens_the_saved_default(make_shell):
    s = make_shell()
    s.restore_workspace()
    s.window.open_panel("probe")
    s.workspaces.save("Default")
    s.workspaces.reset()
    s.workspaces.save("Other")
    s.workspaces.delete_current()
    assert s.workspaces.current == "Default" and "probe-1" in s.window.docks
    s.save_state()
    assert "probe-1" in [p["id"] for p in s.store.load("Default")["panels"]]


def test_rename_onto_an_existing_workspace_is_refused(make_shell):
    s = make_shell()
    s.restore_workspace()
    s.window.open_panel("probe")
    s.workspaces.save("Two")
    s.workspaces.reset()
    s.workspaces.save("One")
    problems = []
    s.workspaces.problem.connect(problems.append)
    for clash in ("Two", "Two/", "../Two"):  # the same file name as Two
        assert s.workspaces.rename("One", clash) is False
    assert len(problems) == 3 and "already exists" in problems[0]
    assert s.workspaces.current == "One" and s.store.names() == ["One", "Two"]
    assert "probe-1" in [p["id"] for p in s.store.load("Two")["panels"]]
    assert s.workspaces.rename("One", "One") is True  # same name: nothing to refuse
    assert s.workspaces.rename("One", "a/b") is True
    assert s.workspaces.current == "a/b" and s.store.names() == ["a/b", "Two"]


def test_import_keeps_the_current_workspace_changes(make_shell, tmp_path):
    s = make_shell()
    s.restore_workspace()
    s.workspaces.export_to(tmp_path / "plain.json")
    s.window.open_panel("probe")  # not saved yet
    assert s.workspaces.import_from(tmp_path / "plain.json") == "Default (2)"
    assert "probe-1" in [p["id"] for p in s.store.load("Default")["panels"]]


def test_export_to_an_unwritable_place_is_a_message(make_shell, tmp_path):
    s = make_shell()
    s.restore_workspace()
    problems = []
    s.workspaces.problem.connect(problems.append)
    assert s.workspaces.export_to(tmp_path / "no such dir" / "x.json") is None
    assert problems and "could not be exported" in problems[0]



def test_save_as_an_existing_name_asks_first(make_shell, qtbot):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    s = make_shell()
    s.restore_workspace()
    s.window.open_panel("probe")
    s.workspaces.save("Keep")
    s.workspaces.reset()
    s.workspaces.save("Mine")
    s.workspaces.ask_save_as()
    ask = s.window.findChild(QInputDialog, "AskText")
    ask.setTextValue("Keep")
    ask.accept()
    box = s.window.findChild(QMessageBox, "Confirm")
    assert box is not None and "Keep" in box.text()
    assert "probe-1" in [p["id"] for p in s.store.load("Keep")["panels"]]  # not yet replaced
    box.button(QMessageBox.StandardButton.No).click()
    assert s.workspaces.current == "Mine"
    assert "probe-1" in [p["id"] for p in s.store.load("Keep")["panels"]]


@pytest.mark.parametrize("raw, reason", [
    (b"\xb4\x00garbage", "UTF-8 텍스트가 아님"),
    (b'{"version": 3, "panels": [1]', "올바른 JSON이 아님 (1행 29열)"),
    (b'{"version": 3, "panels": [1]}', "구조가 잘못된 패널 항목"),
    (b'{"version": 3}', "패널 목록이 없음"),
])
def test_a_broken_workspace_is_told_in_the_interface_language(make_shell, qtbot, raw, reason):
    """Why a workspace could not be read, in Korean words in a Korean interface (it was Python's:
    "'utf-8' codec can't decode byte 0xb4 in position 0: invalid start byte")."""
    from PySide6.QtWidgets import QMessageBox

    first = make_shell(lang="ko")
    first.restore_workspace()
    first.save_state()
    first.store.path("Default").write_bytes(raw)
    second = make_shell(lang="ko")
    second.restore_workspace()
    boxes = [w for w in second.window.findChildren(QMessageBox) if w.isVisible()]
    assert len(boxes) == 1 and f"(Default.json: {reason})" in boxes[0].text()
    assert "기본 배치를 열었습니다" in boxes[0].text() and "Default.broken-" in boxes[0].text()
    boxes[0].close()


def test_reset_to_default_layout_asks_first(make_shell, qtbot):
    """The menu's Reset to default layout replaced a hand-built layout at one click (and quitting
    then saved it so): it asks, No keeps everything, Yes resets."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    s = make_shell(lang="ko")
    s.restore_workspace()
    s.window.open_panel("probe")
    s.workspaces.save("Mine")

    def confirm_box():
        s.context.actions.trigger("workspace.reset")
        boxes = [b for b in s.window.findChildren(QMessageBox, "Confirm") if b.isVisible()]
        assert len(boxes) == 1 and "“Mine”" in boxes[0].text() and "기본 배치" in boxes[0].text()
        return boxes[0]

    box = confirm_box()
    qtbot.keyClick(box, Qt.Key.Key_Return)  # No is the default button
    assert "probe-1" in s.window.docks and not box.isVisible()
    box = confirm_box()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert "probe-1" not in s.window.docks and "chart-1" in s.window.docks
    assert s.workspaces.current == "Mine"


def test_a_blank_workspace_name_is_not_taken(make_shell, qtbot):
    """Save as / Rename with a blank name: OK waits for a name (it closed the dialog and did
    nothing, as if it had worked); Enter with the name typed saves."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QLineEdit

    s = make_shell()
    s.restore_workspace()
    s.context.actions.trigger("workspace.save_as")
    ask = s.window.findChild(QInputDialog, "AskText")
    edit, ok = ask.findChild(QLineEdit), ask.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()  # a fresh name is offered
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, "   ")
    assert not ok.isEnabled()
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert ask.isVisible() and s.workspaces.current == "Default"
    qtbot.keyClicks(edit, "Scalp")
    assert ok.isEnabled()
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert not ask.isVisible() and s.workspaces.current == "Scalp" and s.store.exists("Scalp")


def test_a_file_where_the_workspace_folder_belongs_does_not_stop_the_start(make_shell, tmp_path):
    """config/workspaces as a file (garbage): the terminal did not start (FileExistsError out of
    Shell()); now the file is kept aside byte for byte, the folder made, and the user told once."""
    from PySide6.QtWidgets import QMessageBox

    cfg = tmp_path / "config"
    cfg.mkdir()
    (cfg / "workspaces").write_bytes(b"\x00garbage")
    s = make_shell()
    s.restore_workspace()
    assert "chart-1" in s.window.docks and (cfg / "workspaces").is_dir()
    kept = list(cfg.glob("workspaces.broken-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"\x00garbage"
    boxes = [w for w in s.window.findChildren(QMessageBox) if w.isVisible()]
    assert len(boxes) == 1 and str(kept[0]) in boxes[0].text()
    boxes[0].close()
    s.workspaces.save("Mine")
    s.restore_workspace()  # told once
    assert not [w for w in s.window.findChildren(QMessageBox) if w.isVisible()]
    assert s.store.exists("Mine")


def test_a_panel_of_a_kind_this_version_lacks_is_kept_on_save(make_shell):
    """A workspace holding a panel this version cannot open (a newer lsterm's kind) opens the rest;
    saving it again dropped that panel from the file for good. Now it is written back as it was."""
    s = make_shell()
    s.restore_workspace()
    s.workspaces.save("Mine")
    s.workspaces._switch("Default")
    data = json.loads(s.store.path("Mine").read_text("utf-8"))
    future = {"id": "heatmap-1", "kind": "heatmap", "link_group": "red", "symbol": "AAPL",
              "settings": {"cells": 40}}
    data["panels"].append(future)
    s.store.path("Mine").write_text(json.dumps(data), "utf-8")
    s.workspaces._switch("Mine")
    assert "heatmap-1" not in s.window.docks and "chart-1" in s.window.docks
    s.workspaces._switch("Default")  # saves Mine on the way
    saved = [p for p in s.store.load("Mine")["panels"] if p["id"] == "heatmap-1"]
    assert saved == [future]
    assert "heatmap-1" not in [p["id"] for p in s.store.load("Default")["panels"]]
