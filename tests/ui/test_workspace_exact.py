"""Workspaces come back exactly as saved: tabs (order and front tab), splits and their sizes, floating
panels with their geometry, several panels of a kind with their settings and link colours — after a
switch away and back, after a restart, and after export → import."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QRect, Qt
from PySide6.QtWidgets import QApplication, QTabBar

from PySide6.QtCore import QSize

from app.ui.panels.registry import register
from tests.ui.probe_panel import ProbePanel


@register
class WideProbe(ProbePanel):
    """A probe with a real panel's size hint: a panel with none is squeezed to its minimum between
    the side columns, where Qt's layout has no single answer (no real panel is like that)."""

    kind = "wideprobe"
    title_en = "Wide probe"
    title_ko = "넓은 시험"

    def sizeHint(self) -> QSize:
        return QSize(600, 400)


LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea
H, V = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
SLACK = 3  # px, see same()


def settle(deferred_delete: bool = False) -> None:
    for _ in range(4):
        QApplication.processEvents()
    if deferred_delete:  # what the event loop does once control returns to it
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()


def tab_groups(win) -> list[tuple[tuple[str, ...], str]]:
    """Every visible tab group as (titles in tab order, title of the front tab)."""
    groups = []
    by_pointer = {shiboken6.getCppPointer(d)[0]: d for d in win.docks.values()}
    for bar in win.findChildren(QTabBar):
        if bar.parentWidget() is win and bar.isVisible() and bar.count() > 1:  # not a panel's own
            docks = [by_pointer.get(bar.tabData(i)) for i in range(bar.count())]
            # Qt may leave an outdated bar under the real one: the real one agrees with Qt's
            # grouping, and its front panel is the one on screen
            if None in docks or {docks[0], *win.tabifiedDockWidgets(docks[0])} != set(docks):
                continue
            if docks[bar.currentIndex()].visibleRegion().isEmpty():
                continue
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
    if size:  # restoreGeometry() keeps a window inside the screen (conftest: 1600x1000)
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


def widths(win, sizes: dict[str, int]) -> None:
    """Resize docks across and check Qt gave exactly that: a layout squeezed to its panels'
    minimum sizes has no single right answer, so the test layouts leave slack."""
    docks = [win.docks[i] for i in sizes]
    win.resizeDocks(docks, list(sizes.values()), H)
    settle()


def layout_split(shell) -> None:
    win = shell.window
    a = win.open_panel("wideprobe", link_group="red", area="bottom")
    b = win.open_panel("wideprobe", link_group="blue", area="bottom")
    win.splitDockWidget(a, b, V)
    settle()
    widths(win, {"session-1": 300, "log-1": 420})
    win.resizeDocks([a], [190], V)


def layout_floating(shell) -> None:
    win = shell.window
    log2 = win.open_panel("log")
    log2.setFloating(True)
    settle()
    log2.setGeometry(350, 220, 520, 340)
    win.docks["session-1"].close()  # a closed panel stays closed


def layout_three(shell) -> None:
    win = shell.window
    docks = [win.open_panel("wideprobe", link_group=g, area="bottom") for g in ("green", "green", "purple")]
    for dock, tf in zip(docks, ("1m", "5m", "1d")):
        dock.panel.timeframe = tf
    shell.context.links.publish("green", "TSLA")
    win.splitDockWidget(docks[0], docks[1], V)
    win.tabifyDockWidget(docks[0], docks[2])
    settle()
    widths(win, {"session-1": 330, "log-1": 400})
    docks[0].raise_()


LAYOUTS = {"tabbed": layout_tabbed, "split": layout_split, "floating": layout_floating,
           "three": layout_three}


def build(make_shell, qtbot, layout):
    shell = make_shell()
    shell.restore_workspace()
    win = shell.window
    win.remove_all_panels()  # a known start, whatever the factory layout holds
    settle(True)
    win.open_panel("session", "session-1", area="left")
    win.open_panel("log", "log-1", area="right")
    show(shell, qtbot, (1400, 860))
    LAYOUTS[layout](shell)
    settle()
    shell.workspaces.save("Mine")
    return shell, snapshot(shell.window)


