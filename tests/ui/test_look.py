"""Mode badge (live cannot be mistaken), themes switch at run time, Korean translation loads."""

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from app.trading.session import Mode
from app.ui import i18n


def test_mode_badge_and_title(shell):
    win = shell.window
    win.set_mode(Mode.DEMO)
    demo_style = win.status.badge.styleSheet()
    assert "DEMO" in win.status.badge.text() and "DEMO" in win.windowTitle()
    win.set_mode(Mode.PAPER)
    assert "모의투자" in win.status.badge.text()
    win.set_mode(Mode.LIVE)
    assert "LIVE" in win.status.badge.text() and "실거래" in win.status.badge.text()
    assert "⚠" in win.windowTitle() and "LIVE" in win.windowTitle()
    assert "#c4161c" in win.status.badge.styleSheet() and win.status.badge.styleSheet() != demo_style
    assert win.property("mode") == "live"
    assert win.contentsMargins().left() >= 3  # room for the red frame round the window
    win.resize(400, 300)
    corner = win.grab().toImage().pixelColor(1, 150)
    assert corner.red() > 150 and corner.green() < 60
    win.set_mode(Mode.DEMO)
    assert win.contentsMargins().left() == 0


def test_theme_switch_at_run_time(shell):
    app = QApplication.instance()
    shell.set_theme("dark")
    dark = app.palette().color(QPalette.ColorRole.Window).lightness()
    shell.context.actions.trigger("view.theme.toggle")
    assert shell.theme.name == "light" and shell.settings.theme == "light"
    assert app.palette().color(QPalette.ColorRole.Window).lightness() > dark
    shell.toggle_theme()
    assert shell.theme.name == "dark"


def test_korean_translation(make_shell):
    s = make_shell(lang="ko")
    s.restore_workspace()
    assert s.window.docks["log-1"].windowTitle() == "로그"
    menus = [a.text() for a in s.window.menuBar().actions()]
    assert "파일" in menus
    assert s.context.actions.qaction("app.quit").text() == "종료"
    s.set_language("en")
    assert s.window.docks["log-1"].windowTitle() == "Log"
    assert i18n.resolve("ko") == "ko" and i18n.resolve("auto") in ("ko", "en")
