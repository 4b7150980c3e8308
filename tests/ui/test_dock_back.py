"""A panel floated out of a tab group and docked back with its title-bar button comes back in
front of its group (it used to land behind whichever tab was showing, out of sight)."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_docking_back_shows_the_panel_in_front_of_its_tabs(shell, qtbot):
    win = shell.window
    win.show()
    qtbot.waitExposed(win)
    dock = win.docks["balances-1"]
    dock.raise_()
    qtbot.waitUntil(lambda: {"ids": ["orders-1", "positions-1", "balances-1", "log-1", "session-1"],
                             "front": "balances-1"} in win.tab_groups())
    qtbot.mouseClick(dock.title_bar.float_btn, Qt.MouseButton.LeftButton)
    assert dock.isFloating()
    qtbot.waitUntil(lambda: any(g["front"] != "balances-1" and "balances-1" not in g["ids"]
                                for g in win.tab_groups()))
    qtbot.mouseClick(dock.title_bar.float_btn, Qt.MouseButton.LeftButton)
    assert not dock.isFloating()
    qtbot.waitUntil(lambda: any("balances-1" in g["ids"] for g in win.tab_groups()))
    group = next(g for g in win.tab_groups() if "balances-1" in g["ids"])
    assert group["front"] == "balances-1"
    assert not dock.visibleRegion().isEmpty()