def assert_same(shell, qtbot, before, after_deletes: bool = True):
    settle(after_deletes)
    now = snapshot(shell.window)
    assert sorted(now["docks"]) == sorted(before["docks"])
    diffs = [f"{iid}.{key}: {was[key]} -> {now['docks'][iid][key]}"
             for iid, was in before["docks"].items() for key in was
             if not same(key, was, now["docks"][iid])]
    assert not diffs
    assert now["tabs"] == before["tabs"]
    assert now["window"] == before["window"]


def same(key: str, was: dict, now: dict) -> bool:
    """Equal; a docked panel's rectangle within SLACK px. Qt re-fits the dock areas when it
    restores a layout whose side columns run the full height (the window's corners belong to
    them), and lands a pixel or three off; everything else must match exactly."""
    if key != "geometry" or was["floating"] or None in (was[key], now[key]):
        return was[key] == now[key]
    return all(abs(a - b) <= SLACK for a, b in zip(was[key], now[key]))


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
    shell.window.close()  # as on quit: the window closes, then the shell saves
    shell.save_state()
    assert shell.store.load("Mine")["window"]["tabs"] == shell.window.tab_groups()
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
    assert data["window"]["tabs"] == [{"ids": ["wideprobe-1", "wideprobe-3"], "front": "wideprobe-1"}]


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


@pytest.mark.parametrize("saved", [(3000, 200, 380, 260), (-2400, -1500, 380, 260), (1500, 980, 380, 260),
                                   (100, 100, 4000, 3000)])
def test_floating_panel_from_a_missing_screen_comes_back_on_screen(make_shell, qtbot, saved):
    """A panel floated on a second monitor that is unplugged by the next start (or a hand-edited
    rectangle) opens on the screen there is (conftest: 1600x1000), whole and within reach."""
    import json

    shell, _ = build(make_shell, qtbot, "floating")
    shell.workspaces.save()
    path = shell.store.path("Mine")
    data = json.loads(path.read_text("utf-8"))
    data["window"]["docks"]["log-2"]["geometry"] = list(saved)
    path.write_text(json.dumps(data), "utf-8")
    shell.workspaces.reset()
    settle(True)
    shell.workspaces.open("Mine")
    settle(True)
    dock = shell.window.docks["log-2"]
    assert dock.isFloating()
    screen = shell.window.screen().availableGeometry()
    assert screen.contains(dock.geometry()), dock.geometry()
    width, height = saved[2:]
    assert dock.width() == min(width, screen.width()) and dock.height() == min(height, screen.height())


def test_floating_panel_on_screen_keeps_its_place(make_shell, qtbot):
    """Only an unreachable panel is moved: one at the screen's edge stays exactly where it was."""
    import json

    shell, _ = build(make_shell, qtbot, "floating")
    path = shell.store.path("Mine")
    data = json.loads(path.read_text("utf-8"))
    data["window"]["docks"]["log-2"]["geometry"] = [1400, 600, 380, 260]  # half past the right edge
    path.write_text(json.dumps(data), "utf-8")
    shell.workspaces.reset()
    settle(True)
    shell.workspaces.open("Mine")
    settle(True)
    assert shell.window.docks["log-2"].geometry().getRect() == (1400, 600, 380, 260)


@pytest.mark.parametrize("place", [{"geometry": [0, 0, 2**40, 300]}, {"geometry": [-2**40, 0, 300, 300]},
                                   {"size": [2**40, 300]}, {"geometry": [0, 0, 300, 10**6]}])
def test_hand_edited_pixels_past_any_screen_open_the_rest(make_shell, qtbot, place):
    """A number of pixels no screen has (typed by hand) is dropped: the workspace opens with every
    other place as saved (Qt's 32-bit int raised OverflowError, and the opening stopped half-way)."""
    import json

    shell, before = build(make_shell, qtbot, "floating")
    path = shell.store.path("Mine")
    data = json.loads(path.read_text("utf-8"))
    data["window"]["state"] = ""  # the plain record alone places the panels
    data["window"]["docks"]["log-2"].update(place)
    data["window"]["docks"]["session-1"]["closed"] = True
    path.write_text(json.dumps(data), "utf-8")
    shell.workspaces.reset()
    settle(True)
    assert shell.workspaces.open("Mine")
    settle(True)
    docks = shell.window.docks
    assert docks["log-2"].isFloating() and docks["session-1"].isHidden()
    screen = shell.window.screen().availableGeometry()
    assert screen.intersects(docks["log-2"].geometry())
