"""The action registry: titles in two languages, keys, rebinding, conflicts, and the hotkey page."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from app.ui.actions import ActionRegistry, ActionSpec
from app.ui.hotkeys import HotkeyDialog


def make_registry():
    reg = ActionRegistry()
    hits = []
    reg.register(ActionSpec("a.buy", "Buy", "매수", ("F9",), "trading", lambda: hits.append("buy")))
    reg.register(ActionSpec("a.sell", "Sell", "매도", ("F8",), "trading", lambda: hits.append("sell")))
    reg.register(ActionSpec("a.later", "Later", "나중", (), "trading"))
    return reg, hits


def test_register_trigger_and_titles():
    reg, hits = make_registry()
    assert reg.trigger("a.buy") and hits == ["buy"]
    assert not reg.trigger("a.later")  # no handler yet: disabled, not an error
    act = reg.qaction("a.buy")
    assert act.text() == "Buy" and act.shortcut() == QKeySequence("F9")
    assert not reg.qaction("a.later").isEnabled()
    reg.set_language("ko")
    assert act.text() == "매수"
    act.trigger()
    assert hits == ["buy", "buy"]
    reg.set_handler("a.later", lambda: hits.append("later"))
    assert reg.qaction("a.later").isEnabled()


def test_rebinding_and_conflicts():
    reg, _ = make_registry()
    act = reg.qaction("a.sell")
    reg.set_keys("a.sell", ["F9"])
    assert act.shortcut() == QKeySequence("F9")
    assert reg.conflicts() == {"F9": ["a.buy", "a.sell"]}
    assert reg.conflicts_of("a.buy") == ["a.sell"]
    assert reg.overrides() == {"a.sell": ["F9"]}
    reg.set_keys("a.sell", ["Ctrl+Shift+S"])
    assert reg.conflicts() == {}
    reg.reset_keys("a.sell")
    assert reg.keys("a.sell") == ("F8",) and reg.overrides() == {}


def test_overrides_survive_a_new_registry():
    reg, _ = make_registry()
    reg.set_keys("a.buy", ["Ctrl+B"])
    saved = reg.overrides()
    fresh = ActionRegistry()
    fresh.load_overrides(saved)
    fresh.register(ActionSpec("a.buy", "Buy", "매수", ("F9",)))
    assert fresh.keys("a.buy") == ("Ctrl+B",)


def test_search_in_both_languages():
    reg, _ = make_registry()
    assert [s.id for s in reg.search("매도")] == ["a.sell"]
    assert [s.id for s in reg.search("bu")] == ["a.buy"]


def test_hotkey_page_rebinds_and_shows_conflicts(qtbot, qtmodeltester):
    reg, _ = make_registry()
    dlg = HotkeyDialog(reg)
    qtbot.addWidget(dlg)
    qtmodeltester.check(dlg.model)
    dlg.select("a.sell")
    dlg.keys.setKeySequence(QKeySequence("F9"))
    dlg.assign_btn.click()  # F9 is Buy's: first a warning, nothing changes
    assert reg.keys("a.sell") == ("F8",) and reg.keys("a.buy") == ("F9",)
    assert "F9" in dlg.conflicts.text() and "Buy" in dlg.conflicts.text()
    dlg.assign_btn.click()  # again: the key moves
    assert reg.keys("a.sell") == ("F9",) and reg.keys("a.buy") == () and reg.conflicts() == {}
    reg.set_keys("a.buy", ["F9"])  # a clash from elsewhere (an old settings file) is shown in red
    assert "F9" in dlg.conflicts.text() and "Buy" in dlg.conflicts.text()
    row = dlg.model.ids.index("a.sell")
    assert dlg.model.data(dlg.model.index(row, 1), Qt.ItemDataRole.ForegroundRole) is not None
    dlg.select("a.sell")
    dlg.reset_btn.click()
    assert reg.keys("a.sell") == ("F8",) and dlg.conflicts.text() == ""
    qtmodeltester.check(dlg.model)


def test_shell_registry_has_the_commands(shell):
    reg = shell.context.actions
    for action_id in ("app.palette", "order.buy", "order.sell", "order.cancel_all",
                      "ticket.focus", "workspace.switch", "view.theme.toggle", "panel.open.log"):
        spec = reg.spec(action_id)
        assert spec.title_en and spec.title_ko
    assert reg.keys("app.palette") == ("Ctrl+K",)
    assert reg.conflicts() == {}
    menus = [a.text() for a in shell.window.menuBar().actions()]
    assert menus[:2] == ["File", "View"]


def test_rebinding_is_saved_with_settings(make_shell):
    first = make_shell()
    first.restore_workspace()
    first.context.actions.set_keys("order.buy", ["Ctrl+Alt+B"])
    first.save_state()
    second = make_shell()
    assert second.context.actions.keys("order.buy") == ("Ctrl+Alt+B",)
