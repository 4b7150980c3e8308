"""The factory workspace is a trading layout; an old factory Default migrates to it, the user's own
workspaces are kept as they were."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from app.ui.default_layout import STARTER_LISTS

LEFT, RIGHT = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
TOP, BOTTOM = Qt.DockWidgetArea.TopDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea


def areas(window):
    return {i: window.dockWidgetArea(d) for i, d in window.docks.items()}


def test_first_start_opens_the_trading_layout(shell, qtbot):
    win = shell.window
    win.show()
    qtbot.waitExposed(win)
    kinds = {d.panel.kind for d in win.docks.values()}
    assert {"watchlist", "orderbook", "time_sales", "ticket", "log", "session"} <= kinds
    where = areas(win)
    assert where["watchlist-1"] == LEFT and where["time_sales-1"] == LEFT
    assert where["orderbook-1"] == RIGHT and where["ticket-1"] == RIGHT
    assert where["log-1"] == BOTTOM and where["session-1"] == BOTTOM
    assert win.tabifiedDockWidgets(win.docks["log-1"])  # log and session are tabs, not columns
    watchlist = win.docks["watchlist-1"].panel
    assert watchlist.model.symbols() == STARTER_LISTS[0][1]
    assert [w.name for w in watchlist.book.lists] == ["US stocks", "ETFs", "Futures"]
    for pid in ("watchlist-1", "orderbook-1", "time_sales-1", "ticket-1"):
        assert win.docks[pid].panel.link_group == "red"
    assert win.docks["orderbook-1"].panel.symbol == "AAPL"
    # the watchlist is wider than a third of the window's side columns would be, and not collapsed
    assert win.docks["watchlist-1"].width() > 250 and win.docks["orderbook-1"].height() > 200


def test_a_larger_window_widens_the_middle_not_the_side_columns(shell, qtbot):
    """Maximising gives the chart (and the orders under it) the extra width; the watchlist and
    the order book keep theirs (QA: without a central widget Qt gave it all to the sides)."""
    win = shell.window
    win.resize(1440, 880)
    win.show()
    qtbot.waitExposed(win)
    qtbot.wait(50)

    def widths():
        return {pid: win.docks[pid].width() for pid in ("watchlist-1", "orderbook-1", "chart-1", "orders-1")}

    before = widths()
    win.resize(2560, 1400)
    qtbot.waitUntil(lambda: win.docks["chart-1"].width() != before["chart-1"])
    qtbot.wait(50)
    after = widths()
    for side in ("watchlist-1", "orderbook-1"):
        assert abs(after[side] - before[side]) <= 3, (before, after)
    for middle in ("chart-1", "orders-1"):
        assert after[middle] - before[middle] >= 1120 - 6, (before, after)
    # and nothing is lost on the way back
    win.resize(1440, 880)
    qtbot.waitUntil(lambda: abs(win.docks["chart-1"].width() - before["chart-1"]) <= 3)
    assert all(abs(widths()[p] - before[p]) <= 3 for p in before)


def _write(shell, name, panels, version=2):
    path = shell.store.path(name)
    path.write_text(json.dumps({"format": "lsterm-workspace", "version": version, "name": name,
                                "window": {}, "links": {}, "panels": panels}), "utf-8")


OLD_FACTORY = [{"id": "session-1", "kind": "session", "settings": {}},
               {"id": "log-1", "kind": "log", "settings": {"level": "INFO", "search": ""}}]


def test_starter_lists_are_named_in_the_interface_language(make_shell):
    """Named at the first start, they follow a later language switch (QA: "미국 주식" stayed Korean
    in an English interface); a list the trader named keeps its name."""
    shell = make_shell(lang="ko")
    shell.restore_workspace()
    watchlist = shell.window.docks["watchlist-1"].panel
    assert [w.name for w in watchlist.book.lists] == ["미국 주식", "ETF", "해외선물"]
    watchlist.book.new_list("Mine", ["AAPL"])
    shell.set_language("en")
    assert [w.name for w in watchlist.book.lists] == ["US stocks", "ETFs", "Futures", "Mine"]
    combo = watchlist.lists
    assert [combo.itemText(i) for i in range(combo.count())] == ["US stocks", "ETFs", "Futures", "Mine"]
    assert [w["name"] for w in watchlist.settings()["lists"]] == ["US stocks", "ETFs", "Futures", "Mine"]


def test_an_old_factory_default_opens_as_the_trading_layout(make_shell):
    shell = make_shell()
    _write(shell, "Default", OLD_FACTORY)
    shell.restore_workspace()
    assert "watchlist-1" in shell.window.docks and "orderbook-1" in shell.window.docks


def test_the_users_own_workspaces_are_kept(make_shell):
    shell = make_shell()
    _write(shell, "Mine", OLD_FACTORY)  # same two panels, but the user's own workspace
    mine = OLD_FACTORY + [{"id": "log-2", "kind": "log", "settings": {}}]
    _write(shell, "Default", mine)  # a Default the user changed
    shell.restore_workspace("Mine")
    assert sorted(shell.window.docks) == ["log-1", "session-1"]
    shell.restore_workspace("Default")
    assert sorted(shell.window.docks) == ["log-1", "log-2", "session-1"]


def test_the_default_workspace_is_labelled_in_the_interface_language(make_shell, qtbot):
    """QA: the factory workspace read "Default" in the Korean title and dialogs. Its name is also its
    file name, so only the label is Korean: the file stays Default.json and choosing "기본" opens it."""
    from PySide6.QtWidgets import QComboBox, QInputDialog, QLineEdit

    shell = make_shell(lang="ko")
    shell.restore_workspace()
    win, ws = shell.window, shell.workspaces
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    assert " — 기본 — " in win.windowTitle() and "Default" not in win.windowTitle()

    def dialog(name):
        qtbot.waitUntil(lambda: win.findChild(QInputDialog, name) is not None)
        return win.findChild(QInputDialog, name)

    qtbot.keyClick(win, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    edit = dialog("AskText").findChild(QLineEdit)
    edit.selectAll()
    qtbot.keyClicks(edit, "Scalp")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert ws.current == "Scalp" and " — Scalp — " in win.windowTitle()
    qtbot.waitUntil(lambda: win.findChild(QInputDialog, "AskText") is None)
    win.activateWindow()  # the dialog had the focus: the window's keys work in the active window
    qtbot.waitUntil(win.isActiveWindow)

    qtbot.keyClick(win, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    box = dialog("AskChoice").findChild(QComboBox)
    assert [box.itemText(i) for i in range(box.count())] == ["기본", "Scalp"]
    assert box.currentText() == "기본"  # the previous workspace is offered first
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert ws.current == "Default" and " — 기본 — " in win.windowTitle()
    ws.save()
    files = sorted(p.name for p in ws.store.path("Default").parent.glob("*.json"))
    assert files == ["Default.json", "Scalp.json"]
    shell.set_language("en")
    assert " — Default — " in win.windowTitle()


def test_the_workspace_switched_to_opens_after_a_crash(make_shell):
    """QA: the demo killed (no quit) after a switch opened the workspace open before the switch:
    the choice was written only on quit."""
    shell = make_shell()
    shell.restore_workspace()
    shell.workspaces.save("Scalp")
    shell.workspaces.open("Default")
    shell.workspaces.open("Scalp")  # no shutdown follows: the process dies here
    again = make_shell()
    again.restore_workspace()
    assert again.workspaces.current == "Scalp"
