"""Watchlist actions are registered (palette, rebindable keys) and act on the right panel; the
Settings menu toggles the colour convention and tick flashes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from app.ui import watchlist_actions
from app.ui.panels.base import Panel
from tests.ui.test_watchlist import finish, make_panel


@pytest.mark.asyncio
async def test_actions_are_registered_and_never_hit_another_panels_focus(live, qtbot):
    panel = await make_panel(live, qtbot)
    reg = live.context.actions
    for action_id, *_rest in watchlist_actions.SPECS:
        spec = reg.spec(action_id)
        assert spec.title_en and spec.title_ko and spec.category == "watchlist"
    assert reg.keys("watchlist.remove") == ("Del",)
    assert {s.id for s in reg.search("price alert")} >= {"watchlist.alert", "watchlist.alerts"}
    for s in ("AAPL", "MSFT"):
        panel.add_symbol(s)
    panel._select(0)

    class Other(Panel):
        kind = "probe-other"

    other = Other(live.context)
    box = QLineEdit(other)
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    box.setFocus()
    await live.until(lambda: box.hasFocus())
    # focus in another panel: Delete there never removes a watchlist row
    assert watchlist_actions.target(live.context, True) is None
    reg.trigger("watchlist.remove")
    assert panel.model.symbols() == ["AAPL", "MSFT"]
    assert watchlist_actions.target(live.context, False) is panel  # harmless ones still reach it
    # a rebound key works in the watchlist (the view reads the registry)
    reg.set_keys("watchlist.remove", ["Ctrl+D"])
    panel.activateWindow()
    panel.view.setFocus()
    panel._select(0)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)  # no longer bound
    assert panel.model.symbols() == ["AAPL", "MSFT"]
    qtbot.keyClick(panel.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert panel.model.symbols() == ["MSFT"]
    reg.reset_keys("watchlist.remove")
    # from the palette (no focus in any panel) the last used watchlist is the target
    panel.view.clearFocus()
    other.close()
    reg.trigger("watchlist.add")
    assert watchlist_actions.target(live.context, False) is panel
    await finish(live, panel)


def test_settings_menu_toggles_colours_and_flashes(shell):
    reg, prefs = shell.context.actions, shell.settings
    heard = []
    shell.context.settings_changed.connect(lambda: heard.append(1))
    act = reg.qaction("view.colors.western")
    assert prefs.color_convention == "korean" and not act.isChecked()
    act.trigger()
    assert prefs.color_convention == "western" and act.isChecked() and heard == [1]
    act.trigger()
    assert prefs.color_convention == "korean" and not act.isChecked()
    flash = reg.qaction("view.flash_ticks")
    assert flash.isChecked()
    flash.trigger()
    assert prefs.flash_ticks is False and not flash.isChecked()
    settings_menu = [m for m in shell.window.menuBar().actions() if m.menu() and m.menu().objectName() == "menu:Settings"]
    titles = [a.text() for a in settings_menu[0].menu().actions()]
    assert "Western colours (up green, down red)" in titles and "Flash price ticks" in titles


def test_alt_a_sets_an_alert_only_with_the_focus_in_the_watchlist(shell, qtbot):
    """QA: Alt+A ('Set price alert…') opened the watchlist's alert dialog while the focus was in
    the order ticket. Its keys are now the watchlist's own (a widget-with-children shortcut on
    each watchlist panel, none on the window): in the table or the entry they act, in the ticket
    not; the palette still reaches the watchlist used last."""
    from app.ui.watchlist_dialogs import AlertDialog

    win = shell.window
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    watchlist, ticket = win.docks["watchlist-1"].panel, win.docks["ticket-1"].panel
    view = watchlist.view

    def shown() -> list:
        return [d for d in watchlist.findChildren(AlertDialog) if d.isVisible()]

    def close(dlg) -> None:
        dlg.reject()
        assert not dlg.isVisible()

    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(watchlist.model.index(0, 0)).center())
    assert view.hasFocus() and watchlist.selected_rows() == [0]
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # in the table
    assert len(shown()) == 1
    close(shown()[0])
    watchlist.entry.setFocus()
    qtbot.waitUntil(watchlist.entry.hasFocus)
    qtbot.keyClick(watchlist.entry, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # elsewhere in the panel
    assert len(shown()) == 1
    close(shown()[0])
    ticket.qty_edit.setFocus()
    qtbot.waitUntil(ticket.qty_edit.hasFocus)
    qtbot.keyClick(ticket.qty_edit, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # in the ticket: nothing
    assert shown() == [] and ticket.qty_edit.hasFocus()
    shell.context.actions.trigger("watchlist.alert")  # the palette: the watchlist used last
    assert len(shown()) == 1
    close(shown()[0])
