"""Workspaces come back exactly as saved: tabs (order and front tab), splits and their sizes, floating
panels with their geometry, several panels of a kind with their settings and link colours — after a
switch away and back, after a restart, and after export → import."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QRect, Qt
from PySide6.QtWidgets import QApplication, QTabBar

from tests.ui import probe_panel  # noqa: F401  (registers the probe kind)

LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea
H, V = Qt.Orientation.Horizontal, Qt.Orientation.Vertical


def settle(deferred_delete: bool = False) -> None:
    for _ in range(4):
        QApplication.processEvents()
    if deferred_delete:  # what the event loop does once control returns to it
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()


def tab_groups(win) -> list[tuple[tuple[str, ...], str]]:
    """Every visible tab group as (titles in tab order, title of the front tab)."""
    groups = []
    for bar in win.findChildren(QTabBar):
        if bar.isVisible() and bar.count() > 1:
            titles = tuple(bar.tabText(i) for i in range(bar.count()))
            groups.append((titles, bar.tabText(bar.currentIndex())))
    return sorted(groups)


def snapshot(win) -> dict:
    """What the user sees: per panel its place and size, the tab groups, the window geometry."""
    docks = {}
    for iid, dock in sorted(win.docks.items()):
        g = dock.geometry()
        # a panel behind another tab is parked off-screen by Qt: its place is its tab group's
        placed = dock.isFloating() or (dock.isVisible() and not dock.visibleRegion().isEmpty())
        if dock.isFloating():
            g = QRect(dock.mapToGlobal(dock.rect().topLeft()), g.size())
        docks[iid] = {
            "kind": dock.panel.kind, "title": dock.windowTitle(),
            "closed": not dock.toggleViewAction().isChecked(), "shown": dock.isVisible(),
            "floating": dock.isFloating(), "area": None if dock.isFloating() else win.dockWidgetArea(dock).name,
            "geometry": (g.x(), g.y(), g.width(), g.height()) if placed else None,
            "settings": dock.panel.settings(), "link": dock.panel.link_group, "symbol": dock.panel.symbol,
        }
    return {"docks": docks, "tabs": tab_groups(win), "window": win.geometry().getRect()}


def show(shell, qtbot, size=None):
    if size:  # the offscreen screen is 800x800: restoreGeometry() keeps a window inside it
        shell.window.resize(*size)
        shell.window.move(20, 60)  # and below a title bar's height from the top
    shell.window.show()
    qtbot.waitExposed(shell.window)
    settle()


def layout_tabbed(shell) -> None:
    win = shell.window
    log2 = win.open_panel("log", area="bottom")
    win.tabifyDockWidget(win.docks["session-1"], log2)
    win.tabifyDockWidget(win.docks["session-1"], win.docks["log-1"])
    log2.panel.apply_settings({"level": "WARNING", "search": "order"})
    settle()
    win.docks["log-2"].raise_()  # a tab in the middle in front, not the last one added


def layout_split(shell) -> None:
    win = shell.window
    a = win.open_panel("probe", link_group="red", area="bottom")
    b = win.open_panel("probe", link_group="blue", area="bottom")
    win.splitDockWidget(a, b, H)
    settle()
    win.resizeDocks([win.docks["session-1"]], [260], H)
    win.resizeDocks([a], [190], V)
    win.resizeDocks([a, b], [300, 470], H)


def layout_floating(shell) -> None:
    win = shell.window
    log2 = win.open_panel("log")
    log2.setFloating(True)
    settle()
    log2.setGeometry(150, 120, 420, 300)
    win.docks["session-1"].close()  # a closed panel stays closed


def layout_three(shell) -> None:
    win = shell.window
    docks = [win.open_panel("probe", link_group=g, area="bottom") for g in ("green", "green", "purple")]
    for dock, tf in zip(docks, ("1m", "5m", "1d")):
        dock.panel.timeframe = tf
    shell.context.links.publish("green", "TSLA")
    win.splitDockWidget(docks[0], docks[1], V)
    win.tabifyDockWidget(docks[0], docks[2])
    settle()
    docks[0].raise_()


LAYOUTS = {"tabbed": layout_tabbed, "split": layout_split, "floating": layout_floating,
           "three": layout_three}


def build(make_shell, qtbot, layout):
    shell = make_shell()
    shell.restore_workspace()
    show(shell, qtbot, (760, 600))
    LAYOUTS[layout](shell)
    settle()
    shell.workspaces.save("Mine")
    return shell, snapshot(shell.window)


def assert_same(shell, qtbot, before, after_deletes: bool = True):
    settle(after_deletes)
    now = snapshot(shell.window)
    diffs = [f"{iid}.{key}: {before['docks'][iid][key]} -> {now['docks'].get(iid, {}).get(key)}"
             for iid in before["docks"] for key in before["docks"][iid]
             if now["docks"].get(iid, {}).get(key) != before["docks"][iid][key]]
    assert not diffs and sorted(now["docks"]) == sorted(before["docks"])
    assert now["tabs"] == before["tabs"]
    assert now == before


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_switch_away_and_back(make_shell, qtbot, layout):
    shell, before = build(make_shell, qtbot, layout)
    assert len(before["docks"]) >= 3
    if layout in ("tabbed", "three"):
        assert before["tabs"], "the layout has a tab group"
    shell.workspaces.reset()
    shell.workspaces.save("Plain")
    settle()
    assert snapshot(shell.window) != before
    shell.workspaces._switch("Mine")  # what Switch workspace and the palette call
    assert_same(shell, qtbot, before, after_deletes=False)  # right away, before the loop runs
    assert_same(shell, qtbot, before)
    shell.workspaces._switch("Mine")  # reopening the open workspace changes nothing either
    assert_same(shell, qtbot, before)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_restart(make_shell, qtbot, layout):
    shell, before = build(make_shell, qtbot, layout)
    shell.save_state()
    shell.window.close()
    again = make_shell()
    again.restore_workspace()
    show(again, qtbot)
    assert again.workspaces.current == "Mine"
    assert_same(again, qtbot, before)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_export_import(make_shell, qtbot, tmp_path, layout):
    shell, before = build(make_shell, qtbot, layout)
    target = tmp_path / "mine.json"
    assert shell.workspaces.export_to(target) == target
    shell.workspaces.reset()
    settle()
    assert shell.workspaces.import_from(target) == "Mine (2)"
    assert_same(shell, qtbot, before)


def test_saved_file_names_each_panel_once(make_shell, qtbot):
    shell, _ = build(make_shell, qtbot, "three")
    shell.workspaces.reset()
    shell.workspaces._switch("Mine")
    shell.workspaces.save()
    data = shell.store.load("Mine")
    ids = [p["id"] for p in data["panels"]]
    assert len(ids) == len(set(ids))
    layout = data["window"]["docks"]
    assert sorted(layout) == sorted(ids)
    assert data["window"]["tabs"] == [{"ids": ["probe-1", "probe-3"], "front": "probe-1"}]


def test_tabs_floating_and_closed_hold_without_qt_state(make_shell, qtbot):
    """Qt's own blob may be unusable (hand-edited file, another Qt): the plain record still holds."""
    import json

    shell, before = build(make_shell, qtbot, "tabbed")
    win = shell.window
    probe = win.open_panel("probe")
    probe.setFloating(True)
    settle()
    probe.setGeometry(120, 140, 380, 260)
    win.docks["log-1"].close()
    settle()
    before = snapshot(win)
    assert before["tabs"] == [(("Session", "Log 2"), "Log 2")]
    shell.workspaces.save()
    path = shell.store.path("Mine")
    data = json.loads(path.read_text("utf-8"))
    data["window"]["state"] = ""
    path.write_text(json.dumps(data), "utf-8")
    shell.workspaces.reset()
    settle(True)
    shell.workspaces.open("Mine")
    settle(True)
    now = snapshot(win)
    assert now["tabs"] == before["tabs"]
    assert now["docks"]["probe-1"]["floating"] and now["docks"]["probe-1"]["geometry"] == (120, 140, 380, 260)
    assert now["docks"]["log-1"]["closed"] and not now["docks"]["log-2"]["closed"]
