"""Command palette finds actions and symbols; link groups carry a symbol to every panel of a colour."""

from PySide6.QtCore import Qt

from app.ui.palette import VALUE_ROLE
from tests.ui import probe_panel  # noqa: F401


def test_palette_finds_and_runs_an_action(shell, qtbot):
    shell.context.actions.trigger("app.palette")
    pal = shell.palette
    assert pal.isVisible() or not shell.window.isVisible()
    qtbot.keyClicks(pal.edit, "theme")
    assert ("action", "view.theme.toggle") in pal.results()
    before = shell.theme.name
    qtbot.keyClick(pal.edit, Qt.Key.Key_Return)
    assert shell.theme.name != before


def test_palette_finds_actions_in_korean(shell, qtbot):
    shell.open_palette()
    shell.palette.edit.setText("작업공간 저장")  # QTest cannot type Hangul
    assert ("action", "workspace.save") in shell.palette.results()


def test_palette_finds_a_symbol_and_loads_it_in_the_group(shell, qtbot):
    win = shell.window
    red1 = win.open_panel("probe", link_group="red").panel
    red2 = win.open_panel("probe", link_group="red").panel
    blue = win.open_panel("probe", link_group="blue").panel
    win.active_panel = red1
    shell.open_palette()
    qtbot.keyClicks(shell.palette.edit, "tsl")
    results = shell.palette.results()
    assert results[0] == ("symbol", "TSLA")
    qtbot.keyClick(shell.palette.edit, Qt.Key.Key_Return)
    assert red1.symbol == red2.symbol == "TSLA"
    assert blue.symbol == ""
    assert win.docks["probe-1"].title_bar.symbol.text() == "TSLA"


def test_choosing_in_one_panel_propagates_within_its_group(shell):
    win = shell.window
    a = win.open_panel("probe", link_group="green").panel
    b = win.open_panel("probe", link_group="green").panel
    c = win.open_panel("probe", link_group="purple").panel
    lone = win.open_panel("probe").panel
    a.symbol_chosen.emit("nvda")
    assert a.symbol == b.symbol == "NVDA" and c.symbol == "" and lone.symbol == ""
    lone.symbol_chosen.emit("KO")
    assert lone.symbol == "KO" and a.symbol == "NVDA"
    shell.context.links.set_group(c, "green")  # joining a group loads its symbol
    assert c.symbol == "NVDA"
    assert b.loads == ["NVDA"]  # one load per change, no echo


def test_link_menu_on_the_dock_changes_group(shell):
    dock = shell.window.open_panel("probe")
    menu = dock.title_bar.link.menu()
    blue = [a for a in menu.actions() if a.text() == "Blue"][0]
    blue.trigger()
    assert dock.panel.link_group == "blue"


def test_palette_symbol_rows_speak_korean(shell, qtbot):
    shell.context.actions.trigger("view.language.ko")
    shell.context.actions.trigger("app.palette")
    qtbot.keyClicks(shell.palette.edit, "tsla")
    row = shell.palette.results().index(("symbol", "TSLA"))
    text = shell.palette.list.item(row).text()
    assert "종목 · NASDAQ" in text and "Symbol" not in text


def test_palette_rows_are_one_line_each_with_the_keys_at_the_right(shell, qtbot):
    """Title left, keys right, one line a row: at the palette's size a dozen commands show at once
    (two lines a row showed six under Xvfb)."""
    shell.window.resize(1440, 880)
    shell.window.show()
    qtbot.waitExposed(shell.window)
    shell.context.actions.trigger("app.palette")
    pal = shell.palette
    qtbot.waitUntil(lambda: pal.list.visualItemRect(pal.list.item(0)).height() > 0)
    view = pal.list.viewport().rect()
    shown = [i for i in range(pal.list.count()) if view.contains(pal.list.visualItemRect(pal.list.item(i)))]
    assert len(shown) >= 12
    rect = pal.list.visualItemRect(pal.list.item(0))
    assert rect.height() < 2 * pal.list.fontMetrics().height()
    row = [i for i in range(pal.list.count()) if pal.list.item(i).data(VALUE_ROLE) == "app.palette"][0]
    assert pal.list.item(row).text().endswith("Ctrl+K")  # the keys still travel with the row


def test_palette_names_workspaces_as_the_menus_do(shell, qtbot):
    """In Korean the Default workspace is 기본 everywhere (title bar, Switch workspace): the palette
    showed "Default" and found nothing for 기본; Enter on it switches to it."""
    shell.workspaces.save("Futures")
    shell.context.actions.trigger("view.language.ko")
    shell.context.actions.trigger("app.palette")
    shell.palette.edit.setText("기본")  # QTest cannot type Hangul
    rows = shell.palette.results()
    assert ("workspace", "Default") in rows
    text = shell.palette.list.item(rows.index(("workspace", "Default"))).text()
    assert text.startswith("기본") and "Default" not in text
    shell.palette.list.setCurrentRow(rows.index(("workspace", "Default")))
    qtbot.keyClick(shell.palette.edit, Qt.Key.Key_Return)
    assert shell.workspaces.current == "Default"
    assert shell.window.windowTitle().split(" — ")[1] == "기본"
