"""The dock title bar: a panel floated out of a tab group and docked back with its button comes back
in front of its group; panels that drive a link group show its colour."""

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


def test_positions_show_and_change_the_link_group_they_drive(shell, qtbot):
    """The positions panel picks symbols (and closing orders) for its group's ticket: its title
    bar shows that group's dot and lets the trader change it, as the chart's and ticket's do."""
    win = shell.window
    win.show()
    qtbot.waitExposed(win)
    dock = win.docks["positions-1"]
    dock.raise_()
    qtbot.waitUntil(lambda: not dock.visibleRegion().isEmpty())
    assert dock.panel.link_group == "red"
    assert dock.title_bar.link.isVisible() and dock.title_bar.link.toolTip() == "Red"
    assert dock.title_bar.symbol.text() == ""  # it shows no one symbol itself
    blue = [a for a in dock.title_bar.link.menu().actions() if a.text() == "Blue"][0]
    blue.trigger()
    assert dock.panel.link_group == "blue" and dock.title_bar.link.toolTip() == "Blue"
    assert not win.docks["orders-1"].title_bar.link.isVisible()  # orders pick no symbol


def test_the_watchlist_shows_the_link_group_it_drives(shell, qtbot):
    win = shell.window
    win.show()
    qtbot.waitExposed(win)
    dock = win.docks["watchlist-1"]
    assert dock.panel.link_group == "red"
    assert dock.title_bar.link.isVisible() and dock.title_bar.link.toolTip() == "Red"


def test_a_title_with_an_ampersand_reads_as_written_in_tabs_and_menus(shell, qtbot):
    """'&' marks a shortcut letter in a tab or a menu: "Time & sales" read "Time _sales" in its tab,
    the View > Panels menu and New panel (the '&' swallowed, the space underlined). A floating
    panel's window title is plain text and keeps one '&'."""
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QTabBar

    win = shell.window
    win.show()
    qtbot.waitExposed(win)
    dock = win.docks["time_sales-1"]
    win.tabifyDockWidget(win.docks["watchlist-1"], dock)
    qtbot.waitUntil(lambda: any("time_sales-1" in g["ids"] for g in win.tab_groups()))
    tabs = [bar.tabText(i) for bar in win.findChildren(QTabBar) if bar.parentWidget() is win
            for i in range(bar.count())]
    menus = [a.text() for a in shell.panels_menu.actions() + shell.new_panel_menu.actions()]
    shown = [t for t in tabs + menus if "sales" in t]
    assert len(shown) >= 3  # its tab, its line in Panels, New ... panel
    for text in shown:
        assert QKeySequence.mnemonic(text).isEmpty(), text  # no shortcut letter: '&' is shown
        assert text.replace("&&", "&").count("Time & sales") == 1
    qtbot.mouseClick(dock.title_bar.float_btn, Qt.MouseButton.LeftButton)
    assert dock.isFloating() and dock.windowTitle() == "Time & sales"
    assert dock.title_bar.label.text() == "Time & sales"
    assert QKeySequence.mnemonic(dock.toggleViewAction().text()).isEmpty()
    qtbot.mouseClick(dock.title_bar.float_btn, Qt.MouseButton.LeftButton)
    assert not dock.isFloating() and dock.windowTitle() == "Time && sales"
