"""Rebinding a key another command already has: the dialog warns first and a second Assign moves
the key, so no key is ever bound twice (Qt fires neither of two window actions sharing a key)."""

from __future__ import annotations

import warnings

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def _activate(window, qtbot) -> None:
    window.show()
    qtbot.waitExposed(window)
    with warnings.catch_warnings():  # the offscreen platform activates no window by itself
        warnings.simplefilter("ignore", DeprecationWarning)
        QApplication.setActiveWindow(window)
    qtbot.waitActive(window)


def _type_key(dlg, qtbot, key, mods) -> None:
    dlg.keys.setFocus()
    qtbot.keyClick(dlg.keys, key, mods)


def test_a_key_in_use_is_moved_only_after_a_second_assign(shell, qtbot):
    reg = shell.context.actions
    shell.open_hotkeys()
    dlg = shell.hotkeys
    qtbot.waitExposed(dlg)
    dlg.select("view.language.ko")
    _type_key(dlg, qtbot, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(dlg.assign_btn, Qt.MouseButton.LeftButton)
    # warned, nothing changed: Ctrl+K still opens the palette from the window
    assert "Command palette" in dlg.conflicts.text() and "Assign again" in dlg.conflicts.text()
    assert reg.keys("app.palette") == ("Ctrl+K",) and reg.keys("view.language.ko") == ()
    assert reg.conflicts() == {}
    dlg.close()
    _activate(shell.window, qtbot)
    QTest.keyClick(shell.window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert shell.palette is not None and shell.palette.isVisible()
    QTest.keyClick(shell.palette.edit, Qt.Key.Key_Escape)
    assert not shell.palette.isVisible()
    # the second Assign with the same key moves it: the key now switches the language, once
    shell.open_hotkeys()
    dlg.select("view.language.ko")
    _type_key(dlg, qtbot, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(dlg.assign_btn, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dlg.assign_btn, Qt.MouseButton.LeftButton)
    assert reg.keys("view.language.ko") == ("Ctrl+K",) and reg.keys("app.palette") == ()
    assert reg.conflicts() == {} and dlg.conflicts.text() == ""
    dlg.close()
    _activate(shell.window, qtbot)
    QTest.keyClick(shell.window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert shell.context.lang == "ko"
    assert not shell.palette.isVisible()


def test_a_free_key_is_assigned_at_once(shell, qtbot):
    reg = shell.context.actions
    shell.open_hotkeys()
    dlg = shell.hotkeys
    dlg.select("app.about")
    _type_key(dlg, qtbot, Qt.Key.Key_F6, Qt.KeyboardModifier.NoModifier)
    qtbot.mouseClick(dlg.assign_btn, Qt.MouseButton.LeftButton)
    assert reg.keys("app.about") == ("F6",)



def test_reset_all_asks_first_and_keeps_the_row(shell, qtbot):
    from PySide6.QtWidgets import QMessageBox

    reg = shell.context.actions
    reg.set_keys("order.buy", ["Ctrl+Alt+B"])
    reg.set_keys("app.about", ["F6"])
    shell.open_hotkeys()
    dlg = shell.hotkeys
    dlg.select("app.about")
    qtbot.mouseClick(dlg.reset_all_btn, Qt.MouseButton.LeftButton)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes and reg.keys("order.buy") == ("Ctrl+Alt+B",)  # nothing lost before the answer
    qtbot.mouseClick(boxes[-1].button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    assert reg.keys("order.buy") == ("Ctrl+Alt+B",) and reg.keys("app.about") == ("F6",)
    qtbot.mouseClick(dlg.reset_all_btn, Qt.MouseButton.LeftButton)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    qtbot.mouseClick(boxes[-1].button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert reg.keys("order.buy") == ("F9",) and reg.keys("app.about") == () and reg.overrides() == {}
    assert dlg.current_id() == "app.about"


def test_without_a_command_chosen_nothing_pretends_to_work_and_typing_chooses_one(shell, qtbot):
    """Opened with no row chosen, a typed key and Assign did nothing and said nothing. Now Assign,
    Clear, Reset and the key field wait for a command, and filtering chooses the first one left:
    letters, Tab, Tab, a key, Enter assign it without the mouse."""
    reg = shell.context.actions
    shell.open_hotkeys()
    dlg = shell.hotkeys
    _activate(dlg, qtbot)
    assert dlg.current_id() is None
    assert not any(w.isEnabled() for w in (dlg.keys, dlg.assign_btn, dlg.clear_btn, dlg.reset_btn))
    dlg.filter.setFocus()
    qtbot.keyClicks(dlg.filter, "about")
    assert dlg.current_id() == "app.about" and dlg.assign_btn.isEnabled()
    qtbot.keyClick(dlg.filter, Qt.Key.Key_Tab)
    assert dlg.view.hasFocus()
    qtbot.keyClick(dlg.view, Qt.Key.Key_Tab)
    assert dlg.keys.hasFocus() or dlg.keys.isAncestorOf(QApplication.focusWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert QApplication.focusWidget() is dlg.assign_btn  # one key ends the edit: Enter is Assign
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert reg.keys("app.about") == ("F6",)
